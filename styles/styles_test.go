// Package styles_test checks the News Vale style with the Vale release
// pinned in go.mod: its own test cases (`vale test`), the shape of every rule
// file, and a canary of clean AP-style wire copy that must raise no alert.
package styles_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"gopkg.in/yaml.v3"
)

// The News style lives beside this file.
const styleName = "News"

var (
	valeOnce sync.Once
	valePath string
	valeErr  error
	valeSkip string
)

// pinnedVale returns the Vale binary pinned in go.mod, building it on first
// use with `go tool -n vale` (about 100 s on a cold cache). The test is skipped
// only when the go command itself is missing.
func pinnedVale(t testing.TB) string {
	t.Helper()
	valeOnce.Do(func() {
		goBin, err := exec.LookPath("go")
		if err != nil {
			valeSkip = "the go command is not on PATH, so the Vale pinned in go.mod cannot be built"
			return
		}
		root, err := moduleRoot()
		if err != nil {
			valeErr = err
			return
		}
		cmd := exec.Command(goBin, "tool", "-n", "vale")
		cmd.Dir = root
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			valeErr = fmt.Errorf("go tool -n vale: %v\n%s", err, stderr.String())
			return
		}
		valePath = strings.TrimSpace(string(out))
		if _, err := os.Stat(valePath); err != nil {
			valeErr = fmt.Errorf("go tool -n vale printed %q, which does not exist: %v", valePath, err)
		}
	})
	if valeSkip != "" {
		t.Skip(valeSkip)
	}
	if valeErr != nil {
		t.Fatal(valeErr)
	}
	return valePath
}

// moduleRoot is the directory above this package that holds go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the styles directory")
		}
		dir = parent
	}
}

// stylesPath is the absolute path of this directory, the StylesPath a Vale
// user would point at.
func stylesPath(t testing.TB) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// writeConfig writes a .vale.ini that enables only the News style, as a
// Vale user would, and returns its path.
func writeConfig(t testing.TB, dir string) string {
	t.Helper()
	ini := fmt.Sprintf("StylesPath = %s\nMinAlertLevel = suggestion\n\n[*.{txt,md,html}]\nBasedOnStyles = %s\n",
		stylesPath(t), styleName)
	path := filepath.Join(dir, ".vale.ini")
	if err := os.WriteFile(path, []byte(ini), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// alert is the part of Vale's JSON alert that these tests read.
type alert struct {
	Check    string
	Line     int
	Span     []int
	Match    string
	Message  string
	Severity string
}

// lint runs Vale over paths with config and returns its alerts by file.
func lint(t testing.TB, vale, config string, paths ...string) map[string][]alert {
	t.Helper()
	args := append([]string{"--no-global", "--config=" + config, "--output=JSON"}, paths...)
	cmd := exec.Command(vale, args...)
	cmd.Dir = filepath.Dir(config)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	// Vale exits 1 when it reports an error-level alert; only a failure to run
	// or an unreadable report is a broken test.
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		t.Fatalf("vale %s: %v\n%s\n%s", strings.Join(args, " "), err, stderr.String(), out)
	}
	got := map[string][]alert{}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("vale output is not JSON: %v\n%s\n%s", err, out, stderr.String())
	}
	return got
}

// testReport is the JSON that `vale test --output=JSON` prints.
type testReport struct {
	Passed  int
	Failed  int
	Results []struct {
		File, Name, Reason, Error, Got, Want string
		Passed                               bool
	}
	Uncovered []string
}

func TestValeTestCasesPass(t *testing.T) {
	vale := pinnedVale(t)
	dir := t.TempDir()
	cmd := exec.Command(vale, "--no-global", "--coverage", "--output=JSON", "test", filepath.Join(stylesPath(t), styleName))
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var report testReport
	if jerr := json.Unmarshal(out, &report); jerr != nil {
		t.Fatalf("vale test: %v (%v)\nstdout:\n%s\nstderr:\n%s", jerr, err, out, stderr.String())
	}
	for _, r := range report.Results {
		if !r.Passed {
			t.Errorf("%s: case %q failed: %s%s\n  got:\n%s\n  want:\n%s",
				filepath.Base(r.File), r.Name, r.Reason, r.Error, indent(r.Got), indent(r.Want))
		}
	}
	if len(report.Uncovered) > 0 {
		t.Errorf("rules that no case makes fire: %v", report.Uncovered)
	}
	rules := ruleFiles(t)
	if report.Passed < 5*len(rules) {
		t.Errorf("only %d cases passed for %d rules; expected at least five per rule", report.Passed, len(rules))
	}
	if err != nil && report.Failed == 0 && len(report.Uncovered) == 0 {
		t.Errorf("vale test exited with %v although every case passed\n%s", err, stderr.String())
	}
}

func indent(s string) string {
	if strings.TrimSpace(s) == "" {
		return "    (no alerts)"
	}
	return "    " + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n    ")
}

// ruleFiles lists the rule files of the style (not their case files).
func ruleFiles(t testing.TB) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(styleName, "*.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var rules []string
	for _, p := range paths {
		if !strings.HasSuffix(p, ".test.yml") {
			rules = append(rules, p)
		}
	}
	sort.Strings(rules)
	if len(rules) == 0 {
		t.Fatalf("no rules under %s", styleName)
	}
	return rules
}

// ruleFile is the part of a Vale rule that these tests inspect.
type ruleFile struct {
	Extends string
	Message string
	Level   string
	Scope   any
	Link    string
	Action  *struct{ Name string }
	Swap    yaml.Node
	Tokens  []string
}

type testCase struct {
	Name   string
	Rule   string
	Format string
	Input  string
	Want   *string
}

// anEdition matches the edition or year a rule's header says it follows.
var anEdition = regexp.MustCompile(`\b(?:\d{2}(?:st|nd|rd|th) edition|(?:19|20)\d\d)\b`)

// Headline rules read headings only; HeadlineQuotes must see the quotation
// marks it replaces, so it is the one rule that may run over a quotation.
var readsQuotationMarks = map[string]bool{"HeadlineQuotes": true}

func TestRulesAreWellFormed(t *testing.T) {
	for _, path := range ruleFiles(t) {
		name := strings.TrimSuffix(filepath.Base(path), ".yml")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var r ruleFile
			if err := yaml.Unmarshal(raw, &r); err != nil {
				t.Fatal(err)
			}
			if r.Message == "" {
				t.Error("no message")
			}
			switch r.Level {
			case "suggestion", "warning", "error":
			default:
				t.Errorf("level %q is not suggestion, warning or error", r.Level)
			}
			header := string(raw)
			if i := strings.Index(header, "\nextends:"); i >= 0 {
				header = header[:i]
			}
			if r.Link == "" && !(strings.Contains(header, "AP Stylebook") && anEdition.MatchString(header)) {
				t.Error("neither a link nor a header comment naming the AP Stylebook entry and its edition or year")
			}
			scope := fmt.Sprint(r.Scope)
			if !readsQuotationMarks[name] && !strings.Contains(scope, "~quote") {
				t.Errorf("scope %q does not exclude direct quotations (~quote)", scope)
			}
			if strings.Contains(scope, "[") {
				t.Errorf("scope %q is a list, which Vale reads as OR: join the parts with &", scope)
			}
			if r.Extends == "substitution" && r.Swap.Kind == yaml.MappingNode && len(r.Swap.Content) > 2 &&
				!strings.Contains(string(raw), "(?:^|)") {
				t.Error("a substitution with several keys needs the (?:^|) guard in its first key " +
					"(Vale 3.26's regex engine can skip matches without it)")
			}
			checkCases(t, name)
		})
	}
}

// checkCases asserts that a rule's case file has cases that must fire, cases
// that must stay quiet, and (for rules that skip quotations) a quiet case
// inside a quotation.
func checkCases(t *testing.T, name string) {
	raw, err := os.ReadFile(filepath.Join(styleName, name+".test.yml"))
	if err != nil {
		t.Fatalf("no case file beside the rule: %v", err)
	}
	var cases []testCase
	if err := yaml.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	var fire, quiet, quietQuote int
	for _, c := range cases {
		if c.Rule != name+".yml" {
			t.Errorf("case %q runs rule %q, not %s.yml", c.Name, c.Rule, name)
		}
		if c.Want == nil {
			t.Errorf("case %q has no exact `want`", c.Name)
			continue
		}
		if strings.TrimSpace(*c.Want) == "" {
			quiet++
			if strings.ContainsAny(c.Input, "\"“") {
				quietQuote++
			}
		} else {
			fire++
		}
	}
	if fire == 0 {
		t.Error("no case that must fire")
	}
	if quiet == 0 {
		t.Error("no case that must stay quiet")
	}
	if !readsQuotationMarks[name] && quietQuote == 0 {
		t.Error("no quiet case inside a direct quotation")
	}
}

func TestCleanCanaryRaisesNoAlert(t *testing.T) {
	vale := pinnedVale(t)
	files, err := filepath.Glob(filepath.Join(stylesPath(t), styleName, "testdata", "clean", "*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 5 {
		t.Fatalf("the canary holds %d articles; it needs at least five", len(files))
	}
	config := writeConfig(t, t.TempDir())
	got := lint(t, vale, config, files...)
	for file, alerts := range got {
		for _, a := range alerts {
			t.Errorf("%s:%d:%d: %s (%s) on %q", filepath.Base(file), a.Line, a.Span[0], a.Message, a.Check, a.Match)
		}
	}
}

// TestStyleLoadsAsAPackage proves the canary is not clean merely because the
// style did not load: the same configuration flags a dirty article, with the
// fixes Vale offers.
func TestStyleLoadsAsAPackage(t *testing.T) {
	vale := pinnedVale(t)
	dir := t.TempDir()
	config := writeConfig(t, dir)
	article := "Storm hits town\n\n" +
		"CHICAGO, Ill. (AP) — Senator Jane Doe said the storm knocked out power towards the end-year " +
		"rush at 9:00 PM on November 30th, cutting sales 5 percent.\n\n" +
		"\"Towards 5 percent,\" she said of the drop in Fresno, Calif., and the US.\n"
	path := filepath.Join(dir, "dirty.txt")
	if err := os.WriteFile(path, []byte(article), 0o644); err != nil {
		t.Fatal(err)
	}
	got := lint(t, vale, config, path)
	var fired []string
	for _, alerts := range got {
		for _, a := range alerts {
			fired = append(fired, a.Check+" "+a.Match)
		}
	}
	sort.Strings(fired)
	want := []string{
		"News.DatelineCities CHICAGO, Ill.",
		"News.Dates 30th",
		"News.Months November",
		"News.Percent 5 percent",
		"News.StateNames Calif.",
		"News.Time 9:00 PM",
		"News.Titles Senator",
		"News.USAbbrev US.",
		"News.WordForms towards",
		"News.YearEnd end-year",
	}
	if strings.Join(fired, "\n") != strings.Join(want, "\n") {
		t.Errorf("alerts:\n  %s\nwant:\n  %s", strings.Join(fired, "\n  "), strings.Join(want, "\n  "))
	}
}

// benchmarkVale times one Vale run over the canary with the given styles.
func benchmarkVale(b *testing.B, styles string) {
	vale := pinnedVale(b)
	dir := b.TempDir()
	ini := fmt.Sprintf("StylesPath = %s\nMinAlertLevel = suggestion\n\n[*.{txt,md}]\nBasedOnStyles = %s\n",
		stylesPath(b), styles)
	config := filepath.Join(dir, ".vale.ini")
	if err := os.WriteFile(config, []byte(ini), 0o644); err != nil {
		b.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(stylesPath(b), styleName, "testdata", "clean", "*"))
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		lint(b, vale, config, files...)
	}
}

// BenchmarkCanaryValeOnly and BenchmarkCanaryValeAndNews give the cost of the
// News style on top of Vale's own rules, start-up included.
func BenchmarkCanaryValeOnly(b *testing.B)    { benchmarkVale(b, "Vale") }
func BenchmarkCanaryValeAndNews(b *testing.B) { benchmarkVale(b, "Vale, "+styleName) }
