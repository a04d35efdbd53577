package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/copydesk/copydesk/internal/lsp"
)

func init() { extraCommands["lsp"] = cmdLSP }

// cmdLSP runs the language server on standard input and output. Its flags
// are defaults beneath the editor's settings (section "copydesk").
func cmdLSP(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("copydesk lsp", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var st lsp.Settings
	var categories string
	fs.StringVar(&st.ConfigPath, "config", "", "a .vale.ini to use for every document (default: found upwards from each file, else the built-in default)")
	fs.StringVar(&st.Lang, "lang", "", "language: en-US or en-GB (default: configured, else en-US)")
	fs.StringVar(&categories, "categories", "", "report only these categories, comma-separated")
	fs.StringVar(&st.MinSeverity, "min-severity", "", "drop findings below this: suggestion, warning or error")
	fs.BoolVar(&st.NoVale, "no-vale", false, "run copydesk's own Go rules only, without Vale")
	fs.StringVar(&st.ValePath, "vale", "", "path to the vale binary")
	fs.StringVar(&st.Vocabulary, "vocabulary", "", "accept list (or vocabulary folder) that \"Add to vocabulary\" writes to")
	fs.Bool("stdio", true, "talk over standard input and output (the only transport; accepted for clients that pass it)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, `Usage: copydesk lsp [flags]

Runs copydesk as a language server (LSP 3.17) over standard input and
output, for editors: diagnostics as you type, quick fixes, "Fix all copydesk
issues" and "Add to vocabulary". The editor's settings (section "copydesk":
configPath, lang, categories, minSeverity, noVale, valePath, debounceMs,
valeDebounceMs, vocabulary, rulesUrl) override these flags.

Flags:
`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitTrouble
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "copydesk lsp: unexpected argument %q\n", fs.Arg(0))
		return exitTrouble
	}
	if categories != "" {
		raw, _ := jsonString(categories)
		st.Categories = raw
	}
	if err := st.Check(); err != nil {
		fmt.Fprintf(stderr, "copydesk lsp: %v\n", err)
		return exitTrouble
	}
	srv := lsp.New(lsp.Options{Version: version, Log: stderr, Defaults: st})
	if stdin == nil {
		stdin = os.Stdin
	}
	return srv.Run(stdin, stdout)
}

func jsonString(s string) ([]byte, error) { return json.Marshal(s) }
