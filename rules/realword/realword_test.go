package realword

import (
	"sort"
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

func TestPhraseTableOpens(t *testing.T) {
	tb, err := Phrases()
	if err != nil {
		t.Fatal(err)
	}
	if tb.MaxLen < 3 || tb.phrase.n < 10000 {
		t.Fatalf("table too small: %d phrases, longest %d", tb.phrase.n, tb.MaxLen)
	}
	if tb.Opens("tool", "place") < 2 {
		t.Error(`"tool place" should open a wrong phrase`)
	}
	_, es := tb.Lookup([]string{"tool", "place"})
	found := false
	for _, e := range es {
		if strings.Join(e.Right, " ") == "took place" && e.Flags&FlagGenerated != 0 {
			found = true
		}
	}
	if !found {
		t.Error(`"tool place" -> "took place" missing from the table`)
	}
	if _, es := tb.Lookup([]string{"took", "place"}); es != nil || tb.Opens("zzzzz", "place") != 0 {
		t.Error("a right phrase must not be in the table as a wrong one")
	}
	// every phrase in the text is found through the index, and its entries
	// start where the index says
	n := 0
	for p := 0; p < len(variantsTSV); n++ {
		run, next, err := readRun(variantsTSV, p)
		if err != nil {
			t.Fatal(err)
		}
		if len(run) == 0 {
			break
		}
		if _, es := tb.Lookup(run[0].Wrong); len(es) != len(run) {
			t.Fatalf("%q: index gives %d entries, the file has %d", strings.Join(run[0].Wrong, " "), len(es), len(run))
		}
		p = next
	}
	if n != tb.phrase.n {
		t.Errorf("%d phrases in the file, %d in the index", n, tb.phrase.n)
	}
}

func TestTableReadsGuardsAndFlags(t *testing.T) {
	tb, err := ParseTable("# c\nshould of\tshould have\tx\n~\tshould of\tshould of course\t0\npubic hearing\tpublic hearing\tge\n")
	if err != nil {
		t.Fatal(err)
	}
	_, es := tb.Lookup([]string{"should", "of"})
	if len(es) != 1 || len(es[0].Guards) != 1 || es[0].Guards[0].Offset != 0 || strings.Join(es[0].Guards[0].Words, " ") != "should of course" {
		t.Errorf("guards %+v", es)
	}
	_, ps := tb.Lookup([]string{"pubic", "hearing"})
	if len(ps) != 1 || ps[0].Flags != FlagGenerated|FlagEmbarrassing {
		t.Errorf("entries %+v", ps)
	}
	for _, bad := range []string{
		"a\tb\n",                              // two fields
		"a b\tb c\tq\n",                       // unknown flag
		"~\ta b\tc a b\t1\n",                  // a guard before any entry
		"a b\tc d\tg\nx y\tz\tg\na b\te\tg\n", // one wrong phrase in two places
		"a b\tc d\tg\n~\tx y\tx y z\t0\n",     // a guard for another phrase
	} {
		if _, err := ParseTable(bad); err == nil {
			t.Errorf("%q: want an error", bad)
		}
	}
}

// The hashed tables: a key is found where it was put, a missing key is not,
// whatever the spread of the keys.
func TestBinaryTablesFindEveryKey(t *testing.T) {
	m := map[uint64]uint32{}
	for i := 0; i < 5000; i++ {
		m[NewHash(1).Word(strings.Repeat("x", i%37)+string(rune('a'+i%26))).Byte(byte(i)).Sum()] = uint32(i + 1)
	}
	m[1<<20], m[2<<20], m[^uint64(0)] = 7, 8, 9 // uneven keys at both ends
	for _, kw := range []int{8, 6} {
		w := NewBinWriter("# test\n")
		if err := w.Section("TEST", m, kw, 4); err != nil {
			t.Fatal(err)
		}
		f, err := openBin("test", w.String())
		if err != nil {
			t.Fatal(err)
		}
		s := f.section("TEST")
		for k, v := range m {
			if got := s.Get(k); got != v {
				t.Fatalf("%d-byte keys: key %x: got %d, want %d", kw, k, got, v)
			}
		}
		for i := uint64(3); i < 3000; i += 7 {
			if _, ok := m[i*0x9e3779b97f4a7c15]; !ok && s.Get(i*0x9e3779b97f4a7c15) != 0 {
				t.Fatalf("%d-byte keys: missing key %d found", kw, i)
			}
		}
		if f.section("NONE").Get(1) != 0 {
			t.Error("a missing section must be empty")
		}
	}
	// two-byte counts: exact below 32,768, within 0.2% above
	for _, v := range []uint32{0, 1, 255, 32767, 32768, 40000, 133689, 1 << 21} {
		got := decode16(encode16(v))
		if v < 32768 && got != v || v >= 32768 && (float64(got) > float64(v) || float64(got) < float64(v)*0.998) {
			t.Errorf("count %d comes back as %d", v, got)
		}
	}
	w := NewBinWriter("")
	if err := w.Section("DUPS", map[uint64]uint32{0x1234_5678_9abc_0001: 1, 0x1234_5678_9abc_0002: 2}, 6, 4); err == nil {
		t.Error("keys equal in their top 48 bits must be an error with 6-byte keys")
	}
	if _, err := openBin("x", "# no magic\n"); err == nil {
		t.Error("a file without the magic line must be an error")
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
		if m.Score(c[0], c[1], c[3]) <= m.Score(c[0], c[2], c[3]) {
			t.Errorf("%s _ %s: %q should score above %q", c[0], c[3], c[1], c[2])
		}
	}
	if m.Count("zzzz") != 0 || m.Count("from") < 1000 || m.Bigram("came", "from") < 10 || m.Trigram("came", "from", "the") < 1 {
		t.Errorf("counts: zzzz %v, from %v, came from %v", m.Count("zzzz"), m.Count("from"), m.Bigram("came", "from"))
	}
	if _, err := ParseConfusables("a b ; 1\n"); err == nil {
		t.Error("a factor of 1 must be an error")
	}
	if _, err := OpenModel("# no tables\n", classesBin, ""); err == nil {
		t.Error("a file without tables must be an error")
	}
}

// The class lexicon from the tagged Brown corpus, with the shape guess for
// words it does not list.
func TestWordClasses(t *testing.T) {
	m, err := NgramModel()
	if err != nil {
		t.Fatal(err)
	}
	for w, want := range map[string]Class{
		"the": ClassDet, "their": ClassPoss, "to": ClassTo, "meet": ClassVerb, "of": ClassPrep, "is": ClassBe,
		"could": ClassModal, "and": ClassConj, "i": ClassPron, "staff": ClassNoun, "promotional": ClassAdj, "gadgets": ClassNouns,
		"passcode": ClassNoun, "0": ClassNum, "bank's": ClassPoss, "quickly": ClassAdv,
	} {
		if got := WordClass(m, w, 0); got != want {
			t.Errorf("%s: class %s, want %s", w, got, want)
		}
	}
	// British spellings take the class of the American form
	for w, want := range map[string]Class{"organised": WordClass(m, "organized", 0), "recognise": ClassVerb, "criticise": ClassVerb, "behaviour": ClassNoun} {
		if got := WordClass(m, w, 0); got != want {
			t.Errorf("%s: class %s, want %s", w, got, want)
		}
	}
	if got := WordClass(m, "may", core.WCap); got != ClassName {
		t.Errorf("May mid-sentence: %s, want a name", got)
	}
	if got := WordClass(m, "the", core.WCap|core.WSentStart); got != ClassDet {
		t.Errorf("The opening a sentence: %s", got)
	}
	if got := WordClass(m, "bdo", core.WCap|core.WAllCaps|core.WSentStart); got != ClassName {
		t.Errorf("an acronym: %s", got)
	}
	if ClassByName(ClassVerbIng.String()) != ClassVerbIng || ClassByName("nonsense") != ClassNone {
		t.Error("class names do not round-trip")
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
	classes := ContextClasses(MapLexicon{}, toks)
	if len(classes) != len(ctx) {
		t.Fatalf("%d classes for %d context words", len(classes), len(ctx))
	}
	at := func(j int) (string, Class) {
		if j < 0 || j >= len(ctx) {
			return BOS, ClassBOS
		}
		return ctx[j], classes[j]
	}
	for i := range toks {
		if toks[i].Sep == SepHyphen || i+1 < len(toks) && toks[i+1].Sep == SepHyphen {
			continue
		}
		l, r := Neighbours(toks, i)
		if l != ctx[index[i]-1] || r != ctx[index[i]+1] {
			t.Errorf("Neighbours(%d) = %q %q, want %q %q", i, l, r, ctx[index[i]-1], ctx[index[i]+1])
		}
		// the window the rule scores is the one the counts were made from
		win := WindowAt(MapLexicon{}, toks, i)
		for k := -2; k <= 2; k++ {
			w, c := at(index[i] + k)
			if win.Words[k+2] != w || win.Classes[k+2] != c {
				t.Errorf("WindowAt(%d)[%d] = %q %s, want %q %s", i, k, win.Words[k+2], win.Classes[k+2], w, c)
			}
		}
	}
}

// WindowAt must agree with the stream the counts were made from, at
// paragraph starts, after commas and full stops, beside compounds and at
// both ends of the text.
func TestWindowMatchesContextStream(t *testing.T) {
	m, err := NgramModel()
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{
		"Form a queue.\n\nThey came form Texas, then - as planned - went to well-known sites.",
		"so-called experts, it's their view. Then there were five-year-old twins\n\nA new-look side, its own.",
		"of",
		"Well-being of all, for the - long - term; to: too.",
	} {
		toks := Tokens(core.NewDoc("t.txt", text, core.FormatText, core.Options{}))
		ctx, index := Context(toks)
		classes := ContextClasses(m, toks)
		for i := range toks {
			if toks[i].Sep == SepHyphen || i+1 < len(toks) && toks[i+1].Sep == SepHyphen {
				continue
			}
			win := WindowAt(m, toks, i)
			for k := -2; k <= 2; k++ {
				j := index[i] + k
				w, c := BOS, ClassBOS
				if j >= 0 && j < len(ctx) {
					w, c = ctx[j], classes[j]
				}
				if win.Words[k+2] != w || win.Classes[k+2] != c {
					t.Errorf("%q, word %d, offset %d: window %q %s, stream %q %s", text, i, k, win.Words[k+2], win.Classes[k+2], w, c)
				}
			}
		}
	}
}

// The bucket index finds exactly what the plain search over the sorted keys
// finds, present keys and absent ones alike.
func TestBucketIndexAgreesWithSearch(t *testing.T) {
	f, err := openBin("ngrams.bin", ngramsBin)
	if err != nil {
		t.Fatal(err)
	}
	for name, s := range f.sections {
		for i := 0; i < s.n; i += 1 + s.n/5000 {
			k := s.key(i)
			if s.kw == 6 {
				k <<= 16
			}
			j, ok := s.find(k)
			if !ok || s.key(j) != s.key(i) {
				t.Fatalf("%s: key %d not found (%d %v)", name, i, j, ok)
			}
			for _, probe := range []uint64{k + 1<<16, k - 1<<16, k ^ 0x5555<<20} {
				a, okA := s.find(probe)
				b, okB := plainFind(s, probe)
				if okA != okB || okA && s.key(a) != s.key(b) {
					t.Fatalf("%s: probe %x: bucket %d %v, search %d %v", name, probe, a, okA, b, okB)
				}
			}
		}
	}
}

// plainFind is a binary search over all the sorted keys, without the bucket
// index: the reference the index must agree with.
func plainFind(s *section, key uint64) (int, bool) {
	if s.kw == 6 {
		key >>= 16
	}
	i := sort.Search(s.n, func(i int) bool { return s.key(i) >= key })
	return i, i < s.n && s.key(i) == key
}
