package realword

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Alt is a word that may have been meant instead of the written one, with
// the factor by which it must beat the written word in context.
type Alt struct {
	Word   string
	ID     uint32  // in the counts
	Factor float64 // 0: the rule's default
}

// Model holds the n-gram counts around confusable words and the confusion
// sets they serve.
type Model struct {
	n    float64
	ids  map[string]uint32
	uni  []float64 // by id
	bi   map[uint64]uint32
	tri  map[uint64]uint32
	alts map[string][]Alt
}

func key2(a, b uint32) uint64 { return uint64(a)<<32 | uint64(b) }

func key3(a, b, c uint32) uint64 {
	return uint64(a)<<42 | uint64(b)<<21 | uint64(c)
}

// maxWords bounds the vocabulary so that key3 stays exact.
const maxWords = 1 << 21

// ParseModel reads ngrams.txt and confusables.txt.
func ParseModel(ngrams, confusables string) (*Model, error) {
	n := strings.Count(ngrams, "\n")
	m := &Model{
		ids:  make(map[string]uint32, n/8),
		uni:  make([]float64, 1, max(1, n/8)),
		bi:   make(map[uint64]uint32, n/2),
		tri:  make(map[uint64]uint32, n/2),
		alts: map[string][]Alt{},
	}
	id := func(w string) uint32 {
		if v, ok := m.ids[w]; ok {
			return v
		}
		v := uint32(len(m.uni))
		m.ids[w] = v
		m.uni = append(m.uni, 0)
		return v
	}
	lineNo := 0
	seenTotal := false
	for len(ngrams) > 0 {
		var line string
		line, ngrams, _ = strings.Cut(ngrams, "\n")
		lineNo++
		if line == "" || line[0] == '#' {
			continue
		}
		if !seenTotal {
			n, err := strconv.Atoi(line)
			if err != nil {
				return nil, fmt.Errorf("ngrams.txt:%d: want the token total: %v", lineNo, err)
			}
			m.n = float64(n)
			seenTotal = true
			continue
		}
		cs, rest, _ := strings.Cut(line, " ")
		c, err := strconv.Atoi(cs)
		if err != nil || rest == "" {
			return nil, fmt.Errorf("ngrams.txt:%d: bad line %q", lineNo, line)
		}
		w1, rest, two := strings.Cut(rest, " ")
		if !two {
			m.uni[id(w1)] = float64(c)
			continue
		}
		w2, w3, three := strings.Cut(rest, " ")
		switch {
		case !three:
			m.bi[key2(id(w1), id(w2))] = uint32(c)
		case !strings.Contains(w3, " "):
			m.tri[key3(id(w1), id(w2), id(w3))] = uint32(c)
		default:
			return nil, fmt.Errorf("ngrams.txt:%d: more than three words", lineNo)
		}
	}
	if m.n == 0 {
		return nil, fmt.Errorf("ngrams.txt: no token total")
	}
	if len(m.uni) >= maxWords {
		return nil, fmt.Errorf("ngrams.txt: %d words, more than the %d the keys hold", len(m.uni), maxWords)
	}
	for n, l := range strings.Split(confusables, "\n") {
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
				for i, x := range m.alts[a] {
					if x.Word == b {
						dup = true
						m.alts[a][i].Factor = max(x.Factor, factor)
					}
				}
				if !dup {
					m.alts[a] = append(m.alts[a], Alt{Word: b, Factor: factor})
				}
			}
		}
	}
	for w, as := range m.alts {
		for i := range as {
			as[i].ID = m.ids[as[i].Word]
		}
		m.alts[w] = as
	}
	return m, nil
}

// Alternatives returns the words confusable with w (normalised), or nil.
func (m *Model) Alternatives(w string) []Alt { return m.alts[w] }

// Count returns how often w occurred in the reference corpus.
func (m *Model) Count(w string) float64 { return m.uni[m.ids[w]] }

// backoff is stupid back-off's discount for a lower-order estimate.
const backoff = 0.4

// ID returns the id of a word in the counts, 0 for a word never counted.
func (m *Model) ID(w string) uint32 { return m.ids[w] }

// Counts returns the corpus counts of w, of the bigrams (l1 w) and (w r1)
// and of the trigram (l1 w r1), for word ids.
func (m *Model) Counts(l1, w, r1 uint32) (cw, cl, cr, ct float64) {
	if w == 0 {
		return 0, 0, 0, 0
	}
	cw = m.uni[w]
	if l1 != 0 {
		cl = float64(m.bi[key2(l1, w)])
	}
	if r1 != 0 {
		cr = float64(m.bi[key2(w, r1)])
	}
	if l1 != 0 && r1 != 0 && cl > 0 && cr > 0 {
		ct = float64(m.tri[key3(l1, w, r1)])
	}
	return cw, cl, cr, ct
}

// Score is the log-probability of the word triple l1 w r1 (ids), estimated
// from the trigram count when there is one, else from the bigrams (l1 w)
// and (w r1) with stupid back-off. Only terms that differ between members
// of a confusion set are computed exactly; the rest are the same for every
// member and cancel out when two members are compared.
func (m *Model) Score(l1, w, r1 uint32) float64 {
	cw, cl, cr, ct := m.Counts(l1, w, r1)
	if ct > 0 {
		return math.Log(ct / m.n)
	}
	var left, right float64
	if cl > 0 {
		left = math.Log(cl / m.n)
	} else {
		left = math.Log(backoff * (m.uni[l1] + 0.5) / m.n * (cw + 0.5) / m.n)
	}
	if cr > 0 {
		right = math.Log(cr / (cw + 0.5))
	} else {
		right = math.Log(backoff * (m.uni[r1] + 0.5) / m.n)
	}
	return left + right
}

// Expected returns how often the bigrams (l1 w) and (w r1) would have been
// seen in the reference corpus if w were independent of its neighbours:
// when this is small, never having seen them says nothing.
func (m *Model) Expected(l1, w, r1 uint32) (left, right float64) {
	cw := m.uni[w]
	return m.uni[l1] * cw / m.n, cw * m.uni[r1] / m.n
}

// Association returns, for the bigrams (l1 w) and (w r1), how many times
// more often they were seen than independence would predict (0 when never
// seen).
func (m *Model) Association(l1, w, r1 uint32) (left, right float64) {
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
