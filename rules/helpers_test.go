package rules

import (
	"strings"
	"testing"

	"github.com/copydesk/copydesk/internal/core"
)

// doc builds a plain-text document for a test, in American English unless
// lang is given.
func doc(text string, lang ...string) *core.Doc {
	l := "en-US"
	if len(lang) > 0 {
		l = lang[0]
	}
	return core.NewDoc("test.txt", text, core.FormatText, core.Options{Lang: l})
}

// fixOnce runs rule on text and applies the first fix of every finding.
func fixOnce(t *testing.T, r core.Rule, d *core.Doc) (string, []core.Finding) {
	t.Helper()
	fs := r.Check(d)
	var edits []core.Edit
	for _, f := range fs {
		if f.Start < 0 || f.End > len(d.Prose) || f.Start > f.End {
			t.Fatalf("%s: finding span [%d,%d) outside the text", r.Meta().ID, f.Start, f.End)
		}
		if len(f.Fixes) > 0 {
			edits = append(edits, f.Fixes[0].Edits...)
		}
	}
	out, err := core.ApplyEdits(d.Prose, edits)
	if err != nil {
		t.Fatalf("%s: %v", r.Meta().ID, err)
	}
	return out, fs
}

// assertFix checks that rule finds something in input and that its first
// fixes turn input into want.
func assertFix(t *testing.T, r core.Rule, input, want string, lang ...string) {
	t.Helper()
	got, fs := fixOnce(t, r, doc(input, lang...))
	if len(fs) == 0 {
		t.Errorf("%s: no finding in %q", r.Meta().ID, input)
		return
	}
	if got != want {
		t.Errorf("%s: fixed\n  %q\nto\n  %q\nwant\n  %q", r.Meta().ID, input, got, want)
	}
}

// assertFinds checks that rule finds exactly the given substrings (in order)
// of input, without looking at fixes.
func assertFinds(t *testing.T, r core.Rule, input string, want ...string) {
	t.Helper()
	d := doc(input)
	fs := r.Check(d)
	var got []string
	for _, f := range fs {
		got = append(got, d.Prose[f.Start:f.End])
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("%s on %q: found %q, want %q", r.Meta().ID, input, got, want)
	}
}

// assertClean checks that rule finds nothing in input.
func assertClean(t *testing.T, r core.Rule, input string, lang ...string) {
	t.Helper()
	d := doc(input, lang...)
	for _, f := range r.Check(d) {
		t.Errorf("%s: false alarm on %q: %q: %s", r.Meta().ID, input, d.Prose[f.Start:f.End], f.Message)
	}
}
