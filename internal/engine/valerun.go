package engine

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/copydesk/copydesk/internal/core"
	"github.com/copydesk/copydesk/internal/vale"
)

// runVale lints every input with Vale: one process per configuration in use
// (usually one for the whole batch). Alerts land in alerts[i] for input i.
func (e *Engine) runVale(ctx context.Context, inputs []Input, alerts [][]vale.Alert) error {
	if len(inputs) == 0 {
		return nil
	}
	type group struct {
		ini     string
		files   []string
		index   map[string][]int
		skip    bool
		builtin bool              // the embedded default configuration
		root    map[string]string // file -> the folder whose walk found it (Input.WalkRoot)
	}
	groups := map[string]*group{}
	var order []string
	var tmp string // a private folder, made on first need
	makeTmp := func() (err error) {
		if tmp == "" {
			tmp, err = tempDir()
		}
		return err
	}
	defer func() {
		if tmp != "" {
			os.RemoveAll(tmp)
		}
	}()
	for i, in := range inputs {
		c, err := e.loader.For(configFrom(in))
		if err != nil {
			continue // reported on the result by Prepare
		}
		g := groups[c.ValeIni]
		if g == nil {
			g = &group{ini: c.ValeIni, index: map[string][]int{}, builtin: c.Default, root: map[string]string{}}
			// The built-in News style is AP (American) house style; with
			// British copy the built-in configuration leaves it off, and
			// then Vale has nothing left to check (its spelling and
			// repetition rules are off, and there is no vocabulary for
			// Vale.Terms): it is not run at all.
			if st, err := e.Settings(c); err == nil && c.Default && st.Lang == "en-GB" {
				g.skip = true
			}
			groups[c.ValeIni] = g
			order = append(order, c.ValeIni)
		}
		if g.skip {
			continue
		}
		p := in.DiskPath
		if p != "" {
			if abs, err := filepath.Abs(p); err == nil {
				p = abs
			}
			if in.WalkRoot != "" {
				if r, err := filepath.Abs(in.WalkRoot); err == nil {
					g.root[p] = r
				}
			}
		} else {
			if err := makeTmp(); err != nil {
				return err
			}
			if p, err = writeTemp(tmp, i, in); err != nil {
				return err
			}
		}
		if _, seen := g.index[p]; !seen {
			g.files = append(g.files, p)
		}
		g.index[p] = append(g.index[p], i)
	}
	var bin string
	for gi, ini := range order {
		g := groups[ini]
		if g.skip {
			continue
		}
		if bin == "" {
			var err error
			if bin, err = e.Vale(); err != nil {
				return err
			}
		}
		files := g.files
		if g.builtin {
			// Vale lints the files of a folder several at a time and named
			// files one after another: a folder that copydesk walked whole
			// is handed over as it is, and the other files as one folder
			// of links (the built-in configuration matches file names
			// only, so a link's path reads the same to it)
			roots, rest := foldersOf(files, g.root)
			if len(rest) > 1 {
				if err := makeTmp(); err != nil {
					return err
				}
				if dir, linked, ok := linkFolder(tmp, gi, rest, g.index); ok {
					rest = []string{dir}
					for k, v := range linked {
						g.index[k] = v
					}
				}
			}
			files = append(roots, rest...)
		}
		got, err := vale.Run(ctx, bin, g.ini, files)
		if err != nil {
			return err
		}
		for path, as := range got {
			idx, ok := g.index[path]
			if !ok {
				if abs, err := filepath.Abs(filepath.Join(filepath.Dir(g.ini), path)); err == nil {
					idx = g.index[abs]
				}
			}
			for _, i := range idx {
				alerts[i] = as
			}
		}
	}
	return nil
}

// ValeCategory files a Vale rule under a copydesk category.
func ValeCategory(check string) string {
	switch check {
	case "Vale.Spelling":
		return core.CatTypo
	case "Vale.Repetition":
		return core.CatRepetition
	}
	return core.CatStyle
}

// fieldAllows applies the conventions of the parts of a story to the rules
// of copydesk's News style, which Vale applies to every line alike: a
// headline has its own style (News.Headline* rules only), a byline and a
// dateline are set in their own forms (capitals, AP state abbreviations), and
// a photo caption keeps AP state abbreviations.
func fieldAllows(d *core.Doc, rule string, start int) bool {
	name, ok := strings.CutPrefix(rule, "News.")
	if !ok {
		return true
	}
	kind, inDateline := d.KindAt(start)
	switch {
	case inDateline:
		return strings.HasPrefix(name, "Dateline")
	case kind == core.KindHeadline:
		return strings.HasPrefix(name, "Headline")
	case kind == core.KindByline:
		return false
	case kind == core.KindCaption:
		return name != "StateNames" && !strings.HasPrefix(name, "Headline")
	}
	return !strings.HasPrefix(name, "Headline")
}

// convertAlerts turns Vale's alerts into findings in Text offsets. Vale
// reports a line and 1-based, inclusive rune columns; the matched text is
// used to confirm the conversion.
func convertAlerts(d *core.Doc, alerts []vale.Alert) []core.Finding {
	out := make([]core.Finding, 0, len(alerts))
	for _, a := range alerts {
		start, end := AlertSpan(d, a)
		if !fieldAllows(d, a.Check, start) {
			continue
		}
		sev, err := core.ParseSeverity(a.Severity)
		if err != nil {
			sev = core.Warning
		}
		f := core.Finding{
			Rule: a.Check, Category: ValeCategory(a.Check), Severity: sev,
			Start: start, End: end, Message: a.Message,
		}
		switch {
		case len(a.Suggestions) > 0:
			for _, s := range a.Suggestions {
				f.Fixes = append(f.Fixes, core.Replace(start, end, s, ""))
			}
		case a.Action.Name == "remove":
			f.Fixes = append(f.Fixes, core.Replace(start, end, "", ""))
		}
		out = append(out, f)
	}
	return out
}

// AlertSpan converts one alert's position to a byte span of d.Text.
func AlertSpan(d *core.Doc, a vale.Alert) (int, int) {
	start := d.RuneColumnToOffset(a.Line, a.Span[0])
	end := d.RuneColumnToOffset(a.Line, a.Span[1]+1)
	if a.Match == "" || (end >= start && d.Text[start:end] == a.Match) {
		return start, max(start, end)
	}
	if strings.HasPrefix(d.Text[start:], a.Match) {
		return start, start + len(a.Match)
	}
	// find the match on its line, nearest the computed start
	ls, le := d.LineSpan(a.Line)
	line := d.Text[ls:le]
	best := -1
	for off := 0; ; {
		i := strings.Index(line[off:], a.Match)
		if i < 0 {
			break
		}
		p := ls + off + i
		if best < 0 || abs(p-start) < abs(best-start) {
			best = p
		}
		off += i + 1
	}
	if best >= 0 {
		return best, best + len(a.Match)
	}
	return start, max(start, end)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// foldersOf splits files into the folders that hold two or more of them
// as whole walks (root maps a file to its walk's folder) and the files that
// must be named.
func foldersOf(files []string, root map[string]string) (roots, rest []string) {
	count := map[string]int{}
	for _, f := range files {
		if r := root[f]; r != "" {
			count[r]++
		}
	}
	listed := map[string]bool{}
	for _, f := range files {
		r := root[f]
		switch {
		case r == "" || count[r] < 2:
			rest = append(rest, f)
		case !listed[r]:
			roots = append(roots, r)
			listed[r] = true
		}
	}
	return roots, rest
}

// linkFolder puts a symbolic link to each file in a new folder under tmp, so
// that Vale gets one folder instead of a list of files: Vale lints the files
// of a folder several at a time, and named files one after another (on 300
// articles, a tenth of its time). The links keep each file's name after a
// number, so that the configuration's patterns still match; it is used for
// the built-in configuration only, whose sections name file extensions and
// nothing of the path. index is the given index keyed by link instead of by
// file. ok is false when links cannot be made here (then the files are named
// one by one, as before).
func linkFolder(tmp string, n int, files []string, index map[string][]int) (dir string, linked map[string][]int, ok bool) {
	dir = filepath.Join(tmp, fmt.Sprintf("vale-%d", n))
	if err := os.Mkdir(dir, 0o700); err != nil {
		return "", nil, false
	}
	linked = make(map[string][]int, len(files))
	for k, f := range files {
		link := filepath.Join(dir, fmt.Sprintf("%d-%s", k, filepath.Base(f)))
		if err := os.Symlink(f, link); err != nil {
			return "", nil, false
		}
		linked[link] = index[f]
	}
	return dir, linked, true
}
