package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"github.com/copydesk/copydesk/internal/config"
	"github.com/copydesk/copydesk/internal/ruledoc"
)

func cmdRules(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("copydesk rules", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "text, json or markdown")
	cfg := fs.String("config", "", "a .vale.ini whose Vale rules to list (default: found from the working folder, else the built-in default)")
	if err := fs.Parse(args); err != nil {
		return exitTrouble
	}
	c, err := config.NewLoader(*cfg).For(".")
	if err != nil {
		fmt.Fprintf(stderr, "copydesk rules: %v\n", err)
		return exitTrouble
	}
	infos, err := ruledoc.List(c)
	if err != nil {
		fmt.Fprintf(stderr, "copydesk rules: %v\n", err)
		return exitTrouble
	}
	switch *format {
	case "json":
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(infos); err != nil {
			return exitTrouble
		}
	case "markdown":
		if err := ruledoc.Markdown(stdout, infos); err != nil {
			return exitTrouble
		}
	case "text":
		for _, r := range infos {
			fmt.Fprintf(stdout, "%-24s %-12s %-10s %s\n", r.ID, r.Category, r.Severity, r.Doc)
			if r.Example != "" {
				fmt.Fprintf(stdout, "%-24s e.g. %s\n", "", r.Example)
			}
		}
	default:
		fmt.Fprintf(stderr, "copydesk rules: --format %q: want text, json or markdown\n", *format)
		return exitTrouble
	}
	return exitOK
}
