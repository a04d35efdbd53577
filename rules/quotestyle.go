package rules

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/internal/core"
)

// QuoteStyle finds an article that mixes straight and curly quotation marks
// (or apostrophes): the marks in the minority are reported, each with a fix
// to the majority style that gets the direction of a curly mark right.
type QuoteStyle struct{}

func (QuoteStyle) Meta() core.Meta {
	return core.Meta{
		ID: "Copy.QuoteStyle", Category: core.CatPunctuation, Severity: core.Suggestion,
		Doc:     "Straight and curly quotation marks mixed in one article.",
		Example: `“Yes,” she said. Then: "No." -> “No.”`,
		Quotes:  core.QuoteSame,
	}
}

type mark struct {
	pos, size int
	r         rune
	prev      rune
}

// quoteStyleByte marks the bytes QuoteStyle stops at.
var quoteStyleByte = [256]bool{'"': true, '\'': true, 0xE2: true}

func (QuoteStyle) Check(d *core.Doc) []core.Finding {
	var doubles, singles [2][]mark // [0] straight, [1] curly
	s := d.Prose
	for i := 0; i < len(s); {
		// Only " ' and the lead byte of “ ” ’ matter, and none of them is
		// ever inside another character: the scan jumps from one to the
		// next, and decodes the character before a mark backwards, which
		// gives what decoding forwards from the start would.
		for i < len(s) && !quoteStyleByte[s[i]] {
			i++
		}
		if i >= len(s) {
			break
		}
		var prev rune = ' '
		if i > 0 {
			prev, _ = utf8.DecodeLastRuneInString(s[:i])
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		var next rune = ' '
		if i+size < len(s) {
			next, _ = utf8.DecodeRuneInString(s[i+size:])
		}
		switch r {
		case '"':
			if !unicode.IsDigit(prev) { // not an inch mark
				doubles[0] = append(doubles[0], mark{i, size, r, prev})
			}
		case '“', '”':
			doubles[1] = append(doubles[1], mark{i, size, r, prev})
		case '\'':
			if unicode.IsLetter(prev) && unicode.IsLetter(next) { // an apostrophe inside a word
				singles[0] = append(singles[0], mark{i, size, r, prev})
			}
		case '’':
			if unicode.IsLetter(prev) && unicode.IsLetter(next) {
				singles[1] = append(singles[1], mark{i, size, r, prev})
			}
		}
		i += size
	}
	var out []core.Finding
	for _, set := range []struct {
		marks [2][]mark
		what  string
	}{{doubles, "quotation marks"}, {singles, "apostrophes"}} {
		straight, curly := len(set.marks[0]), len(set.marks[1])
		if straight == 0 || curly == 0 {
			continue
		}
		odd, toCurly := set.marks[0], true
		if straight > curly {
			odd, toCurly = set.marks[1], false
		}
		for _, m := range odd {
			rep := "\""
			switch {
			case !toCurly && m.r == '’':
				rep = "'"
			case toCurly && m.r == '\'':
				rep = "’"
			case toCurly:
				rep = "”"
				if unicode.IsSpace(m.prev) || m.pos == 0 || m.prev == '(' || m.prev == '—' || m.prev == '\n' {
					rep = "“"
				}
			}
			out = append(out, core.Finding{
				Start: m.pos, End: m.pos + m.size, Severity: core.Suggestion,
				Message: fmt.Sprintf("This article mixes straight and curly %s (%d straight, %d curly); use one style.", set.what, straight, curly),
				Fixes:   []core.Fix{core.Replace(m.pos, m.pos+m.size, rep, "Use "+rep)},
			})
		}
	}
	return out
}
