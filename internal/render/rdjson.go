package render

import (
	"encoding/json"
	"io"

	"github.com/copydesk/copydesk/internal/core"
)

// The parts of reviewdog's Diagnostic Format (rdjson) that copydesk writes.
// Its positions are 1-based lines and 1-based columns counted in bytes of
// UTF-8, and a range's end is exclusive.
type (
	// RDResult is the top-level rdjson object.
	RDResult struct {
		Source      RDSource       `json:"source"`
		Diagnostics []RDDiagnostic `json:"diagnostics"`
	}
	// RDSource names the tool.
	RDSource struct {
		Name string `json:"name"`
		URL  string `json:"url,omitempty"`
	}
	// RDDiagnostic is one finding.
	RDDiagnostic struct {
		Message     string         `json:"message"`
		Location    RDLocation     `json:"location"`
		Severity    string         `json:"severity"`
		Source      RDSource       `json:"source"`
		Code        RDCode         `json:"code"`
		Suggestions []RDSuggestion `json:"suggestions,omitempty"`
	}
	// RDLocation is a path and a range in it.
	RDLocation struct {
		Path  string  `json:"path"`
		Range RDRange `json:"range"`
	}
	// RDRange runs from Start up to, not including, End.
	RDRange struct {
		Start RDPosition `json:"start"`
		End   RDPosition `json:"end"`
	}
	// RDPosition is a line and a byte column, both from 1.
	RDPosition struct {
		Line   int `json:"line"`
		Column int `json:"column"`
	}
	// RDCode is the rule.
	RDCode struct {
		Value string `json:"value"`
		URL   string `json:"url,omitempty"`
	}
	// RDSuggestion replaces a range with text.
	RDSuggestion struct {
		Range RDRange `json:"range"`
		Text  string  `json:"text"`
	}
)

// RDJSON writes reviewdog's rdjson: one diagnostic per finding, with one
// suggestion per alternative fix, each replacing the finding's whole range
// (reviewdog turns each into a suggested change on a pull request).
func RDJSON(w io.Writer, files []File) error {
	out := RDResult{Source: RDSource{Name: "copydesk"}, Diagnostics: []RDDiagnostic{}}
	for _, f := range files {
		for _, x := range f.Findings {
			rng := RDRange{Start: rdPosition(f.Doc, x.Start), End: rdPosition(f.Doc, x.End)}
			d := RDDiagnostic{
				Message:  x.Message,
				Location: RDLocation{Path: f.Path, Range: rng},
				Severity: rdSeverity(x.Severity),
				Source:   RDSource{Name: "copydesk"},
				Code:     RDCode{Value: x.Rule},
			}
			seen := map[string]bool{}
			for _, r := range Replacements(f.Doc.Text, x) {
				if !seen[r] {
					seen[r] = true
					d.Suggestions = append(d.Suggestions, RDSuggestion{Range: rng, Text: r})
				}
			}
			out.Diagnostics = append(out.Diagnostics, d)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// rdPosition gives the line and 1-based byte column of an offset.
func rdPosition(d *core.Doc, off int) RDPosition {
	line, _ := d.Position(off)
	start, _ := d.LineSpan(line)
	return RDPosition{Line: line, Column: off - start + 1}
}

func rdSeverity(s core.Severity) string {
	switch s {
	case core.Error:
		return "ERROR"
	case core.Warning:
		return "WARNING"
	}
	return "INFO"
}
