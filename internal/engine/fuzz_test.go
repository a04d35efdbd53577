package engine

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/internal/core"
	"github.com/copydesk/copydesk/internal/vale"
)

// FuzzAlertSpan converts Vale alerts with any line, span and match on any
// text: never a panic, and a span inside the text (Vale's columns are
// characters; a wrong one must not become a slice out of range).
//
//	go test ./internal/engine -run '^$' -fuzz FuzzAlertSpan -fuzztime 15s
func FuzzAlertSpan(f *testing.F) {
	f.Add("\ufeffHead “Café” end-year\r\n\r\nThe naïve — end-year 😀, said Zoë.\n", 3, 10, 17, "end-year", uint8(0))
	f.Add("one\ntwo\nthree", 2, 1, 3, "two", uint8(1))
	f.Add("a\xffb\n", 1, 2, 2, "\xff", uint8(2))
	f.Add("", 0, 0, 0, "", uint8(0))
	f.Add("x", 5, -3, 1<<30, "missing", uint8(1))
	f.Add("<p>A &amp; B</p>\n", 1, 4, 8, "&amp;", uint8(2))
	f.Fuzz(func(t *testing.T, text string, line, s0, s1 int, match string, format uint8) {
		d := core.NewDoc("fuzz", text, core.Format(format%3), core.Options{})
		a := vale.Alert{Line: line, Span: [2]int{s0, s1}, Match: match, Check: "News.Said", Severity: "warning",
			Message: "m", Suggestions: []string{"x", ""}}
		start, end := AlertSpan(d, a)
		if start < 0 || start > end || end > len(text) {
			t.Fatalf("alert at line %d span %v match %q maps to [%d,%d) in %d bytes", line, a.Span, match, start, end, len(text))
		}
		// a match that is on the alert's line is found
		if ls, le := d.LineSpan(line); match != "" && line >= 1 && line <= d.Lines() && strings.Contains(text[ls:le], match) && text[start:end] != match {
			t.Fatalf("alert maps to %q, not its match %q on line %q", text[start:end], match, text[ls:le])
		}
		for _, check := range []string{"News.Said", "News.HeadlineCase", "Vale.Spelling"} {
			a.Check = check
			a.Action.Name = "remove"
			for _, fd := range convertAlerts(d, []vale.Alert{a}) {
				if fd.Start < 0 || fd.Start > fd.End || fd.End > len(text) {
					t.Fatalf("finding [%d,%d) in %d bytes", fd.Start, fd.End, len(text))
				}
				for _, fx := range fd.Fixes {
					if _, err := core.ApplyEdits(text, fx.Edits); err != nil {
						t.Fatalf("fix %+v: %v", fx, err)
					}
				}
			}
		}
	})
}

// FuzzPlan plans fixes for arbitrary findings: the chosen edits never
// overlap, lie on character boundaries, and apply.
func FuzzPlan(f *testing.F) {
	f.Add("The the vote tool place on Monday , he said.", []byte{0, 8, 4, 1, 9, 13, 3, 1, 30, 32, 0, 2, 4, 4, 5, 0})
	f.Add("é😀 x", []byte{1, 2, 1, 0, 0, 3, 2, 2, 5, 5, 1, 1})
	f.Fuzz(func(t *testing.T, text string, spec []byte) {
		d := core.NewDoc("fuzz", text, core.FormatText, core.Options{})
		n := len(text) + 1
		var fs []core.Finding
		news := []string{"", "x", "took", "\n"}
		for i := 0; i+3 < len(spec) && len(fs) < 40; i += 4 {
			s := int(spec[i]) % n
			e := min(len(text), s+int(spec[i+1])%12)
			f := core.Finding{Rule: fmt.Sprintf("Copy.Test%d", i), Start: s, End: e, Severity: core.Severity(spec[i+2] % 3)}
			for k := 0; k <= int(spec[i+3])%3; k++ {
				es := min(len(text), s+k)
				f.Fixes = append(f.Fixes, core.Replace(es, e, news[(int(spec[i+3])+k)%len(news)], ""))
			}
			if spec[i+3]%5 == 4 {
				f.Fixes = append(f.Fixes[:1:1], core.Fix{Title: "two edits", Edits: []core.Edit{{Start: s, End: s, New: "a"}, {Start: e, End: e, New: "b"}}})
			}
			fs = append(fs, f)
		}
		edits, applied, skipped := Plan(d, fs)
		if len(applied)+len(skipped) != countFixable(fs) {
			t.Fatalf("%d applied and %d skipped of %d findings with fixes", len(applied), len(skipped), countFixable(fs))
		}
		for i, a := range edits {
			if !core.OnRuneBoundaries(text, a) {
				t.Fatalf("edit %+v splits a character", a)
			}
			for _, b := range edits[i+1:] {
				if core.Overlaps(a, b) {
					t.Fatalf("edits %+v and %+v overlap", a, b)
				}
			}
		}
		if _, err := core.ApplyEdits(text, edits); err != nil {
			t.Fatalf("planned edits do not apply: %v", err)
		}
		// the same choices and reasons as comparing every pair
		wantEdits, wantApplied, wantSkipped := naivePlan(d, fs)
		if !reflect.DeepEqual(edits, wantEdits) || !reflect.DeepEqual(applied, wantApplied) || !reflect.DeepEqual(skipped, wantSkipped) {
			t.Fatalf("Plan chose\n%+v\n%+v\n%+v\nwant\n%+v\n%+v\n%+v", edits, applied, skipped, wantEdits, wantApplied, wantSkipped)
		}
	})
}

// naivePlan is Plan with the overlap test done against every chosen edit.
func naivePlan(d *core.Doc, fs []core.Finding) (edits []core.Edit, applied []core.Finding, skipped []Skip) {
	order := make([]int, 0, len(fs))
	for i, f := range fs {
		if len(f.Fixes) > 0 {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(a, b int) bool {
		fa, fb := fs[order[a]], fs[order[b]]
		if fa.Severity != fb.Severity {
			return fa.Severity > fb.Severity
		}
		return fa.Start < fb.Start
	})
	type owner struct {
		edit core.Edit
		f    core.Finding
	}
	var taken []owner
	for _, i := range order {
		f := fs[i]
		if len(f.Fixes) > 1 {
			titles := make([]string, len(f.Fixes))
			for k, fx := range f.Fixes {
				titles[k] = fx.Title
			}
			skipped = append(skipped, Skip{f, fmt.Sprintf("%d alternatives, choose one: %s", len(f.Fixes), strings.Join(titles, "; "))})
			continue
		}
		fx := f.Fixes[0]
		reason := ""
		for _, ed := range fx.Edits {
			if !core.OnRuneBoundaries(d.Text, ed) {
				reason = "its edit would split a character"
				break
			}
			for _, t := range taken {
				if core.Overlaps(ed, t.edit) {
					line, col := d.Position(t.f.Start)
					reason = fmt.Sprintf("it overlaps the fix for %s at %d:%d", t.f.Rule, line, col)
					break
				}
			}
			if reason != "" {
				break
			}
		}
		for a := 0; reason == "" && a < len(fx.Edits); a++ {
			for b := a + 1; b < len(fx.Edits); b++ {
				if core.Overlaps(fx.Edits[a], fx.Edits[b]) {
					reason = "its edits overlap"
					break
				}
			}
		}
		if reason != "" {
			skipped = append(skipped, Skip{f, reason})
			continue
		}
		for _, ed := range fx.Edits {
			taken = append(taken, owner{ed, f})
			edits = append(edits, ed)
		}
		applied = append(applied, f)
	}
	sort.SliceStable(applied, func(a, b int) bool { return applied[a].Start < applied[b].Start })
	return edits, applied, skipped
}

func countFixable(fs []core.Finding) int {
	n := 0
	for _, f := range fs {
		if len(f.Fixes) > 0 {
			n++
		}
	}
	return n
}
