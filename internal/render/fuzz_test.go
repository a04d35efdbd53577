package render

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/bench/newsgen"
	"github.com/copydesk/copydesk/internal/core"
)

// applyUnified applies a unified diff made by Unified to old, strictly: the
// context and removed lines must be old's lines, at the lines the hunk
// headers name, and the counts must add up.
func applyUnified(old, diff string) (string, error) {
	if diff == "" {
		return old, nil
	}
	lines := splitLines(old)
	d := splitLines(diff)
	if len(d) < 2 || !strings.HasPrefix(d[0], "--- ") || !strings.HasPrefix(d[1], "+++ ") {
		return "", fmt.Errorf("no header: %q", diff)
	}
	var out strings.Builder
	outLines := 0
	pos := 0 // next line of old to copy
	for i := 2; i < len(d); {
		var a, b, c, e int
		h := strings.TrimSuffix(d[i], "\n")
		if _, err := fmt.Sscanf(rangeForm(h), "@@ -%d,%d +%d,%d @@", &a, &b, &c, &e); err != nil {
			return "", fmt.Errorf("hunk header %q: %v", h, err)
		}
		start := a - 1
		if b == 0 {
			start = a
		}
		if start < pos || start > len(lines) {
			return "", fmt.Errorf("hunk %q starts at line %d, already past %d (of %d)", h, start+1, pos, len(lines))
		}
		for _, l := range lines[pos:start] {
			out.WriteString(l)
			outLines++
		}
		pos = start
		newStart := c - 1
		if e == 0 {
			newStart = c
		}
		if newStart != outLines {
			return "", fmt.Errorf("hunk %q: new text at line %d, want %d", h, outLines+1, c)
		}
		i++
		oldN, newN := 0, 0
		for i < len(d) && !strings.HasPrefix(d[i], "@@ ") {
			body := d[i]
			i++
			text := body[1:]
			if i < len(d) && strings.HasPrefix(d[i], "\\ ") {
				if d[i] != "\\ No newline at end of file\n" {
					return "", fmt.Errorf("odd marker %q", d[i])
				}
				text = strings.TrimSuffix(text, "\n")
				i++
			} else if !strings.HasSuffix(text, "\n") {
				return "", fmt.Errorf("body line %q without a line break or marker", body)
			}
			switch body[0] {
			case ' ', '-':
				if pos >= len(lines) || lines[pos] != text {
					return "", fmt.Errorf("hunk %q: line %d is not %q", h, pos+1, text)
				}
				pos++
				oldN++
				if body[0] == ' ' {
					out.WriteString(text)
					outLines++
					newN++
				}
			case '+':
				out.WriteString(text)
				outLines++
				newN++
			default:
				return "", fmt.Errorf("body line %q", body)
			}
		}
		if oldN != b || newN != e {
			return "", fmt.Errorf("hunk %q holds %d old and %d new lines", h, oldN, newN)
		}
	}
	for _, l := range lines[pos:] {
		out.WriteString(l)
	}
	return out.String(), nil
}

// rangeForm writes "@@ -3 +3 @@" (a count of one left out) as "@@ -3,1 +3,1 @@".
func rangeForm(h string) string {
	f := strings.Fields(h)
	if len(f) != 4 {
		return h
	}
	for _, k := range []int{1, 2} {
		if !strings.Contains(f[k], ",") {
			f[k] += ",1"
		}
	}
	return strings.Join(f, " ")
}

// FuzzUnified diffs any two texts: applying the diff to the first gives
// the second.
//
//	go test ./internal/render -run '^$' -fuzz FuzzUnified -fuzztime 15s
func FuzzUnified(f *testing.F) {
	for _, p := range [][2]string{
		{"one\ntwo\nthree", "one\n2\nthree"},
		{"a\nb\n", "a\nb"},
		{"", "x\n"},
		{"x\n", ""},
		{"same\n", "same\n"},
		{"l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\n", "l1\nL2\nl3\nl4\nl5\nl6\nl7\nl8\nL9\nl10\n"},
		{"a\r\nb\r\n", "a\r\nc\r\n"},
		{"\n\n\n", "\n\n"},
	} {
		f.Add(p[0], p[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		diff := Unified("a/x.txt", "b/x.txt", a, b)
		if (diff == "") != (a == b) {
			t.Fatalf("diff %q for %q and %q", diff, a, b)
		}
		got, err := applyUnified(a, diff)
		if err != nil {
			t.Fatalf("%v\ndiff:\n%s", err, diff)
		}
		if got != b {
			t.Fatalf("the diff makes %q of %q, want %q\n%s", got, a, b, diff)
		}
	})
}

// FuzzWordDiff: the word diff of any two texts is made without a panic, and
// shows every deleted and inserted word when the texts are short.
func FuzzWordDiff(f *testing.F) {
	f.Add("which tool place on", "which took place on", false)
	f.Add("an end-year deadline", "an year-end deadline", true)
	f.Add("\xff\xfe a", "a \U0010FFFF", false)
	f.Fuzz(func(t *testing.T, a, b string, color bool) {
		got := WordDiff(a, b, color)
		if a != b && got == "" && strings.TrimSpace(a+b) != "" {
			t.Fatalf("no word diff for %q -> %q", a, b)
		}
	})
}

// FuzzFixContext: the context of any fix on any line holds the fix's
// change, and is clipped on very long lines.
func FuzzFixContext(f *testing.F) {
	f.Add("a b c the the d e", 6, 13, 9, 13, "", uint16(0))
	f.Add("é😀 x y", 0, 3, 0, 2, "z", uint16(400))
	f.Fuzz(func(t *testing.T, text string, fs, fe, es, ee int, repl string, pad uint16) {
		text = strings.Repeat("word ", int(pad)) + text + strings.Repeat(" more", int(pad))
		shift := 5 * int(pad)
		d := core.NewDoc("fuzz", text, core.FormatText, core.Options{})
		fs, fe, es, ee = fs+shift, fe+shift, es+shift, ee+shift
		if fs < 0 || fs > fe || fe > len(text) || es < 0 || es > ee || ee > len(text) {
			return
		}
		e := core.Edit{Start: es, End: ee, New: repl}
		if !core.OnRuneBoundaries(text, e) {
			return
		}
		before, after := FixContext(d, core.Finding{Start: fs, End: fe}, core.Fix{Edits: []core.Edit{e}})
		if !strings.Contains(before, text[es:ee]) || !strings.Contains(after, repl) {
			t.Fatalf("context %q -> %q misses the change %q -> %q", before, after, text[es:ee], repl)
		}
		if len(before) > 2*maxContext+(max(fe, ee)-min(fs, es))+8 {
			t.Fatalf("context of %d bytes for a change of %d", len(before), ee-es)
		}
		WordDiff(before, after, false)
	})
}

// TestUnifiedDiffOfFixesAppliesWithGitApply is the slower cross-check of
// the fuzzed applier: git itself applies diffs of generated copy and its
// fixes, long files and odd line endings included.
func TestUnifiedDiffOfFixesAppliesWithGitApply(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("git is needed for this test")
	}
	dir := t.TempDir()
	run := func(args ...string) string {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	run("init", "-q")
	g := newsgen.New(11)
	cases := map[string][2]string{}
	for i := 0; i < 6; i++ {
		a := g.Article(4000)
		b := strings.Replace(strings.Replace(a, "the the", "the", -1), " ,", ",", -1)
		b = strings.Replace(b, "recieved", "received", -1) + "One more line.\n"
		if i%2 == 1 {
			a, b = strings.ReplaceAll(a, "\n", "\r\n"), strings.ReplaceAll(b, "\n", "\r\n")
		}
		if i == 2 {
			b = strings.TrimSuffix(b, "\n")
		}
		cases["story "+strconv.Itoa(i)+".txt"] = [2]string{a, b}
	}
	big := newsgen.Text(4, 400_000)
	cases["big.txt"] = [2]string{big, strings.Replace(big, "\n\nAdvertisement\n", "\n", -1)}
	var all strings.Builder
	for name, c := range cases {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(c[0]), 0o644); err != nil {
			t.Fatal(err)
		}
		diff := Unified("a/"+name, "b/"+name, c[0], c[1])
		if got, err := applyUnified(c[0], diff); err != nil || got != c[1] {
			t.Fatalf("%s: the applier disagrees: %v", name, err)
		}
		all.WriteString(diff)
	}
	if err := os.WriteFile(filepath.Join(dir, "fix.diff"), []byte(all.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	run("apply", "--check", "fix.diff")
	run("apply", "fix.diff")
	for name, c := range cases {
		got, _ := os.ReadFile(filepath.Join(dir, name))
		if string(got) != c[1] {
			t.Errorf("%s: git apply made a different text", name)
		}
	}
}

// TestUnifiedDiffOfManyDistinctLines: more distinct lines than go-diff can
// number still give a diff that applies.
func TestUnifiedDiffOfManyDistinctLines(t *testing.T) {
	var a, b strings.Builder
	for i := 0; i < 300_000; i++ {
		fmt.Fprintf(&a, "line %d\n", i)
		fmt.Fprintf(&b, "Line %d\n", i)
	}
	diff := Unified("a/x", "b/x", a.String(), b.String())
	got, err := applyUnified(a.String(), diff)
	if err != nil || got != b.String() {
		t.Fatalf("diff of many lines does not apply: %v", err)
	}
}
