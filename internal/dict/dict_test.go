package dict

import (
	"strings"
	"testing"
)

func TestCaseRules(t *testing.T) {
	cases := []struct {
		word string
		want bool
		why  string
	}{
		{"the", true, "a common word"},
		{"The", true, "a common word at a sentence start"},
		{"THE", true, "a common word in capitals"},
		{"Paris", true, "a proper noun"},
		{"PARIS", true, "a proper noun in capitals"},
		{"chicago", false, "a proper noun is not a lower-case word"},
		{"Chicago", true, "the proper noun"},
		{"NATO", true, "an acronym as listed"},
		{"nato", false, "an acronym is not a lower-case word"},
		{"don't", true, "a contraction"},
		{"don’t", true, "a contraction with a curly apostrophe"},
		{"worker's", true, "a possessive"},
		{"workers'", true, "a plural possessive"},
		{"Britain’s", true, "a possessive with a curly apostrophe"},
		{"iPhone", false, "a mixed-case brand is not in the dictionary"},
		{"goverment", false, "a misspelling"},
		{"Goverment", false, "a misspelling, capitalised"},
		{"cafe", true, "an accented word without its accents"},
		{"café", true, "an accented word"},
		{"cyberattack", true, "a word from copydesk's supplement"},
		{"", false, "nothing"},
	}
	for _, c := range cases {
		if got := Has("en-US", c.word); got != c.want {
			t.Errorf("Has(%q) = %v, want %v (%s)", c.word, got, c.want, c.why)
		}
	}
}

func TestBothVarietiesAreWords(t *testing.T) {
	// A spelling right in either variety is never a typo; the variety only
	// decides which spelling is preferred.
	for _, w := range []string{"colour", "color", "organise", "organize", "centre", "center", "travelled", "traveled", "judgement", "judgment", "programme", "program", "defence", "defense", "aluminium", "aluminum"} {
		for _, lang := range []string{"en-US", "en-GB"} {
			if !Has(lang, w) {
				t.Errorf("Has(%q, %q) = false", lang, w)
			}
		}
	}
	pref := []struct {
		lang, word string
		want       bool
	}{
		{"en-US", "color", true}, {"en-US", "colour", false},
		{"en-GB", "colour", true}, {"en-GB", "color", false},
		{"en-GB", "organise", true}, {"en-GB", "organize", true}, // Oxford spelling is British too
		{"en-US", "organise", false},
		{"en-US", "the", true}, {"en-GB", "the", true},
	}
	for _, p := range pref {
		if got := Preferred(p.lang, p.word); got != p.want {
			t.Errorf("Preferred(%q, %q) = %v, want %v", p.lang, p.word, got, p.want)
		}
	}
}

func TestProperOnlyAndLevel(t *testing.T) {
	if !ProperOnly("Chicago") || !ProperOnly("chicago") {
		t.Error("Chicago should be listed only as a proper noun")
	}
	if ProperOnly("house") || ProperOnly("House") {
		t.Error("house is a common word")
	}
	if l := Level("the"); l != 10 {
		t.Errorf("Level(the) = %d, want 10", l)
	}
	if l := Level("goverment"); l != 0 {
		t.Errorf("Level of a non-word = %d, want 0", l)
	}
	if a, b := Level("house"), Level("abjure"); !(a < b) {
		t.Errorf("house (%d) should be commoner than abjure (%d)", a, b)
	}
}

func TestRareVariantsAreMarked(t *testing.T) {
	e, ok := Find("altho")
	if !ok || e.Flags&RareVariant == 0 || e.Flags&(US|GB|Oxford) != 0 {
		t.Errorf("altho: %+v %v, want a rare variant only", e, ok)
	}
	e, ok = Find("colour")
	if !ok || e.Flags&RareVariant != 0 || e.Flags&GB == 0 {
		t.Errorf("colour: %+v %v, want a preferred British spelling", e, ok)
	}
}

func TestSuggestPutsTheIntendedWordFirst(t *testing.T) {
	cases := []struct{ typo, want, lang string }{
		{"recieved", "received", ""},    // swapped letters
		{"goverment", "government", ""}, // dropped letter
		{"teh", "the", ""},
		{"thier", "their", ""},
		{"wich", "which", ""},
		{"accomodate", "accommodate", ""}, // double letter typed once
		{"begining", "beginning", ""},
		{"untill", "until", ""}, // letter typed twice
		{"writting", "writing", ""},
		{"annnounced", "announced", ""},
		{"minsiter", "minister", ""}, // swap
		{"govenrment", "government", ""},
		{"prsident", "president", ""}, // dropped
		{"statment", "statement", ""},
		{"reort", "report", ""},
		{"stong", "strong", ""},
		{"drus", "drugs", ""},
		{"cmped", "camped", ""},
		{"hpuse", "house", ""}, // neighbouring key
		{"governmwnt", "government", ""},
		{"definately", "definitely", ""}, // vowel for vowel
		{"seperate", "separate", ""},
		{"independant", "independent", ""},
		{"foriegn", "foreign", ""},
		{"wierd", "weird", ""},
		{"occured", "occurred", ""},
		{"britian", "Britain", ""}, // a proper noun for a lower-case slip
		{"febuary", "February", ""},
		{"Goverment", "Government", ""}, // case kept
		{"GOVERMENT", "GOVERNMENT", ""},
		{"colr", "color", "en-US"},
		{"favourit", "favourite", "en-GB"}, // the copy's variety first
		{"favorit", "favorite", "en-US"},
	}
	for _, c := range cases {
		s := Suggest(c.typo, SuggestOptions{Lang: c.lang, Names: true})
		if len(s) == 0 || s[0].Word != c.want {
			var got []string
			for _, x := range s {
				got = append(got, x.Word)
			}
			t.Errorf("Suggest(%q) = %v, want %q first", c.typo, got, c.want)
		}
	}
}

func TestSuggestLeavesNamesOutForLowerCaseUnlessAsked(t *testing.T) {
	for _, s := range Suggest("britian", SuggestOptions{}) {
		if s.Entry.Proper() {
			t.Errorf("got proper noun %q without Names", s.Word)
		}
	}
}

func TestSuggestFindsEveryWordWithinTwoEdits(t *testing.T) {
	// The trie walk must agree with a plain scan of the list.
	d := Default()
	var all []int
	for i := strings.IndexByte(d.text, '\n') + 1; i < len(d.text); i += strings.IndexByte(d.text[i:], '\n') + 1 {
		all = append(all, i)
	}
	if len(all) != d.Len() {
		t.Fatalf("scanned %d words, want %d", len(all), d.Len())
	}
	for _, c := range []struct {
		q           string
		max, others int
	}{{"hpuse", 2, 2}, {"qxa", 1, 1}, {"recieved", 2, 1}, {"colr", 2, 2}, {"Goverment", 2, -1}, {"zzyzx", 2, 0}} {
		want := map[string]bool{}
		for _, o := range all {
			w := d.entryAt(o).Word
			max := c.max
			if fold(w[0]) != fold(c.q[0]) {
				max = c.others
			}
			if Distance(c.q, w) <= max {
				want[w] = true
			}
		}
		got := map[string]bool{}
		d.within(strings.ToLower(c.q), c.max, c.others, func(o, dist int) {
			w := d.entryAt(o).Word
			if dist != Distance(c.q, w) {
				t.Errorf("%q: %q at distance %d, want %d", c.q, w, dist, Distance(c.q, w))
			}
			got[w] = true
		})
		for w := range want {
			if !got[w] {
				t.Errorf("%q: walk missed %q", c.q, w)
			}
		}
		for w := range got {
			if !want[w] {
				t.Errorf("%q: walk found %q, which is too far", c.q, w)
			}
		}
		if len(want) == 0 && c.q != "zzyzx" {
			t.Errorf("%q: nothing to compare", c.q)
		}
	}
}

func TestDistance(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "abc", 0}, {"abc", "acb", 1}, {"teh", "the", 1},
		{"goverment", "government", 1}, {"kitten", "sitting", 3}, {"ca", "abc", 3}, {"ABC", "abc", 0},
	}
	for _, c := range cases {
		if got := Distance(c.a, c.b); got != c.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

func TestAdjacentKeys(t *testing.T) {
	for _, p := range []string{"as", "qw", "aq", "az", "ed", "gh", "nm", "bh", "ol"} {
		if !Adjacent(p[0], p[1]) || !Adjacent(p[1], p[0]) {
			t.Errorf("%q should be neighbours", p)
		}
	}
	for _, p := range []string{"ap", "qz", "ax", "tm", "aa"} {
		if Adjacent(p[0], p[1]) {
			t.Errorf("%q should not be neighbours", p)
		}
	}
}

func TestLoadRejectsDamagedData(t *testing.T) {
	good := "#copydesk-dict 1 2\nabc\t1A\nabd\t2A\n"
	if d, err := Load(good); err != nil || !d.Has("", "abd") || d.Has("", "abe") {
		t.Fatalf("Load(good) = %v", err)
	}
	for _, bad := range []string{
		"",
		"abc\t1A\n",
		"#copydesk-dict 1 3\nabc\t1A\nabd\t2A\n", // count does not match
		"#copydesk-dict 1 2\nabc\t1A\nabd\n",     // no codes
		"#copydesk-dict 1 x\nabc\t1A\n",
	} {
		if _, err := Load(bad); err == nil {
			t.Errorf("Load(%q) accepted damaged data", bad)
		}
	}
}

func TestEmbeddedDataIsSortedAndUnique(t *testing.T) {
	lines := strings.Split(strings.TrimSuffix(data, "\n"), "\n")[1:]
	prev := ""
	for _, l := range lines {
		w, _, _ := strings.Cut(l, "\t")
		if w <= prev {
			t.Fatalf("%q comes after %q", w, prev)
		}
		prev = w
	}
	if Default().Len() != len(lines) {
		t.Errorf("Len = %d, lines = %d", Default().Len(), len(lines))
	}
}

// BenchmarkTrie is the one-off cost of the first suggestion.
func BenchmarkTrie(b *testing.B) {
	for b.Loop() {
		d, err := Load(data)
		if err != nil {
			b.Fatal(err)
		}
		d.buildTrie()
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkHas(b *testing.B) {
	d := Default()
	words := strings.Fields("The government said on Monday that it had received the report Britain’s ministers were told goverment")
	for b.Loop() {
		for _, w := range words {
			d.Has("en-GB", w)
		}
	}
}

func BenchmarkSuggest(b *testing.B) {
	d := Default()
	d.buildTrie()
	for b.Loop() {
		d.Suggest("goverment", SuggestOptions{Lang: "en-GB"})
	}
}
