package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/copydesk/copydesk/internal/core"
	"github.com/copydesk/copydesk/internal/engine"
	"github.com/copydesk/copydesk/internal/render"
)

const story = `Council approves budget

By Maria Lopez

SPRINGFIELD — The city council approved the the budget on Monday , officials said.

The end-year review recieved little attention.

Advertisement

"We did what we had to do," the mayor said.
`

const storyFixed = `Council approves budget

By Maria Lopez

SPRINGFIELD — The city council approved the budget on Monday, officials said.

The year-end review received little attention.

"We did what we had to do," the mayor said.
`

func TestCheckGivesTheCLIFindingsTheFixedTextAndADiffThatApplies(t *testing.T) {
	bin := realVale(t)
	s, ts := newTestServer(t, Config{Engine: engine.Options{ValeBin: bin}})
	resp := post(t, ts, checkBody(t, story, map[string]any{"path": "city/budget.txt"}))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %+v", resp.StatusCode, errorOf(t, resp))
	}
	var got checkResponse
	decode(t, resp, &got)

	// the same findings as the command line's jsonl, without the path
	eng := engine.New(engine.Options{ValeBin: bin})
	res, err := eng.Check(context.Background(), []engine.Input{{Path: "budget.txt", Text: story, ConfigFrom: s.configFrom}})
	if err != nil {
		t.Fatal(err)
	}
	var jsonl bytes.Buffer
	if err := render.JSONL(&jsonl, []render.File{{Path: "budget.txt", Doc: res[0].Doc, Findings: res[0].Findings}}); err != nil {
		t.Fatal(err)
	}
	var want []map[string]any
	sc := bufio.NewScanner(&jsonl)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		delete(m, "path")
		want = append(want, m)
	}
	var gotMaps []map[string]any
	raw, _ := json.Marshal(got.Findings)
	_ = json.Unmarshal(raw, &gotMaps)
	if !reflect.DeepEqual(gotMaps, want) {
		t.Errorf("findings differ from the jsonl output:\n got %v\nwant %v", gotMaps, want)
	}
	rules := map[string]bool{}
	for _, f := range got.Findings {
		rules[f.Rule] = true
		if story[f.Start:f.End] == "" && f.Rule != "Copy.CMSLeftover" {
			t.Errorf("empty span for %s", f.Rule)
		}
	}
	for _, r := range []string{"Copy.DoubledWord", "Copy.Spacing", "Copy.Misspelling", "Copy.CMSLeftover", "News.YearEnd"} {
		if !rules[r] {
			t.Errorf("no %s finding (Vale's News.YearEnd proves Vale ran): %v", r, rules)
		}
	}
	if got.Fixed != storyFixed {
		t.Errorf("fixed text:\n%s\nwant:\n%s", got.Fixed, storyFixed)
	}
	if !strings.HasPrefix(got.Diff, "--- a/city/budget.txt\n+++ b/city/budget.txt\n") {
		t.Errorf("diff header: %q", got.Diff)
	}
	// the diff applies to the original and gives the fixed text
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "city"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "city", "budget.txt"), []byte(story), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("patch", "-p1", "--quiet")
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(got.Diff)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("patch: %v: %s", err, out)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "city", "budget.txt"))
	if string(after) != got.Fixed {
		t.Errorf("patched file differs from fixed:\n%s", after)
	}
}

func TestCleanStoryHasNoDiff(t *testing.T) {
	_, ts := newTestServer(t, noVale())
	resp := post(t, ts, checkBody(t, storyFixed, nil))
	var got checkResponse
	decode(t, resp, &got)
	if resp.StatusCode != 200 || got.Diff != "" || got.Fixed != storyFixed || got.Findings == nil {
		t.Errorf("status %d, diff %q, findings %v", resp.StatusCode, got.Diff, got.Findings)
	}
}

func TestRequestSettingsSteerTheCheck(t *testing.T) {
	_, ts := newTestServer(t, noVale())
	var only checkResponse
	decode(t, post(t, ts, checkBody(t, story, map[string]any{"categories": []string{"repetition"}})), &only)
	if len(only.Findings) != 1 || only.Findings[0].Rule != "Copy.DoubledWord" {
		t.Errorf("categories [repetition]: %+v", only.Findings)
	}
	if strings.Contains(only.Fixed, "the the") || !strings.Contains(only.Fixed, "recieved") {
		t.Errorf("only the repetition should be fixed: %q", only.Fixed)
	}
	var errs checkResponse
	decode(t, post(t, ts, checkBody(t, story, map[string]any{"min_severity": "error"})), &errs)
	for _, f := range errs.Findings {
		if f.Severity != "error" {
			t.Errorf("min_severity error let through %+v", f)
		}
	}
	if len(errs.Findings) == 0 {
		t.Error("min_severity error dropped everything")
	}
	// the format is taken from the path when not given
	var md checkResponse
	decode(t, post(t, ts, checkBody(t, "# Title\n\nThe the `the the` code.\n", map[string]any{"path": "a.md"})), &md)
	if len(md.Findings) != 1 || md.Findings[0].Start != len("# Title\n\n") {
		t.Errorf("markdown: %+v", md.Findings)
	}
}

func TestFiftyConcurrentChecksAreAllAnsweredWithTheirOwnText(t *testing.T) {
	bin := realVale(t)
	s, ts := newTestServer(t, Config{Engine: engine.Options{ValeBin: bin}, MaxConcurrent: 16, Queue: 64, QueueWait: 60e9, Timeout: 120e9})
	const n = 50
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			text := fmt.Sprintf("Story %d\n\nThe council met on Monday and and voted %d to 2 on the end-year plan.\n", i, i+3)
			want := fmt.Sprintf("Story %d\n\nThe council met on Monday and voted %d to 2 on the year-end plan.\n", i, i+3)
			body, _ := json.Marshal(map[string]string{"text": text})
			resp, err := ts.Client().Post(ts.URL+"/v1/check", "application/json", bytes.NewReader(body))
			if err != nil {
				errs <- err
				return
			}
			defer resp.Body.Close()
			var got checkResponse
			if err := json.NewDecoder(resp.Body).Decode(&got); err != nil || resp.StatusCode != 200 {
				errs <- fmt.Errorf("request %d: status %d, %v", i, resp.StatusCode, err)
				return
			}
			if got.Fixed != want {
				errs <- fmt.Errorf("request %d got someone else's answer or a wrong fix: %q", i, got.Fixed)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	m := metricsText(t, ts)
	if !strings.Contains(m, `copydesk_http_requests_total{code="200",route="/v1/check"} 50`) {
		t.Errorf("metrics do not count 50 answered checks:\n%s", grepLines(m, "copydesk_http_requests_total"))
	}
	running, waiting := s.lim.inUse()
	if running != 0 || waiting != 0 {
		t.Errorf("slots still taken: %d running, %d waiting", running, waiting)
	}
	t.Logf("batches: %s", grepLines(m, "copydesk_batch_size_count"))
}

func grepLines(text, prefix string) string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, prefix) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func TestRulesListsGoAndValeRules(t *testing.T) {
	_, ts := newTestServer(t, Config{Engine: engine.Options{ValeBin: realVale(t)}})
	resp, err := ts.Client().Get(ts.URL + "/v1/rules")
	if err != nil {
		t.Fatal(err)
	}
	var got struct{ Rules []ruleInfo }
	decode(t, resp, &got)
	byID := map[string]ruleInfo{}
	for _, r := range got.Rules {
		byID[r.ID] = r
	}
	if r := byID["Copy.DoubledWord"]; r.Source != "go" || r.Category != core.CatRepetition || r.Doc == "" {
		t.Errorf("Copy.DoubledWord: %+v", r)
	}
	if r := byID["News.YearEnd"]; r.Source != "vale" || r.Severity != "warning" || r.Category != core.CatStyle || !strings.Contains(r.Doc, "year-end") {
		t.Errorf("News.YearEnd: %+v", r)
	}
	for id := range byID {
		if strings.HasSuffix(id, ".test") {
			t.Errorf("a Vale test file listed as a rule: %s", id)
		}
	}
}

// With GoRecheck the fixed text is checked again without Vale: one Vale
// run per check instead of two, and, with the built-in styles (no
// error-level Vale rule), the same answer.
func TestGoRecheckRunsValeOnceWithTheSameAnswer(t *testing.T) {
	real := realVale(t)
	answers := map[bool]checkResponse{}
	for _, goRecheck := range []bool{false, true} {
		count := filepath.Join(t.TempDir(), "runs")
		counting := fakeVale(t, "echo run >> '"+count+"'\nexec '"+real+"' \"$@\"\n")
		s, ts := newTestServer(t, Config{Engine: engine.Options{ValeBin: counting}, GoRecheck: goRecheck})
		waitReady(t, s)
		os.Remove(count)
		var got checkResponse
		decode(t, post(t, ts, checkBody(t, story, nil)), &got)
		data, _ := os.ReadFile(count)
		runs := strings.Count(string(data), "run")
		want := 2
		if goRecheck {
			want = 1
		}
		if runs != want {
			t.Errorf("GoRecheck %v: %d Vale runs, want %d", goRecheck, runs, want)
		}
		answers[goRecheck] = got
	}
	if !reflect.DeepEqual(answers[false], answers[true]) {
		t.Errorf("answers differ:\nfull: %+v\n  go: %+v", answers[false], answers[true])
	}
	if answers[true].Fixed != storyFixed {
		t.Errorf("fixed: %q", answers[true].Fixed)
	}
}
