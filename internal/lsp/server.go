// Package lsp is copydesk's language server (LSP 3.17 over standard input
// and output): every editor with an LSP client gets copydesk's findings as
// diagnostics, its fixes as quick fixes, a "fix all" source action and an
// "add to vocabulary" command.
//
// How it keeps up with typing: copydesk's Go rules run on every change
// (throttled: at once when the last run is older than the debounce, else
// when it expires), and their diagnostics are published at once; Vale runs
// on open and save and after a longer pause in typing, one process for all
// documents waiting, and its findings join the published set only while the
// text is still the one Vale read. A run for an old version of a document
// is never published: every publication carries the document version, and
// a Vale run whose documents have all changed is cancelled.
//
// JSON-RPC 2.0 framing comes from github.com/sourcegraph/jsonrpc2; the
// protocol types are the small hand-written subset in protocol.go.
package lsp

import (
	"context"
	"encoding/json"
	"io"
	"log"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/copydesk/copydesk/internal/core"
	"github.com/copydesk/copydesk/internal/engine"
)

// Options configure a Server.
type Options struct {
	Version string    // reported in serverInfo
	Log     io.Writer // diagnostics of the server itself; nil for stderr
	// Defaults are the settings used before (and beneath) the client's; the
	// command line fills them from its flags.
	Defaults Settings
}

// Server is one language server session.
type Server struct {
	opt  Options
	logf func(format string, args ...any)
	conn atomic.Pointer[jsonrpc2.Conn]

	ctx    context.Context // the session; cancelled at exit
	cancel context.CancelFunc
	exit   chan int

	mu          sync.Mutex
	initialized bool
	shutdown    bool
	enc         string // agreed position encoding
	root        string // workspace folder ("" if none)
	docChanges  bool   // client takes versioned documentChanges in edits
	pullConfig  bool   // client answers workspace/configuration
	settings    Settings
	cfg         resolved
	eng         *engine.Engine
	gen         int // bumped when the engine or settings change
	docs        map[string]*document
	inflight    map[string]context.CancelFunc
	shown       map[string]bool // messages shown once per session
	valeMissing bool
	valeBin     string // the Vale binary found by the last run

	// Vale work: documents waiting, and the batch running.
	valeQueue []*document
	valeBatch *valeBatch
	valeWake  chan struct{}

	vocabMu    sync.Mutex
	vocabCache map[vocabKey]*core.Vocab
}

// document is one open text document.
type document struct {
	uri    string
	path   string // file system path, "" for other schemes
	langID string
	format core.Format

	version int32
	text    string
	idx     *textIndex // of text, built on demand
	closed  bool

	goTimer   *time.Timer
	goRunning bool
	goDirty   bool
	goLast    time.Time // when the last Go run started
	goRes     *goResult

	valeTimer  *time.Timer
	valeSeq    int
	valeQueued bool
	vale       *valeResult

	lastPublished []byte // the last diagnostics sent, to skip repeats
	lastVersion   int32
}

type goResult struct {
	version  int32
	gen      int
	doc      *core.Doc
	findings []core.Finding
}

type valeResult struct {
	version  int32
	gen      int
	findings []core.Finding
}

// New returns a Server.
func New(opt Options) *Server {
	out := opt.Log
	if out == nil {
		out = os.Stderr
	}
	lg := log.New(out, "copydesk lsp: ", log.LstdFlags)
	s := &Server{
		opt:        opt,
		logf:       lg.Printf,
		exit:       make(chan int, 1),
		enc:        encUTF16,
		docs:       map[string]*document{},
		inflight:   map[string]context.CancelFunc{},
		shown:      map[string]bool{},
		valeWake:   make(chan struct{}, 1),
		vocabCache: map[vocabKey]*core.Vocab{},
		settings:   opt.Defaults,
	}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	s.cfg, _ = s.settings.resolve("")
	return s
}

type stdio struct {
	io.Reader
	io.Writer
}

func (stdio) Close() error { return nil }

// Run serves one client over r and w until it sends exit or closes its end,
// and returns the process exit code the protocol asks for: 0 after
// shutdown, 1 otherwise.
func (s *Server) Run(r io.Reader, w io.Writer) int {
	stream := jsonrpc2.NewBufferedStream(stdio{r, w}, jsonrpc2.VSCodeObjectCodec{})
	conn := jsonrpc2.NewConn(s.ctx, stream, handler{s},
		jsonrpc2.SetLogger(log.New(logWriter{s}, "", 0)))
	s.conn.Store(conn)
	go s.valeWorker()
	code := 1
	select {
	case code = <-s.exit:
	case <-conn.DisconnectNotify():
		s.mu.Lock()
		if s.shutdown {
			code = 0
		}
		s.mu.Unlock()
	}
	s.mu.Lock()
	s.stopAllLocked()
	s.mu.Unlock()
	s.cancel()
	conn.Close()
	return code
}

// handler answers each request with what Server.handle returns; errAsync
// means the reply is sent later by the goroutine that computes it.
type handler struct{ s *Server }

func (h handler) Handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) {
	res, err := h.s.handle(ctx, conn, req)
	if req.Notif {
		if err != nil {
			h.s.logf("%s: %v", req.Method, err)
		}
		return
	}
	if err == errAsync {
		return
	}
	if err != nil {
		e, ok := err.(*jsonrpc2.Error)
		if !ok {
			e = rpcError(codeInternalError, err.Error())
		}
		_ = conn.ReplyWithError(ctx, req.ID, e)
		return
	}
	_ = conn.Reply(ctx, req.ID, res)
}

type logWriter struct{ s *Server }

func (l logWriter) Write(p []byte) (int, error) {
	l.s.logf("%s", strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// handle is called by the connection for each message, in order of
// arrival: document notifications take effect in the order the client sent
// them. Requests that may take time run on their own goroutine and can be
// cancelled.
func (s *Server) handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
	s.conn.CompareAndSwap(nil, conn)
	var params json.RawMessage
	if req.Params != nil {
		params = *req.Params
	}
	s.mu.Lock()
	initialized, shutdown := s.initialized, s.shutdown
	s.mu.Unlock()
	switch {
	case req.Method == "exit":
		code := 1
		if shutdown {
			code = 0
		}
		select {
		case s.exit <- code:
		default:
		}
		return nil, nil
	case req.Method == "initialize":
		if initialized {
			return nil, rpcError(codeInvalidRequest, "initialize was already called")
		}
		return s.initialize(params)
	case !initialized:
		if req.Notif {
			return nil, nil
		}
		return nil, rpcError(codeServerNotInitialized, "the server is not initialized")
	case shutdown:
		if req.Notif {
			return nil, nil
		}
		return nil, rpcError(codeInvalidRequest, "the server is shutting down")
	}
	switch req.Method {
	case "initialized":
		s.afterInitialized()
	case "shutdown":
		s.mu.Lock()
		s.shutdown = true
		s.stopAllLocked()
		s.mu.Unlock()
		return nil, nil
	case "$/cancelRequest":
		var p CancelParams
		if json.Unmarshal(params, &p) == nil {
			s.mu.Lock()
			if cancel, ok := s.inflight[idKey(p.ID)]; ok {
				cancel()
			}
			s.mu.Unlock()
		}
	case "textDocument/didOpen":
		return nil, notification(params, s.didOpen)
	case "textDocument/didChange":
		return nil, notification(params, s.didChange)
	case "textDocument/didSave":
		return nil, notification(params, s.didSave)
	case "textDocument/didClose":
		return nil, notification(params, s.didClose)
	case "workspace/didChangeConfiguration":
		return nil, notification(params, func(p DidChangeConfigurationParams) { s.didChangeConfiguration(p.Settings) })
	case "textDocument/codeAction":
		var p CodeActionParams
		if err := json.Unmarshal(params, &p); err != nil {
			return nil, rpcError(codeInvalidParams, err.Error())
		}
		snap := s.snapshotFor(p.TextDocument.URI)
		s.async(conn, req, func(ctx context.Context) (any, error) { return s.codeAction(ctx, snap, p) })
		return nil, errAsync
	case "workspace/executeCommand":
		var p ExecuteCommandParams
		if err := json.Unmarshal(params, &p); err != nil {
			return nil, rpcError(codeInvalidParams, err.Error())
		}
		s.async(conn, req, func(ctx context.Context) (any, error) { return s.executeCommand(ctx, p) })
		return nil, errAsync
	default:
		if !req.Notif {
			return nil, rpcError(codeMethodNotFound, "copydesk does not handle "+req.Method)
		}
	}
	return nil, nil
}

// notification decodes a notification's parameters and hands them to f.
func notification[P any](params json.RawMessage, f func(P)) error {
	var p P
	if err := json.Unmarshal(params, &p); err != nil {
		return err
	}
	f(p)
	return nil
}

// errAsync tells the handler wrapper that the reply will be sent later.
var errAsync = &jsonrpc2.Error{Code: 0, Message: "async"}

// async runs a request on its own goroutine, registered for $/cancelRequest.
func (s *Server) async(conn *jsonrpc2.Conn, req *jsonrpc2.Request, f func(ctx context.Context) (any, error)) {
	ctx, cancel := context.WithCancel(s.ctx)
	key := req.ID.String()
	s.mu.Lock()
	s.inflight[key] = cancel
	s.mu.Unlock()
	go func() {
		defer func() {
			s.mu.Lock()
			delete(s.inflight, key)
			s.mu.Unlock()
			cancel()
		}()
		res, err := f(ctx)
		if ctx.Err() != nil && s.ctx.Err() == nil {
			err = rpcError(codeRequestCancelled, "request cancelled")
		}
		if err != nil {
			e, ok := err.(*jsonrpc2.Error)
			if !ok {
				e = &jsonrpc2.Error{Code: codeInternalError, Message: err.Error()}
			}
			_ = conn.ReplyWithError(context.Background(), req.ID, e)
			return
		}
		_ = conn.Reply(context.Background(), req.ID, res)
	}()
}

// idKey turns the id of $/cancelRequest into the form jsonrpc2.ID.String
// gives: a number as is, a string quoted.
func idKey(raw json.RawMessage) string {
	var id jsonrpc2.ID
	if err := id.UnmarshalJSON(raw); err != nil {
		return string(raw)
	}
	return id.String()
}

func rpcError(code int64, msg string) *jsonrpc2.Error {
	return &jsonrpc2.Error{Code: code, Message: msg}
}

func (s *Server) initialize(raw json.RawMessage) (any, error) {
	var p InitializeParams
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, rpcError(codeInvalidParams, err.Error())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if g := p.Capabilities.General; g != nil {
		for _, e := range g.PositionEncodings {
			if e == encUTF8 {
				s.enc = encUTF8
			}
		}
	}
	if w := p.Capabilities.Workspace; w != nil {
		s.pullConfig = w.Configuration
		s.docChanges = w.WorkspaceEdit != nil && w.WorkspaceEdit.DocumentChanges
	}
	switch {
	case len(p.WorkspaceFolders) > 0:
		s.root = uriToPath(p.WorkspaceFolders[0].URI)
	case p.RootURI != nil && *p.RootURI != "":
		s.root = uriToPath(*p.RootURI)
	case p.RootPath != nil:
		s.root = *p.RootPath
	}
	if st, err := s.readSettingsLocked(p.InitializationOptions); err != nil {
		s.showOnceLocked(msgError, "copydesk: "+err.Error()+" (using the defaults)")
	} else {
		s.settings = st
	}
	s.applySettingsLocked()
	s.initialized = true
	return InitializeResult{
		Capabilities: ServerCapabilities{
			PositionEncoding: s.enc,
			TextDocumentSync: TextDocumentSyncOptions{OpenClose: true, Change: syncIncremental, Save: &SaveOptions{}},
			CodeActionProvider: CodeActionOptions{
				CodeActionKinds: []string{kindQuickFix, kindSourceFixAll, kindFixAllCopydesk},
			},
			ExecuteCommandProvider: ExecuteCommandOptions{Commands: []string{cmdAddToVocabulary}},
		},
		ServerInfo: ServerInfo{Name: "copydesk", Version: s.opt.Version},
	}, nil
}

// readSettingsLocked parses a client's settings over the defaults given on
// the command line: a field the client sets wins.
func (s *Server) readSettingsLocked(raw json.RawMessage) (Settings, error) {
	st, err := parseSettings(raw)
	if err != nil {
		return s.settings, err
	}
	st = overlay(s.opt.Defaults, st)
	if _, err := st.resolve(s.root); err != nil {
		return s.settings, err
	}
	return st, nil
}

// overlay fills the fields of top that are unset from base.
func overlay(base, top Settings) Settings {
	if top.ConfigPath == "" {
		top.ConfigPath = base.ConfigPath
	}
	if top.Lang == "" {
		top.Lang = base.Lang
	}
	if len(top.Categories) == 0 {
		top.Categories = base.Categories
	}
	if top.MinSeverity == "" {
		top.MinSeverity = base.MinSeverity
	}
	top.NoVale = top.NoVale || base.NoVale
	if top.ValePath == "" {
		top.ValePath = base.ValePath
	}
	if top.DebounceMs == nil {
		top.DebounceMs = base.DebounceMs
	}
	if top.ValeDebounceMs == nil {
		top.ValeDebounceMs = base.ValeDebounceMs
	}
	if top.Vocabulary == "" {
		top.Vocabulary = base.Vocabulary
	}
	if top.RulesURL == "" {
		top.RulesURL = base.RulesURL
	}
	return top
}

// applySettingsLocked builds a new engine from the settings and checks
// every open document again.
func (s *Server) applySettingsLocked() {
	r, err := s.settings.resolve(s.root)
	if err != nil {
		s.showOnceLocked(msgError, "copydesk: "+err.Error())
		if s.eng != nil {
			return // keep what runs
		}
		r, _ = Settings{}.resolve(s.root)
	}
	r.opt.Progress = logWriter{s}
	s.cfg = r
	s.valeMissing = false
	s.valeBin = ""
	s.reloadLocked()
}

// reloadLocked makes a fresh engine (its configuration and vocabulary
// caches start empty) and checks every open document again.
func (s *Server) reloadLocked() {
	opt := s.cfg.opt
	if opt.ValeBin == "" && s.valeBin != "" {
		opt.ValeBin = s.valeBin // found once; no need to look again
	}
	s.eng = engine.New(opt)
	s.gen++
	s.vocabMu.Lock()
	s.vocabCache = map[vocabKey]*core.Vocab{}
	s.vocabMu.Unlock()
	if s.valeBatch != nil {
		s.valeBatch.cancel()
	}
	for _, d := range s.docs {
		d.lastPublished = nil
		s.scheduleGoLocked(d, true)
		s.scheduleValeLocked(d, true)
	}
}

func (s *Server) afterInitialized() {
	s.mu.Lock()
	pull, eng, root := s.pullConfig, s.eng, s.root
	s.mu.Unlock()
	if pull {
		go s.pullSettings()
	}
	go warmUp(eng, root)
}

// warmUp checks a short text once, so that the rules load their word lists
// (about a second) while the editor is still opening files.
func warmUp(eng *engine.Engine, root string) {
	from := root
	if st, err := os.Stat(from); err != nil || !st.IsDir() {
		from = "."
	}
	d, c, err := eng.Prepare(engine.Input{Path: "warm-up.txt", ConfigFrom: from, Text: "Warm up\n\nThe mayor said the plan was set on Monday.\n"})
	if err == nil {
		eng.CheckGo(d, c)
	}
}

// pullSettings asks the client for the "copydesk" section (editors that
// keep settings apart from initializationOptions answer here).
func (s *Server) pullSettings() {
	conn := s.conn.Load()
	if conn == nil {
		return
	}
	ctx, cancel := context.WithTimeout(s.ctx, 10*time.Second)
	defer cancel()
	var res []json.RawMessage
	err := conn.Call(ctx, methodConfiguration, ConfigurationParams{Items: []ConfigurationItem{{Section: settingsSection}}}, &res)
	if err != nil || len(res) == 0 || !nonEmptyObject(res[0]) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.shutdown {
		return
	}
	st, err := s.readSettingsLocked(res[0])
	if err != nil {
		s.showOnceLocked(msgError, "copydesk: "+err.Error())
		return
	}
	if !sameSettings(st, s.settings) {
		s.settings = st
		s.applySettingsLocked()
	}
}

func (s *Server) didChangeConfiguration(raw json.RawMessage) {
	if !nonEmptyObject(raw) {
		s.mu.Lock()
		pull := s.pullConfig
		s.mu.Unlock()
		if pull {
			go s.pullSettings()
		}
		return
	}
	// VS Code sends {"copydesk": {...}}; an object without that key holds
	// other tools' settings only, unless it looks like ours.
	var top map[string]json.RawMessage
	if json.Unmarshal(raw, &top) == nil {
		if _, ok := top[settingsSection]; !ok && !looksLikeOurs(top) {
			return
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st, err := s.readSettingsLocked(raw)
	if err != nil {
		s.showOnceLocked(msgError, "copydesk: "+err.Error())
		return
	}
	if !sameSettings(st, s.settings) {
		s.settings = st
		s.applySettingsLocked()
	}
}

func looksLikeOurs(m map[string]json.RawMessage) bool {
	for _, k := range []string{"configPath", "lang", "categories", "minSeverity", "noVale", "valePath", "debounceMs", "valeDebounceMs", "vocabulary", "rulesUrl"} {
		if _, ok := m[k]; ok {
			return true
		}
	}
	return false
}

func nonEmptyObject(raw json.RawMessage) bool {
	var m map[string]json.RawMessage
	return json.Unmarshal(raw, &m) == nil && len(m) > 0
}

func sameSettings(a, b Settings) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

// showOnceLocked shows a message to the user once per session.
func (s *Server) showOnceLocked(typ int, msg string) {
	if s.shown[msg] {
		return
	}
	s.shown[msg] = true
	s.logf("%s", msg)
	s.notify(methodShowMessage, ShowMessageParams{Type: typ, Message: msg})
}

// notify sends a notification; the caller may hold s.mu, which keeps
// publications in the order they were decided.
func (s *Server) notify(method string, params any) {
	conn := s.conn.Load()
	if conn == nil {
		return
	}
	if err := conn.Notify(context.Background(), method, params); err != nil && err != jsonrpc2.ErrClosed {
		s.logf("sending %s: %v", method, err)
	}
}

// stopAllLocked stops every timer and the running Vale batch.
func (s *Server) stopAllLocked() {
	for _, d := range s.docs {
		stopTimers(d)
	}
	if s.valeBatch != nil {
		s.valeBatch.cancel()
	}
	s.valeQueue = nil
}

func stopTimers(d *document) {
	if d.goTimer != nil {
		d.goTimer.Stop()
		d.goTimer = nil
	}
	if d.valeTimer != nil {
		d.valeTimer.Stop()
		d.valeTimer = nil
	}
	d.valeSeq++
}

// uriToPath turns a file: URI into a path; other schemes give "".
func uriToPath(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return ""
	}
	p := u.Path
	if runtime.GOOS == "windows" {
		p = strings.TrimPrefix(p, "/")
		if u.Host != "" {
			p = `\\` + u.Host + `\` + p
		}
	}
	return filepath.FromSlash(p)
}

// formatFor maps a document's language id, or failing that its extension,
// to a copydesk format; anything else is read as plain text.
func formatFor(langID, path string) core.Format {
	switch strings.ToLower(langID) {
	case "markdown", "md", "mdx":
		return core.FormatMarkdown
	case "html", "htm", "xhtml":
		return core.FormatHTML
	case "plaintext", "text", "txt":
		return core.FormatText
	}
	return core.FormatForPath(path)
}

func expandHome(p string) string {
	if p == "~" || strings.HasPrefix(p, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, p[1:])
		}
	}
	return p
}
