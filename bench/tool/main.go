// Command tool writes the inputs of bench/run.sh and turns its
// measurements into bench/RESULTS.md.
//
//	go run ./bench/tool gen DIR
//	go run ./bench/tool report -work DIR -out bench/RESULTS.md
//
// gen writes generated news copy (bench/newsgen, fixed seeds):
//
//	article.txt     one article of about 5 KB
//	batch300/       300 articles of about 5 KB
//	batch3000/      3,000 articles of about 5 KB
//	1mb.txt         1 MB of copy in one file
//	10mb.txt        10 MB of copy in one file
//	10mb-line.txt   10 MB of copy on one line, without a line break
//	50mb.txt        50 MB of copy in one file (memory)
//
// report reads what run.sh left in DIR: hyperfine's JSON exports
// (time-INPUT.json), the peak memory of each command (rss-INPUT-TOOL.txt,
// /usr/bin/time -v output) and the facts of the run (facts.txt, key=value
// lines), and writes a Markdown report.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/copydesk/copydesk/bench/newsgen"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: tool gen DIR | tool report -work DIR -out FILE")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "gen":
		if len(os.Args) != 3 {
			err = fmt.Errorf("usage: tool gen DIR")
			break
		}
		err = gen(os.Args[2])
	case "report":
		fs := flag.NewFlagSet("report", flag.ExitOnError)
		work := fs.String("work", "", "the folder run.sh worked in")
		out := fs.String("out", "bench/RESULTS.md", "where to write the report")
		fs.Parse(os.Args[2:])
		err = report(*work, *out)
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "tool:", err)
		os.Exit(1)
	}
}

// inputs are the inputs of the benchmark in the order of the report, with
// what each stands for.
var inputs = []struct{ name, what string }{
	{"article.txt", "one article of 5 KB (latency)"},
	{"batch300", "300 articles of 5 KB in one call (batch)"},
	{"1mb.txt", "one file of 1 MB (scale)"},
	{"batch3000", "3,000 articles of 5 KB in one call (10x the batch)"},
	{"10mb.txt", "one file of 10 MB (10x the file)"},
	{"10mb-line.txt", "10 MB on one line, no line break"},
	{"50mb.txt", "one file of 50 MB (memory)"},
}

func gen(dir string) error {
	write := func(name, text string) error {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, []byte(text), 0o644)
	}
	if err := write("article.txt", newsgen.New(1).Article(5000)); err != nil {
		return err
	}
	for _, n := range []int{300, 3000} {
		for i, a := range newsgen.Articles(int64(n), n, 5000) {
			if err := write(fmt.Sprintf("batch%d/story%04d.txt", n, i), a); err != nil {
				return err
			}
		}
	}
	for _, f := range []struct {
		name string
		mb   int
		line bool
	}{{"1mb.txt", 1, false}, {"10mb.txt", 10, false}, {"10mb-line.txt", 10, true}, {"50mb.txt", 50, false}} {
		text := newsgen.Text(int64(f.mb), f.mb<<20)
		if f.line {
			text = newsgen.SingleLine(int64(f.mb), f.mb<<20)
		}
		if err := write(f.name, text); err != nil {
			return err
		}
	}
	return nil
}

// hyperfine's JSON export, the parts used here.
type export struct {
	Results []struct {
		Command string    `json:"command"`
		Median  float64   `json:"median"`
		Mean    float64   `json:"mean"`
		Min     float64   `json:"min"`
		Max     float64   `json:"max"`
		Times   []float64 `json:"times"`
	} `json:"results"`
}

// tools are the commands timed, by the name run.sh gives them.
var tools = []struct{ name, what string }{
	{"copydesk", "`copydesk check` (Go rules and Vale, default configuration)"},
	{"copydesk-no-vale", "`copydesk check --no-vale` (Go rules only)"},
	{"vale", "`vale` alone, copydesk's default `.vale.ini` and `styles/`"},
	{"misspell", "`misspell` v0.8.0 (reference: a word-list replacer)"},
	{"codespell", "`codespell` (reference: a word-list checker)"},
}

func report(work, out string) error {
	facts, err := readFacts(filepath.Join(work, "facts.txt"))
	if err != nil {
		return err
	}
	sizes := readSizes(filepath.Join(work, "sizes.txt"))
	var b strings.Builder
	fmt.Fprintf(&b, "# copydesk benchmark results\n\n")
	fmt.Fprintf(&b, "Written by `bench/run.sh` on %s; every figure below comes from that run. See bench/README.md for what is measured and how.\n\n", facts["date"])
	fmt.Fprintf(&b, "| | |\n|---|---|\n")
	for _, k := range []struct{ key, label string }{
		{"cpu", "CPU"}, {"cores", "cores"}, {"load_start", "load average at start (1, 5, 15 min)"}, {"load_end", "load average at end"},
		{"go", "Go"}, {"vale", "Vale"}, {"copydesk", "copydesk"}, {"misspell", "misspell"}, {"codespell", "codespell"}, {"runs", "runs per command"},
	} {
		if v := facts[k.key]; v != "" {
			fmt.Fprintf(&b, "| %s | %s |\n", k.label, v)
		}
	}
	if facts["loaded"] == "yes" {
		fmt.Fprintf(&b, "\n**The machine was loaded during this run** (load average above 1 at the start): the times are slower and noisier than on a quiet machine. Run `bench/run.sh` again when the machine is quiet.\n")
	}
	fmt.Fprintf(&b, "\nCommands:\n\n")
	for _, t := range tools {
		fmt.Fprintf(&b, "- **%s**: %s\n", t.name, t.what)
	}
	medians := map[string]map[string]float64{} // input -> tool -> median
	for _, in := range inputs {
		data, err := os.ReadFile(filepath.Join(work, "time-"+in.name+".json"))
		if err != nil {
			continue
		}
		var ex export
		if err := json.Unmarshal(data, &ex); err != nil {
			return fmt.Errorf("%s: %v", in.name, err)
		}
		medians[in.name] = map[string]float64{}
		fmt.Fprintf(&b, "\n## %s: %s\n\n", in.name, in.what)
		if sz := sizes[in.name]; sz > 0 {
			fmt.Fprintf(&b, "%s of text.\n\n", human(sz))
		}
		fmt.Fprintf(&b, "| command | median | min | max | MB/s | vs vale alone | peak RSS (x input) |\n|---|---:|---:|---:|---:|---:|---:|\n")
		byTool := map[string]int{}
		for i, r := range ex.Results {
			byTool[r.Command] = i
		}
		valeMedian := 0.0
		if i, ok := byTool["vale"]; ok {
			valeMedian = ex.Results[i].Median
		}
		for _, t := range tools {
			i, ok := byTool[t.name]
			if !ok {
				continue
			}
			r := ex.Results[i]
			medians[in.name][t.name] = r.Median
			ratio := "—"
			if valeMedian > 0 {
				ratio = fmt.Sprintf("%.2fx", r.Median/valeMedian)
			}
			speed := "—"
			if sz := sizes[in.name]; sz >= 1<<20 && r.Median > 0 {
				speed = fmt.Sprintf("%.1f", float64(sz)/(1<<20)/r.Median)
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s |\n", t.name, secs(r.Median), secs(r.Min), secs(r.Max), speed, ratio,
				rss(filepath.Join(work, "rss-"+in.name+"-"+t.name+".txt"), sizes[in.name]))
		}
	}
	// how the cost grows with the input
	fmt.Fprintf(&b, "\n## How the cost grows\n\nMedian seconds per MB of text at two sizes; a cost that grows linearly keeps the same figure at ten times the size.\n\n")
	fmt.Fprintf(&b, "| command | 300 articles | 3,000 articles | ratio | 1 MB file | 10 MB file | ratio | 10 MB, one line |\n|---|---:|---:|---:|---:|---:|---:|---:|\n")
	perMB := func(in, tool string) (float64, bool) {
		m, ok := medians[in][tool]
		if !ok || sizes[in] == 0 {
			return 0, false
		}
		return m / (float64(sizes[in]) / (1 << 20)), true
	}
	cell := func(v float64, ok bool) string {
		if !ok {
			return "—"
		}
		return fmt.Sprintf("%.3f", v)
	}
	ratio := func(a, b float64, okA, okB bool) string {
		if !okA || !okB || a == 0 {
			return "—"
		}
		return fmt.Sprintf("%.2f", b/a)
	}
	for _, t := range tools {
		b300, ok300 := perMB("batch300", t.name)
		b3000, ok3000 := perMB("batch3000", t.name)
		f1, ok1 := perMB("1mb.txt", t.name)
		f10, ok10 := perMB("10mb.txt", t.name)
		line, okLine := perMB("10mb-line.txt", t.name)
		if !ok300 && !ok1 {
			continue
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", t.name, cell(b300, ok300), cell(b3000, ok3000), ratio(b300, b3000, ok300, ok3000),
			cell(f1, ok1), cell(f10, ok10), ratio(f1, f10, ok1, ok10), cell(line, okLine))
	}
	if p := filepath.Join(work, "rss-50mb.txt-copydesk-no-vale.txt"); fileExists(p) {
		fmt.Fprintf(&b, "\n## Memory on a 50 MB file\n\n`copydesk check --no-vale` on %s: peak RSS %s.\n", human(sizes["50mb.txt"]), rss(p, sizes["50mb.txt"]))
	}
	return os.WriteFile(out, []byte(b.String()), 0o644)
}

func readFacts(p string) (map[string]string, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), "="); ok {
			m[k] = strings.TrimSpace(v)
		}
	}
	return m, sc.Err()
}

// readSizes reads "NAME BYTES" lines.
func readSizes(p string) map[string]int64 {
	m := map[string]int64{}
	data, err := os.ReadFile(p)
	if err != nil {
		return m
	}
	for _, l := range strings.Split(string(data), "\n") {
		f := strings.Fields(l)
		if len(f) == 2 {
			n, _ := strconv.ParseInt(f[1], 10, 64)
			m[f[0]] = n
		}
	}
	return m
}

// rss reads "Maximum resident set size (kbytes): N" from /usr/bin/time -v
// output, with its ratio to the input size.
func rss(p string, size int64) string {
	f, err := os.Open(p)
	if err != nil {
		return "—"
	}
	defer f.Close()
	data, _ := io.ReadAll(f)
	for _, l := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(l), "Maximum resident set size (kbytes):"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			if err != nil {
				return "—"
			}
			s := fmt.Sprintf("%d MB", kb>>10)
			if size >= 1<<20 {
				s += fmt.Sprintf(" (%.1fx)", float64(kb<<10)/float64(size))
			}
			return s
		}
	}
	return "—"
}

func secs(s float64) string {
	if s < 1 {
		return fmt.Sprintf("%.0f ms", s*1000)
	}
	return fmt.Sprintf("%.2f s", s)
}

func human(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
