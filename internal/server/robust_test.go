package server

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/copydesk/copydesk/internal/engine"
)

func TestPanicInAHandlerAnswers500AndTheServerGoesOn(t *testing.T) {
	s, ts := newTestServer(t, noVale())
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/boom", nil)
	s.observe("/boom", rec, req, func(w http.ResponseWriter, r *http.Request) { panic("boom") })
	if rec.Code != 500 || !strings.Contains(rec.Body.String(), `"code":"internal"`) {
		t.Errorf("panic answered %d %q", rec.Code, rec.Body.String())
	}
	resp := post(t, ts, checkBody(t, "The the cat.", nil))
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("after a panic: %d", resp.StatusCode)
	}
	if m := metricsText(t, ts); !strings.Contains(m, `copydesk_http_requests_total{code="500",route="/boom"} 1`) {
		t.Errorf("the 500 is not counted:\n%s", grepLines(m, "copydesk_http_requests_total"))
	}
}

// A batch that fails because of one input is run again one input at a
// time: the others still get their answers.
func TestOneBadInputDoesNotFailItsBatch(t *testing.T) {
	var mu sync.Mutex
	var sizes []int
	b := &batcher{
		wait: 100 * time.Millisecond, maxItems: 10, maxBytes: 1 << 20, base: context.Background(), runs: make(chan struct{}, 2), wg: &sync.WaitGroup{},
		open: map[*engine.Engine]*batch{},
		log:  func(string, ...any) {},
		run: func(ctx context.Context, eng *engine.Engine, inputs []engine.Input) ([]engine.FixResult, error) {
			mu.Lock()
			sizes = append(sizes, len(inputs))
			mu.Unlock()
			out := make([]engine.FixResult, len(inputs))
			for i, in := range inputs {
				if strings.Contains(in.Text, "BOOM") {
					panic("cannot read " + in.Text)
				}
				out[i].Input = in
				out[i].Fixed = strings.ToUpper(in.Text)
			}
			return out, nil
		},
	}
	eng := engine.New(engine.Options{NoVale: true})
	texts := []string{"one", "BOOM", "three"}
	got := make([]outcome, len(texts))
	var wg sync.WaitGroup
	for i, text := range texts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = b.submit(context.Background(), eng, engine.Input{Text: text})
		}()
	}
	wg.Wait()
	var pe *panicError
	if !errors.As(got[1].err, &pe) {
		t.Errorf("the bad input: %+v", got[1])
	}
	for _, i := range []int{0, 2} {
		if got[i].err != nil || got[i].res.Fixed != strings.ToUpper(texts[i]) {
			t.Errorf("input %q: %+v", texts[i], got[i])
		}
	}
	if len(sizes) != 4 || sizes[0] != 3 {
		t.Errorf("runs: %v, want one batch of 3 then three single runs", sizes)
	}
}

func TestBatchRunsUntilItsLastRequestGivesUp(t *testing.T) {
	started := make(chan struct{})
	stopped := make(chan error, 1)
	b := &batcher{
		wait: 50 * time.Millisecond, maxItems: 10, maxBytes: 1 << 20, base: context.Background(), runs: make(chan struct{}, 1), wg: &sync.WaitGroup{},
		open: map[*engine.Engine]*batch{}, log: func(string, ...any) {},
		run: func(ctx context.Context, eng *engine.Engine, inputs []engine.Input) ([]engine.FixResult, error) {
			close(started)
			<-ctx.Done()
			stopped <- ctx.Err()
			return nil, ctx.Err()
		},
	}
	eng := engine.New(engine.Options{NoVale: true})
	short, cancelShort := context.WithCancel(context.Background())
	long, cancelLong := context.WithCancel(context.Background())
	defer cancelShort()
	defer cancelLong()
	var wg sync.WaitGroup
	for _, ctx := range []context.Context{short, long} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b.submit(ctx, eng, engine.Input{Text: "x"})
		}()
	}
	<-started
	cancelShort()
	select {
	case <-stopped:
		t.Fatal("the batch was stopped while one of its requests still waited")
	case <-time.After(200 * time.Millisecond):
	}
	cancelLong()
	select {
	case err := <-stopped:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("stopped with %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the batch went on after every request gave up")
	}
	wg.Wait()
}

func TestMetricsCountRequestsFindingsAndRuns(t *testing.T) {
	_, ts := newTestServer(t, noVale())
	resp := post(t, ts, checkBody(t, "The the cat sat.", nil))
	resp.Body.Close()
	m := metricsText(t, ts)
	for _, want := range []string{
		`copydesk_http_requests_total{code="200",route="/v1/check"} 1`,
		`copydesk_http_request_duration_seconds_count{route="/v1/check"} 1`,
		`copydesk_findings_total{rule="Copy.DoubledWord"} 1`,
		`copydesk_http_requests_in_flight 1`, // this scrape
		`copydesk_vale_runs_total{outcome="ok",phase="check"} 1`,
		`copydesk_vale_runs_total{outcome="ok",phase="fix"} 1`,
		`copydesk_vale_run_duration_seconds_count{phase="check"} 1`,
		`copydesk_batch_size_count 1`,
		`process_resident_memory_bytes`,
		`go_goroutines`,
	} {
		if !strings.Contains(m, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	// unknown paths share one label
	for _, p := range []string{"/a", "/b", "/c"} {
		r, _ := ts.Client().Get(ts.URL + p)
		r.Body.Close()
	}
	if m := metricsText(t, ts); !strings.Contains(m, `copydesk_http_requests_total{code="404",route="other"} 3`) {
		t.Errorf("unknown paths:\n%s", grepLines(m, "copydesk_http_requests_total"))
	}
}

func TestReadinessReportsValeState(t *testing.T) {
	get := func(ts *httptest.Server) (int, map[string]string) {
		resp, err := ts.Client().Get(ts.URL + "/readyz")
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		decode(t, resp, &m)
		return resp.StatusCode, m
	}
	t.Run("working", func(t *testing.T) {
		s, ts := newTestServer(t, Config{Engine: engine.Options{ValeBin: realVale(t)}})
		waitReady(t, s)
		if code, m := get(ts); code != 200 || m["status"] != "ready" {
			t.Errorf("%d %v", code, m)
		}
	})
	t.Run("broken", func(t *testing.T) {
		broken := fakeVale(t, `echo '{"Code":"E201","Text":"Runtime error: style Missing does not exist"}' >&2; exit 2`)
		s, ts := newTestServer(t, Config{Engine: engine.Options{ValeBin: broken}})
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := s.WaitReady(ctx); err == nil {
			t.Fatal("a failing Vale reported ready")
		}
		code, m := get(ts)
		if code != 503 || !strings.Contains(m["reason"], "style Missing does not exist") {
			t.Errorf("%d %v", code, m)
		}
		resp := post(t, ts, checkBody(t, "The cat.", nil))
		if e := errorOf(t, resp); resp.StatusCode != 500 || e.Code != codeValeFailed {
			t.Errorf("check with a broken Vale: %d %+v", resp.StatusCode, e)
		}
		if r, _ := ts.Client().Get(ts.URL + "/healthz"); r.StatusCode != 200 {
			t.Errorf("liveness follows readiness: %d", r.StatusCode)
		}
	})
	t.Run("missing", func(t *testing.T) {
		s, ts := newTestServer(t, Config{Engine: engine.Options{ValeBin: "/nonexistent/vale"}})
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		_ = s.WaitReady(ctx)
		code, m := get(ts)
		if code != 503 || !strings.Contains(m["reason"], "not available") {
			t.Errorf("%d %v", code, m)
		}
		resp := post(t, ts, checkBody(t, "The cat.", nil))
		if e := errorOf(t, resp); resp.StatusCode != 503 || e.Code != codeValeUnavailable || resp.Header.Get("Retry-After") == "" {
			t.Errorf("check without Vale: %d %+v", resp.StatusCode, e)
		}
	})
}

// FuzzCheckBody: whatever the body, the answer is JSON and never a 500.
func FuzzCheckBody(f *testing.F) {
	for _, seed := range []string{
		`{"text": "The the cat."}`,
		`{"text": "# T\n\n<b>x</b> &nbsp; [caption]", "format": "md"}`,
		`{"text": "<p>The the <i>cat</i></p><script>x</script>", "format": "html"}`,
		`{"text": "“Unclosed quote and ‘nested’ one", "lang": "en-GB", "categories": ["punctuation"]}`,
		`{"text": "a\r\n\r\nb\u2028c", "path": "../../etc/passwd"}`,
		`{"text": "` + strings.Repeat("word ", 50) + `"}`,
		`{"text": 1}`, `[]`, `{"text": "\ud800"}`, `{"text":"a"}}`, "\xff\xfe",
	} {
		f.Add(seed)
	}
	cfg := noVale()
	cfg.ConfigDir = f.TempDir()
	cfg.Logger = quietLogger(nil)
	s, err := New(cfg)
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(s.Close)
	f.Fuzz(func(t *testing.T, body string) {
		req := httptest.NewRequest("POST", "/v1/check", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%q: status %d %s", body, rec.Code, rec.Body.String())
		}
		if !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") || !strings.HasPrefix(rec.Body.String(), "{") {
			t.Fatalf("%q: not a JSON answer: %q", body, rec.Body.String())
		}
	})
}

// While the engine slots are busy, new checks gather in the next batch,
// and no more than the allowed number of runs go at once.
func TestBatchesGrowWhileTheSlotsAreBusy(t *testing.T) {
	release := make(chan struct{})
	var mu sync.Mutex
	var sizes []int
	running, most := 0, 0
	b := &batcher{
		wait: time.Millisecond, maxItems: 10, maxBytes: 1 << 20, base: context.Background(), runs: make(chan struct{}, 1), wg: &sync.WaitGroup{},
		open: map[*engine.Engine]*batch{}, log: func(string, ...any) {},
		run: func(ctx context.Context, eng *engine.Engine, inputs []engine.Input) ([]engine.FixResult, error) {
			mu.Lock()
			sizes = append(sizes, len(inputs))
			running++
			most = max(most, running)
			mu.Unlock()
			<-release
			mu.Lock()
			running--
			mu.Unlock()
			return make([]engine.FixResult, len(inputs)), nil
		},
	}
	eng := engine.New(engine.Options{NoVale: true})
	var wg sync.WaitGroup
	submit := func() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if o := b.submit(context.Background(), eng, engine.Input{Text: "x"}); o.err != nil {
				t.Error(o.err)
			}
		}()
	}
	submit()
	waitFor(t, "the first run", 10*time.Second, func() bool { mu.Lock(); defer mu.Unlock(); return len(sizes) == 1 })
	for i := 0; i < 5; i++ {
		submit()
	}
	// the five gather in one batch that waits for the slot
	waitFor(t, "five checks in the next batch", 10*time.Second, func() bool {
		b.mu.Lock()
		defer b.mu.Unlock()
		bt := b.open[eng]
		return bt != nil && len(bt.jobs) == 5
	})
	close(release)
	wg.Wait()
	if len(sizes) != 2 || sizes[0] != 1 || sizes[1] != 5 || most != 1 {
		t.Errorf("runs %v, at most %d at once; want [1 5] and 1", sizes, most)
	}
}
