package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"runtime/debug"

	"github.com/copydesk/copydesk/internal/engine"
	"github.com/copydesk/copydesk/internal/render"
	"github.com/copydesk/copydesk/internal/vale"
)

// checkResponse is the answer of POST /v1/check.
type checkResponse struct {
	Findings []render.Line `json:"findings"` // the jsonl fields, without the path
	Fixed    string        `json:"fixed"`
	Diff     string        `json:"diff"`
}

func (s *Server) handleCheck(w http.ResponseWriter, r *http.Request) {
	info := infoOf(r)
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.Timeout)
	defer cancel()
	fail := func(e *apiError) {
		info.errCode = e.code
		writeError(w, e)
	}
	body, e := readBody(w, r, s.cfg.MaxBody)
	info.reqBytes = len(body)
	if e != nil {
		fail(e)
		return
	}
	p, e := decodeCheck(body)
	if e != nil {
		fail(e)
		return
	}
	body = nil
	eng, e := s.engineFor(p)
	if e != nil {
		fail(e)
		return
	}
	in := engine.Input{Path: p.name, Text: p.text, Format: p.format, ConfigFrom: s.configFrom}
	// Build the document here first, where a panic is caught: the engine
	// builds it again on a worker goroutine, where a panic would stop the
	// whole process.
	if err := preflight(eng, in); err != nil {
		info.err = err.Error()
		var pe *panicError
		if errors.As(err, &pe) {
			s.log.Error("panic while reading a document", "request_id", info.id, "panic", fmt.Sprint(pe.val), "stack", string(pe.stack))
		}
		fail(newError(http.StatusInternalServerError, codeInternal, "the text could not be read: internal error (request id "+info.id+")"))
		return
	}

	s.m.queued.Inc()
	release, err := s.lim.acquire(ctx)
	s.m.queued.Dec()
	if err != nil {
		s.rejectedBy(err, info, fail, w)
		return
	}
	defer release()

	o := s.batch.submit(ctx, eng, in)
	info.batch = o.size
	if o.err != nil {
		s.engineFailed(ctx, o.err, info, fail)
		return
	}
	if o.res.Err != nil {
		info.err = o.res.Err.Error()
		fail(newError(http.StatusInternalServerError, codeInternal, "the server could not check this text: its configuration failed to load (request id "+info.id+")"))
		return
	}
	resp := checkResponse{Findings: make([]render.Line, 0, len(o.res.Findings)), Fixed: o.res.Fixed}
	d := o.res.Doc
	for _, f := range o.res.Findings {
		resp.Findings = append(resp.Findings, render.ToLine("", d, f))
		s.m.findings.WithLabelValues(f.Rule).Inc()
	}
	resp.Diff = render.Unified("a/"+p.display, "b/"+p.display, o.res.Text, o.res.Fixed)
	info.findings = len(resp.Findings)
	writeJSON(w, http.StatusOK, resp)
}

// rejectedBy answers a request that never got a slot.
func (s *Server) rejectedBy(err error, info *reqInfo, fail func(*apiError), w http.ResponseWriter) {
	switch {
	case errors.Is(err, errQueueFull), errors.Is(err, errQueueWait):
		s.m.rejected.WithLabelValues("overloaded").Inc()
		fail(newError(http.StatusServiceUnavailable, codeOverloaded, err.Error()+"; retry after a second"))
	case errors.Is(err, context.DeadlineExceeded):
		s.m.rejected.WithLabelValues("timeout").Inc()
		fail(newError(http.StatusGatewayTimeout, codeTimeout, fmt.Sprintf("no check slot became free within the request deadline of %s", s.cfg.Timeout)))
	default: // the client went away
		info.errCode = codeClientClosed
	}
}

// engineFailed answers a request whose engine run did not succeed.
func (s *Server) engineFailed(ctx context.Context, err error, info *reqInfo, fail func(*apiError)) {
	info.err = err.Error()
	var ve *vale.Error
	var pe *panicError
	switch {
	case errors.Is(err, context.DeadlineExceeded) || (errors.Is(err, context.Canceled) && ctx.Err() == context.DeadlineExceeded):
		fail(newError(http.StatusGatewayTimeout, codeTimeout, fmt.Sprintf("the check did not finish within the request deadline of %s", s.cfg.Timeout)))
	case errors.Is(err, context.Canceled):
		if ctx.Err() != nil {
			info.errCode = codeClientClosed
			return
		}
		fail(newError(http.StatusServiceUnavailable, codeShuttingDown, "the server is shutting down"))
	case errors.Is(err, vale.ErrNotFound):
		fail(newError(http.StatusServiceUnavailable, codeValeUnavailable, "Vale is not available on this server"))
	case errors.As(err, &ve):
		s.log.Error("vale failed", "request_id", info.id, "err", ve.Msg)
		fail(newError(http.StatusInternalServerError, codeValeFailed, "Vale reported an error; the server log has the details (request id "+info.id+")"))
	case errors.As(err, &pe):
		s.log.Error("panic in the engine", "request_id", info.id, "panic", fmt.Sprint(pe.val), "stack", string(pe.stack))
		fail(newError(http.StatusInternalServerError, codeInternal, "internal error; the server log has the details (request id "+info.id+")"))
	default:
		fail(newError(http.StatusInternalServerError, codeInternal, "the check failed; the server log has the details (request id "+info.id+")"))
	}
}

// preflight builds the document under recover.
func preflight(eng *engine.Engine, in engine.Input) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &panicError{val: p, stack: debug.Stack()}
		}
	}()
	_, _, err = eng.Prepare(in)
	return err
}
