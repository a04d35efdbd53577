package main

import (
	"encoding/json"
	"io"

	"github.com/copydesk/copydesk/internal/engine"
	"github.com/copydesk/copydesk/internal/render"
)

type fixJSONFile struct {
	Path    string               `json:"path"`
	Changed bool                 `json:"changed"`
	Applied []render.JSONFinding `json:"applied"`
	Skipped []fixJSONSkip        `json:"skipped"`
}

type fixJSONSkip struct {
	render.JSONFinding
	Reason string `json:"reason"`
}

// fixJSON writes, per file, the fixes applied (each with its edits) and the
// ones skipped with the reason.
func fixJSON(w io.Writer, fixed []engine.FixResult) error {
	out := []fixJSONFile{}
	for _, fr := range fixed {
		if fr.Err != nil {
			continue
		}
		f := fixJSONFile{Path: fr.Path, Changed: fr.Fixed != fr.Text, Applied: []render.JSONFinding{}, Skipped: []fixJSONSkip{}}
		for _, a := range fr.Applied {
			f.Applied = append(f.Applied, render.ToJSON("", fr.Doc, a))
		}
		for _, s := range fr.Skipped {
			f.Skipped = append(f.Skipped, fixJSONSkip{render.ToJSON("", fr.Doc, s.Finding), s.Reason})
		}
		out = append(out, f)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
