package render

import (
	"io"
	"sync"
	"testing"

	"github.com/copydesk/copydesk/bench/newsgen"
	"github.com/copydesk/copydesk/internal/core"
	"github.com/copydesk/copydesk/rules"
)

// Benchmarks of the output formats and of the unified diff on 1 MB of
// generated copy with the Go rules' findings (about a thousand), as
// paragraphs and as one line:
//
//	go test ./internal/render -run '^$' -bench . -benchmem

type benchCase struct {
	file  File
	fixed string
}

var benchCases = sync.OnceValue(func() map[string]benchCase {
	out := map[string]benchCase{}
	for name, text := range map[string]string{"text": newsgen.Text(1, 1<<20), "line": newsgen.SingleLine(1, 1<<20)} {
		d := core.NewDoc("bench.txt", text, core.FormatText, core.Options{Lang: "en-US"})
		var fs []core.Finding
		var edits []core.Edit
		for _, r := range rules.All() {
			for _, f := range r.Check(d) {
				f.Rule = r.Meta().ID
				// the file is plain text without a BOM or CRLF: prose and
				// text offsets are the same
				fs = append(fs, f)
				if len(f.Fixes) == 1 {
					edits = append(edits, f.Fixes[0].Edits...)
				}
			}
		}
		fixed, err := core.ApplyEdits(text, nonOverlapping(edits))
		if err != nil {
			panic(err)
		}
		out[name] = benchCase{File{Path: "bench.txt", Doc: d, Findings: fs}, fixed}
	}
	return out
})

// nonOverlapping keeps the edits that overlap none kept before them.
func nonOverlapping(edits []core.Edit) []core.Edit {
	var out []core.Edit
	for _, e := range edits {
		ok := true
		for _, k := range out {
			if core.Overlaps(e, k) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, e)
		}
	}
	return out
}

func BenchmarkFormats(b *testing.B) {
	for _, name := range []string{"text", "line"} {
		c := benchCases()[name]
		files := []File{c.file}
		for _, format := range []struct {
			name  string
			write func(w io.Writer, files []File) error
		}{
			{"text", func(w io.Writer, fs []File) error { return Text(w, fs, false) }},
			{"jsonl", JSONL},
			{"json", JSON},
		} {
			b.Run(name+"/"+format.name, func(b *testing.B) {
				b.SetBytes(int64(len(c.file.Doc.Text)))
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					if err := format.write(io.Discard, files); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		b.Run(name+"/unified", func(b *testing.B) {
			b.SetBytes(int64(len(c.file.Doc.Text)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				Unified("a/bench.txt", "b/bench.txt", c.file.Doc.Text, c.fixed)
			}
		})
	}
}
