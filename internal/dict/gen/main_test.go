package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestCommittedDataIsFresh rebuilds the dictionary from SCOWL and the
// supplement and compares it with the committed files. It needs the Debian
// package scowl; without it the test is skipped, except in CI (CI=true),
// where a missing list is a failure.
func TestCommittedDataIsFresh(t *testing.T) {
	const scowl = "/usr/share/dict/scowl"
	const copyright = "/usr/share/doc/scowl/copyright"
	if _, err := os.Stat(scowl); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("SCOWL lists missing (%v): apt-get install scowl", err)
		}
		t.Skipf("SCOWL lists missing (%v): apt-get install scowl to check words.dat", err)
	}
	files, err := Build(scowl, copyright, filepath.Join("..", "supplement.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join("..", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("internal/dict/%s is stale: run go generate in internal/dict", name)
		}
	}
}

func TestSupplementTags(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "s.txt")
	if err := os.WriteFile(path, []byte("# comment\nvlog\nfoo 70 GB OX\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	words := map[string]*entry{}
	if err := readSupplement(path, words); err != nil {
		t.Fatal(err)
	}
	if e := words["vlog"]; e == nil || e.level != levelIndex(60) || e.flags != flagAll {
		t.Errorf("vlog: %+v", e)
	}
	if e := words["foo"]; e == nil || e.level != levelIndex(70) || e.flags != flagGB|flagOX {
		t.Errorf("foo: %+v", e)
	}
	if err := os.WriteFile(path, []byte("bar 65\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := readSupplement(path, map[string]*entry{}); err == nil {
		t.Error("a level SCOWL does not have was accepted")
	}
}

func TestEncodeDropsPossessivesAndSorts(t *testing.T) {
	words := map[string]*entry{
		"cat":   {level: 1, flags: flagAll},
		"cat's": {level: 1, flags: flagAll},
		"Bob's": {level: 5, flags: flagAll}, // kept: no "Bob"
		"apple": {level: 2, flags: flagVar | flagUS},
	}
	got := string(encode(words))
	want := "#copydesk-dict 1 3\nBob's\t5G\napple\t2A\ncat\t1G\n"
	if got != want {
		t.Errorf("encode =\n%q\nwant\n%q", got, want)
	}
}

func TestUnaccent(t *testing.T) {
	for in, want := range map[string]string{"café": "cafe", "protégé": "protege", "Zürich": "Zurich", "plain": "plain", "Łódź": "Łódź"} {
		if got := unaccent(in); got != want {
			t.Errorf("unaccent(%q) = %q, want %q", in, got, want)
		}
	}
}
