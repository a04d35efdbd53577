package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/copydesk/copydesk/rules/realword"
)

type ngramOut struct {
	text   string
	counts [4]int
}

// buildNgrams counts, over the whole corpus, the n-grams a confusion-set
// member is scored with: the bigrams that hold a member and the trigrams
// centred on one (After the Deadline's trick: keep only the contexts of
// confusable words), and the unigrams of every word in them. An n-gram seen
// once is dropped when its member is common (pruneAbove occurrences or
// more): common words have evidence enough without it, and the table stays
// small.
func buildNgrams(sets []confusionSet, c *corpus) ngramOut {
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
	uni := map[string]int{}
	bi := map[string]int{}
	tri := map[string]int{}
	total := 0
	for _, ctx := range c.docs {
		for j, w := range ctx {
			uni[w]++
			total++
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
		}
	}
	used := map[string]bool{}
	var lines []string
	var out ngramOut
	keep := func(k string, n int, member string) {
		if n == 1 && uni[member] >= pruneAbove {
			return
		}
		for _, w := range strings.Fields(k) {
			used[w] = true
		}
		lines = append(lines, fmt.Sprintf("%d %s", n, k))
		out.counts[strings.Count(k, " ")+1]++
	}
	for k, n := range bi {
		a, b, _ := strings.Cut(k, " ")
		m := b
		if members[a] && (!members[b] || uni[a] < uni[b]) {
			m = a
		}
		keep(k, n, m)
	}
	for k, n := range tri {
		f := strings.Fields(k)
		keep(k, n, f[1])
	}
	for w := range members {
		used[w] = true
	}
	for w := range used {
		if uni[w] > 0 {
			lines = append(lines, fmt.Sprintf("%d %s", uni[w], w))
			out.counts[1]++
		}
	}
	sort.Slice(lines, func(i, j int) bool {
		a, b := lines[i][strings.IndexByte(lines[i], ' ')+1:], lines[j][strings.IndexByte(lines[j], ' ')+1:]
		return a < b
	})
	var b strings.Builder
	b.WriteString("# count n-gram; words are normalised, <s> a sentence start, \",\" a comma, \"0\" a number\n")
	b.WriteString("# the first line after the comments is the number of tokens counted\n")
	fmt.Fprintf(&b, "%d\n", total)
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	out.text = b.String()
	return out
}

const pruneAbove = 300
