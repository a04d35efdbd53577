// Package gitstage is the git plumbing behind copydesk's pre-commit hook and
// its --changed-since filter: which files are staged, what the index holds
// for them, and which lines changed since a merge base.
//
// It runs the real git binary with machine-readable options only (-z, --raw,
// -U0, explicit prefixes), so that user configuration (diff.noprefix,
// diff.relative, core.quotePath, external diff drivers, colour) cannot change
// what it parses. It inherits the environment on purpose: inside a hook, git
// sets GIT_INDEX_FILE to the index being committed (a temporary one for
// "git commit -a" or "git commit PATH"), and every command here must read
// that index.
//
// Pitfalls it handles: a repository without commits (git diff --cached
// compares the index with the empty tree), file names with spaces, quotes,
// newlines and non-ASCII characters, renames, submodules and symbolic links
// (reported with their modes so callers can skip them), and linked worktrees
// and core.hooksPath (through git rev-parse --git-path).
package gitstage

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// ErrNotRepo means the folder is not inside a git working tree.
var ErrNotRepo = errors.New("not inside a git working tree")

// Repo is one git working tree.
type Repo struct {
	// Top is the absolute path of the working tree's top folder, as git
	// prints it (symbolic links resolved).
	Top string
}

// Open finds the working tree that holds dir ("" for the working folder).
func Open(dir string) (*Repo, error) {
	if dir == "" {
		var err error
		if dir, err = os.Getwd(); err != nil {
			return nil, err
		}
	}
	if _, err := exec.LookPath("git"); err != nil {
		return nil, errors.New("git is not installed (or not on PATH)")
	}
	cmd := exec.Command("git", "rev-parse", "--show-toplevel")
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if strings.Contains(msg, "not a git repository") || strings.Contains(msg, "must be run in a work tree") {
			return nil, ErrNotRepo
		}
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("git rev-parse: %s", msg)
	}
	top := strings.TrimRight(string(out), "\r\n")
	if top == "" {
		return nil, ErrNotRepo
	}
	return &Repo{Top: filepath.FromSlash(top)}, nil
}

// git runs one git command in the top folder and returns its standard
// output; the error carries git's own message.
func (r *Repo) git(stdin io.Reader, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = r.Top
	cmd.Stdin = stdin
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return out, fmt.Errorf("git %s: %s", args[0], msg)
	}
	return out, nil
}

// HooksDir is the folder git runs hooks from: .git/hooks, the common one of
// a linked worktree, or core.hooksPath. It may not exist yet.
func (r *Repo) HooksDir() (string, error) {
	out, err := r.git(nil, "rev-parse", "--git-path", "hooks")
	if err != nil {
		return "", err
	}
	p := filepath.FromSlash(strings.TrimRight(string(out), "\r\n"))
	if !filepath.IsAbs(p) {
		p = filepath.Join(r.Top, p)
	}
	return filepath.Clean(p), nil
}

// Modes git uses for entries that are not regular files.
const (
	ModeSymlink   = "120000"
	ModeSubmodule = "160000"
)

// Change is one staged change, as git diff --raw reports it.
type Change struct {
	Status  byte   // 'A', 'C', 'M' or 'R'
	Path    string // slash-separated, relative to the top folder
	OldPath string // the source of a rename or copy
	Mode    string // the new mode: 100644, 100755, 120000 (link), 160000 (submodule)
	Blob    string // the object id of the staged content
}

// Regular reports whether the change is an ordinary file (not a symbolic
// link or a submodule).
func (c Change) Regular() bool { return c.Mode != ModeSymlink && c.Mode != ModeSubmodule }

// Staged lists the added, copied, modified and renamed files in the index,
// compared with HEAD (or with the empty tree when there is no commit yet).
func (r *Repo) Staged() ([]Change, error) { return StagedIn(r.Top) }

// StagedIn is Staged for the working tree holding dir ("" for the working
// folder), without finding its top folder first, so that a caller can do
// both at once.
func StagedIn(dir string) ([]Change, error) {
	cmd := exec.Command("git", "-c", "core.quotePath=false", "diff", "--cached", "--raw", "-z", "--no-abbrev",
		"--no-relative", "--no-ext-diff", "--no-textconv", "--ignore-submodules=none", "-M", "--diff-filter=ACMR")
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git diff: %s", strings.TrimSpace(stderr.String()+" "+err.Error()))
	}
	return parseRaw(out)
}

// parseRaw reads "git diff --raw -z" output:
//
//	:oldmode newmode oldsha newsha status NUL path NUL [newpath NUL]
func parseRaw(b []byte) ([]Change, error) {
	var out []Change
	fields := bytes.Split(b, []byte{0})
	for i := 0; i < len(fields); i++ {
		meta := string(fields[i])
		if meta == "" {
			continue
		}
		if !strings.HasPrefix(meta, ":") {
			return nil, fmt.Errorf("git diff --raw: unexpected %q", meta)
		}
		f := strings.Fields(meta[1:])
		if len(f) < 5 || f[4] == "" {
			return nil, fmt.Errorf("git diff --raw: unexpected %q", meta)
		}
		c := Change{Status: f[4][0], Mode: f[1], Blob: f[3]}
		paths := 1
		if c.Status == 'R' || c.Status == 'C' {
			paths = 2
		}
		if i+paths >= len(fields) {
			return nil, fmt.Errorf("git diff --raw: truncated after %q", meta)
		}
		if paths == 2 {
			c.OldPath = string(fields[i+1])
			c.Path = string(fields[i+2])
		} else {
			c.Path = string(fields[i+1])
		}
		i += paths
		out = append(out, c)
	}
	return out, nil
}

// ReadBlobs returns the content of each object, in order, through one
// "git cat-file --batch" process.
func (r *Repo) ReadBlobs(ids []string) ([][]byte, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var in bytes.Buffer
	for _, id := range ids {
		in.WriteString(id)
		in.WriteByte('\n')
	}
	cmd := exec.Command("git", "cat-file", "--batch")
	cmd.Dir = r.Top
	cmd.Stdin = &in
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	out, perr := parseBatch(bufio.NewReaderSize(stdout, 64<<10), ids)
	if perr != nil {
		io.Copy(io.Discard, stdout)
	}
	werr := cmd.Wait()
	if perr != nil {
		return nil, perr
	}
	if werr != nil {
		return nil, fmt.Errorf("git cat-file: %s", strings.TrimSpace(stderr.String()+" "+werr.Error()))
	}
	return out, nil
}

// parseBatch reads "<id> <type> <size>\n<content>\n" per object.
func parseBatch(rd *bufio.Reader, ids []string) ([][]byte, error) {
	out := make([][]byte, len(ids))
	for i, id := range ids {
		head, err := rd.ReadString('\n')
		if err != nil {
			return nil, fmt.Errorf("git cat-file: reading %s: %v", id, err)
		}
		f := strings.Fields(head)
		if len(f) == 2 && f[1] == "missing" {
			return nil, fmt.Errorf("git cat-file: object %s is missing", id)
		}
		if len(f) != 3 {
			return nil, fmt.Errorf("git cat-file: unexpected %q", strings.TrimSpace(head))
		}
		n, err := strconv.Atoi(f[2])
		if err != nil || n < 0 {
			return nil, fmt.Errorf("git cat-file: unexpected %q", strings.TrimSpace(head))
		}
		buf := make([]byte, n+1)
		if _, err := io.ReadFull(rd, buf); err != nil {
			return nil, fmt.Errorf("git cat-file: reading %s: %v", id, err)
		}
		out[i] = buf[:n]
	}
	return out, nil
}

// MergeBase is the best common ancestor of ref and HEAD: the point a pull
// request branched from (git's three-dot semantics).
func (r *Repo) MergeBase(ref string) (string, error) {
	if strings.HasPrefix(ref, "-") {
		return "", fmt.Errorf("%q is not a revision", ref)
	}
	if _, err := r.git(nil, "rev-parse", "--verify", "--quiet", "--end-of-options", ref+"^{commit}"); err != nil {
		return "", fmt.Errorf("%s: no such commit or branch here (fetch it first, e.g. git fetch origin, or check out with fetch-depth: 0)", ref)
	}
	out, err := r.git(nil, "merge-base", "--end-of-options", ref, "HEAD")
	if err != nil {
		return "", fmt.Errorf("no merge base between %s and HEAD (a shallow clone? fetch with fetch-depth: 0): %v", ref, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// Lines is a set of 1-based line numbers, as sorted, disjoint ranges.
type Lines []LineRange

// LineRange is the lines From..To, inclusive.
type LineRange struct{ From, To int }

// Overlaps reports whether any line in from..to is in the set.
func (ls Lines) Overlaps(from, to int) bool {
	for _, r := range ls {
		if r.From <= to && from <= r.To {
			return true
		}
	}
	return false
}

// ChangedLines maps each file (slash-separated, relative to the top folder)
// that differs from base to the lines of its current version that were
// added or changed: the working tree's version, or the index's when cached
// is set. A file whose content is unchanged (a pure rename) is present with
// no lines; a file that is not tracked at all is absent (see Tracked).
func (r *Repo) ChangedLines(base string, cached bool) (map[string]Lines, error) {
	args := []string{"-c", "core.quotePath=false", "diff", "-U0", "--no-color", "--no-ext-diff", "--no-textconv",
		"--no-relative", "--src-prefix=a/", "--dst-prefix=b/", "-M"}
	if cached {
		args = append(args, "--cached")
	}
	args = append(args, base, "--")
	out, err := r.git(nil, args...)
	if err != nil {
		return nil, err
	}
	return parseUnified0(out)
}

// parseUnified0 reads "git diff -U0" output. Within a hunk the counts in
// its header say how many lines belong to it, so a changed line that itself
// starts with "+++ " is never taken for a file header.
func parseUnified0(b []byte) (map[string]Lines, error) {
	out := map[string]Lines{}
	cur := ""
	remOld, remNew := 0, 0
	for len(b) > 0 {
		var line []byte
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i], b[i+1:]
		} else {
			line, b = b, nil
		}
		if remOld > 0 || remNew > 0 {
			switch {
			case len(line) > 0 && line[0] == '-':
				remOld--
			case len(line) > 0 && line[0] == '+':
				remNew--
			case len(line) > 0 && line[0] == '\\': // "\ No newline at end of file"
			default:
				// a context line: not produced with -U0, but harmless
				remOld--
				remNew--
			}
			continue
		}
		s := string(line)
		switch {
		case strings.HasPrefix(s, "diff --git "):
			cur = ""
		case strings.HasPrefix(s, "rename to "), strings.HasPrefix(s, "copy to "):
			// a rename with no content change has no +++ line
			name := s[strings.Index(s, " to ")+4:]
			p, err := unquote(name)
			if err != nil {
				return nil, err
			}
			cur = p
			if _, ok := out[cur]; !ok {
				out[cur] = Lines{}
			}
		case strings.HasPrefix(s, "+++ "):
			name := strings.TrimSuffix(s[4:], "\t")
			if name == "/dev/null" {
				cur = ""
				continue
			}
			p, err := unquote(name)
			if err != nil {
				return nil, err
			}
			cur = strings.TrimPrefix(p, "b/")
			if _, ok := out[cur]; !ok {
				out[cur] = Lines{}
			}
		case strings.HasPrefix(s, "@@ "):
			from, n, o, err := hunkHeader(s)
			if err != nil {
				return nil, err
			}
			remOld, remNew = o, n
			if cur != "" && n > 0 {
				ls := out[cur]
				if k := len(ls); k > 0 && ls[k-1].To+1 >= from {
					ls[k-1].To = max(ls[k-1].To, from+n-1)
				} else {
					ls = append(ls, LineRange{from, from + n - 1})
				}
				out[cur] = ls
			}
		}
	}
	return out, nil
}

// hunkHeader reads "@@ -a[,b] +c[,d] @@": the new side's first line and
// count, and the old side's count.
func hunkHeader(s string) (from, n, old int, err error) {
	f := strings.Fields(s)
	if len(f) < 3 || !strings.HasPrefix(f[1], "-") || !strings.HasPrefix(f[2], "+") {
		return 0, 0, 0, fmt.Errorf("git diff: unexpected hunk header %q", s)
	}
	parse := func(x string) (int, int, error) {
		a, b, ok := strings.Cut(x, ",")
		start, err := strconv.Atoi(a)
		if err != nil {
			return 0, 0, err
		}
		count := 1
		if ok {
			if count, err = strconv.Atoi(b); err != nil {
				return 0, 0, err
			}
		}
		return start, count, nil
	}
	_, old, err = parse(f[1][1:])
	if err != nil {
		return 0, 0, 0, fmt.Errorf("git diff: unexpected hunk header %q", s)
	}
	from, n, err = parse(f[2][1:])
	if err != nil {
		return 0, 0, 0, fmt.Errorf("git diff: unexpected hunk header %q", s)
	}
	return from, n, old, nil
}

// unquote undoes git's C-style quoting of a path ("a\tb", "\303\251"); a
// path without quotes is returned as it is.
func unquote(s string) (string, error) {
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return s, nil
	}
	s = s[1 : len(s)-1]
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		if i >= len(s) {
			return "", fmt.Errorf("git: bad quoted path %q", s)
		}
		switch c = s[i]; c {
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'v':
			b.WriteByte('\v')
		case 'f':
			b.WriteByte('\f')
		case 'r':
			b.WriteByte('\r')
		case '"', '\\':
			b.WriteByte(c)
		default:
			if c < '0' || c > '3' || i+2 >= len(s) {
				return "", fmt.Errorf("git: bad quoted path %q", s)
			}
			v, err := strconv.ParseUint(s[i:i+3], 8, 8)
			if err != nil {
				return "", fmt.Errorf("git: bad quoted path %q", s)
			}
			b.WriteByte(byte(v))
			i += 2
		}
	}
	return b.String(), nil
}

// Tracked reports which of paths (slash-separated, relative to the top
// folder) are in the index.
func (r *Repo) Tracked(paths []string) (map[string]bool, error) {
	out := map[string]bool{}
	if len(paths) == 0 {
		return out, nil
	}
	// in batches, to stay well under the command-line length limit
	for len(paths) > 0 {
		n := min(len(paths), 500)
		args := append([]string{"--literal-pathspecs", "ls-files", "-z", "--cached", "--full-name", "--"}, paths[:n]...)
		paths = paths[n:]
		b, err := r.git(nil, args...)
		if err != nil {
			return nil, err
		}
		for _, p := range bytes.Split(b, []byte{0}) {
			if len(p) > 0 {
				out[string(p)] = true
			}
		}
	}
	return out, nil
}

// Rel turns a path on disk into the slash-separated path git uses,
// relative to the top folder; ok is false when the path is outside the
// working tree.
func (r *Repo) Rel(path string) (string, bool) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", false
	}
	// git prints the top folder with symbolic links resolved: resolve the
	// path's folder the same way (the file itself may be a link)
	dir, base := filepath.Split(abs)
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		abs = filepath.Join(real, base)
	}
	top := r.Top
	if real, err := filepath.EvalSymlinks(top); err == nil {
		top = real
	}
	rel, err := filepath.Rel(top, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}
