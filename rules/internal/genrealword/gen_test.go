package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The committed tables must be what the generator makes from the committed
// inputs and the pinned outside sources. The sources (SCOWL from Debian, four
// npm packages) are fetched by fetch-sources.sh; without them the test
// cannot run and says so. (rules/realword checks the input hash always.)
func TestCommittedTablesAreFresh(t *testing.T) {
	if testing.Short() {
		t.Skip("regenerates the tables (about 10 s)")
	}
	c := config{data: "../../realword", scowl: "/usr/share/dict/scowl", sources: defaultSources()}
	for _, p := range []string{c.scowl, c.brownDir(), c.sotuDir(), c.cmudict(), c.nlpDir()} {
		if _, err := os.Stat(p); err != nil {
			t.Skipf("source missing (%v): run rules/internal/genrealword/fetch-sources.sh", err)
		}
	}
	out, err := generate(c, false)
	if err != nil {
		t.Fatal(err)
	}
	for name, body := range out {
		old, err := os.ReadFile(filepath.Join(c.data, name))
		if err != nil {
			t.Fatal(err)
		}
		if string(old) != body {
			t.Errorf("%s is stale: run go generate ./rules", name)
		}
	}
}

func TestExplicitGroupsExpandInLockstep(t *testing.T) {
	ps, err := parseExplicit("# c\n{tow|towed} the {line|party line} => {toe|toed} the {line|party line}\n! pubic {hearing|school} => public {hearing|school}\n+ a {b} => c {d}\n", "x")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range ps {
		s := p.wrong + " => " + p.right
		if p.embarrassing {
			s = "!" + s
		}
		if p.trusted {
			s += " +"
		}
		got = append(got, s)
	}
	want := "tow the line => toe the line|tow the party line => toe the party line|towed the line => toed the line|" +
		"towed the party line => toed the party line|!pubic hearing => public hearing +|!pubic school => public school +|a b => c d +"
	if strings.Join(got, "|") != want {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "|"), want)
	}
	for _, bad := range []string{"a b c\n", "{a|b} c => d\n", "{a|b|c} x => {d|e} x\n"} {
		if _, err := parseExplicit(bad, "x"); err == nil {
			t.Errorf("%q: want an error", bad)
		}
	}
}

func TestFormsOfOneWordAreNotVariants(t *testing.T) {
	for _, p := range [][2]string{{"hearing", "hearings"}, {"bank's", "banks"}, {"rise", "rose"}, {"come", "came"}, {"make", "made"}, {"place", "placed"}} {
		if !sameWord(p[0], p[1]) {
			t.Errorf("%s/%s: want the same word", p[0], p[1])
		}
	}
	for _, p := range [][2]string{{"took", "tool"}, {"public", "pubic"}, {"trial", "trail"}, {"from", "form"}, {"statute", "statue"}} {
		if sameWord(p[0], p[1]) {
			t.Errorf("%s/%s: want different words", p[0], p[1])
		}
	}
}

func TestNeighboursAreRealWordsOneEditAway(t *testing.T) {
	lx := &lexicon{
		level:   map[string]int{"took": 10, "tool": 20, "look": 10, "tooks": 70, "toot": 60, "color": 10, "colour": 10, "taken": 10},
		region:  map[string]byte{"color": 'a', "colour": 'b'},
		variant: map[string]bool{},
	}
	if got := strings.Join(lx.neighbours("took"), " "); got != "look tool toot" {
		t.Errorf("neighbours(took) = %q", got)
	}
	if got := lx.neighbours("color"); len(got) != 0 {
		t.Errorf("an American/British pair is no slip: %q", got)
	}
	if n := len(edits1("ab")); n != 2+1+26*3+25*2 {
		t.Errorf("edits1(ab): %d strings", n)
	}
}
