package core

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// Vocab is a newsroom vocabulary in Vale's layout: accept.txt and reject.txt
// in a folder, one entry per line, each entry a regular expression (most are
// plain words). Vale and copydesk's own rules read the same files.
type Vocab struct {
	acceptWords map[string]bool // plain entries and the words of plain phrases
	acceptLower map[string]bool // entries written (?i)word
	acceptRe    []*regexp.Regexp
	rejectWords map[string]bool
	rejectRe    []*regexp.Regexp
	Phrases     []string // accepted entries of two or more words
	Sources     []string // files read
}

// NewVocab returns an empty vocabulary.
func NewVocab() *Vocab {
	return &Vocab{acceptWords: map[string]bool{}, acceptLower: map[string]bool{}, rejectWords: map[string]bool{}}
}

var plainEntry = regexp.MustCompile(`^[\p{L}\p{N}'’ .-]+$`)

// LoadVocabDir reads accept.txt and reject.txt from dir (either may be
// missing) into v.
func (v *Vocab) LoadVocabDir(dir string) error {
	for _, name := range []string{"accept.txt", "reject.txt"} {
		if err := v.loadList(filepath.Join(dir, name), name == "accept.txt"); err != nil {
			return err
		}
	}
	return nil
}

// LoadAcceptFile reads one accept list into v; a missing file adds nothing.
func (v *Vocab) LoadAcceptFile(path string) error { return v.loadList(path, true) }

// loadList reads one list: an entry a line, blank lines and # comments
// skipped. A missing file is not an error.
func (v *Vocab) loadList(path string, accept bool) error {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := v.add(line, accept); err != nil {
			return fmt.Errorf("%s:%d: %v", path, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	v.Sources = append(v.Sources, path)
	return nil
}

// Add adds one accepted entry (used by tests and by "add to vocabulary").
func (v *Vocab) Add(entry string) error { return v.add(entry, true) }

func (v *Vocab) add(entry string, accept bool) error {
	if strings.HasPrefix(entry, "(?i)") && plainEntry.MatchString(entry[4:]) {
		if accept {
			v.acceptLower[strings.ToLower(entry[4:])] = true
			return nil
		}
	}
	if plainEntry.MatchString(entry) && !strings.Contains(entry, ".") {
		if accept {
			v.acceptWords[entry] = true
			if strings.ContainsAny(entry, " -") {
				v.Phrases = append(v.Phrases, entry)
				for _, w := range strings.FieldsFunc(entry, func(r rune) bool { return r == ' ' || r == '-' }) {
					v.acceptWords[w] = true
				}
			}
		} else {
			v.rejectWords[entry] = true
		}
		return nil
	}
	re, err := regexp.Compile(`^(?:` + entry + `)$`)
	if err != nil {
		return fmt.Errorf("bad entry %q: %v", entry, err)
	}
	if accept {
		v.acceptRe = append(v.acceptRe, re)
	} else {
		v.rejectRe = append(v.rejectRe, re)
	}
	return nil
}

// Accepts reports whether a word (or phrase) is in the accept list.
func (v *Vocab) Accepts(w string) bool {
	if v == nil {
		return false
	}
	if v.acceptWords[w] || v.acceptLower[strings.ToLower(w)] {
		return true
	}
	for _, re := range v.acceptRe {
		if re.MatchString(w) {
			return true
		}
	}
	return false
}

// Rejects reports whether a word is in the reject list.
func (v *Vocab) Rejects(w string) bool {
	if v == nil {
		return false
	}
	if v.rejectWords[w] {
		return true
	}
	for _, re := range v.rejectRe {
		if re.MatchString(w) {
			return true
		}
	}
	return false
}

// Empty reports whether the vocabulary holds nothing.
func (v *Vocab) Empty() bool {
	return v == nil || len(v.acceptWords)+len(v.acceptLower)+len(v.acceptRe)+len(v.rejectWords)+len(v.rejectRe) == 0
}
