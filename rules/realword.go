package rules

//go:generate go run ./internal/genrealword -data realword

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/internal/core"
	"github.com/copydesk/copydesk/rules/realword"
)

// RealWord catches correctly spelled words that are the wrong word: "which
// tool place" for "took place", "came form Texas", "a pubic hearing", "more
// then 200", "free reign". Three mechanisms share one rule id:
//
//   - the phrase table (realword_phrases.go): one-edit variants and
//     homophones of a few thousand fixed expressions, known wrong phrases
//     (eggcorns) and context patterns for confusable words;
//   - confusion sets scored in context (realword_confusion.go, with the
//     scores in rules/realword/judge.go): word n-gram counts first, then,
//     where the words were never seen together, the word classes of the
//     neighbours ("to meat the", "there loyal supporters"), a rare word
//     beside a common partner's exact context ("look foreword to"), and
//     words that a grammatical slot rules out: a noun or verb where a
//     preposition of its set must stand before a name or figure ("flew in
//     form Beijing", "down form £2.6bn"), a conjunction after a subject
//     pronoun ("she though it was over"), a possessive before "been";
//   - "it's"/"there" before a word that its ending marks as a noun, and two
//     embarrassing slips ("pubic" before anything but anatomy, "Untied" as
//     a name), also in realword_confusion.go.
//
// Pitfalls: names and titles (Tool Place LLC, the band Free Reign), phrases
// that are right in another sense ("power tool placed", "to effect change"),
// and quotations, which the engine reports one level lower.
type RealWord struct{}

func (RealWord) Meta() core.Meta {
	return core.Meta{
		ID:       "Copy.RealWord",
		Category: core.CatRealWord,
		Severity: core.Warning,
		Doc:      "a real word where another was meant: a slip inside a fixed phrase, a confused homophone, a misheard idiom",
		Example:  "which tool place on Monday -> which took place on Monday",
		Quotes:   core.QuoteLower,
	}
}

func (r RealWord) Check(d *core.Doc) []core.Finding {
	toks := realword.Tokens(d)
	if len(toks) == 0 {
		return nil
	}
	skip := skippedTokens(d, toks)
	fs := phraseFindings(d, toks, skip)
	// the word-level checks yield to a phrase finding that covers them
	for _, f := range append(possessiveFindings(d, toks, skip, apostrophe(d)), slipFindings(d, toks, skip)...) {
		if !overlapsAny(f, fs) {
			fs = append(fs, f)
		}
	}
	fs = dropOverlaps(fs)
	fs = append(fs, confusionFindings(d, toks, skip, fs)...)
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].Start < fs[j].Start })
	return fs
}

func overlapsAny(f core.Finding, fs []core.Finding) bool {
	for _, g := range fs {
		if f.Start < g.End && g.Start < f.End {
			return true
		}
	}
	return false
}

// skippedTokens marks the words no mechanism looks at: bylines, and the
// words next to something left out of the prose (a Markdown code span, an
// image), whose context is not there to read.
func skippedTokens(d *core.Doc, toks []realword.Tok) []bool {
	skip := make([]bool, len(toks))
	paras := d.Paras()
	pi := 0
	for i, t := range toks {
		for pi < len(paras) && paras[pi].End < t.Start {
			pi++
		}
		if pi < len(paras) && paras[pi].Kind == core.KindByline {
			skip[i] = true
		}
		if i > 0 && strings.Contains(d.Prose[toks[i-1].End:t.Start], "\ufffc") {
			skip[i], skip[i-1] = true, true
		}
	}
	return skip
}

// caseOf describes how a word is capitalised.
type wordCase uint8

const (
	caseLower wordCase = iota // police
	caseTitle                 // Police
	caseUpper                 // POLICE
	caseMixed                 // iPhone, McCain
)

func caseOf(w string) wordCase {
	upper, lower, first := 0, 0, true
	firstUpper := false
	for _, r := range w {
		if !unicode.IsLetter(r) {
			continue
		}
		if unicode.IsUpper(r) {
			upper++
			if first {
				firstUpper = true
			}
		} else {
			lower++
		}
		first = false
	}
	switch {
	case upper == 0:
		return caseLower
	case lower == 0 && upper > 1:
		return caseUpper
	case firstUpper && upper == 1:
		return caseTitle
	case lower == 0:
		return caseTitle // a one-letter capital
	}
	return caseMixed
}

// withCase gives repl the capitalisation of orig: "Tool" -> "Took",
// "TOOL" -> "TOOK", "tool" -> "took" (a canonical capital in repl is kept
// only when orig is capitalised too).
func withCase(orig, repl string) string {
	switch caseOf(orig) {
	case caseUpper:
		return strings.ToUpper(repl)
	case caseTitle:
		r, size := utf8.DecodeRuneInString(repl)
		return string(unicode.ToUpper(r)) + repl[size:]
	}
	if caseOf(repl) == caseTitle {
		return strings.ToLower(repl)
	}
	return repl
}

// apostrophe returns the apostrophe the document mostly uses.
func apostrophe(d *core.Doc) string {
	if strings.Count(d.Prose, "’") > strings.Count(d.Prose, "'") {
		return "’"
	}
	return "'"
}

// withApostrophe writes a replacement word with the document's apostrophe.
func withApostrophe(w, apos string) string {
	if apos == "'" || !strings.Contains(w, "'") {
		return w
	}
	return strings.ReplaceAll(w, "'", apos)
}
