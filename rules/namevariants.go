package rules

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/copydesk/copydesk/internal/core"
	"github.com/copydesk/copydesk/internal/dict"
)

// NameVariants finds one name spelled two ways in one article: forms that
// differ only in hyphens, spaces or accents ("Kim Jong Un" / "Kim Jong-un",
// "Zoe" / "Zoë"), and a capitalised word one letter away from a name the
// article uses more often ("Stokholm" once, "Stockholm" three times). It
// never flags a pair when both forms are known words or names (Iran / Iraq,
// Austria / Australia), nor plurals and possessives; it offers the form the
// article uses more (or the known one), and says how often each occurs.
//
// When the odd form is not a word at all and the other is a dictionary name,
// the finding is a misspelling (category typo); otherwise it is a matter of
// consistency.
type NameVariants struct{}

func (NameVariants) Meta() core.Meta {
	return core.Meta{
		ID: "Copy.NameVariants", Category: core.CatConsistency, Severity: core.Warning,
		Doc:        "One name spelled two ways in one article.",
		Example:    "Kim Jong-un (once) beside Kim Jong Un (four times) -> Kim Jong Un",
		Quotes:     core.QuoteSame,
		Categories: []string{core.CatTypo},
	}
}

type nameForm struct {
	surface string
	spans   []core.Span
	known   bool
}

// fold lower-cases a name and strips accents, hyphens, spaces and
// apostrophes: the forms of one name share it.
func fold(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return foldUnicode(s)
		}
	}
	return string(appendFoldASCII(make([]byte, 0, len(s)), s))
}

// appendFoldASCII appends fold(s) for an ASCII s, which NFD leaves as it
// is: the letters lower-cased, hyphens, spaces and apostrophes dropped.
func appendFoldASCII(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '-' || c == ' ' || c == '\'':
		case 'A' <= c && c <= 'Z':
			b = append(b, c+'a'-'A')
		default:
			b = append(b, c)
		}
	}
	return b
}

func foldUnicode(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r), r == '-', r == ' ', r == '\'', r == '’', r == '‐':
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func namePossessive(s string) string {
	for _, suf := range []string{"'s", "’s", "'", "’"} {
		if strings.HasSuffix(s, suf) && len(s) > len(suf)+1 {
			return s[:len(s)-len(suf)]
		}
	}
	return s
}

// nameVerifyLimit is the longest plain text whose findings are verified
// by checking the text again with each fix applied (see Check).
const nameVerifyLimit = 256 << 10

// Check reports the names spelled two ways. On a plain text of article
// size, each finding's fix is also tried: a fix after which the rule would
// report the same place again (the corrected name now joins a run that
// spells another name two ways, or raises a near miss to twice seen) is
// not offered, and the finding with it. Longer texts rely on the checks
// made while reporting (fixMakesNewVariant).
func (r NameVariants) Check(d *core.Doc) []core.Finding {
	out := r.check(d)
	if len(out) == 0 || d.Format != core.FormatText || len(d.Prose) > nameVerifyLimit || d.Prose != d.Text {
		return out
	}
	kept := out[:0]
	for _, f := range out {
		if !r.fixUndone(d, f) {
			kept = append(kept, f)
		}
	}
	return kept
}

// fixUndone: with f's fix applied, the rule reports the fixed words again.
func (r NameVariants) fixUndone(d *core.Doc, f core.Finding) bool {
	if len(f.Fixes) == 0 || len(f.Fixes[0].Edits) != 1 {
		return false
	}
	e := f.Fixes[0].Edits[0]
	fixed := d.Prose[:e.Start] + e.New + d.Prose[e.End:]
	nd := core.NewDoc(d.Path, fixed, core.FormatText, d.Options)
	end := e.Start + len(e.New)
	for _, g := range r.check(nd) {
		if g.Start < end && e.Start < g.End {
			return true
		}
	}
	return false
}

func (r NameVariants) check(d *core.Doc) []core.Finding {
	words := d.Words()
	paras := d.Paras()
	// candidate names: runs of capitalised words joined by a space or a
	// hyphen (a hyphen may join a lower-case part: Jong-un), outside
	// headlines and bylines, and not all capitals
	// the forms of each folded key (most keys have one form, so a short
	// list searched in order serves better than a map per key)
	byKey := map[string]*[]*nameForm{}
	var keyBuf []byte
	add := func(s, e int) {
		surface := namePossessive(d.Prose[s:e])
		var m *[]*nameForm
		if asciiOnly(surface) {
			// the key is built in a buffer; a string is made for new keys only
			keyBuf = appendFoldASCII(keyBuf[:0], surface)
			if len(keyBuf) < 3 {
				return
			}
			if m = byKey[string(keyBuf)]; m == nil {
				m = new([]*nameForm)
				byKey[string(keyBuf)] = m
			}
		} else {
			key := fold(surface)
			if utf8.RuneCountInString(key) < 3 {
				return
			}
			if m = byKey[key]; m == nil {
				m = new([]*nameForm)
				byKey[key] = m
			}
		}
		var f *nameForm
		for _, g := range *m {
			if g.surface == surface {
				f = g
				break
			}
		}
		if f == nil {
			f = &nameForm{surface: surface}
			*m = append(*m, f)
		}
		f.spans = append(f.spans, core.Span{Start: s, End: s + len(surface)})
	}
	single := map[string]*nameForm{} // one-word names, for near misses
	pi := 0
	for i := 0; i < len(words); i++ {
		w := words[i]
		if !w.Has(core.WCap) || w.Has(core.WAllCaps) || w.Has(core.WDigit) {
			continue
		}
		// the paragraph of the word (d.ParaAt, found by walking on: the
		// words come in order)
		for pi < len(paras) && paras[pi].End < w.Start {
			pi++
		}
		if pi >= len(paras) || paras[pi].Start > w.Start || paras[pi].Kind == core.KindByline || paras[pi].Kind == core.KindHeadline {
			continue
		}
		// extend the run
		j := i
		for j+1 < len(words) && j-i < 4 && joinsName(d, words, j, j+1) {
			j++
		}
		if j > i {
			for a := i; a <= j; a++ {
				for b := a + 1; b <= j; b++ {
					if words[a].Has(core.WHyphenBefore) || !words[a].Has(core.WCap) {
						continue
					}
					add(words[a].Start, words[b].End)
				}
			}
		}
		for k := i; k <= j; k++ {
			w := words[k]
			if !w.Has(core.WCap) || w.Has(core.WSentStart) || w.Has(core.WHyphenBefore) || k+1 < len(words) && words[k+1].Has(core.WHyphenBefore) {
				continue
			}
			surface := namePossessive(d.WordText(w))
			f := single[surface]
			if f == nil {
				f = &nameForm{surface: surface, known: known(d, surface)}
				single[surface] = f
			}
			f.spans = append(f.spans, core.Span{Start: w.Start, End: w.Start + len(surface)})
		}
		// one-word names written with a hyphen or space elsewhere
		add(w.Start, w.End)
		i = j
	}
	var out []core.Finding
	// reported marks the bytes of the prose that findings cover, so that
	// no name is reported twice (a bit per byte, made at the first report)
	var reported []uint64
	report := func(odd, best *nameForm, cat, why string, spans []core.Span) {
		if reported == nil {
			reported = make([]uint64, len(d.Prose)/64+1)
		}
		for _, sp := range spans {
			for b := sp.Start; b < sp.End; b++ {
				reported[b/64] |= 1 << (b % 64)
			}
			out = append(out, core.Finding{
				Start: sp.Start, End: sp.End, Severity: core.Warning, Category: cat,
				Message: fmt.Sprintf("'%s' (%s) and '%s' (%s) look like one name spelled two ways%s; use one spelling.",
					odd.surface, times(len(odd.spans)), best.surface, times(len(best.spans)), why),
				Fixes: []core.Fix{core.Replace(sp.Start, sp.End, best.surface, "Use '"+best.surface+"'")},
			})
		}
	}
	// forms of one name that differ in separators or accents only
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	// longer names first, so "Kim Jong-un" is reported whole and not again
	// as "Jong-un"; names of one length in byte order
	slices.SortFunc(keys, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
	seenSpan := map[core.Span]bool{}
	overlaps := func(f *nameForm) bool {
		if reported == nil {
			return false
		}
		for _, sp := range f.spans {
			for b := sp.Start; b < sp.End; b++ {
				if reported[b/64]&(1<<(b%64)) != 0 {
					return true
				}
			}
		}
		return false
	}
	for _, k := range keys {
		m := *byKey[k]
		if len(m) < 2 {
			continue
		}
		forms := sortedForms(m)
		best := forms[0]
		for _, odd := range forms[1:] {
			if strings.EqualFold(odd.surface, best.surface) {
				continue // case alone: a headline style or a title
			}
			if hasSpaceOrHyphen(odd.surface) == hasSpaceOrHyphen(best.surface) && !accentsDiffer(odd.surface, best.surface) && !hyphenSpaceDiffer(odd.surface, best.surface) {
				continue
			}
			if !breaksNest(odd.surface, best.surface) {
				continue // the same letters cut elsewhere: "Lee Anne" / "Leean Ne" are not one name
			}
			if spansCross(odd.spans, best.spans) {
				continue // two readings of the same words ("A A-A A" holds "A A-A" and "A-A A")
			}
			if len(odd.spans) == len(best.spans) && preferKnown(odd.surface, best.surface) {
				odd, best = best, odd
			}
			if overlaps(odd) {
				continue
			}
			for _, sp := range odd.spans {
				seenSpan[sp] = true
			}
			// a span inside a longer run of names is not replaced where the
			// run would then spell another name of the article two ways
			// ("AAa A" with "AAa" made "Aa A" reads "Aa A A")
			spans := odd.spans[:0:0]
			for _, sp := range odd.spans {
				if !fixMakesNewVariant(d, words, sp, best.surface, odd.spans, byKey) {
					spans = append(spans, sp)
				}
			}
			if len(spans) == 0 {
				continue
			}
			report(odd, best, core.CatConsistency, "", spans)
		}
	}
	// one-word names one letter apart: a name seen once is compared with
	// the names seen twice or more that could be near it (nearWords), and
	// with the known names that are it with two letters swapped
	names := make([]*nameForm, 0, len(single))
	for _, f := range single {
		names = append(names, f)
	}
	sort.Slice(names, func(i, j int) bool { return names[i].surface < names[j].surface })
	frequent := newNearWords()
	for i, f := range names {
		if len(f.spans) >= 2 {
			frequent.add(f.surface, i)
		}
	}
	for _, odd := range names {
		if odd.known || d.Vocab.Accepts(odd.surface) || len(odd.spans) > 1 {
			continue
		}
		var best *nameForm
		consider := func(other *nameForm) {
			if other == odd || !nearName(odd.surface, other.surface) {
				return
			}
			// evidence that the other form is the name: the article uses it
			// more than once, or it is a known name and the odd form is it
			// with two letters swapped (Thaliand), a slip rather than another
			// person's name (Michel, Michael)
			if len(other.spans) < 2 && !((other.known || d.Vocab.Accepts(other.surface)) && swapped(odd.surface, other.surface)) {
				return
			}
			// the commonest form; of equal ones, the first in order
			if best == nil || len(other.spans) > len(best.spans) || len(other.spans) == len(best.spans) && other.surface < best.surface {
				best = other
			}
		}
		frequent.nearby(odd.surface, 2, func(e nearEntry) { consider(names[e.index]) })
		for _, sw := range swaps(odd.surface) {
			if other := single[sw]; other != nil && len(other.spans) < 2 {
				consider(other)
			}
		}
		if best == nil || seenSpan[odd.spans[0]] || overlaps(odd) {
			continue
		}
		cat := core.CatConsistency
		if best.known {
			cat = core.CatTypo
		}
		// the near miss is a one-word name seen once, so it has one span
		if fixMakesNewVariant(d, words, odd.spans[0], best.surface, odd.spans, byKey) {
			continue
		}
		report(odd, best, cat, "", odd.spans)
	}
	return out
}

func times(n int) string {
	if n == 1 {
		return "once"
	}
	if n == 2 {
		return "twice"
	}
	return fmt.Sprintf("%d times", n)
}

func sortedForms(m []*nameForm) []*nameForm {
	forms := append([]*nameForm(nil), m...)
	sort.Slice(forms, func(i, j int) bool {
		if len(forms[i].spans) != len(forms[j].spans) {
			return len(forms[i].spans) > len(forms[j].spans)
		}
		return forms[i].spans[0].Start < forms[j].spans[0].Start
	})
	return forms
}

func hasSpaceOrHyphen(s string) bool { return strings.ContainsAny(s, " -") }

// fixMakesNewVariant: replacing the name at sp with best makes, with the
// capitalised words that join the span in a run, a name that the article
// writes another way (a form under the same folded key that would be
// reported beside it). Forms that lie in the names being replaced (the odd
// form's spans) do not count: the fix takes them away. Where no word joins
// the span, nothing new can form.
func fixMakesNewVariant(d *core.Doc, words []core.Word, sp core.Span, best string, replaced []core.Span, byKey map[string]*[]*nameForm) bool {
	k := sort.Search(len(words), func(k int) bool { return words[k].Start >= sp.Start })
	j := sort.Search(len(words), func(j int) bool { return words[j].End >= sp.End })
	if k >= len(words) || j >= len(words) {
		return true
	}
	// the run around the span, as check makes runs: to the left only over
	// words that can be in one (a capital, or a part after a hyphen)
	rs, re := k, j
	for rs > 0 && joinsName(d, words, rs-1, rs) && (words[rs-1].Has(core.WCap) || words[rs-1].Has(core.WHyphenBefore)) {
		rs--
	}
	for re+1 < len(words) && joinsName(d, words, re, re+1) {
		re++
	}
	if rs == k && re == j {
		return false
	}
	// the run as it would read, cut into words at spaces and hyphens, with
	// the words of the replacement marked
	text := d.Prose[words[rs].Start:sp.Start] + best + d.Prose[sp.End:words[re].End]
	from, to := len(d.Prose[words[rs].Start:sp.Start]), len(d.Prose[words[rs].Start:sp.Start])+len(best)
	type part struct{ s, e int }
	var parts []part
	for i := 0; i < len(text); {
		for i < len(text) && (text[i] == ' ' || text[i] == '-') {
			i++
		}
		e := i
		for e < len(text) && text[e] != ' ' && text[e] != '-' {
			e++
		}
		if e > i {
			parts = append(parts, part{i, e})
		}
		i = e
	}
	for a := range parts {
		for b := a; b < len(parts) && b < a+5; b++ {
			if parts[b].e <= from || parts[a].s >= to || parts[a].s == from && parts[b].e == to {
				continue // outside the replacement, or the replacement itself
			}
			surface := text[parts[a].s:parts[b].e]
			m := byKey[fold(surface)]
			if m == nil {
				continue
			}
			for _, g := range *m {
				if within(g.spans, replaced) {
					continue
				}
				if !strings.EqualFold(g.surface, surface) && breaksNest(g.surface, surface) &&
					(hasSpaceOrHyphen(g.surface) != hasSpaceOrHyphen(surface) || accentsDiffer(g.surface, surface) || hyphenSpaceDiffer(g.surface, surface)) {
					return true
				}
			}
		}
	}
	return false
}

// joinsName: word b carries on the run of names that word a is in: joined
// to it by a hyphen (Jong-un), or a capitalised word after one space that
// does not start a sentence and is not in capitals.
func joinsName(d *core.Doc, words []core.Word, a, b int) bool {
	nx := words[b]
	return nx.Has(core.WHyphenBefore) || d.Prose[words[a].End:nx.Start] == " " && nx.Has(core.WCap) && !nx.Has(core.WAllCaps) && !nx.Has(core.WSentStart)
}

// within: every span of a overlaps a span of b.
func within(a, b []core.Span) bool {
	for _, x := range a {
		if !spansCross([]core.Span{x}, b) {
			return false
		}
	}
	return true
}

// spansCross: a span of a overlaps a span of b.
func spansCross(a, b []core.Span) bool {
	for _, x := range a {
		for _, y := range b {
			if x.Start < y.End && y.Start < x.End {
				return true
			}
		}
	}
	return false
}

// breaksNest: where one form breaks its letters (at a space, a hyphen or
// an apostrophe), the other breaks them too, or does not break at all
// there: one form joins words the other keeps apart (Kim Jong Un / Kim
// Jong-un / Kim Jongun). Forms whose breaks fall at different letters are
// different names that happen to share the letters.
func breaksNest(a, b string) bool {
	ba, bb := letterBreaks(a), letterBreaks(b)
	return subsetOf(ba, bb) || subsetOf(bb, ba)
}

// letterBreaks lists, for each separator of s, how many letters (as fold
// keeps them) come before it.
func letterBreaks(s string) []int {
	var out []int
	n := 0
	for _, r := range norm.NFD.String(s) {
		switch {
		case r == '-' || r == ' ' || r == '\'' || r == '’' || r == '‐':
			if len(out) == 0 || out[len(out)-1] != n {
				out = append(out, n)
			}
		case unicode.Is(unicode.Mn, r):
		default:
			n++
		}
	}
	return out
}

// subsetOf: every element of the sorted list a is in the sorted list b.
func subsetOf(a, b []int) bool {
	j := 0
	for _, x := range a {
		for j < len(b) && b[j] < x {
			j++
		}
		if j == len(b) || b[j] != x {
			return false
		}
	}
	return true
}

func hyphenSpaceDiffer(a, b string) bool {
	return strings.ReplaceAll(a, "-", " ") != a || strings.ReplaceAll(b, "-", " ") != b
}

func accentsDiffer(a, b string) bool {
	return a != b && fold(a) == fold(b) && strings.ToLower(a) != strings.ToLower(b)
}

// preferKnown: with equal counts, the form the dictionary knows wins.
func preferKnown(odd, best string) bool { return dict.Has("", odd) && !dict.Has("", best) }

// known: the dictionary lists the word (as a name or a common word).
func known(d *core.Doc, w string) bool { return dict.Has(d.Lang, w) }

// nearName reports whether two capitalised words are one edit apart (two for
// long names), and not a plural or possessive of one another.
func nearName(a, b string) bool {
	if a == b {
		return false
	}
	la, lb := utf8.RuneCountInString(a), utf8.RuneCountInString(b)
	if la < 4 || lb < 4 {
		return false
	}
	// the first letter of a name is rarely the slip
	if ra, _ := utf8.DecodeRuneInString(a); ra != firstRune(b) {
		return false
	}
	if strings.EqualFold(a, b) || nameSuffixed(a, b) || nameSuffixed(b, a) {
		return false
	}
	limit := 1
	if la >= 8 && lb >= 8 {
		limit = 2
	}
	return dict.Distance(a, b) <= limit
}

func asciiOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// nameSuffixed: b is a with an ending that makes a plural or a people's
// name of it (Clintons, Kenyan, Iraqi, Japanese).
func nameSuffixed(a, b string) bool {
	rest, ok := strings.CutPrefix(b, a)
	if !ok {
		return false
	}
	switch rest {
	case "s", "es", "n", "an", "ian", "i", "ese":
		return true
	}
	return false
}

// swaps lists the words made from w by exchanging two neighbouring
// letters.
func swaps(w string) []string {
	r := []rune(w)
	out := make([]string, 0, len(r))
	for i := 0; i+1 < len(r); i++ {
		if r[i] == r[i+1] {
			continue
		}
		r[i], r[i+1] = r[i+1], r[i]
		out = append(out, string(r))
		r[i], r[i+1] = r[i+1], r[i]
	}
	return out
}

// swapped reports whether b is a with two neighbouring letters exchanged.
func swapped(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) != len(rb) {
		return false
	}
	for i := 0; i+1 < len(ra); i++ {
		if ra[i] != rb[i] {
			return ra[i] == rb[i+1] && ra[i+1] == rb[i] && string(ra[i+2:]) == string(rb[i+2:])
		}
	}
	return false
}
