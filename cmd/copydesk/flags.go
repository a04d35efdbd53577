package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/copydesk/copydesk/internal/config"
	"github.com/copydesk/copydesk/internal/core"
	"github.com/copydesk/copydesk/internal/engine"
)

// common are the flags of check and fix.
type common struct {
	format      string
	lang        string
	categories  string
	disable     string
	only        string
	minSeverity string
	failOn      string
	config      string
	noVale      bool
	vale        string
	color       string
	stdinName   string
	ext         string
	date        string
	quiet       bool

	staged       bool   // check --staged (staged.go)
	changedSince string // check --changed-since (staged.go)
}

func (c *common) register(fs *flag.FlagSet, defaultFormat string, formats string) {
	fs.StringVar(&c.format, "format", defaultFormat, "output format: "+formats)
	fs.StringVar(&c.lang, "lang", "", "language: en-US or en-GB (default: configured, else en-US)")
	fs.StringVar(&c.categories, "categories", "", "report only these categories, comma-separated: "+strings.Join(core.Categories, ","))
	fs.StringVar(&c.disable, "disable", "", "rules or styles to turn off, comma-separated (Copy.Spacing,News)")
	fs.StringVar(&c.only, "only", "", "report only these rules or styles, comma-separated")
	fs.StringVar(&c.minSeverity, "min-severity", "", "drop findings below this: suggestion, warning or error")
	fs.StringVar(&c.failOn, "fail-on", "", "exit 1 when a finding is at or above this (default: configured, else error)")
	fs.StringVar(&c.config, "config", "", "a .vale.ini to use for every file (default: found upwards from each file, else the built-in default)")
	fs.BoolVar(&c.noVale, "no-vale", false, "run copydesk's own Go rules only, without Vale")
	fs.StringVar(&c.vale, "vale", "", "path to the vale binary (default: $COPYDESK_VALE, next to copydesk, PATH, go tool)")
	fs.StringVar(&c.color, "color", "auto", "colour the text output: auto, always or never")
	fs.StringVar(&c.stdinName, "stdin-name", "", "file name to report for standard input (its extension sets the format)")
	fs.StringVar(&c.ext, "ext", "", "format of standard input: txt, md or html")
	fs.StringVar(&c.date, "date", "", "story date for date checks, YYYY-MM-DD")
	fs.BoolVar(&c.quiet, "quiet", false, "no progress or summary on standard error")
}

// engineOptions turns the flags into engine options.
func (c *common) engineOptions(progress io.Writer) (engine.Options, error) {
	o := engine.Options{Config: c.config, NoVale: c.noVale, ValeBin: c.vale, Progress: progress}
	if c.lang != "" {
		l, err := config.ParseLang(c.lang)
		if err != nil {
			return o, err
		}
		o.Lang = l
	}
	if c.categories != "" {
		var s config.Settings
		if err := s.Set("categories", c.categories); err != nil {
			return o, err
		}
		o.Categories = s.Categories
	}
	o.Disable = splitComma(c.disable)
	o.Only = splitComma(c.only)
	if c.minSeverity != "" {
		if _, err := core.ParseSeverity(c.minSeverity); err != nil {
			return o, fmt.Errorf("--min-severity: %v", err)
		}
		o.MinSeverity = c.minSeverity
	}
	if c.failOn != "" {
		if _, err := core.ParseSeverity(c.failOn); err != nil {
			return o, fmt.Errorf("--fail-on: %v", err)
		}
	}
	if c.date != "" {
		t, err := time.Parse("2006-01-02", c.date)
		if err != nil {
			return o, fmt.Errorf("--date %q: want YYYY-MM-DD", c.date)
		}
		o.Date = t
	}
	switch c.color {
	case "auto", "always", "never":
	default:
		return o, fmt.Errorf("--color %q: want auto, always or never", c.color)
	}
	return o, nil
}

func splitComma(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// parseInterspersed parses flags that may come before or after the
// positional arguments ("copydesk check a.txt --format jsonl"); "--" ends
// the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > 0 && len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}
