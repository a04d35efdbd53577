package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/internal/dict"
)

// TestCommittedTableIsFresh rebuilds misspell.tsv from the pinned misspell
// module and SCOWL's name lists and compares it with the committed file. It
// needs the Go module proxy (or the module in the cache) and the Debian
// package scowl; without them it is skipped, except in CI (CI=true).
func TestCommittedTableIsFresh(t *testing.T) {
	need := func(err error, what string) {
		if err == nil {
			return
		}
		if os.Getenv("CI") != "" {
			t.Fatalf("%s: %v", what, err)
		}
		t.Skipf("%s: %v", what, err)
	}
	const scowl = "/usr/share/dict/scowl"
	_, err := os.Stat(scowl)
	need(err, "SCOWL lists (apt-get install scowl)")
	dir, err := ModuleDir()
	need(err, "misspell module")
	files, err := Build(dir, scowl)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join("..", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("rules/data/%s is stale: run go generate -run misspellgen ./rules", name)
		}
	}
}

// TestTableHoldsNoWords reads the committed table: no misspelling may be a
// dictionary word (the dictionary may have grown since the table was made),
// and every correction must be one.
func TestTableHoldsNoWords(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "misspell.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	d := dict.Default()
	n := 0
	for line := range strings.SplitSeq(string(data), "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 2 || len(f) > 3 || len(f) == 3 && f[2] != "name" {
			t.Errorf("bad line %q", line)
			continue
		}
		n++
		if known(d, f[0]) {
			t.Errorf("%q is a word, not a misspelling", f[0])
		}
		if !d.Has("en-US", f[1]) {
			t.Errorf("correction %q of %q is not in the dictionary", f[1], f[0])
		}
	}
	if n < 20000 {
		t.Errorf("only %d pairs", n)
	}
}

func TestFilters(t *testing.T) {
	if !plain("don't") || !plain("all-time") || plain("1990s") || plain("coca cola") || plain("-ly") {
		t.Error("plain() misjudges")
	}
	if fold("Gardaí") != "gardai" || fold("gardai") != "gardai" {
		t.Error("fold() misjudges")
	}
	d := dict.Default()
	if got, _ := spelling(d, "february"); got != "February" {
		t.Errorf("spelling(february) = %q", got)
	}
	if got, _ := spelling(d, "march"); got != "march" {
		t.Errorf("spelling(march) = %q", got)
	}
	if got, _ := spelling(d, "english"); got != "English" {
		t.Errorf("spelling(english) = %q", got)
	}
	if known(d, "recieved") || !known(d, "house") || !known(d, "chicago") || known(d, "altho") {
		t.Error("known() misjudges")
	}
}
