package rules

import (
	"math/bits"
	"strings"

	"github.com/copydesk/copydesk/internal/dict"
)

// Two rules look for capitalised words a letter or two apart in one article
// (Copy.NameVariants: Stokholm beside Stockholm; Copy.Spelling: a word near
// one of the article's names). Comparing every word with every other costs
// the square of the number of names, which a long article makes large; the
// index here compares a word only with the words that share its first byte
// and whose length is within the edit limit, and skips most of those with
// a test on the letters they hold, before the distance itself.

// nearWords indexes words for nearby.
type nearWords struct {
	buckets map[nearKey][]nearEntry
}

// nearKey: two words within k edits (dict.Distance counts bytes of the
// lower-cased words) differ in length by at most k bytes, and the words
// looked for here start with the same letter.
type nearKey struct {
	first byte
	n     int
}

type nearEntry struct {
	word  string // as written
	lower string
	mask  uint64
	index int // the caller's
}

// byteMask has a bit for each byte value (modulo 64) in s. One edit changes
// at most two bits (a substitution), so two words within k edits differ in
// at most 2k bits.
func byteMask(s string) uint64 {
	var m uint64
	for i := 0; i < len(s); i++ {
		m |= 1 << (s[i] & 63)
	}
	return m
}

func newNearWords() *nearWords { return &nearWords{buckets: map[nearKey][]nearEntry{}} }

// add indexes a word (not empty) under the caller's index.
func (nw *nearWords) add(word string, index int) {
	lower := strings.ToLower(word)
	k := nearKey{word[0], len(lower)}
	nw.buckets[k] = append(nw.buckets[k], nearEntry{word, lower, byteMask(lower), index})
}

// nearby calls visit for every indexed word that starts with the same byte
// as word and is within k edits of it (dict.Distance(word, other) <= k), in
// the order they were added within each length, shortest lengths first.
func (nw *nearWords) nearby(word string, k int, visit func(e nearEntry)) {
	if word == "" {
		return
	}
	lower := strings.ToLower(word)
	mask := byteMask(lower)
	for n := len(lower) - k; n <= len(lower)+k; n++ {
		for _, e := range nw.buckets[nearKey{word[0], n}] {
			if bits.OnesCount64(mask^e.mask) <= 2*k && dict.DistanceLower(lower, e.lower) <= k {
				visit(e)
			}
		}
	}
}
