package rules

import (
	"strings"
	"testing"

	"github.com/copydesk/copydesk/internal/core"
	"github.com/copydesk/copydesk/internal/dict"
)

func TestMisspellingFixes(t *testing.T) {
	r := Misspelling{}
	cases := []struct{ in, want string }{
		{"The goverment said so.", "The government said so."},
		{"She recieved the award.", "She received the award."},
		{"It was teh end.", "It was the end."},
		{"They lost thier seats.", "They lost their seats."},
		{"It was definately over.", "It was definitely over."},
		{"The hotel could accomodate 300 guests.", "The hotel could accommodate 300 guests."},
		{"Prices rose untill March.", "Prices rose until March."},
		{"It was a seperate case.", "It was a separate case."},
		{"The firm was independant.", "The firm was independent."},
		{"What occured next was odd.", "What occurred next was odd."},
		// the first letter's case is kept
		{"Goverment officials said so.", "Government officials said so."},
		{"Teh minister resigned.", "The minister resigned."},
		// capitals stay capitals
		{"GOVERMENT FALLS", "GOVERNMENT FALLS"},
		// a proper noun is corrected to its capital
		{"Talks in britian ended.", "Talks in Britain ended."},
		{"The vote is in Febuary.", "The vote is in February."},
		{"Tourists returned to the Carribean on Monday.", "Tourists returned to the Caribbean on Monday."},
		{"Storms swept the Carribean Sea.", "Storms swept the Caribbean Sea."},
		// possessives keep their ending, curly apostrophes stay curly
		{"The goverment's plan failed.", "The government's plan failed."},
		{"The goverment’s plan failed.", "The government’s plan failed."},
		// a title-case headline
		{"Goverment Recieves Report\n\nThe report was published.", "Government Receives Report\n\nThe report was published."},
		// rare variants that are common misspellings in news copy
		{"Altho it rained, they played.", "Although it rained, they played."},
		{"Its dependance on oil grew.", "Its dependence on oil grew."},
	}
	for _, c := range cases {
		assertFix(t, r, c.in, c.want)
	}
}

func TestMisspellingFindingShape(t *testing.T) {
	d := doc("Officials recieved the letter.")
	fs := Misspelling{}.Check(d)
	if len(fs) != 1 {
		t.Fatalf("got %d findings, want 1", len(fs))
	}
	f := fs[0]
	if d.Prose[f.Start:f.End] != "recieved" || f.Severity != core.Error || f.Category != core.CatTypo || f.Rule != "Copy.Misspelling" {
		t.Errorf("got %+v", f)
	}
	if len(f.Fixes) != 1 || f.Fixes[0].Edits[0].New != "received" {
		t.Errorf("want exactly one fix to received, got %+v", f.Fixes)
	}
	if f.Message != `"recieved" is a misspelling of "received".` {
		t.Errorf("message %q", f.Message)
	}
}

func TestMisspellingRepeats(t *testing.T) {
	assertFinds(t, Misspelling{}, "Teh vote and teh count.", "Teh", "teh")
}

func TestMisspellingLeavesCorrectWordsAlone(t *testing.T) {
	r := Misspelling{}
	for _, s := range []string{
		// names that look like misspellings
		"Christin Schmidt, 34, said the vote was fair.",
		"The nurse, Anna Thier, said the ward was full.",
		"Thier and Thier, a law firm, filed the suit; Thier said it would appeal.",
		"Teh Hong Piow founded the bank.",
		// words that are right in either variety
		"The colour of the programme's centre was criticised.",
		"The color of the program's center was criticized.",
		"Judgement and judgment are both accepted; so are licence and license.",
		// modern vocabulary
		"Denuclearization talks resumed after his reelection.",
		"The cyberattack hit a livestream of the e-commerce summit.",
		"COVID-19 cases fell; the iPhone and McDonald's were mentioned.",
		// machine text
		"Email teh@example.com or see www.goverment-example.com/recieved.",
		"Follow @thier_news on social media.",
		// acronyms
		"The TEH and ACN units were merged.",
		// a byline
		"By JANE DOE\n\nThe vote was close.",
		// possessives and curly apostrophes
		"The workers’ union said the government’s offer was Britain’s best.",
		// hyphenated names
		"He met Saad al-Hariri and Kim Jong-un.",
		// surnames that are also slips of common words
		"Secrest said the board would meet again.",
		"Paradies Lagardère runs the shops at the airport.",
		"Nurses Christin Weber and Anna Thier both said so.",
		"The mayor thanked Thier, who had organised the vote.",
		// words right in British English
		"The organisation's programme was cancelled by the council.",
		"She travelled to the theatre to see the licensing of the centre.",
		// American spellings
		"The organization's program was canceled by the council.",
		// foreign phrases and names
		"He was the bête noire of the regime, the Gardaí said.",
		"The motto was “Liberté, égalité, fraternité”.",
		// a word that is right as written even though a slip of it is listed
		"The government received their reports on time.",
	} {
		assertClean(t, r, s)
	}
}

func TestMisspellingHonoursVocabulary(t *testing.T) {
	v := core.NewVocab()
	if err := v.Add("Goverment"); err != nil {
		t.Fatal(err)
	}
	d := core.NewDoc("t.txt", "Goverment Street was closed.", core.FormatText, core.Options{Lang: "en-US", Vocab: v})
	if fs := (Misspelling{}).Check(d); len(fs) != 0 {
		t.Errorf("vocabulary word flagged: %+v", fs)
	}
}

// misspellAll reads the whole table into a map, through the lookup the rule
// uses.
func misspellAll(t *testing.T) map[string]misspellEntry {
	t.Helper()
	misspellings()
	m := map[string]misspellEntry{}
	for k := range misspellLines {
		key := misspellKey(k)
		if k > 0 && misspellKey(k-1) >= key {
			t.Fatalf("the table is not sorted in byte order: %q then %q (the lookup is a binary search)", misspellKey(k-1), key)
		}
		e, ok := misspellLookup(key)
		if !ok {
			t.Fatalf("%q is listed but not found", key)
		}
		m[key] = e
	}
	return m
}

func TestMisspellingTableIsSound(t *testing.T) {
	table := misspellAll(t)
	if _, ok := misspellLookup("zzzz-not-listed"); ok {
		t.Error("an unlisted key was found")
	}
	if len(table) < 20000 {
		t.Fatalf("table has %d entries", len(table))
	}
	d := dict.Default()
	for wrong, e := range table {
		if wrong != strings.ToLower(wrong) {
			t.Errorf("key %q is not lower case", wrong)
		}
		if e, ok := d.Find(wrong); ok && e.Flags&^dict.RareVariant != 0 {
			t.Errorf("%q is a dictionary word", wrong)
		}
		if !d.Has("", e.right) {
			t.Errorf("correction %q is not a word", e.right)
		}
	}
	// A few entries that must be there and a name flag that must be set.
	for wrong, right := range map[string]string{"recieved": "received", "goverment": "government", "teh": "the", "thier": "their", "febuary": "February"} {
		if table[wrong].right != right {
			t.Errorf("%s -> %q, want %q", wrong, table[wrong].right, right)
		}
	}
	if !table["thier"].name || table["goverment"].name {
		t.Error("name flags wrong")
	}
}

func BenchmarkMisspellingRuleOnly(b *testing.B) {
	texts := newsDocs(300_000)
	size := 0
	for _, t := range texts {
		size += len(t)
	}
	Misspelling{}.Check(doc("warm up"))
	b.SetBytes(int64(size))
	docs := make([]*core.Doc, len(texts))
	for b.Loop() {
		b.StopTimer()
		for i, t := range texts {
			docs[i] = core.NewDoc("bench.txt", t, core.FormatText, core.Options{Lang: "en-US"})
			docs[i].Words()
		}
		b.StartTimer()
		for _, d := range docs {
			Misspelling{}.Check(d)
		}
	}
}

// The bit filter in front of the table must let every key through, in any
// case and with either apostrophe, and must still turn most words away.
func TestMisspellingFilterPassesEveryKey(t *testing.T) {
	table := misspellAll(t)
	for k := range table {
		variants := []string{k, strings.ToUpper(k), strings.ReplaceAll(k, "'", "’")}
		if k != "" {
			variants = append(variants, strings.ToUpper(k[:1])+k[1:])
		}
		for _, v := range variants {
			if !misspellMaybe(v) {
				t.Fatalf("the filter turns away %q (key %q)", v, k)
			}
		}
	}
	set := 0
	for _, b := range misspellBits {
		for ; b != 0; b &= b - 1 {
			set++
		}
	}
	if total := len(misspellBits) * 64; set > total/4 {
		t.Errorf("%d of %d filter bits set: the filter turns few words away", set, total)
	}
}
