package lsp

import (
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

const mixed = "“Café” 😀 naïve — ‘quote’\r\nline two 𝄞 end\rthird\n\nlast é"

func TestPositionsRoundTripInEveryEncoding(t *testing.T) {
	for _, enc := range []string{encUTF8, encUTF16, encUTF32} {
		x := newTextIndex(mixed, enc)
		for off := 0; off <= len(mixed); off++ {
			if off < len(mixed) && !utf8.RuneStart(mixed[off]) {
				continue
			}
			p := x.position(off)
			back := x.offset(p)
			// an offset between "\r" and "\n" is inside a line break
			if off > 0 && mixed[off-1] == '\r' && off < len(mixed) && mixed[off] == '\n' {
				continue
			}
			if back != off {
				t.Errorf("%s: offset %d -> %+v -> %d", enc, off, p, back)
			}
		}
	}
}

func TestUTF16CountsSurrogatePairsAsTwoUnits(t *testing.T) {
	text := "a😀b𝄞c"
	x := newTextIndex(text, encUTF16)
	off := strings.Index(text, "c")
	want := len(utf16.Encode([]rune(text[:off])))
	if got := x.position(off); got.Character != uint32(want) || want != 6 {
		t.Errorf("position of c: %+v, want character %d", got, want)
	}
	// a position inside a surrogate pair lands on the character's start
	if got := x.offset(Position{0, 2}); got != 1 {
		t.Errorf("offset inside the pair: %d, want 1", got)
	}
	x8 := newTextIndex(text, encUTF8)
	if got := x8.position(off); got.Character != uint32(off) {
		t.Errorf("utf-8 position of c: %+v, want %d", got, off)
	}
	x32 := newTextIndex(text, encUTF32)
	if got := x32.position(off); got.Character != 4 {
		t.Errorf("utf-32 position of c: %+v, want 4", got)
	}
}

func TestLinesBreakAtLFCRLFAndLoneCR(t *testing.T) {
	x := newTextIndex(mixed, encUTF16)
	if len(x.lines) != 5 {
		t.Fatalf("want 5 lines, got %d: %v", len(x.lines), x.lines)
	}
	third := strings.Index(mixed, "third")
	if p := x.position(third); p != (Position{2, 0}) {
		t.Errorf("third line starts at %+v", p)
	}
	// past the end of a line means its end, before the break
	end := x.offset(Position{0, 1000})
	if mixed[end:end+2] != "\r\n" {
		t.Errorf("line 0 ends at %d (%q)", end, mixed[end:])
	}
	if got := x.offset(Position{99, 0}); got != len(mixed) {
		t.Errorf("line past the end: %d", got)
	}
}

func TestApplyChangeSplicesRangesAndReplacesWholeText(t *testing.T) {
	text := "ab😀cd\nxyz"
	r := Range{Start: Position{0, 2}, End: Position{0, 4}} // the emoji, in UTF-16
	got := applyChange(text, TextDocumentContentChangeEvent{Range: &r, Text: "é"}, encUTF16)
	if got != "abécd\nxyz" {
		t.Errorf("range change: %q", got)
	}
	r = Range{Start: Position{1, 1}, End: Position{1, 1}}
	got = applyChange(got, TextDocumentContentChangeEvent{Range: &r, Text: "“"}, encUTF8)
	if got != "abécd\nx“yz" {
		t.Errorf("insertion: %q", got)
	}
	if got := applyChange(text, TextDocumentContentChangeEvent{Text: "new"}, encUTF16); got != "new" {
		t.Errorf("full change: %q", got)
	}
}

func TestRuleLinksUseHeadingAnchors(t *testing.T) {
	if got := ruleHref("https://x/docs/rules.md", "Copy.DoubledWord"); got != "https://x/docs/rules.md#Copy.DoubledWord" {
		t.Errorf("got %q", got)
	}
	if got := ruleHref("", "Copy.DoubledWord"); got != "" {
		t.Errorf("no base: %q", got)
	}
}

func TestSettingsAreCheckedAndResolved(t *testing.T) {
	s, err := parseSettings([]byte(`{"copydesk":{"lang":"uk","categories":"typo, real-word","debounceMs":10,"vocabulary":"words","minSeverity":"warning"}}`))
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.resolve("/ws")
	if err != nil {
		t.Fatal(err)
	}
	if r.opt.Lang != "en-GB" || strings.Join(r.opt.Categories, ",") != "typo,real-word" || r.debounce.Milliseconds() != 10 || r.vocabulary != "/ws/words" || r.opt.MinSeverity != "warning" {
		t.Errorf("resolved: %+v", r)
	}
	for _, bad := range []string{`{"lang":"fr"}`, `{"categories":["typos"]}`, `{"minSeverity":"fatal"}`, `{"debounceMs":-1}`} {
		s, err := parseSettings([]byte(bad))
		if err == nil {
			_, err = s.resolve("")
		}
		if err == nil {
			t.Errorf("%s: accepted", bad)
		}
	}
}
