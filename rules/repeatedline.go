package rules

import (
	"math/bits"
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
		r = normMark(r)
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

// normHash is a hash of normLine(s), made without building the string: an
// article-wide table of sentences keyed by their hash holds a few bytes per
// sentence instead of a copy of each. The bytes of the normal form are
// packed eight to a word and each word mixed in with one multiplication, a
// chain an eighth as long as a multiplication per byte. Equal normal forms
// hash alike; callers compare the texts before they call two equal.
func normHash(s string) uint64 {
	var h normHasher
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
				h.add(' ')
			}
			space, started = false, true
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			h.add(c)
			continue
		}
		// what normEach does with one character, written out so that the
		// hasher stays in registers
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		r = normMark(r)
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && started {
			h.add(' ')
		}
		space, started = false, true
		for _, b := range buf[:utf8.EncodeRune(buf[:], unicode.ToLower(r))] {
			h.add(b)
		}
	}
	return h.sum()
}

// normMark writes curly quotation marks straight and dashes as hyphens.
func normMark(r rune) rune {
	switch r {
	case '“', '”', '„':
		return '"'
	case '‘', '’':
		return '\''
	case '–', '—':
		return '-'
	}
	return r
}

// normHasher hashes a stream of bytes eight at a time.
type normHasher struct {
	h, word uint64
	n       int // bytes in word
	total   int
}

func (nh *normHasher) add(b byte) {
	nh.word = nh.word<<8 | uint64(b)
	nh.n++
	if nh.n == 8 {
		nh.mix()
	}
}

func (nh *normHasher) mix() {
	const prime = 0x9E3779B97F4A7C15
	nh.h = bits.RotateLeft64((nh.h^nh.word)*prime, 29)
	nh.total += nh.n
	nh.word, nh.n = 0, 0
}

func (nh *normHasher) sum() uint64 {
	if nh.n > 0 {
		nh.mix()
	}
	return (nh.h ^ uint64(nh.total)) * 0xBF58476D1CE4E5B9
}

// normIter yields the characters of normLine(s) one by one, as normEach
// emits them.
type normIter struct {
	s              string
	i              int
	space, started bool
	held           rune // a character due after the space just returned
	holding        bool
}

// next returns the next character of the normal form, or false at the end.
func (it *normIter) next() (rune, bool) {
	if it.holding {
		it.holding = false
		return it.held, true
	}
	for it.i < len(it.s) {
		var r rune
		if c := it.s[it.i]; c < utf8.RuneSelf {
			r = rune(c)
			it.i++
		} else {
			var size int
			r, size = utf8.DecodeRuneInString(it.s[it.i:])
			it.i += size
		}
		r = normMark(r)
		if unicode.IsSpace(r) {
			it.space = true
			continue
		}
		r = unicode.ToLower(r)
		if it.space && it.started {
			it.space = false
			it.held, it.holding = r, true
			return ' ', true
		}
		it.space, it.started = false, true
		return r, true
	}
	return 0, false
}

// normEqual reports whether normLine(a) == normLine(b), without building
// either.
func normEqual(a, b string) bool {
	ia, ib := normIter{s: a}, normIter{s: b}
	for {
		ra, oka := ia.next()
		rb, okb := ib.next()
		if oka != okb || ra != rb {
			return false
		}
		if !oka {
			return true
		}
	}
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
		return substantial(tb) && normEqual(ta, tb)
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
			first := line(k - 1)
			if !substantial(line(k)) || !normEqual(first, line(k)) {
				continue
			}
			last := k
			for last+1 < len(lines) && substantial(line(last+1)) && normEqual(first, line(last+1)) {
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
