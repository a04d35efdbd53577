package rules

import (
	"strings"
	"unicode/utf8"

	"github.com/copydesk/copydesk/internal/core"
)

// QuoteBalance finds double quotation marks that do not pair: a quotation
// closed but never opened, or opened and never closed. It knows that a
// quotation running on into the next paragraph leaves the first unclosed
// and opens the next again, and it does not count apostrophes ('90s, rock
// 'n' roll) or inch marks.
type QuoteBalance struct{}

func (QuoteBalance) Meta() core.Meta {
	return core.Meta{
		ID: "Copy.QuoteBalance", Category: core.CatPunctuation, Severity: core.Warning,
		Doc:     "A quotation closed but never opened, or opened and never closed.",
		Example: `We will rebuild," Lee said. -> "We will rebuild," Lee said.`,
		Quotes:  core.QuoteSame,
	}
}

func (QuoteBalance) Check(d *core.Doc) []core.Finding {
	var out []core.Finding
	for _, q := range d.QuoteIssues() {
		p := d.ParaAt(q.Mark.Start)
		if p >= 0 && d.Paras()[p].Kind == core.KindHeadline {
			continue // headlines quote loosely and in single marks
		}
		if q.Unopened {
			f := core.Finding{Start: q.Region.Start, End: q.Region.End, Severity: core.Warning}
			if q.Insert >= 0 {
				f.Message = "This closing quotation mark has no opening mark; the quotation probably starts at '" + lead(d.Prose, q.Insert) + "'."
				f.Fixes = []core.Fix{core.Replace(q.Insert, q.Insert, q.InsertText, "Insert "+q.InsertText+" before '"+lead(d.Prose, q.Insert)+"'")}
			} else {
				f.Message = "This closing quotation mark has no opening mark; where does the quotation start?"
			}
			out = append(out, f)
			continue
		}
		out = append(out, core.Finding{
			Start: q.Mark.Start, End: q.Region.End, Severity: core.Warning,
			Message: "This quotation is opened and never closed (the next paragraph does not continue it).",
		})
	}
	return out
}

// lead returns the first few words from offset i, for a message.
func lead(s string, i int) string {
	end := i
	words := 0
	for end < len(s) && words < 4 {
		r, size := utf8.DecodeRuneInString(s[end:])
		if r == '\n' {
			break
		}
		if r == ' ' {
			words++
			if words == 4 {
				break
			}
		}
		end += size
	}
	t := strings.TrimSpace(s[i:end])
	if end < len(s) && s[end] != '\n' {
		t += "..."
	}
	return t
}
