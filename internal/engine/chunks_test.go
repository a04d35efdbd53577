package engine

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/internal/core"
)

// A long plain text checked in parts gives the findings of local rules at
// the same offsets as when it is checked whole, with working fixes.
func TestLongTextsAreCheckedInParts(t *testing.T) {
	var b strings.Builder
	b.WriteString("\ufeffArchive of stories\r\n\r\n")
	for i := 0; i < 400; i++ {
		fmt.Fprintf(&b, "Story %d: the the council met on Monday , officials said. The goverment recieved %d letters.\r\n\r\n", i, i)
	}
	text := b.String()
	local := []string{"Copy.DoubledWord", "Copy.Spacing", "Copy.Misspelling"}
	run := func(size int) []string {
		old := chunkSize
		chunkSize = size
		defer func() { chunkSize = old }()
		e := New(Options{NoVale: true, Only: local})
		res, err := e.Check(context.Background(), []Input{{Path: "a.txt", Text: text, Format: core.FormatText}})
		if err != nil || res[0].Err != nil {
			t.Fatal(err, res[0].Err)
		}
		var got []string
		for _, f := range res[0].Findings {
			fixed := ""
			if len(f.Fixes) > 0 {
				ed := f.Fixes[0].Edits[0]
				fixed = text[ed.Start:ed.End] + "->" + ed.New
			}
			got = append(got, fmt.Sprintf("%s %d-%d %q %s", f.Rule, f.Start, f.End, text[f.Start:f.End], fixed))
		}
		sort.Strings(got)
		return got
	}
	whole, parts := run(1<<30), run(2000)
	if len(whole) != 1600 {
		t.Fatalf("%d findings when whole", len(whole))
	}
	if strings.Join(whole, "\n") != strings.Join(parts, "\n") {
		t.Fatalf("parts differ from whole: %d vs %d findings", len(parts), len(whole))
	}
}

func TestPartsEndAtParagraphBreaks(t *testing.T) {
	old := chunkSize
	chunkSize = 10
	defer func() { chunkSize = old }()
	text := "aaaa bbbb cccc\n\ndddd\n\neeee ffff gggg hhhh iiii jjjj kkkk"
	var parts []string
	for s := 0; s < len(text); {
		e := partEnd(text, s)
		parts = append(parts, text[s:e])
		s = e
	}
	if strings.Join(parts, "|") != "aaaa bbbb cccc\n\n|dddd\n\neeee |ffff gggg hhhh |iiii jjjj |kkkk" {
		t.Fatalf("%q", parts)
	}
	// no break at all: cut on a character boundary
	long := strings.Repeat("é", 20)
	for s := 0; s < len(long); {
		e := partEnd(long, s)
		if e <= s || e < len(long) && long[e]&0xC0 == 0x80 {
			t.Fatalf("bad cut at %d", e)
		}
		s = e
	}
}
