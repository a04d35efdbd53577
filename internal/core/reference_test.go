package core

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/bench/newsgen"
)

// The scans of the document model skip through ASCII with tables and jump
// between the bytes that matter. The functions here are the plain readings
// they replaced, one rune at a time; the fast scans must give exactly what
// these give.

func isApostropheReference(r rune) bool { return r == '\'' || r == '’' }

func tokenizeReference(prose string, paras []Para) []Word {
	words := make([]Word, 0, estimateWords(prose))
	for _, p := range paras {
		sentStart := true
		paraStart := true
		i := p.Start
		for i < p.End {
			c := prose[i]
			if c < utf8.RuneSelf {
				if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
					switch c {
					case '.', '!', '?', ':':
						if c != '.' || !isAbbrevBefore(prose, i) {
							if c != '.' || !decimalAt(prose, i) {
								sentStart = true
							}
						}
					case ' ', '\t', '\n', '"', '\'', '(', '[', ')', ']', '-', ',', ';', '*', '_':
					default:
					}
					i++
					continue
				}
			} else {
				r, size := utf8.DecodeRuneInString(prose[i:])
				if !isWordRune(r) {
					if r == '…' {
						// an ellipsis does not end a sentence for our purposes
					}
					i += size
					continue
				}
			}
			// a word starts at i
			start := i
			var fl WordFlags
			letters, uppers := 0, 0
			first := true
			for i < p.End {
				r, size := utf8.DecodeRuneInString(prose[i:])
				if isWordRune(r) {
					if unicode.IsDigit(r) {
						fl |= WDigit
					} else if unicode.IsLetter(r) {
						letters++
						if unicode.IsUpper(r) {
							uppers++
							if first {
								fl |= WCap
							} else {
								fl |= WInnerCap
							}
						}
					}
					first = false
					i += size
					continue
				}
				if isApostropheReference(r) && i+size < p.End {
					r2, _ := utf8.DecodeRuneInString(prose[i+size:])
					if unicode.IsLetter(r2) {
						i += size
						continue
					}
				}
				break
			}
			if uppers >= 2 && uppers == letters {
				fl |= WAllCaps
				fl &^= WInnerCap
			}
			if fl&WDigit != 0 {
				fl |= WNonLetter
			}
			if sentStart {
				fl |= WSentStart
			}
			if paraStart {
				fl |= WParaStart
			}
			if start > p.Start && prose[start-1] == '-' && len(words) > 0 && words[len(words)-1].End == start-1 {
				fl |= WHyphenBefore
			}
			words = append(words, Word{Start: start, End: i, Flags: fl})
			sentStart = false
			paraStart = false
		}
	}
	return words
}

// checkReference compares the document's scans with the plain readings.
func checkReference(t *testing.T, d *Doc) {
	t.Helper()
	if got, want := d.Words(), tokenizeReference(d.Prose, d.paras); !slices.Equal(got, want) {
		t.Fatalf("tokenize differs from the reference reading:\n got %v\nwant %v", got, want)
	}
	for _, p := range d.paras {
		if got, want := doubleQuoteEvents(d.Prose, p), doubleQuoteEventsReference(d.Prose, p); !slices.Equal(got, want) {
			t.Fatalf("doubleQuoteEvents differs from the reference reading:\n got %v\nwant %v", got, want)
		}
	}
	if got, want := singleQuotes(d.Prose, d.paras), singleQuotesReference(d.Prose, d.paras); !slices.Equal(got, want) {
		t.Fatalf("singleQuotes differs from the reference reading:\n got %v\nwant %v", got, want)
	}
}

// referenceTexts are texts that reach the corners of the scans.
func referenceTexts() []string {
	texts := []string{
		newsgen.Text(3, 200_000),
		newsgen.SingleLine(4, 50_000),
		"He said 'the '90s were rock 'n' roll' and 6'2\" tall. O’Brien’s don't ’tis ' x'",
		"a.b.c.d.e.f. U.S. Mr. Smith met Gen. Jones at 3.5 p.m. Wait! Why? No: yes… “Quoted.” ‘Single.’ Done.\n\nNext para „here“ “open\n\n“continued,” she said.",
		"Ünïcödé Wörds ÀÉÎ naïve Zoë café ΑΒΓ αβγ ǅemal ǈ ﬁne x\u0301y 12³ ٣٤ ⅣⅤ",
		"Bad \xff\xfe bytes\r\rlone CR\n\x00nul\n\xe2\x80 cut \xe2 \xe2\x80\x9c \" \xe2\x80\x99s",
		"IBM's NASA-led iPhone McCain AB-CD x-y-z 'A' '' ''a a'' 'a'b'",
	}
	g := newsgen.New(9)
	texts = append(texts, g.Markdown(20000), g.HTML(20000))
	return texts
}

func TestFastScansMatchReference(t *testing.T) {
	for _, text := range referenceTexts() {
		for _, f := range []Format{FormatText, FormatMarkdown, FormatHTML} {
			checkReference(t, NewDoc("ref", text, f, Options{}))
		}
	}
}

func estimateWordsReference(prose string) int {
	n, in := 0, false
	for i := 0; i < len(prose); i++ {
		c := prose[i]
		alnum := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= utf8.RuneSelf
		if alnum && !in {
			n++
		}
		in = alnum
	}
	return n + 16
}

func TestEstimateWordsMatchesReference(t *testing.T) {
	for _, text := range referenceTexts() {
		if got, want := estimateWords(text), estimateWordsReference(text); got != want {
			t.Fatalf("estimateWords = %d, want %d", got, want)
		}
	}
}
func doubleQuoteEventsReference(prose string, p Para) []qevent {
	var ev []qevent
	for i := p.Start; i < p.End; {
		r, size := utf8.DecodeRuneInString(prose[i:])
		switch r {
		case '“', '„':
			ev = append(ev, qevent{pos: i, size: size, open: true, curly: true, r: r})
		case '”':
			ev = append(ev, qevent{pos: i, size: size, open: false, curly: true, r: r})
		case '"':
			var prev, next rune = ' ', ' '
			if i > p.Start {
				prev, _ = utf8.DecodeLastRuneInString(prose[p.Start:i])
			}
			if i+size < p.End {
				next, _ = utf8.DecodeRuneInString(prose[i+size:])
			}
			e := qevent{pos: i, size: size, r: r}
			switch {
			case unicode.IsDigit(prev):
				e.r = 'i' // inch mark, or a closer after a figure
			case isOpenPunct(prev) && !isClosePunct(next):
				e.open = true
			case !isOpenPunct(prev) && isClosePunct(next):
				e.open = false
			default:
				e.r = '?' // decided by state
			}
			ev = append(ev, e)
		}
		i += size
	}
	return ev
}
func singleQuotesReference(prose string, paras []Para) []Span {
	var out []Span
	for _, p := range paras {
		open := -1
		for i := p.Start; i < p.End; {
			r, size := utf8.DecodeRuneInString(prose[i:])
			if r != '\'' && r != '‘' && r != '’' {
				i += size
				continue
			}
			var prev, next rune = ' ', ' '
			if i > p.Start {
				prev, _ = utf8.DecodeLastRuneInString(prose[p.Start:i])
			}
			if i+size < p.End {
				next, _ = utf8.DecodeRuneInString(prose[i+size:])
			}
			if open < 0 && r != '’' && (unicode.IsSpace(prev) || prev == '(' || prev == '"' || prev == '“' || prev == '—' || i == p.Start) && unicode.IsLetter(next) && !isElision(prose[i+size:p.End]) {
				open = i
			} else if open >= 0 && r != '‘' && !unicode.IsSpace(prev) && (isClosePunct(next) || next == '"' || next == '”' || i+size == p.End) && !unicode.IsLetter(next) {
				out = append(out, Span{open, i + size})
				open = -1
			}
			i += size
		}
	}
	return out
}

// Tokenize's two halves joined are the words of the whole.
func TestTokenizeSplitsWordsExactly(t *testing.T) {
	for _, text := range referenceTexts() {
		for _, f := range []Format{FormatText, FormatMarkdown, FormatHTML} {
			a, b := NewDoc("ref", text, f, Options{}), NewDoc("ref", text, f, Options{})
			a.Tokenize(true)
			if got, want := a.Words(), b.Words(); !slices.Equal(got, want) {
				t.Fatalf("Tokenize(true) made %d words, Words %d", len(got), len(want))
			}
			if got, want := a.Sentences(), b.Sentences(); !slices.Equal(got, want) {
				t.Fatalf("Tokenize(true) made %d sentences, Sentences %d", len(got), len(want))
			}
		}
	}
}

// The halves are joined right when the estimate falls short: words that
// end at a dash inside one counted run ("a—b—c" is one run, three words).
func TestTokenizeJoinsHalvesThatOutgrowTheirRoom(t *testing.T) {
	para := strings.Repeat("a—b—c—d—e—f—g—h ", 40)
	var b strings.Builder
	for b.Len() < 3*splitTokenizeFrom {
		b.WriteString(para)
		b.WriteString("\n\n")
	}
	a, w := NewDoc("ref", b.String(), FormatText, Options{}), NewDoc("ref", b.String(), FormatText, Options{})
	a.Tokenize(true)
	if got, want := a.Words(), w.Words(); !slices.Equal(got, want) {
		t.Fatalf("Tokenize(true) made %d words, Words %d", len(got), len(want))
	}
	if estimateWords(b.String()) >= len(w.Words()) {
		t.Fatalf("the text does not outgrow the estimate")
	}
}
