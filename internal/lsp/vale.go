package lsp

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/copydesk/copydesk/internal/core"
	"github.com/copydesk/copydesk/internal/engine"
	"github.com/copydesk/copydesk/internal/vale"
)

// valeBatch is one Vale run over the documents that were waiting.
type valeBatch struct {
	cancel context.CancelFunc
	items  []snapshot
}

func (s *Server) valeOffLocked() bool {
	return s.cfg.opt.NoVale || s.valeMissing || s.shutdown
}

// scheduleValeLocked queues d for Vale at once (open, save) or after the
// Vale debounce (typing). A newer version of a document makes a running
// batch stale; the batch is cancelled when all its documents have moved on.
func (s *Server) scheduleValeLocked(d *document, now bool) {
	if d.closed || s.valeOffLocked() {
		return
	}
	if d.valeTimer != nil {
		d.valeTimer.Stop()
		d.valeTimer = nil
	}
	d.valeSeq++
	s.cancelStaleValeLocked()
	if now || s.cfg.valeDebounce <= 0 {
		s.enqueueValeLocked(d)
		return
	}
	seq := d.valeSeq
	d.valeTimer = time.AfterFunc(s.cfg.valeDebounce, func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if d.valeSeq != seq || d.closed {
			return
		}
		d.valeTimer = nil
		s.enqueueValeLocked(d)
	})
}

func (s *Server) enqueueValeLocked(d *document) {
	if d.valeQueued || s.valeOffLocked() {
		return
	}
	d.valeQueued = true
	s.valeQueue = append(s.valeQueue, d)
	select {
	case s.valeWake <- struct{}{}:
	default:
	}
}

// cancelStaleValeLocked cancels the running batch when none of its
// documents is still at the version Vale is reading.
func (s *Server) cancelStaleValeLocked() {
	b := s.valeBatch
	if b == nil {
		return
	}
	for _, it := range b.items {
		if !it.doc.closed && it.doc.version == it.version && it.gen == s.gen {
			return
		}
	}
	b.cancel()
}

// valeWorker runs Vale, one batch at a time, until the session ends.
func (s *Server) valeWorker() {
	for {
		select {
		case <-s.ctx.Done():
			return
		case <-s.valeWake:
		}
		s.mu.Lock()
		var items []snapshot
		for _, d := range s.valeQueue {
			d.valeQueued = false
			if !d.closed {
				items = append(items, s.snapshotLocked(d))
			}
		}
		s.valeQueue = nil
		if len(items) == 0 || s.valeOffLocked() {
			s.mu.Unlock()
			continue
		}
		ctx, cancel := context.WithCancel(s.ctx)
		s.valeBatch = &valeBatch{cancel: cancel, items: items}
		eng := items[0].eng
		s.mu.Unlock()

		results, err := s.runVale(ctx, eng, items)

		s.mu.Lock()
		s.valeBatch = nil
		s.finishValeLocked(ctx, items, results, err)
		s.mu.Unlock()
		cancel()
	}
}

func (s *Server) runVale(ctx context.Context, eng *engine.Engine, items []snapshot) ([]engine.Result, error) {
	bin, err := eng.Vale()
	if err != nil {
		if !errors.Is(err, vale.ErrNotFound) {
			err = &findError{err}
		}
		return nil, err
	}
	s.mu.Lock()
	if s.eng == eng {
		s.valeBin = bin
	}
	s.mu.Unlock()
	inputs := make([]engine.Input, len(items))
	for i, it := range items {
		inputs[i] = it.input() // DiskPath empty: Vale reads a private temporary copy
	}
	return eng.Check(ctx, inputs)
}

func (s *Server) finishValeLocked(ctx context.Context, items []snapshot, results []engine.Result, err error) {
	if err != nil {
		switch {
		case ctx.Err() != nil:
			// cancelled: documents still at the version read go round again
			for _, it := range items {
				if !it.doc.closed && it.doc.version == it.version && s.ctx.Err() == nil {
					s.enqueueValeLocked(it.doc)
				}
			}
		case errors.Is(err, vale.ErrNotFound):
			s.valeMissing = true
			s.showOnceLocked(msgWarning, "copydesk: Vale was not found, so only copydesk's own rules run. Set copydesk.valePath to a vale binary, or copydesk.noVale to true to silence this.")
		case errors.As(err, new(*findError)):
			s.valeMissing = true
			s.showOnceLocked(msgWarning, "copydesk: Vale cannot be used ("+oneLine(err.Error())+"), so only copydesk's own rules run. Check copydesk.valePath.")
		default:
			s.showOnceLocked(msgError, "copydesk: Vale failed: "+oneLine(err.Error()))
		}
		return
	}
	for i, it := range items {
		d := it.doc
		if i >= len(results) || d.closed || d.version != it.version || it.gen != s.gen {
			continue // the text changed while Vale read it: wait for the next run
		}
		r := results[i]
		if r.Err != nil {
			s.showOnceLocked(msgError, "copydesk: "+oneLine(r.Err.Error()))
			continue
		}
		v := s.vocabFor(r.Config, it.vocab)
		var fs []core.Finding
		for _, f := range r.Findings {
			if strings.HasPrefix(f.Rule, "Copy.") {
				continue // the Go rules' findings come from the fast path
			}
			if isSpelling(f.Rule) && v != nil && v.Accepts(it.text[f.Start:f.End]) {
				continue
			}
			fs = append(fs, f)
		}
		d.vale = &valeResult{version: it.version, gen: it.gen, findings: fs}
		s.publishLocked(d)
	}
}

// findError is a failure to find or use the Vale binary named in the
// settings (as opposed to Vale failing on a configuration).
type findError struct{ err error }

func (e *findError) Error() string { return e.err.Error() }
func (e *findError) Unwrap() error { return e.err }

func oneLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
