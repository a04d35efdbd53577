package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/copydesk/copydesk/internal/core"
	"github.com/copydesk/copydesk/rules/realword"
)

// corpus is the reference text as the model sees it: one context stream
// (words and sentence/comma marks, see realword.Context) per document.
type corpus struct {
	docs    [][]string
	classes [][]realword.Class // in step with docs
	n       int                // words
}

var (
	brownFile      = regexp.MustCompile(`^c[a-r][0-9][0-9]$`)
	transcriptNote = regexp.MustCompile(`\[[A-Za-z ]+\]`)
)

// readBrown reads the tagged Brown corpus (one sentence per line, word/tag
// tokens) and turns each file back into plain text, one sentence per
// paragraph, so that it is tokenised exactly like copy is at run time.
func readBrown(dir string) (texts, names []string, err error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("Brown corpus: %v (see -help for how to fetch it)", err)
	}
	for _, e := range ents {
		if brownFile.MatchString(e.Name()) {
			names = append(names, e.Name())
		}
	}
	if len(names) == 0 {
		return nil, nil, fmt.Errorf("Brown corpus: no files like ca01 in %s", dir)
	}
	sort.Strings(names)
	for _, name := range names {
		lines, err := readLines(filepath.Join(dir, name))
		if err != nil {
			return nil, nil, err
		}
		var b strings.Builder
		for _, l := range lines {
			l = strings.TrimSpace(l)
			if l == "" {
				continue
			}
			first := true
			for _, tok := range strings.Fields(l) {
				slash := strings.LastIndexByte(tok, '/')
				if slash <= 0 {
					continue
				}
				w := tok[:slash]
				if w == "``" || w == "''" || w == "'" || w == "`" {
					w = "\""
				}
				if !first {
					b.WriteByte(' ')
				}
				first = false
				b.WriteString(w)
			}
			b.WriteString("\n\n")
		}
		texts = append(texts, b.String())
	}
	return texts, names, nil
}

// readSOTU reads the plain-text State of the Union addresses.
func readSOTU(dir string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("State of the Union texts: no .txt files in %s", dir)
	}
	sort.Strings(files)
	var texts []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		// [Laughter], [Applause]: transcript notes, not prose.
		s := transcriptNote.ReplaceAllString(string(b), " ")
		texts = append(texts, s)
	}
	return texts, nil
}

// readNLPCorpus reads the sentences of the npm package nlp-corpus (JSON
// arrays of strings). They serve only to recognise real phrases among the
// generated variants; no count or text from them is kept.
func readNLPCorpus(dir string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "doc-*.json"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("nlp-corpus: no doc-*.json in %s", dir)
	}
	sort.Strings(files)
	var texts []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var sents []string
		if err := json.Unmarshal(b, &sents); err != nil {
			return nil, fmt.Errorf("%s: %v", f, err)
		}
		texts = append(texts, strings.Join(sents, "\n\n"))
	}
	return texts, nil
}

// buildCorpus tokenises texts as copy is tokenised at run time; with a
// lexicon, it also classes every context word.
func buildCorpus(texts []string, lx realword.Lexicon) *corpus {
	c := &corpus{}
	for _, t := range texts {
		toks := realword.Tokens(core.NewDoc("corpus.txt", t, core.FormatText, core.Options{Lang: "en-US"}))
		ctx, _ := realword.Context(toks)
		c.docs = append(c.docs, ctx)
		if lx != nil {
			c.classes = append(c.classes, realword.ContextClasses(lx, toks))
		}
		c.n += len(toks)
	}
	return c
}

// countPhrases counts how often each phrase (normalised words joined by
// single spaces) occurs as a run of words with nothing but spaces or hyphens
// between them.
func (c *corpus) countPhrases(phrases map[string]int, maxLen int) {
	var b strings.Builder
	for _, ctx := range c.docs {
		for i := range ctx {
			b.Reset()
			for n := 0; n < maxLen && i+n < len(ctx); n++ {
				w := ctx[i+n]
				if w == realword.BOS || w == realword.Comma {
					break
				}
				if n > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(w)
				if n == 0 {
					continue
				}
				if _, ok := phrases[b.String()]; ok {
					phrases[b.String()]++
				}
			}
		}
	}
}

// readWordNet reads WordNet's glosses: the definitions ("a person who
// manages a business") and the quoted usage examples after them ("he looked
// forward to the meeting"), one a paragraph. They add modern word contexts
// the older reference texts lack.
func readWordNet(dir string) ([]string, error) {
	var texts []string
	for _, pos := range []string{"noun", "verb", "adj", "adv"} {
		lines, err := readLines(filepath.Join(dir, "data."+pos))
		if err != nil {
			return nil, fmt.Errorf("WordNet: %v (see fetch-sources.sh)", err)
		}
		var b strings.Builder
		for _, l := range lines {
			if strings.HasPrefix(l, "  ") {
				continue // the licence at the top of the file
			}
			_, gloss, ok := strings.Cut(l, "| ")
			if !ok {
				continue
			}
			for _, part := range strings.Split(gloss, ";") {
				part = strings.TrimSpace(part)
				part = strings.Trim(part, "\" ")
				if part == "" {
					continue
				}
				b.WriteString(part)
				b.WriteString("\n\n")
			}
		}
		texts = append(texts, b.String())
	}
	return texts, nil
}
