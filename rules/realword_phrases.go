package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/copydesk/copydesk/internal/core"
	"github.com/copydesk/copydesk/rules/realword"
)

// phraseFindings looks up every run of two or more words in the phrase
// table (rules/realword/variants.tsv): an index lookup per window, so the
// cost is linear in the text. Guards, from the copy-desk checks catalogue:
//   - case: each word is lower case, or capitalised where the phrase itself
//     is (United States), or the first word of a sentence; so "Tool Place
//     LLC" and a band called Free Reign pass;
//   - the newsroom vocabulary accepts the window or the changed word;
//   - a generated variant that occurs twice or more in the article is meant;
//   - a real phrase that holds the window (guards.txt) protects it;
//   - a window glued by a hyphen to a word outside it is part of another
//     compound.
func phraseFindings(d *core.Doc, toks []realword.Tok, skip []bool) []core.Finding {
	t, err := realword.Phrases()
	if err != nil {
		panic("realword: " + err.Error()) // the embedded table is tested
	}
	type match struct {
		i, n    int
		run     int
		entries []realword.Entry
	}
	var ms []match
	seen := map[int]int{}
	words := make([]string, 0, t.MaxLen)
	for i := range toks {
		if skip[i] || toks[i].Sep == realword.SepHyphen || i+1 == len(toks) {
			continue
		}
		longest := t.Opens(toks[i].Norm, toks[i+1].Norm)
		if longest == 0 {
			continue
		}
		words = append(words[:0], toks[i].Norm)
		for n := 2; n <= longest && i+n <= len(toks); n++ {
			j := i + n - 1
			if skip[j] {
				break
			}
			if s := toks[j].Sep; s != realword.SepSpace && s != realword.SepHyphen {
				break
			}
			words = append(words, toks[j].Norm)
			run, es := t.Lookup(words)
			if len(es) == 0 {
				continue
			}
			if i+n < len(toks) && toks[i+n].Sep == realword.SepHyphen {
				continue
			}
			ms = append(ms, match{i, n, run, es})
			seen[run]++
		}
	}
	if len(ms) == 0 {
		return nil
	}
	apos := apostrophe(d)
	var out []core.Finding
	for _, m := range ms {
		var fixes []core.Fix
		var right string
		sev := core.Warning
		for k := range m.entries {
			e := &m.entries[k]
			if e.Flags&realword.FlagGenerated != 0 && e.Flags&realword.FlagEmbarrassing == 0 && seen[m.run] >= 2 {
				continue
			}
			fix, fixed, ok := phraseFix(d, toks[m.i:m.i+m.n], e, apos)
			if !ok || guarded(toks, m.i, e) || vocabAccepts(d, toks[m.i:m.i+m.n], e) || undone(t, toks, m.i, m.n, e) {
				continue
			}
			if len(fixes) == 0 {
				right = fixed
			}
			fixes = append(fixes, fix)
			if e.Flags&realword.FlagEmbarrassing != 0 {
				sev = core.Error
			}
		}
		if len(fixes) == 0 {
			continue
		}
		start, end := toks[m.i].Start, toks[m.i+m.n-1].End
		out = append(out, core.Finding{
			Rule:     "Copy.RealWord",
			Category: core.CatRealWord,
			Severity: sev,
			Start:    start,
			End:      end,
			Message:  fmt.Sprintf("'%s': did you mean '%s'?", d.Prose[start:end], right),
			Fixes:    fixes,
		})
	}
	return dropOverlaps(out)
}

// dropOverlaps keeps, of findings whose spans overlap, the longest (the
// earliest of equals); but of two that make the same change, the shorter
// ("death tool", not "the death tool"). Findings are handled in clusters of
// overlapping spans, so the cost stays linear in the text.
func dropOverlaps(fs []core.Finding) []core.Finding {
	if len(fs) < 2 {
		return fs
	}
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].Start < fs[j].Start })
	var out []core.Finding
	for i := 0; i < len(fs); {
		j, end := i+1, fs[i].End
		for j < len(fs) && fs[j].Start < end {
			end = max(end, fs[j].End)
			j++
		}
		out = append(out, resolveCluster(fs[i:j])...)
		i = j
	}
	return out
}

// resolveCluster picks the findings to keep from a few overlapping ones.
func resolveCluster(fs []core.Finding) []core.Finding {
	if len(fs) == 1 {
		return fs
	}
	fs = dropSameChange(fs)
	idx := make([]int, len(fs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		la, lb := fs[idx[a]].End-fs[idx[a]].Start, fs[idx[b]].End-fs[idx[b]].Start
		if la != lb {
			return la > lb
		}
		return fs[idx[a]].Start < fs[idx[b]].Start
	})
	var kept []core.Finding
	for _, i := range idx {
		f := fs[i]
		ok := true
		for _, k := range kept {
			if f.Start < k.End && k.Start < f.End {
				ok = false
				break
			}
		}
		if ok {
			kept = append(kept, f)
		}
	}
	sort.Slice(kept, func(a, b int) bool { return kept[a].Start < kept[b].Start })
	return kept
}

// phraseFix checks the case guard for entry e on the window and builds the
// fix that changes only the words that differ. It returns the fix, the
// window as fixed, and whether the entry applies.
func phraseFix(d *core.Doc, win []realword.Tok, e *realword.Entry, apos string) (core.Fix, string, bool) {
	n, rn := len(e.Wrong), len(e.Right)
	rnorm := make([]string, rn)
	for k, w := range e.Right {
		rnorm[k] = realword.Normalize(w)
	}
	p := 0
	for p < n && p < rn && e.Wrong[p] == rnorm[p] {
		p++
	}
	s := 0
	for s < n-p && s < rn-p && e.Wrong[n-1-s] == rnorm[rn-1-s] {
		s++
	}
	// the canonical word each written word answers to
	canon := func(k int) string {
		switch {
		case k < p:
			return e.Right[k]
		case k >= n-s:
			return e.Right[rn-(n-k)]
		}
		return e.Right[min(k, rn-s-1, rn-1)]
	}
	for k, t := range win {
		w := d.Prose[t.Start:t.End]
		switch caseOf(w) {
		case caseLower:
		case caseTitle:
			if caseOf(canon(k)) != caseTitle && !(k == 0 && t.Flags&core.WSentStart != 0) {
				return core.Fix{}, "", false
			}
		default:
			return core.Fix{}, "", false
		}
	}
	var edits []core.Edit
	if n-p-s == rn-p-s {
		for k := p; k < n-s; k++ {
			t := win[k]
			if t.Norm == rnorm[k] {
				continue
			}
			edits = append(edits, core.Edit{Start: t.Start, End: t.End, New: withApostrophe(withCase(d.Prose[t.Start:t.End], e.Right[k]), apos)})
		}
	} else {
		var b strings.Builder
		for k := p; k < rn-s; k++ {
			if k > p {
				b.WriteString(e.RightSeps[k-1])
			}
			b.WriteString(e.Right[k])
		}
		repl := withApostrophe(b.String(), apos)
		if n-p-s == 0 {
			// an insertion before win[p]
			at := win[p].Start
			edits = append(edits, core.Edit{Start: at, End: at, New: repl + " "})
		} else {
			first := win[p]
			repl = withCase(d.Prose[first.Start:first.End], repl)
			edits = append(edits, core.Edit{Start: first.Start, End: win[n-1-s].End, New: repl})
		}
	}
	if len(edits) == 0 {
		return core.Fix{}, "", false
	}
	start, end := win[0].Start, win[n-1].End
	fixed, err := core.ApplyEdits(d.Prose[start:end], shift(edits, -start))
	if err != nil {
		return core.Fix{}, "", false
	}
	return core.Fix{Title: fmt.Sprintf("Change to '%s'", fixed), Edits: edits}, fixed, true
}

func shift(es []core.Edit, by int) []core.Edit {
	out := make([]core.Edit, len(es))
	for i, e := range es {
		out[i] = core.Edit{Start: e.Start + by, End: e.End + by, New: e.New}
	}
	return out
}

// guarded reports whether a real phrase listed in guards.txt covers the
// match that starts at toks[i].
// undone reports whether the table, read over the corrected words with
// their neighbours, would flag the correction itself: two patterns that
// pull one word both ways ("of its a": "its a" asks for "it's a", and "of
// it's" for "of its"). The evidence then conflicts, and nothing is said.
func undone(t *realword.Table, toks []realword.Tok, i, n int, e *realword.Entry) bool {
	reach := t.MaxLen - 1
	var win []string
	for k := max(0, i-reach); k < i; k++ {
		win = append(win, toks[k].Norm)
	}
	from := len(win)
	for _, w := range e.Right {
		win = append(win, realword.Normalize(w))
	}
	to := len(win)
	for k := i + n; k < len(toks) && k < i+n+reach; k++ {
		win = append(win, toks[k].Norm)
	}
	for a := 0; a < to && a+1 < len(win); a++ {
		longest := t.Opens(win[a], win[a+1])
		for m := 2; m <= longest && a+m <= len(win); m++ {
			if a+m <= from {
				continue // ends before the corrected words
			}
			if _, es := t.Lookup(win[a : a+m]); len(es) > 0 {
				return true
			}
		}
	}
	return false
}

func guarded(toks []realword.Tok, i int, e *realword.Entry) bool {
	for _, g := range e.Guards {
		s := i - g.Offset
		if s < 0 || s+len(g.Words) > len(toks) {
			continue
		}
		ok := true
		for k, w := range g.Words {
			t := toks[s+k]
			if t.Norm != w || k > 0 && t.Sep != realword.SepSpace && t.Sep != realword.SepHyphen {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// vocabAccepts reports whether the newsroom vocabulary accepts the window
// as written or one of its changed words.
func vocabAccepts(d *core.Doc, win []realword.Tok, e *realword.Entry) bool {
	if d.Vocab == nil || d.Vocab.Empty() {
		return false
	}
	start, end := win[0].Start, win[len(win)-1].End
	if d.Vocab.Accepts(d.Prose[start:end]) {
		return true
	}
	for k, t := range win {
		if k < len(e.Right) && t.Norm == realword.Normalize(e.Right[k]) {
			continue
		}
		if d.Vocab.Accepts(d.Prose[t.Start:t.End]) {
			return true
		}
	}
	return false
}

// dropSameChange removes a finding whose first fix is the same as that of a
// shorter finding inside it.
func dropSameChange(fs []core.Finding) []core.Finding {
	key := func(f core.Finding) string {
		if len(f.Fixes) == 0 {
			return ""
		}
		return fmt.Sprint(f.Fixes[0].Edits)
	}
	out := fs[:0:0]
	for i, f := range fs {
		drop := false
		for j, g := range fs {
			if i == j || key(f) == "" || key(f) != key(g) {
				continue
			}
			inside := g.Start >= f.Start && g.End <= f.End
			if inside && (g.End-g.Start < f.End-f.Start || j < i) {
				drop = true
				break
			}
		}
		if !drop {
			out = append(out, f)
		}
	}
	return out
}
