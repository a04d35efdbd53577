package rules

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/copydesk/copydesk/bench/newsgen"
	"github.com/copydesk/copydesk/internal/core"
)

// FuzzRules runs every Go rule on arbitrary text as plain text, Markdown and
// HTML, in both languages, and checks what the engine and the fixer rely on:
//
//   - no rule panics;
//   - every finding lies inside the prose, every edit of every fix applies
//     to the prose and keeps to character boundaries (when the prose is
//     valid UTF-8), and in plain text maps to the file;
//   - a fix does its work: applying one finding's fix and checking again
//     gives no finding of the same rule at the same place. "The same place"
//     is a new finding whose span, read back through the fix into the old
//     text, overlaps the old finding's span; a new finding elsewhere (the
//     third copy of a sentence moving up to where the second was) is a
//     finding of its own.
//
// Rules exempt from the last check, and why, are in refireExempt; rules
// whose findings come in kinds, in findingKind.
//
//	go test ./rules -run '^$' -fuzz FuzzRules -fuzztime 20s
func FuzzRules(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add(s, uint8(0), false)
	}
	f.Add("# Storm\n\nThe *storm* hit the the coast , officials said.\n\n[caption]x[/caption]\n", uint8(1), false)
	f.Add("<h1>Storm &amp; rain</h1><p>It&rsquo;s the the end&nbsp;.</p><p>“Open quote</p>", uint8(2), true)
	f.Fuzz(func(t *testing.T, text string, format uint8, british bool) {
		lang := "en-US"
		if british {
			lang = "en-GB"
		}
		d := core.NewDoc("fuzz.txt", text, core.Format(format%3), core.Options{Lang: lang})
		for _, r := range All() {
			checkRule(t, r, d)
		}
		if d.Format == core.FormatText && d.Prose == d.Text {
			for _, r := range All() {
				checkFixesHold(t, r, d)
			}
		}
	})
}

// findingKind tells apart, for rules that report more than one kind of
// problem, the kind of a finding, so that a fix that brings a problem of
// another kind to light is not taken for a fix that failed.
var findingKind = map[string]func(core.Finding) string{
	// Removing a line printed twice inside a paragraph can leave the
	// paragraph equal to the next one ("X\nX\n\nX"): a paragraph printed
	// twice, which the rule then reports. That is a new finding.
	"Copy.RepeatedLine": func(f core.Finding) string {
		if strings.Contains(f.Message, "This line") {
			return "line"
		}
		return "paragraph"
	},
}

// refireExempt names the rules whose fix may leave a finding of the same
// rule at the same place, and why that is right.
var refireExempt = map[string]string{
	// &amp;amp; is an entity escaped twice: decoding it once leaves &amp;,
	// which is reported again. Decoding both layers at once would guess at
	// what the writer meant; one layer a time is what the copy shows.
	"Copy.CMSLeftover": "a doubly escaped entity is decoded one layer at a time",
}

func fuzzSeeds() []string {
	seeds := []string{
		"",
		"The the the vote tool place on Monday , officials said.",
		"Storm closes schools\n\nStorm closes schools\n\nStorm closes schools\n\nClasses resume Friday.\n",
		"He said  , and then   ; a  b",
		"The plan will cost &amp;amp; about $4&nbsp;&nbsp;million. It&rsquo;s TK.",
		"Advertisement\n\nRead more: Budget row\n\n<p>&nbsp;</p>\n",
		"We will rebuild,\" Lee said. \"Next, she said.\n\n\"Continued\" here.",
		"The hearing is set for Friday, Nov. 30, 2019. Feb. 30, 2023 was a Monday.",
		"Officials in Stockholm met. Officials in Stockholm said Stokholm was calm. Kim Jong Un and Kim Jong-un.",
		"The goverment recieved thefirst letter and seperate notes from the mayor who anounced it.",
		"“Yes,” she said. Then: \"No.\" It's and it’s.",
		"The vote was 5-2 in favor of the plan today. The vote was 5-2 in favor of the plan today. The vote was 5-2 in favor of the plan today.",
		"Caption line here today\nCaption line here today\nCaption line here today\n",
	}
	for i := int64(1); i <= 3; i++ {
		a := newsgen.New(i).Article(1500)
		seeds = append(seeds, a)
	}
	return seeds
}

// checkRule runs one rule and checks its findings and fixes.
func checkRule(t *testing.T, r core.Rule, d *core.Doc) []core.Finding {
	t.Helper()
	id := r.Meta().ID
	var fs []core.Finding
	func() {
		defer func() {
			if p := recover(); p != nil {
				t.Fatalf("%s panics on %q (format %v): %v", id, d.Text, d.Format, p)
			}
		}()
		fs = r.Check(d)
	}()
	valid := utf8.ValidString(d.Prose)
	for _, f := range fs {
		if f.Start < 0 || f.Start > f.End || f.End > len(d.Prose) {
			t.Fatalf("%s: finding [%d,%d) outside %d bytes of prose %q", id, f.Start, f.End, len(d.Prose), d.Prose)
		}
		for _, fx := range f.Fixes {
			if len(fx.Edits) == 0 {
				t.Fatalf("%s: fix %q has no edits", id, fx.Title)
			}
			if _, err := core.ApplyEdits(d.Prose, fx.Edits); err != nil {
				t.Fatalf("%s: fix %q on %q: %v", id, fx.Title, d.Prose, err)
			}
			for _, e := range fx.Edits {
				if valid && !core.OnRuneBoundaries(d.Prose, e) {
					t.Fatalf("%s: edit %+v splits a character of %q", id, e, d.Prose)
				}
				if _, ok := d.TextEditSliding(e); !ok && d.Format == core.FormatText {
					t.Fatalf("%s: edit %+v of plain text cannot be mapped to the file %q", id, e, d.Text)
				}
			}
		}
	}
	return fs
}

// checkFixesHold applies each fix of each finding of r on its own and
// checks the text again.
func checkFixesHold(t *testing.T, r core.Rule, d *core.Doc) {
	t.Helper()
	id := r.Meta().ID
	if _, ok := refireExempt[id]; ok {
		return
	}
	for _, f := range r.Check(d) {
		for k, fx := range f.Fixes {
			if k == 3 {
				break
			}
			fixed, err := core.ApplyEdits(d.Prose, fx.Edits)
			if err != nil {
				continue // reported by checkRule
			}
			d2 := core.NewDoc("fuzz.txt", fixed, core.FormatText, d.Options)
			for _, g := range r.Check(d2) {
				s, e := backThrough(fx.Edits, g.Start, g.End)
				if kind := findingKind[id]; kind != nil && kind(f) != kind(g) {
					continue
				}
				if sameSpot(s, e, f.Start, f.End) {
					t.Fatalf("%s: after the fix %q of %q at [%d,%d) in\n%q\nthe rule reports %q at [%d,%d) of\n%q\n(%s)",
						id, fx.Title, d.Prose[f.Start:f.End], f.Start, f.End, d.Prose, fixed[g.Start:g.End], g.Start, g.End, fixed, g.Message)
				}
			}
		}
	}
}

// backThrough maps a span of the fixed text back to the text before the
// edits: text an edit inserted stands for the span that edit replaced, and a
// span that starts (ends) where text was deleted starts after (ends before)
// the deletion.
func backThrough(edits []core.Edit, s, e int) (int, int) {
	es := append([]core.Edit(nil), edits...)
	sort.Slice(es, func(i, j int) bool { return es[i].Start < es[j].Start })
	back := func(p int, end bool) int {
		delta := 0
		for _, ed := range es {
			ns := ed.Start + delta // where the edit's new text starts
			ne := ns + len(ed.New)
			if end {
				if p <= ns {
					return p - delta
				}
				if p <= ne {
					return ed.End
				}
			} else {
				if p < ns {
					return p - delta
				}
				if p < ne {
					return ed.Start
				}
			}
			delta += len(ed.New) - (ed.End - ed.Start)
		}
		return p - delta
	}
	bs, be := back(s, false), back(e, true)
	if bs > be {
		bs, be = be, bs // an empty span where text was deleted
	}
	return bs, be
}

// sameSpot: two spans overlap, or one is empty and touches the other.
func sameSpot(s1, e1, s2, e2 int) bool {
	if s1 == e1 || s2 == e2 {
		return s1 <= e2 && s2 <= e1
	}
	return s1 < e2 && s2 < e1
}

func TestBackThroughReadsSpansBeforeTheFix(t *testing.T) {
	edits := []core.Edit{{Start: 3, End: 7, New: ""}, {Start: 10, End: 10, New: "xy"}}
	for _, c := range []struct{ s, e, ws, we int }{
		{0, 3, 0, 3},   // before the deletion
		{3, 4, 7, 8},   // just after it
		{2, 4, 2, 8},   // across it
		{6, 8, 10, 10}, // the insertion
		{8, 9, 10, 11}, // after it
		{3, 3, 3, 7},   // empty, where text was deleted
	} {
		if s, e := backThrough(edits, c.s, c.e); s != c.ws || e != c.we {
			t.Errorf("[%d,%d) maps back to [%d,%d), want [%d,%d)", c.s, c.e, s, e, c.ws, c.we)
		}
	}
}

func TestFuzzSeedsHoldTheRuleProperties(t *testing.T) {
	for i, s := range fuzzSeeds() {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			for _, lang := range []string{"en-US", "en-GB"} {
				d := core.NewDoc("fuzz.txt", s, core.FormatText, core.Options{Lang: lang})
				for _, r := range All() {
					checkRule(t, r, d)
					if d.Prose == d.Text {
						checkFixesHold(t, r, d)
					}
				}
			}
		})
	}
}
