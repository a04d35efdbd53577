package engine

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/copydesk/copydesk/internal/core"
)

// Skip is a finding whose fix was not applied, and why.
type Skip struct {
	Finding core.Finding
	Reason  string
}

// FixResult is a checked input with its fixes applied.
type FixResult struct {
	Result
	Fixed   string
	Applied []core.Finding
	Skipped []Skip
}

// Plan chooses the fixes to apply to one document: a finding is fixed
// automatically only when it has exactly one fix and that fix overlaps no
// fix already chosen; errors are chosen before warnings, warnings before
// suggestions, earlier before later.
func Plan(d *core.Doc, fs []core.Finding) (edits []core.Edit, applied []core.Finding, skipped []Skip) {
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
	var taken takenSet
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
			if k := taken.overlapping(ed); k >= 0 {
				t := fs[k]
				line, col := d.Position(t.Start)
				reason = fmt.Sprintf("it overlaps the fix for %s at %d:%d", t.Rule, line, col)
				break
			}
		}
		// two edits of one fix must not overlap each other either
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
			taken.add(ed, f.Severity, i)
			edits = append(edits, ed)
		}
		applied = append(applied, f)
	}
	sort.SliceStable(applied, func(a, b int) bool { return applied[a].Start < applied[b].Start })
	return edits, applied, skipped
}

// takenSet holds the edits chosen so far, for the overlap test of the next
// one without reading them all: each edit is an interval of cells (offset p
// is cell 2p, the bytes after it cell 2p+1), so that two edits overlap, as
// core.Overlaps has it, exactly when their cells meet. The chosen edits never
// meet, so each list is sorted by both ends. There is a list per severity:
// findings are chosen by severity, then by position, so each list grows at
// its end.
type takenSet struct {
	lists [3][]takenEdit
	n     int // edits added, for their order
}

type takenEdit struct {
	lo, hi int // cells, inclusive
	order  int // when it was added
	owner  int // index of its finding
}

func editCells(e core.Edit) (int, int) {
	if e.Start == e.End {
		return 2 * e.Start, 2 * e.Start
	}
	return 2*e.Start + 1, 2*e.End - 1
}

func (ts *takenSet) add(e core.Edit, sev core.Severity, owner int) {
	lo, hi := editCells(e)
	l := &ts.lists[min(max(int(sev), 0), 2)]
	k := sort.Search(len(*l), func(k int) bool { return (*l)[k].lo > lo })
	*l = slices.Insert(*l, k, takenEdit{lo, hi, ts.n, owner})
	ts.n++
}

// overlapping returns the finding whose chosen edit e overlaps (the first
// chosen, when several do), or -1.
func (ts *takenSet) overlapping(e core.Edit) int {
	lo, hi := editCells(e)
	best, owner := -1, -1
	for _, l := range ts.lists {
		for k := sort.Search(len(l), func(k int) bool { return l[k].hi >= lo }); k < len(l) && l[k].lo <= hi; k++ {
			if best < 0 || l[k].order < best {
				best, owner = l[k].order, l[k].owner
			}
		}
	}
	return owner
}

// Fix plans and applies the fixes of checked results, then checks the fixed
// texts again: a fix that would create a new error-level finding is taken
// back and reported as skipped.
func (e *Engine) Fix(ctx context.Context, results []Result) ([]FixResult, error) {
	out := make([]FixResult, len(results))
	for i, r := range results {
		out[i].Result = r
		out[i].Fixed = r.Text
		if r.Err != nil || r.Doc == nil {
			continue
		}
		edits, applied, skipped := Plan(r.Doc, r.Findings)
		fixed, err := core.ApplyEdits(r.Text, edits)
		if err != nil {
			out[i].Err = err
			continue
		}
		out[i].Fixed, out[i].Applied, out[i].Skipped = fixed, applied, skipped
	}
	for round := 0; round < 3; round++ {
		var idx []int
		var inputs []Input
		for i, fr := range out {
			if fr.Err == nil && fr.Doc != nil && len(fr.Applied) > 0 {
				in := fr.Input
				in.Text, in.DiskPath = fr.Fixed, ""
				if in.ConfigFrom == "" {
					in.ConfigFrom = in.Path
				}
				idx = append(idx, i)
				inputs = append(inputs, in)
			}
		}
		if len(inputs) == 0 {
			break
		}
		after, err := e.Check(ctx, inputs)
		if err != nil {
			return out, err
		}
		changed := false
		for k, i := range idx {
			fr := &out[i]
			bad := newErrors(fr.Result, after[k])
			if len(bad) == 0 {
				continue
			}
			blame := blamed(fr.Applied, bad)
			if len(blame) == 0 {
				continue
			}
			changed = true
			var keep []core.Finding
			var edits []core.Edit
			for j, f := range fr.Applied {
				if b, ok := blame[j]; ok {
					fr.Skipped = append(fr.Skipped, Skip{f, fmt.Sprintf("applying it would create a new error: %s [%s]", b.Message, b.Rule)})
					continue
				}
				keep = append(keep, f)
				edits = append(edits, f.Fixes[0].Edits...)
			}
			fixed, err := core.ApplyEdits(fr.Text, edits)
			if err != nil {
				fr.Err = err
				continue
			}
			fr.Applied, fr.Fixed = keep, fixed
		}
		if !changed {
			break
		}
	}
	return out, nil
}

// newErrors lists the error-level findings of after that before did not
// have (same rule, same words).
func newErrors(before, after Result) []core.Finding {
	seen := map[string]int{}
	for _, f := range before.Findings {
		if f.Severity == core.Error {
			seen[f.Rule+"\x00"+before.Text[f.Start:f.End]]++
		}
	}
	var out []core.Finding
	for _, f := range after.Findings {
		if f.Severity != core.Error {
			continue
		}
		k := f.Rule + "\x00" + after.Text[f.Start:f.End]
		if seen[k] > 0 {
			seen[k]--
			continue
		}
		out = append(out, f)
	}
	return out
}

// blamed maps applied findings (by index) to a new error their fix sits
// next to in the fixed text.
func blamed(applied []core.Finding, bad []core.Finding) map[int]core.Finding {
	type placed struct {
		i          int
		start, end int
	}
	var all []struct {
		i int
		e core.Edit
	}
	for i, f := range applied {
		for _, ed := range f.Fixes[0].Edits {
			all = append(all, struct {
				i int
				e core.Edit
			}{i, ed})
		}
	}
	sort.SliceStable(all, func(a, b int) bool { return all[a].e.Start < all[b].e.Start })
	var ps []placed
	delta := 0
	for _, x := range all {
		s := x.e.Start + delta
		ps = append(ps, placed{x.i, s, s + len(x.e.New)})
		delta += len(x.e.New) - (x.e.End - x.e.Start)
	}
	out := map[int]core.Finding{}
	for _, b := range bad {
		best, dist := -1, 81
		for _, p := range ps {
			d := 0
			switch {
			case p.end < b.Start:
				d = b.Start - p.end
			case p.start > b.End:
				d = p.start - b.End
			}
			if d < dist {
				best, dist = p.i, d
			}
		}
		if best >= 0 {
			out[best] = b
		}
	}
	return out
}
