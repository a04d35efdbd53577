package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/internal/core"
)

// RepeatedSentence finds a sentence that appears twice in one article: a
// write-through merged over the previous version, a lede repeated further
// down, a sentence pasted twice in one paragraph. Sentences of fewer than six
// words ("He declined to comment.") repeat honestly and are left alone, as are
// paragraphs printed twice in a row (Copy.RepeatedLine reports those) and
// sentences inside quotations (Copy.RepeatedQuote).
type RepeatedSentence struct{}

func (RepeatedSentence) Meta() core.Meta {
	return core.Meta{
		ID: "Copy.RepeatedSentence", Category: core.CatRepetition, Severity: core.Warning,
		Doc:     "The same sentence twice in one article.",
		Example: "The vote was 5-2 in favor of the plan. ... The vote was 5-2 in favor of the plan. -> delete one",
		Quotes:  core.QuoteSkip,
	}
}

const minRepeatedWords = 6

func (RepeatedSentence) Check(d *core.Doc) []core.Finding {
	var out []core.Finding
	paras := d.Paras()
	// sentences seen, by the hash of their normal form; a sentence whose
	// hash is there is compared in full with the ones that share it
	// (the sentences seen are kept in one list, each with the index of the
	// previous one of the same hash: no list per hash)
	seen := map[uint64]int32{} // hash -> index in kept, plus 1
	type keptSentence struct {
		span core.Span
		prev int32 // the previous sentence of the same hash, plus 1; 0 for none
	}
	var kept []keptSentence
	doubledPara, doubled := -1, false // paragraph doubledPara repeats the one before it
	for _, s := range d.Sentences() {
		text := d.Prose[s.Start:s.End]
		if !atLeastFields(text, minRepeatedWords) {
			continue
		}
		pi := d.ParaAt(s.Start)
		if pi < 0 || paras[pi].Kind == core.KindHeadline || paras[pi].Kind == core.KindCaption {
			continue
		}
		if d.InQuote(s.Start, s.End) {
			continue
		}
		h := normHash(text)
		first, ok := core.Span{}, false
		// no two sentences kept under one hash are equal, so at most one
		// matches and the order of the search does not matter
		for k := seen[h]; k != 0 && !ok; k = kept[k-1].prev {
			if sp := kept[k-1].span; normEqual(d.Prose[sp.Start:sp.End], text) {
				first, ok = sp, true
			}
		}
		if !ok {
			kept = append(kept, keptSentence{s, seen[h]})
			seen[h] = int32(len(kept))
			continue
		}
		// a paragraph printed twice in a row is Copy.RepeatedLine's (the
		// answer is kept for the next sentence, which is likely the copy of
		// the next sentence of the same paragraph)
		fp := d.ParaAt(first.Start)
		if fp == pi-1 {
			if pi != doubledPara {
				doubledPara, doubled = pi, normEqual(d.Prose[paras[fp].Start:paras[fp].End], d.Prose[paras[pi].Start:paras[pi].End])
			}
			if doubled {
				continue
			}
		}
		line, _ := d.Position(d.TextStart(first.Start))
		f := core.Finding{
			Start: s.Start, End: s.End, Severity: core.Warning,
			Message: "This sentence already appears in the article (line " + itoa(line) + "); delete one copy.",
		}
		// an exact copy in the same paragraph, or a copy that is a paragraph
		// of its own, can be deleted without rewriting anything
		switch {
		case fp == pi:
			start, end := s.Start, s.End
			for end < paras[pi].End && d.Prose[end] == ' ' {
				end++
			}
			if end == paras[pi].End {
				// the last sentence: take the space before it instead
				end = s.End
				for start > paras[pi].Start && d.Prose[start-1] == ' ' {
					start--
				}
			}
			f.Fixes = []core.Fix{core.Replace(start, end, "", "Delete the second copy")}
		case wholePara(d, paras[pi], s) && pi > 0:
			f.Fixes = []core.Fix{core.Replace(paras[pi-1].End, paras[pi].End, "", "Delete the paragraph")}
		}
		out = append(out, f)
	}
	return out
}

// atLeastFields reports whether s holds n or more words separated by white
// space (len(strings.Fields(s)) >= n, without making the list).
func atLeastFields(s string, n int) bool {
	count, in := 0, false
	for i := 0; i < len(s); {
		// ASCII without decoding; unicode.IsSpace agrees on it
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		if unicode.IsSpace(r) {
			in = false
			continue
		}
		if !in {
			count++
			if count >= n {
				return true
			}
		}
		in = true
	}
	return false
}

func wholePara(d *core.Doc, p core.Para, s core.Span) bool {
	return strings.TrimSpace(d.Prose[p.Start:s.Start]) == "" && strings.TrimSpace(d.Prose[s.End:p.End]) == ""
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}
