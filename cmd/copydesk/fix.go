package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/copydesk/copydesk/internal/engine"
	"github.com/copydesk/copydesk/internal/render"
	"github.com/copydesk/copydesk/internal/vale"
)

func cmdFix(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("copydesk fix", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c common
	c.register(fs, "diff", "diff or json")
	var write bool
	fs.BoolVar(&write, "w", false, "write the fixes into the files (atomically) instead of printing a diff")
	fs.BoolVar(&write, "write", false, "same as -w")
	fs.Usage = func() {
		fmt.Fprintf(stderr, `Usage: copydesk fix [-w] [flags] [paths|-]

Applies every unambiguous fix: a finding with exactly one fix that overlaps no
other. Without -w it prints a unified diff (git apply and patch -p1 accept it);
with -w it writes each file in place (temporary file and rename, mode kept). A
report of what was applied and what was skipped, and why, goes to standard
error. With "-" and -w the fixed text goes to standard output.

Flags:
`)
		fs.PrintDefaults()
	}
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitTrouble
	}
	if c.format != "diff" && c.format != "json" {
		fmt.Fprintf(stderr, "copydesk fix: --format %q: want diff or json\n", c.format)
		return exitTrouble
	}
	results, _, code := runCheck(&c, paths, stdin, stderr)
	if results == nil {
		return code
	}
	var ok []engine.Result
	for _, r := range results {
		if r.Err == nil {
			ok = append(ok, r)
		}
	}
	opt, _ := c.engineOptions(nil)
	ctx, cancel := signalContext()
	defer cancel()
	fixed, err := engine.New(opt).Fix(ctx, ok)
	if err != nil {
		if errors.Is(err, vale.ErrNotFound) {
			fmt.Fprintln(stderr, vale.HowToGet)
		} else {
			fmt.Fprintf(stderr, "copydesk: %v\n", err)
		}
		return exitTrouble
	}
	if c.format == "json" {
		if err := fixJSON(stdout, fixed); err != nil {
			fmt.Fprintf(stderr, "copydesk: %v\n", err)
			return exitTrouble
		}
	}
	for _, fr := range fixed {
		if fr.Err != nil {
			fmt.Fprintf(stderr, "copydesk: %s: %v\n", fr.Path, fr.Err)
			code = exitTrouble
			continue
		}
		if !c.quiet {
			report(stderr, fr)
		}
		if fr.Fixed == fr.Text {
			continue
		}
		switch {
		case write && fr.DiskPath == "":
			// standard input: the fixed text is the output
			if _, err := io.WriteString(stdout, fr.Fixed); err != nil {
				return exitTrouble
			}
		case write:
			if err := writeAtomic(fr.DiskPath, fr.Text, fr.Fixed); err != nil {
				fmt.Fprintf(stderr, "copydesk: %s: %v; file left as it was\n", fr.Path, err)
				code = exitTrouble
			}
		case c.format == "diff":
			name := diffName(fr.Path)
			if _, err := io.WriteString(stdout, render.Unified("a/"+name, "b/"+name, fr.Text, fr.Fixed)); err != nil {
				return exitTrouble
			}
		}
	}
	return code
}

// diffName is the path printed after a/ and b/: relative to the working
// folder when it can be, with forward slashes.
func diffName(p string) string {
	if filepath.IsAbs(p) {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
				p = rel
			}
		}
	}
	p = filepath.ToSlash(filepath.Clean(p))
	return strings.TrimPrefix(p, "./")
}

// report tells what fix applied and skipped in one file.
func report(w io.Writer, fr engine.FixResult) {
	if len(fr.Applied) == 0 && len(fr.Skipped) == 0 {
		return
	}
	fmt.Fprintf(w, "%s: %d fixed, %d skipped\n", fr.Path, len(fr.Applied), len(fr.Skipped))
	for _, f := range fr.Applied {
		line, col := fr.Doc.Position(f.Start)
		fmt.Fprintf(w, "  fixed   %d:%d %s: %s\n", line, col, f.Rule, f.Fixes[0].Title)
	}
	for _, s := range fr.Skipped {
		line, col := fr.Doc.Position(s.Finding.Start)
		fmt.Fprintf(w, "  skipped %d:%d %s: %s\n", line, col, s.Finding.Rule, s.Reason)
	}
}

// writeAtomic replaces path's content with fixed: a temporary file in the
// same folder, synced, given the original's mode, then renamed over it. It
// refuses when the file is read-only or changed since it was read. On any
// failure the file is left as it was and the temporary file is removed.
func writeAtomic(path, original, fixed string) error {
	return atomicWriter{}.write(path, original, fixed)
}

// atomicWriter is writeAtomic with its write step open to tests: wrap, when
// set, stands between the fixed text and the temporary file, so that a test
// can make the write fail as a full disk does.
type atomicWriter struct {
	wrap func(io.Writer) io.Writer
}

func (aw atomicWriter) write(path, original, fixed string) error {
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	if st.Mode().Perm()&0o222 == 0 {
		return errors.New("file is read-only; not written")
	}
	now, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if string(now) != original {
		return errors.New("file changed while it was being checked; not written (run copydesk fix again)")
	}
	// write through a symbolic link to its target
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".copydesk-*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	fail := func(err error) error {
		tmp.Close()
		os.Remove(name)
		return err
	}
	var w io.Writer = tmp
	if aw.wrap != nil {
		w = aw.wrap(tmp)
	}
	if _, err := io.WriteString(w, fixed); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Chmod(st.Mode().Perm()); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(name)
		return err
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return err
	}
	return nil
}
