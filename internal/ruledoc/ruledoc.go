// Package ruledoc describes every rule copydesk can report: its own Go rules
// and the Vale rules of the configuration in use. It backs `copydesk rules`
// and the generated reference docs/rules.md.
package ruledoc

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/copydesk/copydesk/internal/config"
	"github.com/copydesk/copydesk/internal/core"
	"github.com/copydesk/copydesk/rules"
)

// Info describes one rule.
type Info struct {
	ID       string `json:"id"`
	Engine   string `json:"engine"` // "copydesk" (a Go rule) or "vale"
	Category string `json:"category"`
	Severity string `json:"severity"`
	Doc      string `json:"doc"`
	Example  string `json:"example,omitempty"`
	Fix      bool   `json:"fix"` // Vale rules: whether the rule offers a fix
	Link     string `json:"link,omitempty"`
}

// valeBuiltin documents the rules of Vale's own style.
var valeBuiltin = []Info{
	{ID: "Vale.Spelling", Category: core.CatTypo, Severity: "error", Doc: "Vale's dictionary spelling check (off in copydesk's default: Copy.Spelling replaces it)."},
	{ID: "Vale.Repetition", Category: core.CatRepetition, Severity: "error", Doc: "Vale's doubled-word check (off in copydesk's default: Copy.DoubledWord replaces it)."},
	{ID: "Vale.Terms", Category: core.CatStyle, Severity: "error", Doc: "Enforces the capitalisation of the vocabulary's accepted terms."},
	{ID: "Vale.Avoid", Category: core.CatStyle, Severity: "error", Doc: "Flags the vocabulary's rejected terms."},
}

// GoRules describes copydesk's Go rules.
func GoRules() []Info {
	var out []Info
	for _, r := range rules.All() {
		m := r.Meta()
		out = append(out, Info{ID: m.ID, Engine: "copydesk", Category: m.Category, Severity: m.Severity.String(), Doc: sentence(m.Doc), Example: m.Example, Fix: true})
	}
	return out
}

// List describes the Go rules and the Vale rules that the configuration
// enables (the styles named by BasedOnStyles, from its StylesPath).
func List(c *config.Config) ([]Info, error) {
	out := GoRules()
	styles, err := enabledStyles(c.ValeIni)
	if err != nil {
		return nil, err
	}
	for _, st := range styles {
		if st == "Vale" {
			for _, v := range valeBuiltin {
				v.Engine = "vale"
				out = append(out, v)
			}
			continue
		}
		infos, err := styleRules(filepath.Join(c.StylesPath, st), st)
		if err != nil {
			return nil, err
		}
		out = append(out, infos...)
	}
	return out, nil
}

// enabledStyles reads the BasedOnStyles values of a .vale.ini.
func enabledStyles(ini string) ([]string, error) {
	f, err := os.Open(ini)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	seen := map[string]bool{}
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), "=")
		if !ok || !strings.EqualFold(strings.TrimSpace(k), "BasedOnStyles") {
			continue
		}
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" && !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	return out, sc.Err()
}

type yamlRule struct {
	Extends string `yaml:"extends"`
	Message string `yaml:"message"`
	Level   string `yaml:"level"`
	Link    string `yaml:"link"`
	Action  struct {
		Name string `yaml:"name"`
	} `yaml:"action"`
}

type yamlCase struct {
	Name  string `yaml:"name"`
	Input string `yaml:"input"`
	Want  string `yaml:"want"`
}

// styleRules reads one style folder: each NAME.yml is a rule; its first
// comment line ("# Style.Name: what it does") is its doc, and the first case
// of NAME.test.yml that fires is its example.
func styleRules(dir, style string) ([]Info, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.yml"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var out []Info
	for _, f := range files {
		if strings.HasSuffix(f, ".test.yml") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var y yamlRule
		if err := yaml.Unmarshal(data, &y); err != nil {
			return nil, fmt.Errorf("%s: %v", f, err)
		}
		id := style + "." + strings.TrimSuffix(filepath.Base(f), ".yml")
		info := Info{ID: id, Engine: "vale", Category: core.CatStyle, Severity: y.Level, Link: y.Link, Fix: y.Action.Name != ""}
		if info.Severity == "" {
			info.Severity = "warning"
		}
		info.Doc = headerDoc(string(data), id)
		if info.Doc == "" {
			info.Doc = y.Message
		}
		info.Example = firstExample(strings.TrimSuffix(f, ".yml") + ".test.yml")
		out = append(out, info)
	}
	return out, nil
}

func headerDoc(text, id string) string {
	line, _, _ := strings.Cut(text, "\n")
	if rest, ok := strings.CutPrefix(line, "# "+id+":"); ok {
		return sentence(rest)
	}
	return ""
}

func firstExample(path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	var cases []yamlCase
	if yaml.Unmarshal(data, &cases) != nil {
		return ""
	}
	for _, c := range cases {
		if strings.TrimSpace(c.Want) == "" || strings.TrimSpace(c.Input) == "" {
			continue
		}
		in := strings.TrimSpace(strings.SplitN(c.Input, "\n", 2)[0])
		want := strings.TrimSpace(strings.SplitN(c.Want, "\n", 2)[0])
		// want reads LINE:COL:RULE:MESSAGE
		parts := strings.SplitN(want, ":", 4)
		if len(parts) == 4 {
			return in + " (" + parts[3] + ")"
		}
		return in
	}
	return ""
}

// Markdown writes the rule reference. Each rule has an anchor named by its
// id (docs/rules.md#Copy.DoubledWord), which the language server links to.
func Markdown(w io.Writer, infos []Info) error {
	var b strings.Builder
	b.WriteString("# copydesk rules\n\n")
	b.WriteString("Generated by `copydesk rules --format markdown` from the rules themselves and the\n")
	b.WriteString("built-in configuration; a test keeps this file in step with them. Copy.* rules are\n")
	b.WriteString("copydesk's own (Go); the others run in Vale. Severity is the default level; a rule\n")
	b.WriteString("may report a finding inside a direct quotation one level lower.\n\n")
	b.WriteString("| rule | category | severity | what it catches |\n| --- | --- | --- | --- |\n")
	for _, in := range infos {
		fmt.Fprintf(&b, "| [%s](#%s) | %s | %s | %s |\n", in.ID, in.ID, in.Category, in.Severity, escapeCell(in.Doc))
	}
	for _, in := range infos {
		fmt.Fprintf(&b, "\n<a id=\"%s\"></a>\n### %s\n\n%s\n\n", in.ID, in.ID, in.Doc)
		fmt.Fprintf(&b, "- Category: %s. Default severity: %s. Engine: %s.\n", in.Category, in.Severity, in.Engine)
		if in.Example != "" {
			fmt.Fprintf(&b, "- Example: %s\n", in.Example)
		}
		if in.Link != "" {
			fmt.Fprintf(&b, "- Reference: %s\n", in.Link)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func escapeCell(s string) string { return strings.ReplaceAll(s, "|", "\\|") }

// sentence starts a doc line with a capital and ends it with a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	r := []rune(s)
	if r[0] >= 'a' && r[0] <= 'z' {
		r[0] -= 'a' - 'A'
	}
	s = string(r)
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "?") && !strings.HasSuffix(s, "!") {
		s += "."
	}
	return s
}
