package engine

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/copydesk/copydesk/bench/newsgen"
	"github.com/copydesk/copydesk/internal/core"
)

// Benchmarks of the whole Go pipeline (no Vale): building the document,
// every Go rule, mapping, filtering and sorting the findings.
//
//	go test ./internal/engine -run '^$' -bench . -benchmem
//
// The Scale benchmarks check that the cost grows linearly with the length
// of an article: the MB/s of the 10 MB runs should be close to those of the
// 1 MB runs (a quadratic step shows as a tenfold drop). They take a few
// seconds per run: use -benchtime=1x for a quick look.

var benchInputs = struct {
	sync.Mutex
	m map[string]string
}{m: map[string]string{}}

func benchText(kind string, size int) string {
	benchInputs.Lock()
	defer benchInputs.Unlock()
	key := fmt.Sprint(kind, size)
	if t, ok := benchInputs.m[key]; ok {
		return t
	}
	var t string
	switch kind {
	case "line":
		t = newsgen.SingleLine(1, size)
	default:
		t = newsgen.Text(1, size)
	}
	benchInputs.m[key] = t
	return t
}

// benchEngine checks with the built-in configuration (the tests' working
// folder is inside the module, whose .vale.ini and settings apply).
func benchEngine() *Engine {
	cfg, _ := filepath.Abs("../../.vale.ini")
	return New(Options{NoVale: true, Config: cfg})
}

func runCheck(b *testing.B, e *Engine, inputs []Input, size int) {
	b.Helper()
	if _, err := e.Check(context.Background(), inputs[:1]); err != nil { // word lists, caches
		b.Fatal(err)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := e.Check(context.Background(), inputs)
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range res {
			if r.Err != nil {
				b.Fatal(r.Err)
			}
		}
	}
}

// BenchmarkCheckNoVale checks 1 MB of copy as one file, the Go pipeline
// end to end.
func BenchmarkCheckNoVale(b *testing.B) {
	text := benchText("text", 1<<20)
	runCheck(b, benchEngine(), []Input{{Path: "bench.txt", Text: text, Format: core.FormatText}}, len(text))
}

// BenchmarkCheckNoValeBatch checks 200 articles of 5 KB in one call, as
// "copydesk check folder" does (the workers check several at once).
func BenchmarkCheckNoValeBatch(b *testing.B) {
	arts := newsgen.Articles(2, 200, 5000)
	inputs := make([]Input, len(arts))
	size := 0
	for i, a := range arts {
		inputs[i] = Input{Path: fmt.Sprintf("story%03d.txt", i), Text: a, Format: core.FormatText}
		size += len(a)
	}
	runCheck(b, benchEngine(), inputs, size)
}

// BenchmarkScale checks one article of 1 MB and of 10 MB, as paragraphs and
// as a single line with no line break.
func BenchmarkScale(b *testing.B) {
	for _, kind := range []string{"text", "line"} {
		for _, mb := range []int{1, 10} {
			b.Run(fmt.Sprintf("%s-%dMB", kind, mb), func(b *testing.B) {
				text := benchText(kind, mb<<20)
				runCheck(b, benchEngine(), []Input{{Path: "bench.txt", Text: text, Format: core.FormatText}}, len(text))
			})
		}
	}
}

// adversarial are texts made of one pattern repeated: the shapes that make a
// careless scan quadratic (full stops, initials, quotation marks, long
// words, doubled words, entities, spaces before punctuation, repeated
// sentences and lines, dates, unique names, inline ignore comments).
var adversarial = map[string]func(n int) string{
	"dots":      func(n int) string { return strings.Repeat(".", n) },
	"initials":  func(n int) string { return strings.Repeat("a.", n/2) },
	"quotes":    func(n int) string { return strings.Repeat(` "a" 'b' `, n/9) },
	"unclosed":  func(n int) string { return strings.Repeat(`a" b `, n/5) },
	"longword":  func(n int) string { return strings.Repeat("x", n) },
	"doubled":   func(n int) string { return strings.Repeat("the ", n/4) },
	"entities":  func(n int) string { return strings.Repeat("it&rsquo;s ", n/11) },
	"spacing":   func(n int) string { return strings.Repeat("a ; b , ", n/8) },
	"sentences": func(n int) string { return strings.Repeat("The council met on Monday to vote. ", n/35) },
	"lines":     func(n int) string { return strings.Repeat("Advertisement\n", n/14) },
	"paras":     func(n int) string { return strings.Repeat("The same paragraph here.\n\n", n/26) },
	"dates":     func(n int) string { return strings.Repeat("Friday, Nov. 30, 2019 and Feb. 30 ", n/34) },
	"names": func(n int) string {
		var b strings.Builder
		for i := 0; b.Len() < n; i++ {
			fmt.Fprintf(&b, "Then %s met %s. ", benchName(i), benchName(i*7+3))
		}
		return b.String()
	},
	"ignores": func(n int) string {
		return strings.Repeat("<!-- copydesk-disable-next-line Copy.Spacing -->\nthe the vote ,\n\n", n/66)
	},
}

// benchName makes the i-th of many distinct capitalised names.
func benchName(i int) string {
	const letters = "bcdfghklmnprstvz"
	const vowels = "aeiou"
	b := []byte{letters[i%16] - 32}
	for k := i; k > 0 || len(b) < 5; k /= 5 {
		b = append(b, vowels[k%5], letters[(k/5+len(b))%16])
	}
	return string(b)
}

// BenchmarkAdversarial checks each pattern at 100 KB and 1 MB as one
// Markdown file (so that the inline ignore comments count): the MB/s of the
// two sizes should match.
func BenchmarkAdversarial(b *testing.B) {
	names := make([]string, 0, len(adversarial))
	for k := range adversarial {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, name := range names {
		for _, size := range []int{100 << 10, 1 << 20} {
			b.Run(fmt.Sprintf("%s-%dKB", name, size>>10), func(b *testing.B) {
				text := adversarial[name](size)
				runCheck(b, benchEngine(), []Input{{Path: "bench.md", Text: text, Format: core.FormatMarkdown}}, len(text))
			})
		}
	}
}
