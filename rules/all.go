// Package rules holds copydesk's Go checks: the ones Vale's YAML rules cannot
// express well because they need the whole article, edit distance, word
// statistics or arithmetic. One rule per file; each file names the data it
// uses and where that data comes from.
//
// To add a rule: write its file (a type with Meta and Check), list it in
// All below, and give it must-fire and must-not-fire tests.
package rules

import (
	"sort"
	"sync"

	"github.com/copydesk/copydesk/internal/core"
	"github.com/copydesk/copydesk/internal/dict"
	"github.com/copydesk/copydesk/rules/realword"
)

var (
	allOnce sync.Once
	all     []core.Rule
)

// All returns every Go rule, sorted by id.
func All() []core.Rule {
	allOnce.Do(func() {
		all = []core.Rule{
			// registration: one line per rule
			RealWord{},
			Misspelling{},
			Spelling{},
			CMSLeftover{},
			DoubledWord{},
			NameVariants{},
			QuoteStyle{},
			RepeatedQuote{},
			RepeatedSentence{},
			WeekdayDate{},
			QuoteBalance{},
			RepeatedLine{},
			Spacing{},
		}
		sort.Slice(all, func(i, j int) bool { return all[i].Meta().ID < all[j].Meta().ID })
	})
	return all
}

// ByID finds a rule by its id.
func ByID(id string) core.Rule {
	for _, r := range All() {
		if r.Meta().ID == id {
			return r
		}
	}
	return nil
}

// Preload opens the word lists and tables the rules read (the dictionary,
// the misspelling table, the real-word phrases and counts), so that a caller
// that must wait for something else first, such as git, can have them ready
// in the meantime. The rules open them on first use anyway.
func Preload() {
	dict.Default()
	misspellings()
	realword.Phrases()
	realword.NgramModel()
}
