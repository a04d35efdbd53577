package render

import (
	"strings"
	"testing"
)

func TestWordDiffShowsWholeWords(t *testing.T) {
	for _, c := range []struct{ before, after, want string }{
		{"which tool place on", "which took place on", "which [-tool-]{+took+} place on"},
		{"an end-year deadline", "an year-end deadline", "an [-end-year-]{+year-end+} deadline"},
		{"said the the mayor", "said the mayor", "said the [-the -]mayor"},
		{"Un.  The", "Un. The", "Un. [-·-]The"},
		{"again , a", "again, a", "again[-·-], a"},
	} {
		if got := WordDiff(c.before, c.after, false); got != c.want {
			t.Errorf("WordDiff(%q, %q) = %q, want %q", c.before, c.after, got, c.want)
		}
	}
	long := strings.Repeat("word ", 40) + "teh end " + strings.Repeat("more ", 40)
	got := WordDiff(long, strings.Replace(long, "teh", "the", 1), false)
	if !strings.Contains(got, "[-teh-]{+the+}") || len(got) > 120 || !strings.Contains(got, "…") {
		t.Errorf("long context not trimmed: %q", got)
	}
}

func TestUnifiedDiffHeadersAndMissingNewline(t *testing.T) {
	d := Unified("a/x y.txt", "b/x y.txt", "one\ntwo\nthree", "one\n2\nthree")
	for _, want := range []string{"--- a/x y.txt\t\n", "+++ b/x y.txt\t\n", "@@ -1,3 +1,3 @@\n", "-two\n+2\n", " three\n\\ No newline at end of file\n"} {
		if !strings.Contains(d, want) {
			t.Errorf("diff lacks %q:\n%s", want, d)
		}
	}
	if Unified("a", "b", "same\n", "same\n") != "" {
		t.Error("a diff for equal texts")
	}
	if d := Unified("a/\"q\"", "b/\"q\"", "x\n", "y\n"); !strings.HasPrefix(d, "--- \"a/\\\"q\\\"\"\n") {
		t.Errorf("quoted name: %q", d)
	}
}
