package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"

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
	normEach(s, func(r rune) { b.WriteRune(r) })
	return b.String()
}

// normEach calls emit with the characters of normLine(s), one by one.
func normEach(s string, emit func(rune)) {
	space, started := false, false
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
		if space && started {
			emit(' ')
		}
		space, started = false, true
		emit(unicode.ToLower(r))
	}
}

// normHash is a 64-bit FNV-1a hash of normLine(s), made without building
// the string: an article-wide table of sentences keyed by their hash holds
// a few bytes per sentence instead of a copy of each.
func normHash(s string) uint64 {
	const prime = 1099511628211
	h := uint64(14695981039346656037)
	space, started := false, false
	var buf [utf8.UTFMax]byte
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			// ASCII, the common case, without decoding
			i++
			switch c {
			case ' ', '\t', '\n', '\r', '\v', '\f':
				space = true
				continue
			}
			if space && started {
				h = (h ^ ' ') * prime
			}
			space, started = false, true
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			h = (h ^ uint64(c)) * prime
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		normEach(string(r), func(r rune) {
			if space && started {
				h = (h ^ ' ') * prime
			}
			space, started = false, true
			for _, b := range buf[:utf8.EncodeRune(buf[:], r)] {
				h = (h ^ uint64(b)) * prime
			}
		})
		if unicode.IsSpace(r) {
			space = true
		}
	}
	return h
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
	msg := func(what string, copies int) string {
		if copies > 2 {
			return "This " + what + " is printed " + itoa(copies) + " times in a row; delete the other copies."
		}
		return "This " + what + " is printed twice in a row; delete the second copy."
	}
	same := func(ta, tb string) bool {
		if d := len(ta) - len(tb); d > 8 || d < -8 {
			return false
		}
		return substantial(tb) && normLine(ta) == normLine(tb)
	}
	for i := 1; i < len(paras); i++ {
		a, b := paras[i-1], paras[i]
		ta := d.Prose[a.Start:a.End]
		if !same(ta, d.Prose[b.Start:b.End]) {
			continue
		}
		// a third copy and more go with the second: one finding, whose
		// fix leaves one copy
		last := i
		for last+1 < len(paras) && same(ta, d.Prose[paras[last+1].Start:paras[last+1].End]) {
			last++
		}
		what, title := "paragraph", "Delete the second copy"
		if last > i {
			what, title = "paragraph", "Delete the other copies"
		}
		// delete the break before the second copy and the copy itself
		out = append(out, core.Finding{
			Start: a.Start, End: paras[last].End, Severity: core.Error,
			Message: msg(what, last-i+2),
			Fixes:   []core.Fix{core.Replace(a.End, paras[last].End, "", title)},
		})
		i = last
	}
	// lines repeated inside one paragraph (a caption block pasted twice)
	for _, p := range paras {
		text := d.Prose[p.Start:p.End]
		if !strings.Contains(text, "\n") {
			continue
		}
		// the lines, then runs of copies
		var lines []core.Span
		for off := 0; off <= len(text); {
			nl := strings.IndexByte(text[off:], '\n')
			end := len(text)
			if nl >= 0 {
				end = off + nl
			}
			lines = append(lines, core.Span{Start: p.Start + off, End: p.Start + end})
			if nl < 0 {
				break
			}
			off = end + 1
		}
		line := func(k int) string { return d.Prose[lines[k].Start:lines[k].End] }
		for k := 1; k < len(lines); k++ {
			first := normLine(line(k - 1))
			if !substantial(line(k)) || first != normLine(line(k)) {
				continue
			}
			last := k
			for last+1 < len(lines) && substantial(line(last+1)) && first == normLine(line(last+1)) {
				last++
			}
			title := "Delete the second copy"
			if last > k {
				title = "Delete the other copies"
			}
			out = append(out, core.Finding{
				Start: lines[k-1].Start, End: lines[last].End, Severity: core.Error,
				Message: msg("line", last-k+2),
				Fixes:   []core.Fix{core.Replace(lines[k-1].End, lines[last].End, "", title)},
			})
			k = last
		}
	}
	return out
}
