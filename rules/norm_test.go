package rules

import (
	"strings"
	"testing"
)

// normEqual and normHash stand for comparing normLine's strings: equal
// normal forms must compare equal and hash alike, different ones must not
// compare equal.
var normSeeds = [][2]string{
	{"The vote was 5-2.", "the  vote was 5-2."},
	{"“Quoted” – ‘x’", "\"quoted\" - 'x'"},
	{"a\tb\nc", "a b c"},
	{"  lead and trail  ", "lead and trail"},
	{"Ünïcödé Wörds", "ünïcödé wörds"},
	{"bad \xff byte", "bad \xfe byte"},
	{"bad \xff byte", "bad \uFFFD byte"},
	{"x\u00a0y", "x y"},
	{"x\u2003— y", "x - y"},
	{"", " "},
	{"ab", "a b"},
	{"İstanbul", "istanbul"},
}

func checkNorm(t *testing.T, a, b string) {
	t.Helper()
	want := normLine(a) == normLine(b)
	if got := normEqual(a, b); got != want {
		t.Fatalf("normEqual(%q, %q) = %v, want %v", a, b, got, want)
	}
	if want && normHash(a) != normHash(b) {
		t.Fatalf("normHash(%q) != normHash(%q), whose normal forms are equal", a, b)
	}
}

func TestNormEqualAndHashFollowNormLine(t *testing.T) {
	for _, p := range normSeeds {
		checkNorm(t, p[0], p[1])
		checkNorm(t, p[1], p[0])
		checkNorm(t, p[0], p[0])
	}
}

func FuzzNorm(f *testing.F) {
	for _, p := range normSeeds {
		f.Add(p[0], p[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		checkNorm(t, a, b)
		checkQuoteHash(t, a)
	})
}

// fold's ASCII path gives what the NFD path gives.
func TestFoldASCIIMatchesUnicodePath(t *testing.T) {
	for _, s := range []string{"Kim Jong-un", "O'Brien", "AB CD-ef's", "x", "", "a1-B2 c3'D4", "Zoe"} {
		if got, want := fold(s), foldUnicode(s); got != want {
			t.Fatalf("fold(%q) = %q, want %q", s, got, want)
		}
	}
	for c := 0; c < 128; c++ {
		s := "A" + string(rune(c)) + "z"
		if got, want := fold(s), foldUnicode(s); got != want {
			t.Fatalf("fold(%q) = %q, want %q", s, got, want)
		}
	}
}

// spellBase cuts what the plain reading of its suffixes cuts.
func TestSpellBaseMatchesSuffixes(t *testing.T) {
	ref := func(w string) string {
		for _, suf := range []string{"'s", "’s", "'S", "’S"} {
			if b, ok := strings.CutSuffix(w, suf); ok && b != "" {
				return b
			}
		}
		return w
	}
	for _, w := range []string{"", "s", "'s", "’s", "x's", "x’s", "X'S", "X’S", "’’s", "it's", "its", "'", "x'", "a’S", "\x99s", "\x80\x99s", "é's"} {
		if got, want := spellBase(w), ref(w); got != want {
			t.Fatalf("spellBase(%q) = %q, want %q", w, got, want)
		}
	}
}

// quoteHash hashes what quoteEach emits, and counts its words.
func TestQuoteHashFollowsQuoteEach(t *testing.T) {
	for _, p := range normSeeds {
		for _, s := range p {
			checkQuoteHash(t, s)
		}
	}
}

func checkQuoteHash(t *testing.T, s string) {
	t.Helper()
	wh := uint64(14695981039346656037)
	wn := quoteEach(s, func(r rune) {
		for _, c := range []byte(string(r)) {
			wh ^= uint64(c)
			wh *= 1099511628211
		}
	})
	if gh, gn := quoteHash(s); gh != wh || gn != wn {
		t.Fatalf("quoteHash(%q) = %x, %d; want %x, %d", s, gh, gn, wh, wn)
	}
}
