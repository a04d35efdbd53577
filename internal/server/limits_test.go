package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/copydesk/copydesk/internal/engine"
)

func TestSlowHeadersAreCutOffByReadHeaderTimeout(t *testing.T) {
	cfg := noVale()
	cfg.ConfigDir = t.TempDir()
	cfg.Logger = quietLogger(t)
	cfg.ReadHeaderTimeout = 200 * time.Millisecond
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := s.HTTPServer()
	go hs.Serve(ln)
	defer hs.Close()

	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// half the headers, then nothing
	if _, err := io.WriteString(conn, "POST /v1/check HTTP/1.1\r\nHost: localhost\r\nContent-Type: appl"); err != nil {
		t.Fatal(err)
	}
	conn.SetReadDeadline(time.Now().Add(20 * time.Second))
	start := time.Now()
	buf := make([]byte, 512)
	n, err := conn.Read(buf)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatalf("the server kept a connection with unfinished headers open for %v", time.Since(start))
	}
	// closed, possibly after a 408
	if n > 0 && !strings.HasPrefix(string(buf[:n]), "HTTP/1.1 408") {
		t.Errorf("unexpected answer to a slow client: %q", buf[:n])
	}
	// a normal client is still served
	resp, err := http.Get("http://" + ln.Addr().String() + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("healthz after a slow client: %d", resp.StatusCode)
	}
	if hs.ReadTimeout <= 0 || hs.WriteTimeout <= hs.ReadTimeout || hs.IdleTimeout <= 0 || hs.MaxHeaderBytes <= 0 {
		t.Errorf("timeouts not all set: %+v", hs)
	}
}

// pidVale is a fake Vale that records its process id under the name of
// the file it was asked to lint, then sleeps in place (exec), so that
// killing it kills the sleep.
func pidVale(t *testing.T, dir string) string {
	return fakeVale(t, `for a; do last="$a"; done
echo $$ > "`+dir+`/$(basename "$last").pid"
exec sleep 60
`)
}

func TestRequestDeadlineKillsASlowVale(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	pids := t.TempDir()
	s, ts := newTestServer(t, Config{Engine: engine.Options{ValeBin: pidVale(t, pids)}, Timeout: time.Second, BatchWait: -1})
	start := time.Now()
	resp := post(t, ts, checkBody(t, "The council met on Monday.", map[string]any{"path": "slow.txt"}))
	e := errorOf(t, resp)
	if resp.StatusCode != http.StatusGatewayTimeout || e.Code != codeTimeout {
		t.Fatalf("got %d %+v, want 504 timeout", resp.StatusCode, e)
	}
	t.Logf("answered after %v", time.Since(start))
	data, err := os.ReadFile(filepath.Join(pids, "slow.txt.pid"))
	if err != nil {
		t.Fatalf("the fake Vale never ran: %v", err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, fmt.Sprintf("Vale process %d to be killed", pid), 15*time.Second, func() bool {
		return syscall.Kill(pid, 0) == syscall.ESRCH
	})
	waitFor(t, "the temporary copy of the text to be removed", 15*time.Second, func() bool {
		return len(copydeskTemps(t, tmp)) == 0 || onlyProbe(t, tmp)
	})
	waitFor(t, "the run to be counted as cancelled", 5*time.Second, func() bool {
		return strings.Contains(metricsText(t, ts), `copydesk_vale_runs_total{outcome="cancelled",phase="check"} 1`)
	})
	// stopping the server kills the readiness probe's Vale too, and waits
	// for its clean-up
	s.Close()
	if left := copydeskTemps(t, tmp); len(left) != 0 {
		t.Errorf("temporary folders left after Close: %v", left)
	}
}

// copydeskTemps lists the engine's temporary folders in dir.
func copydeskTemps(t *testing.T, dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "copydesk-") {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	return out
}

// onlyProbe: the folders left belong to the readiness probe, which is
// still running against the sleeping fake Vale.
func onlyProbe(t *testing.T, dir string) bool {
	for _, d := range copydeskTemps(t, dir) {
		matches, _ := filepath.Glob(filepath.Join(d, "*", "*"))
		for _, m := range matches {
			if filepath.Base(m) != "readiness.txt" {
				return false
			}
		}
	}
	return true
}

func TestFullQueueAnswers503WithRetryAfter(t *testing.T) {
	slow := fakeVale(t, "sleep 1.5\necho '{}'\n")
	s, ts := newTestServer(t, Config{Engine: engine.Options{ValeBin: slow}, MaxConcurrent: 1, Queue: 1, QueueWait: 300 * time.Millisecond, BatchWait: -1, Timeout: 30 * time.Second})
	body := checkBody(t, "The council met on Monday.", nil)
	var wg sync.WaitGroup
	codes := make(chan int, 2)
	send := func() {
		defer wg.Done()
		resp := post(t, ts, body)
		resp.Body.Close()
		codes <- resp.StatusCode
	}
	wg.Add(1)
	go send() // A takes the only slot
	waitFor(t, "the first check to take the slot", 10*time.Second, func() bool { r, _ := s.lim.inUse(); return r == 1 })
	wg.Add(1)
	go send() // B waits in the queue
	waitFor(t, "the second check to queue", 10*time.Second, func() bool { _, w := s.lim.inUse(); return w == 1 })
	// C finds the queue full
	resp := post(t, ts, body)
	e := errorOf(t, resp)
	if resp.StatusCode != 503 || e.Code != codeOverloaded || resp.Header.Get("Retry-After") == "" {
		t.Errorf("queue full: %d %+v Retry-After %q", resp.StatusCode, e, resp.Header.Get("Retry-After"))
	}
	wg.Wait()
	close(codes)
	got := map[int]int{}
	for c := range codes {
		got[c]++
	}
	// A is answered; B gave up after the queue wait (300 ms < 1.5 s)
	if got[200] != 1 || got[503] != 1 {
		t.Errorf("A and B: %v, want one 200 and one 503", got)
	}
	// and then the server serves again
	resp = post(t, ts, body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("after the rush: %d", resp.StatusCode)
	}
	if m := metricsText(t, ts); !strings.Contains(m, `copydesk_check_rejected_total{reason="overloaded"} 2`) {
		t.Errorf("rejections not counted:\n%s", grepLines(m, "copydesk_check_rejected"))
	}
}

func TestTempFilesArePrivateAndRemoved(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	modes := filepath.Join(t.TempDir(), "modes")
	spy := fakeVale(t, `for a; do last="$a"; done
d=$(dirname "$last")
stat -c '%a %n' "$last" "$d" "$(dirname "$d")" >> "`+modes+`"
echo '{}'
`)
	s, ts := newTestServer(t, Config{Engine: engine.Options{ValeBin: spy}})
	waitReady(t, s)
	os.Remove(modes)
	resp := post(t, ts, checkBody(t, "The council met on Monday.", map[string]any{"path": "private.txt"}))
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	data, err := os.ReadFile(modes)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != 3 {
		t.Fatalf("stat output: %q", data)
	}
	for i, want := range []string{"600", "700", "700"} {
		if !strings.HasPrefix(lines[i], want+" ") {
			t.Errorf("%s: want mode %s", lines[i], want)
		}
	}
	if !strings.HasSuffix(lines[0], "/private.txt") || !strings.Contains(lines[2], "/copydesk-") {
		t.Errorf("unexpected temporary paths: %q", lines)
	}
	if left := copydeskTemps(t, tmp); len(left) != 0 {
		t.Errorf("temporary folders left behind: %v", left)
	}
}

func TestRealValeLeavesNoTempFiles(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	s, ts := newTestServer(t, Config{Engine: engine.Options{ValeBin: realVale(t)}})
	waitReady(t, s)
	resp := post(t, ts, checkBody(t, story, nil))
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if left := copydeskTemps(t, tmp); len(left) != 0 {
		t.Errorf("temporary folders left behind: %v", left)
	}
}

func TestLimiterGivesSlotsBack(t *testing.T) {
	l := newLimiter(2, 1, 50*time.Millisecond)
	r1, err1 := l.acquire(context.Background())
	r2, err2 := l.acquire(context.Background())
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if _, err := l.acquire(context.Background()); !errors.Is(err, errQueueWait) {
		t.Errorf("third: %v, want a queue-wait error", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := l.acquire(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	r1()
	r3, err := l.acquire(context.Background())
	if err != nil {
		t.Fatalf("after a release: %v", err)
	}
	r2()
	r3()
	if r, w := l.inUse(); r != 0 || w != 0 {
		t.Errorf("in use: %d %d", r, w)
	}
}
