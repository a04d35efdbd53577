package main

import (
	"fmt"
	"sort"
	"strings"
)

// Inflected confusion sets: a set of confusable words (affect effect) makes
// sets of their inflected forms (affected effected, affects effects) where
// every form is a dictionary word seen in the reference text, so that the
// hand-written list need not spell out each form. The factor is inherited.

// inflections returns the regular -s, -ed and -ing forms of a word, "" where
// the ending does not apply.
func inflections(w string) [3]string {
	if len(w) < 3 || strings.ContainsAny(w, "' ") {
		return [3]string{}
	}
	last := w[len(w)-1]
	prev := w[len(w)-2]
	vowel := func(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }
	var s, ed, ing string
	switch {
	case strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x") || strings.HasSuffix(w, "z") ||
		strings.HasSuffix(w, "ch") || strings.HasSuffix(w, "sh"):
		s = w + "es"
	case last == 'y' && !vowel(prev):
		s = w[:len(w)-1] + "ies"
	default:
		s = w + "s"
	}
	switch {
	case last == 'e':
		ed, ing = w+"d", w[:len(w)-1]+"ing"
	case last == 'y' && !vowel(prev):
		ed, ing = w[:len(w)-1]+"ied", w+"ing"
	default:
		ed, ing = w+"ed", w+"ing"
	}
	return [3]string{s, ed, ing}
}

// expandSets adds the inflected sets. A form must be a dictionary word
// (SCOWL level 60 or below), and all forms but one seen minInflected times
// in the reference text; a set with a function word (are our) or whose forms are not all distinct
// words (aid aide: aided) is left out, and so is a form that a
// hand-written set already holds.
func expandSets(sets []confusionSet, lx *lexicon, counts map[string]int) []confusionSet {
	listed := map[string]bool{}
	for _, s := range sets {
		for _, w := range s.words {
			listed[w] = true
		}
	}
	seen := map[string]bool{}
	out := append([]confusionSet(nil), sets...)
	for _, s := range sets {
		for k := 0; k < 3; k++ {
			var forms []string
			ok := true
			distinct := map[string]bool{}
			for _, w := range s.words {
				f := inflections(w)[k]
				if functionWords[w] || distinct[f] {
					ok = false // function words do not inflect; two words, one form
					break
				}
				distinct[f] = true
				l, known := lx.level[f]
				if f == "" || !known || l > 60 || listed[f] {
					ok = false
					break
				}
				forms = append(forms, f)
			}
			if !ok || len(forms) < 2 {
				continue
			}
			// every form seen in the reference text, or all but one: a
			// form too rare to be seen there (loosing) is just the kind
			// of word the rare-word tests catch beside a common partner
			unseen := 0
			for _, f := range forms {
				if counts[f] < minInflected {
					unseen++
				}
			}
			if unseen > 1 {
				continue
			}
			sort.Strings(forms)
			key := strings.Join(forms, " ")
			if seen[key] {
				continue
			}
			seen[key] = true
			out = append(out, confusionSet{words: forms, factor: s.factor})
		}
	}
	return out
}

const minInflected = 3

// setsText writes the confusion sets in the syntax of confusables.txt.
func setsText(header string, sets []confusionSet) string {
	var b strings.Builder
	b.WriteString(header)
	b.WriteString("# confusion sets: confusables.txt with the inflected sets made from it\n")
	for _, s := range sets {
		b.WriteString(strings.Join(s.words, " "))
		if s.factor > 0 {
			fmt.Fprintf(&b, " ; %g", s.factor)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// wordCounts counts every word of the corpus.
func (c *corpus) wordCounts() map[string]int {
	n := map[string]int{}
	for _, ctx := range c.docs {
		for _, w := range ctx {
			n[w]++
		}
	}
	return n
}
