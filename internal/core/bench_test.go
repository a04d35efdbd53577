package core

import (
	"strings"
	"sync"
	"testing"

	"github.com/copydesk/copydesk/bench/newsgen"
)

// Benchmarks of the document model on generated news copy (bench/newsgen):
//
//	go test ./internal/core -run '^$' -bench . -benchmem

const benchSize = 1 << 20

var benchTexts = sync.OnceValue(func() map[string]string {
	g := newsgen.New(7)
	var md, html strings.Builder
	for md.Len() < benchSize {
		md.WriteString(g.Markdown(5000))
		md.WriteString("\n")
	}
	for html.Len() < benchSize {
		html.WriteString(g.HTML(5000))
	}
	return map[string]string{
		"txt":      newsgen.Text(1, benchSize),
		"md":       md.String(),
		"html":     html.String(),
		"txt-crlf": strings.ReplaceAll(newsgen.Text(1, benchSize), "\n", "\r\n"),
		"line":     newsgen.SingleLine(1, benchSize),
	}
})

// BenchmarkNewDoc builds the document model and tokenises it, as the engine
// does once per file before any rule runs.
func BenchmarkNewDoc(b *testing.B) {
	for _, name := range []string{"txt", "txt-crlf", "md", "html", "line"} {
		text := benchTexts()[name]
		f := FormatText
		switch name {
		case "md":
			f = FormatMarkdown
		case "html":
			f = FormatHTML
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				d := NewDoc("bench", text, f, Options{Lang: "en-US"})
				d.Words()
				d.Sentences()
			}
		})
	}
}

// BenchmarkPositions converts every word start to a line and column, as
// the output formats do for each finding; on one long line that must not
// cost the length of the line each time.
func BenchmarkPositions(b *testing.B) {
	for _, name := range []string{"txt", "line"} {
		d := NewDoc("bench", benchTexts()[name], FormatText, Options{})
		words := d.Words()
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				for k := 0; k < len(words); k += 97 {
					line, col := d.Position(words[k].Start)
					if d.RuneColumnToOffset(line, col) != words[k].Start {
						b.Fatal("position does not round-trip")
					}
				}
			}
		})
	}
}
