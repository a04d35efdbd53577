package realword

import (
	"strings"
	"testing"

	"github.com/copydesk/copydesk/internal/core"
)

// The generated tables record the hash of the hand-written inputs they were
// made from; an edit to an input without regenerating fails here.
func TestGeneratedTablesMatchTheirInputs(t *testing.T) {
	want := "# inputs " + InputHash(Inputs())
	for name, body := range Generated() {
		if !strings.Contains(body[:min(len(body), 300)], want+"\n") {
			t.Errorf("%s was not generated from the current inputs: run go generate ./rules (see rules/internal/genrealword)", name)
		}
	}
}

func TestPhraseTableParses(t *testing.T) {
	tb, err := Phrases()
	if err != nil {
		t.Fatal(err)
	}
	if len(tb.Entries) < 10000 || tb.MaxLen < 3 {
		t.Fatalf("table too small: %d entries, longest %d", len(tb.Entries), tb.MaxLen)
	}
	ids := []uint32{tb.ID("tool"), tb.ID("place")}
	found := false
	for _, e := range tb.Lookup(ids) {
		if strings.Join(tb.Entries[e].Right, " ") == "took place" && tb.Entries[e].Flags&FlagGenerated != 0 {
			found = true
		}
	}
	if !found {
		t.Error(`"tool place" -> "took place" missing from the table`)
	}
	if tb.ID("zzzzz") != 0 || tb.Lookup([]uint32{tb.ID("took"), tb.ID("place")}) != nil {
		t.Error("a right phrase must not be in the table as a wrong one")
	}
}

func TestTableReadsGuardsAndFlags(t *testing.T) {
	tb, err := ParseTable("# c\nshould of\tshould have\tx\npubic hearing\tpublic hearing\tge\n~\tshould of\tshould of course\t0\n")
	if err != nil {
		t.Fatal(err)
	}
	e := tb.Entries[tb.Lookup([]uint32{tb.ID("should"), tb.ID("of")})[0]]
	if len(e.Guards) != 1 || e.Guards[0].Offset != 0 || strings.Join(e.Guards[0].Words, " ") != "should of course" {
		t.Errorf("guards %+v", e.Guards)
	}
	p := tb.Entries[tb.Lookup([]uint32{tb.ID("pubic"), tb.ID("hearing")})[0]]
	if p.Flags != FlagGenerated|FlagEmbarrassing {
		t.Errorf("flags %b", p.Flags)
	}
	for _, bad := range []string{"a\tb\n", "a\tb\tq\n", "~\ta\tb\n"} {
		if _, err := ParseTable(bad); err == nil {
			t.Errorf("%q: want an error", bad)
		}
	}
}

func TestSplitPhraseKeepsSeparators(t *testing.T) {
	w, s := SplitPhrase("dog-eat-dog world")
	if strings.Join(w, "|") != "dog|eat|dog|world" || strings.Join(s, "|") != "-|-| " {
		t.Errorf("got %q %q", w, s)
	}
}

func TestModelPrefersTheUsualWord(t *testing.T) {
	m, err := NgramModel()
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Alternatives("their")) == 0 || len(m.Alternatives("zzzz")) != 0 {
		t.Fatal("confusion sets not loaded")
	}
	for _, c := range [][4]string{
		{"came", "from", "form", "the"},
		{"in", "their", "there", "own"},
		{",", "which", "witch", "is"},
	} {
		if m.Score(m.ID(c[0]), m.ID(c[1]), m.ID(c[3])) <= m.Score(m.ID(c[0]), m.ID(c[2]), m.ID(c[3])) {
			t.Errorf("%s _ %s: %q should score above %q", c[0], c[3], c[1], c[2])
		}
	}
	if _, err := ParseModel("12\n3 a b c d\n", ""); err == nil {
		t.Error("a four-word n-gram must be an error")
	}
	if _, err := ParseModel("5\n", "a b ; 1\n"); err == nil {
		t.Error("a factor of 1 must be an error")
	}
}

func TestTokensAndContext(t *testing.T) {
	d := core.NewDoc("t.txt", "The then-president’s aide, Ms Lee, said: “No.” In 2004 it rose.", core.FormatText, core.Options{})
	toks := Tokens(d)
	var norms []string
	for _, tk := range toks {
		norms = append(norms, tk.Norm)
	}
	if got := strings.Join(norms, " "); got != "the then president's aide ms lee said no in 0 it rose" {
		t.Fatalf("norms %q", got)
	}
	if toks[2].Sep != SepHyphen || toks[4].Sep != SepComma || toks[7].Sep != SepStop {
		t.Errorf("separators %v %v %v", toks[2].Sep, toks[4].Sep, toks[7].Sep)
	}
	ctx, index := Context(toks)
	if got := strings.Join(ctx, " "); got != "<s> the then-president's aide , ms lee , said <s> no <s> in 0 it rose <s>" {
		t.Errorf("context %q", got)
	}
	if ctx[index[2]] != "then-president's" || ctx[index[3]] != "aide" {
		t.Errorf("index %v", index)
	}
	for i := range toks {
		if toks[i].Sep == SepHyphen || i+1 < len(toks) && toks[i+1].Sep == SepHyphen {
			continue
		}
		l, r := Neighbours(toks, i)
		if l != ctx[index[i]-1] || r != ctx[index[i]+1] {
			t.Errorf("Neighbours(%d) = %q %q, want %q %q", i, l, r, ctx[index[i]-1], ctx[index[i]+1])
		}
	}
}
