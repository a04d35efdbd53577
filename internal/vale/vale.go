// Package vale runs the Vale prose linter as a subprocess and converts its
// alerts into copydesk findings.
//
// Vale's Go packages are internal to its module, so copydesk cannot import
// them; it runs the binary pinned in go.mod (github.com/vale-cli/vale/v3
// v3.26.0), once per batch of files, with --output=JSON.
package vale

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/copydesk/copydesk/internal/usercache"
)

// Version is the Vale release pinned in go.mod.
const Version = "v3.26.0"

// Module is the module path of the pinned Vale.
const Module = "github.com/vale-cli/vale/v3"

// ErrNotFound means no Vale binary could be found.
var ErrNotFound = errors.New("vale not found")

// HowToGet is the advice printed when Vale is missing.
const HowToGet = `copydesk runs Vale ` + Version + ` for its style rules, and no vale binary was found.
Get it in one of these ways:
  - from a copydesk source checkout:  go build -o "$(go env GOPATH)/bin/vale" ` + Module + `/cmd/vale
    (go.mod pins ` + Version + ` and the replace it needs), then make sure that folder is on PATH;
  - put a vale binary next to the copydesk binary, or on PATH;
  - or name it: --vale /path/to/vale, or COPYDESK_VALE=/path/to/vale.
Or run copydesk's own rules without Vale: --no-vale.`

// FindOptions say where to look for Vale.
type FindOptions struct {
	Flag     string    // --vale
	Progress io.Writer // where to say that a first build is under way; nil for silence
}

// Find resolves the Vale binary, in this order: --vale, $COPYDESK_VALE, a
// vale next to the copydesk executable, vale on PATH, and finally `go tool
// -n vale` when the working directory is inside the copydesk module (that
// may build Vale the first time: about 100 s on a cold machine).
func Find(opt FindOptions) (string, error) {
	if opt.Flag != "" {
		return checkBinary(opt.Flag, "--vale")
	}
	if env := os.Getenv("COPYDESK_VALE"); env != "" {
		return checkBinary(env, "COPYDESK_VALE")
	}
	if exe, err := os.Executable(); err == nil {
		if real, err := filepath.EvalSymlinks(exe); err == nil {
			exe = real
		}
		cand := filepath.Join(filepath.Dir(exe), exeName("vale"))
		if isExecutable(cand) {
			return cand, nil
		}
	}
	if p, err := exec.LookPath("vale"); err == nil {
		return p, nil
	}
	if root := ModuleRoot(""); root != "" {
		return goTool(root, opt.Progress)
	}
	return "", ErrNotFound
}

func checkBinary(path, from string) (string, error) {
	if !isExecutable(path) {
		if p, err := exec.LookPath(path); err == nil && !strings.ContainsRune(path, os.PathSeparator) {
			return p, nil
		}
		return "", fmt.Errorf("%s names %q, which is not an executable file", from, path)
	}
	// Vale runs from the configuration's folder, so a relative path would
	// point elsewhere.
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	return path, nil
}

func isExecutable(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode().IsRegular() && st.Mode()&0o111 != 0
}

func exeName(s string) string {
	if os.PathSeparator == '\\' {
		return s + ".exe"
	}
	return s
}

// ModuleRoot returns the root of the copydesk module holding dir (the
// working directory when dir is empty), or "".
func ModuleRoot(dir string) string {
	if dir == "" {
		var err error
		if dir, err = os.Getwd(); err != nil {
			return ""
		}
	}
	for {
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil {
			if bytes.Contains(data, []byte("module github.com/copydesk/copydesk\n")) && bytes.Contains(data, []byte(Module)) {
				return dir
			}
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// goTool asks the go command for the pinned Vale (building it if needed) and
// remembers the answer for this go.mod/go.sum in the user cache, so later
// runs do not pay for the go command (several hundred milliseconds).
func goTool(root string, progress io.Writer) (string, error) {
	if _, err := exec.LookPath("go"); err != nil {
		return "", ErrNotFound
	}
	key := moduleKey(root)
	memo := ""
	if dir, err := usercache.Dir(); err == nil && key != "" {
		memo = filepath.Join(dir, "vale-path-"+key)
		if data, err := os.ReadFile(memo); err == nil {
			if p := strings.TrimSpace(string(data)); isExecutable(p) {
				return p, nil
			}
		}
	}
	cmd := exec.Command("go", "tool", "-n", "vale")
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	done := make(chan struct{})
	var once sync.Once
	if progress != nil {
		go func() {
			select {
			case <-done:
			case <-time.After(1500 * time.Millisecond):
				once.Do(func() {
					fmt.Fprintf(progress, "copydesk: building the pinned Vale %s with the go command (first run on this machine; about 100 s)...\n", Version)
				})
			}
		}()
	}
	out, err := cmd.Output()
	close(done)
	if err != nil {
		return "", fmt.Errorf("go tool -n vale: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	p := strings.TrimSpace(string(out))
	if !isExecutable(p) {
		return "", fmt.Errorf("go tool -n vale printed %q, which is not an executable", p)
	}
	if memo != "" {
		_ = usercache.WriteFile(memo, []byte(p+"\n"), 0o644)
	}
	return p, nil
}

func moduleKey(root string) string {
	h := sha256.New()
	for _, f := range []string{"go.mod", "go.sum"} {
		data, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			return ""
		}
		h.Write(data)
	}
	h.Write([]byte(root))
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// Alert is one alert in Vale's JSON output.
type Alert struct {
	Action struct {
		Name   string
		Params []string
	}
	Suggestions []string
	Span        [2]int // 1-based rune columns, inclusive
	Check       string
	Link        string
	Message     string
	Severity    string
	Match       string
	Line        int
}

// Error is an error Vale reported (a broken configuration, a bad rule).
type Error struct {
	Msg string
}

func (e *Error) Error() string { return e.Msg }

// maxArgBytes keeps one Vale command line well under the system limit.
const maxArgBytes = 96 * 1024

// Run lints files with one Vale process per batch (several only when the
// command line would get too long) and returns the alerts by file path as
// given.
func Run(ctx context.Context, bin, config string, files []string, extra ...string) (map[string][]Alert, error) {
	out := map[string][]Alert{}
	for len(files) > 0 {
		n, size := 0, 0
		for n < len(files) && (n == 0 || size+len(files[n])+1 < maxArgBytes) {
			size += len(files[n]) + 1
			n++
		}
		if err := runOnce(ctx, bin, config, files[:n], out, extra); err != nil {
			return nil, err
		}
		files = files[n:]
	}
	return out, nil
}

func runOnce(ctx context.Context, bin, config string, files []string, out map[string][]Alert, extra []string) error {
	args := []string{"--output=JSON", "--no-exit", "--no-global", "--config=" + config}
	args = append(args, extra...)
	args = append(args, "--")
	args = append(args, files...)
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = filepath.Dir(config)
	cmd.WaitDelay = 2 * time.Second
	killGroupOnCancel(cmd)
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if err != nil {
		return &Error{Msg: describeFailure(config, err, stderr.Bytes(), stdout.Bytes())}
	}
	var got map[string][]Alert
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		return &Error{Msg: fmt.Sprintf("vale: unreadable output (%v): %.200s", err, stdout.String())}
	}
	for path, alerts := range got {
		out[path] = append(out[path], alerts...)
	}
	return nil
}

// describeFailure turns Vale's JSON error (or its plain text) into one line.
func describeFailure(config string, err error, stderr, stdout []byte) string {
	var e struct {
		Line int
		Path string
		Text string
		Code string
	}
	for _, b := range [][]byte{stderr, stdout} {
		if json.Unmarshal(bytes.TrimSpace(b), &e) == nil && e.Text != "" {
			where := e.Path
			if where == "" {
				where = config
			}
			if e.Line > 0 {
				where = fmt.Sprintf("%s:%d", where, e.Line)
			}
			return fmt.Sprintf("vale %s: %s: %s", e.Code, where, strings.TrimSpace(e.Text))
		}
	}
	msg := strings.TrimSpace(string(stderr))
	if msg == "" {
		msg = strings.TrimSpace(string(stdout))
	}
	if len(msg) > 600 {
		msg = msg[:600] + "..."
	}
	return fmt.Sprintf("vale failed (%v) with config %s: %s", err, config, msg)
}

// Version reports the version line of a Vale binary.
func BinaryVersion(bin string) (string, error) {
	out, err := exec.Command(bin, "--version").Output()
	return strings.TrimSpace(string(out)), err
}
