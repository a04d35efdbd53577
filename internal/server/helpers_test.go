package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/copydesk/copydesk/internal/engine"
	"github.com/copydesk/copydesk/internal/vale"
)

// realVale finds the pinned Vale. The tests that use it exist to prove the
// service works with the real binary, so they fail rather than skip.
func realVale(t testing.TB) string {
	t.Helper()
	bin, err := vale.Find(vale.FindOptions{Progress: os.Stderr})
	if err != nil {
		t.Fatalf("the pinned Vale is needed for this test: %v", err)
	}
	return bin
}

// fakeVale writes an executable shell script that stands in for Vale.
func fakeVale(t *testing.T, script string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "vale")
	if err := os.WriteFile(p, []byte("#!/bin/sh\n"+script), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

// quietLogger keeps the access log out of the test output unless -v.
func quietLogger(t *testing.T) *slog.Logger {
	if testing.Verbose() {
		return slog.New(slog.NewJSONHandler(os.Stderr, nil))
	}
	return slog.New(slog.NewJSONHandler(io.Discard, nil))
}

// newTestServer starts a Server on a loopback httptest server. The
// configuration folder is a fresh temporary folder, so the built-in
// default configuration is used.
func newTestServer(t *testing.T, cfg Config) (*Server, *httptest.Server) {
	t.Helper()
	if cfg.ConfigDir == "" {
		cfg.ConfigDir = t.TempDir()
	}
	if cfg.Logger == nil {
		cfg.Logger = quietLogger(t)
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(func() {
		ts.Close()
		s.Close()
	})
	return s, ts
}

func noVale() Config { return Config{Engine: engine.Options{NoVale: true}} }

// post sends a JSON body to /v1/check.
func post(t *testing.T, ts *httptest.Server, body string, header ...string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, ts.URL+"/v1/check", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

func checkBody(t *testing.T, text string, extra map[string]any) string {
	t.Helper()
	m := map[string]any{"text": text}
	for k, v := range extra {
		m[k] = v
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// decode reads a response body into v and closes it.
func decode(t *testing.T, resp *http.Response, v any) {
	t.Helper()
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("status %d: body is not JSON: %v: %q", resp.StatusCode, err, data)
	}
}

// errorOf reads a JSON error answer.
func errorOf(t *testing.T, resp *http.Response) errorDetail {
	t.Helper()
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("error answer has Content-Type %q", ct)
	}
	var e errorBody
	decode(t, resp, &e)
	if e.Error.Code == "" || e.Error.Message == "" {
		t.Errorf("error answer without code or message: %+v", e)
	}
	return e.Error
}

// waitFor polls cond until it holds or the time is up.
func waitFor(t *testing.T, what string, limit time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func metricsText(t *testing.T, ts *httptest.Server) string {
	t.Helper()
	resp, err := ts.Client().Get(ts.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	_, _ = io.Copy(&b, resp.Body)
	return b.String()
}

func waitReady(t *testing.T, s *Server) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	if err := s.WaitReady(ctx); err != nil {
		t.Fatalf("server not ready: %v", err)
	}
}
