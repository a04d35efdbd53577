package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the findings and fixed sections of testdata/cases/*.txtar")

// TestCases runs every testdata/cases/*.txtar archive through copydesk:
//
//	args: --no-vale --lang en-GB      (first line of the comment: check flags)
//	-- input.txt --                   (the file to check; .md and .html too)
//	-- findings --                    line:col severity rule "match" -> "first fix"
//	-- fixed --                       the text after copydesk fix
//
// go test ./cmd/copydesk -run TestCases -update rewrites the expectations.
func TestCases(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/cases/*.txtar")
	if len(files) == 0 {
		t.Fatal("no cases found")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var args []string
			for _, line := range strings.Split(string(ar.Comment), "\n") {
				if rest, ok := strings.CutPrefix(line, "args:"); ok {
					args = strings.Fields(rest)
				}
			}
			var input *txtar.File
			for i := range ar.Files {
				if strings.HasPrefix(ar.Files[i].Name, "input.") {
					input = &ar.Files[i]
				}
			}
			if input == nil {
				t.Fatal("no input.* section")
			}
			dir := t.TempDir()
			p := filepath.Join(dir, input.Name)
			if err := os.WriteFile(p, input.Data, 0o644); err != nil {
				t.Fatal(err)
			}
			code, out, errs := cli(t, "", append(append([]string{"check", "--format", "json"}, args...), p)...)
			if code == 2 {
				t.Fatalf("check failed: %s", errs)
			}
			var found []struct {
				Line, Column          int
				Severity, Rule, Match string
				Replacements          []string
			}
			if err := json.Unmarshal([]byte(out), &found); err != nil {
				t.Fatalf("%v: %s", err, out)
			}
			var lines []string
			for _, f := range found {
				l := fmt.Sprintf("%d:%d %s %s %q", f.Line, f.Column, f.Severity, f.Rule, f.Match)
				if len(f.Replacements) > 0 {
					l += fmt.Sprintf(" -> %q", f.Replacements[0])
				}
				lines = append(lines, l)
			}
			gotFindings := strings.Join(lines, "\n")
			if gotFindings != "" {
				gotFindings += "\n"
			}
			code, _, errs = cli(t, "", append(append([]string{"fix", "-w", "--quiet"}, args...), p)...)
			if code == 2 {
				t.Fatalf("fix failed: %s", errs)
			}
			fixed, _ := os.ReadFile(p)
			sections := map[string]string{"findings": gotFindings, "fixed": string(fixed)}
			changed := false
			for name, got := range sections {
				idx := -1
				for i := range ar.Files {
					if ar.Files[i].Name == name {
						idx = i
					}
				}
				if idx < 0 {
					ar.Files = append(ar.Files, txtar.File{Name: name})
					idx = len(ar.Files) - 1
				}
				if string(ar.Files[idx].Data) != got {
					if *update {
						ar.Files[idx].Data = []byte(got)
						changed = true
						continue
					}
					t.Errorf("%s differs:\n--- want\n%s--- got\n%s", name, ar.Files[idx].Data, got)
				}
			}
			if changed {
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}
