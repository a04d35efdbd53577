package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/copydesk/copydesk/internal/core"
	"github.com/copydesk/copydesk/internal/engine"
	"github.com/copydesk/copydesk/internal/gitstage"
	"github.com/copydesk/copydesk/internal/render"
	"github.com/copydesk/copydesk/rules"
)

// The review and CI formats of check: GitHub Actions annotations, SARIF for
// code scanning, and reviewdog's rdjson.
func init() {
	extraFormats["github"] = func(w io.Writer, files []render.File, _ []engine.Result) error {
		return render.GitHub(w, relativeTo(files, repoBase()))
	}
	extraFormats["sarif"] = func(w io.Writer, files []render.File, _ []engine.Result) error {
		base := repoBase()
		return render.SARIF(w, relativeTo(files, base), render.SARIFOptions{ToolVersion: version, Rules: ruleMeta(), SrcRoot: base})
	}
	extraFormats["rdjson"] = func(w io.Writer, files []render.File, _ []engine.Result) error {
		wd, _ := os.Getwd()
		return render.RDJSON(w, relativeTo(files, wd))
	}
}

// repoBase is the folder that annotation and code-scanning paths are
// relative to: $GITHUB_WORKSPACE in a GitHub workflow, else the top of the
// git working tree, else the working folder.
func repoBase() string {
	if ws := os.Getenv("GITHUB_WORKSPACE"); ws != "" {
		if abs, err := filepath.Abs(ws); err == nil {
			return abs
		}
	}
	if r, err := gitstage.Open(""); err == nil {
		return r.Top
	}
	wd, _ := os.Getwd()
	return wd
}

// relativeTo renames files with their paths relative to base (forward
// slashes) when they lie inside it; standard input keeps its name.
func relativeTo(files []render.File, base string) []render.File {
	realBase := base
	if r, err := filepath.EvalSymlinks(base); err == nil {
		realBase = r
	}
	out := make([]render.File, len(files))
	for i, f := range files {
		out[i] = f
		if f.Path == "" || f.Path == "-" || strings.HasPrefix(f.Path, "<") {
			continue
		}
		abs, err := filepath.Abs(f.Path)
		if err != nil {
			continue
		}
		dir, name := filepath.Split(abs)
		if r, err := filepath.EvalSymlinks(dir); err == nil {
			abs = filepath.Join(r, name)
		}
		if rel, err := filepath.Rel(realBase, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			out[i].Path = filepath.ToSlash(rel)
		} else {
			out[i].Path = filepath.ToSlash(abs)
		}
	}
	return out
}

// ruleMeta is the metadata of copydesk's own rules, by id.
func ruleMeta() map[string]core.Meta {
	m := map[string]core.Meta{}
	for _, r := range rules.All() {
		meta := r.Meta()
		m[meta.ID] = meta
	}
	return m
}
