package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/copydesk/copydesk/internal/vale"
)

// The tests in this package speak to a real copydesk binary over its
// standard input and output, as an editor does.

var serverBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "copydesk-lsp-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	serverBin = filepath.Join(dir, "copydesk")
	if runtime.GOOS == "windows" {
		serverBin += ".exe"
	}
	args := []string{"build", "-o", serverBin}
	if os.Getenv("COPYDESK_LSP_RACE") != "" {
		args = append(args, "-race") // a server built with the race detector
	}
	build := exec.Command("go", append(args, "./cmd/copydesk")...)
	build.Dir = filepath.Join("..", "..")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building copydesk:", err)
		os.RemoveAll(dir)
		os.Exit(2)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// client is a minimal LSP client for the tests.
type client struct {
	t    testing.TB
	cmd  *exec.Cmd
	conn *jsonrpc2.Conn
	root string
	enc  string // position encoding the server chose
	init InitializeResult

	mu       sync.Mutex
	cond     *sync.Cond
	pubs     map[string][]PublishDiagnosticsParams
	messages []ShowMessageParams
	config   json.RawMessage // the answer to workspace/configuration
	stderr   strings.Builder
	exited   chan error
}

type clientOptions struct {
	encodings  []string // general.positionEncodings
	init       any      // initializationOptions
	docChanges bool
	root       string
	config     json.RawMessage // answer to workspace/configuration
	env        []string        // the server's environment; nil: the test's
}

type pipeRWC struct {
	io.ReadCloser
	io.WriteCloser
}

func (p pipeRWC) Close() error {
	p.WriteCloser.Close()
	return p.ReadCloser.Close()
}

func startClient(t testing.TB, o clientOptions) *client {
	t.Helper()
	if o.root == "" {
		o.root = t.TempDir()
	}
	c := &client{t: t, root: o.root, pubs: map[string][]PublishDiagnosticsParams{}, exited: make(chan error, 1)}
	c.cond = sync.NewCond(&c.mu)
	c.config = o.config
	c.cmd = exec.Command(serverBin, "lsp")
	c.cmd.Dir = o.root
	c.cmd.Env = o.env
	c.cmd.Stderr = &lockedWriter{c: c}
	in, err := c.cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := c.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { c.exited <- c.cmd.Wait() }()
	stream := jsonrpc2.NewBufferedStream(pipeRWC{out, in}, jsonrpc2.VSCodeObjectCodec{})
	c.conn = jsonrpc2.NewConn(context.Background(), stream, jsonrpc2.AsyncHandler(jsonrpc2.HandlerWithError(c.handle)),
		jsonrpc2.SetLogger(log.New(io.Discard, "", 0)))
	t.Cleanup(func() {
		c.conn.Close()
		select {
		case <-c.exited:
		case <-time.After(5 * time.Second):
			c.cmd.Process.Kill()
			<-c.exited
		}
		if strings.Contains(c.stderrText(), "WARNING: DATA RACE") {
			t.Errorf("the server reported a data race")
		}
		if t.Failed() {
			t.Logf("server stderr:\n%s", c.stderrText())
		}
	})
	caps := map[string]any{
		"workspace": map[string]any{
			"configuration": true,
			"workspaceEdit": map[string]any{"documentChanges": o.docChanges},
		},
	}
	if o.encodings != nil {
		caps["general"] = map[string]any{"positionEncodings": o.encodings}
	}
	params := map[string]any{
		"processId":    os.Getpid(),
		"rootUri":      pathURI(o.root),
		"capabilities": caps,
	}
	if o.init != nil {
		params["initializationOptions"] = o.init
	}
	if err := c.call("initialize", params, &c.init); err != nil {
		t.Fatalf("initialize: %v", err)
	}
	c.enc = c.init.Capabilities.PositionEncoding
	c.notify("initialized", map[string]any{})
	return c
}

type lockedWriter struct{ c *client }

func (w *lockedWriter) Write(p []byte) (int, error) {
	w.c.mu.Lock()
	defer w.c.mu.Unlock()
	return w.c.stderr.Write(p)
}

func (c *client) stderrText() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stderr.String()
}

func (c *client) handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	defer c.cond.Broadcast()
	switch req.Method {
	case methodPublishDiags:
		var p PublishDiagnosticsParams
		if err := json.Unmarshal(*req.Params, &p); err != nil {
			c.t.Errorf("bad publishDiagnostics: %v", err)
			return nil, nil
		}
		c.pubs[p.URI] = append(c.pubs[p.URI], p)
	case methodShowMessage:
		var p ShowMessageParams
		json.Unmarshal(*req.Params, &p)
		c.messages = append(c.messages, p)
	case methodConfiguration:
		var p ConfigurationParams
		json.Unmarshal(*req.Params, &p)
		out := make([]json.RawMessage, len(p.Items))
		for i := range out {
			out[i] = c.config
			if out[i] == nil {
				out[i] = json.RawMessage("null")
			}
		}
		return out, nil
	}
	return nil, nil
}

func (c *client) call(method string, params, result any) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return c.conn.Call(ctx, method, params, result)
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *client) open(uri, langID, text string) {
	c.notify("textDocument/didOpen", DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: uri, LanguageID: langID, Version: 1, Text: text}})
}

func (c *client) change(uri string, version int32, changes ...TextDocumentContentChangeEvent) {
	c.notify("textDocument/didChange", DidChangeTextDocumentParams{
		TextDocument:   VersionedTextDocumentIdentifier{URI: uri, Version: version},
		ContentChanges: changes,
	})
}

// waitPub waits for a publication for uri that satisfies ok.
func (c *client) waitPub(uri string, timeout time.Duration, ok func(PublishDiagnosticsParams) bool) PublishDiagnosticsParams {
	c.t.Helper()
	return c.waitPubFrom(uri, 0, timeout, ok)
}

// waitPubFrom waits for a publication for uri, from the n-th on, that
// satisfies ok (which must not call back into the client).
func (c *client) waitPubFrom(uri string, n int, timeout time.Duration, ok func(PublishDiagnosticsParams) bool) PublishDiagnosticsParams {
	c.t.Helper()
	deadline := time.Now().Add(timeout)
	timer := time.AfterFunc(timeout, func() {
		c.mu.Lock()
		c.cond.Broadcast()
		c.mu.Unlock()
	})
	defer timer.Stop()
	c.mu.Lock()
	defer c.mu.Unlock()
	seen := n
	for {
		ps := c.pubs[uri]
		for ; seen < len(ps); seen++ {
			if ok(ps[seen]) {
				return ps[seen]
			}
		}
		if time.Now().After(deadline) {
			var got []string
			for _, p := range ps {
				got = append(got, describePub(p))
			}
			c.t.Fatalf("no matching diagnostics for %s within %v; got:\n%s", uri, timeout, strings.Join(got, "\n"))
		}
		c.cond.Wait()
	}
}

func (c *client) publications(uri string) []PublishDiagnosticsParams {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]PublishDiagnosticsParams(nil), c.pubs[uri]...)
}

func describePub(p PublishDiagnosticsParams) string {
	v := int32(-1)
	if p.Version != nil {
		v = *p.Version
	}
	var ds []string
	for _, d := range p.Diagnostics {
		ds = append(ds, fmt.Sprintf("%s@%d:%d-%d:%d", d.Code, d.Range.Start.Line, d.Range.Start.Character, d.Range.End.Line, d.Range.End.Character))
	}
	return fmt.Sprintf("v%d [%s]", v, strings.Join(ds, " "))
}

func atVersion(v int32) func(PublishDiagnosticsParams) bool {
	return func(p PublishDiagnosticsParams) bool { return p.Version != nil && *p.Version == v }
}

func find(p PublishDiagnosticsParams, code string) []Diagnostic {
	var out []Diagnostic
	for _, d := range p.Diagnostics {
		if d.Code == code {
			out = append(out, d)
		}
	}
	return out
}

func (c *client) codeActions(uri string, rng Range, diags []Diagnostic, only ...string) []CodeAction {
	c.t.Helper()
	var out []CodeAction
	p := CodeActionParams{TextDocument: TextDocumentIdentifier{URI: uri}, Range: rng, Context: CodeActionContext{Diagnostics: diags, Only: only}}
	if p.Context.Diagnostics == nil {
		p.Context.Diagnostics = []Diagnostic{}
	}
	if err := c.call("textDocument/codeAction", p, &out); err != nil {
		c.t.Fatalf("codeAction: %v", err)
	}
	return out
}

func (c *client) shutdownAndExit() int {
	c.t.Helper()
	if err := c.call("shutdown", nil, nil); err != nil {
		c.t.Fatalf("shutdown: %v", err)
	}
	c.notify("exit", nil)
	return c.waitExit()
}

func (c *client) waitExit() int {
	c.t.Helper()
	select {
	case err := <-c.exited:
		c.exited <- err
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode()
		}
		if err != nil {
			c.t.Fatalf("server: %v", err)
		}
		return 0
	case <-time.After(10 * time.Second):
		c.t.Fatal("the server did not exit")
	}
	return -1
}

// The client side of position encodings, written apart from the server's
// so that the two check each other.

func clientOffset(text string, p Position, enc string) int {
	lines := strings.SplitAfter(text, "\n")
	off := 0
	for i := 0; i < int(p.Line) && i < len(lines); i++ {
		off += len(lines[i])
	}
	if int(p.Line) >= len(lines) {
		return len(text)
	}
	line := strings.TrimSuffix(strings.TrimSuffix(lines[p.Line], "\n"), "\r")
	switch enc {
	case encUTF8:
		return off + min(int(p.Character), len(line))
	default:
		u := utf16.Encode([]rune(line))
		n := min(int(p.Character), len(u))
		return off + len(string(utf16.Decode(u[:n])))
	}
}

func clientPosition(text string, off int, enc string) Position {
	before := text[:off]
	line := strings.Count(before, "\n")
	ls := strings.LastIndex(before, "\n") + 1
	seg := text[ls:off]
	if enc == encUTF8 {
		return Position{Line: uint32(line), Character: uint32(len(seg))}
	}
	return Position{Line: uint32(line), Character: uint32(len(utf16.Encode([]rune(seg))))}
}

func clientRange(text string, start, end int, enc string) Range {
	return Range{Start: clientPosition(text, start, enc), End: clientPosition(text, end, enc)}
}

func spanOf(text string, r Range, enc string) (int, int) {
	return clientOffset(text, r.Start, enc), clientOffset(text, r.End, enc)
}

// applyTextEdits applies LSP edits the way an editor does: all ranges refer
// to the text before any of them.
func applyTextEdits(t testing.TB, text string, edits []TextEdit, enc string) string {
	t.Helper()
	type span struct {
		s, e int
		new  string
	}
	var ss []span
	for _, e := range edits {
		s, en := spanOf(text, e.Range, enc)
		ss = append(ss, span{s, en, e.NewText})
	}
	sort.SliceStable(ss, func(i, j int) bool { return ss[i].s < ss[j].s })
	var b strings.Builder
	last := 0
	for _, x := range ss {
		if x.s < last {
			t.Fatalf("overlapping edits: %+v", edits)
		}
		b.WriteString(text[last:x.s])
		b.WriteString(x.new)
		last = x.e
	}
	b.WriteString(text[last:])
	return b.String()
}

// editsFor takes the edits of a code action for one document, in either of
// the two forms of a workspace edit.
func editsFor(t testing.TB, a CodeAction, uri string) []TextEdit {
	t.Helper()
	if a.Edit == nil {
		t.Fatalf("action %q has no edit", a.Title)
	}
	if len(a.Edit.DocumentChanges) > 0 {
		var out []TextEdit
		for _, dc := range a.Edit.DocumentChanges {
			if dc.TextDocument.URI == uri {
				out = append(out, dc.Edits...)
			}
		}
		return out
	}
	return a.Edit.Changes[uri]
}

func pathURI(p string) string {
	return "file://" + filepath.ToSlash(p)
}

func writeFile(t testing.TB, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// valeBin finds the pinned Vale for the tests that exist to show Vale
// works through the language server; they fail rather than skip without it.
func valeBin(t testing.TB) string {
	t.Helper()
	bin, err := vale.Find(vale.FindOptions{Progress: os.Stderr})
	if err != nil {
		t.Fatalf("the pinned Vale is needed for this test: %v", err)
	}
	return bin
}
