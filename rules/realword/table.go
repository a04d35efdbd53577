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

// Table is the phrase table: wrong phrases looked up by word ids.
type Table struct {
	Entries []Entry
	MaxLen  int
	ids     map[string]uint32
	byKey   map[uint64]int32    // first entry of the run with this wrong phrase
	starts  []bool              // by id: the word opens a wrong phrase
	pairs   map[uint64]struct{} // the first two words of every wrong phrase
}

// ID returns the id of a normalised word, or 0 when the word occurs in no
// wrong phrase.
func (t *Table) ID(norm string) uint32 { return t.ids[norm] }

// Opens reports whether some wrong phrase starts with the words a, b (ids):
// a cheap test before the longer windows are looked up.
func (t *Table) Opens(a, b uint32) bool {
	if int(a) >= len(t.starts) || !t.starts[a] {
		return false
	}
	_, ok := t.pairs[uint64(a)<<32|uint64(b)]
	return ok
}

// Key folds a run of word ids into a map key.
func Key(ids []uint32) uint64 {
	h := uint64(14695981039346656037)
	for _, id := range ids {
		h ^= uint64(id)
		h *= 1099511628211
		h ^= h >> 29
	}
	return h
}

// Lookup returns the entries whose wrong phrase is exactly ids (entries
// with one wrong phrase are consecutive in the table).
func (t *Table) Lookup(ids []uint32) []int32 {
	first, ok := t.byKey[Key(ids)]
	if !ok || !t.same(first, ids) {
		return nil
	}
	var out []int32
	for e := first; int(e) < len(t.Entries) && t.same(e, ids); e++ {
		out = append(out, e)
	}
	return out
}

func (t *Table) same(e int32, ids []uint32) bool {
	w := t.Entries[e].Wrong
	if len(w) != len(ids) {
		return false
	}
	for i, s := range w {
		if t.ids[s] != ids[i] {
			return false
		}
	}
	return true
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

// ParseTable reads variants.tsv:
//
//	wrong<TAB>right<TAB>flags           an entry (flags: g, x, e)
//	~<TAB>wrong<TAB>guard<TAB>offset    a guard of the entry (or entries) for wrong
//
// Lines starting with # are comments.
func ParseTable(src string) (*Table, error) {
	n := strings.Count(src, "\n") + 1
	t := &Table{
		Entries: make([]Entry, 0, n),
		ids:     make(map[string]uint32, n/8),
		byKey:   make(map[uint64]int32, n),
		pairs:   make(map[uint64]struct{}, n/2),
	}
	id := func(w string) uint32 {
		if v, ok := t.ids[w]; ok {
			return v
		}
		v := uint32(len(t.ids) + 1)
		t.ids[w] = v
		return v
	}
	lineNo := 0
	for len(src) > 0 {
		var line string
		line, src, _ = strings.Cut(src, "\n")
		lineNo++
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if f[0] == "~" {
			if len(f) != 4 {
				return nil, fmt.Errorf("variants.tsv:%d: guard line needs 4 fields", lineNo)
			}
			off, err := strconv.Atoi(f[3])
			if err != nil {
				return nil, fmt.Errorf("variants.tsv:%d: %v", lineNo, err)
			}
			ww, _ := SplitPhrase(f[1])
			wids := make([]uint32, len(ww))
			for i, w := range ww {
				wids[i] = t.ids[Normalize(w)]
			}
			gw, _ := SplitPhrase(f[2])
			for i := range gw {
				gw[i] = Normalize(gw[i])
			}
			for _, e := range t.Lookup(wids) {
				t.Entries[e].Guards = append(t.Entries[e].Guards, Guard{Words: gw, Offset: off})
			}
			continue
		}
		if len(f) != 3 {
			return nil, fmt.Errorf("variants.tsv:%d: want 3 fields, have %d", lineNo, len(f))
		}
		wrong, _ := SplitPhrase(f[0])
		right, seps := SplitPhrase(f[1])
		if len(wrong) == 0 || len(right) == 0 {
			return nil, fmt.Errorf("variants.tsv:%d: empty phrase", lineNo)
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
				return nil, fmt.Errorf("variants.tsv:%d: unknown flag %q", lineNo, c)
			}
		}
		var buf [8]uint32
		ids := buf[:0]
		for i, w := range wrong {
			wrong[i] = Normalize(w)
			ids = append(ids, id(wrong[i]))
		}
		k := Key(ids)
		idx := int32(len(t.Entries))
		t.Entries = append(t.Entries, e)
		if first, ok := t.byKey[k]; !ok {
			t.byKey[k] = idx
		} else if !t.same(first, ids) || !t.same(idx-1, ids) {
			return nil, fmt.Errorf("variants.tsv:%d: %q is not next to the other entries for it (or collides with another phrase)", lineNo, f[0])
		}
		t.MaxLen = max(t.MaxLen, len(wrong))
		if len(ids) >= 2 {
			t.pairs[uint64(ids[0])<<32|uint64(ids[1])] = struct{}{}
		}
	}
	t.starts = make([]bool, len(t.ids)+1)
	for _, e := range t.Entries {
		t.starts[t.ids[e.Wrong[0]]] = true
	}
	return t, nil
}
