package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/copydesk/copydesk/internal/config"
	"github.com/copydesk/copydesk/internal/core"
	"github.com/copydesk/copydesk/internal/engine"
	"github.com/copydesk/copydesk/internal/gitstage"
	"github.com/copydesk/copydesk/internal/render"
	"github.com/copydesk/copydesk/rules"
)

// registerGit adds check's git flags: --staged and --changed-since.
func (c *common) registerGit(fs *flag.FlagSet) {
	fs.BoolVar(&c.staged, "staged", false, "check what git commit would record: the staged content of the staged files (paths, if given, limit which)")
	fs.StringVar(&c.changedSince, "changed-since", "", "report only findings on lines changed since the merge base of `REF` and HEAD (untracked files count as wholly changed)")
}

// gatherStaged reads the staged copy of every added, copied, modified or
// renamed file that matches the configured globs, from the index in one git
// process. Paths, when given, limit the files to those at or under them (a
// file named exactly is read whatever its extension). Each input is named
// by its path from the working folder and takes its configuration from its
// place in the working tree, while Vale reads the staged text from a
// private temporary file.
func gatherStaged(paths []string, c *common, stderr io.Writer) gathered {
	var g gathered
	fail := func(format string, args ...any) gathered {
		fmt.Fprintf(stderr, "copydesk: --staged: "+format+"\n", args...)
		g.problems++
		return g
	}
	for _, p := range paths {
		if p == "-" {
			return fail("reads the index, not standard input")
		}
	}
	// the word lists load while git works
	go rules.Preload()
	// the staged list and the top folder at once: two git processes in
	// parallel rather than one after the other
	var changes []gitstage.Change
	var serr error
	listed := make(chan struct{})
	go func() {
		defer close(listed)
		changes, serr = gitstage.StagedIn("")
	}()
	repo, err := gitstage.Open("")
	<-listed
	if errors.Is(err, gitstage.ErrNotRepo) {
		return fail("not inside a git working tree")
	}
	if err != nil {
		return fail("%v", err)
	}
	if serr != nil {
		return fail("%v", serr)
	}
	var limits []string
	for _, p := range paths {
		rel, ok := repo.Rel(p)
		if !ok {
			fmt.Fprintf(stderr, "copydesk: %s: outside the git working tree %s\n", p, repo.Top)
			g.problems++
			continue
		}
		limits = append(limits, rel)
	}
	if len(paths) > 0 && len(limits) == 0 {
		return g
	}
	loader := config.NewLoader(c.config)
	var keep []gitstage.Change
	var ids []string
	for _, ch := range changes {
		if !ch.Regular() { // submodules and symbolic links hold no copy
			continue
		}
		named := false
		if len(limits) > 0 {
			in := false
			for _, l := range limits {
				if l == "." || l == ch.Path || strings.HasPrefix(ch.Path, l+"/") {
					in = true
					named = named || l == ch.Path
				}
			}
			if !in {
				continue
			}
		}
		if !named {
			globs := config.DefaultGlobs
			if cf, err := loader.For(repo.Top + string(filepath.Separator) + filepath.FromSlash(ch.Path)); err == nil && len(cf.Settings.Globs) > 0 {
				globs = cf.Settings.Globs
			}
			if !matchGlobs(path.Base(ch.Path), globs) {
				continue
			}
		}
		keep = append(keep, ch)
		ids = append(ids, ch.Blob)
	}
	blobs, err := repo.ReadBlobs(ids)
	if err != nil {
		return fail("%v", err)
	}
	wd, _ := os.Getwd()
	if real, err := filepath.EvalSymlinks(wd); err == nil {
		wd = real
	}
	for i, ch := range keep {
		onDisk := filepath.Join(repo.Top, filepath.FromSlash(ch.Path))
		shown := onDisk
		if rel, err := filepath.Rel(wd, onDisk); err == nil {
			shown = rel
		}
		if isBinary(blobs[i]) {
			fmt.Fprintf(stderr, "copydesk: %s: binary file (it holds NUL bytes); skipped\n", shown)
			continue
		}
		g.inputs = append(g.inputs, engine.Input{
			Path: shown, Text: bytesToString(blobs[i]), Format: core.FormatForPath(ch.Path), ConfigFrom: onDisk,
		})
	}
	return g
}

// onlyChanged keeps the findings that touch a line changed since the merge
// base of --changed-since and HEAD: in the working tree, or in the index
// with --staged. A file git does not track counts as wholly changed, and so
// does standard input.
func onlyChanged(c *common, results []engine.Result, files []render.File) ([]render.File, error) {
	repo, err := gitstage.Open("")
	if errors.Is(err, gitstage.ErrNotRepo) {
		return nil, errors.New("not inside a git working tree")
	}
	if err != nil {
		return nil, err
	}
	base, err := repo.MergeBase(c.changedSince)
	if err != nil {
		return nil, err
	}
	changed, err := repo.ChangedLines(base, c.staged)
	if err != nil {
		return nil, err
	}
	fromStdin := map[string]bool{}
	for _, r := range results {
		if !c.staged && r.DiskPath == "" {
			fromStdin[r.Path] = true
		}
	}
	rels := make([]string, len(files))
	var unknown []string
	for i, f := range files {
		if fromStdin[f.Path] {
			continue
		}
		if rel, ok := repo.Rel(f.Path); ok {
			rels[i] = rel
			if _, ok := changed[rel]; !ok {
				unknown = append(unknown, rel)
			}
		}
	}
	tracked, err := repo.Tracked(unknown)
	if err != nil {
		return nil, err
	}
	out := make([]render.File, 0, len(files))
	for i, f := range files {
		rel := rels[i]
		lines, diff := changed[rel]
		switch {
		case rel == "" || !diff && !tracked[rel]:
			// standard input, outside the tree, or untracked: all new
		case !diff:
			f.Findings = nil // tracked and unchanged since the base
		default:
			var keep []core.Finding
			for _, x := range f.Findings {
				from, _ := f.Doc.Position(x.Start)
				to, col := f.Doc.Position(x.End)
				if x.End > x.Start && col == 1 && to > from {
					to-- // the span ends with a line break
				}
				if lines.Overlaps(from, to) {
					keep = append(keep, x)
				}
			}
			f.Findings = keep
		}
		out = append(out, f)
	}
	return out, nil
}

// hookRunning is set by "copydesk hook run", so that the advice speaks of
// the refused commit.
var hookRunning bool

// stagedAdvice tells, after check --staged found something at or above
// --fail-on, which files hold it, how to see and apply the fixes, and how
// to commit anyway once.
func stagedAdvice(w io.Writer, files []render.File, failOn core.Severity) {
	n := 0
	var names []string
	for _, f := range files {
		k := 0
		for _, x := range f.Findings {
			if x.Severity >= failOn {
				k++
			}
		}
		if k > 0 {
			n += k
			names = append(names, shellQuote(f.Path))
		}
	}
	if n == 0 {
		return
	}
	what := fmt.Sprintf("%d findings at or above %s", n, failOn)
	if failOn == core.Error {
		what = fmt.Sprintf("%d errors", n)
		if n == 1 {
			what = "1 error"
		}
	} else if n == 1 {
		what = fmt.Sprintf("1 finding at or above %s", failOn)
	}
	list := strings.Join(names, " ")
	if len(names) > 4 {
		list = strings.Join(names[:4], " ") + " ..."
	}
	if hookRunning {
		fmt.Fprintf(w, "\ncopydesk: commit refused: %s in the staged copy (the hook stops a commit at --fail-on %s).\n", what, failOn)
	} else {
		fmt.Fprintf(w, "\ncopydesk: %s in the staged copy (at or above --fail-on %s).\n", what, failOn)
	}
	fmt.Fprintf(w, "  See the fixes:          copydesk fix %s\n", list)
	fmt.Fprintf(w, "  Apply and stage them:   copydesk fix -w %s && git add %s\n", list, list)
	fmt.Fprintf(w, "  Commit anyway, once:    git commit --no-verify\n")
}

// shellQuote quotes a path for a POSIX shell when it needs it.
func shellQuote(s string) string {
	safe := s != ""
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._-/+@%,:=", r)) {
			safe = false
			break
		}
	}
	if safe {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
