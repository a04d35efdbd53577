package core

import (
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Format is the markup language of a file.
type Format uint8

const (
	FormatText Format = iota
	FormatMarkdown
	FormatHTML
)

func (f Format) String() string {
	switch f {
	case FormatMarkdown:
		return "md"
	case FormatHTML:
		return "html"
	}
	return "txt"
}

// Ext is the file extension Vale needs to read text of this format.
func (f Format) Ext() string {
	switch f {
	case FormatMarkdown:
		return ".md"
	case FormatHTML:
		return ".html"
	}
	return ".txt"
}

// ParseFormat reads "txt", "md", "markdown", "html" or "htm".
func ParseFormat(s string) (Format, bool) {
	switch strings.ToLower(strings.TrimPrefix(s, ".")) {
	case "txt", "text", "":
		return FormatText, true
	case "md", "markdown":
		return FormatMarkdown, true
	case "html", "htm":
		return FormatHTML, true
	}
	return FormatText, false
}

// FormatForPath picks the format from a file name; unknown extensions are
// plain text.
func FormatForPath(path string) Format {
	f, _ := ParseFormat(filepath.Ext(path))
	return f
}

// Kind is the part of a news story a paragraph belongs to.
type Kind uint8

const (
	KindBody Kind = iota
	KindHeadline
	KindHeading
	KindByline
	KindCaption
)

// Span is a half-open byte range.
type Span struct{ Start, End int }

// Para is a paragraph of Prose: a run of lines between blank lines (or one
// block of Markdown or HTML). End excludes the line break.
type Para struct {
	Start, End int
	Kind       Kind
}

// Options are what a Doc needs besides its text.
type Options struct {
	Lang  string    // "en-US" or "en-GB"
	Vocab *Vocab    // newsroom vocabulary; nil for none
	Date  time.Time // story date for date checks; zero if unknown
}

// Doc is one document prepared for checking.
type Doc struct {
	Path   string
	Format Format
	Text   string // the file as read
	Prose  string // the prose that rules read
	Options

	m       mapping
	crlf    bool
	bom     bool
	lines   []int // line starts in Text
	paras   []Para
	quotes  []Span
	qissues []QuoteIssue
	ignores []Ignore
	// openIgnores are the disables not yet closed while the markup is read
	openIgnores []int
	ignoreOnce  sync.Once
	ignoreIx    ignoreIndex
	// paraKinds is set by the markup builders: kinds known from markup,
	// keyed by paragraph start in Prose.
	paraKinds map[int]Kind
	dateline  Span
	// marks index rune counts in long lines (see runeMarks)
	marksOnce sync.Once
	marks     []runeMark
	once      sync.Once
	words     []Word
	sentOnce  sync.Once
	sents     []Span
}

// NewDoc builds the document model for text read from path (path may be a
// display name such as "<stdin>").
func NewDoc(path, text string, f Format, opt Options) *Doc {
	d := &Doc{Path: path, Format: f, Text: text, Options: opt}
	if d.Lang == "" {
		d.Lang = "en-US"
	}
	d.bom = strings.HasPrefix(text, "\ufeff")
	d.crlf = strings.Contains(text, "\r\n")
	d.lines = lineStarts(text)
	switch f {
	case FormatMarkdown:
		d.buildMarkdown()
	case FormatHTML:
		d.buildHTML()
	default:
		d.buildText()
	}
	d.paras = splitParas(d.Prose, d.paraKinds)
	d.markKinds()
	d.quotes, d.qissues = scanQuotes(d.Prose, d.paras)
	return d
}

// buildText: the prose is the text, without a BOM, with "\r\n" read as "\n".
func (d *Doc) buildText() {
	base := 0
	if d.bom {
		base = 3
	}
	if !d.crlf {
		d.m = mapping{base: base}
		d.Prose = d.Text[base:]
		return
	}
	pb := &proseBuilder{text: d.Text}
	pb.b.Grow(len(d.Text))
	s := base
	for {
		i := strings.Index(d.Text[s:], "\r\n")
		if i < 0 {
			pb.exact(s, len(d.Text))
			break
		}
		pb.exact(s, s+i)
		pb.subst("\n", s+i, s+i+2)
		s += i + 2
	}
	d.Prose = pb.b.String()
	d.m = mapping{segs: pb.segs}
	if d.m.segs == nil {
		d.m.segs = []seg{}
	}
}

func lineStarts(s string) []int {
	starts := make([]int, 1, strings.Count(s, "\n")+1)
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		starts = append(starts, i)
	}
	return starts
}

// Position gives the 1-based line and 1-based column (in characters) of a
// byte offset in Text.
func (d *Doc) Position(off int) (line, col int) {
	off = min(max(off, 0), len(d.Text))
	i := sort.Search(len(d.lines), func(i int) bool { return d.lines[i] > off }) - 1
	ls := d.lines[i]
	return i + 1, d.runesBetween(ls, off) + 1
}

// A runeMark records how many characters (as utf8.RuneCountInString counts
// them) come before a byte offset of Text. Marks are made every markStride
// bytes, at a byte that is not a UTF-8 continuation byte: every decoding of
// Text passes through such a byte, so counts add up across it.
type runeMark struct{ off, runes int }

const markStride = 4096

// runeMarks returns the marks, made on first use. Columns on lines of a few
// thousand bytes are counted directly; the marks keep a file with a very
// long line (a 10 MB paste with no line break) from costing the length of
// the line for every position asked for.
func (d *Doc) runeMarks() []runeMark {
	d.marksOnce.Do(func() {
		d.marks = make([]runeMark, 0, len(d.Text)/markStride+1)
		d.marks = append(d.marks, runeMark{0, 0})
		prev, runes := 0, 0
		for p := markStride; p < len(d.Text); p += markStride {
			for p < len(d.Text) && !utf8.RuneStart(d.Text[p]) {
				p++
			}
			if p >= len(d.Text) {
				break
			}
			runes += utf8.RuneCountInString(d.Text[prev:p])
			d.marks = append(d.marks, runeMark{p, runes})
			prev = p
		}
	})
	return d.marks
}

// runesBefore is utf8.RuneCountInString(d.Text[:off]), counted from the
// last mark before off.
func (d *Doc) runesBefore(off int) int {
	marks := d.runeMarks()
	k := sort.Search(len(marks), func(k int) bool { return marks[k].off > off }) - 1
	return marks[k].runes + utf8.RuneCountInString(d.Text[marks[k].off:off])
}

// runesBetween is utf8.RuneCountInString(d.Text[ls:off]) for a line start
// ls (where every decoding of Text starts a character), without reading the
// whole stretch when it is long.
func (d *Doc) runesBetween(ls, off int) int {
	if off-ls < 2*markStride {
		return utf8.RuneCountInString(d.Text[ls:off])
	}
	return d.runesBefore(off) - d.runesBefore(ls)
}

// LineSpan returns the byte span of a 1-based line of Text, without its line
// break.
func (d *Doc) LineSpan(line int) (int, int) {
	if line < 1 || line > len(d.lines) {
		return len(d.Text), len(d.Text)
	}
	s := d.lines[line-1]
	e := len(d.Text)
	if line < len(d.lines) {
		e = d.lines[line] - 1
	}
	if e > s && d.Text[e-1] == '\r' {
		e--
	}
	return s, e
}

// Lines is the number of lines in Text.
func (d *Doc) Lines() int { return len(d.lines) }

// RuneColumnToOffset converts a 1-based line and 1-based rune column (Vale's
// convention; invalid bytes count as one rune each) to a byte offset in Text.
func (d *Doc) RuneColumnToOffset(line, col int) int {
	s, e := d.LineSpan(line)
	if line >= 1 && line < len(d.lines) {
		e = d.lines[line] // allow a column at the line break
	}
	i, n := s, 1
	if col-n > 2*markStride && line >= 1 && line <= len(d.lines) {
		// start from the last mark on the line that comes before the
		// column: the walk below passes through it, as every decoding does
		marks := d.runeMarks()
		base := d.runesBefore(s)
		k := sort.Search(len(marks), func(k int) bool { return marks[k].off >= e || marks[k].runes-base > col-1 }) - 1
		if k >= 0 && marks[k].off > s {
			i, n = marks[k].off, 1+marks[k].runes-base
		}
	}
	for i < e && n < col {
		_, size := utf8.DecodeRuneInString(d.Text[i:e])
		i += size
		n++
	}
	return i
}

// CRLF reports whether the file uses "\r\n" line endings.
func (d *Doc) CRLF() bool { return d.crlf }

// Paras are the paragraphs of Prose, in order.
func (d *Doc) Paras() []Para { return d.paras }

// Quotes are the direct quotations in Prose (marks included), in order.
func (d *Doc) Quotes() []Span { return d.quotes }

// QuoteIssues are the unbalanced quotation marks found while pairing.
func (d *Doc) QuoteIssues() []QuoteIssue { return d.qissues }

// Ignores are the inline ignore directives found in the markup.
func (d *Doc) Ignores() []Ignore { return d.ignores }

// InQuote reports whether the prose span [s, e) lies inside a quotation.
func (d *Doc) InQuote(s, e int) bool {
	i := sort.Search(len(d.quotes), func(i int) bool { return d.quotes[i].End > s })
	return i < len(d.quotes) && d.quotes[i].Start <= s && e <= d.quotes[i].End
}

// ParaAt returns the index of the paragraph holding prose offset p, or -1.
func (d *Doc) ParaAt(p int) int {
	i := sort.Search(len(d.paras), func(i int) bool { return d.paras[i].End >= p })
	if i < len(d.paras) && d.paras[i].Start <= p {
		return i
	}
	return -1
}

// splitParas cuts prose into paragraphs at blank lines.
func splitParas(prose string, kinds map[int]Kind) []Para {
	var out []Para
	n := len(prose)
	i := 0
	for i < n {
		// skip blank lines
		for i < n {
			j := i
			for j < n && (prose[j] == ' ' || prose[j] == '\t') {
				j++
			}
			if j < n && prose[j] == '\n' {
				i = j + 1
				continue
			}
			break
		}
		if i >= n {
			break
		}
		start := i
		end := n
		for {
			j := strings.IndexByte(prose[i:], '\n')
			if j < 0 {
				end = n
				i = n
				break
			}
			lineEnd := i + j
			k := lineEnd + 1
			for k < n && (prose[k] == ' ' || prose[k] == '\t') {
				k++
			}
			if k >= n || prose[k] == '\n' {
				end = lineEnd
				i = k
				break
			}
			i = lineEnd + 1
		}
		// trim trailing spaces off the paragraph end
		for end > start && (prose[end-1] == ' ' || prose[end-1] == '\t') {
			end--
		}
		if end > start {
			out = append(out, Para{Start: start, End: end, Kind: kinds[start]})
		}
	}
	return out
}
