// Package core holds copydesk's central types: the document model that every
// check reads (Doc), what a check reports (Finding, Fix, Edit), and the Rule
// interface that the Go checks in rules/ implement.
//
// Offsets are byte offsets everywhere. Rules work on Doc.Prose (the prose of a
// file with markup taken out); the engine maps their spans back into Doc.Text,
// the file as read, before anything is printed or applied.
package core

import (
	"fmt"
	"strings"
)

// Severity follows Vale's three levels.
type Severity int

const (
	Suggestion Severity = iota
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	default:
		return "suggestion"
	}
}

// Lower returns the next severity down (suggestion stays suggestion).
func (s Severity) Lower() Severity {
	if s > Suggestion {
		return s - 1
	}
	return s
}

// ParseSeverity reads "error", "warning" or "suggestion".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error":
		return Error, nil
	case "warning":
		return Warning, nil
	case "suggestion":
		return Suggestion, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning or suggestion)", s)
}

// Categories, as in DESIGN.md. A Vale rule gets one from ValeCategory.
const (
	CatTypo        = "typo"
	CatRealWord    = "real-word"
	CatRepetition  = "repetition"
	CatCMS         = "cms-artifact"
	CatPunctuation = "punctuation"
	CatStyle       = "style"
	CatConsistency = "consistency"
	CatFactCheck   = "fact-check"
)

// Categories lists every category in a stable order.
var Categories = []string{CatTypo, CatRealWord, CatRepetition, CatCMS, CatPunctuation, CatStyle, CatConsistency, CatFactCheck}

// Edit replaces the bytes [Start, End) with New.
type Edit struct {
	Start, End int
	New        string
}

// Fix is one way to resolve a finding. The fixes of one finding are
// alternatives: at most one of them is ever applied.
type Fix struct {
	Title string
	Edits []Edit
}

// Finding is one problem a check found.
type Finding struct {
	Rule     string
	Category string
	Severity Severity
	Start    int
	End      int
	Message  string
	Fixes    []Fix
	// InQuote is set by the engine when the finding lies inside a direct
	// quotation.
	InQuote bool
}

// Replace is a helper for the common fix: put text in place of a span.
func Replace(start, end int, text, title string) Fix {
	if title == "" {
		if text == "" {
			title = "Delete"
		} else {
			title = fmt.Sprintf("Replace with '%s'", text)
		}
	}
	return Fix{Title: title, Edits: []Edit{{Start: start, End: end, New: text}}}
}

// QuotePolicy says what happens to a rule's findings inside a direct
// quotation.
type QuotePolicy int

const (
	// QuoteSame: quotations make no difference (repeated lines, debris).
	QuoteSame QuotePolicy = iota
	// QuoteLower: still reported, one severity lower, as a possible
	// transcription error (typos, real-word errors).
	QuoteLower
	// QuoteSkip: never reported inside a quotation (style).
	QuoteSkip
)

// Meta describes a rule for users and for the engine.
type Meta struct {
	ID       string // Style.Name, e.g. Copy.RepeatedLine
	Category string
	Severity Severity // default severity; a rule may report others
	Doc      string   // one line: what it catches
	Example  string   // a wrong -> right example
	Quotes   QuotePolicy
	// Categories lists other categories some of its findings take (a
	// finding's own Category says which).
	Categories []string
}

// Rule is a Go check. Rules are stateless: their data is compiled once and
// Check may run concurrently on different documents.
type Rule interface {
	Meta() Meta
	Check(d *Doc) []Finding
}
