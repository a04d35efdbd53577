package dict

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Suggestion is a proposed correction.
type Suggestion struct {
	Word     string  // in the case of the word it corrects ("Government" for "Goverment")
	Distance int     // Damerau edit distance (a transposition counts as one edit)
	Score    float64 // lower is better: weighted edits plus commonness penalties
	Entry    Entry
}

// SuggestOptions tune Suggest.
type SuggestOptions struct {
	Lang string // variety whose spellings come first
	Max  int    // most suggestions returned; 0 means 5
	// MaxDistance is the largest edit distance searched (1 or 2); 0 means 2.
	MaxDistance int
	// Names allows proper nouns as suggestions for a lower-case word (only
	// common ones, such as month and country names, are ever offered).
	Names bool
	// KeepFirst offers only words with the same first letter, which makes
	// the search much cheaper.
	KeepFirst bool
}

// Suggest returns corrections for w, best first: dictionary words within two
// edits (insertions, deletions, substitutions and swaps of neighbouring
// letters; one edit for words of three letters or fewer), ranked by a
// weighted edit cost in which slips that typists actually make are cheap (a
// key next to the intended one, a doubled or undoubled letter, two letters
// swapped, one vowel for another), then by how common the word is, whether it
// keeps the first and last letters, and whether it is a spelling of the
// copy's variety. Words with another first letter are offered only for words
// of five letters or fewer, and only one edit away (hte -> the).
//
// It walks a trie of the word list (see cache.go for where it comes from).
func Suggest(w string, opt SuggestOptions) []Suggestion { return Default().Suggest(w, opt) }

// Suggest: see the package function.
func (d *Dict) Suggest(w string, opt SuggestOptions) []Suggestion {
	if opt.Max <= 0 {
		opt.Max = 5
	}
	if opt.MaxDistance <= 0 || opt.MaxDistance > 2 {
		opt.MaxDistance = 2
	}
	w = strings.ReplaceAll(w, "’", "'")
	if w == "" || len(w) > 40 {
		return nil
	}
	shape := caseShape(w)
	q := strings.ToLower(w)
	// Short words have many neighbours two edits away, none of them likely.
	maxd := opt.MaxDistance
	if utf8.RuneCountInString(q) <= 3 {
		maxd = 1
	}
	best := map[string]Suggestion{}
	// Typists rarely get the first letter wrong, and a word that differs
	// there and in two more places is seldom what was meant: words with
	// another first letter are searched one edit deep only (hte, ofr), and
	// only for short words, which makes the search many times faster.
	otherFirst := 1
	if opt.KeepFirst || utf8.RuneCountInString(q) > 5 {
		otherFirst = -1 // in a longer word a wrong first letter is rarer still
	}
	d.within(q, maxd, otherFirst, func(off, dist int) {
		e := d.entryAt(off)
		if strings.HasSuffix(e.Word, "'s") || strings.HasPrefix(e.Word, "'") {
			return
		}
		proper := e.Proper()
		if proper && caseShape(e.Word) == shapeUpper && len(e.Word) > 1 {
			return // acronyms are not what a misspelt word meant
		}
		lowered := strings.ToLower(e.Word)
		if proper && shape == shapeLower {
			if !opt.Names || e.Level > 50 {
				return
			}
		}
		if lowered == q && !(proper && shape == shapeLower) {
			return // the same word in another case
		}
		s := Suggestion{Distance: dist, Entry: e}
		s.Score = weightedDistance(q, lowered) + d.penalty(q, e, opt.Lang, shape)
		s.Word = matchCase(e.Word, w, shape)
		if old, ok := best[s.Word]; !ok || s.Score < old.Score {
			best[s.Word] = s
		}
	})
	out := make([]Suggestion, 0, len(best))
	for _, s := range best {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score < out[j].Score
		}
		return out[i].Word < out[j].Word
	})
	if len(out) > opt.Max {
		out = out[:opt.Max]
	}
	return out
}

// levelCost makes rarer words rank lower: by level code (10, 20, 35, 40, 50,
// 55, 60, 70, 80), roughly in step with the logarithm of word frequency.
var levelCost = [...]float64{0, 0, 0.1, 0.25, 0.3, 0.4, 0.45, 0.5, 0.6, 0.8}

func (d *Dict) penalty(q string, e Entry, lang string, shape shape) float64 {
	p := 0.0
	code := 0
	for i, l := range levels {
		if l == e.Level {
			code = i
		}
	}
	p += levelCost[code]
	if lang != "" && !e.In(lang) {
		p += 0.3 // the other variety's spelling
	} else if e.Flags&Variant != 0 {
		p += 0.15
	} else if e.Flags&RareVariant != 0 {
		p += 0.5
	}
	r1, _ := utf8.DecodeRuneInString(q)
	r2, _ := utf8.DecodeRuneInString(e.Word)
	if unicode.ToLower(r1) != unicode.ToLower(r2) {
		p += 0.35 // typists rarely get the first letter wrong
	}
	if q != "" && e.Word != "" && fold(q[len(q)-1]) != fold(e.Word[len(e.Word)-1]) {
		p += 0.1 // nor, as often, the last
	}
	if e.Proper() && shape == shapeLower {
		p += 0.2
	}
	if strings.ContainsAny(e.Word, "'-. ") != strings.ContainsAny(q, "'-. ") {
		p += 0.2
	}
	return p
}

// matchCase writes the dictionary spelling in the case of the typed word:
// capitalised at a sentence start, in capitals when it was in capitals.
func matchCase(dictWord, typed string, s shape) string {
	switch s {
	case shapeCapital:
		return capitalise(dictWord)
	case shapeUpper:
		return strings.ToUpper(dictWord)
	}
	return dictWord
}

// within calls fn with the offset of every word within Damerau (optimal
// string alignment) distance maxd of q (otherFirst for words that do not
// start with q's first letter; -1 leaves them out), comparing ASCII letters
// without regard to case. It walks the words as a trie, so one edit-distance
// row per prefix serves every word that shares it, and a prefix whose row is
// already over the limit is not followed.
func (d *Dict) within(q string, maxd, otherFirst int, fn func(off, dist int)) {
	m := len(q)
	maxDepth := m + maxd + 1
	rows := make([][]int, maxDepth+1)
	for k := range rows {
		rows[k] = make([]int, m+1)
	}
	for j := 0; j <= m; j++ {
		rows[0][j] = j
	}
	s := searcher{trie: d.buildTrie(), q: q, otherFirst: min(otherFirst, maxd), rows: rows, fn: fn}
	if s.trie[0].kids {
		s.walk(0, 1, 0, maxd)
	}
}

type searcher struct {
	trie       []trieNode
	q          string
	otherFirst int
	rows       [][]int
	fn         func(off, dist int)
}

func fold(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// walk visits the children of a node at depth k (the first child is node
// first, and pc is the node's own letter) whose distance row is rows[k].
func (s *searcher) walk(k int, first int32, pc byte, maxd int) {
	m := len(s.q)
	row, next := s.rows[k], s.rows[k+1]
	var prev2 []int
	if k > 0 {
		prev2 = s.rows[k-1]
	}
	for n := first; n >= 0; n = s.trie[n].next {
		node := &s.trie[n]
		fc := node.c
		limit := maxd
		if k == 0 && m > 0 && fc != s.q[0] {
			limit = s.otherFirst
			if limit < 0 {
				continue
			}
		}
		// Only cells within limit of the diagonal can stay within limit;
		// the cells just outside the band are set over the limit, which is
		// all that the next row reads of them.
		next[0] = k + 1
		low := next[0]
		lo, hi := max(1, k+1-limit), min(m, k+1+limit)
		if lo > 1 {
			next[lo-1] = limit + 1
		}
		if hi < m {
			next[hi+1] = limit + 1
		}
		for x := lo; x <= hi; x++ {
			cost := 1
			if s.q[x-1] == fc {
				cost = 0
			}
			v := min(row[x]+1, next[x-1]+1, row[x-1]+cost)
			if x > 1 && k > 0 && s.q[x-1] == pc && s.q[x-2] == fc && s.q[x-1] != s.q[x-2] {
				v = min(v, prev2[x-2]+1)
			}
			next[x] = v
			low = min(low, v)
		}
		if node.word >= 0 && hi == m && next[m] <= limit {
			s.fn(int(node.word), next[m])
		}
		if node.kids && low <= limit && k+2 < len(s.rows) {
			s.walk(k+1, n+1, fc, limit)
		}
	}
}

// Distance is the Damerau (optimal string alignment) edit distance between a
// and b, in bytes, ignoring ASCII case.
func Distance(a, b string) int {
	return DistanceLower(strings.ToLower(a), strings.ToLower(b))
}

// DistanceLower is Distance for words already in lower case; it does not
// allocate for words of up to 63 bytes.
func DistanceLower(a, b string) int {
	var buf [3][64]int
	var prev2, prev, cur []int
	if len(b)+1 <= len(buf[0]) {
		prev2, prev, cur = buf[0][:len(b)+1], buf[1][:len(b)+1], buf[2][:len(b)+1]
	} else {
		prev2, prev, cur = make([]int, len(b)+1), make([]int, len(b)+1), make([]int, len(b)+1)
	}
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] && a[i-1] != a[i-2] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
