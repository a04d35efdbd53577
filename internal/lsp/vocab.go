package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/copydesk/copydesk/internal/config"
	"github.com/copydesk/copydesk/internal/core"
)

// FallbackVocabulary is where "Add to vocabulary" writes, relative to the
// workspace folder, when neither the settings nor the configuration name a
// vocabulary (as with copydesk's built-in default configuration). The
// language server reads it for copydesk's own rules; to share it with Vale
// and the command line, make it a Vale vocabulary (see the README).
var FallbackVocabulary = filepath.Join(".copydesk", "vocab", "accept.txt")

var osStat = os.Stat

type vocabKey struct {
	cfg   *config.Config
	extra string
}

// extraVocabLocked is the accept list read on top of the configuration's
// vocabulary for d: the one named in the settings, else the fallback file
// if it exists.
func (s *Server) extraVocabLocked(d *document) string {
	if s.cfg.vocabulary != "" {
		return acceptFile(s.cfg.vocabulary)
	}
	p := s.fallbackFor(d.path)
	if p == "" {
		return ""
	}
	if _, err := os.Stat(p); err != nil {
		return ""
	}
	return p
}

// fallbackFor is the fallback accept list for a document: under the
// workspace folder, or beside the document when there is none.
func (s *Server) fallbackFor(path string) string {
	base := s.root
	if base == "" && path != "" {
		base = filepath.Dir(path)
	}
	if base == "" {
		return ""
	}
	return filepath.Join(base, FallbackVocabulary)
}

// acceptFile: a vocabulary setting may name the accept list itself or the
// folder that holds it (Vale's layout).
func acceptFile(p string) string {
	if strings.EqualFold(filepath.Ext(p), ".txt") {
		return p
	}
	return filepath.Join(p, "accept.txt")
}

// vocabFor returns the vocabulary a document is checked with: the
// configuration's, plus the extra accept list when there is one. It is nil
// when there is nothing to add (the configuration's own is used).
func (s *Server) vocabFor(c *config.Config, extra string) *core.Vocab {
	if extra == "" || c == nil {
		return nil
	}
	key := vocabKey{c, extra}
	s.vocabMu.Lock()
	defer s.vocabMu.Unlock()
	if v, ok := s.vocabCache[key]; ok {
		return v
	}
	v := core.NewVocab()
	seen := map[string]bool{}
	if c.Vocab != nil {
		for _, src := range c.Vocab.Sources {
			dir := filepath.Dir(src)
			if seen[dir] {
				continue
			}
			seen[dir] = true
			if err := v.LoadVocabDir(dir); err != nil {
				s.logf("vocabulary %s: %v", dir, err)
			}
		}
	}
	if err := v.LoadAcceptFile(extra); err != nil {
		s.logf("vocabulary %s: %v", extra, err)
	}
	s.vocabCache[key] = v
	return v
}

// vocabTarget decides which accept list a word goes to for a document: the
// vocabulary setting; else the configuration's first vocabulary; else the
// fallback. shared says whether Vale reads that list too.
func (s *Server) vocabTarget(sn snapshot) (path string, fallback bool, err error) {
	s.mu.Lock()
	setting := s.cfg.vocabulary
	s.mu.Unlock()
	if setting != "" {
		return acceptFile(setting), false, nil
	}
	_, cfg, err := sn.eng.Prepare(sn.input())
	if err != nil {
		return "", false, err
	}
	if !cfg.Default && len(cfg.Settings.Vocab) > 0 && cfg.StylesPath != "" {
		name := cfg.Settings.Vocab[0]
		dir := filepath.Join(cfg.StylesPath, "config", "vocabularies", name)
		if st, err := os.Stat(filepath.Join(cfg.StylesPath, "Vocab", name)); err == nil && st.IsDir() {
			if _, err := os.Stat(dir); err != nil {
				dir = filepath.Join(cfg.StylesPath, "Vocab", name) // Vale's older layout
			}
		}
		return filepath.Join(dir, "accept.txt"), false, nil
	}
	s.mu.Lock()
	p := s.fallbackFor(sn.path)
	s.mu.Unlock()
	if p == "" {
		return "", false, fmt.Errorf("no folder to keep a vocabulary in: open a folder, or set copydesk.vocabulary")
	}
	return p, true, nil
}

// plainWord is an entry that means itself in Vale's regular-expression
// vocabulary files.
var plainWord = regexp.MustCompile(`^[\p{L}\p{N}'’ -]+$`)

// vocabEntry is the line that accepts word: the word itself, or the word
// with its special characters escaped.
func vocabEntry(word string) string {
	if plainWord.MatchString(word) {
		return word
	}
	return regexp.QuoteMeta(word)
}

// appendEntry adds an entry to an accept list, creating the file and its
// folders if needed. An entry already there is not added twice.
func appendEntry(path, entry string) (added bool, err error) {
	data, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return false, err
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(line) == entry {
			return false, nil
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return false, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return false, err
	}
	prefix := ""
	if len(data) > 0 && data[len(data)-1] != '\n' {
		prefix = "\n"
	}
	_, err = f.WriteString(prefix + entry + "\n")
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err == nil, err
}

// vocabArgs are the arguments of copydesk.addToVocabulary.
type vocabArgs struct {
	URI  string `json:"uri"`
	Word string `json:"word"`
}

func (s *Server) executeCommand(ctx context.Context, p ExecuteCommandParams) (any, error) {
	if p.Command != cmdAddToVocabulary {
		return nil, rpcError(codeInvalidParams, "unknown command "+p.Command)
	}
	if len(p.Arguments) != 1 {
		return nil, rpcError(codeInvalidParams, cmdAddToVocabulary+" takes one argument: {uri, word}")
	}
	var a vocabArgs
	if err := json.Unmarshal(p.Arguments[0], &a); err != nil {
		return nil, rpcError(codeInvalidParams, err.Error())
	}
	word := strings.TrimSpace(a.Word)
	if word == "" || len(word) > 100 || strings.ContainsAny(word, "\r\n") {
		return nil, rpcError(codeInvalidParams, fmt.Sprintf("not a word for the vocabulary: %q", a.Word))
	}
	sn := s.snapshotFor(a.URI)
	if sn.eng == nil {
		s.mu.Lock()
		sn.eng, sn.root = s.eng, s.root
		s.mu.Unlock()
		sn.path = uriToPath(a.URI)
	}
	path, fallback, err := s.vocabTarget(sn)
	if err != nil {
		return nil, rpcError(codeInternalError, err.Error())
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	added, err := appendEntry(path, vocabEntry(word))
	if err != nil {
		return nil, rpcError(codeInternalError, fmt.Sprintf("adding %q to %s: %v", word, path, err))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if fallback {
		s.showOnceLocked(msgInfo, fmt.Sprintf("copydesk: added words go to %s, which the language server reads. To share them with Vale and the command line, make it a Vale vocabulary (Vocab in .vale.ini) or set copydesk.vocabulary.", path))
	}
	if added {
		s.logf("added %q to %s", word, path)
	}
	s.reloadLocked()
	return nil, nil
}
