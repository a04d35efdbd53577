// Package engine is copydesk's one pipeline: it reads documents, runs the Go
// rules and Vale over them, maps and filters the findings, and plans fixes.
// Every surface (the command line, the pre-commit hook, the language server
// and the HTTP service) calls it, so a finding is the same wherever it is
// seen.
package engine

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/copydesk/copydesk/internal/config"
	"github.com/copydesk/copydesk/internal/core"
	"github.com/copydesk/copydesk/internal/vale"
	"github.com/copydesk/copydesk/rules"
)

// Options steer an Engine. Zero values mean "as configured".
type Options struct {
	Config   string // --config: a .vale.ini used for every file
	NoVale   bool   // run the Go rules only
	ValeBin  string // --vale
	Progress io.Writer

	Lang        string   // overrides the configured language
	Categories  []string // overrides the configured categories
	Disable     []string // added to the configured list
	Only        []string // report only these rules (ids or style names)
	MinSeverity string   // overrides the configured minimum severity
	Date        time.Time

	Rules []core.Rule // the Go rules; nil means rules.All()
	// Workers bounds how many documents the Go rules check at once
	// (default: GOMAXPROCS).
	Workers int
}

// Input is one text to check.
type Input struct {
	Path   string // shown to the user; also where the configuration is looked up
	Text   string
	Format core.Format
	// DiskPath is a file that holds exactly Text, for Vale to read; when
	// empty, Text is written to a private temporary file.
	DiskPath string
	// ConfigFrom overrides the path used to find the configuration.
	ConfigFrom string
	// WalkRoot is the folder whose walk found this file, when the walk took
	// every file of the folder that Vale's own walk would take (see
	// gather in cmd/copydesk): Vale may then be given the folder itself.
	WalkRoot string
}

// Result is what the engine found in one input.
type Result struct {
	Input
	Doc      *core.Doc
	Config   *config.Config
	Findings []core.Finding // Text offsets, sorted by position
	Err      error          // this input could not be checked
}

// Engine checks documents. It is safe for concurrent use.
type Engine struct {
	opt    Options
	loader *config.Loader
	rules  []core.Rule

	valeOnce sync.Once
	valeBin  string
	valeErr  error
}

// New returns an Engine.
func New(opt Options) *Engine {
	e := &Engine{opt: opt, loader: config.NewLoader(opt.Config), rules: opt.Rules}
	if e.rules == nil {
		e.rules = rules.All()
	}
	if e.opt.Workers <= 0 {
		e.opt.Workers = runtime.GOMAXPROCS(0)
	}
	return e
}

// Options returns the engine's options.
func (e *Engine) Options() Options { return e.opt }

// Rules returns the Go rules the engine runs.
func (e *Engine) Rules() []core.Rule { return e.rules }

// Vale resolves the Vale binary once per engine.
func (e *Engine) Vale() (string, error) {
	e.valeOnce.Do(func() {
		e.valeBin, e.valeErr = vale.Find(vale.FindOptions{Flag: e.opt.ValeBin, Progress: e.opt.Progress})
	})
	return e.valeBin, e.valeErr
}

// ConfigFor returns the configuration that applies to path.
func (e *Engine) ConfigFor(path string) (*config.Config, error) { return e.loader.For(path) }

// Settings returns the effective settings for a configuration, with the
// engine's overrides applied.
func (e *Engine) Settings(c *config.Config) (config.Settings, error) {
	s := config.Defaults()
	if c != nil {
		s = c.Settings
	}
	if e.opt.Lang != "" {
		l, err := config.ParseLang(e.opt.Lang)
		if err != nil {
			return s, err
		}
		s.Lang = l
	}
	if e.opt.Categories != nil {
		if err := s.Set("categories", strings.Join(e.opt.Categories, ",")); err != nil {
			return s, err
		}
	}
	if len(e.opt.Disable) > 0 {
		s.Disable = append(append([]string(nil), s.Disable...), e.opt.Disable...)
	}
	if e.opt.MinSeverity != "" {
		if err := s.Set("min-severity", e.opt.MinSeverity); err != nil {
			return s, err
		}
	}
	return s, nil
}

// configFrom is where an input's configuration is looked up: ConfigFrom,
// else its path, else (standard input, a buffer) the working folder.
func configFrom(in Input) string {
	from := in.ConfigFrom
	if from == "" {
		from = in.Path
	}
	if from == "" || from == "-" || strings.HasPrefix(from, "<") {
		from = "."
	}
	return from
}

// Prepare loads the configuration for an input and builds its document.
func (e *Engine) Prepare(in Input) (*core.Doc, *config.Config, error) {
	c, err := e.loader.For(configFrom(in))
	if err != nil {
		return nil, nil, err
	}
	s, err := e.Settings(c)
	if err != nil {
		return nil, nil, err
	}
	date := e.opt.Date
	if date.IsZero() && s.Date != "" {
		if t, err := time.Parse("2006-01-02", s.Date); err == nil {
			date = t
		}
	}
	d := core.NewDoc(in.Path, in.Text, in.Format, core.Options{Lang: s.Lang, Vocab: c.Vocab, Date: date})
	return d, c, nil
}

// Check checks every input: the Go rules in a pool of workers while one Vale
// process per configuration reads the whole batch. An error is returned only
// when Vale itself fails (a broken configuration); a problem with one input
// is that result's Err.
func (e *Engine) Check(ctx context.Context, inputs []Input) ([]Result, error) {
	results := make([]Result, len(inputs))
	for i := range inputs {
		results[i].Input = inputs[i]
	}
	// documents first: the configuration decides language and vocabulary
	var wg sync.WaitGroup
	jobs := make(chan int)
	for w := 0; w < min(e.opt.Workers, max(len(inputs), 1)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				r := &results[i]
				r.Doc, r.Config, r.Err = e.safePrepare(r.Input)
				if r.Err == nil {
					r.Findings = e.runRulesInParts(r.Doc, r.Config)
				}
			}
		}()
	}
	var valeErr error
	valeDone := make(chan struct{})
	alerts := make([][]vale.Alert, len(inputs))
	// Vale starts at once, beside the Go rules; it needs only the
	// configurations, which the loader shares with Prepare.
	go func() {
		defer close(valeDone)
		if e.opt.NoVale {
			return
		}
		valeErr = e.runVale(ctx, inputs, alerts)
	}()
	for i := range inputs {
		select {
		case jobs <- i:
		case <-ctx.Done():
		}
	}
	close(jobs)
	wg.Wait()
	<-valeDone
	if valeErr != nil {
		return results, valeErr
	}
	if err := ctx.Err(); err != nil {
		return results, err
	}
	for i := range results {
		r := &results[i]
		if r.Err != nil {
			continue
		}
		r.Findings = append(r.Findings, convertAlerts(r.Doc, alerts[i])...)
		s, _ := e.Settings(r.Config)
		r.Findings = e.filter(r.Doc, s, r.Findings)
	}
	return results, nil
}

// CheckGo runs the Go rules alone on a prepared document and filters the
// findings: the fast path of the language server.
func (e *Engine) CheckGo(d *core.Doc, c *config.Config) []core.Finding {
	s, _ := e.Settings(c)
	return e.filter(d, s, e.runRules(d, c))
}

// enabled reports whether a rule can report anything under the settings, so
// that rules nobody will see are not run.
func (e *Engine) enabled(m core.Meta, s config.Settings) bool {
	if s.Categories != nil && !contains(s.Categories, m.Category) {
		any := false
		for _, c := range m.Categories {
			any = any || contains(s.Categories, c)
		}
		if !any {
			return false
		}
	}
	if matchesAny(m.ID, s.Disable) {
		return false
	}
	if len(e.opt.Only) > 0 && !matchesAny(m.ID, e.opt.Only) {
		return false
	}
	return true
}

// parallelRulesFrom is the prose length from which one document's rules run
// in parallel; below it, documents are checked in parallel instead.
const parallelRulesFrom = 64 << 10

// runRules runs the Go rules on a document and returns their findings in
// Text offsets. A rule that panics is reported on stderr and skipped: one
// broken rule must not stop a check.
func (e *Engine) runRules(d *core.Doc, c *config.Config) []core.Finding {
	s, _ := e.Settings(c)
	var active []core.Rule
	for _, r := range e.rules {
		if e.enabled(r.Meta(), s) {
			active = append(active, r)
		}
	}
	found := make([][]core.Finding, len(active))
	if workers := runtime.GOMAXPROCS(0); len(d.Prose) >= parallelRulesFrom && workers > 1 {
		runSideBySide(d, active, found, workers)
	} else {
		for i, r := range active {
			found[i] = safeCheck(r, d)
		}
	}
	var out []core.Finding
	for i, r := range active {
		m := r.Meta()
		for _, f := range found[i] {
			if f.Start < 0 || f.End > len(d.Prose) || f.Start > f.End {
				continue
			}
			if f.Rule == "" {
				f.Rule = m.ID
			}
			if f.Category == "" {
				f.Category = m.Category
			}
			if d.InQuote(f.Start, f.End) {
				f.InQuote = true
				switch m.Quotes {
				case core.QuoteSkip:
					continue
				case core.QuoteLower:
					f.Severity = f.Severity.Lower()
					f.Message += " (inside a quotation: check the source; it may be a transcription error)"
				}
			}
			out = append(out, toText(d, f))
		}
	}
	return out
}

// runSideBySide runs a long document's rules on several workers and puts
// each rule's findings in found at the rule's index. The words and the
// sentences, which most rules read, are made first, on two goroutines.
// The rules then start longest first (see ruleCosts): the slowest rule
// bounds the time, and starting it last would leave the other workers idle
// at the end.
func runSideBySide(d *core.Doc, active []core.Rule, found [][]core.Finding, workers int) {
	d.Tokenize(true)
	order := longestFirst(active)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, len(active)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				k := int(next.Add(1)) - 1
				if k >= len(order) {
					return
				}
				i := order[k]
				found[i] = safeCheck(active[i], d)
			}
		}()
	}
	wg.Wait()
}

// ruleCosts are the Go rules' times in nanoseconds per byte of generated
// news copy (BenchmarkRules in rules/). Only their order matters: a test
// checks that every rule has one.
var ruleCosts = map[string]float64{
	"Copy.RealWord": 40, "Copy.Spelling": 10, "Copy.NameVariants": 8.5, "Copy.RepeatedSentence": 7,
	"Copy.CMSLeftover": 3.6, "Copy.RepeatedQuote": 3, "Copy.Misspelling": 2.9, "Copy.Spacing": 2.2,
	"Copy.DoubledWord": 2, "Copy.WeekdayDate": 2, "Copy.QuoteStyle": 0.9, "Copy.RepeatedLine": 0.6,
	"Copy.QuoteBalance": 0.1,
}

// longestFirst orders the rules by their cost in ruleCosts, the costliest
// first; a rule without one comes first, in its own order.
func longestFirst(active []core.Rule) []int {
	order := make([]int, len(active))
	cost := make([]float64, len(active))
	for i, r := range active {
		order[i] = i
		c, ok := ruleCosts[r.Meta().ID]
		if !ok {
			c = math.Inf(1)
		}
		cost[i] = c
	}
	sort.SliceStable(order, func(a, b int) bool { return cost[order[a]] > cost[order[b]] })
	return order
}

// safePrepare is Prepare that turns a panic while building the document
// into an error for that input alone: one odd file must not stop a batch.
func (e *Engine) safePrepare(in Input) (d *core.Doc, c *config.Config, err error) {
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(os.Stderr, "copydesk: internal error reading %s: %v (please report)\n%s", in.Path, p, debug.Stack())
			d, c, err = nil, nil, fmt.Errorf("internal error while reading the text: %v", p)
		}
	}()
	return e.Prepare(in)
}

func safeCheck(r core.Rule, d *core.Doc) (fs []core.Finding) {
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(os.Stderr, "copydesk: internal error in rule %s on %s: %v (skipped; please report)\n%s", r.Meta().ID, d.Path, p, debug.Stack())
			fs = nil
		}
	}()
	return r.Check(d)
}

// toText maps a finding from Prose to Text offsets. A fix whose edits cannot
// be mapped (they would touch markup) is dropped; the span grows to cover
// the edits of every fix, so that a fix's replacement over the span is well
// defined.
func toText(d *core.Doc, f core.Finding) core.Finding {
	f.Start, f.End = d.TextSpan(f.Start, f.End)
	fixes := f.Fixes[:0:0]
	for _, fx := range f.Fixes {
		var edits []core.Edit
		ok := len(fx.Edits) > 0
		for _, ed := range fx.Edits {
			te, good := d.TextEditSliding(ed)
			if !good || !core.OnRuneBoundaries(d.Text, te) {
				ok = false
				break
			}
			edits = append(edits, te)
		}
		if !ok {
			continue
		}
		for _, ed := range edits {
			f.Start = min(f.Start, ed.Start)
			f.End = max(f.End, ed.End)
		}
		fixes = append(fixes, core.Fix{Title: fx.Title, Edits: edits})
	}
	f.Fixes = fixes
	return f
}

// filter applies the settings, inline ignore comments and --only, drops
// duplicates, and sorts.
func (e *Engine) filter(d *core.Doc, s config.Settings, fs []core.Finding) []core.Finding {
	out := fs[:0]
	for _, f := range fs {
		if s.Categories != nil && !contains(s.Categories, f.Category) {
			continue
		}
		if matchesAny(f.Rule, s.Disable) {
			continue
		}
		if len(e.opt.Only) > 0 && !matchesAny(f.Rule, e.opt.Only) {
			continue
		}
		if f.Severity < s.MinSeverity {
			continue
		}
		if d.Ignored(f.Rule, f.Start, f.End) {
			continue
		}
		out = append(out, f)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		if out[i].End != out[j].End {
			return out[i].End < out[j].End
		}
		return out[i].Rule < out[j].Rule
	})
	return dedupe(out)
}

// dedupe drops a finding that repeats another one's rule and span, and a
// Vale alert that says what a Go rule already says about the same words: the
// same span, or an overlapping one in the same category (Vale.Repetition
// beside Copy.DoubledWord, Vale.Spelling beside Copy.Spelling).
func dedupe(fs []core.Finding) []core.Finding {
	out := fs[:0]
	for i, f := range fs {
		dup := false
		for j := i - 1; j >= 0 && fs[j].Start >= f.Start-200; j-- {
			g := fs[j]
			if g.Start == f.Start && g.End == f.End && (g.Rule == f.Rule || g.Category == f.Category && sameFirstFix(g, f)) {
				dup = true // the same finding, or two rules saying one thing
				break
			}
		}
		if !dup && isVale(f.Rule) {
			for j := max(0, i-8); j < min(len(fs), i+8); j++ {
				g := fs[j]
				if j != i && !isVale(g.Rule) && (g.Start == f.Start && g.End == f.End || g.Category == f.Category && g.Start < f.End && f.Start < g.End) {
					dup = true
					break
				}
			}
		}
		if !dup {
			out = append(out, f)
		}
	}
	return out
}

// sameFirstFix: two findings propose the same first fix (or none).
func sameFirstFix(a, b core.Finding) bool {
	if len(a.Fixes) == 0 || len(b.Fixes) == 0 {
		return len(a.Fixes) == len(b.Fixes)
	}
	ea, eb := a.Fixes[0].Edits, b.Fixes[0].Edits
	if len(ea) != len(eb) {
		return false
	}
	for i := range ea {
		if ea[i] != eb[i] {
			return false
		}
	}
	return true
}

// isVale tells Vale's rules from copydesk's Go rules (which are all Copy.*).
func isVale(rule string) bool { return !strings.HasPrefix(rule, "Copy.") }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// matchesAny: a rule id matches an entry that names it or its style
// ("News" matches "News.Percent").
func matchesAny(id string, list []string) bool {
	for _, x := range list {
		if x == id || (!strings.Contains(x, ".") && strings.HasPrefix(id, x+".")) {
			return true
		}
	}
	return false
}

// tempDir makes a private folder for texts that Vale must read from disk.
func tempDir() (string, error) {
	return os.MkdirTemp("", "copydesk-*")
}

// writeTemp writes one text for Vale: mode 0600 in a 0700 folder, named like
// the original so that the configuration's globs still match.
func writeTemp(dir string, i int, in Input) (string, error) {
	base := filepath.Base(in.Path)
	if in.Path == "" || in.Path == "-" || strings.HasPrefix(in.Path, "<") || filepath.Ext(base) != in.Format.Ext() && core.FormatForPath(base) != in.Format {
		base = "stdin" + in.Format.Ext()
	}
	sub := filepath.Join(dir, fmt.Sprint(i))
	if err := os.Mkdir(sub, 0o700); err != nil {
		return "", err
	}
	p := filepath.Join(sub, base)
	return p, os.WriteFile(p, []byte(in.Text), 0o600)
}
