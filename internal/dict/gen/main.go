// Command gen builds copydesk's compact English dictionary (../words.dat)
// from SCOWL, the Spell Checker Oriented Word Lists by Kevin Atkinson, as
// packaged by Debian (package "scowl", installed under /usr/share/dict/scowl),
// plus copydesk's own supplement of newer words (../supplement.txt). It also
// copies SCOWL's copyright notice next to the data, as SCOWL's licence asks.
//
// Run it from internal/dict with "go generate" or "go run ./gen".
//
// Which lists go in:
//   - levels 10 to 80 of the word, upper-case, proper-name, contraction and
//     abbreviation lists (level 80 is what Debian ships as wamerican-huge and
//     wbritish-huge; level 95 is mostly archaic and technical words that would
//     hide real typos);
//   - english-* (all varieties), american-* (US), british-* (British, -ise),
//     british_z-* (British Oxford spelling, -ize), special-* (all);
//   - variant_1 and british_variant_1 (acceptable variant spellings such as
//     "catalog" in British English), marked as variants, and variant_2 and
//     british_variant_2 (rarer variants: "backbencher" next to
//     "back-bencher", but also "altho" and "dependance"), marked as rare
//     variants so that the misspelling table may still correct them.
//
// A word with accents is also listed without them (cafe, protege), with the
// same level: news copy often drops accents.
//
// Possessive forms ("word's") are left out when the word itself is in: the
// dictionary strips possessives before looking a word up.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Flags and level codes; the dict package reads the same layout.
const (
	flagUS   = 1 << 0 // preferred American spelling
	flagGB   = 1 << 1 // preferred British spelling (-ise)
	flagOX   = 1 << 2 // British Oxford spelling (-ize)
	flagVar  = 1 << 3 // only an accepted variant spelling (not preferred anywhere)
	flagVar2 = 1 << 4 // only a rarer variant spelling (SCOWL's variant_2 lists)
	flagAll  = flagUS | flagGB | flagOX
)

// levels are SCOWL's size levels; an entry stores the index of the smallest
// level that lists it (1 = 10, the most common words).
var levels = []int{10, 20, 35, 40, 50, 55, 60, 70, 80}

// maxLevel is the largest SCOWL level read.
const maxLevel = 80

// Header starts words.dat; the dict package checks it.
const header = "#copydesk-dict 1"

type entry struct {
	level uint8 // index into levels, 1-based
	flags uint8
}

func main() {
	scowl := flag.String("scowl", "/usr/share/dict/scowl", "folder with the SCOWL lists (Debian package scowl)")
	copyright := flag.String("copyright", "/usr/share/doc/scowl/copyright", "SCOWL copyright file (Debian package scowl)")
	out := flag.String("out", ".", "folder to write words.dat and SCOWL-COPYRIGHT.txt to")
	supp := flag.String("supplement", "supplement.txt", "copydesk's own additions")
	flag.Parse()
	files, err := Build(*scowl, *copyright, *supp)
	if err != nil {
		log.Fatal(err)
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(*out, name), data, 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

// Build returns the generated files by name.
func Build(scowlDir, copyrightFile, supplementFile string) (map[string][]byte, error) {
	words, err := readSCOWL(scowlDir)
	if err != nil {
		return nil, err
	}
	if err := readSupplement(supplementFile, words); err != nil {
		return nil, err
	}
	addUnaccented(words)
	notice, err := os.ReadFile(copyrightFile)
	if err != nil {
		return nil, fmt.Errorf("SCOWL copyright notice: %v (install the Debian package scowl)", err)
	}
	return map[string][]byte{
		"words.dat":           encode(words),
		"SCOWL-COPYRIGHT.txt": notice,
	}, nil
}

// variety maps a list's name prefix to the flags its words get; lists not
// named here (Canadian, Australian, rarer variants) are not read.
var variety = map[string]uint8{
	"english":           flagAll,
	"special":           flagAll,
	"american":          flagUS,
	"british":           flagGB,
	"british_z":         flagOX,
	"variant_1":         flagVar,
	"british_variant_1": flagVar,
	"variant_2":         flagVar2,
	"british_variant_2": flagVar2,
}

func readSCOWL(dir string) (map[string]*entry, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.*"))
	if err != nil {
		return nil, err
	}
	words := map[string]*entry{}
	read := 0
	for _, path := range names {
		base := filepath.Base(path)
		dot := strings.LastIndexByte(base, '.')
		level, err := strconv.Atoi(base[dot+1:])
		if err != nil || level > maxLevel {
			continue
		}
		dash := strings.LastIndexByte(base[:dot], '-')
		if dash < 0 {
			continue
		}
		fl, ok := variety[base[:dash]]
		if !ok {
			continue
		}
		li := levelIndex(level)
		if li == 0 {
			return nil, fmt.Errorf("%s: unknown SCOWL level %d", path, level)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		for _, w := range strings.Split(string(data), "\n") {
			w = strings.TrimSpace(w)
			if w == "" {
				continue
			}
			if strings.ContainsAny(w, " \t") {
				return nil, fmt.Errorf("%s: %q holds white space", path, w)
			}
			add(words, w, li, fl)
		}
		read++
	}
	if read == 0 {
		return nil, fmt.Errorf("no SCOWL lists in %s (install the Debian package scowl)", dir)
	}
	return words, nil
}

// addUnaccented lists each accented word without its accents too.
func addUnaccented(words map[string]*entry) {
	var plain []string
	var from []*entry
	for w, e := range words {
		if f := unaccent(w); f != w {
			plain = append(plain, f)
			from = append(from, e)
		}
	}
	for i, w := range plain {
		add(words, w, from[i].level, from[i].flags)
	}
}

// accents maps accented Latin letters to plain ones.
var accents = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'æ': "ae", 'ç': "c", 'è': "e", 'é': "e",
	'ê': "e", 'ë': "e", 'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ñ': "n", 'ò': "o", 'ó': "o", 'ô': "o",
	'õ': "o", 'ö': "o", 'ø': "o", 'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ý': "y", 'ÿ': "y",
	'À': "A", 'Á': "A", 'Â': "A", 'Ã': "A", 'Ä': "A", 'Å': "A", 'Æ': "AE", 'Ç': "C", 'È': "E", 'É': "E",
	'Ê': "E", 'Ë': "E", 'Ì': "I", 'Í': "I", 'Î': "I", 'Ï': "I", 'Ñ': "N", 'Ò': "O", 'Ó': "O", 'Ô': "O",
	'Õ': "O", 'Ö': "O", 'Ø': "O", 'Ù': "U", 'Ú': "U", 'Û': "U", 'Ü': "U", 'Ý': "Y",
}

// unaccent returns w with accented Latin letters made plain, or w itself
// when it has none (or letters the table does not know).
func unaccent(w string) string {
	var b strings.Builder
	changed := false
	for _, r := range w {
		if r < 128 {
			b.WriteRune(r)
			continue
		}
		p, ok := accents[r]
		if !ok {
			return w
		}
		b.WriteString(p)
		changed = true
	}
	if !changed {
		return w
	}
	return b.String()
}

func levelIndex(level int) uint8 {
	for i, l := range levels {
		if l == level {
			return uint8(i + 1)
		}
	}
	return 0
}

func add(words map[string]*entry, w string, li, fl uint8) {
	e := words[w]
	if e == nil {
		e = &entry{level: li}
		words[w] = e
	}
	e.level = min(e.level, li)
	e.flags |= fl
}

// readSupplement reads lines "word [level] [US|GB|OX]...": level is a SCOWL
// level (default 60); without variety tags the word is good everywhere.
func readSupplement(path string, words map[string]*entry) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	for n, line := range strings.Split(string(data), "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		li := levelIndex(60)
		var fl uint8
		for _, tag := range f[1:] {
			switch tag {
			case "US":
				fl |= flagUS
			case "GB":
				fl |= flagGB
			case "OX":
				fl |= flagOX
			default:
				lv, err := strconv.Atoi(tag)
				if err != nil || levelIndex(lv) == 0 {
					return fmt.Errorf("%s:%d: bad tag %q", path, n+1, tag)
				}
				li = levelIndex(lv)
			}
		}
		if fl == 0 {
			fl = flagAll
		}
		add(words, f[0], li, fl)
	}
	return nil
}

// encode writes the sorted list: a header line, then one line per word: the
// word, a tab, the level code (1 for SCOWL level 10 ... 9 for level 80) and a
// character for the flags ('@' + flags).
func encode(words map[string]*entry) []byte {
	keys := make([]string, 0, len(words))
	for w, e := range words {
		if e.flags&flagAll != 0 {
			e.flags &^= flagVar | flagVar2
		}
		if e.flags&flagVar != 0 {
			e.flags &^= flagVar2
		}
		if base, ok := strings.CutSuffix(w, "'s"); ok && words[base] != nil {
			continue
		}
		keys = append(keys, w)
	}
	sort.Strings(keys)
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s %d\n", header, len(keys))
	for _, w := range keys {
		e := words[w]
		b.WriteString(w)
		b.WriteByte('\t')
		b.WriteByte('0' + e.level)
		b.WriteByte('@' + e.flags)
		b.WriteByte('\n')
	}
	return b.Bytes()
}
