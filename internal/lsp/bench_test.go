package lsp

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

func readArticle(tb testing.TB) string {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "article.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	return string(data)
}

// BenchmarkDidChangeToDiagnostics measures, on a 5 KB article and with the
// default debounce of the Go rules, the time from sending a one-character
// didChange to receiving the publishDiagnostics for that version (Go rules
// only). "isolated" edits come 150 ms apart, as a pause in typing; "burst"
// sends each edit as soon as the previous diagnostics arrive, as fast
// typing does, and so waits out the debounce.
func BenchmarkDidChangeToDiagnostics(b *testing.B) {
	for _, mode := range []struct {
		name string
		gap  time.Duration
	}{{"isolated", 150 * time.Millisecond}, {"burst", 0}} {
		b.Run(mode.name, func(b *testing.B) {
			c := startClient(b, clientOptions{init: noVale()})
			uri := pathURI(filepath.Join(c.root, "article.txt"))
			text := readArticle(b)
			c.open(uri, "plaintext", text)
			c.waitPub(uri, wait, atVersion(1))
			at := Position{Line: 6, Character: 4} // in the body, before the doubled word
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				v := int32(i + 2)
				var ch TextDocumentContentChangeEvent
				if i%2 == 0 {
					r := Range{Start: at, End: at}
					ch = TextDocumentContentChangeEvent{Range: &r, Text: "x"}
				} else {
					r := Range{Start: at, End: Position{Line: at.Line, Character: at.Character + 1}}
					ch = TextDocumentContentChangeEvent{Range: &r, Text: ""}
				}
				n := len(c.publications(uri))
				start := time.Now()
				c.change(uri, v, ch)
				p := c.waitPubFrom(uri, n, wait, atVersion(v))
				lat = append(lat, time.Since(start))
				if len(find(p, "Copy.DoubledWord")) != 1 {
					b.Fatalf("v%d: %s", v, describePub(p))
				}
				if mode.gap > 0 {
					b.StopTimer()
					time.Sleep(mode.gap)
					b.StartTimer()
				}
			}
			b.StopTimer()
			sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
			q := func(f float64) float64 {
				return float64(lat[min(len(lat)-1, int(f*float64(len(lat))))].Microseconds()) / 1000
			}
			b.ReportMetric(q(0.5), "p50-ms")
			b.ReportMetric(q(0.99), "p99-ms")
			b.ReportMetric(q(1), "max-ms")
		})
	}
}

// BenchmarkServerMemory100Docs reports the resident memory of the server
// process with 100 different 5 KB documents open and checked, with the Go
// rules alone and with Vale (whose processes are not counted: they end
// after each run).
func BenchmarkServerMemory100Docs(b *testing.B) {
	for _, mode := range []struct {
		name     string
		docs     int
		withVale bool
	}{{"go-rules/1-doc", 1, false}, {"go-rules/100-docs", 100, false}, {"with-vale/1-doc", 1, true}, {"with-vale/100-docs", 100, true}} {
		init := map[string]any{"noVale": true}
		withVale := mode.withVale
		if withVale {
			init = map[string]any{"valePath": valeBin(b)}
		}
		b.Run(mode.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				c := startClient(b, clientOptions{init: init})
				text := readArticle(b)
				var uris []string
				for d := 0; d < mode.docs; d++ {
					uri := pathURI(filepath.Join(c.root, fmt.Sprintf("story%03d.txt", d)))
					uris = append(uris, uri)
					// each document different, as a newsroom's are
					c.open(uri, "plaintext", strings.Replace(text, "PORT ALDER", fmt.Sprintf("PORT ALDER %d", d), 1))
				}
				for _, uri := range uris {
					c.waitPub(uri, 3*wait, func(p PublishDiagnosticsParams) bool {
						return atVersion(1)(p) && (!withVale || hasValeFinding(p))
					})
				}
				rss := processRSS(b, c.cmd.Process.Pid)
				b.ReportMetric(float64(rss)/(1<<20), "MB-rss")
				c.shutdownAndExit()
			}
		})
	}
}

func hasValeFinding(p PublishDiagnosticsParams) bool {
	for _, d := range p.Diagnostics {
		if !strings.HasPrefix(d.Code, "Copy.") {
			return true
		}
	}
	return false
}

// processRSS reads a process's resident set size from /proc (Linux).
func processRSS(tb testing.TB, pid int) int64 {
	tb.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		tb.Skipf("no /proc: %v", err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			f := strings.Fields(rest)
			kb, err := strconv.ParseInt(f[0], 10, 64)
			if err != nil {
				tb.Fatal(err)
			}
			return kb << 10
		}
	}
	tb.Fatal("no VmRSS")
	return 0
}
