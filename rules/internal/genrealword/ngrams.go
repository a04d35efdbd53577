package main

import (
	"fmt"
	"strings"

	"github.com/copydesk/copydesk/rules/realword"
)

// ngramStats says how many entries of each kind the counts hold.
type ngramStats struct {
	uni, bi, tri, feat int
}

// counter collects hashed counts and catches hash collisions (two different
// n-grams with one key), which would silently merge their counts.
type counter struct {
	m    map[uint64]uint32
	name map[uint64]string
	err  error
}

func newCounter() *counter { return &counter{m: map[uint64]uint32{}, name: map[uint64]string{}} }

func (c *counter) set(key uint64, what string, n int) {
	if old, ok := c.name[key]; ok && old != what && c.err == nil {
		c.err = fmt.Errorf("hash collision: %q and %q", old, what)
	}
	c.name[key] = what
	c.m[key] = uint32(n)
}

// buildNgrams counts, over the whole corpus, what a confusion-set member is
// scored with (After the Deadline's trick: keep only the contexts of
// confusable words):
//   - word n-grams: the bigrams that hold a member, the trigrams centred on
//     one, and the unigrams of every word in them;
//   - class features (realword.Feature*): a member with the word classes of
//     its neighbours, or with one neighbour's word and the other's class.
//
// A word n-gram seen once is dropped when its member is common (pruneAbove
// occurrences or more); a class feature seen fewer than minFeature times is
// dropped. Both are cases the scores treat as "seen about never".
func buildNgrams(header string, sets []confusionSet, c *corpus) (string, ngramStats, error) {
	members := map[string]bool{}
	for _, s := range sets {
		for _, w := range s.words {
			members[w] = true
		}
	}
	at := func(ctx []string, i int) string {
		if i < 0 || i >= len(ctx) {
			return realword.BOS
		}
		return ctx[i]
	}
	cat := func(cl []realword.Class, i int) realword.Class {
		if i < 0 || i >= len(cl) {
			return realword.ClassBOS
		}
		return cl[i]
	}
	uni := map[string]int{}
	bi := map[string]int{}
	tri := map[string]int{}
	feat := map[realword.FeatureKey]int{}
	total := 0
	for d, ctx := range c.docs {
		cl := c.classes[d]
		for j, w := range ctx {
			uni[w]++
			total++
			if w != realword.BOS && w != realword.Comma {
				// every word counts for its class, as the pseudo-member #X
				var win realword.Window
				for k := -2; k <= 2; k++ {
					win.Words[k+2], win.Classes[k+2] = at(ctx, j+k), cat(cl, j+k)
				}
				cm := realword.ClassMember(cl[j])
				uni[cm]++
				fs := realword.Features(cm, &win)
				for _, f := range fs[:3] {
					feat[f]++
				}
			}
			if !members[w] {
				continue
			}
			l1, r1 := at(ctx, j-1), at(ctx, j+1)
			// a bigram of two members is counted once, from its left word
			if !members[l1] || j == 0 {
				bi[l1+" "+w]++
			}
			bi[w+" "+r1]++
			tri[l1+" "+w+" "+r1]++
			var win realword.Window
			for k := -2; k <= 2; k++ {
				win.Words[k+2], win.Classes[k+2] = at(ctx, j+k), cat(cl, j+k)
			}
			for _, f := range realword.Features(w, &win) {
				feat[f]++
			}
		}
	}
	var st ngramStats
	uc, bc, tc, fc := newCounter(), newCounter(), newCounter(), newCounter()
	used := map[string]bool{}
	for k, n := range bi {
		a, b, _ := strings.Cut(k, " ")
		m := b
		if members[a] && (!members[b] || uni[a] < uni[b]) {
			m = a
		}
		if n == 1 && uni[m] >= pruneAbove {
			continue
		}
		used[a], used[b] = true, true
		bc.set(realword.BigramKey(a, b), k, n)
	}
	for k, n := range tri {
		f := strings.Fields(k)
		if n == 1 && uni[f[1]] >= pruneAbove {
			continue
		}
		for _, w := range f {
			used[w] = true
		}
		tc.set(realword.TrigramKey(f[0], f[1], f[2]), k, n)
	}
	for w := range members {
		used[w] = true
	}
	for c := realword.Class(0); c < realword.NumClasses; c++ {
		used[realword.ClassMember(c)] = true
	}
	for w := range used {
		if uni[w] > 0 {
			uc.set(realword.UnigramKey(w), w, uni[w])
		}
	}
	for f, n := range feat {
		if n < minFeature {
			continue
		}
		fc.set(f.Key(), f.String(), n)
	}
	for _, x := range []*counter{uc, bc, tc, fc} {
		if x.err != nil {
			return "", st, x.err
		}
	}
	st = ngramStats{len(uc.m), len(bc.m), len(tc.m), len(fc.m)}
	w := realword.NewBinWriter(header)
	if err := w.Section("TOTL", map[uint64]uint32{0: uint32(total)}, 8, 4); err != nil {
		return "", st, err
	}
	for _, s := range []struct {
		tag string
		m   map[uint64]uint32
	}{{"UNIG", uc.m}, {"BIGR", bc.m}, {"TRIG", tc.m}, {"FEAT", fc.m}} {
		if err := w.Section(s.tag, s.m, 6, 2); err != nil {
			return "", st, err
		}
	}
	return w.String(), st, nil
}

const (
	pruneAbove = 300
	minFeature = 3
)

// classTable writes the class lexicon.
func classTable(header string, lx realword.MapLexicon) (string, error) {
	c := newCounter()
	for w, cl := range lx {
		c.set(realword.ClassKey(w), w, int(cl.First)|int(cl.Second)<<8)
	}
	if c.err != nil {
		return "", c.err
	}
	w := realword.NewBinWriter(header)
	if err := w.Section("CLAS", c.m, 6, 2); err != nil {
		return "", err
	}
	return w.String(), nil
}
