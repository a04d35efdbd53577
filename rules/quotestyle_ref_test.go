package rules

import (
	"fmt"
	"reflect"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/bench/newsgen"
	"github.com/copydesk/copydesk/internal/core"
)

// QuoteStyle jumps from mark to mark; quoteStyleReference is the reading of
// every character it replaced, and the two must agree.

func quoteStyleReference(d *core.Doc) []core.Finding {
	var doubles, singles [2][]mark // [0] straight, [1] curly
	s := d.Prose
	var prev rune = ' '
	for i := 0; i < len(s); {
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
		prev = r
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

var quoteStyleSeeds = []string{
	"“Yes,” she said. Then: \"No.\" It's O’Brien's 6\" pipe",
	"bad \xe2\x80\"x\xff'y \xe2\x80\x99s ’’ '' \"\"",
	"é'é é’é 1\" (\"a\") —“b” ‘c’ '",
}

func checkQuoteStyle(t *testing.T, text string) {
	t.Helper()
	d := core.NewDoc("q", text, core.FormatText, core.Options{})
	got, want := QuoteStyle{}.Check(d), quoteStyleReference(d)
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("QuoteStyle on %q:\n got %v\nwant %v", text, got, want)
	}
}

func TestQuoteStyleMatchesReference(t *testing.T) {
	for _, s := range quoteStyleSeeds {
		checkQuoteStyle(t, s)
	}
	checkQuoteStyle(t, newsgen.Text(5, 300_000))
}

func FuzzQuoteStyle(f *testing.F) {
	for _, s := range quoteStyleSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkQuoteStyle(t, s) })
}
