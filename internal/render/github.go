package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/copydesk/copydesk/internal/core"
)

// GitHub writes one GitHub Actions workflow command per finding, which the
// Actions runner turns into an annotation on the file and line:
//
//	::error file=docs/a.md,line=3,col=5,endLine=3,endColumn=12,title=Copy.DoubledWord::'the' is written twice.
//
// Severities map to error, warning and notice. The message carries the
// first fix ("Fix: replace with 'took'") on a second line. Paths should be
// relative to the repository's top folder, with forward slashes, as the
// runner matches them against the checkout.
func GitHub(w io.Writer, files []File) error {
	for _, f := range files {
		for _, x := range f.Findings {
			line, col := f.Doc.Position(x.Start)
			el, ec := f.Doc.Position(x.End)
			if x.End == x.Start {
				ec = col
			}
			props := []string{
				"file=" + githubProperty(f.Path),
				fmt.Sprintf("line=%d", line),
				fmt.Sprintf("col=%d", col),
				fmt.Sprintf("endLine=%d", el),
				fmt.Sprintf("endColumn=%d", ec),
				"title=" + githubProperty(x.Rule),
			}
			msg := x.Message
			if hint := FixHint(f.Doc.Text, x); hint != "" {
				msg += "\n" + hint
			}
			if _, err := fmt.Fprintf(w, "::%s %s::%s\n", githubLevel(x.Severity), strings.Join(props, ","), githubData(msg)); err != nil {
				return err
			}
		}
	}
	return nil
}

func githubLevel(s core.Severity) string {
	switch s {
	case core.Error:
		return "error"
	case core.Warning:
		return "warning"
	}
	return "notice"
}

// githubData escapes a command's message: the runner reads %, CR and LF as
// escapes and ends the command at a line break.
func githubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// githubProperty escapes a property value, where ":" would end the
// properties and "," would start the next one.
func githubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// FixHint is a one-line account of a finding's fixes for formats without a
// place for them: "Fix: replace with 'took'", "Fix: delete it", or the
// alternatives.
func FixHint(text string, f core.Finding) string {
	reps := Replacements(text, f)
	if len(reps) == 0 {
		return ""
	}
	var alts []string
	for _, r := range reps {
		if r == "" {
			alts = append(alts, "delete it")
		} else {
			alts = append(alts, "replace with '"+shorten(visible(r), 80)+"'")
		}
	}
	return "Fix: " + strings.Join(alts, " or ")
}

// shorten cuts s to at most n characters, marking the cut with "…".
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
