package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/copydesk/copydesk/internal/gitstage"
)

func init() { extraCommands["hook"] = cmdHook }

// hookMarker is the line that marks a pre-commit hook as copydesk's own:
// install replaces and uninstall removes only a hook that carries it.
const hookMarker = "# copydesk-hook: written by copydesk hook install; keep this line"

// hookBackupSuffix names the copy of someone else's hook that install
// --force keeps and uninstall puts back.
const hookBackupSuffix = ".copydesk-backup"

const hookUsage = `Usage:
  copydesk hook install [--force] [--binary PATH] [-- CHECK FLAGS]
  copydesk hook uninstall
  copydesk hook run [CHECK FLAGS]

install writes a git pre-commit hook that runs "copydesk hook run" before
each commit, in the folder git runs hooks from (.git/hooks, or core.hooksPath;
linked worktrees share it). The hook calls this copydesk by its absolute path,
or copydesk on PATH when this one is a temporary "go run" build. Flags after
"--" are passed to every check, e.g. -- --fail-on warning. A pre-commit hook
that copydesk did not write is left alone, unless --force, which keeps it as
pre-commit.copydesk-backup.

uninstall removes copydesk's hook (only its own) and puts back the hook that
install --force set aside.

run is what the hook calls: copydesk check --staged, which checks the staged
copy of the staged text files and exits 1 (refusing the commit) when
something is at or above --fail-on. To commit once without the check:
git commit --no-verify.
`

func cmdHook(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, hookUsage)
		return exitTrouble
	}
	switch args[0] {
	case "install":
		return hookInstall(args[1:], stdout, stderr)
	case "uninstall":
		return hookUninstall(args[1:], stdout, stderr)
	case "run":
		hookRunning = true
		defer func() { hookRunning = false }()
		return cmdCheck(append([]string{"--staged"}, args[1:]...), stdin, stdout, stderr)
	case "-h", "--help", "help":
		fmt.Fprint(stdout, hookUsage)
		return exitOK
	}
	fmt.Fprintf(stderr, "copydesk hook: unknown subcommand %q\n\n%s", args[0], hookUsage)
	return exitTrouble
}

// hookFile finds the pre-commit hook's path for the repository holding the
// working folder.
func hookFile() (string, error) {
	repo, err := gitstage.Open("")
	if errors.Is(err, gitstage.ErrNotRepo) {
		return "", errors.New("not inside a git working tree: run this in the repository whose commits copydesk should check")
	}
	if err != nil {
		return "", err
	}
	dir, err := repo.HooksDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "pre-commit"), nil
}

// isOurs reports whether the hook file at p was written by copydesk.
func isOurs(p string) bool {
	b, err := os.ReadFile(p)
	return err == nil && strings.Contains(string(b), hookMarker)
}

func hookInstall(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("copydesk hook install", flag.ContinueOnError)
	fs.SetOutput(stderr)
	force := fs.Bool("force", false, "replace a pre-commit hook copydesk did not write (it is kept as pre-commit"+hookBackupSuffix+")")
	binary := fs.String("binary", "", "the copydesk the hook runs (default: this one, or copydesk on PATH when this is a temporary go run build)")
	fs.Usage = func() { fmt.Fprint(stderr, hookUsage+"\nFlags of install:\n"); fs.PrintDefaults() }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitTrouble
	}
	extra := fs.Args()
	// the flags for check must parse now, not fail at every commit
	var probe common
	pfs := flag.NewFlagSet("copydesk check", flag.ContinueOnError)
	pfs.SetOutput(io.Discard)
	probe.register(pfs, "text", checkFormats)
	probe.registerGit(pfs)
	if _, err := parseInterspersed(pfs, extra); err != nil {
		fmt.Fprintf(stderr, "copydesk hook install: the flags after -- are not check flags: %v\n", err)
		return exitTrouble
	}

	bin, why, err := hookBinary(*binary)
	if err != nil {
		fmt.Fprintf(stderr, "copydesk hook install: %v\n", err)
		return exitTrouble
	}
	hook, err := hookFile()
	if err != nil {
		fmt.Fprintf(stderr, "copydesk hook install: %v\n", err)
		return exitTrouble
	}
	shown := displayName(hook)
	backup := hook + hookBackupSuffix
	verb := "installed"
	if _, err := os.Lstat(hook); err == nil {
		switch {
		case isOurs(hook):
			verb = "updated"
		case !*force:
			fmt.Fprintf(stderr, "copydesk hook install: %s is a pre-commit hook that copydesk did not write; left alone.\n", shown)
			if b, _ := os.ReadFile(hook); strings.Contains(string(b), "pre-commit.com") {
				fmt.Fprintln(stderr, "  It belongs to the pre-commit framework: add copydesk to .pre-commit-config.yaml instead (see the README).")
			}
			fmt.Fprintf(stderr, "  To replace it, keeping it as %s:  copydesk hook install --force\n", filepath.Base(backup))
			fmt.Fprintf(stderr, "  Or add this line to it:  copydesk hook run || exit 1\n")
			return exitTrouble
		default:
			if _, err := os.Lstat(backup); err == nil {
				fmt.Fprintf(stderr, "copydesk hook install: %s already holds an earlier hook; move it away first, then run this again.\n", displayName(backup))
				return exitTrouble
			}
			if err := os.Rename(hook, backup); err != nil {
				fmt.Fprintf(stderr, "copydesk hook install: keeping the old hook: %v\n", err)
				return exitTrouble
			}
			fmt.Fprintf(stdout, "copydesk: kept the previous pre-commit hook as %s (copydesk hook uninstall puts it back)\n", displayName(backup))
		}
	}
	if err := os.MkdirAll(filepath.Dir(hook), 0o755); err != nil {
		fmt.Fprintf(stderr, "copydesk hook install: %v\n", err)
		return exitTrouble
	}
	if err := writeExecutable(hook, hookScript(bin, extra)); err != nil {
		fmt.Fprintf(stderr, "copydesk hook install: %v\n", err)
		return exitTrouble
	}
	fmt.Fprintf(stdout, "copydesk: %s the pre-commit hook %s\n", verb, shown)
	if bin == "" {
		fmt.Fprintf(stdout, "  It runs copydesk from PATH (%s): make sure copydesk is on PATH for git.\n", why)
	} else {
		fmt.Fprintf(stdout, "  It runs %s\n", bin)
	}
	fmt.Fprintln(stdout, "  Every commit now checks the staged copy; git commit --no-verify skips the check once.")
	return exitOK
}

// hookBinary decides which copydesk the hook calls: --binary, else this
// executable (links resolved); "" means copydesk on PATH, with the reason.
func hookBinary(flagBin string) (bin, why string, err error) {
	if flagBin != "" {
		abs, err := filepath.Abs(flagBin)
		if err != nil {
			return "", "", err
		}
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			abs = real
		}
		if st, err := os.Stat(abs); err != nil || !st.Mode().IsRegular() || st.Mode()&0o111 == 0 {
			return "", "", fmt.Errorf("--binary %s: not an executable file", flagBin)
		}
		return abs, "", nil
	}
	exe, err := os.Executable()
	if err != nil {
		return "", "the path of this copydesk is unknown", nil
	}
	if real, err := filepath.EvalSymlinks(exe); err == nil {
		exe = real
	}
	if temporaryBuild(exe) {
		if _, err := exec.LookPath("copydesk"); err != nil {
			return "", "this copydesk is a temporary go run build, and none is on PATH yet: go install ./cmd/copydesk", nil
		}
		return "", "this copydesk is a temporary go run build", nil
	}
	return exe, "", nil
}

// temporaryBuild reports whether exe is a binary the go command built for
// one run: under a go-build folder (go run, go test) or in the build cache.
func temporaryBuild(exe string) bool {
	for _, part := range strings.Split(filepath.ToSlash(filepath.Dir(exe)), "/") {
		if strings.HasPrefix(part, "go-build") {
			return true
		}
	}
	cache := os.Getenv("GOCACHE")
	if cache == "" {
		if dir, err := os.UserCacheDir(); err == nil {
			cache = filepath.Join(dir, "go-build")
		}
	}
	if cache != "" {
		if rel, err := filepath.Rel(cache, exe); err == nil && !strings.HasPrefix(rel, "..") {
			return true
		}
	}
	return strings.HasSuffix(exe, ".test") || strings.HasSuffix(exe, ".test.exe")
}

// hookScript is the pre-commit hook: POSIX sh, which git runs on every
// platform (Git for Windows brings its own).
func hookScript(bin string, extra []string) string {
	var b strings.Builder
	b.WriteString("#!/bin/sh\n")
	b.WriteString("# git pre-commit hook: copydesk checks the staged copy of the staged text files.\n")
	b.WriteString("# Skip it once with: git commit --no-verify.  Remove it with: copydesk hook uninstall\n")
	b.WriteString(hookMarker + "\n")
	args := ""
	for _, a := range extra {
		args += " " + shellQuote(a)
	}
	if bin == "" {
		b.WriteString("if ! command -v copydesk >/dev/null 2>&1; then\n")
		b.WriteString("\techo \"copydesk pre-commit hook: copydesk is not on PATH. Install it (go install ./cmd/copydesk), or commit with git commit --no-verify, or remove the hook: rm $0\" >&2\n")
		b.WriteString("\texit 1\n")
		b.WriteString("fi\n")
		b.WriteString("exec copydesk hook run" + args + "\n")
		return b.String()
	}
	q := shellQuote(filepath.ToSlash(bin))
	b.WriteString("copydesk=" + q + "\n")
	b.WriteString("if [ ! -x \"$copydesk\" ]; then\n")
	b.WriteString("\techo \"copydesk pre-commit hook: $copydesk is missing. Reinstall the hook (copydesk hook install), or commit with git commit --no-verify, or remove the hook: rm $0\" >&2\n")
	b.WriteString("\texit 1\n")
	b.WriteString("fi\n")
	b.WriteString("exec \"$copydesk\" hook run" + args + "\n")
	return b.String()
}

// writeExecutable writes a file through a temporary file and a rename.
func writeExecutable(p, text string) error {
	tmp, err := os.CreateTemp(filepath.Dir(p), ".pre-commit.copydesk-*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	if _, err := io.WriteString(tmp, text); err != nil {
		tmp.Close()
		os.Remove(name)
		return err
	}
	if err := tmp.Chmod(0o755); err != nil {
		tmp.Close()
		os.Remove(name)
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(name)
		return err
	}
	if err := os.Rename(name, p); err != nil {
		os.Remove(name)
		return err
	}
	return nil
}

func hookUninstall(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		if args[0] == "-h" || args[0] == "--help" {
			fmt.Fprint(stdout, hookUsage)
			return exitOK
		}
		fmt.Fprintf(stderr, "copydesk hook uninstall: takes no arguments\n")
		return exitTrouble
	}
	hook, err := hookFile()
	if err != nil {
		fmt.Fprintf(stderr, "copydesk hook uninstall: %v\n", err)
		return exitTrouble
	}
	shown := displayName(hook)
	if _, err := os.Lstat(hook); err != nil {
		fmt.Fprintf(stdout, "copydesk: no pre-commit hook at %s; nothing to remove\n", shown)
		return exitOK
	}
	if !isOurs(hook) {
		fmt.Fprintf(stderr, "copydesk hook uninstall: %s was not written by copydesk; left alone\n", shown)
		return exitTrouble
	}
	if err := os.Remove(hook); err != nil {
		fmt.Fprintf(stderr, "copydesk hook uninstall: %v\n", err)
		return exitTrouble
	}
	fmt.Fprintf(stdout, "copydesk: removed the pre-commit hook %s\n", shown)
	backup := hook + hookBackupSuffix
	if _, err := os.Lstat(backup); err == nil {
		if err := os.Rename(backup, hook); err != nil {
			fmt.Fprintf(stderr, "copydesk hook uninstall: putting back %s: %v\n", displayName(backup), err)
			return exitTrouble
		}
		fmt.Fprintf(stdout, "copydesk: put back the previous hook from %s\n", displayName(backup))
	}
	return exitOK
}

// displayName shows a path relative to the working folder when it lies
// under it.
func displayName(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	if real, err := filepath.EvalSymlinks(wd); err == nil {
		wd = real
	}
	if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return p
}
