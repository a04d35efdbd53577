package rules

import (
	"sync"
	"testing"

	"github.com/copydesk/copydesk/bench/newsgen"
	"github.com/copydesk/copydesk/internal/core"
)

// The rule benchmarks read 1 MB of generated news copy (bench/newsgen), with
// the document built and tokenised beforehand, as the engine does once for
// every rule. Run them with
//
//	go test ./rules -run '^$' -bench 'Rules|Families' -benchmem
//
// and compare MB/s: every rule should read faster than the document is built
// (see BenchmarkNewDoc in internal/core).
var benchDocs = sync.OnceValue(func() *core.Doc {
	d := core.NewDoc("bench.txt", newsgen.Text(1, 1<<20), core.FormatText, core.Options{Lang: "en-US"})
	d.Words()
	d.Sentences()
	return d
})

func benchCheck(b *testing.B, rs ...core.Rule) {
	d := benchDocs()
	for _, r := range rs {
		r.Check(d) // load word lists and fill caches before timing
	}
	b.SetBytes(int64(len(d.Text)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, r := range rs {
			r.Check(d)
		}
	}
}

// BenchmarkRules times each Go rule alone.
func BenchmarkRules(b *testing.B) {
	for _, r := range All() {
		b.Run(r.Meta().ID, func(b *testing.B) { benchCheck(b, r) })
	}
}

// ruleFamilies groups the rules as the catalogue does.
var ruleFamilies = []struct {
	name string
	ids  []string
}{
	{"spelling", []string{"Copy.Spelling", "Copy.Misspelling"}},
	{"real-word", []string{"Copy.RealWord"}},
	{"repetition", []string{"Copy.DoubledWord", "Copy.RepeatedLine", "Copy.RepeatedSentence", "Copy.RepeatedQuote"}},
	{"cms", []string{"Copy.CMSLeftover"}},
	{"punctuation", []string{"Copy.Spacing", "Copy.QuoteBalance", "Copy.QuoteStyle"}},
	{"article", []string{"Copy.NameVariants", "Copy.WeekdayDate"}},
}

// BenchmarkFamilies times the rules family by family, and all of them.
func BenchmarkFamilies(b *testing.B) {
	for _, fam := range ruleFamilies {
		var rs []core.Rule
		for _, id := range fam.ids {
			if r := ByID(id); r != nil {
				rs = append(rs, r)
			}
		}
		b.Run(fam.name, func(b *testing.B) { benchCheck(b, rs...) })
	}
	b.Run("all", func(b *testing.B) { benchCheck(b, All()...) })
}

// TestRuleFamiliesCoverEveryRule keeps the benchmark families complete when
// a rule is added.
func TestRuleFamiliesCoverEveryRule(t *testing.T) {
	in := map[string]bool{}
	for _, fam := range ruleFamilies {
		for _, id := range fam.ids {
			if ByID(id) == nil {
				t.Errorf("family %s names %s, which is no rule", fam.name, id)
			}
			in[id] = true
		}
	}
	for _, r := range All() {
		if !in[r.Meta().ID] {
			t.Errorf("%s is in no benchmark family", r.Meta().ID)
		}
	}
}

// TestBenchmarkCopyHoldsSlipsOfEveryFamily: the generated copy gives every
// family something to report, so the benchmarks time the reporting too.
func TestBenchmarkCopyHoldsSlipsOfEveryFamily(t *testing.T) {
	d := core.NewDoc("bench.txt", newsgen.Text(1, 200_000), core.FormatText, core.Options{Lang: "en-US"})
	found := map[string]int{}
	for _, r := range All() {
		found[r.Meta().ID] += len(r.Check(d))
	}
	for _, id := range []string{"Copy.Spelling", "Copy.Misspelling", "Copy.RealWord", "Copy.DoubledWord", "Copy.RepeatedLine",
		"Copy.CMSLeftover", "Copy.Spacing", "Copy.QuoteBalance", "Copy.WeekdayDate"} {
		if found[id] == 0 {
			t.Errorf("the benchmark copy gives %s nothing to report (%v)", id, found)
		}
	}
}
