package realword

import (
	"fmt"
	"strconv"
	"strings"
)

// Entry flags in variants.tsv.
const (
	FlagGenerated    = 1 << iota // a one-edit variant or homophone of a listed phrase
	FlagExplicit                 // written out in explicit.txt
	FlagEmbarrassing             // reported as an error
)

// Entry is one wrong phrase and the phrase that was meant.
type Entry struct {
	Wrong     []string // normalised words
	Right     []string // words as the phrase is written, canonical case
	RightSeps []string // the separators of Right as written (len(Right)-1)
	Flags     uint8
	Guards    []Guard // longer real phrases that hold Wrong
}

// Guard is a real phrase that contains a wrong phrase: when the words around
// a match spell the guard, the match is left alone.
type Guard struct {
	Words  []string // normalised
	Offset int      // where the wrong phrase starts inside Words
}

// Table is the phrase table: variants.tsv as embedded, and its index
// (variants.idx) of hashed wrong phrases. Nothing is parsed at load time:
// a lookup hashes the words, finds the byte offset of the phrase's lines and
// reads only those, which happens only where copy holds a wrong phrase.
type Table struct {
	src    string
	phrase *section // hash of a wrong phrase -> offset of its first line
	pair   *section // hash of the first two words -> longest phrase opening so
	starts []uint64 // bit set of the hashes of first words (a quick no)
	pairs  []uint64 // bit set of the hashes of first word pairs
	MaxLen int
}

// startBits and pairBits are the sizes of the bit sets, as powers of two.
const (
	startBits = 19
	pairBits  = 21
)

// bitsOf makes a bit set of a section's keys.
func bitsOf(s *section, size int) []uint64 {
	set := make([]uint64, 1<<size/64)
	top := 64
	if s.kw == 6 {
		top = 48
	}
	for i := 0; i < s.n; i++ {
		b := s.key(i) >> (top - size)
		set[b/64] |= 1 << (b % 64)
	}
	return set
}

func hasBit(set []uint64, key uint64, size int) bool {
	b := key >> (64 - size)
	return set[b/64]&(1<<(b%64)) != 0
}

// Key kinds of the phrase index.
const (
	kindPhrase = 20
	kindPair   = 21
	kindMax    = 22
	kindStart  = 23
)

func startKey(w string) uint64 { return NewHash(kindStart).Word(w).Sum() }

func phraseKey(words []string) uint64 {
	h := NewHash(kindPhrase)
	for _, w := range words {
		h = h.Word(w)
	}
	return h.Sum()
}

func pairKey(a, b string) uint64 { return NewHash(kindPair).Word(a).Word(b).Sum() }

// OpenTable opens variants.tsv with its index.
func OpenTable(tsv, idx string) (*Table, error) {
	f, err := openBin("variants.idx", idx)
	if err != nil {
		return nil, err
	}
	t := &Table{src: tsv, phrase: f.section("PHRS"), pair: f.section("PAIR")}
	t.MaxLen = int(f.section("MAXL").Get(NewHash(kindMax).Sum()))
	t.starts = bitsOf(f.section("STRT"), startBits)
	t.pairs = bitsOf(t.pair, pairBits)
	if t.phrase.n == 0 || t.MaxLen < 2 {
		return nil, fmt.Errorf("variants.idx: empty index")
	}
	return t, nil
}

// ParseTable indexes a phrase table held in memory (tests, the generator).
func ParseTable(tsv string) (*Table, error) {
	idx, err := BuildIndex("", tsv)
	if err != nil {
		return nil, err
	}
	return OpenTable(tsv, idx)
}

// Opens returns the length of the longest wrong phrase that starts with the
// words a, b (normalised), or 0: a cheap test before longer windows are
// looked up.
func (t *Table) Opens(a, b string) int {
	if !hasBit(t.starts, startKey(a), startBits) {
		return 0
	}
	k := pairKey(a, b)
	if !hasBit(t.pairs, k, pairBits) {
		return 0
	}
	return int(t.pair.Get(k))
}

// Lookup returns the entries whose wrong phrase is exactly words
// (normalised), and an id of that phrase (the same for every occurrence).
func (t *Table) Lookup(words []string) (int, []Entry) {
	off, ok := t.phrase.find(phraseKey(words))
	if !ok {
		return -1, nil
	}
	at := int(t.phrase.val(off))
	es, _, err := readRun(t.src, at)
	if err != nil || len(es) == 0 || !equalWords(es[0].Wrong, words) {
		return -1, nil // a hash shared with another phrase: not this one
	}
	return at, es
}

func equalWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// readRun parses the entries for one wrong phrase starting at byte at of
// src, with the guard lines that follow them, and returns where the next
// run starts.
func readRun(src string, at int) ([]Entry, int, error) {
	var es []Entry
	p := at
	for p < len(src) {
		line, rest, _ := strings.Cut(src[p:], "\n")
		next := len(src) - len(rest)
		if line == "" || line[0] == '#' {
			if len(es) > 0 {
				break
			}
			p = next
			continue
		}
		f := strings.Split(line, "\t")
		if f[0] == "~" {
			if len(es) == 0 {
				return nil, p, fmt.Errorf("a guard line before any entry")
			}
			if len(f) != 4 {
				return nil, p, fmt.Errorf("guard line needs 4 fields")
			}
			off, err := strconv.Atoi(f[3])
			if err != nil {
				return nil, p, err
			}
			if !equalWords(normPhrase(f[1]), es[0].Wrong) {
				return nil, p, fmt.Errorf("guard for %q after the entries for %q", f[1], strings.Join(es[0].Wrong, " "))
			}
			g := Guard{Words: normPhrase(f[2]), Offset: off}
			for i := range es {
				es[i].Guards = append(es[i].Guards, g)
			}
			p = next
			continue
		}
		if len(f) != 3 {
			return nil, p, fmt.Errorf("want 3 fields, have %d", len(f))
		}
		wrong := normPhrase(f[0])
		right, seps := SplitPhrase(f[1])
		if len(wrong) == 0 || len(right) == 0 {
			return nil, p, fmt.Errorf("empty phrase")
		}
		if len(es) > 0 && !equalWords(wrong, es[0].Wrong) {
			break
		}
		e := Entry{Wrong: wrong, Right: right, RightSeps: seps}
		for _, c := range f[2] {
			switch c {
			case 'g':
				e.Flags |= FlagGenerated
			case 'x':
				e.Flags |= FlagExplicit
			case 'e':
				e.Flags |= FlagEmbarrassing
			default:
				return nil, p, fmt.Errorf("unknown flag %q", c)
			}
		}
		es = append(es, e)
		p = next
	}
	return es, p, nil
}

func normPhrase(p string) []string {
	w, _ := SplitPhrase(p)
	for i := range w {
		w[i] = Normalize(w[i])
	}
	return w
}

// BuildIndex checks variants.tsv and makes its index:
//
//	wrong<TAB>right<TAB>flags           an entry (flags: g, x, e)
//	~<TAB>wrong<TAB>guard<TAB>offset    a guard of the entries just above
//
// Lines starting with # are comments. The entries for one wrong phrase
// must be next to each other.
func BuildIndex(header, tsv string) (string, error) {
	phr, pair, starts := newKeyMap(), map[uint64]uint32{}, map[uint64]uint32{}
	maxLen := 0
	lineNo := func(at int) int { return strings.Count(tsv[:at], "\n") + 1 }
	for p := 0; p < len(tsv); {
		es, next, err := readRun(tsv, p)
		if err != nil {
			return "", fmt.Errorf("variants.tsv:%d: %v", lineNo(next), err)
		}
		if len(es) == 0 {
			break
		}
		// the run starts at its first entry line
		start := p
		for start < len(tsv) && (tsv[start] == '#' || tsv[start] == '\n') {
			_, rest, _ := strings.Cut(tsv[start:], "\n")
			start = len(tsv) - len(rest)
		}
		w := es[0].Wrong
		if err := phr.add(phraseKey(w), strings.Join(w, " "), uint32(start)); err != nil {
			return "", fmt.Errorf("variants.tsv:%d: %q is not next to the other entries for it (%v)", lineNo(start), strings.Join(w, " "), err)
		}
		if len(w) >= 2 {
			k := pairKey(w[0], w[1])
			pair[k] = max(pair[k], uint32(len(w)))
			starts[startKey(w[0])] = 1
		}
		maxLen = max(maxLen, len(w))
		p = next
	}
	if maxLen < 2 {
		return "", fmt.Errorf("variants.tsv: no phrases")
	}
	bw := NewBinWriter(header)
	for _, s := range []struct {
		tag   string
		m     map[uint64]uint32
		width int
	}{{"PHRS", phr.m, 4}, {"PAIR", pair, 1}, {"STRT", starts, 1}, {"MAXL", map[uint64]uint32{NewHash(kindMax).Sum(): uint32(maxLen)}, 1}} {
		if err := bw.Section(s.tag, s.m, 6, s.width); err != nil {
			return "", err
		}
	}
	return bw.String(), nil
}

// keyMap is a hashed table that refuses a second value for a key.
type keyMap struct {
	m    map[uint64]uint32
	what map[uint64]string
}

func newKeyMap() *keyMap { return &keyMap{m: map[uint64]uint32{}, what: map[uint64]string{}} }

func (k *keyMap) add(key uint64, what string, v uint32) error {
	if old, ok := k.what[key]; ok {
		if old == what {
			return fmt.Errorf("listed twice")
		}
		return fmt.Errorf("hash collision with %q", old)
	}
	k.m[key], k.what[key] = v, what
	return nil
}

// SplitPhrase cuts a phrase as written into words and the separators between
// them (a space or a hyphen).
func SplitPhrase(p string) (words, seps []string) {
	start := -1
	for i := 0; i <= len(p); i++ {
		if i == len(p) || p[i] == ' ' || p[i] == '-' {
			if start >= 0 {
				words = append(words, p[start:i])
				start = -1
			}
			if i < len(p) && len(words) > 0 && len(seps) < len(words) {
				seps = append(seps, string(p[i]))
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if len(seps) > len(words)-1 && len(words) > 0 {
		seps = seps[:len(words)-1]
	}
	return words, seps
}
