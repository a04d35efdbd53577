package server

import (
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/internal/engine"
)

// benchStory is a 5 KB story from the canary articles with a doubled word.
func benchStory(b *testing.B) string {
	files, _ := filepath.Glob("../../testdata/canary/*.txt")
	sort.Strings(files)
	var parts []string
	n := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		parts = append(parts, strings.TrimSpace(string(data)))
		if n += len(data); n >= 5000 {
			break
		}
	}
	return strings.Replace(strings.Join(parts, "\n\n")+"\n", " the ", " the the ", 1)
}

func benchCheck(b *testing.B, cfg Config, parallel bool) {
	cfg.ConfigDir = b.TempDir()
	cfg.Logger = quietLogger(nil)
	s, err := New(cfg)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	body, _ := json.Marshal(map[string]string{"text": benchStory(b)})
	one := func() {
		req := httptest.NewRequest("POST", "/v1/check", strings.NewReader(string(body)))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("status %d: %s", rec.Code, rec.Body.String())
		}
	}
	one() // dictionaries and styles loaded before timing
	b.SetBytes(int64(len(body)))
	b.ResetTimer()
	if !parallel {
		for i := 0; i < b.N; i++ {
			one()
		}
		return
	}
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			one()
		}
	})
}

// The Go rules alone: the part of a check that is not Vale.
func BenchmarkCheckGoRulesOnly(b *testing.B) {
	benchCheck(b, Config{Engine: engine.Options{NoVale: true}}, false)
}

// One client at a time, with the real Vale: every check pays Vale's start-up.
func BenchmarkCheckWithValeOneClient(b *testing.B) {
	benchCheck(b, Config{Engine: engine.Options{ValeBin: realVale(b)}, GoRecheck: true}, false)
}

// 16 clients per CPU, with the real Vale: checks share Vale runs.
func BenchmarkCheckWithValeManyClients(b *testing.B) {
	b.SetParallelism(16)
	benchCheck(b, Config{Engine: engine.Options{ValeBin: realVale(b)}, GoRecheck: true}, true)
}
