package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/copydesk/copydesk/internal/core"
	"github.com/copydesk/copydesk/internal/engine"
)

// codeAction offers, for the diagnostics the client sends: one quick fix
// per alternative fix (the first preferred), "Add 'WORD' to vocabulary" for
// spelling findings, and for the document "Fix all copydesk issues" as a
// source.fixAll action that applies the unambiguous fixes (engine.Plan).
func (s *Server) codeAction(ctx context.Context, sn snapshot, p CodeActionParams) (any, error) {
	actions := []CodeAction{}
	if sn.doc == nil {
		return actions, nil
	}
	want := func(kind string) bool {
		if len(p.Context.Only) == 0 {
			return true
		}
		for _, k := range p.Context.Only {
			if kind == k || strings.HasPrefix(kind, k+".") {
				return true
			}
		}
		return false
	}
	if want(kindQuickFix) {
		for _, diag := range p.Context.Diagnostics {
			if diag.Source != diagnosticSource {
				continue
			}
			data, ok := s.dataFor(sn, diag)
			if !ok {
				continue // made for another version of the text: its ranges are not ours
			}
			for i, fx := range data.Fixes {
				actions = append(actions, CodeAction{
					Title:       fx.Title,
					Kind:        kindQuickFix,
					Diagnostics: []Diagnostic{diag},
					IsPreferred: i == 0,
					Edit:        sn.workspaceEdit(fx.Edits),
				})
			}
			if data.Word != "" && isSpelling(data.Rule) {
				title := fmt.Sprintf("Add '%s' to vocabulary", data.Word)
				actions = append(actions, CodeAction{
					Title:       title,
					Kind:        kindQuickFix,
					Diagnostics: []Diagnostic{diag},
					Command: &Command{
						Title:     title,
						Command:   cmdAddToVocabulary,
						Arguments: []any{vocabArgs{URI: sn.uri, Word: data.Word}},
					},
				})
			}
		}
	}
	if want(kindFixAllCopydesk) {
		if a := s.fixAll(ctx, sn); a != nil {
			actions = append(actions, *a)
		}
	}
	return actions, nil
}

// dataFor reads what a diagnostic carries for its code actions. A client
// that dropped the data gets it again from the current findings, matched by
// rule and range, when it asks about the current version.
func (s *Server) dataFor(sn snapshot, diag Diagnostic) (diagData, bool) {
	var data diagData
	if len(diag.Data) > 0 && json.Unmarshal(diag.Data, &data) == nil && data.Rule != "" {
		return data, data.Version == sn.version
	}
	if sn.goRes == nil {
		return data, false
	}
	fs := sn.goRes.findings
	if sn.vale != nil {
		fs = mergeFindings(fs, sn.vale.findings)
	}
	x := newTextIndex(sn.text, sn.enc)
	for _, f := range fs {
		if f.Rule == diag.Code && x.rangeOf(f.Start, f.End) == diag.Range {
			d := makeDiagnostic(x, sn.version, "", f)
			if json.Unmarshal(d.Data, &data) == nil {
				return data, true
			}
		}
	}
	return data, false
}

// fixAll plans the unambiguous fixes of the current findings (the Go
// rules', checked now if the last run is older than the text, and Vale's
// when they belong to this version).
func (s *Server) fixAll(ctx context.Context, sn snapshot) *CodeAction {
	res := sn.goRes
	if res == nil {
		var err error
		if res, err = s.checkGo(sn); err != nil {
			return nil
		}
		s.mu.Lock()
		if d := sn.doc; !d.closed && d.version == sn.version && sn.gen == s.gen {
			d.goRes = res
			s.publishLocked(d)
		}
		s.mu.Unlock()
	}
	if ctx.Err() != nil || res.doc == nil {
		return nil
	}
	fs := res.findings
	if sn.vale != nil {
		fs = mergeFindings(fs, sn.vale.findings)
	}
	edits, applied, _ := engine.Plan(res.doc, fs)
	if len(applied) == 0 {
		return nil
	}
	x := newTextIndex(sn.text, sn.enc)
	tes := make([]TextEdit, 0, len(edits))
	for _, e := range sortedEdits(edits) {
		tes = append(tes, TextEdit{Range: x.rangeOf(e.Start, e.End), NewText: e.New})
	}
	return &CodeAction{Title: fixAllTitle, Kind: kindFixAllCopydesk, Edit: sn.workspaceEdit(tes)}
}

func sortedEdits(es []core.Edit) []core.Edit {
	out := append([]core.Edit(nil), es...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// workspaceEdit wraps edits of the snapshot's document: versioned when the
// client takes documentChanges, so that it refuses them on a newer text.
func (sn snapshot) workspaceEdit(edits []TextEdit) *WorkspaceEdit {
	if sn.docCh {
		v := sn.version
		return &WorkspaceEdit{DocumentChanges: []TextDocumentEdit{{
			TextDocument: OptionalVersionedTextDocumentIdentifier{URI: sn.uri, Version: &v},
			Edits:        edits,
		}}}
	}
	return &WorkspaceEdit{Changes: map[string][]TextEdit{sn.uri: edits}}
}
