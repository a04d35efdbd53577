package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"

	"golang.org/x/term"

	"github.com/copydesk/copydesk/internal/core"
	"github.com/copydesk/copydesk/internal/engine"
	"github.com/copydesk/copydesk/internal/render"
	"github.com/copydesk/copydesk/internal/vale"
)

const checkFormats = "text, json, jsonl, github, sarif or rdjson"

func cmdCheck(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("copydesk check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c common
	c.register(fs, "text", checkFormats)
	c.registerGit(fs)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: copydesk check [flags] [paths|-]\n\nReports findings. Exit 0: nothing at or above --fail-on; 1: something is; 2: usage or I/O error.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitTrouble
	}
	switch c.format {
	case "text", "json", "jsonl":
	default:
		if w, ok := extraFormats[c.format]; ok {
			_ = w
		} else {
			fmt.Fprintf(stderr, "copydesk check: --format %q: want %s\n", c.format, checkFormats)
			return exitTrouble
		}
	}
	results, files, code := runCheck(&c, paths, stdin, stderr)
	if results == nil && code != exitOK {
		return code
	}
	if c.changedSince != "" {
		if files, err = onlyChanged(&c, results, files); err != nil {
			fmt.Fprintf(stderr, "copydesk: --changed-since: %v\n", err)
			return exitTrouble
		}
	}
	if err := writeFindings(stdout, c.format, files, results, colorOn(c.color, stdout)); err != nil {
		fmt.Fprintf(stderr, "copydesk: writing output: %v\n", err)
		return exitTrouble
	}
	failOn := failOnLevel(&c, results)
	status := exitOK
	for _, f := range files {
		for _, x := range f.Findings {
			if x.Severity >= failOn {
				status = exitFindings
			}
		}
	}
	if showProgress(&c, stderr) {
		fmt.Fprintln(stderr, render.Summarize(files).String())
	}
	if c.staged && status == exitFindings {
		stagedAdvice(stderr, files, failOn)
	}
	if code != exitOK {
		return code
	}
	return status
}

// extraFormats are output formats defined in other files (github, sarif,
// rdjson).
var extraFormats = map[string]func(w io.Writer, files []render.File, results []engine.Result) error{}

func writeFindings(w io.Writer, format string, files []render.File, results []engine.Result, color bool) error {
	switch format {
	case "json":
		return render.JSON(w, files)
	case "jsonl":
		return render.JSONL(w, files)
	case "text":
		return render.Text(w, files, color)
	}
	return extraFormats[format](w, files, results)
}

// failOnLevel is --fail-on, else the configured level of the first file.
func failOnLevel(c *common, results []engine.Result) core.Severity {
	if c.failOn != "" {
		s, _ := core.ParseSeverity(c.failOn)
		return s
	}
	for _, r := range results {
		if r.Config != nil {
			return r.Config.Settings.FailOn
		}
	}
	return core.Error
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func colorOn(mode string, w io.Writer) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	return isTerminal(w) && os.Getenv("NO_COLOR") == ""
}

func showProgress(c *common, stderr io.Writer) bool { return !c.quiet && isTerminal(stderr) }

// signalContext is cancelled by Ctrl-C, so a long Vale run stops with it.
func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt)
}

// setMemoryLimit gives the garbage collector a soft memory limit in
// proportion to the text to check (eight times its size, 512 MiB at
// least). Without one, the heap may grow to twice what is live before a
// collection, which for a file of tens of megabytes is gigabytes. A
// GOMEMLIMIT set by the user wins.
func setMemoryLimit(inputs []engine.Input) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	total := int64(0)
	for _, in := range inputs {
		total += int64(len(in.Text))
	}
	debug.SetMemoryLimit(max(512<<20, 8*total))
}

// runCheck gathers the inputs and checks them. It returns the results, the
// files for the formats, and exitTrouble when something could not be read
// or checked (the results of the rest are still returned).
func runCheck(c *common, paths []string, stdin io.Reader, stderr io.Writer) ([]engine.Result, []render.File, int) {
	var progress io.Writer
	if !c.quiet {
		progress = stderr
	}
	opt, err := c.engineOptions(progress)
	if err != nil {
		fmt.Fprintf(stderr, "copydesk: %v\n", err)
		return nil, nil, exitTrouble
	}
	g := gather(paths, c, stdin, stderr)
	code := exitOK
	if g.problems > 0 {
		code = exitTrouble
	}
	if len(g.inputs) == 0 {
		if code == exitOK && !c.staged {
			fmt.Fprintln(stderr, "copydesk: no files to check")
		}
		return []engine.Result{}, nil, code
	}
	setMemoryLimit(g.inputs)
	if showProgress(c, stderr) && len(g.inputs) > 1 {
		fmt.Fprintf(stderr, "copydesk: checking %d files...\r", len(g.inputs))
	}
	ctx, cancel := signalContext()
	defer cancel()
	e := engine.New(opt)
	results, err := e.Check(ctx, g.inputs)
	if showProgress(c, stderr) && len(g.inputs) > 1 {
		fmt.Fprintf(stderr, "\r\x1b[K")
	}
	if err != nil {
		if errors.Is(err, vale.ErrNotFound) {
			fmt.Fprintln(stderr, vale.HowToGet)
		} else {
			fmt.Fprintf(stderr, "copydesk: %v\n", err)
		}
		return nil, nil, exitTrouble
	}
	files := make([]render.File, 0, len(results))
	for _, r := range results {
		if r.Err != nil {
			fmt.Fprintf(stderr, "copydesk: %s: %v\n", r.Path, r.Err)
			code = exitTrouble
			continue
		}
		files = append(files, render.File{Path: r.Path, Doc: r.Doc, Findings: r.Findings})
	}
	return results, files, code
}
