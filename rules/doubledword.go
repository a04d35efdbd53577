package rules

import (
	"strings"
	"unicode/utf8"

	"github.com/copydesk/copydesk/internal/core"
)

// DoubledWord finds a word written twice ("the the"). It is copydesk's
// replacement for Vale.Repetition, which cannot be told that "had had" and
// "Walla Walla" are right.
type DoubledWord struct{}

func (DoubledWord) Meta() core.Meta {
	return core.Meta{
		ID: "Copy.DoubledWord", Category: core.CatRepetition, Severity: core.Error,
		Doc:     "A word written twice in a row.",
		Example: "said the the mayor -> said the mayor",
		Quotes:  core.QuoteLower,
	}
}

// doubledOK are pairs that are right twice: "had had", "that that", "what it
// is is", and reduplications that people write and say.
var doubledOK = map[string]bool{
	"had": true, "that": true, "is": true, "do": true, "ha": true, "bye": true, "no": true,
	"yes": true, "very": true, "so": true, "knock": true, "tsk": true, "boo": true, "go": true,
	"now": true, "well": true, "really": true, "blah": true, "la": true, "ooh": true, "oh": true,
	"tut": true, "pooh": true, "chop": true, "cha": true, "hush": true, "yum": true, "bang": true,
	"beep": true, "choo": true, "din": true, "dum": true, "ga": true, "hee": true, "ho": true,
	"mahi": true, "tom": true, "wah": true, "yada": true, "bla": true, "hubba": true, "pom": true,
	"bora": true, "walla": true, "pago": true, "baden": true, "sing": true, "duran": true,
	"chin": true, "never": true, "ding": true, "tick": true, "bla-bla": true, "far": true,
	"more": true, "many": true, "much": true, "long": true, "round": true, "over": true,
	"again": true,
}

// functionWords make a doubled word an error for certain; a doubled content
// word is very likely a slip too, but a human should look (warning).
var functionWords = map[string]bool{
	"the": true, "a": true, "an": true, "to": true, "of": true, "in": true, "on": true, "and": true,
	"for": true, "was": true, "were": true, "at": true, "by": true, "with": true, "from": true,
	"be": true, "has": true, "have": true, "as": true, "it": true, "its": true, "their": true,
	"his": true, "her": true, "he": true, "she": true, "they": true, "we": true, "will": true,
	"would": true, "could": true, "should": true, "can": true, "are": true, "or": true, "but": true,
	"not": true, "which": true, "who": true, "this": true, "up": true, "into": true, "than": true,
	"been": true, "said": true, "also": true, "our": true, "my": true, "your": true, "if": true,
}

func (DoubledWord) Check(d *core.Doc) []core.Finding {
	var out []core.Finding
	words := d.Words()
	var solo map[string]int // lazily: where each capitalised word first stands alone
	for i := 1; i < len(words); i++ {
		a := words[i-1]
		if a.Has(core.WDigit) {
			continue
		}
		if !doubledAgain(d, words, i) {
			if doubledName(d, words, i) {
				if solo == nil {
					solo = soloNames(d, words)
				}
				wa := d.Prose[a.Start:a.End]
				if first, ok := solo[wa]; ok && first < i-1 {
					out = append(out, core.Finding{
						Start: a.Start, End: words[i].End, Severity: core.Warning,
						Message: "'" + wa + "' is written twice; earlier the article writes it once.",
						Fixes: []core.Fix{{Title: "Delete the second '" + wa + "'",
							Edits: doubledDeletion(d, words, i, i)}},
					})
					i++
				}
			}
			continue
		}
		wa := d.Prose[a.Start:a.End]
		lw := strings.ToLower(wa)
		if doubledOK[lw] {
			continue
		}
		sev := core.Warning
		if functionWords[lw] {
			sev = core.Error
		}
		// "the the the" is one finding, and its fix leaves one "the"
		last := i
		for last+1 < len(words) && doubledAgain(d, words, last+1) {
			last++
		}
		f := core.Finding{
			Start: a.Start, End: words[last].End, Severity: sev,
			Message: "'" + wa + "' is written twice.",
			Fixes: []core.Fix{{Title: "Delete the second '" + d.Prose[words[i].Start:words[i].End] + "'",
				Edits: doubledDeletion(d, words, i, last)}},
		}
		if last > i {
			f.Message = "'" + wa + "' is written " + itoa(last-i+2) + " times."
			f.Fixes[0].Title = "Delete the repeats of '" + wa + "'"
		}
		out = append(out, f)
		i = last + 1 // the next pair starts after this run
	}
	return out
}

// doubledGap: what may stand between two copies of a word (spaces, or one
// line break).
func doubledGap(gap string) bool {
	return gap == " " || gap == "\n" || gap != "" && strings.Trim(gap, " ") == ""
}

// doubledAgain: word k repeats word k-1 in the same paragraph, separated by
// spaces or a line break, as a lower-case word (or in capitals: a
// capitalised repeat inside a sentence is a name, Walla Walla, Duran Duran),
// and not as the start of a hyphenated compound.
func doubledAgain(d *core.Doc, words []core.Word, k int) bool {
	a, b := words[k-1], words[k]
	if b.Has(core.WParaStart) || b.Has(core.WHyphenBefore) || !doubledGap(d.Prose[a.End:b.Start]) {
		return false
	}
	ta, tb := d.Prose[a.Start:a.End], d.Prose[b.Start:b.End]
	if c, e := ta[0], tb[0]; c < utf8.RuneSelf && e < utf8.RuneSelf && c|0x20 != e|0x20 {
		// two words that start with different ASCII letters or figures,
		// whatever their case (bit 0x20 is the case of a letter, and set in
		// every figure): not the same word, as EqualFold would find
		return false
	}
	if !strings.EqualFold(ta, tb) || b.Has(core.WCap) && !b.Has(core.WAllCaps) {
		return false
	}
	return b.End >= len(d.Prose) || d.Prose[b.End] != '-'
}

// doubledDeletion deletes the copies words[first..last] of words[first-1]:
// each with the spaces before it; after a line break, with the space after
// it instead, so that the lines stay as they were ("risks to\nto the" ->
// "risks to\nthe").
func doubledDeletion(d *core.Doc, words []core.Word, first, last int) []core.Edit {
	var edits []core.Edit
	add := func(s, e int) {
		if n := len(edits); n > 0 && edits[n-1].End >= s {
			edits[n-1].End = max(edits[n-1].End, e)
			return
		}
		edits = append(edits, core.Edit{Start: s, End: e})
	}
	afterBreak := false
	for k := first; k <= last; k++ {
		c := words[k]
		if d.Prose[words[k-1].End:c.Start] == "\n" {
			afterBreak = true
		}
		if !afterBreak {
			add(words[k-1].End, c.End)
			continue
		}
		e := c.End
		switch {
		case k < last && d.Prose[c.End:words[k+1].Start] != "\n":
			e = words[k+1].Start // the spaces before the next copy
		case k == last && e < len(d.Prose) && d.Prose[e] == ' ':
			e++
		}
		add(c.Start, e)
	}
	return edits
}

// doubledName: words k-1 and k are the same capitalised word inside a
// sentence ("But Henman Henman urged"), as a doubled name would be, and the
// pair is not part of a longer name (Kappa Kappa Gamma, anti-Western
// Western) or a name that is doubled by nature (Walla Walla). Whether it is a slip, the caller decides
// from the rest of the article.
func doubledName(d *core.Doc, words []core.Word, k int) bool {
	a, b := words[k-1], words[k]
	if !a.Has(core.WCap) || !b.Has(core.WCap) || a.Has(core.WAllCaps|core.WInnerCap|core.WNonLetter|core.WHyphenBefore) ||
		b.Has(core.WParaStart|core.WSentStart|core.WHyphenBefore) || d.Prose[a.End:b.Start] != " " {
		return false
	}
	ta, tb := d.Prose[a.Start:a.End], d.Prose[b.Start:b.End]
	if ta != tb || doubledOK[strings.ToLower(ta)] || utf8.RuneCountInString(ta) < 3 {
		return false
	}
	if b.End < len(d.Prose) && (d.Prose[b.End] == '-' || d.Prose[b.End] == '\'') {
		return false
	}
	if k >= 2 && !a.Has(core.WParaStart) && d.Prose[words[k-2].Start:words[k-2].End] == ta {
		return false // a run of three: a title or a chant (Run Run Run)
	}
	if k+1 < len(words) && words[k+1].Has(core.WCap) && !words[k+1].Has(core.WSentStart) &&
		strings.TrimSpace(d.Prose[b.End:words[k+1].Start]) == "" {
		return false // a longer name: Kappa Kappa Gamma
	}
	return true
}

// soloNames maps each capitalised word to the index of its first use alone:
// not beside a copy of itself, inside a sentence or as a sentence's first
// word, with a possessive 's counted as the name (Henman's). A name doubled
// by nature (Sirhan Sirhan) is written in full at its first mention, so a
// doubled name is reported only when the article used it alone before.
func soloNames(d *core.Doc, words []core.Word) map[string]int {
	m := map[string]int{}
	for i, w := range words {
		if !w.Has(core.WCap) || w.Has(core.WAllCaps) {
			continue
		}
		t := d.Prose[w.Start:w.End]
		t = strings.TrimSuffix(strings.TrimSuffix(t, "'s"), "’s")
		if _, ok := m[t]; ok {
			continue
		}
		same := func(j int) bool {
			if j < 0 || j >= len(words) {
				return false
			}
			u := d.Prose[words[j].Start:words[j].End]
			return strings.TrimSuffix(strings.TrimSuffix(u, "'s"), "’s") == t
		}
		if !same(i-1) && !same(i+1) {
			m[t] = i
		}
	}
	return m
}
