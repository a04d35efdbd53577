// Package dict is copydesk's English dictionary: about 276,000 words of
// American and British English with a commonness level for each, and a
// speller that proposes ranked corrections for a word it does not know.
//
// The words come from SCOWL (see SOURCES.md) at size levels 10 (the most
// common words) to 80 (the size Debian ships as wamerican-huge), plus a small
// supplement of newer words. The generator in gen/ writes them to words.dat, a
// sorted list (one word and two code bytes a line) that is embedded in the
// binary and used in place. Lookups go through a hash index of word offsets
// (2 MB) and suggestions through a trie (8 MB); the first process builds
// both (about 70 ms) and keeps them in the user cache, where later ones map
// them (see cache.go).
//
// Case: words are stored as they are written. "paris" is a word only if the
// lower-case form is listed; "Paris" matches the proper noun, and a
// lower-case word written with a capital ("The") or in capitals ("THE") is
// still that word. Possessives ('s, s') and curly apostrophes are handled by
// the lookups.
//
// Varieties: a word spelt right in either American or British English is a
// word for Has in both; "colour" in American copy is a question of house style
// (see Preferred), not a typo. The language decides which spelling the speller
// puts first.
package dict

//go:generate go run ./gen -out . -supplement supplement.txt

import (
	_ "embed"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed words.dat
var data string

// Flags say in which varieties a spelling is preferred.
type Flags uint8

const (
	US          Flags = 1 << iota // preferred American spelling
	GB                            // preferred British spelling (-ise forms)
	Oxford                        // British Oxford spelling (-ize forms)
	Variant                       // an accepted variant, preferred nowhere ("catalog" in British English)
	RareVariant                   // a rarer variant ("backbencher", but also "altho"): a misspelling table may overrule it
)

// levels are SCOWL's size levels, indexed by the level code stored per word.
var levels = [...]int{0, 10, 20, 35, 40, 50, 55, 60, 70, 80}

// Entry is what the dictionary knows about one spelling.
type Entry struct {
	Word  string // the spelling as listed ("Paris", "colour", "don't")
	Level int    // SCOWL size level: 10 is the most common words, 80 the rarest listed
	Flags Flags
}

// In reports whether the spelling is preferred (or an accepted variant) in
// the variety of lang ("en-US", "en-GB"; anything else counts as American).
func (e Entry) In(lang string) bool {
	if e.Flags&(Variant|RareVariant) != 0 {
		return true
	}
	if isBritish(lang) {
		return e.Flags&(GB|Oxford) != 0
	}
	return e.Flags&US != 0
}

// Proper reports whether the listed spelling starts with a capital.
func (e Entry) Proper() bool {
	r, _ := utf8.DecodeRuneInString(e.Word)
	return unicode.IsUpper(r)
}

func isBritish(lang string) bool {
	l := strings.ToLower(lang)
	return strings.HasPrefix(l, "en-gb") || strings.HasPrefix(l, "en_gb") || l == "gb" || l == "uk" || strings.HasPrefix(l, "en-uk")
}

// Dict is a loaded dictionary. The zero value is not usable; use Default or
// Load.
type Dict struct {
	// text is the list itself: a header line, then one line per word,
	// sorted: the word, a tab, the level code and the flags character.
	text string
	n    int
	// table is an open-addressing hash table: each slot holds a word's
	// offset in text plus 1 (low 32 bits) and the word's full hash (high 32
	// bits), so a probe that meets another word is turned away without
	// reading the text.
	table []uint64
	mask  uint32

	trieOnce sync.Once
	trie     []trieNode // the words as a trie, built for Suggest on first use
}

var (
	once sync.Once
	def  *Dict
)

// Default returns the embedded dictionary, loading it on first use.
func Default() *Dict {
	once.Do(func() {
		d, err := loadIndexed(data)
		if err != nil {
			panic("dict: embedded words.dat: " + err.Error())
		}
		def = d
	})
	return def
}

const header = "#copydesk-dict 1 "

// Load reads a words.dat image. The image is used in place (the embedded
// one is never copied); only a hash index of word offsets is built.
func Load(img string) (*Dict, error) {
	nl := strings.IndexByte(img, '\n')
	if nl < 0 || !strings.HasPrefix(img, header) {
		return nil, fmt.Errorf("no header")
	}
	n, err := strconv.Atoi(img[len(header):nl])
	if err != nil || n <= 0 || len(img) > math.MaxUint32-1 {
		return nil, fmt.Errorf("bad header %q", img[:nl])
	}
	d := &Dict{text: img, n: n}
	size := 1
	for size < 3*n/2 { // about two thirds full at most
		size <<= 1
	}
	d.table = make([]uint64, size)
	d.mask = uint32(size - 1)
	count := 0
	for i := nl + 1; i < len(img); {
		j := strings.IndexByte(img[i:], '\n')
		if j < 3 || img[i+j-3] != '\t' || count == n {
			return nil, fmt.Errorf("bad line at byte %d", i)
		}
		full := hash(img[i : i+j-3])
		h := full & d.mask
		for d.table[h] != 0 {
			h = (h + 1) & d.mask
		}
		d.table[h] = uint64(i+1) | uint64(full)<<32
		count++
		i += j + 1
	}
	if count != n {
		return nil, fmt.Errorf("header says %d words, read %d", n, count)
	}
	return d, nil
}

// Len is the number of listed spellings.
func (d *Dict) Len() int { return d.n }

// trieNode is one letter of the trie, in depth-first order: a node's first
// child, if it has any, comes right after it.
type trieNode struct {
	c    byte
	kids bool
	word int32 // offset of the word that ends here, or -1
	next int32 // the next sibling, or -1
}

// buildTrie lays the sorted word list out as a trie (about 640,000 nodes).
func (d *Dict) buildTrie() []trieNode {
	d.trieOnce.Do(func() {
		nodes := make([]trieNode, 0, 2*d.n+d.n/3)
		nodes = append(nodes, trieNode{word: -1, next: -1}) // the root
		path := []int32{0}                                  // path[k]: the node for the prefix of length k
		last := []int32{-1}                                 // last[k]: the last child of path[k]
		prev := ""
		i := strings.IndexByte(d.text, '\n') + 1
		for i < len(d.text) {
			j := strings.IndexByte(d.text[i:], '\t')
			w := d.text[i : i+j]
			lcp := 0
			for lcp < len(w) && lcp < len(prev) && w[lcp] == prev[lcp] {
				lcp++
			}
			path, last = path[:lcp+1], last[:lcp+1]
			for k := lcp; k < len(w); k++ {
				n := int32(len(nodes))
				nodes = append(nodes, trieNode{c: fold(w[k]), word: -1, next: -1})
				if last[k] >= 0 {
					nodes[last[k]].next = n
				} else {
					nodes[path[k]].kids = true
				}
				last[k] = n
				path = append(path, n)
				last = append(last, -1)
			}
			nodes[path[len(w)]].word = int32(i)
			prev = w
			i += strings.IndexByte(d.text[i:], '\n') + 1
		}
		d.trie = nodes
	})
	return d.trie
}

// entryAt decodes the line that starts at byte o.
func (d *Dict) entryAt(o int) Entry {
	j := strings.IndexByte(d.text[o:], '\t')
	lv, fl := d.text[o+j+1], d.text[o+j+2]
	return Entry{Word: d.text[o : o+j], Level: levels[lv-'0'], Flags: Flags(fl - '@')}
}

func hash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// index returns the offset of the exact spelling w in text, or -1.
func (d *Dict) index(w string) int {
	if w == "" {
		return -1
	}
	full := hash(w)
	h := full & d.mask
	for {
		v := d.table[h]
		if v == 0 {
			return -1
		}
		if uint32(v>>32) == full {
			o := int(uint32(v)) - 1
			if e := o + len(w); e < len(d.text) && d.text[e] == '\t' && d.text[o:e] == w {
				return o
			}
		}
		h = (h + 1) & d.mask
	}
}

// Exact looks up one spelling exactly as written.
func (d *Dict) Exact(w string) (Entry, bool) {
	if i := d.index(w); i >= 0 {
		return d.entryAt(i), true
	}
	return Entry{}, false
}

// Find returns the entry that makes w a word: w itself, its lower-case form
// when w is capitalised or in capitals, its capitalised form when w is in
// capitals, and the same without a possessive 's or s'. Curly apostrophes
// count as straight ones.
func (d *Dict) Find(w string) (Entry, bool) {
	if strings.Contains(w, "’") {
		w = strings.ReplaceAll(w, "’", "'")
	}
	if i := d.find(w); i >= 0 {
		return d.entryAt(i), true
	}
	if base, ok := strings.CutSuffix(w, "'s"); ok && base != "" {
		if i := d.find(base); i >= 0 {
			return d.entryAt(i), true
		}
	} else if base, ok := strings.CutSuffix(w, "'S"); ok && base != "" {
		if i := d.find(base); i >= 0 {
			return d.entryAt(i), true
		}
	} else if strings.HasSuffix(w, "s'") {
		if i := d.find(w[:len(w)-1]); i >= 0 {
			return d.entryAt(i), true
		}
	}
	return Entry{}, false
}

// find tries the spelling and its case variants.
func (d *Dict) find(w string) int {
	if i := d.index(w); i >= 0 {
		return i
	}
	switch caseShape(w) {
	case shapeCapital:
		return d.index(strings.ToLower(w))
	case shapeUpper:
		if i := d.index(strings.ToLower(w)); i >= 0 {
			return i
		}
		return d.index(capitalise(strings.ToLower(w)))
	}
	return -1
}

type shape uint8

const (
	shapeLower   shape = iota // no capitals
	shapeCapital              // a capital first, no other
	shapeUpper                // two or more letters, all capitals
	shapeMixed                // anything else (iPhone, McCain)
)

func caseShape(w string) shape {
	upper, letters := 0, 0
	firstUpper := false
	for i, r := range w {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if unicode.IsUpper(r) {
			upper++
			if i == 0 {
				firstUpper = true
			}
		}
	}
	switch {
	case upper == 0:
		return shapeLower
	case upper == 1 && firstUpper:
		return shapeCapital
	case upper == letters && letters >= 2:
		return shapeUpper
	}
	return shapeMixed
}

func capitalise(w string) string {
	r, size := utf8.DecodeRuneInString(w)
	if r == utf8.RuneError || unicode.IsUpper(r) {
		return w
	}
	return string(unicode.ToUpper(r)) + w[size:]
}

// Has reports whether w is a word in either variety (see Find for the case
// rules). lang names the copy's variety; British and American spellings are
// both accepted, so it does not change the answer today, but callers pass it
// so that a stricter policy can be added in one place.
func (d *Dict) Has(lang, w string) bool {
	_, ok := d.Find(w)
	return ok
}

// Preferred reports whether w is listed as a spelling of lang's variety
// (preferred or accepted variant), as opposed to a spelling of the other
// variety only ("color" in en-GB, "colour" in en-US).
func (d *Dict) Preferred(lang, w string) bool {
	e, ok := d.Find(w)
	return ok && e.In(lang)
}

// ProperOnly reports whether w is listed only with a capital: a name such as
// "Obama" or "Paris" rather than a common word.
func (d *Dict) ProperOnly(w string) bool {
	if d.index(strings.ToLower(w)) >= 0 {
		return false
	}
	return d.index(capitalise(strings.ToLower(w))) >= 0 || d.index(w) >= 0 && caseShape(w) != shapeLower
}

// Level returns the SCOWL size level of w (10 most common ... 80 rarest), or
// 0 when w is not a word.
func (d *Dict) Level(w string) int {
	e, ok := d.Find(w)
	if !ok {
		return 0
	}
	return e.Level
}

// Has reports whether w is a word in the default dictionary; see Dict.Has.
func Has(lang, w string) bool { return Default().Has(lang, w) }

// Find looks w up in the default dictionary; see Dict.Find.
func Find(w string) (Entry, bool) { return Default().Find(w) }

// Level returns the commonness level of w in the default dictionary.
func Level(w string) int { return Default().Level(w) }

// ProperOnly reports whether w is listed only as a proper noun.
func ProperOnly(w string) bool { return Default().ProperOnly(w) }

// Preferred reports whether w is a spelling of lang's variety.
func Preferred(lang, w string) bool { return Default().Preferred(lang, w) }
