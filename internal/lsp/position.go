package lsp

import (
	"sort"
	"unicode/utf8"
)

// textIndex converts between byte offsets of one text and LSP positions in
// the encoding agreed with the client. The protocol counts lines at "\n",
// "\r\n" and a lone "\r", and characters in UTF-16 code units unless the
// client and server agreed on UTF-8 (bytes) or UTF-32 (code points).
type textIndex struct {
	text  string
	enc   string
	lines []int // byte offset where each line starts
}

func newTextIndex(text, enc string) *textIndex {
	x := &textIndex{text: text, enc: enc, lines: make([]int, 1, 64)}
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			x.lines = append(x.lines, i+1)
		case '\r':
			if i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			x.lines = append(x.lines, i+1)
		}
	}
	return x
}

// lineEnd is the byte offset where line i's content ends (before its break).
func (x *textIndex) lineEnd(i int) int {
	if i+1 >= len(x.lines) {
		return len(x.text)
	}
	e := x.lines[i+1] - 1
	if e > x.lines[i] && x.text[e] == '\n' && x.text[e-1] == '\r' {
		e--
	}
	return e
}

// units is how many code units of the encoding s takes.
func units(s, enc string) int {
	switch enc {
	case encUTF8:
		return len(s)
	case encUTF32:
		return utf8.RuneCountInString(s)
	}
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// position converts a byte offset to a position. An offset inside a line
// break or a multi-byte character is moved back to the nearest boundary.
func (x *textIndex) position(off int) Position {
	off = min(max(off, 0), len(x.text))
	line := sort.Search(len(x.lines), func(i int) bool { return x.lines[i] > off }) - 1
	start := x.lines[line]
	off = min(off, x.lineEnd(line))
	for off > start && off < len(x.text) && !utf8.RuneStart(x.text[off]) {
		off--
	}
	return Position{Line: uint32(line), Character: uint32(units(x.text[start:off], x.enc))}
}

// offset converts a position to a byte offset. A line past the end means the
// end of the text; a character past the end of its line means the end of
// the line (as the protocol asks), and one inside a surrogate pair or a
// multi-byte character is moved to the start of that character.
func (x *textIndex) offset(p Position) int {
	if int(p.Line) >= len(x.lines) {
		return len(x.text)
	}
	start, end := x.lines[p.Line], x.lineEnd(int(p.Line))
	want := int(p.Character)
	if x.enc == encUTF8 {
		off := min(start+want, end)
		for off > start && off < len(x.text) && !utf8.RuneStart(x.text[off]) {
			off--
		}
		return off
	}
	n := 0
	for i, r := range x.text[start:end] {
		w := 1
		if x.enc == encUTF16 && r >= 0x10000 {
			w = 2
		}
		if n+w > want {
			return start + i
		}
		n += w
	}
	return end
}

func (x *textIndex) rangeOf(start, end int) Range {
	return Range{Start: x.position(start), End: x.position(end)}
}

// applyChange applies one content change to text and returns the new text.
// A change without a range replaces the whole text.
func applyChange(text string, ch TextDocumentContentChangeEvent, enc string) string {
	if ch.Range == nil {
		return ch.Text
	}
	x := newTextIndex(text, enc)
	s, e := x.offset(ch.Range.Start), x.offset(ch.Range.End)
	if e < s {
		s, e = e, s
	}
	return text[:s] + ch.Text + text[e:]
}
