package lsp

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"github.com/copydesk/copydesk/internal/config"
	"github.com/copydesk/copydesk/internal/core"
	"github.com/copydesk/copydesk/internal/engine"
)

// DefaultRulesURL is where a diagnostic's rule id links to; the rule's
// anchor is added after a "#".
const DefaultRulesURL = "https://github.com/copydesk/copydesk/blob/main/docs/rules.md"

// Default debounce intervals.
const (
	DefaultDebounce     = 40 * time.Millisecond
	DefaultValeDebounce = 1500 * time.Millisecond
)

// Settings are the language server's settings, read from the client's
// initializationOptions and workspace/didChangeConfiguration (section
// "copydesk"). Every field is optional.
type Settings struct {
	ConfigPath     string          `json:"configPath"`     // a .vale.ini for every document
	Lang           string          `json:"lang"`           // en-US or en-GB
	Categories     json.RawMessage `json:"categories"`     // ["typo","real-word"] or "typo,real-word"
	MinSeverity    string          `json:"minSeverity"`    // suggestion, warning or error
	NoVale         bool            `json:"noVale"`         // the Go rules alone
	ValePath       string          `json:"valePath"`       // the vale binary
	DebounceMs     *int            `json:"debounceMs"`     // Go rules, while typing
	ValeDebounceMs *int            `json:"valeDebounceMs"` // Vale, while typing
	Vocabulary     string          `json:"vocabulary"`     // where "Add to vocabulary" writes
	RulesURL       string          `json:"rulesUrl"`       // base of the rule reference links
}

// resolved are the settings checked and turned into what the server uses.
type resolved struct {
	opt          engine.Options
	debounce     time.Duration
	valeDebounce time.Duration
	vocabulary   string // absolute; "" for none
	rulesURL     string
}

// parseSettings reads a settings object; it may be the copydesk section
// itself or an object holding it under "copydesk". Empty input gives the
// defaults.
func parseSettings(raw json.RawMessage) (Settings, error) {
	var s Settings
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return s, nil
	}
	var wrapper map[string]json.RawMessage
	if err := json.Unmarshal(raw, &wrapper); err != nil {
		return s, fmt.Errorf("settings: want an object: %v", err)
	}
	if inner, ok := wrapper[settingsSection]; ok {
		raw = inner
		if bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
			return s, nil
		}
	}
	if err := json.Unmarshal(raw, &s); err != nil {
		return s, fmt.Errorf("settings: %v", err)
	}
	return s, nil
}

// resolve checks the settings; relative paths are taken from root.
func (s Settings) resolve(root string) (resolved, error) {
	r := resolved{debounce: DefaultDebounce, valeDebounce: DefaultValeDebounce, rulesURL: DefaultRulesURL}
	abs := func(p string) string {
		p = expandHome(p)
		if p == "" || filepath.IsAbs(p) || root == "" {
			return p
		}
		return filepath.Join(root, p)
	}
	r.opt.Config = abs(s.ConfigPath)
	r.opt.NoVale = s.NoVale
	r.opt.ValeBin = abs(s.ValePath)
	if s.Lang != "" {
		l, err := config.ParseLang(s.Lang)
		if err != nil {
			return r, fmt.Errorf("copydesk.lang: %v", err)
		}
		r.opt.Lang = l
	}
	if cats := bytes.TrimSpace(s.Categories); len(cats) > 0 && !bytes.Equal(cats, []byte("null")) {
		var list []string
		if err := json.Unmarshal(cats, &list); err != nil {
			var one string
			if err2 := json.Unmarshal(cats, &one); err2 != nil {
				return r, fmt.Errorf("copydesk.categories: want a list of names or a comma-separated string")
			}
			list = strings.Split(one, ",")
		}
		var cs config.Settings
		if err := cs.Set("categories", strings.Join(list, ",")); err != nil {
			return r, fmt.Errorf("copydesk.categories: %v", err)
		}
		r.opt.Categories = cs.Categories
	}
	if s.MinSeverity != "" {
		if _, err := core.ParseSeverity(s.MinSeverity); err != nil {
			return r, fmt.Errorf("copydesk.minSeverity: %v", err)
		}
		r.opt.MinSeverity = s.MinSeverity
	}
	if s.DebounceMs != nil {
		if *s.DebounceMs < 0 || *s.DebounceMs > 10000 {
			return r, fmt.Errorf("copydesk.debounceMs: want 0 to 10000, got %d", *s.DebounceMs)
		}
		r.debounce = time.Duration(*s.DebounceMs) * time.Millisecond
	}
	if s.ValeDebounceMs != nil {
		if *s.ValeDebounceMs < 0 || *s.ValeDebounceMs > 60000 {
			return r, fmt.Errorf("copydesk.valeDebounceMs: want 0 to 60000, got %d", *s.ValeDebounceMs)
		}
		r.valeDebounce = time.Duration(*s.ValeDebounceMs) * time.Millisecond
	}
	r.vocabulary = abs(s.Vocabulary)
	if s.RulesURL != "" {
		r.rulesURL = strings.TrimRight(s.RulesURL, "#")
	}
	return r, nil
}

// ruleHref links a rule id to its entry in the rule reference, whose
// entries carry the rule id itself as their anchor (docs/rules.md has an
// <a id="Copy.Spelling"> before each heading and links to them that way).
func ruleHref(base, rule string) string {
	if base == "" || rule == "" {
		return ""
	}
	return base + "#" + url.PathEscape(rule)
}

// Check reports the first setting that is not valid.
func (s Settings) Check() error {
	_, err := s.resolve("")
	return err
}
