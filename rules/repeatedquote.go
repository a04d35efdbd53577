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
	const prime = 1099511628211
	h := uint64(14695981039346656037)
	space, words := false, 0
	var buf [utf8.UTFMax]byte
	// quoteEach written out, with ASCII read without decoding, so that the
	// hash stays in a register
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		var ascii byte // r lower-cased, when it is an ASCII letter or figure
		switch {
		case 'a' <= r && r <= 'z' || '0' <= r && r <= '9':
			ascii = byte(r)
		case 'A' <= r && r <= 'Z':
			ascii = byte(r) + 'a' - 'A'
		case r < utf8.RuneSelf || !unicode.IsLetter(r) && !unicode.IsDigit(r):
			space = true
			continue
		}
		if words == 0 || space {
			if words > 0 {
				h = (h ^ ' ') * prime
			}
			words++
		}
		space = false
		if ascii != 0 {
			h = (h ^ uint64(ascii)) * prime
			continue
		}
		for _, c := range buf[:utf8.EncodeRune(buf[:], unicode.ToLower(r))] {
			h = (h ^ uint64(c)) * prime
		}
	}
	return h, words
}

func (RepeatedQuote) Check(d *core.Doc) []core.Finding {
	var out []core.Finding
	// quotations seen, by the hash of their key; one whose hash is there is
	// compared in full with the ones that share it
	// (one list, each quotation with the index of the previous one of the
	// same hash, as in RepeatedSentence)
	seen := map[uint64]int32{}
	type keptQuote struct {
		span core.Span
		prev int32
	}
	var kept []keptQuote
	paras := d.Paras()
	for _, q := range d.Quotes() {
		text := d.Prose[q.Start:q.End]
		h, words := quoteHash(text)
		if words < minQuoteWords {
			continue
		}
		first, ok := core.Span{}, false
		if k := seen[h]; k != 0 {
			// no two quotations kept under one hash are equal: at most one
			// matches, whatever the order of the search
			key := quoteKey(text)
			for ; k != 0 && !ok; k = kept[k-1].prev {
				if sp := kept[k-1].span; quoteKey(d.Prose[sp.Start:sp.End]) == key {
					first, ok = sp, true
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
		kept = append(kept, keptQuote{q, seen[h]})
		seen[h] = int32(len(kept))
	}
	return out
}
