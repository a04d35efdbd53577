package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/copydesk/copydesk/rules/realword"
)

// brownClass maps a Brown corpus tag to a coarse word class. Suffixes for
// titles, headlines and citations (-tl, -hl, -nc), the foreign-word prefix
// (fw-), negation (*) and the second half of a contraction (ppss+bem) are
// dropped first.
func brownClass(tag string) realword.Class {
	tag = strings.TrimPrefix(tag, "fw-")
	if i := strings.IndexByte(tag, '+'); i > 0 {
		tag = tag[:i]
	}
	if i := strings.IndexByte(tag, '-'); i > 0 {
		tag = tag[:i]
	}
	if tag != "*" {
		tag = strings.TrimSuffix(tag, "*")
	}
	switch tag {
	case "at", "dt", "dti", "dts", "dtx", "abx":
		return realword.ClassDet
	case "ap", "abn", "abl":
		return realword.ClassQuant
	case "pp$", "pp$$", "nn$", "nns$", "np$", "nps$", "nr$", "pn$", "wp$":
		return realword.ClassPoss
	case "pps", "ppss", "ppl", "ppls", "pn":
		return realword.ClassPron
	case "ppo":
		return realword.ClassPronObj
	case "nn", "nr":
		return realword.ClassNoun
	case "nns", "nrs":
		return realword.ClassNouns
	case "np", "nps":
		return realword.ClassName
	case "vb", "do":
		return realword.ClassVerb
	case "vbd", "dod":
		return realword.ClassVerbPast
	case "vbn":
		return realword.ClassVerbPart
	case "vbg":
		return realword.ClassVerbIng
	case "vbz", "doz":
		return realword.ClassVerbS
	case "be", "bed", "bedz", "beg", "bem", "ben", "ber", "bez":
		return realword.ClassBe
	case "hv", "hvd", "hvg", "hvn", "hvz":
		return realword.ClassHave
	case "md":
		return realword.ClassModal
	case "to":
		return realword.ClassTo
	case "in":
		return realword.ClassPrep
	case "cc":
		return realword.ClassConj
	case "cs":
		return realword.ClassSub
	case "wdt", "wps", "wpo", "wrb", "wql":
		return realword.ClassWh
	case "jj", "jjs", "jjt", "od":
		return realword.ClassAdj
	case "jjr", "rbr":
		return realword.ClassComp
	case "rb", "rbt", "rn", "ql", "qlp":
		return realword.ClassAdv
	case "rp":
		return realword.ClassPart
	case "*":
		return realword.ClassNeg
	case "cd":
		return realword.ClassNum
	case "ex":
		return realword.ClassThere
	}
	return realword.ClassOther
}

// buildClassLexicon reads the tagged Brown corpus and gives every word seen
// in lower case at least minTagged times the class it has most often. Every
// such word is kept, even where its shape would guess the class, so that a
// capitalised word opening a sentence can be told from a name.
func buildClassLexicon(dir string, skip map[string]bool) (realword.MapLexicon, error) {
	files, err := filepath.Glob(filepath.Join(dir, "c[a-r][0-9][0-9]"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("Brown corpus: no tagged files in %s", dir)
	}
	sort.Strings(files)
	counts := map[string]*[realword.NumClasses]int{}
	for _, f := range files {
		if skip[filepath.Base(f)] {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		for _, tok := range strings.Fields(string(b)) {
			slash := strings.LastIndexByte(tok, '/')
			if slash <= 0 {
				continue
			}
			w, tag := tok[:slash], tok[slash+1:]
			if strings.ToLower(w) != w || !hasLetter(w) {
				continue // names and sentence openers say little of the lower-case word
			}
			c := counts[w]
			if c == nil {
				c = new([realword.NumClasses]int)
				counts[w] = c
			}
			c[brownClass(tag)]++
		}
	}
	lx := realword.MapLexicon{}
	for w, c := range counts {
		var first, second realword.Class
		total := 0
		for k, n := range c {
			total += n
			switch {
			case n > c[first]:
				first, second = realword.Class(k), first
			case n > c[second]:
				second = realword.Class(k)
			}
		}
		if total < minTagged || first == realword.ClassOther || first == realword.ClassNone {
			continue
		}
		cl := realword.Classes{First: first}
		if second != realword.ClassOther && second != realword.ClassNone && c[second] >= 3 && float64(c[second]) >= minSecond*float64(total) {
			cl.Second = second
		}
		lx[realword.Normalize(w)] = cl
	}
	// "I" is never lower case, so the loop above never sees it
	lx["i"] = realword.Classes{First: realword.ClassPron}
	return lx, nil
}

// minSecond is the share of a word's uses its second class must have.
const minSecond = 0.1

// minTagged is how often a word must be seen in the tagged corpus before its
// commonest tag is trusted.
const minTagged = 2

func hasLetter(w string) bool {
	for _, r := range w {
		if r >= 'a' && r <= 'z' {
			return true
		}
	}
	return false
}
