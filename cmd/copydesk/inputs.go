package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unsafe"

	"github.com/copydesk/copydesk/internal/config"
	"github.com/copydesk/copydesk/internal/core"
	"github.com/copydesk/copydesk/internal/engine"
)

// gathered is the outcome of reading the command line's paths.
type gathered struct {
	inputs   []engine.Input
	problems int // paths that could not be read
}

// bytesToString hands a freshly read buffer to a string without copying it;
// the buffer is never written again.
func bytesToString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// isBinary: a NUL byte anywhere means a file is not text. (A search of the
// whole file costs a few milliseconds per 100 MB; a NUL past the first few
// kilobytes would otherwise reach Vale and the rules as text.)
func isBinary(b []byte) bool {
	return bytes.IndexByte(b, 0) >= 0
}

func matchGlobs(name string, globs []string) bool {
	for _, g := range globs {
		if ok, _ := filepath.Match(g, name); ok {
			return true
		}
	}
	return false
}

// gather reads the paths named on the command line: files as named (symbolic
// links followed), folders walked for the configured globs (links not
// followed), "-" from stdin. A path that cannot be read is reported and the
// others are still checked.
func gather(paths []string, c *common, stdin io.Reader, stderr io.Writer) gathered {
	if c.staged {
		return gatherStaged(paths, c, stderr)
	}
	var g gathered
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	stdinUsed := false
	for _, p := range paths {
		if p == "-" {
			if stdinUsed {
				continue
			}
			stdinUsed = true
			b, err := io.ReadAll(stdin)
			if err != nil {
				fmt.Fprintf(stderr, "copydesk: reading standard input: %v\n", err)
				g.problems++
				continue
			}
			name := c.stdinName
			if name == "" {
				name = "<stdin>"
			}
			f := core.FormatForPath(name)
			if c.ext != "" {
				var ok bool
				if f, ok = core.ParseFormat(c.ext); !ok {
					fmt.Fprintf(stderr, "copydesk: --ext %q: want txt, md or html\n", c.ext)
					g.problems++
					continue
				}
			}
			from := "."
			if c.stdinName != "" {
				from = c.stdinName
			}
			g.inputs = append(g.inputs, engine.Input{Path: name, Text: bytesToString(b), Format: f, ConfigFrom: from})
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			fmt.Fprintf(stderr, "copydesk: %s: %v\n", p, describeErr(err))
			g.problems++
			continue
		}
		if st.IsDir() {
			// a folder named through a symbolic link is walked under the
			// name given: "link/" (with the separator) is the folder the
			// link points to. The walk itself follows no links, so a loop
			// cannot trap it.
			root := p
			linked := false
			if lst, err := os.Lstat(p); err == nil && lst.Mode()&fs.ModeSymlink != 0 {
				root = p + string(filepath.Separator)
				linked = true
			}
			g.walk(root, !linked, stderr)
			continue
		}
		if !st.Mode().IsRegular() {
			fmt.Fprintf(stderr, "copydesk: %s: not a regular file; skipped\n", p)
			g.problems++
			continue
		}
		g.readFile(p, stderr)
	}
	return g
}

func describeErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		if errors.Is(err, fs.ErrNotExist) {
			return "no such file or folder"
		}
		if errors.Is(err, fs.ErrPermission) {
			return "permission denied"
		}
		return pe.Err.Error()
	}
	return err.Error()
}

func (g *gathered) readFile(p string, stderr io.Writer) {
	b, err := os.ReadFile(p)
	if err != nil {
		fmt.Fprintf(stderr, "copydesk: %s: %v\n", p, describeErr(err))
		g.problems++
		return
	}
	if isBinary(b) {
		fmt.Fprintf(stderr, "copydesk: %s: binary file (it holds NUL bytes); skipped\n", p)
		return
	}
	g.inputs = append(g.inputs, engine.Input{Path: p, Text: bytesToString(b), Format: core.FormatForPath(p), DiskPath: p})
}

// walk reads the files under root that match the globs configured for root.
// Hidden folders (.git) and node_modules are skipped; symbolic links are not
// followed.
//
// When the walk took exactly the files that Vale's own walk of the folder
// takes with the built-in configuration, the files are marked with the
// root, so that Vale can be given the folder instead of the file names (it
// lints a folder's files several at a time, named files one by one). That
// is so when the globs are the default ones (the built-in configuration's
// sections name the same extensions), the folder was not named through a
// link (asVale), and nothing was left out that Vale would read: Vale skips
// only .git and node_modules folders, and reads hidden folders, linked
// files and files with NUL bytes, which copydesk leaves alone.
func (g *gathered) walk(root string, asVale bool, stderr io.Writer) {
	globs := config.DefaultGlobs
	if c, err := config.NewLoader("").For(root); err == nil && len(c.Settings.Globs) > 0 {
		globs = c.Settings.Globs
		asVale = asVale && slices.Equal(globs, config.DefaultGlobs)
	}
	first := len(g.inputs)
	problems := g.problems
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			fmt.Fprintf(stderr, "copydesk: %s: %v\n", p, describeErr(err))
			g.problems++
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if p != root && (strings.HasPrefix(name, ".") || name == "node_modules") {
				if name != ".git" && name != "node_modules" {
					asVale = false
				}
				return fs.SkipDir
			}
			return nil
		}
		if !matchGlobs(name, globs) {
			return nil
		}
		if !d.Type().IsRegular() {
			asVale = false
			return nil
		}
		n := len(g.inputs)
		g.readFile(p, stderr)
		if len(g.inputs) == n {
			asVale = false // binary, or unreadable
		}
		return nil
	})
	if err != nil {
		fmt.Fprintf(stderr, "copydesk: %s: %v\n", root, err)
		g.problems++
	}
	if asVale && g.problems == problems {
		for i := first; i < len(g.inputs); i++ {
			g.inputs[i].WalkRoot = root
		}
	}
}
