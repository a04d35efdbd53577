package server

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
)

// route is one endpoint.
type route struct {
	methods []string
	auth    bool // needs the bearer token when one is configured
	handle  http.HandlerFunc
}

func (s *Server) routes() http.Handler {
	table := map[string]route{
		"/v1/check": {[]string{http.MethodPost}, true, s.handleCheck},
		"/v1/rules": {[]string{http.MethodGet, http.MethodHead}, true, s.handleRules},
		"/healthz":  {[]string{http.MethodGet, http.MethodHead}, false, s.handleHealth},
		"/readyz":   {[]string{http.MethodGet, http.MethodHead}, false, s.handleReady},
		"/metrics":  {[]string{http.MethodGet, http.MethodHead}, false, s.promHandler().ServeHTTP},
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rt, ok := table[r.URL.Path]
		name := r.URL.Path
		if !ok {
			name = "other" // one label for every unknown path
		}
		s.observe(name, w, r, func(w http.ResponseWriter, r *http.Request) {
			if !ok {
				writeError(w, newError(http.StatusNotFound, codeNotFound, "no such endpoint; see GET /v1/rules, POST /v1/check"))
				return
			}
			if rt.auth && !s.authorized(w, r) {
				return
			}
			allowed := false
			for _, m := range rt.methods {
				allowed = allowed || r.Method == m
			}
			if !allowed {
				w.Header().Set("Allow", strings.Join(rt.methods, ", "))
				writeError(w, newError(http.StatusMethodNotAllowed, codeMethod, r.Method+" is not allowed here; use "+strings.Join(rt.methods, " or ")))
				return
			}
			rt.handle(w, r)
		})
	})
}

// reqInfo collects what the access log and metrics say about a request.
type reqInfo struct {
	id       string
	findings int
	batch    int
	reqBytes int
	errCode  string
	err      string
}

type infoKey struct{}

func infoOf(r *http.Request) *reqInfo {
	if i, ok := r.Context().Value(infoKey{}).(*reqInfo); ok {
		return i
	}
	return &reqInfo{}
}

// recorder remembers the status and size of a response.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (rw *recorder) WriteHeader(code int) {
	if rw.status == 0 {
		rw.status = code
	}
	rw.ResponseWriter.WriteHeader(code)
}

func (rw *recorder) Write(b []byte) (int, error) {
	if rw.status == 0 {
		rw.status = http.StatusOK
	}
	n, err := rw.ResponseWriter.Write(b)
	rw.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach the connection.
func (rw *recorder) Unwrap() http.ResponseWriter { return rw.ResponseWriter }

// observe wraps a handler with the request id, panic recovery, metrics and
// the access log. The log never holds the article text.
func (s *Server) observe(route string, w http.ResponseWriter, r *http.Request, h http.HandlerFunc) {
	start := time.Now()
	info := &reqInfo{id: requestID(r)}
	w.Header().Set("X-Request-Id", info.id)
	rec := &recorder{ResponseWriter: w}
	r = r.WithContext(context.WithValue(r.Context(), infoKey{}, info))
	s.m.inFlight.Inc()
	defer func() {
		p := recover()
		if p == http.ErrAbortHandler {
			s.m.inFlight.Dec()
			panic(p)
		}
		if p != nil {
			s.log.Error("panic", "request_id", info.id, "route", route, "panic", p, "stack", string(debug.Stack()))
			if rec.status == 0 {
				writeError(rec, newError(http.StatusInternalServerError, codeInternal, "internal error; the server log has the details (request id "+info.id+")"))
			}
			info.errCode = codeInternal
		}
		s.m.inFlight.Dec()
		status := rec.status
		if status == 0 {
			status = http.StatusOK
		}
		if info.errCode == codeClientClosed {
			status = statusClientClosed
		}
		d := time.Since(start)
		s.m.requests.WithLabelValues(route, strconv.Itoa(status)).Inc()
		s.m.latency.WithLabelValues(route).Observe(d.Seconds())
		if route == "/metrics" || route == "/healthz" || route == "/readyz" {
			if status < 400 {
				return // probes and scrapes every few seconds would drown the log
			}
		}
		attrs := []slog.Attr{
			slog.String("request_id", info.id), slog.String("method", r.Method), slog.String("route", route),
			slog.Int("status", status), slog.Float64("duration_ms", float64(d.Microseconds())/1000),
			slog.Int("bytes_in", info.reqBytes), slog.Int("bytes_out", rec.bytes),
		}
		if route == "/v1/check" && status == http.StatusOK {
			attrs = append(attrs, slog.Int("findings", info.findings), slog.Int("batch", info.batch))
		}
		if info.errCode != "" {
			attrs = append(attrs, slog.String("error_code", info.errCode))
		}
		if info.err != "" {
			attrs = append(attrs, slog.String("error", info.err))
		}
		level := slog.LevelInfo
		if status >= 500 && status != http.StatusServiceUnavailable && status != http.StatusGatewayTimeout {
			level = slog.LevelError
		}
		s.log.LogAttrs(context.Background(), level, "request", attrs...)
	}()
	h(rec, r)
}

// requestID takes a well-formed X-Request-Id from the client (a load
// balancer's), else makes one.
func requestID(r *http.Request) string {
	id := r.Header.Get("X-Request-Id")
	if id == "" || len(id) > 64 {
		return newRequestID()
	}
	for _, c := range id {
		if !(c == '-' || c == '_' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return newRequestID()
		}
	}
	return id
}

// authorized checks the bearer token, in constant time. Both sides are
// hashed first so that the comparison does not reveal the token's length.
func (s *Server) authorized(w http.ResponseWriter, r *http.Request) bool {
	if s.token == nil {
		return true
	}
	h := r.Header.Get("Authorization")
	scheme, given, ok := strings.Cut(h, " ")
	if ok && strings.EqualFold(scheme, "Bearer") {
		a := sha256.Sum256([]byte(strings.TrimSpace(given)))
		b := sha256.Sum256(s.token)
		if subtle.ConstantTimeCompare(a[:], b[:]) == 1 {
			return true
		}
		w.Header().Set("WWW-Authenticate", `Bearer realm="copydesk", error="invalid_token"`)
		infoOf(r).errCode = codeUnauthorized
		writeError(w, newError(http.StatusUnauthorized, codeUnauthorized, "the bearer token is not valid"))
		return false
	}
	w.Header().Set("WWW-Authenticate", `Bearer realm="copydesk"`)
	infoOf(r).errCode = codeUnauthorized
	writeError(w, newError(http.StatusUnauthorized, codeUnauthorized, "this endpoint needs Authorization: Bearer TOKEN"))
	return false
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

func (s *Server) handleReady(w http.ResponseWriter, r *http.Request) {
	if err := s.ready.state(); err != nil {
		infoOf(r).err = err.Error()
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "not ready", "reason": err.Error()})
		return
	}
	vale := "on"
	if s.cfg.Engine.NoVale {
		vale = "off (--no-vale)"
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready", "vale": vale})
}
