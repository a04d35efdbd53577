package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// cli runs copydesk in-process and returns its exit code and output.
func cli(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func write(t *testing.T, path, text string, mode os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), mode); err != nil {
		t.Fatal(err)
	}
}

const dirty = "Storm closes schools\n\nThe storm closed the the schools on Monday , officials said.\n\nAdvertisement\n\nClasses resume Friday.\n"
const clean = "Storm closes schools\n\nThe storm closed the schools on Monday, officials said.\n\nClasses resume Friday.\n"

func TestCheckExitCodes(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "dirty.txt"), dirty, 0o644)
	write(t, filepath.Join(dir, "clean.txt"), clean, 0o644)
	if code, out, _ := cli(t, "", "check", "--no-vale", filepath.Join(dir, "clean.txt")); code != 0 || out != "" {
		t.Errorf("clean: exit %d, output %q", code, out)
	}
	if code, out, _ := cli(t, "", "check", "--no-vale", filepath.Join(dir, "dirty.txt")); code != 1 || !strings.Contains(out, "Copy.DoubledWord") {
		t.Errorf("dirty: exit %d, output %q", code, out)
	}
	// warnings only: below the default --fail-on error
	if code, _, _ := cli(t, "", "check", "--no-vale", "--only", "Copy.Spacing", filepath.Join(dir, "dirty.txt")); code != 0 {
		t.Errorf("warnings only: exit %d", code)
	}
	if code, _, _ := cli(t, "", "check", "--no-vale", "--only", "Copy.Spacing", "--fail-on", "warning", filepath.Join(dir, "dirty.txt")); code != 1 {
		t.Errorf("--fail-on warning: exit %d", code)
	}
	// a missing path is exit 2, and the other files are still checked
	code, out, errs := cli(t, "", "check", "--no-vale", filepath.Join(dir, "nope.txt"), filepath.Join(dir, "dirty.txt"))
	if code != 2 || !strings.Contains(errs, "nope.txt") || !strings.Contains(out, "dirty.txt") {
		t.Errorf("missing: exit %d, stderr %q, stdout %q", code, errs, out)
	}
	if code, _, errs := cli(t, "", "check", "--format", "xml", filepath.Join(dir, "clean.txt")); code != 2 || !strings.Contains(errs, "--format") {
		t.Errorf("bad flag: exit %d %q", code, errs)
	}
	if code, _, _ := cli(t, "", "check", "--no-vale", "--lang", "fr", filepath.Join(dir, "clean.txt")); code != 2 {
		t.Errorf("bad lang: exit %d", code)
	}
}

func TestJSONLFollowsTheContract(t *testing.T) {
	code, out, _ := cli(t, "The the vote tool place.", "check", "--no-vale", "--format", "jsonl", "--stdin-name", "story.txt", "-")
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	line := strings.SplitN(out, "\n", 2)[0]
	var m map[string]any
	if err := json.Unmarshal([]byte(line), &m); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	want := []string{"category", "column", "end", "line", "message", "path", "replacements", "rule", "severity", "start"}
	if !reflect.DeepEqual(keys, want) {
		t.Fatalf("keys %v", keys)
	}
	if m["path"] != "story.txt" || m["start"].(float64) != 0 || m["end"].(float64) != 7 || m["replacements"].([]any)[0] != "The" {
		t.Fatalf("finding %v", m)
	}
}

func TestFixDiffAppliesWithGitApplyAndPatch(t *testing.T) {
	for _, tool := range []string{"git", "patch"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is needed for this test", tool)
		}
	}
	for _, tool := range []string{"git", "patch"} {
		dir := t.TempDir()
		write(t, filepath.Join(dir, "copy", "story one.txt"), dirty, 0o644)
		write(t, filepath.Join(dir, "copy", "b.md"), "# Head\n\nA *big* win for the the team.\n", 0o644)
		wd, _ := os.Getwd()
		if err := os.Chdir(dir); err != nil {
			t.Fatal(err)
		}
		code, diff, errs := cli(t, "", "fix", "--no-vale", "copy")
		os.Chdir(wd)
		if code != 0 || !strings.HasPrefix(diff, "--- a/copy/") {
			t.Fatalf("fix: exit %d, diff %q, stderr %q", code, diff, errs)
		}
		var cmd *exec.Cmd
		if tool == "git" {
			exec.Command("git", "-C", dir, "init", "-q").Run()
			cmd = exec.Command("git", "apply", "-")
		} else {
			cmd = exec.Command("patch", "-p1")
		}
		cmd.Dir = dir
		cmd.Stdin = strings.NewReader(diff)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s rejected the diff: %v\n%s\n%s", tool, err, out, diff)
		}
		got, _ := os.ReadFile(filepath.Join(dir, "copy", "story one.txt"))
		if string(got) != clean {
			t.Errorf("%s: got %q", tool, got)
		}
		got, _ = os.ReadFile(filepath.Join(dir, "copy", "b.md"))
		if string(got) != "# Head\n\nA *big* win for the team.\n" {
			t.Errorf("%s: markdown got %q", tool, got)
		}
	}
}

func TestFixWriteKeepsModeLineEndingsAndBOM(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.txt")
	crlf := "\ufeff" + strings.ReplaceAll(dirty, "\n", "\r\n")
	write(t, p, crlf, 0o640)
	code, out, errs := cli(t, "", "fix", "-w", "--no-vale", p)
	if code != 0 || out != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	got, _ := os.ReadFile(p)
	if want := "\ufeff" + strings.ReplaceAll(clean, "\n", "\r\n"); string(got) != want {
		t.Fatalf("got %q\nwant %q", got, want)
	}
	st, _ := os.Stat(p)
	if st.Mode().Perm() != 0o640 {
		t.Fatalf("mode %v", st.Mode().Perm())
	}
	if !strings.Contains(errs, "3 fixed, 0 skipped") && !strings.Contains(errs, "fixed") {
		t.Fatalf("no report: %q", errs)
	}
	// no temporary files are left behind
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("left behind: %v", entries)
	}
}

func TestFixWriteRefusesReadOnlyFiles(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.txt")
	write(t, p, dirty, 0o444)
	code, _, errs := cli(t, "", "fix", "-w", "--no-vale", p)
	if code != 2 || !strings.Contains(errs, "read-only") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	if got, _ := os.ReadFile(p); string(got) != dirty {
		t.Fatal("read-only file changed")
	}
}

func TestFolderWalkReadsCopyAndSkipsTheRest(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.txt"), dirty, 0o644)
	write(t, filepath.Join(dir, "sub", "b.md"), dirty, 0o644)
	write(t, filepath.Join(dir, "sub", "c.html"), "<p>the the</p>", 0o644)
	write(t, filepath.Join(dir, ".git", "d.txt"), dirty, 0o644)
	write(t, filepath.Join(dir, "e.go"), dirty, 0o644)
	write(t, filepath.Join(dir, "bin.txt"), "abc\x00def the the", 0o644)
	os.Symlink(filepath.Join(dir, "a.txt"), filepath.Join(dir, "link.txt"))
	code, out, errs := cli(t, "", "check", "--no-vale", "--format", "jsonl", dir)
	if code != 1 {
		t.Fatalf("exit %d %s", code, errs)
	}
	seen := map[string]bool{}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var m map[string]any
		json.Unmarshal([]byte(l), &m)
		seen[filepath.Base(m["path"].(string))] = true
	}
	if !seen["a.txt"] || !seen["b.md"] || !seen["c.html"] || seen["d.txt"] || seen["e.go"] || seen["link.txt"] || seen["bin.txt"] {
		t.Fatalf("files seen: %v", seen)
	}
	if !strings.Contains(errs, "bin.txt") || !strings.Contains(errs, "binary") {
		t.Fatalf("binary file not reported: %q", errs)
	}
	// a symbolic link named explicitly is followed
	if code, out, _ := cli(t, "", "check", "--no-vale", filepath.Join(dir, "link.txt")); code != 1 || !strings.Contains(out, "link.txt") {
		t.Fatalf("link: exit %d %q", code, out)
	}
}

func TestOddInputIsCheckedWithoutLosingBytes(t *testing.T) {
	for name, text := range map[string]string{
		"empty":        "",
		"invalid utf8": "Head\n\nBad \xff\xfe bytes and the the word.\n",
		"no newline":   "Head\n\nthe the",
		"only spaces":  "   \n\n  \n",
		"lone CR":      "Head\r\rthe the\r",
	} {
		code, out, errs := cli(t, text, "fix", "--no-vale", "-w", "-")
		if code != 0 {
			t.Errorf("%s: exit %d %q", name, code, errs)
		}
		if strings.Contains(text, "the the") && strings.Contains(out, "the the") {
			t.Errorf("%s: not fixed: %q", name, out)
		}
		if !strings.Contains(text, "the the") && out != "" {
			t.Errorf("%s: changed: %q", name, out)
		}
		if name == "invalid utf8" && !strings.Contains(out, "\xff\xfe") {
			t.Errorf("invalid bytes lost: %q", out)
		}
	}
}

func TestMissingValeSaysHowToGetIt(t *testing.T) {
	code, _, errs := cli(t, "text", "check", "--vale", "/nonexistent/vale", "-")
	if code != 2 || !strings.Contains(errs, "/nonexistent/vale") {
		t.Fatalf("exit %d %q", code, errs)
	}
}

// A folder whose walk took every file Vale's own walk would take is marked,
// so that Vale is given the folder; anything left out that Vale would read
// (a hidden folder, a linked or binary file, narrower globs, a folder named
// through a link) keeps the files named one by one.
func TestFolderWalkMarksTheRootOnlyWhenValeWouldReadTheSame(t *testing.T) {
	mk := func(t *testing.T, extra func(dir string)) string {
		dir := t.TempDir()
		write(t, filepath.Join(dir, "a.txt"), dirty, 0o644)
		write(t, filepath.Join(dir, "sub", "b.md"), dirty, 0o644)
		write(t, filepath.Join(dir, ".git", "c.txt"), dirty, 0o644)        // Vale skips .git too
		write(t, filepath.Join(dir, "node_modules", "d.md"), dirty, 0o644) // and node_modules
		write(t, filepath.Join(dir, "e.go"), dirty, 0o644)                 // neither reads it
		if extra != nil {
			extra(dir)
		}
		return dir
	}
	marked := func(t *testing.T, root string) bool {
		g := gather([]string{root}, &common{}, strings.NewReader(""), &bytes.Buffer{})
		if len(g.inputs) < 2 {
			t.Fatalf("%d inputs", len(g.inputs))
		}
		for _, in := range g.inputs {
			if in.WalkRoot != g.inputs[0].WalkRoot {
				t.Fatalf("inputs of one walk marked differently: %+v", g.inputs)
			}
		}
		return g.inputs[0].WalkRoot == root
	}
	if dir := mk(t, nil); !marked(t, dir) {
		t.Error("a plain folder is not marked")
	}
	for name, extra := range map[string]func(dir string){
		"hidden folder": func(dir string) { write(t, filepath.Join(dir, ".drafts", "x.txt"), dirty, 0o644) },
		"binary file":   func(dir string) { write(t, filepath.Join(dir, "bin.txt"), "a\x00b", 0o644) },
		"linked file":   func(dir string) { os.Symlink(filepath.Join(dir, "a.txt"), filepath.Join(dir, "link.txt")) },
		"narrow globs":  func(dir string) { write(t, filepath.Join(dir, ".copydesk.ini"), "globs = *.txt, *.md\n", 0o644) },
	} {
		if dir := mk(t, extra); marked(t, dir) {
			t.Errorf("%s: marked", name)
		}
	}
	dir := mk(t, nil)
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(dir, link); err != nil {
		t.Fatal(err)
	}
	g := gather([]string{link}, &common{}, strings.NewReader(""), &bytes.Buffer{})
	for _, in := range g.inputs {
		if in.WalkRoot != "" {
			t.Errorf("a folder named through a link is marked: %+v", in)
		}
	}
}

// Checking a folder (Vale given the folder), its files by name (Vale given
// a folder of links) and one file at a time gives the same findings.
func TestValeFindsTheSameWhetherGivenTheFolderOrTheFiles(t *testing.T) {
	dir := t.TempDir()
	texts := []string{
		"Head\n\nThe end-year figures came out on Monday.\n",
		"Head\n\nShe sent an e-mail to the board about the web site.\n",
		"# Head\n\nNothing to see, the mayor said.\n\nThen the end-year review.\n",
		"Head\n\nAll quiet, the the mayor said.\n",
	}
	names := []string{"a.txt", "b.txt", filepath.Join("sub", "c.md"), filepath.Join("sub", "deeper", "d.txt")}
	var paths []string
	for i, n := range names {
		p := filepath.Join(dir, n)
		write(t, p, texts[i], 0o644)
		paths = append(paths, p)
	}
	run := func(args ...string) []string {
		_, out, errs := cli(t, "", append([]string{"check", "--format", "jsonl"}, args...)...)
		lines := strings.Split(strings.TrimSpace(out), "\n")
		sort.Strings(lines)
		if !strings.Contains(out, "News.") {
			t.Fatalf("no Vale findings from %v: %s %s", args, out, errs)
		}
		return lines
	}
	folder := run(dir)
	named := run(paths...)
	var single []string
	for _, p := range paths {
		_, out, _ := cli(t, "", "check", "--format", "jsonl", p)
		if s := strings.TrimSpace(out); s != "" {
			single = append(single, strings.Split(s, "\n")...)
		}
	}
	sort.Strings(single)
	if !reflect.DeepEqual(folder, named) || !reflect.DeepEqual(folder, single) {
		t.Fatalf("folder:\n%s\nnamed:\n%s\none by one:\n%s", strings.Join(folder, "\n"), strings.Join(named, "\n"), strings.Join(single, "\n"))
	}
}
