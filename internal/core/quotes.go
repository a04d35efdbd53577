package core

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// QuoteIssue is a quotation mark that does not pair.
type QuoteIssue struct {
	// Unopened: a closing mark with no opening mark; otherwise an opening
	// mark that is never closed.
	Unopened bool
	Mark     Span // the mark itself
	Region   Span // where the missing mark belongs
	// Insert is where the missing mark most probably goes, or -1 when that
	// cannot be told; InsertText is the mark to insert there.
	Insert     int
	InsertText string
}

type qevent struct {
	pos, size int
	open      bool
	curly     bool
	r         rune
}

func isOpenPunct(r rune) bool {
	switch r {
	case '(', '[', '{', '—', '–', '-', '/', '\'', '‘', '’', '\u00a0':
		return true
	}
	return unicode.IsSpace(r)
}

func isClosePunct(r rune) bool {
	switch r {
	case '.', ',', ';', ':', '!', '?', ')', ']', '}', '—', '–', '-', '\'', '’', '…':
		return true
	}
	return unicode.IsSpace(r)
}

// doubleQuoteEvents lists the double quotation marks of a paragraph with a
// guess at their direction; 'ambiguous' straight marks are decided by the
// caller from the pairing state. Inch marks (6'2", a 6" pipe) are left out
// when no quotation is open.
func doubleQuoteEvents(prose string, p Para) []qevent {
	var ev []qevent
	// Only '"' and the lead byte of “ ” „ matter. Neither is ever a
	// continuation byte, so jumping from one to the next meets them where
	// decoding rune by rune would.
	marks := newTwoBytes(prose[:p.End], '"', 0xE2)
	for i := p.Start; i < p.End; {
		if i = marks.next(i); i >= p.End {
			break
		}
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

// scanQuotes pairs double quotation marks paragraph by paragraph, following
// the continuation convention (a quotation that runs into the next paragraph
// leaves the first unclosed and opens the next one again), and finds single
// quotations too. It returns the quotation spans and the marks that do not
// pair.
func scanQuotes(prose string, paras []Para) ([]Span, []QuoteIssue) {
	var spans []Span
	var issues []QuoteIssue
	events := make([][]qevent, len(paras))
	for i, p := range paras {
		events[i] = doubleQuoteEvents(prose, p)
	}
	skipFirstClose := -1 // paragraph whose first stray closer is already reported
	for pi, p := range paras {
		open := -1
		openSize := 0
		nested := 0 // quotations opened inside the open one, in straight marks
		lastEnd := p.Start
		for k, e := range events[pi] {
			isOpen := e.open
			switch e.r {
			case '?':
				isOpen = open < 0
			case 'i':
				if open < 0 {
					continue // an inch mark
				}
				isOpen = false
			}
			if isOpen {
				if open >= 0 {
					if !e.curly && e.open && afterSentence(prose, p.Start, e.pos) {
						// a new quotation opening after a finished sentence
						// while one is open: a continuation paragraph run in
						// (". "Next...), which leaves the first unclosed by
						// convention
						spans = append(spans, Span{open, e.pos})
						open, openSize = e.pos, e.size
						continue
					}
					if e.open {
						// a clear opening mark inside an open quotation: a
						// quotation within it, written in double marks
						nested++
						continue
					}
					// an ambiguous straight mark while open closes it
					spans = append(spans, Span{open, e.pos + e.size})
					lastEnd = e.pos + e.size
					open = -1
					continue
				}
				open, openSize = e.pos, e.size
				continue
			}
			if open >= 0 && nested > 0 {
				nested--
				continue
			}
			if open >= 0 {
				spans = append(spans, Span{open, e.pos + e.size})
				lastEnd = e.pos + e.size
				open = -1
				continue
			}
			if k == 0 && skipFirstClose == pi {
				spans = append(spans, Span{p.Start, e.pos + e.size})
				lastEnd = e.pos + e.size
				continue
			}
			issues = append(issues, unopened(prose, p, lastEnd, e))
			lastEnd = e.pos + e.size
		}
		if open < 0 {
			continue
		}
		// open at the end of the paragraph: is it continued? Stray lines of
		// a few words (page furniture) between the two do not count.
		next := pi + 1
		for next < len(paras) && next < pi+3 && isStub(prose, paras[next]) {
			next++
		}
		if next < len(paras) && paras[next].Kind == KindBody {
			pi := next - 1
			nev := events[pi+1]
			if len(nev) > 0 && startsWithOpener(prose, paras[pi+1], nev[0]) {
				spans = append(spans, Span{open, p.End})
				continue
			}
			if len(nev) > 0 && !nev[0].open && nev[0].r != '?' {
				// the next paragraph closes a quotation it never opened: it
				// is the continuation and lost its opening mark
				q := paras[pi+1]
				mark := "\""
				if nev[0].curly {
					mark = "“"
				}
				insert := q.Start
				if !readsAsOpener(prose, q, insert) {
					insert = -1
				}
				issues = append(issues, QuoteIssue{Unopened: true, Mark: Span{nev[0].pos, nev[0].pos + nev[0].size},
					Region: Span{q.Start, nev[0].pos + nev[0].size}, Insert: insert, InsertText: mark})
				spans = append(spans, Span{open, p.End})
				skipFirstClose = pi + 1
				continue
			}
		}
		issues = append(issues, QuoteIssue{Mark: Span{open, open + openSize}, Region: Span{open, p.End}, Insert: -1})
		spans = append(spans, Span{open, p.End})
	}
	spans = append(spans, singleQuotes(prose, paras)...)
	sortSpans(spans)
	return mergeSpans(spans), issues
}

// endsSentence: the quotation that closed just before i ended with . ? or !
func endsSentence(prose string, start, i int) bool {
	j := i
	for j > start {
		r, size := utf8.DecodeLastRuneInString(prose[start:j])
		if r == '"' || r == '”' || r == '’' || r == '\'' {
			j -= size
			continue
		}
		return r == '.' || r == '?' || r == '!'
	}
	return false
}

// afterSentence: the mark at i follows a finished sentence (". " or "? ").
func afterSentence(prose string, start, i int) bool {
	j := i
	for j > start && prose[j-1] == ' ' {
		j--
	}
	if j == i || j == start {
		return false
	}
	switch prose[j-1] {
	case '.', '?', '!':
		return true
	}
	return false
}

// isStub: a paragraph of at most three words without sentence punctuation,
// such as a furniture line left between two paragraphs of a quotation.
func isStub(prose string, p Para) bool {
	t := prose[p.Start:p.End]
	if len(t) > 40 || strings.ContainsAny(t, "\".?!\u201c\u201d") {
		return false
	}
	return len(strings.Fields(t)) <= 3
}

// startsWithOpener: the paragraph's first mark is an opening mark at its very
// start.
func startsWithOpener(prose string, p Para, e qevent) bool {
	if e.pos != p.Start {
		return false
	}
	return e.open || e.r == '?'
}

// unopened builds the issue for a closing mark with no opening mark: the
// region runs from the end of the previous quotation (or the paragraph start)
// to the mark; the mark most probably belongs at the start of the sentence
// that the closing mark ends, or after a colon that introduces it.
func unopened(prose string, p Para, from int, e qevent) QuoteIssue {
	mark := "\""
	if e.curly {
		mark = "“"
	}
	iss := QuoteIssue{Unopened: true, Mark: Span{e.pos, e.pos + e.size}, Insert: -1, InsertText: mark}
	starts := sentenceStartsIn(prose, from, e.pos)
	if len(starts) == 0 {
		iss.Region = Span{from, e.pos + e.size}
		return iss
	}
	// the text after the previous quotation and its attribution: a
	// quotation that ended a sentence (."), is followed by a new sentence;
	// one that ended with a comma by "he said".
	regionStart := starts[0]
	switch {
	case from == p.Start:
		regionStart = p.Start
	case len(starts) > 1 && !endsSentence(prose, p.Start, from):
		starts = starts[1:]
		regionStart = starts[0]
	}
	best := starts[len(starts)-1]
	if best < regionStart {
		best = regionStart
	}
	iss.Region = Span{min(regionStart, best), e.pos + e.size}
	// a full quoted sentence ends in punctuation before the mark, or is
	// followed by an attribution; a partial quotation in mid-sentence is
	// not placed
	var prev rune
	if e.pos > p.Start {
		prev, _ = utf8.DecodeLastRuneInString(prose[p.Start:e.pos])
	}
	if prev == ',' || prev == '.' || prev == '?' || prev == '!' || prev == '…' {
		// A double mark between the start and the closing mark was not
		// taken for a quotation mark (an inch mark after a figure, 6'2"):
		// with an opening mark before it, it would pair with that one and
		// leave the closing mark unopened still, so no place is offered.
		if best < e.pos-1 && !strings.ContainsAny(prose[best:e.pos], "\"“”") && readsAsOpener(prose, p, best) {
			iss.Insert = best
		}
	}
	return iss
}

// readsAsOpener: a straight mark inserted at i would be read as an opening
// mark, by the same reading doubleQuoteEvents gives the marks already there.
// A place right after another mark (A"|!!") is not offered: the inserted
// mark would pair with that one and leave the stray closer unopened still.
func readsAsOpener(prose string, p Para, i int) bool {
	prev, next := ' ', ' '
	if i > p.Start {
		prev, _ = utf8.DecodeLastRuneInString(prose[p.Start:i])
	}
	if i < p.End {
		next, _ = utf8.DecodeRuneInString(prose[i:])
	}
	return isOpenPunct(prev) && !isClosePunct(next)
}

// sentenceStartsIn lists plausible sentence starts in prose[from:to]: from
// itself (skipping white space and an attribution tail), and every position
// after . ! ? or : and white space that is followed by a capital or figure.
func sentenceStartsIn(prose string, from, to int) []int {
	var out []int
	i := from
	for i < to {
		r, size := utf8.DecodeRuneInString(prose[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	if i < to {
		out = append(out, i)
	}
	for j := i; j < to; {
		r, size := utf8.DecodeRuneInString(prose[j:])
		j += size
		if r != '.' && r != '!' && r != '?' && r != ':' {
			continue
		}
		if r == '.' && isAbbrevBefore(prose, j-1) {
			continue
		}
		k := j
		for k < to {
			r2, s2 := utf8.DecodeRuneInString(prose[k:])
			if r2 == '"' || r2 == '”' || r2 == '’' || r2 == ')' {
				k += s2
				continue
			}
			break
		}
		sp := k
		for sp < to {
			r2, s2 := utf8.DecodeRuneInString(prose[sp:])
			if !unicode.IsSpace(r2) {
				break
			}
			sp += s2
		}
		if sp == k || sp >= to {
			continue
		}
		r3, _ := utf8.DecodeRuneInString(prose[sp:])
		if unicode.IsUpper(r3) || unicode.IsDigit(r3) {
			out = append(out, sp)
		}
	}
	return out
}

// singleQuotes finds quotations in single marks: an opening ‘ or ' after a
// space or the paragraph start and before a letter, paired with the first ’
// or ' in the paragraph that is followed by a space, punctuation or the end.
// Known elisions ('90s, 'n', 'em) are not openers. Unpaired single marks are
// never reported: they are usually apostrophes.
func singleQuotes(prose string, paras []Para) []Span {
	var out []Span
	for _, p := range paras {
		open := -1
		// as in doubleQuoteEvents: only ' and the lead byte of ‘ ’ matter
		marks := newTwoBytes(prose[:p.End], '\'', 0xE2)
		for i := p.Start; i < p.End; {
			if i = marks.next(i); i >= p.End {
				break
			}
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

// twoBytes finds the places in s that hold either of two bytes, in order.
// Each byte is searched for with strings.IndexByte (vectorised) and its next
// place remembered, so a stretch without one of them is read once for it
// however many of the other it holds.
type twoBytes struct {
	s      string
	a, b   byte
	na, nb int // the next place of a and of b at or after the last asked, len(s) for none; -1 before the first search
}

func newTwoBytes(s string, a, b byte) twoBytes { return twoBytes{s: s, a: a, b: b, na: -1, nb: -1} }

// next returns the first place at or after from that holds a or b, or
// len(s). Calls must not go backwards.
func (t *twoBytes) next(from int) int {
	if t.na < from {
		t.na = indexByteFrom(t.s, t.a, from)
	}
	if t.nb < from {
		t.nb = indexByteFrom(t.s, t.b, from)
	}
	return min(t.na, t.nb)
}

// indexByteFrom is the first place at or after from that holds c, or len(s).
func indexByteFrom(s string, c byte, from int) int {
	if from >= len(s) {
		return len(s)
	}
	if k := strings.IndexByte(s[from:], c); k >= 0 {
		return from + k
	}
	return len(s)
}

func isElision(rest string) bool {
	for _, w := range []string{"n'", "n’", "em ", "til ", "cause ", "tis ", "twas "} {
		if len(rest) >= len(w) && rest[:len(w)] == w {
			return true
		}
	}
	return false
}

// sortSpans orders spans by start, the longer first when two start
// together. (The double and single quotations come as two sorted lists,
// but one after the other: an insertion sort would cost their product.)
func sortSpans(s []Span) {
	slices.SortFunc(s, func(a, b Span) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
}

// mergeSpans joins nested and overlapping spans.
func mergeSpans(s []Span) []Span {
	if len(s) == 0 {
		return s
	}
	out := s[:1]
	for _, x := range s[1:] {
		last := &out[len(out)-1]
		if x.Start < last.End {
			if x.End > last.End {
				last.End = x.End
			}
			continue
		}
		out = append(out, x)
	}
	return out
}
