package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/rules/realword"
)

// The committed tables must be what the generator makes from the committed
// inputs and the pinned outside sources. The sources (SCOWL from Debian, five
// npm packages) are fetched by fetch-sources.sh; without them the test
// cannot run and says so. (rules/realword checks the input hash always.)
func TestCommittedTablesAreFresh(t *testing.T) {
	if testing.Short() {
		t.Skip("regenerates the tables (about 10 s)")
	}
	c := config{data: "../../realword", scowl: "/usr/share/dict/scowl", sources: defaultSources()}
	for _, p := range []string{c.scowl, c.brownDir(), c.sotuDir(), c.cmudict(), c.nlpDir(), c.wordnetDir()} {
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

func TestBrownTagsMapToClasses(t *testing.T) {
	for tag, want := range map[string]realword.Class{
		"nn": realword.ClassNoun, "nn-tl": realword.ClassNoun, "fw-nn": realword.ClassNoun, "nns-hl": realword.ClassNouns,
		"np$": realword.ClassPoss, "pp$": realword.ClassPoss, "ppss+bem": realword.ClassPron, "md*": realword.ClassModal,
		"*": realword.ClassNeg, "vbn": realword.ClassVerbPart, "to": realword.ClassTo, "ex": realword.ClassThere,
		"at": realword.ClassDet, "jjr": realword.ClassComp, "rp": realword.ClassPart, "uh": realword.ClassOther,
	} {
		if got := brownClass(tag); got != want {
			t.Errorf("%s: %s, want %s", tag, got, want)
		}
	}
}

func TestConfusionSetsInflect(t *testing.T) {
	for w, want := range map[string]string{"affect": "affects affected affecting", "supply": "supplies supplied supplying",
		"site": "sites sited siting", "brake": "brakes braked braking", "pass": "passes passed passing"} {
		f := inflections(w)
		if got := strings.Join(f[:], " "); got != want {
			t.Errorf("%s: %q, want %q", w, got, want)
		}
	}
	lx := &lexicon{level: map[string]int{}}
	counts := map[string]int{}
	for _, w := range strings.Fields("affects effects affected effected affecting effecting aided aides sites sights sited sighted brakes breaks braked breaked") {
		lx.level[w] = 50
		counts[w] = 10
	}
	counts["sighted"] = 1                      // one rare form: the kind of slip the rare tests catch
	counts["braked"], counts["breaked"] = 1, 0 // two: nothing to compare
	sets := []confusionSet{
		{words: []string{"affect", "effect"}},
		{words: []string{"aid", "aide"}},   // aided, aided: one form
		{words: []string{"of", "off"}},     // function words do not inflect
		{words: []string{"sight", "site"}}, // sighted is rare, sited is not
		{words: []string{"brake", "break"}},
	}
	var got []string
	for _, s := range expandSets(sets, lx, counts)[len(sets):] {
		got = append(got, strings.Join(s.words, " "))
	}
	want := "affects effects|affected effected|affecting effecting|sights sites|sighted sited|brakes breaks"
	if strings.Join(got, "|") != want {
		t.Errorf("inflected sets %q, want %q", strings.Join(got, "|"), want)
	}
}

func TestHeldOutSettingsParse(t *testing.T) {
	p := realword.DefaultParams
	if err := setParams(&p, "ClassFactor=50, MinClassLR=2.5"); err != nil {
		t.Fatal(err)
	}
	if p.ClassFactor != 50 || p.MinClassLR != 2.5 || p.ConfusionFactor != realword.DefaultParams.ConfusionFactor {
		t.Errorf("settings %+v", p)
	}
	for _, bad := range []string{"NoSuchSetting=1", "ClassFactor", "ClassFactor=x"} {
		if err := setParams(&p, bad); err == nil {
			t.Errorf("%q: want an error", bad)
		}
	}
}
