package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/copydesk/copydesk/internal/config"
	"github.com/copydesk/copydesk/internal/engine"
	"github.com/copydesk/copydesk/internal/server"
)

func init() { extraCommands["serve"] = cmdServe }

func cmdServe(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("copydesk serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		addr          = fs.String("addr", "127.0.0.1:8080", "address to listen on (loopback by default; 0.0.0.0:8080 for all interfaces)")
		tokenFile     = fs.String("token-file", "", "file holding a bearer token that /v1/ requests must send (health, readiness and metrics stay open)")
		maxBody       = fs.Int64("max-body", 1<<20, "largest request body in bytes (larger: 413)")
		maxConcurrent = fs.Int("max-concurrent", server.DefaultMaxConcurrent(), "checks admitted at once (they share Vale runs)")
		queue         = fs.Int("queue", 0, "checks that may wait for a slot; beyond it 503 (default: as many as --max-concurrent; -1 for none)")
		queueWait     = fs.Duration("queue-wait", 2*time.Second, "longest wait for a slot before 503")
		timeout       = fs.Duration("timeout", 10*time.Second, "deadline of one request; a Vale run still going then is killed")
		batchWait     = fs.Duration("batch-wait", server.DefaultBatchWait, "how long a check waits for others to share one Vale run (0: no batching)")
		maxBatch      = fs.Int("max-batch", 32, "most checks in one Vale run")
		goRecheck     = fs.Bool("go-recheck", false, "check fixed texts with the Go rules only (one Vale run per batch instead of two; a fix that creates a new error-level Vale finding is then not taken back)")
		valeRuns      = fs.Int("vale-runs", runtime.GOMAXPROCS(0), "Vale processes at once (each takes about 65 MB)")
		readHeader    = fs.Duration("read-header-timeout", 5*time.Second, "time allowed for a client to send its request headers")
		readTimeout   = fs.Duration("read-timeout", 15*time.Second, "time allowed to read a whole request")
		idle          = fs.Duration("idle-timeout", 120*time.Second, "how long an idle keep-alive connection stays open")
		grace         = fs.Duration("shutdown-grace", 25*time.Second, "on SIGTERM or SIGINT, how long in-flight requests get to finish")
		cfgPath       = fs.String("config", "", "a .vale.ini to use for every request (default: found upwards from the working folder, else the built-in default)")
		valeBin       = fs.String("vale", "", "path to the vale binary (default: $COPYDESK_VALE, next to copydesk, PATH, go tool)")
		noVale        = fs.Bool("no-vale", false, "run copydesk's Go rules only")
		lang          = fs.String("lang", "", "default language when a request names none: en-US or en-GB")
		logLevel      = fs.String("log-level", "info", "debug, info, warn or error")
	)
	fs.Usage = func() {
		fmt.Fprintf(stderr, `Usage: copydesk serve [flags]

Serves copydesk as an HTTP JSON API for a CMS publish step:
  POST /v1/check   {"text": "...", "format": "txt|md|html", "lang": "en-US|en-GB",
                    "categories": [...], "min_severity": "...", "path": "name.txt"}
                   -> {"findings": [...], "fixed": "...", "diff": "..."}
  GET  /v1/rules   the rules
  GET  /healthz    liveness; GET /readyz: Vale found and working; GET /metrics: Prometheus
Logs go to standard error as JSON lines. SIGTERM or SIGINT stops it gracefully.

Flags:
`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitTrouble
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "copydesk serve: unexpected argument %q\n", fs.Arg(0))
		return exitTrouble
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(stderr, "copydesk serve: --log-level %q: want debug, info, warn or error\n", *logLevel)
		return exitTrouble
	}
	logger := slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: level}))
	cfg := server.Config{
		Engine:            engine.Options{Config: *cfgPath, NoVale: *noVale, ValeBin: *valeBin},
		MaxBody:           *maxBody,
		MaxConcurrent:     *maxConcurrent,
		Queue:             *queue,
		QueueWait:         *queueWait,
		Timeout:           *timeout,
		BatchWait:         *batchWait,
		MaxBatch:          *maxBatch,
		ValeRuns:          *valeRuns,
		GoRecheck:         *goRecheck,
		ReadHeaderTimeout: *readHeader,
		ReadTimeout:       *readTimeout,
		IdleTimeout:       *idle,
		ShutdownGrace:     *grace,
		Logger:            logger,
	}
	if *batchWait == 0 {
		cfg.BatchWait = -1
	}
	if *lang != "" {
		l, err := config.ParseLang(*lang)
		if err != nil {
			fmt.Fprintf(stderr, "copydesk serve: --lang: %v\n", err)
			return exitTrouble
		}
		cfg.Engine.Lang = l
	}
	if *maxBody <= 0 || *maxConcurrent <= 0 || *timeout <= 0 || *maxBatch <= 0 || *valeRuns <= 0 {
		fmt.Fprintln(stderr, "copydesk serve: --max-body, --max-concurrent, --timeout, --max-batch and --vale-runs must be positive")
		return exitTrouble
	}
	if *tokenFile != "" {
		data, err := os.ReadFile(*tokenFile)
		if err != nil {
			fmt.Fprintf(stderr, "copydesk serve: --token-file: %v\n", err)
			return exitTrouble
		}
		tok := strings.TrimSpace(string(data))
		if tok == "" || strings.ContainsAny(tok, " \t\r\n") {
			fmt.Fprintf(stderr, "copydesk serve: --token-file %s: want one token on one line\n", *tokenFile)
			return exitTrouble
		}
		cfg.Token = tok
	}
	srv, err := server.New(cfg)
	if err != nil {
		fmt.Fprintf(stderr, "copydesk serve: %v\n", err)
		return exitTrouble
	}
	defer srv.Close()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "copydesk serve: %v\n", err)
		return exitTrouble
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	if err := srv.Serve(ctx, ln); err != nil {
		fmt.Fprintf(stderr, "copydesk serve: %v\n", err)
		return exitTrouble
	}
	return exitOK
}
