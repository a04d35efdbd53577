// Command copydesk-load measures a running `copydesk serve`: it posts
// stories to /v1/check from a number of concurrent clients and reports
// throughput, latency percentiles and, given the server's process id, its
// peak memory (with its Vale children).
//
//	copydesk-load -url http://127.0.0.1:8080 -c 8 -n 400 -stories testdata/canary -size 5000 -pid 1234
//
// It only sends to loopback addresses, stops after -n requests or -duration,
// whichever comes first, and never retries.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "copydesk-load:", err)
		os.Exit(2)
	}
}

func run(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("copydesk-load", flag.ContinueOnError)
	target := fs.String("url", "http://127.0.0.1:8080", "base URL of copydesk serve (loopback only)")
	conc := fs.Int("c", 8, "concurrent clients")
	total := fs.Int("n", 200, "requests to send")
	limit := fs.Duration("duration", 2*time.Minute, "stop sending after this long")
	dir := fs.String("stories", "testdata/canary", "folder of .txt articles to build stories from")
	size := fs.Int("size", 5000, "approximate bytes per story (articles are joined to reach it)")
	tokenFile := fs.String("token-file", "", "file holding the bearer token")
	pid := fs.Int("pid", 0, "process id of the server, to sample its memory and its children's")
	warm := fs.Int("warmup", 0, "requests sent first, one at a time, and not counted")
	if err := fs.Parse(args); err != nil {
		return err
	}
	u, err := url.Parse(*target)
	if err != nil {
		return err
	}
	if !loopback(u.Hostname()) {
		return fmt.Errorf("%s is not a loopback address; this tool only loads a server on this machine", u.Hostname())
	}
	if *conc < 1 || *total < 1 {
		return errors.New("-c and -n must be positive")
	}
	stories, err := buildStories(*dir, *size)
	if err != nil {
		return err
	}
	token := ""
	if *tokenFile != "" {
		data, err := os.ReadFile(*tokenFile)
		if err != nil {
			return err
		}
		token = strings.TrimSpace(string(data))
	}
	client := &http.Client{
		Timeout:   60 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: *conc, MaxConnsPerHost: *conc},
	}
	send := func(body []byte) (int, error) {
		req, err := http.NewRequest("POST", strings.TrimRight(*target, "/")+"/v1/check", bytes.NewReader(body))
		if err != nil {
			return 0, err
		}
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := client.Do(req)
		if err != nil {
			return 0, err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode, nil
	}
	for i := 0; i < *warm; i++ {
		if _, err := send(stories[i%len(stories)]); err != nil {
			return fmt.Errorf("warm-up: %v", err)
		}
	}

	var sampler *rssSampler
	var cpu0 float64
	if *pid > 0 {
		sampler = startSampler(*pid)
		cpu0 = cpuSeconds(*pid)
	}
	var (
		next      atomic.Int64
		mu        sync.Mutex
		latencies []time.Duration
		codes     = map[string]int{}
		wg        sync.WaitGroup
	)
	start := time.Now()
	stopAt := start.Add(*limit)
	for w := 0; w < *conc; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(*total) || time.Now().After(stopAt) {
					return
				}
				t0 := time.Now()
				code, err := send(stories[int(i)%len(stories)])
				d := time.Since(t0)
				key := strconv.Itoa(code)
				if err != nil {
					key = "transport error"
				}
				mu.Lock()
				codes[key]++
				if code == http.StatusOK {
					latencies = append(latencies, d)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	var peakSelf, peakAll int64
	var cpu float64
	if sampler != nil {
		peakSelf, peakAll = sampler.stop()
		time.Sleep(50 * time.Millisecond) // let the last Vale be reaped
		cpu = cpuSeconds(*pid) - cpu0
	}

	sort.Slice(latencies, func(i, j int) bool { return latencies[i] < latencies[j] })
	sent := 0
	for _, n := range codes {
		sent += n
	}
	fmt.Fprintf(out, "stories: %d of about %d bytes; clients: %d; requests: %d in %.2fs\n", len(stories), *size, *conc, sent, elapsed.Seconds())
	var keys []string
	for k := range codes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(out, "  status %s: %d\n", k, codes[k])
	}
	fmt.Fprintf(out, "throughput: %.2f checks/s (answered 200)\n", float64(len(latencies))/elapsed.Seconds())
	if len(latencies) > 0 {
		fmt.Fprintf(out, "latency: p50 %s  p90 %s  p99 %s  max %s\n",
			ms(pct(latencies, 50)), ms(pct(latencies, 90)), ms(pct(latencies, 99)), ms(latencies[len(latencies)-1]))
	}
	if sampler != nil {
		fmt.Fprintf(out, "peak RSS: server %.1f MiB; server with its Vale processes %.1f MiB\n", float64(peakSelf)/(1<<20), float64(peakAll)/(1<<20))
		if sent > 0 {
			fmt.Fprintf(out, "CPU: %.2fs for the server and its Vale processes, %.0fms per check\n", cpu, cpu*1000/float64(sent))
		}
	}
	return nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.0fms", float64(d.Microseconds())/1000) }

// pct is the nearest-rank percentile of sorted durations.
func pct(sorted []time.Duration, p int) time.Duration {
	k := (p*len(sorted) + 99) / 100
	return sorted[max(0, min(len(sorted)-1, k-1))]
}

func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// buildStories joins consecutive articles until each story reaches size
// bytes, and puts a few typical slips in each (a doubled word, a space
// before a comma, a misspelling) so that the fix path runs too. Each body
// is a ready JSON request.
func buildStories(dir string, size int) ([][]byte, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var articles []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		articles = append(articles, strings.TrimSpace(string(data)))
	}
	if len(articles) == 0 {
		return nil, fmt.Errorf("no .txt articles in %s", dir)
	}
	var out [][]byte
	for i := range articles {
		var parts []string
		n := 0
		for j := i; n < size; j++ {
			a := articles[j%len(articles)]
			parts = append(parts, a)
			n += len(a) + 2
			if j-i > 1000 {
				break
			}
		}
		text := strings.Join(parts, "\n\n") + "\n"
		text = strings.Replace(text, " the ", " the the ", 1)
		text = strings.Replace(text, ", ", " , ", 1)
		text = strings.Replace(text, " said ", " siad ", 1)
		body, err := json.Marshal(map[string]string{"text": text, "path": fmt.Sprintf("story-%02d.txt", i)})
		if err != nil {
			return nil, err
		}
		out = append(out, body)
	}
	return out, nil
}

// rssSampler samples the resident memory of a process and of its children
// every 20 ms, keeping the peaks.
type rssSampler struct {
	pid      int
	done     chan struct{}
	finished chan struct{}
	self     int64
	all      int64
}

func startSampler(pid int) *rssSampler {
	s := &rssSampler{pid: pid, done: make(chan struct{}), finished: make(chan struct{})}
	go func() {
		defer close(s.finished)
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			self := rss(pid)
			all := self
			for _, c := range children(pid) {
				all += rss(c)
			}
			s.self, s.all = max(s.self, self), max(s.all, all)
			select {
			case <-s.done:
				return
			case <-t.C:
			}
		}
	}()
	return s
}

func (s *rssSampler) stop() (int64, int64) {
	close(s.done)
	<-s.finished
	return s.self, s.all
}

// rss reads VmRSS from /proc (Linux), in bytes.
func rss(pid int) int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			f := strings.Fields(v)
			if len(f) > 0 {
				kb, _ := strconv.ParseInt(f[0], 10, 64)
				return kb << 10
			}
		}
	}
	return 0
}

// cpuSeconds is the CPU time of a process and of its children that it has
// waited for (utime, stime, cutime, cstime in /proc/PID/stat).
func cpuSeconds(pid int) float64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// the command name may hold spaces: fields start after the last ')'
	s := string(data)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 15 {
		return 0
	}
	var ticks float64
	for _, i := range []int{11, 12, 13, 14} { // fields 14-17, counted from field 3
		v, _ := strconv.ParseFloat(f[i], 64)
		ticks += v
	}
	return ticks / 100 // USER_HZ is 100 on Linux
}

// children lists the processes whose parent is pid.
func children(pid int) []int {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%d/children", pid, pid))
	if err == nil {
		var out []int
		for _, f := range strings.Fields(string(data)) {
			if c, err := strconv.Atoi(f); err == nil {
				out = append(out, c)
			}
		}
		// threads other than the main one start children too
		tasks, _ := os.ReadDir(fmt.Sprintf("/proc/%d/task", pid))
		for _, t := range tasks {
			if t.Name() == strconv.Itoa(pid) {
				continue
			}
			more, _ := os.ReadFile(fmt.Sprintf("/proc/%d/task/%s/children", pid, t.Name()))
			for _, f := range strings.Fields(string(more)) {
				if c, err := strconv.Atoi(f); err == nil {
					out = append(out, c)
				}
			}
		}
		return out
	}
	return nil
}
