package realword

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
)

// Alt is a word that may have been meant instead of the written one, with
// the factor by which it must beat the written word in context.
type Alt struct {
	Word   string
	Factor float64 // 0: the rule's default
}

// Model holds the n-gram counts around confusable words, the class
// features, the word-class lexicon and the confusion sets they serve. The
// counts stay in the embedded binary files: a lookup hashes the words and
// searches the sorted keys in place, so the model loads in microseconds.
type Model struct {
	n    float64
	uni  *section
	bi   *section
	tri  *section
	feat *section
	cls  *section
	alts map[string][]Alt

	memos sync.Pool // of *Memo
}

// Key kinds of the hashed tables.
const (
	kindUnigram = 1
	kindBigram  = 2
	kindTrigram = 3
	kindClass   = 9
)

// UnigramKey, BigramKey, TrigramKey and ClassKey are the hashed keys of the
// tables (shared with the generator).
func UnigramKey(w string) uint64       { return NewHash(kindUnigram).Word(w).Sum() }
func BigramKey(a, b string) uint64     { return NewHash(kindBigram).Word(a).Word(b).Sum() }
func TrigramKey(a, b, c string) uint64 { return NewHash(kindTrigram).Word(a).Word(b).Word(c).Sum() }
func ClassKey(w string) uint64         { return NewHash(kindClass).Word(w).Sum() }

// Feature kinds: a member of a confusion set with what stands around it.
const (
	FeatClasses     = 11 + iota // class left, class right
	FeatRightPair               // the two classes to the right
	FeatLeftPair                // the two classes to the left
	FeatWordLeft                // the word left, the class right
	FeatWordRight               // the class left, the word right
	featKinds       = 5
	featFirst       = FeatClasses
	featWordKindMin = FeatWordLeft
)

// FeatureKey is one feature of a member in context.
type FeatureKey struct {
	Kind   byte
	Member string
	Word   string // FeatWordLeft, FeatWordRight: the neighbouring word
	C1, C2 Class
}

// Key hashes the feature.
func (f FeatureKey) Key() uint64 {
	return NewHash(f.Kind).Word(f.Member).Word(f.Word).Byte(byte(f.C1)).Byte(byte(f.C2)).Sum()
}

func (f FeatureKey) String() string {
	switch f.Kind {
	case FeatClasses:
		return fmt.Sprintf("%s _%s_ %s", f.C1, f.Member, f.C2)
	case FeatRightPair:
		return fmt.Sprintf("_%s_ %s %s", f.Member, f.C1, f.C2)
	case FeatLeftPair:
		return fmt.Sprintf("%s %s _%s_", f.C1, f.C2, f.Member)
	case FeatWordLeft:
		return fmt.Sprintf("%q _%s_ %s", f.Word, f.Member, f.C1)
	case FeatWordRight:
		return fmt.Sprintf("%s _%s_ %q", f.C1, f.Member, f.Word)
	}
	return "?"
}

// Features returns the features of member standing in the middle of win.
func Features(member string, win *Window) [featKinds]FeatureKey {
	c := &win.Classes
	return [featKinds]FeatureKey{
		{Kind: FeatClasses, Member: member, C1: c[1], C2: c[3]},
		{Kind: FeatRightPair, Member: member, C1: c[3], C2: c[4]},
		{Kind: FeatLeftPair, Member: member, C1: c[0], C2: c[1]},
		{Kind: FeatWordLeft, Member: member, Word: win.Words[1], C1: c[3]},
		{Kind: FeatWordRight, Member: member, Word: win.Words[3], C1: c[1]},
	}
}

// OpenModel reads ngrams.bin, classes.bin and sets.txt (the confusion sets
// of confusables.txt and their inflected forms).
func OpenModel(ngrams, classes, confusables string) (*Model, error) {
	nf, err := openBin("ngrams.bin", ngrams)
	if err != nil {
		return nil, err
	}
	cf, err := openBin("classes.bin", classes)
	if err != nil {
		return nil, err
	}
	m := &Model{
		uni:  nf.section("UNIG"),
		bi:   nf.section("BIGR"),
		tri:  nf.section("TRIG"),
		feat: nf.section("FEAT"),
		cls:  cf.section("CLAS"),
	}
	m.n = float64(nf.section("TOTL").Get(0))
	if m.n == 0 {
		return nil, fmt.Errorf("ngrams.bin: no token total")
	}
	if m.alts, err = ParseConfusables(confusables); err != nil {
		return nil, err
	}
	return m, nil
}

// ParseConfusables reads confusables.txt into the alternatives of each
// word.
func ParseConfusables(src string) (map[string][]Alt, error) {
	alts := map[string][]Alt{}
	for n, l := range strings.Split(src, "\n") {
		if i := strings.IndexByte(l, '#'); i >= 0 {
			l = l[:i]
		}
		body, fs, hasFactor := strings.Cut(l, ";")
		words := strings.Fields(strings.ToLower(body))
		if len(words) == 0 {
			continue
		}
		factor := 0.0
		if hasFactor {
			f, err := strconv.ParseFloat(strings.TrimSpace(fs), 64)
			if err != nil || f <= 1 {
				return nil, fmt.Errorf("confusables.txt:%d: bad factor %q", n+1, fs)
			}
			factor = f
		}
		for _, a := range words {
			for _, b := range words {
				if a == b {
					continue
				}
				dup := false
				for i, x := range alts[a] {
					if x.Word == b {
						dup = true
						alts[a][i].Factor = max(x.Factor, factor)
					}
				}
				if !dup {
					alts[a] = append(alts[a], Alt{Word: b, Factor: factor})
				}
			}
		}
	}
	return alts, nil
}

// Alternatives returns the words confusable with w (normalised), or nil.
func (m *Model) Alternatives(w string) []Alt { return m.alts[w] }

// Total is the number of tokens counted.
func (m *Model) Total() float64 { return m.n }

// Count returns how often w occurred in the reference corpus (0 for a word
// that is neither a member nor beside one).
func (m *Model) Count(w string) float64 { return float64(m.uni.Get(UnigramKey(w))) }

// Bigram and Trigram return n-gram counts.
func (m *Model) Bigram(a, b string) float64     { return float64(m.bi.Get(BigramKey(a, b))) }
func (m *Model) Trigram(a, b, c string) float64 { return float64(m.tri.Get(TrigramKey(a, b, c))) }

// Feature returns how often a feature was seen.
func (m *Model) Feature(f FeatureKey) float64 { return float64(m.feat.Get(f.Key())) }

// Lookup gives the listed class of a word (the model is the run-time
// Lexicon).
func (m *Model) Lookup(w string) Class { return Class(m.cls.Get(ClassKey(w)) & 0xff) }

// WordClasses gives the first and second listed classes of a word.
func (m *Model) WordClasses(w string) Classes {
	v := m.cls.Get(ClassKey(w))
	return Classes{Class(v & 0xff), Class(v >> 8 & 0xff)}
}

// Sizes reports the number of entries in each table.
func (m *Model) Sizes() (uni, bi, tri, feat, classes int) {
	return m.uni.n, m.bi.n, m.tri.n, m.feat.n, m.cls.n
}

// backoff is stupid back-off's discount for a lower-order estimate.
const backoff = 0.4

// Counts returns the corpus counts of w, of the bigrams (l1 w) and (w r1)
// and of the trigram (l1 w r1).
func (m *Model) Counts(l1, w, r1 string) (cw, cl, cr, ct float64) {
	cw = m.Count(w)
	if cw == 0 {
		return 0, 0, 0, 0
	}
	cl = m.Bigram(l1, w)
	cr = m.Bigram(w, r1)
	if cl > 0 && cr > 0 {
		ct = m.Trigram(l1, w, r1)
	}
	return cw, cl, cr, ct
}

// Score is the log-probability of the word triple l1 w r1, estimated from
// the trigram count when there is one, else from the bigrams (l1 w) and
// (w r1) with stupid back-off. Only terms that differ between members of a
// confusion set are computed exactly; the rest are the same for every
// member and cancel out when two members are compared.
func (m *Model) Score(l1, w, r1 string) float64 {
	cw, cl, cr, ct := m.Counts(l1, w, r1)
	if ct > 0 {
		return math.Log(ct / m.n)
	}
	var left, right float64
	if cl > 0 {
		left = math.Log(cl / m.n)
	} else {
		left = math.Log(backoff * (m.Count(l1) + 0.5) / m.n * (cw + 0.5) / m.n)
	}
	if cr > 0 {
		right = math.Log(cr / (cw + 0.5))
	} else {
		right = math.Log(backoff * (m.Count(r1) + 0.5) / m.n)
	}
	return left + right
}

// Expected returns how often the bigrams (l1 w) and (w r1) would have been
// seen in the reference corpus if w were independent of its neighbours:
// when this is small, never having seen them says nothing.
func (m *Model) Expected(l1, w, r1 string) (left, right float64) {
	cw := m.Count(w)
	return m.Count(l1) * cw / m.n, cw * m.Count(r1) / m.n
}

// Association returns, for the bigrams (l1 w) and (w r1), how many times
// more often they were seen than independence would predict (0 when never
// seen).
func (m *Model) Association(l1, w, r1 string) (left, right float64) {
	_, cl, cr, _ := m.Counts(l1, w, r1)
	el, er := m.Expected(l1, w, r1)
	if cl > 0 && el > 0 {
		left = cl / el
	}
	if cr > 0 && er > 0 {
		right = cr / er
	}
	return left, right
}
