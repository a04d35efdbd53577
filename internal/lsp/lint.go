package lsp

import (
	"encoding/json"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/copydesk/copydesk/internal/core"
	"github.com/copydesk/copydesk/internal/engine"
)

func (s *Server) didOpen(p DidOpenTextDocumentParams) {
	s.mu.Lock()
	defer s.mu.Unlock()
	td := p.TextDocument
	if old := s.docs[td.URI]; old != nil {
		old.closed = true
		stopTimers(old)
	}
	path := uriToPath(td.URI)
	d := &document{
		uri: td.URI, path: path, langID: td.LanguageID,
		format:  formatFor(td.LanguageID, firstNonEmpty(path, td.URI)),
		version: td.Version, text: td.Text,
	}
	s.docs[td.URI] = d
	s.scheduleGoLocked(d, true)
	s.scheduleValeLocked(d, true)
}

func (s *Server) didChange(p DidChangeTextDocumentParams) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		return
	}
	text := d.text
	for _, ch := range p.ContentChanges {
		text = applyChange(text, ch, s.enc)
	}
	d.text, d.idx = text, nil
	d.version = p.TextDocument.Version
	s.scheduleGoLocked(d, false)
	s.scheduleValeLocked(d, false)
}

func (s *Server) didSave(p DidSaveTextDocumentParams) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[p.TextDocument.URI]
	if d != nil && p.Text != nil && *p.Text != d.text {
		// a client that sends the text on save is trusted over our copy
		d.text, d.idx = *p.Text, nil
		s.scheduleGoLocked(d, true)
	}
	path := uriToPath(p.TextDocument.URI)
	switch strings.ToLower(filepath.Base(path)) {
	case ".vale.ini", "_vale.ini", ".copydesk.ini", "_copydesk.ini", "accept.txt", "reject.txt":
		// the configuration or a vocabulary changed: read everything again
		s.reloadLocked()
		return
	}
	if d != nil {
		s.scheduleValeLocked(d, true)
	}
}

func (s *Server) didClose(p DidCloseTextDocumentParams) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		return
	}
	d.closed = true
	stopTimers(d)
	delete(s.docs, p.TextDocument.URI)
	s.notify(methodPublishDiags, PublishDiagnosticsParams{URI: d.uri, Diagnostics: []Diagnostic{}})
}

// scheduleGoLocked arranges a run of the Go rules for d's current text: at
// once when the last run started longer than the debounce ago (or now is
// true), else when the debounce expires. One run at a time per document; a
// change during a run is picked up when it ends.
func (s *Server) scheduleGoLocked(d *document, now bool) {
	if d.closed || s.shutdown {
		return
	}
	if d.goRunning {
		d.goDirty = true
		return
	}
	if d.goTimer != nil {
		if !now {
			return // the pending run will read the newest text
		}
		d.goTimer.Stop()
		d.goTimer = nil
	}
	wait := s.cfg.debounce - time.Since(d.goLast)
	if now || wait <= 0 {
		s.startGoLocked(d)
		return
	}
	var t *time.Timer
	t = time.AfterFunc(wait, func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if d.goTimer != t {
			return
		}
		d.goTimer = nil
		if !d.closed && !s.shutdown && !d.goRunning {
			s.startGoLocked(d)
		}
	})
	d.goTimer = t
}

// snapshot is what a check needs of a document at one version.
type snapshot struct {
	doc     *document
	uri     string
	path    string
	format  core.Format
	version int32
	text    string
	gen     int
	eng     *engine.Engine
	root    string
	vocab   string // the extra vocabulary (settings or fallback), "" for none
	enc     string
	rules   string // base URL of the rule reference
	docCh   bool

	goRes *goResult   // current Go findings, nil if none yet
	vale  *valeResult // current Vale findings, nil if none
}

func (s *Server) snapshotLocked(d *document) snapshot {
	sn := snapshot{
		doc: d, uri: d.uri, path: d.path, format: d.format, version: d.version, text: d.text,
		gen: s.gen, eng: s.eng, root: s.root, enc: s.enc, rules: s.cfg.rulesURL, docCh: s.docChanges,
	}
	sn.vocab = s.extraVocabLocked(d)
	if r := d.goRes; r != nil && r.version == d.version && r.gen == s.gen {
		sn.goRes = r
	}
	if v := d.vale; v != nil && v.version == d.version && v.gen == s.gen {
		sn.vale = v
	}
	return sn
}

// snapshotFor takes a snapshot of the document at uri (nil doc if it is not
// open).
func (s *Server) snapshotFor(uri string) snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[uri]
	if d == nil {
		return snapshot{uri: uri}
	}
	return s.snapshotLocked(d)
}

func (s *Server) startGoLocked(d *document) {
	d.goRunning, d.goDirty = true, false
	d.goLast = time.Now()
	sn := s.snapshotLocked(d)
	go s.runGo(sn)
}

// input is the engine input for a snapshot. Documents without a file
// (untitled buffers) take their configuration from the workspace folder.
func (sn snapshot) input() engine.Input {
	in := engine.Input{Path: sn.path, Text: sn.text, Format: sn.format}
	if sn.path == "" {
		in.Path = "untitled" + sn.format.Ext()
		in.ConfigFrom = firstNonEmpty(sn.root, ".")
		if st, err := osStat(in.ConfigFrom); err != nil || !st.IsDir() {
			in.ConfigFrom = "."
		}
	}
	return in
}

// checkGo runs the Go rules on a snapshot.
func (s *Server) checkGo(sn snapshot) (*goResult, error) {
	d, cfg, err := sn.eng.Prepare(sn.input())
	if err != nil {
		return nil, err
	}
	if v := s.vocabFor(cfg, sn.vocab); v != nil {
		d.Vocab = v
	}
	return &goResult{version: sn.version, gen: sn.gen, doc: d, findings: sn.eng.CheckGo(d, cfg)}, nil
}

func (s *Server) runGo(sn snapshot) {
	res, err := s.checkGo(sn)
	s.mu.Lock()
	defer s.mu.Unlock()
	d := sn.doc
	d.goRunning = false
	if d.closed || s.shutdown {
		return
	}
	if err != nil {
		s.showOnceLocked(msgError, "copydesk: "+err.Error())
		res = &goResult{version: sn.version, gen: sn.gen}
	}
	if sn.version == d.version && sn.gen == s.gen {
		d.goRes = res
		s.publishLocked(d)
	}
	if d.goDirty || d.goRes == nil || d.goRes.version != d.version || d.goRes.gen != s.gen {
		d.goDirty = false
		s.scheduleGoLocked(d, false)
	}
}

// publishLocked sends d's diagnostics: the Go findings for its current
// version, with Vale's when they were found in the same version of the
// text. Nothing is sent until the Go findings for the current version are
// in, so a publication never mixes versions, and an unchanged set is not
// sent twice.
func (s *Server) publishLocked(d *document) {
	if d.goRes == nil || d.goRes.version != d.version || d.goRes.gen != s.gen {
		return
	}
	fs := d.goRes.findings
	if v := d.vale; v != nil && v.version == d.version && v.gen == s.gen && len(v.findings) > 0 {
		fs = mergeFindings(fs, v.findings)
	}
	diags := s.diagnosticsLocked(d, fs)
	data, _ := json.Marshal(diags)
	if d.lastPublished != nil && d.lastVersion == d.version && string(data) == string(d.lastPublished) {
		return
	}
	d.lastPublished, d.lastVersion = data, d.version
	v := d.version
	s.notify(methodPublishDiags, PublishDiagnosticsParams{URI: d.uri, Version: &v, Diagnostics: diags})
}

func mergeFindings(a, b []core.Finding) []core.Finding {
	out := make([]core.Finding, 0, len(a)+len(b))
	out = append(append(out, a...), b...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		return out[i].End < out[j].End
	})
	return out
}

func (d *document) index(enc string) *textIndex {
	if d.idx == nil || d.idx.enc != enc || d.idx.text != d.text {
		d.idx = newTextIndex(d.text, enc)
	}
	return d.idx
}

// diagData travels in Diagnostic.data and holds what a code action needs:
// the version the diagnostic was made for, each fix's edits in the agreed
// encoding, and the word for "Add to vocabulary".
type diagData struct {
	Version int32     `json:"version"`
	Rule    string    `json:"rule"`
	Fixes   []fixData `json:"fixes,omitempty"`
	Word    string    `json:"word,omitempty"`
}

type fixData struct {
	Title string     `json:"title"`
	Edits []TextEdit `json:"edits"`
}

// severity maps copydesk's three levels to LSP severities. A suggestion is
// Information, not Hint: editors list Information in their problems panel
// and underline it, while many show a Hint only as faint dots and leave it
// out of the list, and copydesk's suggestions (house style) are meant to
// be read and decided on, not ignored.
func severity(s core.Severity) int {
	switch s {
	case core.Error:
		return sevError
	case core.Warning:
		return sevWarning
	}
	return sevInformation
}

// isSpelling reports whether a rule's findings are words a vocabulary can
// accept.
func isSpelling(rule string) bool {
	return rule == "Copy.Spelling" || rule == "Vale.Spelling"
}

func (s *Server) diagnosticsLocked(d *document, fs []core.Finding) []Diagnostic {
	x := d.index(s.enc)
	out := make([]Diagnostic, 0, len(fs))
	for _, f := range fs {
		out = append(out, makeDiagnostic(x, d.version, s.cfg.rulesURL, f))
	}
	return out
}

func makeDiagnostic(x *textIndex, version int32, rulesURL string, f core.Finding) Diagnostic {
	data := diagData{Version: version, Rule: f.Rule}
	for _, fx := range f.Fixes {
		fd := fixData{Title: fx.Title, Edits: make([]TextEdit, 0, len(fx.Edits))}
		for _, e := range fx.Edits {
			fd.Edits = append(fd.Edits, TextEdit{Range: x.rangeOf(e.Start, e.End), NewText: e.New})
		}
		data.Fixes = append(data.Fixes, fd)
	}
	if isSpelling(f.Rule) && f.Start < f.End && f.End <= len(x.text) {
		data.Word = x.text[f.Start:f.End]
	}
	raw, _ := json.Marshal(data)
	diag := Diagnostic{
		Range:    x.rangeOf(f.Start, f.End),
		Severity: severity(f.Severity),
		Code:     f.Rule,
		Source:   diagnosticSource,
		Message:  f.Message,
		Data:     raw,
	}
	if href := ruleHref(rulesURL, f.Rule); href != "" {
		diag.CodeDescription = &CodeDescription{Href: href}
	}
	return diag
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
