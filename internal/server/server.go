// Package server is copydesk's HTTP JSON service: a newsroom CMS posts a
// story at the "publish" button and gets back the findings, the text with
// every unambiguous fix applied, and the unified diff between the two.
//
// It is built to stay up under bad input and heavy load: bodies are capped,
// every phase of a connection has a timeout, checks are admitted through a
// bounded pool and a short queue (then 503 with Retry-After), each request
// has a deadline that also stops its Vale process, and a panic answers 500
// for that request alone. Requests that arrive together share one Vale
// process (see batcher), because starting Vale costs far more than linting
// a story.
//
// The service keeps no state between requests, so it scales by running
// more copies behind a load balancer.
package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/copydesk/copydesk/internal/engine"
	"github.com/copydesk/copydesk/internal/vale"
)

// Config configures a Server. Zero values take the defaults given.
type Config struct {
	// Engine holds the engine options every check starts from (--config,
	// --vale, --no-vale, a default --lang ...); a request's lang,
	// categories and min_severity override them.
	Engine engine.Options
	// ConfigDir is where the configuration is looked up (default: the
	// working directory). A client's path never is.
	ConfigDir string
	// Token, when set, is required as "Authorization: Bearer TOKEN" on
	// /v1/ routes.
	Token string

	MaxBody       int64         // bytes (1 MiB)
	MaxConcurrent int           // checks admitted at once (GOMAXPROCS*16: see DefaultMaxConcurrent)
	Queue         int           // checks waiting for a slot (as many as MaxConcurrent); negative: none
	QueueWait     time.Duration // longest wait for a slot (2 s)
	Timeout       time.Duration // per request, from its headers to its answer (10 s)
	BatchWait     time.Duration // how long a check waits for others to share Vale (see DefaultBatchWait); negative: no batching
	MaxBatch      int           // checks in one Vale run (32)
	// GoRecheck makes the fix step check the fixed texts with the Go rules
	// only, instead of Go rules and Vale: one Vale run per batch instead
	// of two. A fix is taken back when it creates a new error-level
	// finding; with GoRecheck, one that only a Vale rule would report is
	// not seen. The built-in styles have no error-level rule.
	GoRecheck bool
	ValeRuns  int // engine runs (Vale processes) at once (GOMAXPROCS)

	ReadHeaderTimeout time.Duration // 5 s
	ReadTimeout       time.Duration // whole request including body (15 s)
	WriteTimeout      time.Duration // Timeout + 10 s
	IdleTimeout       time.Duration // keep-alive (120 s)
	ShutdownGrace     time.Duration // in-flight requests get this long to finish (25 s)
	ReadyTTL          time.Duration // how long a readiness answer is trusted (10 s)

	Logger *slog.Logger // default: JSON to standard error
}

// DefaultBatchWait is how long the first check of a batch waits for others.
// A few milliseconds against a Vale start-up of a few hundred: see the
// measurements in the package README.
const DefaultBatchWait = 5 * time.Millisecond

// DefaultMaxConcurrent is 16 checks per CPU. Admitting a check costs
// little: the CPU goes to Vale, whose processes --vale-runs bounds, and the
// checks admitted together share them. With 2 per CPU, 32 concurrent
// clients on 2 CPUs saw 88 of 96 requests turned away while batches of 4
// ran; with 16 per CPU all were served, each for a fraction of the CPU.
func DefaultMaxConcurrent() int { return runtime.GOMAXPROCS(0) * 16 }

func (c *Config) defaults() {
	if c.MaxBody <= 0 {
		c.MaxBody = 1 << 20
	}
	if c.MaxConcurrent <= 0 {
		c.MaxConcurrent = DefaultMaxConcurrent()
	}
	if c.Queue < 0 {
		c.Queue = 0
	} else if c.Queue == 0 {
		c.Queue = c.MaxConcurrent
	}
	if c.QueueWait <= 0 {
		c.QueueWait = 2 * time.Second
	}
	if c.Timeout <= 0 {
		c.Timeout = 10 * time.Second
	}
	if c.BatchWait == 0 {
		c.BatchWait = DefaultBatchWait
	}
	if c.MaxBatch <= 0 {
		c.MaxBatch = 32
	}
	if c.ValeRuns <= 0 {
		c.ValeRuns = runtime.GOMAXPROCS(0)
	}
	if c.ReadHeaderTimeout <= 0 {
		c.ReadHeaderTimeout = 5 * time.Second
	}
	if c.ReadTimeout <= 0 {
		c.ReadTimeout = 15 * time.Second
	}
	if c.WriteTimeout <= 0 {
		c.WriteTimeout = c.Timeout + 10*time.Second
	}
	if c.IdleTimeout <= 0 {
		c.IdleTimeout = 120 * time.Second
	}
	if c.ShutdownGrace <= 0 {
		c.ShutdownGrace = 25 * time.Second
	}
	if c.ReadyTTL <= 0 {
		c.ReadyTTL = 10 * time.Second
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.NewJSONHandler(os.Stderr, nil))
	}
}

// Server is the HTTP service. Create it with New; it is an http.Handler.
type Server struct {
	cfg        Config
	log        *slog.Logger
	configFrom string
	token      []byte
	m          *metrics
	lim        *limiter
	batch      *batcher
	ready      *readiness
	handler    http.Handler
	base       context.Context
	cancelBase context.CancelFunc
	background sync.WaitGroup // engine runs and probes under way

	valeMu  sync.Mutex
	valeBin string
	valeErr error

	engMu   sync.Mutex
	engines map[string]*engine.Engine
	goTwins map[*engine.Engine]*engine.Engine // for GoRecheck: the same settings without Vale
	goRules *engine.Engine                    // for /v1/rules and the rules list

	rulesOnce sync.Once
	rulesList []ruleInfo
}

// New returns a Server. It resolves the Vale binary (a missing one is
// reported by /readyz and by checks, not here, so that liveness and
// metrics still answer) and starts the first readiness probe.
func New(cfg Config) (*Server, error) {
	cfg.defaults()
	s := &Server{cfg: cfg, log: cfg.Logger, m: newMetrics(), engines: map[string]*engine.Engine{}, goTwins: map[*engine.Engine]*engine.Engine{}}
	if cfg.Token != "" {
		s.token = []byte(cfg.Token)
	}
	dir := cfg.ConfigDir
	if dir == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, err
		}
		dir = wd
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(abs); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("configuration folder %s: not a folder", abs)
	}
	s.configFrom = abs
	base := cfg.Engine
	base.Progress = nil
	s.goRules = engine.New(base)
	if _, err := s.goRules.ConfigFor(s.configFrom); err != nil {
		return nil, fmt.Errorf("configuration: %v", err)
	}
	s.base, s.cancelBase = context.WithCancel(context.Background())
	s.lim = newLimiter(cfg.MaxConcurrent, cfg.Queue, cfg.QueueWait)
	s.batch = &batcher{
		wait: cfg.BatchWait, maxItems: cfg.MaxBatch, maxBytes: 8 << 20, base: s.base,
		runs: make(chan struct{}, cfg.ValeRuns), run: s.runEngine,
		log:  func(msg string, args ...any) { s.log.Warn(msg, args...) },
		open: map[*engine.Engine]*batch{}, wg: &s.background,
	}
	s.resolveVale()
	s.ready = &readiness{base: s.base, ttl: cfg.ReadyTTL, probe: s.probe, wg: &s.background}
	if cfg.Engine.NoVale {
		s.ready.record(nil)
	} else {
		s.ready.start()
	}
	s.handler = s.routes()
	return s, nil
}

// ServeHTTP makes Server an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// WaitReady waits for the first readiness probe and returns its result.
func (s *Server) WaitReady(ctx context.Context) error { return s.ready.wait(ctx) }

// HTTPServer returns an http.Server for this handler with every timeout set.
func (s *Server) HTTPServer() *http.Server {
	return &http.Server{
		Handler:           s,
		ReadHeaderTimeout: s.cfg.ReadHeaderTimeout,
		ReadTimeout:       s.cfg.ReadTimeout,
		WriteTimeout:      s.cfg.WriteTimeout,
		IdleTimeout:       s.cfg.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
}

// Serve answers on ln until ctx is cancelled, then shuts down gracefully:
// it stops accepting, lets in-flight requests finish within ShutdownGrace,
// and only then stops what is left (killing any Vale still running).
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := s.HTTPServer()
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	s.log.Info("listening", "addr", ln.Addr().String(), "auth", s.token != nil,
		"max_concurrent", s.cfg.MaxConcurrent, "queue", s.cfg.Queue, "timeout", s.cfg.Timeout.String(),
		"batch_wait", s.cfg.BatchWait.String(), "vale_runs", s.cfg.ValeRuns, "max_body", s.cfg.MaxBody)
	select {
	case err := <-errc:
		s.Close()
		return err
	case <-ctx.Done():
	}
	running, waiting := s.lim.inUse()
	s.log.Info("shutting down", "in_flight", running, "queued", waiting, "grace", s.cfg.ShutdownGrace.String())
	s.ready.stop()
	sctx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownGrace)
	defer cancel()
	err := hs.Shutdown(sctx)
	if err != nil {
		s.log.Warn("grace period over; closing the remaining connections", "err", err.Error())
		hs.Close()
	}
	s.Close()
	<-errc
	s.log.Info("stopped")
	return err
}

// Close stops any engine run or readiness probe still going (killing its
// Vale) and waits a little for them to remove their temporary files.
func (s *Server) Close() {
	s.cancelBase()
	done := make(chan struct{})
	go func() {
		s.background.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		s.log.Warn("engine runs still going after 10 s; not waiting for them")
	}
}

// resolveVale finds the Vale binary once it can; until then checks answer
// 503 and /readyz says why.
func (s *Server) resolveVale() (string, error) {
	s.valeMu.Lock()
	defer s.valeMu.Unlock()
	if s.cfg.Engine.NoVale || s.valeBin != "" {
		return s.valeBin, nil
	}
	bin, err := vale.Find(vale.FindOptions{Flag: s.cfg.Engine.ValeBin})
	if err != nil {
		s.valeErr = err
		return "", err
	}
	// Vale runs in the configuration's folder: a relative path would break
	if strings.ContainsRune(bin, filepath.Separator) && !filepath.IsAbs(bin) {
		if abs, err := filepath.Abs(bin); err == nil {
			bin = abs
		}
	}
	s.valeBin, s.valeErr = bin, nil
	s.log.Info("vale found", "path", bin)
	return bin, nil
}

// engineFor returns the engine for a request's settings, made once per
// combination (there are a few thousand at most; the cache is dropped when
// it reaches 256).
func (s *Server) engineFor(p checkParams) (*engine.Engine, *apiError) {
	bin, err := s.resolveVale()
	if err != nil {
		return nil, newError(http.StatusServiceUnavailable, codeValeUnavailable, "Vale is not available on this server: "+firstLine(err.Error()))
	}
	key := p.lang + "|" + strings.Join(p.categories, ",") + "|" + p.minSeverity
	if p.categories == nil {
		key = p.lang + "|*|" + p.minSeverity
	}
	s.engMu.Lock()
	defer s.engMu.Unlock()
	if e := s.engines[key]; e != nil {
		return e, nil
	}
	if len(s.engines) >= 256 {
		clear(s.engines)
		clear(s.goTwins)
	}
	opt := s.cfg.Engine
	opt.Progress = nil
	opt.ValeBin = bin
	opt.Rules = s.goRules.Rules()
	if p.lang != "" {
		opt.Lang = p.lang
	}
	if p.categories != nil {
		opt.Categories = p.categories
	}
	if p.minSeverity != "" {
		opt.MinSeverity = p.minSeverity
	}
	e := engine.New(opt)
	s.engines[key] = e
	if s.cfg.GoRecheck {
		opt.NoVale = true
		s.goTwins[e] = engine.New(opt)
	}
	return e, nil
}

// runEngine is one batch: check, then fix (which checks the fixed texts
// again).
func (s *Server) runEngine(ctx context.Context, eng *engine.Engine, inputs []engine.Input) ([]engine.FixResult, error) {
	s.m.batchSize.Observe(float64(len(inputs)))
	t := time.Now()
	results, err := eng.Check(ctx, inputs)
	s.observeRun("check", t, err)
	if err != nil {
		return nil, err
	}
	t = time.Now()
	fixer := eng
	if s.cfg.GoRecheck {
		s.engMu.Lock()
		if twin := s.goTwins[eng]; twin != nil {
			fixer = twin
		}
		s.engMu.Unlock()
	}
	fixed, err := fixer.Fix(ctx, results)
	applied := false
	for _, f := range fixed {
		applied = applied || len(f.Applied) > 0
	}
	if (applied || err != nil) && fixer == eng {
		s.observeRun("fix", t, err)
	}
	return fixed, err
}

func (s *Server) observeRun(phase string, start time.Time, err error) {
	outcome := "ok"
	var ve *vale.Error
	switch {
	case err == nil:
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled):
		outcome = "cancelled"
	case errors.As(err, &ve) || errors.Is(err, vale.ErrNotFound):
		outcome = "vale_error"
	default:
		outcome = "error"
	}
	s.m.engineRuns.WithLabelValues(phase, outcome).Inc()
	s.m.engineDur.WithLabelValues(phase).Observe(time.Since(start).Seconds())
	if s.cfg.Engine.NoVale {
		return
	}
	switch outcome {
	case "ok":
		s.ready.record(nil)
	case "vale_error":
		s.ready.record(err)
	}
}

// probe runs the engine, with Vale, on a tiny text.
func (s *Server) probe(ctx context.Context) error {
	if s.cfg.Engine.NoVale {
		return nil
	}
	eng, e := s.engineFor(checkParams{})
	if e != nil {
		return errors.New(e.message)
	}
	t := time.Now()
	_, err := eng.Check(ctx, []engine.Input{{Path: "readiness.txt", Text: "A short story about readiness.\n", ConfigFrom: s.configFrom}})
	s.m.engineRuns.WithLabelValues("probe", map[bool]string{true: "ok", false: "error"}[err == nil]).Inc()
	s.m.engineDur.WithLabelValues("probe").Observe(time.Since(t).Seconds())
	if err != nil {
		return fmt.Errorf("vale does not work: %s", firstLine(err.Error()))
	}
	return nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// newRequestID returns 16 hex digits.
func newRequestID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// promHandler serves the registry.
func (s *Server) promHandler() http.Handler {
	return promhttp.HandlerFor(s.m.reg, promhttp.HandlerOpts{ErrorLog: slog.NewLogLogger(s.log.Handler(), slog.LevelWarn)})
}
