package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestServeShutsDownGracefullyOnSIGTERM starts `copydesk serve` as its own
// process, puts checks in flight (a fake Vale that takes 1.5 s keeps them
// there), sends SIGTERM, and expects every check to be answered, new
// connections to be refused, and a clean exit.
func TestServeShutsDownGracefullyOnSIGTERM(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "copydesk")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	slowVale := filepath.Join(dir, "vale")
	write(t, slowVale, "#!/bin/sh\nsleep 1.5\necho '{}'\n", 0o755)
	tokenFile := filepath.Join(dir, "token")
	write(t, tokenFile, "tok-123\n", 0o600)

	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--vale", slowVale, "--token-file", tokenFile, "--shutdown-grace", "20s", "--max-concurrent", "8")
	cmd.Dir = dir
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	defer func() {
		select {
		case <-exited:
		default:
			cmd.Process.Kill()
		}
	}()
	var logMu sync.Mutex
	var logs strings.Builder
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			logMu.Lock()
			logs.WriteString(sc.Text() + "\n")
			logMu.Unlock()
			var line struct{ Msg, Addr string }
			if json.Unmarshal(sc.Bytes(), &line) == nil && line.Msg == "listening" {
				addr <- line.Addr
			}
		}
		exited <- cmd.Wait()
	}()
	var base string
	select {
	case a := <-addr:
		base = "http://" + a
	case <-time.After(60 * time.Second):
		t.Fatal("copydesk serve did not start listening")
	}

	const n = 5
	type answer struct {
		i      int
		status int
		fixed  string
		err    error
	}
	answers := make(chan answer, n)
	for i := 0; i < n; i++ {
		go func() {
			body := fmt.Sprintf(`{"text": "Story %d: the the council met."}`, i)
			req, _ := http.NewRequest("POST", base+"/v1/check", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer tok-123")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				answers <- answer{i: i, err: err}
				return
			}
			defer resp.Body.Close()
			var got struct{ Fixed string }
			data, _ := io.ReadAll(resp.Body)
			_ = json.Unmarshal(data, &got)
			answers <- answer{i, resp.StatusCode, got.Fixed, nil}
		}()
	}
	// wait until all five are in flight (plus the scrape itself)
	deadline := time.Now().Add(30 * time.Second)
	for inFlight(t, base) < n+1 {
		if time.Now().After(deadline) {
			t.Fatal("the checks never were in flight together")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	// the listener closes at once: a new connection is refused
	time.Sleep(200 * time.Millisecond)
	if resp, err := http.Get(base + "/healthz"); err == nil {
		resp.Body.Close()
		t.Errorf("a new request after SIGTERM was served: %d", resp.StatusCode)
	}
	for k := 0; k < n; k++ {
		a := <-answers
		want := fmt.Sprintf("Story %d: the council met.", a.i)
		if a.err != nil || a.status != 200 || a.fixed != want {
			t.Errorf("check %d in flight during shutdown: status %d, fixed %q, err %v", a.i, a.status, a.fixed, a.err)
		}
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("exit: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("copydesk serve did not exit after SIGTERM")
	}
	logMu.Lock()
	defer logMu.Unlock()
	for _, want := range []string{`"msg":"shutting down"`, `"msg":"stopped"`, `"route":"/v1/check"`} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log lacks %s:\n%s", want, logs.String())
		}
	}
	if strings.Contains(logs.String(), "the the council") {
		t.Error("the log holds article text")
	}
}

// inFlight reads copydesk_http_requests_in_flight from /metrics.
func inFlight(t *testing.T, base string) int {
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	for _, l := range bytes.Split(data, []byte("\n")) {
		if v, ok := strings.CutPrefix(string(l), "copydesk_http_requests_in_flight "); ok {
			f, _ := strconv.ParseFloat(v, 64)
			return int(f)
		}
	}
	return 0
}

func TestServeRejectsBadFlags(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty")
	write(t, empty, "\n", 0o600)
	for _, args := range [][]string{
		{"serve", "--token-file", filepath.Join(dir, "missing")},
		{"serve", "--token-file", empty},
		{"serve", "--max-body", "0"},
		{"serve", "--lang", "fr"},
		{"serve", "extra"},
		{"serve", "--addr", "127.0.0.1:notaport", "--no-vale"},
	} {
		if code, _, errs := cli(t, "", args...); code != exitTrouble || errs == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
	}
	if code, _, errs := cli(t, "", "serve", "-h"); code != exitOK || !strings.Contains(errs, "/v1/check") {
		t.Errorf("serve -h: exit %d %q", code, errs)
	}
	_ = os.Remove(empty)
}
