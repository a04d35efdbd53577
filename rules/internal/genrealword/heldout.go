package main

import (
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/internal/core"
	"github.com/copydesk/copydesk/rules/realword"
)

// The held-out test measures the confusion-set scores honestly: one
// document in heldOutEvery of the reference corpus (Brown and the State of
// the Union addresses) is left out of the counts and the class lexicon; the model made from the rest is run over
// the held-out documents as they are (every flag is a false alarm, or a
// slip in the original) and with slips injected (a member of a confusion
// set replaced by another member, at seeded random places).
//
//	go run ./rules/internal/genrealword -heldout [-params ClassFactor=50,...]

const heldOutEvery = 8

// heldOutDoc is a held-out document.
type heldOutDoc struct {
	name, text string
}

// splitCorpus reads the reference texts and splits them.
func splitCorpus(c config) (train, test []heldOutDoc, trainBrown map[string]bool, err error) {
	brown, bnames, err := readBrown(c.brownDir())
	if err != nil {
		return nil, nil, nil, err
	}
	sotu, err := readSOTU(c.sotuDir())
	if err != nil {
		return nil, nil, nil, err
	}
	skip := map[string]bool{}
	for i, t := range append(brown, sotu...) {
		name := fmt.Sprintf("sotu-%03d", i-len(brown))
		if i < len(brown) {
			name = bnames[i]
		}
		d := heldOutDoc{name, t}
		if i%heldOutEvery == heldOutEvery/2 {
			test = append(test, d)
			if i < len(brown) {
				skip[name] = true
			}
		} else {
			train = append(train, d)
		}
	}
	return train, test, skip, nil
}

// evalResult tallies one run.
type evalResult struct {
	words               int
	cleanFlags          map[realword.Why]int
	injected            int
	found, fixed        map[realword.Why]int
	falseFlags          map[realword.Why]int
	bySet               map[string][3]int // injected, found, false
	injectedContent     int
	foundContent        int
	cleanExamples, fpEx []string
	missExamples, hitEx []string
}

func runHeldOut(c config, params string, w io.Writer, examples, inflect bool) error {
	p := realword.DefaultParams
	if err := setParams(&p, params); err != nil {
		return err
	}
	src, err := os.ReadFile(filepath.Join(c.data, "confusables.txt"))
	if err != nil {
		return err
	}
	handSets, err := parseConfusables(string(src))
	if err != nil {
		return err
	}
	train, test, skip, err := splitCorpus(c)
	if err != nil {
		return err
	}
	lex, err := buildClassLexicon(c.brownDir(), skip)
	if err != nil {
		return err
	}
	var texts []string
	for _, d := range train {
		texts = append(texts, d.text)
	}
	wn, err := readWordNet(c.wordnetDir())
	if err != nil {
		return err
	}
	texts = append(texts, wn...)

	corp := buildCorpus(texts, lex)
	sets := handSets
	if inflect {
		lx, err := loadLexicon(c.scowl, "")
		if err != nil {
			return err
		}
		sets = expandSets(handSets, lx, corp.wordCounts())
	}
	ng, _, err := buildNgrams("", sets, corp)
	if err != nil {
		return err
	}
	cls, err := classTable("", lex)
	if err != nil {
		return err
	}
	m, err := realword.OpenModel(ng, cls, setsText("", sets))
	if err != nil {
		return err
	}
	r := evaluate(m, &p, test)
	report(w, r, len(train), len(test), examples)
	return nil
}

// setParams reads "Name=value,Name=value" into p.
func setParams(p *realword.Params, s string) error {
	v := reflect.ValueOf(p).Elem()
	for _, kv := range strings.Split(s, ",") {
		if kv == "" {
			continue
		}
		k, val, ok := strings.Cut(kv, "=")
		f := v.FieldByName(strings.TrimSpace(k))
		if !ok || !f.IsValid() {
			return fmt.Errorf("-params: unknown setting %q", kv)
		}
		x, err := strconv.ParseFloat(val, 64)
		if err != nil {
			return fmt.Errorf("-params: %q: %v", kv, err)
		}
		f.SetFloat(x)
	}
	return nil
}

func evaluate(m *realword.Model, p *realword.Params, docs []heldOutDoc) *evalResult {
	r := &evalResult{
		cleanFlags: map[realword.Why]int{}, found: map[realword.Why]int{}, fixed: map[realword.Why]int{},
		falseFlags: map[realword.Why]int{}, bySet: map[string][3]int{},
	}
	rng := rand.New(rand.NewSource(20240601))
	for _, d := range docs {
		doc := core.NewDoc(d.name, d.text, core.FormatText, core.Options{Lang: "en-US"})
		toks := realword.Tokens(doc)
		r.words += len(toks)
		for i := range toks {
			if !m.Candidate(toks, i) {
				continue
			}
			if a, why := m.Suggest(toks, i, p); a != "" {
				r.cleanFlags[why]++
				r.cleanExamples = append(r.cleanExamples, fmt.Sprintf("%s [%s] %s -> %s", why, d.name, snippet(doc.Prose, toks[i].Start, toks[i].End), a))
			}
		}
		// inject: about one slip per 150 words, never two within 12 words
		type slip struct {
			start, end   int
			wrong, right string
		}
		var slips []slip
		last := -100
		for i := range toks {
			if i-last < 12 || !m.Candidate(toks, i) || rng.Float64() > 0.05 {
				continue
			}
			alts := m.Alternatives(toks[i].Norm)
			a := alts[rng.Intn(len(alts))].Word
			slips = append(slips, slip{toks[i].Start, toks[i].End, a, toks[i].Norm})
			last = i
		}
		if len(slips) == 0 {
			continue
		}
		var b strings.Builder
		prev := 0
		var at []slip // the slips in the new text's offsets
		for _, s := range slips {
			b.WriteString(doc.Prose[prev:s.start])
			orig := doc.Prose[s.start:s.end]
			nw := matchCase(orig, s.wrong)
			at = append(at, slip{b.Len(), b.Len() + len(nw), s.wrong, s.right})
			b.WriteString(nw)
			prev = s.end
		}
		b.WriteString(doc.Prose[prev:])
		idoc := core.NewDoc(d.name, b.String(), core.FormatText, core.Options{Lang: "en-US"})
		itoks := realword.Tokens(idoc)
		flags := map[int]string{}
		whys := map[int]realword.Why{}
		for i := range itoks {
			if !m.Candidate(itoks, i) {
				continue
			}
			if a, why := m.Suggest(itoks, i, p); a != "" {
				flags[itoks[i].Start] = a
				whys[itoks[i].Start] = why
			}
		}
		for _, s := range at {
			key := setKey(s.wrong, s.right)
			bs := bySetAdd(r.bySet, key, 0)
			r.injected++
			content := !functionWords[s.wrong] && !functionWords[s.right]
			if content {
				r.injectedContent++
			}
			if a, ok := flags[s.start]; ok {
				why := whys[s.start]
				r.found[why]++
				bs[1]++
				if content {
					r.foundContent++
				}
				if a == s.right {
					r.fixed[why]++
				}
				r.hitEx = append(r.hitEx, fmt.Sprintf("%s %s", why, snippet(idoc.Prose, s.start, s.end)))
				delete(flags, s.start)
			} else {
				r.missExamples = append(r.missExamples, fmt.Sprintf("%s -> %s: %s", s.wrong, s.right, snippet(idoc.Prose, s.start, s.end)))
			}
			r.bySet[key] = bs
		}
		for start, a := range flags {
			why := whys[start]
			r.falseFlags[why]++
			end := start
			for end < len(idoc.Prose) && (unicode.IsLetter(rune(idoc.Prose[end])) || idoc.Prose[end] == '\'') {
				end++
			}
			w := strings.ToLower(idoc.Prose[start:end])
			key := setKey(w, a)
			bs := bySetAdd(r.bySet, key, 2)
			r.bySet[key] = bs
			r.fpEx = append(r.fpEx, fmt.Sprintf("%s %s -> %s", why, snippet(idoc.Prose, start, end), a))
		}
	}
	return r
}

func bySetAdd(m map[string][3]int, key string, i int) [3]int {
	v := m[key]
	v[i]++
	return v
}

func setKey(a, b string) string {
	if a > b {
		a, b = b, a
	}
	return a + "/" + b
}

func matchCase(orig, w string) string {
	r, _ := utf8.DecodeRuneInString(orig)
	if unicode.IsUpper(r) {
		r2, size := utf8.DecodeRuneInString(w)
		return string(unicode.ToUpper(r2)) + w[size:]
	}
	return w
}

func snippet(s string, start, end int) string {
	a, b := max(0, start-40), min(len(s), end+30)
	for a > 0 && !utf8.RuneStart(s[a]) {
		a--
	}
	for b < len(s) && !utf8.RuneStart(s[b]) {
		b++
	}
	out := s[a:start] + "[" + s[start:end] + "]" + s[end:b]
	return strings.Join(strings.Fields(out), " ")
}

func sum(m map[realword.Why]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func report(w io.Writer, r *evalResult, ntrain, ntest int, examples bool) {
	fmt.Fprintf(w, "held out %d of %d documents, %d words\n", ntest, ntrain+ntest, r.words)
	fmt.Fprintf(w, "clean text: %d flags, %.3f per 1,000 words (%v)\n", sum(r.cleanFlags), 1000*float64(sum(r.cleanFlags))/float64(r.words), fmtWhy(r.cleanFlags))
	found, fixed, fp := sum(r.found), sum(r.fixed), sum(r.falseFlags)
	fmt.Fprintf(w, "injected: %d slips, found %d (%.1f%%), fixed right %d (%.1f%%); by mechanism found %v\n",
		r.injected, found, 100*float64(found)/float64(max(1, r.injected)), fixed, 100*float64(fixed)/float64(max(1, r.injected)), fmtWhy(r.found))
	fmt.Fprintf(w, "content-word slips: %d, found %d (%.1f%%)\n", r.injectedContent, r.foundContent, 100*float64(r.foundContent)/float64(max(1, r.injectedContent)))
	fmt.Fprintf(w, "precision: %.1f%% (%d false flags: %v)\n", 100*float64(found)/float64(max(1, found+fp)), fp, fmtWhy(r.falseFlags))
	if !examples {
		return
	}
	keys := make([]string, 0, len(r.bySet))
	for k := range r.bySet {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return r.bySet[keys[i]][0] > r.bySet[keys[j]][0] })
	fmt.Fprintln(w, "by set (injected found false):")
	for _, k := range keys {
		v := r.bySet[k]
		fmt.Fprintf(w, "  %-22s %4d %4d %4d\n", k, v[0], v[1], v[2])
	}
	for _, l := range []struct {
		name string
		xs   []string
	}{{"clean flags", r.cleanExamples}, {"false flags (injected text)", r.fpEx}, {"found", r.hitEx}, {"missed", r.missExamples}} {
		fmt.Fprintf(w, "%s:\n", l.name)
		for _, x := range l.xs {
			fmt.Fprintf(w, "  %s\n", x)
		}
	}
}

func fmtWhy(m map[realword.Why]int) string {
	var parts []string
	for _, why := range []realword.Why{realword.WhyWords, realword.WhyRare, realword.WhyRareContext, realword.WhyRareClasses, realword.WhyRareWords, realword.WhyPrepSlot, realword.WhyClasses, realword.WhySubject, realword.WhyPossBeen} {
		if m[why] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", why, m[why]))
		}
	}
	return strings.Join(parts, ", ")
}

// explain prints, for every confusion-set word of text, what the embedded
// model knows: the window, the class features and their counts.
func explain(w io.Writer, text string) error {
	m, err := realword.NgramModel()
	if err != nil {
		return err
	}
	d := core.NewDoc("explain.txt", text, core.FormatText, core.Options{Lang: "en-US"})
	toks := realword.Tokens(d)
	for i := range toks {
		if !m.Candidate(toks, i) {
			continue
		}
		win := realword.WindowAt(m, toks, i)
		a, why := m.Best(&win, &realword.DefaultParams)
		fmt.Fprintf(w, "%q %v: window %q classes %v -> %q (%s)\n", toks[i].Norm, m.WordClasses(toks[i].Norm), win.Words, win.Classes, a, why)
		wc := m.WordClasses(toks[i].Norm)
		for _, c := range []realword.Class{wc.First, wc.Second} {
			if c == realword.ClassNone {
				continue
			}
			cm := realword.ClassMember(c)
			fmt.Fprintf(w, "  %-10s n=%-6.0f", cm, m.Count(cm))
			fs := realword.Features(cm, &win)
			for _, f := range fs[:3] {
				fmt.Fprintf(w, " [%s]=%.0f", f, m.Feature(f))
			}
			fmt.Fprintln(w)
		}
		members := []string{toks[i].Norm}
		for _, alt := range m.Alternatives(toks[i].Norm) {
			members = append(members, alt.Word)
		}
		for _, mb := range members {
			cw, cl, cr, ct := m.Counts(win.Words[1], mb, win.Words[3])
			fmt.Fprintf(w, "  %-10s n=%-6.0f left=%-5.0f right=%-5.0f tri=%-4.0f", mb, cw, cl, cr, ct)
			for _, f := range realword.Features(mb, &win) {
				fmt.Fprintf(w, " [%s]=%.0f", f, m.Feature(f))
			}
			fmt.Fprintln(w)
		}
	}
	return nil
}

// runClean runs the committed tables, with the settings p, over the
// nlp-corpus sentences: text that none of the counts came from. Every flag
// is a false alarm or a slip in the sentence, so a new setting should add
// none that a reader would not call a slip.
func runClean(c config, params string, w io.Writer) error {
	p := realword.DefaultParams
	if err := setParams(&p, params); err != nil {
		return err
	}
	m, err := realword.NgramModel()
	if err != nil {
		return err
	}
	texts, err := readNLPCorpus(c.nlpDir())
	if err != nil {
		return err
	}
	words := 0
	flags := map[realword.Why]int{}
	var lines []string
	for k, t := range texts {
		doc := core.NewDoc(fmt.Sprintf("nlp-%03d", k), t, core.FormatText, core.Options{Lang: "en-US"})
		toks := realword.Tokens(doc)
		words += len(toks)
		for i := range toks {
			if !m.Candidate(toks, i) {
				continue
			}
			if a, why := m.Suggest(toks, i, &p); a != "" {
				flags[why]++
				lines = append(lines, fmt.Sprintf("%s %s -> %s", why, snippet(doc.Prose, toks[i].Start, toks[i].End), a))
			}
		}
	}
	fmt.Fprintf(w, "nlp-corpus: %d words, %d flags, %.3f per 1,000 words (%v)\n", words, sum(flags), 1000*float64(sum(flags))/float64(max(1, words)), fmtWhy(flags))
	for _, l := range lines {
		fmt.Fprintf(w, "  %s\n", l)
	}
	return nil
}
