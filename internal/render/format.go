package render

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/copydesk/copydesk/internal/core"
)

// File is one checked file as the formats see it.
type File struct {
	Path     string // as shown to the user
	Doc      *core.Doc
	Findings []core.Finding // Text offsets
}

// Replacements gives, for each fix of f, the new text of f's span.
func Replacements(text string, f core.Finding) []string {
	out := make([]string, 0, len(f.Fixes))
	for _, fx := range f.Fixes {
		var edits []core.Edit
		ok := true
		for _, e := range fx.Edits {
			if e.Start < f.Start || e.End > f.End {
				ok = false
				break
			}
			edits = append(edits, core.Edit{Start: e.Start - f.Start, End: e.End - f.Start, New: e.New})
		}
		if !ok {
			continue
		}
		s, err := core.ApplyEdits(text[f.Start:f.End], edits)
		if err == nil {
			out = append(out, s)
		}
	}
	return out
}

// JSONFinding is a finding in the json and jsonl formats.
type JSONFinding struct {
	Path         string    `json:"path,omitempty"`
	Start        int       `json:"start"`
	End          int       `json:"end"`
	Line         int       `json:"line"`
	Column       int       `json:"column"`
	EndLine      int       `json:"end_line,omitempty"`
	EndColumn    int       `json:"end_column,omitempty"`
	Rule         string    `json:"rule"`
	Category     string    `json:"category"`
	Severity     string    `json:"severity"`
	Message      string    `json:"message"`
	Match        string    `json:"match,omitempty"`
	InQuote      bool      `json:"in_quote,omitempty"`
	Fixes        []JSONFix `json:"fixes,omitempty"`
	Replacements []string  `json:"replacements"`
}

// JSONFix is one alternative fix with its edits in byte offsets.
type JSONFix struct {
	Title string     `json:"title"`
	Edits []JSONEdit `json:"edits"`
}

// JSONEdit replaces [start, end) with new.
type JSONEdit struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	New   string `json:"new"`
}

// ToJSON converts a finding with full detail.
func ToJSON(path string, d *core.Doc, f core.Finding) JSONFinding {
	line, col := d.Position(f.Start)
	el, ec := d.Position(f.End)
	j := JSONFinding{
		Path: path, Start: f.Start, End: f.End, Line: line, Column: col, EndLine: el, EndColumn: ec,
		Rule: f.Rule, Category: f.Category, Severity: f.Severity.String(), Message: f.Message,
		Match: d.Text[f.Start:f.End], InQuote: f.InQuote, Replacements: Replacements(d.Text, f),
	}
	for _, fx := range f.Fixes {
		jf := JSONFix{Title: fx.Title}
		for _, e := range fx.Edits {
			jf.Edits = append(jf.Edits, JSONEdit(e))
		}
		j.Fixes = append(j.Fixes, jf)
	}
	return j
}

// Line is exactly the line contract of --format jsonl; the HTTP service
// answers with the same fields, without the path.
type Line struct {
	Path         string   `json:"path,omitempty"`
	Start        int      `json:"start"`
	End          int      `json:"end"`
	Line         int      `json:"line"`
	Column       int      `json:"column"`
	Rule         string   `json:"rule"`
	Category     string   `json:"category"`
	Severity     string   `json:"severity"`
	Message      string   `json:"message"`
	Replacements []string `json:"replacements"`
}

// ToLine converts a finding to a jsonl line (path as given).
func ToLine(path string, d *core.Doc, f core.Finding) Line {
	line, col := d.Position(f.Start)
	return Line{
		Path: path, Start: f.Start, End: f.End, Line: line, Column: col,
		Rule: f.Rule, Category: f.Category, Severity: f.Severity.String(), Message: f.Message,
		Replacements: Replacements(d.Text, f),
	}
}

// JSONL writes one finding per line.
func JSONL(w io.Writer, files []File) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, f := range files {
		for _, x := range f.Findings {
			if err := enc.Encode(ToLine(f.Path, f.Doc, x)); err != nil {
				return err
			}
		}
	}
	return nil
}

// JSON writes all findings as one array.
func JSON(w io.Writer, files []File) error {
	all := []JSONFinding{}
	for _, f := range files {
		for _, x := range f.Findings {
			all = append(all, ToJSON(f.Path, f.Doc, x))
		}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(all)
}

// Text writes the human format: "path:line:col: severity: message [Rule]"
// and, for a finding with a fix, the fix as a word diff in context.
func Text(w io.Writer, files []File, color bool) error {
	for _, f := range files {
		for _, x := range f.Findings {
			line, col := f.Doc.Position(x.Start)
			sev := x.Severity.String()
			if color {
				sev = colorSeverity(x.Severity)
			}
			if _, err := fmt.Fprintf(w, "%s:%d:%d: %s: %s [%s]\n", f.Path, line, col, sev, x.Message, x.Rule); err != nil {
				return err
			}
			if len(x.Fixes) > 0 {
				before, after := FixContext(f.Doc, x, x.Fixes[0])
				if before != after {
					fmt.Fprintf(w, "    %s\n", WordDiff(before, after, color))
				}
				if len(x.Fixes) > 1 {
					var alts []string
					for _, r := range Replacements(f.Doc.Text, x)[1:] {
						alts = append(alts, "'"+visible(r)+"'")
					}
					if len(alts) > 0 {
						fmt.Fprintf(w, "    or: %s\n", strings.Join(alts, ", "))
					}
				}
			}
		}
	}
	return nil
}

func colorSeverity(s core.Severity) string {
	switch s {
	case core.Error:
		return "\x1b[1;31merror\x1b[0m"
	case core.Warning:
		return "\x1b[33mwarning\x1b[0m"
	}
	return "\x1b[36msuggestion\x1b[0m"
}

// FixContext returns the lines around a finding before and after its fix.
func FixContext(d *core.Doc, f core.Finding, fx core.Fix) (string, string) {
	lo, hi := f.Start, f.End
	for _, e := range fx.Edits {
		lo, hi = min(lo, e.Start), max(hi, e.End)
	}
	l1, _ := d.Position(lo)
	l2, _ := d.Position(hi)
	s, _ := d.LineSpan(l1)
	_, e := d.LineSpan(l2)
	// a change that removes whole lines reaches past the last line break
	for _, ed := range fx.Edits {
		if ed.End > e {
			e = ed.End
		}
	}
	e = min(e, len(d.Text))
	// on a very long line, a stretch of the line around the change (the
	// word diff shows a few words of it anyway)
	s, e = clipContext(d.Text, s, e, lo, hi)
	edits := make([]core.Edit, 0, len(fx.Edits))
	for _, ed := range fx.Edits {
		edits = append(edits, core.Edit{Start: ed.Start - s, End: ed.End - s, New: ed.New})
	}
	after, err := core.ApplyEdits(d.Text[s:e], edits)
	if err != nil {
		return "", ""
	}
	return d.Text[s:e], after
}

// maxContext is how much of a line FixContext keeps on each side of a
// change.
const maxContext = 300

// clipContext narrows [s, e) to at most maxContext bytes on each side of
// [lo, hi), cut after a space (or at a character boundary when there is no
// space near).
func clipContext(text string, s, e, lo, hi int) (int, int) {
	if lo-s > maxContext {
		c := lo - maxContext
		if i := strings.IndexByte(text[c:lo], ' '); i >= 0 {
			c += i + 1
		}
		for c < lo && !utf8.RuneStart(text[c]) {
			c++
		}
		s = c
	}
	if e-hi > maxContext {
		c := hi + maxContext
		if i := strings.LastIndexByte(text[hi:c], ' '); i >= 0 {
			c = hi + i
		}
		for c > hi && c < len(text) && !utf8.RuneStart(text[c]) {
			c--
		}
		e = c
	}
	return s, e
}

// Summary counts findings by severity and how many have one fix.
type Summary struct {
	Files, Errors, Warnings, Suggestions, Fixable int
}

// Summarize counts the findings of files.
func Summarize(files []File) Summary {
	var s Summary
	s.Files = len(files)
	for _, f := range files {
		for _, x := range f.Findings {
			switch x.Severity {
			case core.Error:
				s.Errors++
			case core.Warning:
				s.Warnings++
			default:
				s.Suggestions++
			}
			if len(x.Fixes) == 1 {
				s.Fixable++
			}
		}
	}
	return s
}

func (s Summary) String() string {
	plural := func(n int, one string) string {
		if n == 1 {
			return fmt.Sprintf("%d %s", n, one)
		}
		return fmt.Sprintf("%d %ss", n, one)
	}
	return fmt.Sprintf("%s checked: %s, %s, %s; %d fixable with copydesk fix",
		plural(s.Files, "file"), plural(s.Errors, "error"), plural(s.Warnings, "warning"), plural(s.Suggestions, "suggestion"), s.Fixable)
}

// SortFiles orders files by path.
func SortFiles(files []File) {
	sort.SliceStable(files, func(i, j int) bool { return files[i].Path < files[j].Path })
}
