package server

import (
	"bufio"
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/copydesk/copydesk/internal/engine"
)

// ruleInfo is one rule in GET /v1/rules.
type ruleInfo struct {
	ID       string `json:"id"`
	Source   string `json:"source"` // "go" or "vale"
	Category string `json:"category"`
	Severity string `json:"severity,omitempty"`
	Doc      string `json:"doc,omitempty"`
	Example  string `json:"example,omitempty"`
}

func (s *Server) handleRules(w http.ResponseWriter, r *http.Request) {
	s.rulesOnce.Do(func() { s.rulesList = s.listRules() })
	writeJSON(w, http.StatusOK, map[string][]ruleInfo{"rules": s.rulesList})
}

// listRules lists the Go rules and the Vale rules of the styles in the
// configuration's StylesPath (read from their YAML files, once).
func (s *Server) listRules() []ruleInfo {
	out := []ruleInfo{}
	for _, r := range s.goRules.Rules() {
		m := r.Meta()
		out = append(out, ruleInfo{ID: m.ID, Source: "go", Category: m.Category, Severity: m.Severity.String(), Doc: m.Doc, Example: m.Example})
	}
	c, err := s.goRules.ConfigFor(s.configFrom)
	if err != nil || c.StylesPath == "" || s.cfg.Engine.NoVale {
		return out
	}
	styles, err := os.ReadDir(c.StylesPath)
	if err != nil {
		return out
	}
	var vr []ruleInfo
	for _, st := range styles {
		name := st.Name()
		if !st.IsDir() || strings.HasPrefix(name, ".") || name == "config" || name == "Vocab" {
			continue
		}
		files, _ := filepath.Glob(filepath.Join(c.StylesPath, name, "*.yml"))
		for _, f := range files {
			base := strings.TrimSuffix(filepath.Base(f), ".yml")
			if strings.HasSuffix(base, ".test") {
				continue
			}
			id := name + "." + base
			info := ruleInfo{ID: id, Source: "vale", Category: engine.ValeCategory(id)}
			readValeRule(f, &info)
			vr = append(vr, info)
		}
	}
	sort.Slice(vr, func(i, j int) bool { return vr[i].ID < vr[j].ID })
	return append(out, vr...)
}

// readValeRule takes a rule's level, and its doc from a first comment line
// of the form "# Style.Rule: what it catches", else its message.
func readValeRule(path string, info *ruleInfo) {
	data, err := os.ReadFile(path)
	if err != nil || len(data) > 1<<20 {
		return
	}
	var y struct {
		Level   string `yaml:"level"`
		Message string `yaml:"message"`
	}
	if yaml.Unmarshal(data, &y) == nil {
		info.Severity = y.Level
		info.Doc = y.Message
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	if sc.Scan() {
		if doc, ok := strings.CutPrefix(sc.Text(), "# "+info.ID+":"); ok {
			info.Doc = strings.TrimSpace(doc)
		}
	}
}
