package gitstage

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

func TestMain(m *testing.M) {
	// the tests' repositories must not see the machine's git configuration
	// (a global core.hooksPath, signing, a diff driver) nor an outer
	// repository's variables
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "GIT_") {
			os.Unsetenv(k)
		}
	}
	os.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	os.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	os.Exit(m.Run())
}

// repo makes a repository in a temporary folder with a committer and no
// signing.
func repo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("git is needed for this test")
	}
	dir := t.TempDir()
	gitIn(t, dir, "init", "-q", "-b", "main")
	gitIn(t, dir, "config", "user.name", "Desk Editor")
	gitIn(t, dir, "config", "user.email", "desk@example.org")
	gitIn(t, dir, "config", "commit.gpgsign", "false")
	return dir
}

func gitIn(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func put(t *testing.T, dir, name, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func open(t *testing.T, dir string) *Repo {
	t.Helper()
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestStagedListsAddedModifiedRenamedButNotDeleted(t *testing.T) {
	dir := repo(t)
	long := strings.Repeat("A line of copy that stays the same.\n", 20)
	put(t, dir, "keep.txt", "one\n")
	put(t, dir, "old name.md", long)
	put(t, dir, "gone.txt", "bye\n")
	gitIn(t, dir, "add", ".")
	gitIn(t, dir, "commit", "-q", "-m", "first")

	put(t, dir, "keep.txt", "one\ntwo\n")
	gitIn(t, dir, "mv", "old name.md", "new näme.md")
	gitIn(t, dir, "rm", "-q", "gone.txt")
	put(t, dir, "sub/fresh\ttab.txt", "fresh\n")
	gitIn(t, dir, "add", ".")
	// an unstaged change does not show
	put(t, dir, "keep.txt", "one\ntwo\nthree\n")

	got, err := open(t, dir).Staged()
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(got, func(i, j int) bool { return got[i].Path < got[j].Path })
	var summary []string
	for _, c := range got {
		summary = append(summary, string(c.Status)+" "+c.OldPath+">"+c.Path)
	}
	want := []string{"M >keep.txt", "R old name.md>new näme.md", "A >sub/fresh\ttab.txt"}
	if !reflect.DeepEqual(summary, want) {
		t.Fatalf("staged %q, want %q", summary, want)
	}
	// the blob ids are the index's content, read back in one batch
	var ids []string
	for _, c := range got {
		ids = append(ids, c.Blob)
	}
	blobs, err := open(t, dir).ReadBlobs(ids)
	if err != nil {
		t.Fatal(err)
	}
	if string(blobs[0]) != "one\ntwo\n" || string(blobs[1]) != long || string(blobs[2]) != "fresh\n" {
		t.Fatalf("blobs %q", blobs)
	}
}

func TestStagedWorksBeforeTheFirstCommit(t *testing.T) {
	dir := repo(t)
	put(t, dir, "first story.txt", "Hello\n")
	gitIn(t, dir, "add", ".")
	got, err := open(t, dir).Staged()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Status != 'A' || got[0].Path != "first story.txt" {
		t.Fatalf("got %+v", got)
	}
}

func TestStagedReportsSubmodulesAndLinksByMode(t *testing.T) {
	dir := repo(t)
	put(t, dir, "a.txt", "a\n")
	if err := os.Symlink("a.txt", filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}
	// a gitlink entry, as a submodule leaves in the index
	gitIn(t, dir, "update-index", "--add", "--cacheinfo", "160000,"+strings.Repeat("1", 40)+",vendor/lib")
	gitIn(t, dir, "add", "a.txt", "link.txt")
	got, err := open(t, dir).Staged()
	if err != nil {
		t.Fatal(err)
	}
	modes := map[string]bool{}
	for _, c := range got {
		modes[c.Path] = c.Regular()
	}
	if !reflect.DeepEqual(modes, map[string]bool{"a.txt": true, "link.txt": false, "vendor/lib": false}) {
		t.Fatalf("regular: %v", modes)
	}
}

func TestParseRawKeepsOddNames(t *testing.T) {
	raw := ":000000 100644 " + strings.Repeat("0", 40) + " " + strings.Repeat("a", 40) + " A\x00new\nline \"q\".txt\x00" +
		":100644 100644 " + strings.Repeat("b", 40) + " " + strings.Repeat("c", 40) + " R087\x00from.md\x00to.md\x00"
	got, err := parseRaw([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Path != "new\nline \"q\".txt" || got[1].OldPath != "from.md" || got[1].Path != "to.md" || got[1].Status != 'R' {
		t.Fatalf("got %+v", got)
	}
	if _, err := parseRaw([]byte(":100644 100644 x y M")); err == nil {
		t.Fatal("truncated input accepted")
	}
}

func TestParseUnified0SkipsLinesThatLookLikeHeaders(t *testing.T) {
	diff := `diff --git a/a.txt b/a.txt
index 1..2 100644
--- a/a.txt
+++ b/a.txt
@@ -2,0 +3,2 @@ context
++++ b/evil.txt
+@@ -1 +1,40 @@
@@ -10 +12 @@
-old
+new
diff --git "a/sp ace \303\251.txt" "b/sp ace \303\251.txt"
new file mode 100644
--- /dev/null
+++ "b/sp ace \303\251.txt"	
@@ -0,0 +1,3 @@
+a
+b
+c
\ No newline at end of file
diff --git a/x.md b/y.md
similarity index 100%
rename from x.md
rename to y.md
diff --git a/del.txt b/del.txt
deleted file mode 100644
--- a/del.txt
+++ /dev/null
@@ -1 +0,0 @@
-gone
`
	got, err := parseUnified0([]byte(diff))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Lines{
		"a.txt":        {{3, 4}, {12, 12}},
		"sp ace é.txt": {{1, 3}},
		"y.md":         {},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v\nwant %v", got, want)
	}
}

func TestUnquoteUndoesGitQuoting(t *testing.T) {
	for in, want := range map[string]string{
		`plain name.txt`:       "plain name.txt",
		`"tab\there.txt"`:      "tab\there.txt",
		`"caf\303\251.md"`:     "café.md",
		`"q\"uote\\slash.txt"`: `q"uote\slash.txt`,
	} {
		got, err := unquote(in)
		if err != nil || got != want {
			t.Errorf("unquote(%s) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := unquote(`"bad\9"`); err == nil {
		t.Error("bad escape accepted")
	}
}

func TestChangedLinesSinceMergeBase(t *testing.T) {
	dir := repo(t)
	put(t, dir, "story.txt", "one\ntwo\nthree\nfour\n")
	put(t, dir, "untouched.txt", "same\n")
	gitIn(t, dir, "add", ".")
	gitIn(t, dir, "commit", "-q", "-m", "base")
	gitIn(t, dir, "checkout", "-q", "-b", "feature")
	put(t, dir, "story.txt", "one\nTWO\nthree\nfour\nfive\n")
	gitIn(t, dir, "commit", "-q", "-am", "edit")
	// main moves on after the branch point: its changes are not ours
	gitIn(t, dir, "checkout", "-q", "main")
	put(t, dir, "untouched.txt", "changed on main\n")
	gitIn(t, dir, "commit", "-q", "-am", "main moves")
	gitIn(t, dir, "checkout", "-q", "feature")
	// a working-tree edit and a staged one
	put(t, dir, "story.txt", "zero\none\nTWO\nthree\nfour\nfive\n")
	put(t, dir, "new.md", "new\n")
	gitIn(t, dir, "add", "new.md")

	r := open(t, dir)
	base, err := r.MergeBase("main")
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.TrimSpace(gitIn(t, dir, "rev-parse", "main~1")); base != want {
		t.Fatalf("merge base %s, want %s", base, want)
	}
	work, err := r.ChangedLines(base, false)
	if err != nil {
		t.Fatal(err)
	}
	if want := (map[string]Lines{"story.txt": {{1, 1}, {3, 3}, {6, 6}}, "new.md": {{1, 1}}}); !reflect.DeepEqual(work, want) {
		t.Fatalf("working tree: %v, want %v", work, want)
	}
	staged, err := r.ChangedLines(base, true)
	if err != nil {
		t.Fatal(err)
	}
	if want := (map[string]Lines{"story.txt": {{2, 2}, {5, 5}}, "new.md": {{1, 1}}}); !reflect.DeepEqual(staged, want) {
		t.Fatalf("index: %v, want %v", staged, want)
	}
	if !work["story.txt"].Overlaps(2, 3) || work["story.txt"].Overlaps(4, 5) {
		t.Fatal("Overlaps is wrong")
	}
	if _, err := r.MergeBase("no-such-branch"); err == nil || !strings.Contains(err.Error(), "no-such-branch") {
		t.Fatalf("missing ref: %v", err)
	}
	if _, err := r.MergeBase("--output=/tmp/x"); err == nil {
		t.Fatal("an option was taken for a revision")
	}
	tracked, err := r.Tracked([]string{"story.txt", "new.md", "stray.txt", "*"})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(tracked, map[string]bool{"story.txt": true, "new.md": true}) {
		t.Fatalf("tracked %v", tracked)
	}
}

func TestHooksDirHonoursHooksPathAndWorktrees(t *testing.T) {
	dir := repo(t)
	put(t, dir, "a.txt", "a\n")
	gitIn(t, dir, "add", ".")
	gitIn(t, dir, "commit", "-q", "-m", "a")
	real, _ := filepath.EvalSymlinks(dir)
	if got, err := open(t, filepath.Join(dir)).HooksDir(); err != nil || got != filepath.Join(real, ".git", "hooks") {
		t.Fatalf("default: %q %v", got, err)
	}
	wt := filepath.Join(t.TempDir(), "wt")
	gitIn(t, dir, "worktree", "add", "-q", wt)
	if got, err := open(t, wt).HooksDir(); err != nil || got != filepath.Join(real, ".git", "hooks") {
		t.Fatalf("worktree: %q %v", got, err)
	}
	gitIn(t, dir, "config", "core.hooksPath", "team-hooks")
	os.MkdirAll(filepath.Join(dir, "sub"), 0o755)
	if got, err := open(t, filepath.Join(dir, "sub")).HooksDir(); err != nil || got != filepath.Join(real, "team-hooks") {
		t.Fatalf("core.hooksPath: %q %v", got, err)
	}
	if _, err := Open(t.TempDir()); err != ErrNotRepo {
		t.Fatalf("outside a repository: %v", err)
	}
}

func TestRelMapsPathsIntoTheWorkingTree(t *testing.T) {
	dir := repo(t)
	put(t, dir, "desk/a b.txt", "x\n")
	r := open(t, dir)
	if got, ok := r.Rel(filepath.Join(dir, "desk", "a b.txt")); !ok || got != "desk/a b.txt" {
		t.Fatalf("Rel = %q %v", got, ok)
	}
	if _, ok := r.Rel(t.TempDir()); ok {
		t.Fatal("a path outside the tree was mapped")
	}
}
