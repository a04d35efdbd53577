package main

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/copydesk/copydesk/rules/realword"
)

// functionWords are never edited when variants are made: their one-edit
// neighbours make real phrases too often ("took place in" / "took place on").
// Pairs of them that are worth catching are written out in explicit.txt.
var functionWords = set(`a an the of in on at to for by with from into onto upon and or but nor not no
yes as is was be are were been being am has have had having do does did done it its it's this that these
those he she they we you i me him her them us his hers their theirs our ours your yours my mine who whom
whose which what than then so if else over under up down out off about after before all any some each
every more most less least such own same other will would can could shall should may might must there
here when where why how also just only very too one two three per via vs said says say told yet still
even ever never again back away around through across along upon within without since until while
although though because whether either neither both few several another well`)

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// phrase is a fixed expression as written in phrases.txt.
type phrase struct {
	text  string
	words []string // as written
	seps  []string
}

func (p phrase) norm() []string {
	out := make([]string, len(p.words))
	for i, w := range p.words {
		out[i] = realword.Normalize(w)
	}
	return out
}

func parseList(src string) []string {
	var out []string
	for _, l := range strings.Split(src, "\n") {
		if i := strings.Index(l, "#"); i >= 0 {
			l = l[:i]
		}
		l = strings.Join(strings.Fields(l), " ")
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

func parsePhrases(src string) []phrase {
	seen := map[string]bool{}
	var out []phrase
	for _, l := range parseList(src) {
		if seen[l] {
			continue
		}
		seen[l] = true
		w, s := realword.SplitPhrase(l)
		out = append(out, phrase{text: l, words: w, seps: s})
	}
	return out
}

// pair is a wrong phrase and its correction.
type pair struct {
	wrong, right string
	embarrassing bool
	trusted      bool // kept even when the corpus holds the wrong phrase
	line         int
}

var braces = regexp.MustCompile(`\{[^{}]*\}`)

// parseExplicit reads explicit.txt and expands its {a|b} groups in lockstep.
func parseExplicit(src, name string) ([]pair, error) {
	var out []pair
	for n, raw := range strings.Split(src, "\n") {
		l := strings.TrimSpace(raw)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		emb, trusted := false, false
		switch {
		case strings.HasPrefix(l, "!"):
			emb = true
			l = strings.TrimSpace(l[1:])
		case strings.HasPrefix(l, "+"):
			trusted = true
			l = strings.TrimSpace(l[1:])
		}
		wrong, right, ok := strings.Cut(l, "=>")
		if !ok {
			return nil, fmt.Errorf("%s:%d: no =>", name, n+1)
		}
		wrong, right = strings.TrimSpace(wrong), strings.TrimSpace(right)
		wg := braces.FindAllStringIndex(wrong, -1)
		rg := braces.FindAllStringIndex(right, -1)
		if len(wg) != len(rg) {
			// a group on one side only: allowed when the other side names it
			// once (expands to the same text every time)
			return nil, fmt.Errorf("%s:%d: %d groups on the left, %d on the right", name, n+1, len(wg), len(rg))
		}
		choices := func(s string, g [][]int) [][]string {
			var c [][]string
			for _, ix := range g {
				c = append(c, strings.Split(s[ix[0]+1:ix[1]-1], "|"))
			}
			return c
		}
		wc, rc := choices(wrong, wg), choices(right, rg)
		for i := range wc {
			if len(rc[i]) != 1 && len(rc[i]) != len(wc[i]) {
				return nil, fmt.Errorf("%s:%d: group %d has %d choices on the left and %d on the right", name, n+1, i+1, len(wc[i]), len(rc[i]))
			}
		}
		fill := func(s string, g [][]int, c [][]string, pick []int) string {
			var b strings.Builder
			last := 0
			for i, ix := range g {
				b.WriteString(s[last:ix[0]])
				k := pick[i]
				if len(c[i]) == 1 {
					k = 0
				}
				b.WriteString(c[i][k])
				last = ix[1]
			}
			b.WriteString(s[last:])
			return strings.Join(strings.Fields(b.String()), " ")
		}
		pick := make([]int, len(wc))
		for {
			w := fill(wrong, wg, wc, pick)
			r := fill(right, rg, rc, pick)
			if !strings.EqualFold(w, r) {
				out = append(out, pair{wrong: w, right: r, embarrassing: emb, trusted: trusted || emb, line: n + 1})
			}
			i := len(pick) - 1
			for i >= 0 {
				pick[i]++
				if pick[i] < len(wc[i]) {
					break
				}
				pick[i] = 0
				i--
			}
			if i < 0 {
				break
			}
		}
	}
	return out, nil
}

// embarrassingWords make a generated variant an error: a slip that would be
// mocked if printed.
var embarrassingWords = set(`pubic untied`)

type outEntry struct {
	wrong, right string
	flags        string
	count        int // corpus count of the right phrase, to order alternatives
}

type variantStats struct {
	candidates, realPhrase, guarded, seen, kept int
	explicitSeen                                []string
}

func normWords(p string) []string {
	w, _ := realword.SplitPhrase(p)
	for i := range w {
		w[i] = realword.Normalize(w[i])
	}
	return w
}

// buildVariants makes the phrase table: the one-edit variants and
// homophones of each phrase (minus real phrases), then the explicit pairs,
// then the guards that protect real phrases holding a wrong one.
func buildVariants(phrases []phrase, explicit []pair, guards []string, extra map[string][]string, lx *lexicon, c, gc *corpus) ([]outEntry, [][3]string, variantStats) {
	var st variantStats
	real := map[string]bool{}
	for _, p := range phrases {
		real[strings.Join(p.norm(), " ")] = true
	}
	guardSet := map[string]bool{}
	for _, g := range guards {
		w, _ := realword.SplitPhrase(g)
		for i := range w {
			w[i] = realword.Normalize(w[i])
		}
		guardSet[strings.Join(w, " ")] = true
	}
	type cand struct {
		right string
		flags string
	}
	cands := map[string][]cand{}
	var order []string
	maxLen := 0
	content := func(w string) bool {
		return len(w) >= 3 && !functionWords[w] && !strings.ContainsAny(w, "0123456789")
	}
	for _, p := range phrases {
		norm := p.norm()
		if len(norm) < 2 {
			continue
		}
		maxLen = max(maxLen, len(norm))
		// A phrase needs two content words: one to change and one to
		// anchor it. With one ("set up", "owing to", "reined in") the
		// variants are phrasal verbs and idioms in their own right.
		nc := 0
		for _, w := range norm {
			if content(w) {
				nc++
			}
		}
		if nc < 2 {
			continue
		}
		for i, w := range norm {
			if !content(w) {
				continue
			}
			alts := map[string]bool{}
			for _, v := range lx.neighbours(w) {
				alts[v] = true
			}
			for _, v := range lx.homophones(w) {
				if !sameWord(w, v) && !lx.spellingVariants(w, v) {
					alts[v] = true
				}
			}
			for _, v := range extra[w] {
				alts[v] = true
			}
			for v := range alts {
				if functionWords[v] || len(v) < 3 {
					continue // a function word after a slip: see explicit.txt
				}
				vn := append([]string(nil), norm...)
				vn[i] = v
				key := strings.Join(vn, " ")
				st.candidates++
				if real[key] {
					st.realPhrase++
					continue
				}
				if guardSet[key] {
					st.guarded++
					continue
				}
				flags := "g"
				if embarrassingWords[v] {
					flags += "e"
				}
				if _, ok := cands[key]; !ok {
					order = append(order, key)
				}
				cands[key] = append(cands[key], cand{right: p.text, flags: flags})
			}
		}
	}
	// Corpus counts: a variant seen in edited text is a real phrase.
	counts := map[string]int{}
	for _, k := range order {
		counts[k] = 0
	}
	for _, p := range phrases {
		counts[strings.Join(p.norm(), " ")] = 0
	}
	c.countPhrases(counts, maxLen)
	gcounts := map[string]int{}
	for _, k := range order {
		gcounts[k] = 0
	}
	gc.countPhrases(gcounts, maxLen)
	var out []outEntry
	// seenPair finds the entry for a wrong phrase and a right phrase in any
	// case; the capitalised spelling of the right phrase wins, since the
	// case guard lets a lower-case window through anyway.
	seenPair := map[string]int{}
	merge := func(id, right, flags string) bool {
		i, ok := seenPair[id]
		if !ok {
			seenPair[id] = len(out)
			return false
		}
		if right != strings.ToLower(right) {
			out[i].right = right
		}
		if strings.Contains(flags, "e") && !strings.Contains(out[i].flags, "e") {
			out[i].flags += "e"
		}
		return true
	}
	for _, k := range order {
		if counts[k] > 0 || gcounts[k] > 0 {
			st.seen++
			continue
		}
		for _, cd := range cands[k] {
			id := k + "\t" + strings.ToLower(cd.right)
			if merge(id, cd.right, cd.flags) {
				continue
			}
			rn, _ := realword.SplitPhrase(cd.right)
			for i := range rn {
				rn[i] = realword.Normalize(rn[i])
			}
			out = append(out, outEntry{wrong: k, right: cd.right, flags: cd.flags, count: counts[strings.Join(rn, " ")]})
			st.kept++
		}
	}
	// Explicit pairs seen in the corpus are real phrases too, unless the
	// pair is marked embarrassing (a slip that edited text never means).
	ecount := map[string]int{}
	for _, p := range explicit {
		ecount[strings.Join(normWords(p.wrong), " ")] = 0
	}
	c.countPhrases(ecount, 8)
	for _, p := range explicit {
		if n := ecount[strings.Join(normWords(p.wrong), " ")]; n > 0 && !p.trusted {
			st.explicitSeen = append(st.explicitSeen, fmt.Sprintf("%s (%d)", p.wrong, n))
			continue
		}
		flags := "x"
		if p.embarrassing {
			flags += "e"
		}
		w, _ := realword.SplitPhrase(p.wrong)
		for i := range w {
			w[i] = realword.Normalize(w[i])
		}
		id := strings.Join(w, " ") + "\t" + strings.ToLower(p.right)
		if merge(id, p.right, flags) {
			continue
		}
		out = append(out, outEntry{wrong: p.wrong, right: p.right, flags: flags, count: 1 << 30})
	}
	// entries for one wrong phrase (compared word by word, in lower case)
	// are kept together: the run-time table relies on it
	sort.SliceStable(out, func(i, j int) bool {
		a, b := strings.Join(normWords(out[i].wrong), " "), strings.Join(normWords(out[j].wrong), " ")
		if a != b {
			return a < b
		}
		return out[i].count > out[j].count
	})
	// Guards: a guard phrase that holds a wrong phrase protects it.
	var glines [][3]string
	wrongs := map[string]bool{}
	for _, e := range out {
		w, _ := realword.SplitPhrase(e.wrong)
		for i := range w {
			w[i] = realword.Normalize(w[i])
		}
		wrongs[strings.Join(w, " ")] = true
	}
	for _, g := range guards {
		gw, _ := realword.SplitPhrase(g)
		for i := range gw {
			gw[i] = realword.Normalize(gw[i])
		}
		for s := 0; s < len(gw); s++ {
			for e := s + 2; e <= len(gw); e++ {
				if e-s == len(gw) {
					continue // the whole guard: the variant was dropped above
				}
				k := strings.Join(gw[s:e], " ")
				if wrongs[k] {
					glines = append(glines, [3]string{k, g, fmt.Sprint(s)})
				}
			}
		}
	}
	sort.Slice(glines, func(i, j int) bool {
		if glines[i][0] != glines[j][0] {
			return glines[i][0] < glines[j][0]
		}
		return glines[i][1] < glines[j][1]
	})
	return out, glines, st
}
