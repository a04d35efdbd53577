package rules

import (
	"strings"

	"github.com/copydesk/copydesk/internal/core"
)

// Spacing finds two or more spaces between words and a space before a comma,
// full stop, semicolon, colon, question mark or exclamation mark.
type Spacing struct{}

func (Spacing) Meta() core.Meta {
	return core.Meta{
		ID: "Copy.Spacing", Category: core.CatPunctuation, Severity: core.Warning,
		Doc:     "Two spaces between words, or a space before , . ; : ? !",
		Example: "the mayor said , however -> the mayor said, however",
		Quotes:  core.QuoteSame,
	}
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

func (Spacing) Check(d *core.Doc) []core.Finding {
	var out []core.Finding
	s := d.Prose
	for _, p := range d.Paras() {
		french := -1 // whether the paragraph holds « or », found on first need
		i := p.Start
		for i < p.End {
			if s[i] != ' ' {
				i++
				continue
			}
			j := i
			for j < p.End && s[j] == ' ' {
				j++
			}
			if j >= p.End || i == p.Start || s[i-1] == '\n' || s[j] == '\n' || s[j] == '\t' || s[i-1] == '\t' {
				i = j // indentation or trailing white space, not a slip
				continue
			}
			prev, next := s[i-1], s[j]
			switch {
			case j-i >= 2 && spaceBeforePunct(s, p, prev, next, j, &french):
				// "said  ," : one space would still be one too many
				out = append(out, core.Finding{
					Start: i, End: j + 1, Severity: core.Warning,
					Message: "Spaces before '" + string(next) + "'; delete them.",
					Fixes:   []core.Fix{core.Replace(i, j, "", "Delete the spaces")},
				})
			case j-i >= 2:
				out = append(out, core.Finding{
					Start: i, End: j, Severity: core.Warning,
					Message: "Two or more spaces in a row; use one.",
					Fixes:   []core.Fix{core.Replace(i, j, " ", "Use one space")},
				})
			case spaceBeforePunct(s, p, prev, next, j, &french):
				out = append(out, core.Finding{
					Start: i, End: j + 1, Severity: core.Warning,
					Message: "Space before '" + string(next) + "'; delete the space.",
					Fixes:   []core.Fix{core.Replace(i, j, "", "Delete the space")},
				})
			}
			i = j
		}
	}
	return out
}

// spaceBeforePunct decides whether the space before s[j] (a single space
// after prev) is a slip. Ellipses (" ..."), a decimal (" .5"), a file or
// domain name (" .com"), emoticons (" :)"), French-style spacing before ; : ?
// ! in a paragraph that does it throughout, and a space after a symbol that
// is not a word are left alone.
//
// french caches, for the paragraph, whether it holds French quotation
// marks: -1 not yet known, 0 no, 1 yes (a paragraph of a million spaces
// before semicolons must not be searched a million times).
func spaceBeforePunct(s string, p core.Para, prev, next byte, j int, french *int) bool {
	switch next {
	case ',', '.', ';', ':', '!', '?':
	default:
		return false
	}
	if !isWordByte(prev) && prev != ')' && prev != '"' && prev != '\'' && prev != '%' {
		return false
	}
	after := byte(' ')
	if j+1 < p.End {
		after = s[j+1]
	}
	switch next {
	case '.':
		if after == '.' || isWordByte(after) && after < 0x80 {
			return false // " ..." or " .5" or " .com"
		}
	}
	if next != ',' && next != '.' {
		if *french < 0 {
			*french = 0
			if strings.ContainsAny(s[p.Start:p.End], "«»") {
				*french = 1
			}
		}
		if *french == 1 {
			return false // French spacing in a French quotation
		}
	}
	switch next {
	case ':', ';':
		if after == ')' || after == '(' || after == '-' || after == 'D' || after == 'P' {
			return false // emoticons
		}
		if isWordByte(after) && after < 0x80 {
			return false // " :hover", times in agate
		}
	case '!', '?':
		if after == '!' || after == '?' {
			return false
		}
	case ',':
		if after >= '0' && after <= '9' {
			return false
		}
	}
	return true
}
