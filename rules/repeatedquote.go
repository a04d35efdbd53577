package rules

import (
	"strings"
	"unicode"

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
	space := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

func (RepeatedQuote) Check(d *core.Doc) []core.Finding {
	var out []core.Finding
	seen := map[string]core.Span{}
	paras := d.Paras()
	for _, q := range d.Quotes() {
		text := d.Prose[q.Start:q.End]
		key := quoteKey(text)
		if strings.Count(key, " ")+1 < minQuoteWords {
			continue
		}
		if first, ok := seen[key]; ok {
			// the same paragraph printed twice in a row is Copy.RepeatedLine's
			fp, pi := d.ParaAt(first.Start), d.ParaAt(q.Start)
			if fp >= 0 && pi == fp+1 && normLine(d.Prose[paras[fp].Start:paras[fp].End]) == normLine(d.Prose[paras[pi].Start:paras[pi].End]) {
				continue
			}
			line, _ := d.Position(d.TextStart(first.Start))
			out = append(out, core.Finding{
				Start: q.Start, End: q.End, Severity: core.Warning,
				Message: "This quotation is used twice (first on line " + itoa(line) + "); cut one or check the attribution.",
			})
			continue
		}
		seen[key] = q
	}
	return out
}
