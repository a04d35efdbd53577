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
	"sync"
	"testing"
)

// startDir is the package folder, where the go command can build copydesk
// and find the pinned Vale; the git tests move into temporary repositories.
var startDir string

func TestMain(m *testing.M) {
	startDir, _ = os.Getwd()
	// the repositories made here must not see the machine's git
	// configuration (a global core.hooksPath, commit signing) nor an outer
	// repository's variables
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "GIT_") {
			os.Unsetenv(k)
		}
	}
	os.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	os.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	tmp, err := os.MkdirTemp("", "copydesk hook test-") // a space, so the hook must quote the path
	if err != nil {
		panic(err)
	}
	binDir = tmp
	code := m.Run()
	os.RemoveAll(tmp)
	os.Exit(code)
}

var (
	binDir   string
	binOnce  sync.Once
	binPath  string
	binErr   error
	valeOnce sync.Once
	valePath string
	valeErr  error
)

// copydeskBinary builds copydesk once for the tests that let git run the
// hook.
func copydeskBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		p := filepath.Join(binDir, "copydesk")
		cmd := exec.Command("go", "build", "-o", p, ".")
		cmd.Dir = startDir
		if out, err := cmd.CombinedOutput(); err != nil {
			binErr = err
			t.Logf("go build: %s", out)
			return
		}
		binPath = p
	})
	if binErr != nil {
		t.Fatalf("building copydesk: %v", binErr)
	}
	return binPath
}

// pinnedVale finds the real Vale: $COPYDESK_VALE, else the go command's
// pinned build (resolved from the package folder, since the tests' working
// folder is a temporary repository).
func pinnedVale(t *testing.T) string {
	t.Helper()
	valeOnce.Do(func() {
		if p := os.Getenv("COPYDESK_VALE"); p != "" {
			valePath = p
			return
		}
		cmd := exec.Command("go", "tool", "-n", "vale")
		cmd.Dir = startDir
		out, err := cmd.Output()
		if err != nil {
			valeErr = err
			return
		}
		valePath = strings.TrimSpace(string(out))
	})
	if valeErr != nil || valePath == "" {
		t.Fatalf("the pinned Vale is needed for this test: %v", valeErr)
	}
	return valePath
}

// newRepo makes a repository with a committer and no signing, and moves
// the test into it.
func newRepo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("git is needed for this test")
	}
	dir := t.TempDir()
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	git(t, dir, "init", "-q", "-b", "main")
	git(t, dir, "config", "user.name", "Desk Editor")
	git(t, dir, "config", "user.email", "desk@example.org")
	git(t, dir, "config", "commit.gpgsign", "false")
	t.Chdir(dir)
	return dir
}

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, err := gitTry(dir, nil, args...)
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

func gitTry(dir string, env []string, args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

const (
	cleanStory = "Storm closes schools\n\nThe storm closed the schools on Monday, officials said.\n\nClasses resume Friday.\n"
	dirtyStory = "Storm closes schools\n\nThe storm closed the the schools on Monday, officials said.\n\nClasses resume Friday.\n"
)

// findings runs check with jsonl output and returns "path:line rule" for
// each finding.
func findings(t *testing.T, args ...string) (int, []string, string) {
	t.Helper()
	code, out, errs := cli(t, "", append([]string{"check", "--format", "jsonl"}, args...)...)
	var got []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if l == "" {
			continue
		}
		var f struct {
			Path string
			Line int
			Rule string
		}
		if err := json.Unmarshal([]byte(l), &f); err != nil {
			t.Fatalf("%v: %q", err, l)
		}
		got = append(got, f.Path+":"+itoa(f.Line)+" "+f.Rule)
	}
	sort.Strings(got)
	return code, got, errs
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestHookRefusesACommitWithAnErrorAndAcceptsItFixed(t *testing.T) {
	bin := copydeskBinary(t)
	dir := newRepo(t) // no commit yet: the hook must cope with that
	code, out, errs := cli(t, "", "hook", "install", "--binary", bin, "--", "--no-vale")
	if code != 0 || !strings.Contains(out, "installed") || !strings.Contains(out, bin) {
		t.Fatalf("install: exit %d\n%s%s", code, out, errs)
	}
	write(t, filepath.Join(dir, "desk", "storm story.txt"), dirtyStory, 0o644)
	write(t, filepath.Join(dir, "notes.go"), "package notes // the the\n", 0o644)
	git(t, dir, "add", ".")
	out, err := gitTry(dir, nil, "commit", "-m", "Storm story")
	if err == nil {
		t.Fatalf("the commit went through:\n%s", out)
	}
	for _, want := range []string{
		"desk/storm story.txt:3:18: error: 'the' is written twice. [Copy.DoubledWord]",
		"commit refused: 1 error",
		"copydesk fix 'desk/storm story.txt'",
		"git commit --no-verify",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the refusal does not say %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "notes.go") {
		t.Errorf("a Go file was checked:\n%s", out)
	}
	if _, err := gitTry(dir, nil, "rev-parse", "--verify", "-q", "HEAD"); err == nil {
		t.Fatal("a commit was made")
	}
	// the fix the message points at, staged, lets the commit through
	if code, _, errs := cli(t, "", "fix", "-w", "--no-vale", "desk/storm story.txt"); code != 0 {
		t.Fatalf("fix: exit %d %s", code, errs)
	}
	git(t, dir, "add", "desk/storm story.txt")
	if out, err := gitTry(dir, nil, "commit", "-m", "Storm story"); err != nil {
		t.Fatalf("the fixed commit was refused: %v\n%s", err, out)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "desk", "storm story.txt")); string(got) != cleanStory {
		t.Fatalf("fixed text %q", got)
	}
}

func TestStagedCopyDecidesNotTheWorkingTree(t *testing.T) {
	bin := copydeskBinary(t)
	dir := newRepo(t)
	p := filepath.Join(dir, "story.txt")
	write(t, p, cleanStory, 0o644)
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-q", "-m", "first")
	if code, _, errs := cli(t, "", "hook", "install", "--binary", bin, "--", "--no-vale"); code != 0 {
		t.Fatal(errs)
	}

	// an error in the working tree only: the staged copy is clean
	write(t, p, cleanStory+"\nMore more to come.\n", 0o644)
	git(t, dir, "add", "story.txt")
	write(t, p, dirtyStory+"\nMore more to come.\n", 0o644)
	if code, got, errs := findings(t, "--no-vale", "--staged"); code != 0 || len(got) != 0 {
		t.Fatalf("staged clean: exit %d %v %s", code, got, errs)
	}
	if code, got, _ := findings(t, "--no-vale", "story.txt"); code != 1 || !reflect.DeepEqual(got, []string{"story.txt:3 Copy.DoubledWord"}) {
		t.Fatalf("working tree: exit %d %v", code, got)
	}
	if out, err := gitTry(dir, nil, "commit", "-m", "more"); err != nil {
		t.Fatalf("a clean staged copy was refused for the working tree's error: %s", out)
	}

	// the reverse: the error is staged, the working tree is fixed
	write(t, p, dirtyStory, 0o644)
	git(t, dir, "add", "story.txt")
	write(t, p, cleanStory, 0o644)
	if code, got, _ := findings(t, "--no-vale", "--staged"); code != 1 || !reflect.DeepEqual(got, []string{"story.txt:3 Copy.DoubledWord"}) {
		t.Fatalf("staged error: exit %d %v", code, got)
	}
	if code, got, _ := findings(t, "--no-vale", "story.txt"); code != 0 || len(got) != 0 {
		t.Fatalf("fixed working tree: exit %d %v", code, got)
	}
	if out, err := gitTry(dir, nil, "commit", "-m", "bad"); err == nil || !strings.Contains(out, "story.txt:3:18") {
		t.Fatalf("the staged error got through: %v\n%s", err, out)
	}
	// git commit -a stages the working tree into a temporary index, which
	// the hook must read: the fixed copy goes through
	if out, err := gitTry(dir, nil, "commit", "-a", "-m", "fixed"); err != nil {
		t.Fatalf("commit -a of the fixed copy was refused: %s", out)
	}
}

func TestStagedHandlesRenamesOddNamesAndNonText(t *testing.T) {
	dir := newRepo(t)
	long := "Harbour reopens\n\nThe harbour reopened on Tuesday after repairs, the port authority said.\n\nFerries will run hourly.\n"
	write(t, filepath.Join(dir, "old.txt"), long, 0o644)
	write(t, filepath.Join(dir, "gone.txt"), dirtyStory, 0o644)
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-q", "-m", "first")

	// a rename with an edit; the finding is reported at the new name
	os.MkdirAll(filepath.Join(dir, "desk"), 0o755)
	git(t, dir, "mv", "old.txt", "desk/renamed harbour.txt")
	write(t, filepath.Join(dir, "desk", "renamed harbour.txt"), strings.Replace(long, "hourly.", "hourly hourly.", 1), 0o644)
	// spaces, an apostrophe, accents and a non-Latin name
	write(t, filepath.Join(dir, "desk", "Zoë's café 2.md"), "# Café\n\nIt was a a fine day.\n", 0o644)
	write(t, filepath.Join(dir, "desk", "東京.txt"), "Tokyo\n\nThe the train was late.\n", 0o644)
	// a deleted file with errors, a binary .txt, a symbolic link, a submodule
	git(t, dir, "rm", "-q", "gone.txt")
	write(t, filepath.Join(dir, "scan.txt"), "PK\x00\x01 the the", 0o644)
	if err := os.Symlink("desk/東京.txt", filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}
	git(t, dir, "add", ".")
	git(t, dir, "update-index", "--add", "--cacheinfo", "160000,"+strings.Repeat("1", 40)+",vendor/wire.txt")

	code, got, errs := findings(t, "--no-vale", "--staged")
	want := []string{
		"desk/Zoë's café 2.md:3 Copy.DoubledWord",
		"desk/renamed harbour.txt:5 Copy.DoubledWord",
		"desk/東京.txt:3 Copy.DoubledWord",
	}
	if code != 1 || !reflect.DeepEqual(got, want) {
		t.Fatalf("exit %d\ngot  %q\nwant %q\n%s", code, got, want, errs)
	}
	if !strings.Contains(errs, "scan.txt: binary file") {
		t.Errorf("the binary file was not reported as skipped: %s", errs)
	}
	// from a subfolder, paths are relative to it, and a path limits the check
	t.Chdir(filepath.Join(dir, "desk"))
	code, got, _ = findings(t, "--no-vale", "--staged", "東京.txt")
	if code != 1 || !reflect.DeepEqual(got, []string{"東京.txt:3 Copy.DoubledWord"}) {
		t.Fatalf("limited to one file: exit %d %q", code, got)
	}
}

func TestStagedTakesConfigurationFromTheFilesPlaceInTheTree(t *testing.T) {
	dir := newRepo(t)
	write(t, filepath.Join(dir, "wire", ".copydesk.ini"), "disable = Copy.DoubledWord\nglobs = *.txt\n", 0o644)
	write(t, filepath.Join(dir, "wire", "a.txt"), dirtyStory, 0o644)
	write(t, filepath.Join(dir, "wire", "b.md"), dirtyStory, 0o644)
	write(t, filepath.Join(dir, "local", "a.txt"), dirtyStory, 0o644)
	write(t, filepath.Join(dir, "local", "b.md"), dirtyStory, 0o644)
	write(t, filepath.Join(dir, "local", "c.rst"), dirtyStory, 0o644)
	git(t, dir, "add", ".")
	code, got, errs := findings(t, "--no-vale", "--staged")
	// wire/ turns the rule off and reads only .txt; local/ has the defaults
	if want := []string{"local/a.txt:3 Copy.DoubledWord", "local/b.md:3 Copy.DoubledWord"}; code != 1 || !reflect.DeepEqual(got, want) {
		t.Fatalf("exit %d %q %s", code, got, errs)
	}
	// a file named on the command line is read whatever its extension
	if code, got, _ := findings(t, "--no-vale", "--staged", "local/c.rst"); code != 1 || !reflect.DeepEqual(got, []string{"local/c.rst:3 Copy.DoubledWord"}) {
		t.Fatalf("named file: exit %d %q", code, got)
	}
}

func TestStagedRunsValeOnTheStagedCopyWithTheRepositorysStyles(t *testing.T) {
	vale := pinnedVale(t)
	dir := newRepo(t)
	// a Vale configuration in the repository with a style of its own
	write(t, filepath.Join(dir, ".vale.ini"), "StylesPath = styles\nMinAlertLevel = suggestion\n\n[*.txt]\nBasedOnStyles = Desk\n", 0o644)
	write(t, filepath.Join(dir, "styles", "Desk", "Banned.yml"),
		"extends: existence\nmessage: \"Do not write '%s'.\"\nlevel: error\nignorecase: true\ntokens:\n  - flibbertigibbet\n", 0o644)
	p := filepath.Join(dir, "copy", "story.txt")
	write(t, p, "Head\n\nA fine day.\n\nThe flibbertigibbet spoke on Monday.\n", 0o644)
	git(t, dir, "add", ".")
	write(t, p, "Head\n\nA fine day.\n\nThe spokesman spoke on Monday.\n", 0o644)
	code, got, errs := findings(t, "--vale", vale, "--staged")
	if code != 1 || !reflect.DeepEqual(got, []string{"copy/story.txt:5 Desk.Banned"}) {
		t.Fatalf("staged: exit %d %q\n%s", code, got, errs)
	}
	code, got, errs = findings(t, "--vale", vale, "copy/story.txt")
	if code != 0 || len(got) != 0 {
		t.Fatalf("working tree: exit %d %q\n%s", code, got, errs)
	}
	// no private temporary file is left behind or reported
	if strings.Contains(errs, os.TempDir()) {
		t.Errorf("a temporary path leaked: %s", errs)
	}
}

func TestHookHonoursCoreHooksPath(t *testing.T) {
	bin := copydeskBinary(t)
	dir := newRepo(t)
	git(t, dir, "config", "core.hooksPath", "team hooks")
	code, out, errs := cli(t, "", "hook", "install", "--binary", bin, "--", "--no-vale")
	if code != 0 || !strings.Contains(out, filepath.Join("team hooks", "pre-commit")) {
		t.Fatalf("install: exit %d %s%s", code, out, errs)
	}
	if !isOurs(filepath.Join(dir, "team hooks", "pre-commit")) {
		t.Fatal("the hook is not in core.hooksPath")
	}
	if _, err := os.Stat(filepath.Join(dir, ".git", "hooks", "pre-commit")); err == nil {
		t.Fatal("the hook went to .git/hooks despite core.hooksPath")
	}
	write(t, filepath.Join(dir, "a.txt"), dirtyStory, 0o644)
	git(t, dir, "add", "a.txt")
	if out, err := gitTry(dir, nil, "commit", "-m", "x"); err == nil || !strings.Contains(out, "commit refused") {
		t.Fatalf("git did not run the hook from core.hooksPath: %v\n%s", err, out)
	}
}

func TestHookInALinkedWorktreeRunsValeOnTheCommit(t *testing.T) {
	bin := copydeskBinary(t)
	vale := pinnedVale(t)
	dir := newRepo(t)
	write(t, filepath.Join(dir, "README.txt"), "Desk\n", 0o644)
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-q", "-m", "first")
	wt := filepath.Join(t.TempDir(), "wt")
	git(t, dir, "worktree", "add", "-q", "-b", "side", wt)
	t.Chdir(wt)
	code, out, errs := cli(t, "", "hook", "install", "--binary", bin, "--", "--fail-on", "warning")
	if code != 0 {
		t.Fatalf("install from a worktree: %s%s", out, errs)
	}
	// worktrees share the repository's hooks
	if !isOurs(filepath.Join(dir, ".git", "hooks", "pre-commit")) {
		t.Fatalf("the hook is not in the shared hooks folder:\n%s", out)
	}
	// a Vale finding (News.YearEnd, a warning) in the worktree's commit
	write(t, filepath.Join(wt, "budget.txt"), "Budget\n\nThe end-year deadline passed on Monday, officials said.\n", 0o644)
	git(t, wt, "add", ".")
	out, err := gitTry(wt, []string{"COPYDESK_VALE=" + vale}, "commit", "-m", "budget")
	if err == nil || !strings.Contains(out, "budget.txt:3:5: warning: Use 'year-end' instead of 'end-year'. [News.YearEnd]") {
		t.Fatalf("the worktree commit was not refused for the Vale finding: %v\n%s", err, out)
	}
	if !strings.Contains(out, "1 finding at or above warning") {
		t.Errorf("refusal: %s", out)
	}
	write(t, filepath.Join(wt, "budget.txt"), "Budget\n\nThe year-end deadline passed on Monday, officials said.\n", 0o644)
	git(t, wt, "add", ".")
	if out, err := gitTry(wt, []string{"COPYDESK_VALE=" + vale}, "commit", "-m", "budget"); err != nil {
		t.Fatalf("the clean commit was refused: %s", out)
	}
}

func TestHookLeavesAForeignHookAloneUnlessForced(t *testing.T) {
	bin := copydeskBinary(t)
	dir := newRepo(t)
	hooks := filepath.Join(dir, ".git", "hooks")
	hook := filepath.Join(hooks, "pre-commit")
	foreign := "#!/bin/sh\necho team checks >&2\nexit 0\n"
	write(t, hook, foreign, 0o755)

	code, _, errs := cli(t, "", "hook", "install", "--binary", bin)
	if code != 2 || !strings.Contains(errs, "did not write") || !strings.Contains(errs, "--force") {
		t.Fatalf("without --force: exit %d %s", code, errs)
	}
	if got, _ := os.ReadFile(hook); string(got) != foreign {
		t.Fatal("the foreign hook was changed")
	}
	if code, _, errs := cli(t, "", "hook", "uninstall"); code != 2 || !strings.Contains(errs, "not written by copydesk") {
		t.Fatalf("uninstall of a foreign hook: exit %d %s", code, errs)
	}

	code, out, errs := cli(t, "", "hook", "install", "--force", "--binary", bin, "--", "--no-vale")
	if code != 0 || !strings.Contains(out, "pre-commit.copydesk-backup") {
		t.Fatalf("--force: exit %d %s%s", code, out, errs)
	}
	if got, _ := os.ReadFile(hook + ".copydesk-backup"); string(got) != foreign {
		t.Fatalf("backup %q", got)
	}
	if !isOurs(hook) {
		t.Fatal("the hook is not copydesk's")
	}
	// a second --force must not overwrite the backup of the first
	if code, _, _ := cli(t, "", "hook", "install", "--force", "--binary", bin); code != 0 {
		t.Fatal("reinstalling over copydesk's own hook failed")
	}
	if got, _ := os.ReadFile(hook + ".copydesk-backup"); string(got) != foreign {
		t.Fatal("the backup was overwritten")
	}
	// the installed hook works
	write(t, filepath.Join(dir, "a.txt"), dirtyStory, 0o644)
	git(t, dir, "add", ".")
	if out, err := gitTry(dir, nil, "commit", "-m", "x"); err == nil {
		t.Fatalf("not refused: %s", out)
	}

	code, out, _ = cli(t, "", "hook", "uninstall")
	if code != 0 || !strings.Contains(out, "put back") {
		t.Fatalf("uninstall: exit %d %s", code, out)
	}
	if got, _ := os.ReadFile(hook); string(got) != foreign {
		t.Fatalf("the foreign hook was not restored: %q", got)
	}
	if _, err := os.Stat(hook + ".copydesk-backup"); err == nil {
		t.Fatal("the backup is still there")
	}
}

func TestHookUninstallRemovesOnlyItsOwn(t *testing.T) {
	bin := copydeskBinary(t)
	dir := newRepo(t)
	hook := filepath.Join(dir, ".git", "hooks", "pre-commit")
	if code, out, _ := cli(t, "", "hook", "uninstall"); code != 0 || !strings.Contains(out, "nothing to remove") {
		t.Fatalf("uninstall with no hook: %d %s", code, out)
	}
	if code, _, errs := cli(t, "", "hook", "install", "--binary", bin); code != 0 {
		t.Fatal(errs)
	}
	st, err := os.Stat(hook)
	if err != nil || st.Mode()&0o111 == 0 {
		t.Fatalf("hook not executable: %v %v", st, err)
	}
	if code, _, _ := cli(t, "", "hook", "uninstall"); code != 0 {
		t.Fatal("uninstall failed")
	}
	if _, err := os.Stat(hook); err == nil {
		t.Fatal("the hook is still there")
	}
	// bad flags for check are refused at install, not at every commit
	if code, _, errs := cli(t, "", "hook", "install", "--binary", bin, "--", "--no-such-flag"); code != 2 || !strings.Contains(errs, "no-such-flag") {
		t.Fatalf("bad check flags: exit %d %s", code, errs)
	}
	if _, err := os.Stat(hook); err == nil {
		t.Fatal("a hook was written with bad flags")
	}
	// outside a repository
	t.Chdir(t.TempDir())
	if code, _, errs := cli(t, "", "hook", "install", "--binary", bin); code != 2 || !strings.Contains(errs, "not inside a git working tree") {
		t.Fatalf("outside a repository: exit %d %s", code, errs)
	}
	if code, _, errs := cli(t, "", "check", "--staged", "--no-vale"); code != 2 || !strings.Contains(errs, "not inside a git working tree") {
		t.Fatalf("check --staged outside a repository: exit %d %s", code, errs)
	}
}

func TestHookPointsAtCopydeskOnPathWhenThisIsATemporaryBuild(t *testing.T) {
	dir := newRepo(t)
	// the test binary is itself a temporary build
	code, out, errs := cli(t, "", "hook", "install")
	if code != 0 || !strings.Contains(out, "from PATH") {
		t.Fatalf("exit %d %s%s", code, out, errs)
	}
	script, _ := os.ReadFile(filepath.Join(dir, ".git", "hooks", "pre-commit"))
	if !strings.Contains(string(script), "exec copydesk hook run\n") || !strings.Contains(string(script), "command -v copydesk") {
		t.Fatalf("script:\n%s", script)
	}
	for exe, want := range map[string]bool{
		"/tmp/go-build2921/b001/exe/copydesk":                     true,
		filepath.Join(os.Getenv("HOME"), "go", "bin", "copydesk"): false,
		"/usr/local/bin/copydesk":                                 false,
		"/tmp/copydesk.test":                                      true,
	} {
		if got := temporaryBuild(exe); got != want {
			t.Errorf("temporaryBuild(%s) = %v", exe, got)
		}
	}
	t.Setenv("GOCACHE", "/var/cache/gobuild")
	if !temporaryBuild("/var/cache/gobuild/5f/5fabc-d/copydesk") {
		t.Error("a go run binary in the build cache was not recognised")
	}
}

func TestChangedSinceKeepsOnlyLinesChangedOnTheBranch(t *testing.T) {
	dir := newRepo(t)
	old := "Old story\n\nThe the old error stays.\n\nA clean line.\n"
	write(t, filepath.Join(dir, "a.txt"), old, 0o644)
	write(t, filepath.Join(dir, "b.txt"), dirtyStory, 0o644)
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-q", "-m", "base")
	git(t, dir, "checkout", "-q", "-b", "pr")
	write(t, filepath.Join(dir, "a.txt"), old+"\nOfficials said the the vote was late.\n", 0o644)
	git(t, dir, "commit", "-q", "-am", "pr work")
	// main moves on: its changes are not the branch's
	git(t, dir, "checkout", "-q", "main")
	write(t, filepath.Join(dir, "b.txt"), dirtyStory+"\nMain main too.\n", 0o644)
	git(t, dir, "commit", "-q", "-am", "main work")
	git(t, dir, "checkout", "-q", "pr")
	// an untracked file counts as wholly changed
	write(t, filepath.Join(dir, "draft.txt"), dirtyStory, 0o644)

	code, got, errs := findings(t, "--no-vale", "--changed-since", "main", ".")
	want := []string{"a.txt:7 Copy.DoubledWord", "draft.txt:3 Copy.DoubledWord"}
	if code != 1 || !reflect.DeepEqual(got, want) {
		t.Fatalf("exit %d\ngot  %q\nwant %q\n%s", code, got, want, errs)
	}
	// the old error alone does not fail the check
	if code, got, _ := findings(t, "--no-vale", "--changed-since", "main", "b.txt"); code != 0 || len(got) != 0 {
		t.Fatalf("unchanged file: exit %d %q", code, got)
	}
	// with --staged, the lines are the index's
	write(t, filepath.Join(dir, "a.txt"), "Voters said the the count was slow.\n"+old+"\nOfficials said the the vote was late.\n", 0o644)
	git(t, dir, "add", "a.txt")
	code, got, _ = findings(t, "--no-vale", "--staged", "--changed-since", "main")
	if want := []string{"a.txt:1 Copy.DoubledWord", "a.txt:8 Copy.DoubledWord"}; code != 1 || !reflect.DeepEqual(got, want) {
		t.Fatalf("staged: exit %d %q", code, got)
	}
	if code, _, errs := cli(t, "", "check", "--no-vale", "--changed-since", "nope", "a.txt"); code != 2 || !strings.Contains(errs, "nope") {
		t.Fatalf("unknown ref: exit %d %s", code, errs)
	}
}

func TestCIFormatsUseRepositoryPaths(t *testing.T) {
	dir := newRepo(t)
	write(t, filepath.Join(dir, "desk", "a b.txt"), dirtyStory, 0o644)
	t.Chdir(filepath.Join(dir, "desk"))
	t.Setenv("GITHUB_WORKSPACE", "")
	code, out, errs := cli(t, "", "check", "--no-vale", "--format", "github", "a b.txt")
	want := "::error file=desk/a b.txt,line=3,col=18,endLine=3,endColumn=25,title=Copy.DoubledWord::'the' is written twice.%0AFix: replace with 'the'\n"
	if code != 1 || out != want {
		t.Fatalf("github: exit %d\n%q\nwant\n%q\n%s", code, out, want, errs)
	}
	code, out, _ = cli(t, "", "check", "--no-vale", "--format", "sarif", "a b.txt")
	var log struct {
		Version string
		Runs    []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID               string
						ShortDescription struct{ Text string }
					}
				}
			}
			Results []struct {
				Locations []struct {
					PhysicalLocation struct{ ArtifactLocation struct{ URI string } }
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil || code != 1 || log.Version != "2.1.0" {
		t.Fatalf("sarif: exit %d %v\n%s", code, err, out)
	}
	run := log.Runs[0]
	if run.Tool.Driver.Rules[0].ID != "Copy.DoubledWord" || run.Tool.Driver.Rules[0].ShortDescription.Text == "'the' is written twice." {
		t.Errorf("rule metadata from the rule registry missing: %+v", run.Tool.Driver.Rules)
	}
	if uri := run.Results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI; uri != "desk/a%20b.txt" {
		t.Errorf("sarif uri %q", uri)
	}
	code, out, _ = cli(t, "", "check", "--no-vale", "--format", "rdjson", "a b.txt")
	var rd struct {
		Diagnostics []struct {
			Location    struct{ Path string }
			Suggestions []struct{ Text string }
		}
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(out)))
	if err := dec.Decode(&rd); err != nil || code != 1 || len(rd.Diagnostics) != 1 || rd.Diagnostics[0].Location.Path != "a b.txt" || rd.Diagnostics[0].Suggestions[0].Text != "the" {
		t.Fatalf("rdjson: exit %d %v %+v", code, err, rd)
	}
	if code, _, errs := cli(t, "", "check", "--format", "xml", "a b.txt"); code != 2 || !strings.Contains(errs, "sarif") {
		t.Fatalf("unknown format: exit %d %s", code, errs)
	}
}

// benchRepo stages 20 articles (the canary articles and the sample
// article, some twice) in a new repository.
func benchRepo(b *testing.B) []string {
	b.Helper()
	dir := b.TempDir()
	for _, args := range [][]string{{"init", "-q"}, {"config", "user.name", "Desk"}, {"config", "user.email", "desk@example.org"}} {
		if out, err := gitTry(dir, nil, args...); err != nil {
			b.Fatalf("git: %v %s", err, out)
		}
	}
	srcs, _ := filepath.Glob(filepath.Join(startDir, "..", "..", "testdata", "canary", "*.txt"))
	srcs = append(srcs, filepath.Join(startDir, "..", "..", "testdata", "sample-article.txt"))
	var names []string
	for i := 0; len(names) < 20; i++ {
		text, err := os.ReadFile(srcs[i%len(srcs)])
		if err != nil {
			b.Fatal(err)
		}
		name := filepath.Join("copy", itoa(i)+"-"+filepath.Base(srcs[i%len(srcs)]))
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, text, 0o644); err != nil {
			b.Fatal(err)
		}
		names = append(names, name)
	}
	if out, err := gitTry(dir, nil, "add", "."); err != nil {
		b.Fatalf("git add: %v %s", err, out)
	}
	b.Chdir(dir)
	return names
}

// BenchmarkCheckStaged20 is what the hook does (Go rules only, so that the
// git plumbing's share shows): list the staged files, read them from the
// index in one batch, check them.
func BenchmarkCheckStaged20(b *testing.B) {
	benchRepo(b)
	for b.Loop() {
		var out, errb bytes.Buffer
		if code := run([]string{"check", "--no-vale", "--quiet", "--staged"}, nil, &out, &errb); code == 2 {
			b.Fatal(errb.String())
		}
	}
}

// BenchmarkCheckWorkingTree20 checks the same 20 files from the working
// tree, for comparison.
func BenchmarkCheckWorkingTree20(b *testing.B) {
	names := benchRepo(b)
	for b.Loop() {
		var out, errb bytes.Buffer
		if code := run(append([]string{"check", "--no-vale", "--quiet"}, names...), nil, &out, &errb); code == 2 {
			b.Fatal(errb.String())
		}
	}
}
