package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/internal/core"
)

// RepeatedQuote finds the same quotation used twice in one article: a quote
// pasted into two paragraphs, or a write-through that added it again.
// Quotations of fewer than five words (a partial quote, a slogan) may
// repeat.
type RepeatedQuote struct{}

func (RepeatedQuote) Meta() core.Meta {
	return core.Meta{
		ID: "Copy.RepeatedQuote", Category: core.CatRepetition, Severity: core.Warning,
		Doc:     "The same quotation twice in one article.",
		Example: `"We will rebuild," Lee said. ... "We will rebuild," Lee said. -> cut one`,
		Quotes:  core.QuoteSame,
	}
}

const minQuoteWords = 5

// quoteKey normalises a quotation: marks, case, punctuation and spacing do
// not count.
func quoteKey(s string) string {
	var b strings.Builder
	quoteEach(s, func(r rune) { b.WriteRune(r) })
	return b.String()
}

// quoteEach calls emit with the characters of quoteKey(s), one by one, and
// returns how many words they make.
func quoteEach(s string, emit func(rune)) int {
	space, words := false, 0
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if words == 0 || space {
				if words > 0 {
					emit(' ')
				}
				words++
			}
			space = false
			emit(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return words
}

// quoteHash is a 64-bit FNV-1a hash of quoteKey(s), and its word count.
func quoteHash(s string) (uint64, int) {
	h := uint64(14695981039346656037)
	var buf [utf8.UTFMax]byte
	n := quoteEach(s, func(r rune) {
		for _, c := range buf[:utf8.EncodeRune(buf[:], r)] {
			h ^= uint64(c)
			h *= 1099511628211
		}
	})
	return h, n
}

func (RepeatedQuote) Check(d *core.Doc) []core.Finding {
	var out []core.Finding
	// quotations seen, by the hash of their key; one whose hash is there is
	// compared in full with the ones that share it
	seen := map[uint64][]core.Span{}
	paras := d.Paras()
	for _, q := range d.Quotes() {
		text := d.Prose[q.Start:q.End]
		h, words := quoteHash(text)
		if words < minQuoteWords {
			continue
		}
		first, ok := core.Span{}, false
		if same := seen[h]; len(same) > 0 {
			key := quoteKey(text)
			for _, sp := range same {
				if quoteKey(d.Prose[sp.Start:sp.End]) == key {
					first, ok = sp, true
					break
				}
			}
		}
		if ok {
			// the same paragraph printed twice in a row is Copy.RepeatedLine's
			fp, pi := d.ParaAt(first.Start), d.ParaAt(q.Start)
			if fp >= 0 && pi == fp+1 && normEqual(d.Prose[paras[fp].Start:paras[fp].End], d.Prose[paras[pi].Start:paras[pi].End]) {
				continue
			}
			line, _ := d.Position(d.TextStart(first.Start))
			out = append(out, core.Finding{
				Start: q.Start, End: q.End, Severity: core.Warning,
				Message: "This quotation is used twice (first on line " + itoa(line) + "); cut one or check the attribution.",
			})
			continue
		}
		seen[h] = append(seen[h], q)
	}
	return out
}
