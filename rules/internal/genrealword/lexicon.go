package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// lexicon is what the generator knows about single words: which strings are
// English words (SCOWL), which spellings belong to one side of the Atlantic
// only, and how words sound (CMUdict).
type lexicon struct {
	level   map[string]int      // word -> lowest SCOWL size level it appears at
	region  map[string]byte     // 'a' American-only or 'b' British-only spelling
	variant map[string]bool     // listed by SCOWL as a spelling variant
	sounds  map[string][]string // pronunciation (stress marks removed) -> words
	pron    map[string][]string // word -> pronunciations
}

// maxLevel is the largest SCOWL size level read: 70 holds the words of a
// large desk dictionary without the very rare ones.
const maxLevel = 70

func loadLexicon(scowlDir, cmudict string) (*lexicon, error) {
	lx := &lexicon{
		level:   map[string]int{},
		region:  map[string]byte{},
		variant: map[string]bool{},
		sounds:  map[string][]string{},
		pron:    map[string][]string{},
	}
	files, err := filepath.Glob(filepath.Join(scowlDir, "*.[0-9]*"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no SCOWL lists in %s (apt-get install scowl)", scowlDir)
	}
	for _, f := range files {
		base := filepath.Base(f)
		dot := strings.LastIndexByte(base, '.')
		lvl, err := strconv.Atoi(base[dot+1:])
		if err != nil || lvl > maxLevel {
			continue
		}
		kind := base[:dot]
		var region byte
		switch kind {
		case "english-words", "english-contractions":
		case "american-words":
			region = 'a'
		case "british-words":
			region = 'b'
		case "variant_1-words", "variant_1-contractions":
			region = 'v'
		default:
			continue
		}
		words, err := readLines(f)
		if err != nil {
			return nil, err
		}
		for _, w := range words {
			if w == "" || strings.ToLower(w) != w {
				continue
			}
			if old, ok := lx.level[w]; !ok || lvl < old {
				lx.level[w] = lvl
			}
			switch region {
			case 'a', 'b':
				lx.region[w] = region
			case 'v':
				lx.variant[w] = true
			}
		}
	}
	if cmudict != "" {
		lines, err := readLines(cmudict)
		if err != nil {
			return nil, err
		}
		for _, l := range lines {
			if l == "" || strings.HasPrefix(l, ";;;") {
				continue
			}
			word, ph, ok := strings.Cut(l, "  ")
			if !ok {
				continue
			}
			if i := strings.IndexByte(word, '('); i > 0 {
				word = word[:i]
			}
			word = strings.ToLower(word)
			ph = strings.Map(func(r rune) rune {
				if r >= '0' && r <= '9' {
					return -1
				}
				return r
			}, strings.TrimSpace(ph))
			lx.pron[word] = append(lx.pron[word], ph)
			lx.sounds[ph] = append(lx.sounds[ph], word)
		}
	}
	return lx, nil
}

func readLines(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1024*1024), 16*1024*1024)
	for sc.Scan() {
		out = append(out, strings.TrimRight(sc.Text(), "\r"))
	}
	return out, sc.Err()
}

func (lx *lexicon) has(w string) bool {
	_, ok := lx.level[w]
	return ok
}

// homophones returns the common words (SCOWL level 60 or below) that sound
// exactly like w.
func (lx *lexicon) homophones(w string) []string {
	seen := map[string]bool{w: true}
	var out []string
	for _, p := range lx.pron[w] {
		for _, h := range lx.sounds[p] {
			if seen[h] {
				continue
			}
			seen[h] = true
			if l, ok := lx.level[h]; ok && l <= 60 {
				out = append(out, h)
			}
		}
	}
	sort.Strings(out)
	return out
}

// spellingVariants reports whether a and b are two spellings of one word:
// an American and a British form (color/colour, defense/defence), or a form
// SCOWL lists as a variant.
func (lx *lexicon) spellingVariants(a, b string) bool {
	ra, rb := lx.region[a], lx.region[b]
	if ra != 0 && rb != 0 && ra != rb {
		return true
	}
	return lx.variant[a] || lx.variant[b]
}

// inflection reports whether one word is the other with a regular ending
// added (-s, -es, -d, -ed, -'s): "public hearings" is not a slip for "public
// hearing".
func inflection(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if !strings.HasPrefix(b, a) {
		return false
	}
	switch b[len(a):] {
	case "s", "es", "d", "ed", "'s", "'", "r", "er":
		return true
	}
	return false
}

const letters = "abcdefghijklmnopqrstuvwxyz"

// edits1 returns every string one edit from w: a letter deleted, inserted or
// changed, or two neighbouring letters swapped.
func edits1(w string) []string {
	var out []string
	for i := 0; i <= len(w); i++ {
		if i < len(w) {
			out = append(out, w[:i]+w[i+1:])
		}
		if i+1 < len(w) {
			out = append(out, w[:i]+string(w[i+1])+string(w[i])+w[i+2:])
		}
		for _, c := range letters {
			out = append(out, w[:i]+string(c)+w[i:])
			if i < len(w) && byte(c) != w[i] {
				out = append(out, w[:i]+string(c)+w[i+1:])
			}
		}
	}
	return out
}

// neighbours lists the dictionary words one edit from w, without w's
// inflections and spelling variants.
func (lx *lexicon) neighbours(w string) []string {
	seen := map[string]bool{w: true}
	var out []string
	for _, v := range edits1(w) {
		if seen[v] {
			continue
		}
		seen[v] = true
		if !lx.has(v) || sameWord(w, v) || lx.spellingVariants(w, v) {
			continue
		}
		out = append(out, v)
	}
	sort.Strings(out)
	return out
}
