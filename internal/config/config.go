// Package config finds and reads copydesk's configuration: the Vale
// configuration (.vale.ini, a user's own or the embedded default) and
// copydesk's own settings in .copydesk.ini beside it.
//
// copydesk's settings file is optional; every key has a default:
//
//	# .copydesk.ini
//	lang = en-GB                  # en-US (default) or en-GB
//	categories = typo, real-word  # report only these (default: all)
//	disable = Copy.Spacing, News.Said
//	min-severity = suggestion     # drop findings below this
//	fail-on = error               # exit 1 at or above this
//	vocab = Newsroom              # vocabulary folders (default: Vale's Vocab)
//	globs = *.txt, *.md, *.markdown, *.html, *.htm
package config

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	copydesk "github.com/copydesk/copydesk"
	"github.com/copydesk/copydesk/internal/core"
	"github.com/copydesk/copydesk/internal/usercache"
)

// Settings are copydesk's own settings.
type Settings struct {
	Lang        string   // "en-US" or "en-GB"
	Categories  []string // nil: all
	Disable     []string
	MinSeverity core.Severity
	FailOn      core.Severity
	Vocab       []string // vocabulary names; nil: Vale's Vocab
	Globs       []string
	Date        string // story date for date checks (YYYY-MM-DD), rarely set in a file
}

// DefaultGlobs are the files copydesk reads when it walks a folder.
var DefaultGlobs = []string{"*.txt", "*.md", "*.markdown", "*.html", "*.htm"}

// Defaults returns the settings used when nothing says otherwise.
func Defaults() Settings {
	return Settings{Lang: "en-US", MinSeverity: core.Suggestion, FailOn: core.Error, Globs: DefaultGlobs}
}

// Config is everything read for one folder of copy.
type Config struct {
	ValeIni    string // absolute path of the .vale.ini in use
	Default    bool   // the embedded default is in use
	Dir        string // folder holding the configuration ("" for the default)
	StylesPath string // absolute
	Settings   Settings
	Vocab      *core.Vocab
}

// Names of the files copydesk looks for, upwards from each checked file.
var (
	ValeNames     = []string{".vale.ini", "_vale.ini"}
	SettingsNames = []string{".copydesk.ini", "_copydesk.ini"}
)

// Loader finds configurations and remembers them by folder.
type Loader struct {
	Explicit string // --config: a .vale.ini to use for every file
	mu       sync.Mutex
	byDir    map[string]*Config
	byIni    map[string]*Config
}

// NewLoader returns a Loader; explicit is the --config path or "".
func NewLoader(explicit string) *Loader {
	return &Loader{Explicit: explicit, byDir: map[string]*Config{}, byIni: map[string]*Config{}}
}

// For returns the configuration for a file (or, for text without a file, a
// folder) at path.
func (l *Loader) For(path string) (*Config, error) {
	dir := path
	if st, err := os.Stat(path); err != nil || !st.IsDir() {
		dir = filepath.Dir(path)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if c, ok := l.byDir[abs]; ok {
		return c, nil
	}
	ini, settings := "", ""
	if l.Explicit != "" {
		ini, err = filepath.Abs(l.Explicit)
		if err != nil {
			return nil, err
		}
		if st, err := os.Stat(ini); err != nil || st.IsDir() {
			return nil, fmt.Errorf("--config %s: no such file", l.Explicit)
		}
		settings = findBeside(filepath.Dir(ini), SettingsNames)
	} else {
		ini, settings = search(abs)
	}
	key := ini + "\x00" + settings
	if c, ok := l.byIni[key]; ok {
		l.byDir[abs] = c
		return c, nil
	}
	c, err := load(ini, settings)
	if err != nil {
		return nil, err
	}
	l.byIni[key] = c
	l.byDir[abs] = c
	return c, nil
}

// search walks up from dir to the first folder holding a .vale.ini or a
// .copydesk.ini (stopping at the user's home and the file system root).
func search(dir string) (ini, settings string) {
	home, _ := os.UserHomeDir()
	for {
		ini = findBeside(dir, ValeNames)
		settings = findBeside(dir, SettingsNames)
		if ini != "" || settings != "" {
			return ini, settings
		}
		parent := filepath.Dir(dir)
		if parent == dir || dir == home {
			return "", ""
		}
		dir = parent
	}
}

func findBeside(dir string, names []string) string {
	for _, n := range names {
		p := filepath.Join(dir, n)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p
		}
	}
	return ""
}

func load(ini, settingsPath string) (*Config, error) {
	c := &Config{Settings: Defaults()}
	if ini == "" {
		def, err := MaterializeDefaults()
		if err != nil {
			return nil, err
		}
		ini = filepath.Join(def, ".vale.ini")
		c.Default = true
	} else {
		c.Dir = filepath.Dir(ini)
		// copydesk's own .vale.ini at the top of a checkout is the built-in
		// configuration, found on disk: it behaves as the built-in one.
		if data, err := os.ReadFile(ini); err == nil {
			if def, err := fs.ReadFile(copydesk.Defaults, ".vale.ini"); err == nil && string(data) == string(def) {
				c.Default = true
			}
		}
	}
	c.ValeIni = ini
	top, err := readValeTop(ini)
	if err != nil {
		return nil, err
	}
	c.StylesPath = top["stylespath"]
	if c.StylesPath != "" && !filepath.IsAbs(c.StylesPath) {
		c.StylesPath = filepath.Join(filepath.Dir(ini), c.StylesPath)
	}
	if v := top["vocab"]; v != "" {
		c.Settings.Vocab = splitList(v)
	}
	if settingsPath != "" {
		if c.Dir == "" {
			c.Dir = filepath.Dir(settingsPath)
		}
		if err := readSettings(settingsPath, &c.Settings); err != nil {
			return nil, err
		}
	}
	c.Vocab = core.NewVocab()
	for _, name := range c.Settings.Vocab {
		found := false
		for _, dir := range []string{
			filepath.Join(c.StylesPath, "config", "vocabularies", name),
			filepath.Join(c.StylesPath, "Vocab", name),
		} {
			if st, err := os.Stat(dir); err == nil && st.IsDir() {
				if err := c.Vocab.LoadVocabDir(dir); err != nil {
					return nil, err
				}
				found = true
				break
			}
		}
		if !found {
			return nil, fmt.Errorf("%s: vocabulary %q not found under %s/config/vocabularies", ini, name, c.StylesPath)
		}
	}
	return c, nil
}

// readValeTop reads the keys of a .vale.ini that come before its first
// section. Vale itself validates the file; this only needs StylesPath and
// Vocab.
func readValeTop(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' || line[0] == ';' {
			continue
		}
		if line[0] == '[' {
			break
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		out[strings.ToLower(strings.TrimSpace(k))] = strings.TrimSpace(v)
	}
	return out, sc.Err()
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		out = append(out, f)
	}
	return out
}

// readSettings reads a .copydesk.ini over s.
func readSettings(path string, s *Settings) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if i := strings.IndexAny(line, "#;"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		if line == "" || line[0] == '[' {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			return fmt.Errorf("%s:%d: want key = value, got %q", path, n, line)
		}
		if err := s.Set(strings.TrimSpace(k), strings.TrimSpace(v)); err != nil {
			return fmt.Errorf("%s:%d: %v", path, n, err)
		}
	}
	return sc.Err()
}

// Set sets one setting by its file/flag name.
func (s *Settings) Set(key, value string) error {
	switch strings.ToLower(key) {
	case "lang":
		l, err := ParseLang(value)
		if err != nil {
			return err
		}
		s.Lang = l
	case "categories":
		cats := splitList(value)
		for _, c := range cats {
			if !knownCategory(c) {
				return fmt.Errorf("unknown category %q (known: %s)", c, strings.Join(core.Categories, ", "))
			}
		}
		s.Categories = cats
	case "disable":
		s.Disable = splitList(value)
	case "min-severity":
		v, err := core.ParseSeverity(value)
		if err != nil {
			return err
		}
		s.MinSeverity = v
	case "fail-on":
		v, err := core.ParseSeverity(value)
		if err != nil {
			return err
		}
		s.FailOn = v
	case "vocab":
		s.Vocab = splitList(value)
	case "globs":
		s.Globs = splitList(value)
	case "date":
		s.Date = value
	default:
		return fmt.Errorf("unknown setting %q", key)
	}
	return nil
}

func knownCategory(c string) bool {
	for _, k := range core.Categories {
		if k == c {
			return true
		}
	}
	return false
}

// ParseLang accepts en-US and en-GB (and a few spellings of them).
func ParseLang(s string) (string, error) {
	switch strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), "_", "-")) {
	case "en-us", "us", "en":
		return "en-US", nil
	case "en-gb", "gb", "uk", "en-uk":
		return "en-GB", nil
	}
	return "", fmt.Errorf("unknown language %q (want en-US or en-GB)", s)
}

var (
	defaultsOnce sync.Once
	defaultsDir  string
	defaultsErr  error
)

// MaterializeDefaults writes the embedded .vale.ini and styles/ to a folder
// named after their content hash in the user cache, once; two processes
// starting at once both end up with a complete folder (each writes its own
// temporary copy and renames it into place).
func MaterializeDefaults() (string, error) {
	defaultsOnce.Do(func() { defaultsDir, defaultsErr = materialize(copydesk.Defaults) })
	return defaultsDir, defaultsErr
}

func materialize(fsys fs.FS) (string, error) {
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	sort.Strings(files)
	h := sha256.New()
	contents := make(map[string][]byte, len(files))
	for _, p := range files {
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return "", err
		}
		contents[p] = data
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(data))
		h.Write(data)
	}
	base, err := usercache.Dir()
	if err != nil {
		return "", fmt.Errorf("no cache folder for the default styles: %v", err)
	}
	final := filepath.Join(base, "defaults-"+hex.EncodeToString(h.Sum(nil))[:16])
	if st, err := os.Stat(filepath.Join(final, ".vale.ini")); err == nil && !st.IsDir() {
		return final, nil
	}
	tmp, err := os.MkdirTemp(base, ".defaults-tmp-*")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	for _, p := range files {
		dst := filepath.Join(tmp, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return "", err
		}
		if err := os.WriteFile(dst, contents[p], 0o644); err != nil {
			return "", err
		}
	}
	if err := os.Rename(tmp, final); err != nil {
		// another process got there first
		if st, err2 := os.Stat(filepath.Join(final, ".vale.ini")); err2 == nil && !st.IsDir() {
			return final, nil
		}
		return "", fmt.Errorf("installing default styles in %s: %v", final, err)
	}
	return final, nil
}
