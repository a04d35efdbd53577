package engine

import (
	"strings"

	"github.com/copydesk/copydesk/internal/config"
	"github.com/copydesk/copydesk/internal/core"
)

// chunkSize is the length from which a plain-text file is checked in parts.
// A news article is a few kilobytes; a text of many megabytes is an archive
// or a dump, and checking it whole would hold every word's record at once.
// Parts end at a paragraph break, so only article-level rules (repeated
// sentences, name variants, the one year an article mentions) see less:
// one part at a time.
var chunkSize = 4 << 20

// runRulesInParts runs the Go rules on a long plain text part by part, each
// part a document of its own, and moves the findings to offsets of the whole
// text. Documents below chunkSize, and Markdown and HTML (whose markup may not
// be cut), are checked whole.
func (e *Engine) runRulesInParts(whole *core.Doc, c *config.Config) []core.Finding {
	if whole.Format != core.FormatText || len(whole.Text) <= chunkSize {
		return e.runRules(whole, c)
	}
	var out []core.Finding
	text := whole.Text
	for start := 0; start < len(text); {
		end := partEnd(text, start)
		part := core.NewDoc(whole.Path, text[start:end], core.FormatText, whole.Options)
		for _, f := range e.runRules(part, c) {
			f.Start += start
			f.End += start
			for i := range f.Fixes {
				edits := make([]core.Edit, len(f.Fixes[i].Edits))
				for j, ed := range f.Fixes[i].Edits {
					edits[j] = core.Edit{Start: ed.Start + start, End: ed.End + start, New: ed.New}
				}
				f.Fixes[i].Edits = edits
			}
			out = append(out, f)
		}
		start = end
	}
	return out
}

// partEnd picks where the part starting at start ends: after the first
// paragraph break past chunkSize, else after a line break, else after a
// space, else at chunkSize (on a character boundary).
func partEnd(text string, start int) int {
	if len(text)-start <= chunkSize {
		return len(text)
	}
	at := start + chunkSize
	window := text[at:min(len(text), at+max(chunkSize/4, 4096))]
	for _, sep := range []string{"\n\n", "\r\n\r\n", "\n", " "} {
		if i := strings.Index(window, sep); i >= 0 {
			return at + i + len(sep)
		}
	}
	for at > start && at < len(text) && text[at]&0xC0 == 0x80 {
		at--
	}
	return at
}
