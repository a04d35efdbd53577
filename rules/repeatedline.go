package rules

import (
	"strings"
	"unicode"

	"github.com/copydesk/copydesk/internal/core"
)

// RepeatedLine finds a paragraph, or a line inside one, printed twice in a
// row: a caption or credit pasted twice, a headline repeated as the first
// paragraph's line, a short paragraph doubled by the CMS. The fix deletes the
// second copy.
type RepeatedLine struct{}

func (RepeatedLine) Meta() core.Meta {
	return core.Meta{
		ID: "Copy.RepeatedLine", Category: core.CatRepetition, Severity: core.Error,
		Doc:     "A paragraph or line printed twice in a row.",
		Example: "Crews clear debris in Moore. / Crews clear debris in Moore. -> once",
		Quotes:  core.QuoteSame,
	}
}

// normLine makes two copies of a line compare equal when they differ only in
// case, white space or the style of quotation marks and dashes.
func normLine(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch r {
		case '“', '”', '„':
			r = '"'
		case '‘', '’':
			r = '\''
		case '–', '—':
			r = '-'
		}
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// substantial: a line worth reporting when repeated has two words and ten
// letters at least (a repeated "___" or "Q:" is layout, not a slip).
func substantial(s string) bool {
	letters, words, inWord := 0, 0, false
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if !inWord {
				words++
			}
			inWord = true
		} else if unicode.IsSpace(r) {
			inWord = false
		}
	}
	return letters >= 10 && words >= 2
}

func (r RepeatedLine) Check(d *core.Doc) []core.Finding {
	var out []core.Finding
	paras := d.Paras()
	msg := func(what string) string {
		return "This " + what + " is printed twice in a row; delete the second copy."
	}
	for i := 1; i < len(paras); i++ {
		a, b := paras[i-1], paras[i]
		ta, tb := d.Prose[a.Start:a.End], d.Prose[b.Start:b.End]
		if d := len(ta) - len(tb); d > 8 || d < -8 {
			continue
		}
		if !substantial(tb) || normLine(ta) != normLine(tb) {
			continue
		}
		// delete the break before the second copy and the copy itself
		out = append(out, core.Finding{
			Start: a.Start, End: b.End, Severity: core.Error,
			Message: msg("paragraph"),
			Fixes:   []core.Fix{core.Replace(a.End, b.End, "", "Delete the second copy")},
		})
	}
	// lines repeated inside one paragraph (a caption block pasted twice)
	for _, p := range paras {
		text := d.Prose[p.Start:p.End]
		if !strings.Contains(text, "\n") {
			continue
		}
		prevStart, prevEnd := -1, -1
		for off := 0; off <= len(text); {
			nl := strings.IndexByte(text[off:], '\n')
			end := len(text)
			if nl >= 0 {
				end = off + nl
			}
			ls, le := p.Start+off, p.Start+end
			if prevStart >= 0 && substantial(d.Prose[ls:le]) && normLine(d.Prose[prevStart:prevEnd]) == normLine(d.Prose[ls:le]) {
				out = append(out, core.Finding{
					Start: prevStart, End: le, Severity: core.Error,
					Message: msg("line"),
					Fixes:   []core.Fix{core.Replace(prevEnd, le, "", "Delete the second copy")},
				})
			}
			prevStart, prevEnd = ls, le
			if nl < 0 {
				break
			}
			off = end + 1
		}
	}
	return out
}
