package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/copydesk/copydesk/internal/core"
)

func TestSpellingFixesSlips(t *testing.T) {
	r := Spelling{}
	cases := []struct{ in, want string }{
		// dropped letters
		{"The goverrnment said on Monday.", "The government said on Monday."},
		{"The prsident spoke.", "The president spoke."},
		{"Officials issued a statemnt late on Friday.", "Officials issued a statement late on Friday."},
		{"The reort said prices rose.", "The report said prices rose."},
		{"He made a stong bid.", "He made a strong bid."},
		// doubled letters
		{"He spoke folllowing the vote.", "He spoke following the vote."},
		{"The firm annnounced a deal.", "The firm announced a deal."},
		{"Tickets went on sale, feaaturing three bands.", "Tickets went on sale, featuring three bands."},
		// swapped letters
		{"The minitser resigned.", "The minister resigned."},
		{"The govrenment fell.", "The government fell."},
		// neighbouring keys
		{"They bought a hpuse in town.", "They bought a house in town."},
		{"The governmwnt fell.", "The government fell."},
		// a sentence's first word keeps its capital
		{"Govrenment officials declined to comment.", "Government officials declined to comment."},
		// a space left out
		{"It came after thefirst attempt.", "It came after the first attempt."},
		{"That willmean higher prices.", "That will mean higher prices."},
		// inside a hyphenated compound
		{"It was a well-knwon fact.", "It was a well-known fact."},
		// the possessive is kept, only the word is fixed
		{"The govrenment's plan was dropped.", "The government's plan was dropped."},
		// a curly apostrophe stays curly
		{"The govrenment’s plan was dropped.", "The government’s plan was dropped."},
		// a capitalised slip inside a title-case headline
		{"Markets Rally as Goverments Act\n\nShares rose on Monday.", "Markets Rally as Governments Act\n\nShares rose on Monday."},
	}
	for _, c := range cases {
		assertFix(t, r, c.in, c.want)
	}
}

func TestSpellingSpanAndSeverity(t *testing.T) {
	d := doc("Aid was sent to the vilage on Monday.")
	fs := Spelling{}.Check(d)
	if len(fs) != 1 {
		t.Fatalf("got %d findings, want 1", len(fs))
	}
	f := fs[0]
	if d.Prose[f.Start:f.End] != "vilage" || f.Severity != core.Warning || f.Category != core.CatTypo || f.Rule != "Copy.Spelling" {
		t.Errorf("got %+v", f)
	}
	if len(f.Fixes) == 0 || f.Fixes[0].Edits[0].New != "village" {
		t.Errorf("fixes %+v, want village first", f.Fixes)
	}
	if len(f.Fixes) > spellMaxFixes {
		t.Errorf("%d fixes, want at most %d", len(f.Fixes), spellMaxFixes)
	}
	if !strings.Contains(f.Message, `"vilage"`) || !strings.Contains(f.Message, `"village"`) {
		t.Errorf("message %q", f.Message)
	}
}

func TestSpellingRanksTheRightCorrectionFirst(t *testing.T) {
	// Slips that the misspelling table does not know: the speller's first
	// suggestion must be the intended word.
	cases := map[string]string{
		"cmped": "camped", "drus": "drugs", "vilage": "village", "parliment": "parliament",
		"elecion": "election", "ecnomy": "economy", "wokrers": "workers", "polcie": "police",
		"sevral": "several", "goverments": "governments", "reprot": "report", "interveiw": "interview",
		"offical": "official", "hospial": "hospital", "prisoms": "prisons", "voteres": "voters",
	}
	for typo, want := range cases {
		d := doc("Officials said the " + typo + " was on the agenda.")
		var got string
		for _, f := range (Spelling{}).Check(d) {
			if d.Prose[f.Start:f.End] == typo && len(f.Fixes) > 0 {
				got = f.Fixes[0].Edits[0].New
			}
		}
		if _, listed := misspellLookup(typo); listed {
			continue // Copy.Misspelling's business
		}
		if got != want {
			t.Errorf("%s: first fix %q, want %q", typo, got, want)
		}
	}
}

func TestSpellingRepeatsLowerCaseSlips(t *testing.T) {
	assertFinds(t, Spelling{}, "The vilage council met. The vilage hall was shut.", "vilage", "vilage")
}

func TestSpellingLeavesNamesAlone(t *testing.T) {
	r := Spelling{}
	for _, s := range []string{
		"North Korean leader Kim Jong Un met officials on Monday.",
		"Kim Jong-un met officials on Monday.",
		"The report was carried by Arutz Sheva, an Israeli outlet.",
		"Arutz Sheva reported the attack.",
		"The flight landed in Thiruvananthapuram late on Sunday.",
		"Thiruvananthapuram is the capital of Kerala.",
		"President Volodymyr Zelenskyy spoke to reporters.",
		"Zelenskyy spoke to reporters in Kyiv on Monday, and Zelenskyy later left.",
		"The summit was held in Ouagadougou.",
		"Nguyen said the shop would reopen.",
		"Siobhan O'Connor, 34, said she was relieved.",
		"Siobhan said she was relieved.",
		"Officials in Ouagadougou and Niamey met Nguyen Van Thieu's son.",
		"The vote in Ljubljana was close, said Janez Jansa.",
		"Piero della Francesca painted it, said Ursula von der Leyen.",
		"Saad al-Hariri met Abu Mohammed al-Jolani.",
		"The iPhone maker and McDonald's both reported profits.",
		"Email press@example.com or visit www.example.com/news for details.",
		"Follow @copydesk_news and #breakingnews for updates.",
		"See the file report_final.docx and Node.js docs.",
		"The B-52 and the F-35A flew over the UNHCR office.",
		"NATO and the UNHCR said COVID-19 cases fell.",
		"By JANE DOE and Arvind Krishnamurthy",
	} {
		assertClean(t, r, s)
	}
}

func TestSpellingAcceptsBothVarieties(t *testing.T) {
	r := Spelling{}
	for _, s := range []string{
		"The colour of the programme's centre stage was criticised by the defence.",
		"The color of the program's center stage was criticized by the defense.",
		"She travelled to the theatre and organised a catalogue of judgement calls.",
		"He traveled to the theater and organized a catalog of judgment calls.",
		"Labour backbenchers said the licence fee was unfair.",
	} {
		assertClean(t, r, s, "en-US")
		assertClean(t, r, s, "en-GB")
	}
}

func TestSpellingAcceptsNewsVocabulary(t *testing.T) {
	r := Spelling{}
	for _, s := range []string{
		"Talks on denuclearization resumed after his reelection.",
		"The cyberattack hit a livestream of the e-commerce summit.",
		"The re-election campaign began in mid-July with co-founders and ex-ministers.",
		"She said she didn’t know whether the workers’ union’s offer stood.",
		"It's the firm's third quarter, and the CEO's pay rose.",
		"The club hopes to raise matchday earnings and passcode security.",
		"The gap between the haves and the have-nots was a touchy-feely topic.",
		"The cafe owner's protege sold the cafes.",
		"It was a de facto ceasefire, paid per diem, in a pas de deux of diplomacy.",
		"The riot grrrl bands were sooo loud.",
		"She was darlin' and gallivantin' all night.",
		"Officials said the vote was pro forma and the rules were de rigueur for podcasters.",
		"The tweet was retweeted by influencers and vloggers on Instagram.",
	} {
		assertClean(t, r, s)
	}
}

func TestSpellingQuietOnForeignPhrases(t *testing.T) {
	r := Spelling{}
	for _, s := range []string{
		"The crowd chanted “Ni una menos” and “ya basta” outside.",
		"He called it “una situación muy complicada”, the minister said.",
		"The motto, “Liberté, égalité, fraternité”, was painted on the wall.",
	} {
		assertClean(t, r, s)
	}
}

func TestSpellingHonoursVocabulary(t *testing.T) {
	// An odd example, but it shows the vocabulary wins over the dictionary.
	v := core.NewVocab()
	if err := v.Add("vilage"); err != nil {
		t.Fatal(err)
	}
	d := core.NewDoc("t.txt", "The vilage was approved.", core.FormatText, core.Options{Lang: "en-US", Vocab: v})
	if fs := (Spelling{}).Check(d); len(fs) != 0 {
		t.Errorf("vocabulary word flagged: %+v", fs)
	}
	d = doc("The vilage was approved.")
	if fs := (Spelling{}).Check(d); len(fs) != 1 {
		t.Errorf("got %d findings without the vocabulary, want 1", len(fs))
	}
}

func TestSpellingDefersToMisspellingTable(t *testing.T) {
	// Copy.Misspelling owns the words in its table: the two rules never report
	// the same word.
	for _, s := range []string{
		"The goverment recieved thier report.",
		"Teh minister said it was definately over.",
		"Goverment officials said so.",
	} {
		d := doc(s)
		spans := map[[2]int]string{}
		for _, r := range []core.Rule{Spelling{}, Misspelling{}} {
			for _, f := range r.Check(d) {
				k := [2]int{f.Start, f.End}
				if prev, ok := spans[k]; ok {
					t.Errorf("%q: %q reported by %s and %s", s, d.Prose[f.Start:f.End], prev, f.Rule)
				}
				spans[k] = f.Rule
			}
		}
		if len(spans) == 0 {
			t.Errorf("%q: nothing found", s)
		}
	}
}

func TestSpellingQuotePolicy(t *testing.T) {
	if (Spelling{}).Meta().Quotes != core.QuoteLower || (Misspelling{}).Meta().Quotes != core.QuoteLower {
		t.Error("typo rules must still report inside quotations, one level lower")
	}
}

// TestTypoRulesCanaryIsClean runs both typo rules over the clean-copy canary
// articles: correct copy full of names, quotes and datelines.
func TestTypoRulesCanaryIsClean(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "canary", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no canary articles (%v)", err)
	}
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, lang := range []string{"en-US", "en-GB"} {
			d := core.NewDoc(path, string(data), core.FormatText, core.Options{Lang: lang})
			for _, r := range []core.Rule{Spelling{}, Misspelling{}} {
				for _, f := range r.Check(d) {
					t.Errorf("%s (%s): %s: %q: %s", filepath.Base(path), lang, f.Rule, d.Prose[f.Start:f.End], f.Message)
				}
			}
		}
	}
}

// newsText is generated wire-style copy for the benchmarks: names, figures,
// quotes, hyphenated compounds, both spellings and a typo now and then, in
// articles of about 500 words. Each article gets its own made-up names
// (unknown to the dictionary, as most foreign names are), some opening a
// sentence, and a keyboard slip in one word out of about 250.
func newsText(n int) string {
	var b strings.Builder
	for seed := uint32(1); b.Len() < n; seed++ {
		b.WriteString(newsArticle(seed))
	}
	return b.String()
}

// newsDocs cuts newsText into documents of one article each.
func newsDocs(n int) []string {
	var docs []string
	for seed, total := uint32(1), 0; total < n; seed++ {
		a := newsArticle(seed)
		docs = append(docs, a)
		total += len(a)
	}
	return docs
}

func newsArticle(seed uint32) string {
	rnd := func() uint32 { // xorshift: deterministic and quick
		seed ^= seed << 13
		seed ^= seed >> 17
		seed ^= seed << 5
		return seed
	}
	syll := []string{"ka", "lo", "mi", "zu", "ren", "tha", "vo", "sh", "ari", "ne", "gu", "dov", "ek", "ya", "ost", "bi"}
	name := func() string {
		var w strings.Builder
		for k := 2 + rnd()%2; k > 0; k-- {
			w.WriteString(syll[rnd()%uint32(len(syll))])
		}
		s := w.String()
		return strings.ToUpper(s[:1]) + s[1:]
	}
	first, last, town := name(), name(), name()
	paras := []string{
		"Ministers Agree Aid Package After Talks in " + town,
		town + ", Ukraine (AP) — Ukrainian President Volodymyr Zelenskyy said on Monday that talks with European partners on air defence had made progress, a day after Russian drones struck energy facilities in the Kharkiv and Dnipropetrovsk regions, officials said.",
		"“We need more systems, and we need them now,” Zelenskyy told reporters in Kyiv. “Every day of delay costs lives.” " + first + " " + last + ", a 34-year-old nurse, said the hospital had lost power twice this week.",
		last + " said the generators were running out of fuel. The Ministry of Defence in London said the government would send a further £150 million in aid, while Washington's officials were weighing a $2.3 billion package that Congress approved in April.",
		"Analysts at the Brussels-based Bruegel think tank said the decision reflected a broader shift in NATO's posture since 2022, when the full-scale invasion began. " + name() + " and " + name() + " were among the villages hit overnight.",
		"In Thiruvananthapuram, the capital of Kerala, monsoon rains forced the evacuation of 12,000 people, said K. Rajan, the state's revenue minister. Schools were closed and the airport suspended flights for six hours, while the colour-coded alerts stayed in place.",
		"The company, which employs about 4,500 workers, reported third-quarter revenue of $1.2 billion, up 8% from a year earlier, and said it expected its cyberattack recovery costs to fall. Its chief executive, " + name() + " " + name() + ", said demand was strong.",
		"Kim Jong Un oversaw a missile test, state media said, as Seoul and Tokyo condemned the launch. The programme's centre reopened on Tuesday, and the organisers said the livestream drew record audiences.",
		"Arutz Sheva reported that Siobhan Nguyen, a teacher from Ouagadougou, had been released. Her family said they were “overjoyed and exhausted,” and thanked the mediators in " + name() + ".",
	}
	text := strings.Join(paras, "\n\n") + "\n\n"
	// a keyboard slip in about one word out of 250: swap two letters
	words := strings.Fields(text)
	for k := 0; k < len(words)/250+1; k++ {
		i := int(rnd() % uint32(len(words)))
		w := words[i]
		if len(w) >= 6 && strings.ToLower(w) == w && strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") == "" {
			j := 1 + int(rnd()%uint32(len(w)-3))
			slip := w[:j] + string(w[j+1]) + string(w[j]) + w[j+2:]
			text = strings.Replace(text, " "+w+" ", " "+slip+" ", 1)
		}
	}
	return text
}

func forgetSuggestions() {
	suggestMu.Lock()
	clear(suggestCache)
	suggestMu.Unlock()
}

// BenchmarkSpelling measures the spelling rule on news-like articles,
// building the documents included; b.SetBytes makes go test report MB/s.
func BenchmarkSpelling(b *testing.B) {
	docs := newsDocs(300_000)
	size := 0
	for _, t := range docs {
		size += len(t)
	}
	Spelling{}.Check(doc("Warm up the dictionary: govrenment."))
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		forgetSuggestions() // each round is a new batch
		for _, t := range docs {
			Spelling{}.Check(core.NewDoc("bench.txt", t, core.FormatText, core.Options{Lang: "en-US"}))
		}
	}
}

// BenchmarkSpellingRuleOnly leaves out building the documents.
func BenchmarkSpellingRuleOnly(b *testing.B) {
	texts := newsDocs(300_000)
	size := 0
	for _, t := range texts {
		size += len(t)
	}
	Spelling{}.Check(doc("Warm up the dictionary: govrenment."))
	b.SetBytes(int64(size))
	docs := make([]*core.Doc, len(texts))
	for b.Loop() {
		b.StopTimer()
		for i, t := range texts {
			docs[i] = core.NewDoc("bench.txt", t, core.FormatText, core.Options{Lang: "en-US"})
			docs[i].Words()
		}
		forgetSuggestions()
		b.StartTimer()
		for _, d := range docs {
			Spelling{}.Check(d)
		}
	}
}

func TestSpellingIsSafeToRunConcurrently(t *testing.T) {
	texts := newsDocs(40_000)
	want := make([]int, len(texts))
	for i, s := range texts {
		want[i] = len(Spelling{}.Check(doc(s))) + len(Misspelling{}.Check(doc(s)))
	}
	forgetSuggestions()
	errs := make(chan string, len(texts))
	var wg sync.WaitGroup
	for i, s := range texts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got := len(Spelling{}.Check(doc(s))) + len(Misspelling{}.Check(doc(s))); got != want[i] {
				errs <- fmt.Sprintf("article %d: %d findings, want %d", i, got, want[i])
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestSpellingAcceptsRegularNounsOfKnownWords(t *testing.T) {
	r := Spelling{}
	for _, s := range []string{
		"The firm moved towards enablement of legitimate online trade.",
		"Their unfussiness and the rebranding announcements were noted.",
	} {
		assertClean(t, r, s)
	}
	// a made-up stem is still a misspelling
	assertFinds(t, r, "The govrenment announcements came late.", "govrenment")
}
