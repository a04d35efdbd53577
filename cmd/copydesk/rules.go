package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"github.com/copydesk/copydesk/rules"
)

func cmdRules(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("copydesk rules", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "text or json")
	if err := fs.Parse(args); err != nil {
		return exitTrouble
	}
	type row struct {
		ID, Category, Severity, Doc, Example string
	}
	var rows []row
	for _, r := range rules.All() {
		m := r.Meta()
		rows = append(rows, row{m.ID, m.Category, m.Severity.String(), m.Doc, m.Example})
	}
	switch *format {
	case "json":
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rows); err != nil {
			return exitTrouble
		}
	case "text":
		for _, r := range rows {
			fmt.Fprintf(stdout, "%-22s %-12s %-10s %s\n", r.ID, r.Category, r.Severity, r.Doc)
			if r.Example != "" {
				fmt.Fprintf(stdout, "%-22s %s\n", "", r.Example)
			}
		}
	default:
		fmt.Fprintf(stderr, "copydesk rules: --format %q: want text or json\n", *format)
		return exitTrouble
	}
	return exitOK
}
