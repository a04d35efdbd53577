package main

import (
	"bytes"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/copydesk/copydesk/internal/engine"
	"github.com/copydesk/copydesk/internal/server"
)

func TestLoadAgainstARealServer(t *testing.T) {
	s, err := server.New(server.Config{Engine: engine.Options{NoVale: true}, ConfigDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ts := httptest.NewServer(s)
	defer ts.Close()
	var out bytes.Buffer
	if err := run([]string{"-url", ts.URL, "-c", "4", "-n", "20", "-stories", "../../testdata/canary", "-size", "3000"}, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"requests: 20 in", "status 200: 20", "latency: p50"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestLoadSendsOnlyToLoopback(t *testing.T) {
	for _, u := range []string{"http://192.0.2.1:8080", "http://example.com"} {
		err := run([]string{"-url", u, "-n", "1", "-stories", "../../testdata/canary"}, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), "loopback") {
			t.Errorf("%s: %v", u, err)
		}
	}
}

func TestStoriesCarrySlipsAndReachTheSize(t *testing.T) {
	stories, err := buildStories("../../testdata/canary", 5000)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stories {
		if len(s) < 5000 || !bytes.Contains(s, []byte(" the the ")) {
			t.Errorf("story of %d bytes, doubled word %v", len(s), bytes.Contains(s, []byte(" the the ")))
		}
	}
}

func TestPercentileIsNearestRank(t *testing.T) {
	var d []time.Duration
	for i := 1; i <= 100; i++ {
		d = append(d, time.Duration(i))
	}
	if pct(d, 50) != 50 || pct(d, 99) != 99 || pct(d[:1], 99) != 1 {
		t.Errorf("p50 %v p99 %v", pct(d, 50), pct(d, 99))
	}
}
