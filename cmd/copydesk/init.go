package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	copydesk "github.com/copydesk/copydesk"
)

func init() {
	extraCommands["init"] = func(args []string, _ io.Reader, stdout, stderr io.Writer) int { return cmdInit(args, stdout, stderr) }
}

const initValeAP = `# Vale configuration for copydesk, written by "copydesk init --style ap".
# copydesk reads this file (and Vale does too: vale --config=.vale.ini FILE).
StylesPath = styles
MinAlertLevel = suggestion

# Your newsroom's words: styles/config/vocabularies/Newsroom/accept.txt
# (names, places, terms; one per line) and reject.txt (spellings to avoid).
# copydesk's own spelling and name rules read the same files.
Vocab = Newsroom

[*.{txt,md,markdown,html,htm}]
# Vale's built-in rules and News, copydesk's AP style package.
BasedOnStyles = Vale, News

# copydesk's Copy.Spelling and Copy.DoubledWord replace these two.
Vale.Spelling = NO
Vale.Repetition = NO

# Turn off or tune single AP rules for your house style, for example:
# News.Said = NO                 # allow "stated", "noted"
# News.CourtesyTitles = NO       # you use Mr., Ms. on second reference
# News.Numerals = warning        # raise a rule's level
`

const initValePlain = `# Vale configuration for copydesk, written by "copydesk init --style plain".
# Correctness only: copydesk's own checks (typos, real-word errors,
# repetition, CMS leftovers, punctuation) and no house-style rules.
StylesPath = styles
MinAlertLevel = suggestion

# Your newsroom's words: styles/config/vocabularies/Newsroom/accept.txt
# and reject.txt. copydesk's own spelling and name rules read the same files.
Vocab = Newsroom

[*.{txt,md,markdown,html,htm}]
BasedOnStyles = Vale
Vale.Spelling = NO
Vale.Repetition = NO
`

const initSettings = `# copydesk settings, beside .vale.ini. Every key is optional; the values
# shown are the defaults. Command-line flags override them.

# lang = en-US                 # en-US or en-GB: dictionary and spelling conventions
# categories =                 # report only these, e.g. typo, real-word, repetition
# disable =                    # rules or styles to turn off, e.g. Copy.Spacing, News.Said
# min-severity = suggestion    # drop findings below this level
# fail-on = error              # exit 1 (and block a commit) at or above this level
# globs = *.txt, *.md, *.markdown, *.html, *.htm
`

const initAccept = `# Words your copy uses that no dictionary knows: names of people, places,
# teams, companies, local streets. One per line; a line may also be a
# regular expression. Vale and copydesk both read this file.
`

const initReject = `# Spellings your newsroom does not use (one per line), such as
# Kiev (you write Kyiv) or al-Qaeda (you write al-Qaida).
`

func cmdInit(args []string, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("copydesk init", flag.ContinueOnError)
	fset.SetOutput(stderr)
	style := fset.String("style", "ap", "house style: ap (copydesk's AP style package) or plain (correctness only)")
	dir := fset.String("dir", ".", "folder to write the configuration into")
	force := fset.Bool("force", false, "overwrite files that exist")
	fset.Usage = func() {
		fmt.Fprintf(stderr, "Usage: copydesk init [--style ap|plain] [--dir DIR] [--force]\n\nWrites a commented starter .vale.ini, a .copydesk.ini, an empty vocabulary\n(styles/config/vocabularies/Newsroom) and, for --style ap, the News style.\n\nFlags:\n")
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitTrouble
	}
	var ini string
	switch *style {
	case "ap":
		ini = initValeAP
	case "plain":
		ini = initValePlain
	default:
		fmt.Fprintf(stderr, "copydesk init: --style %q: want ap or plain\n", *style)
		return exitTrouble
	}
	files := map[string]string{
		".vale.ini":     ini,
		".copydesk.ini": initSettings,
		filepath.Join("styles", "config", "vocabularies", "Newsroom", "accept.txt"): initAccept,
		filepath.Join("styles", "config", "vocabularies", "Newsroom", "reject.txt"): initReject,
	}
	if *style == "ap" {
		err := fs.WalkDir(copydesk.Defaults, "styles/News", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.Contains(p, "/testdata/") || strings.HasSuffix(p, ".go") || strings.HasSuffix(p, ".test.yml") {
				return err
			}
			data, err := fs.ReadFile(copydesk.Defaults, p)
			files[filepath.FromSlash(p)] = string(data)
			return err
		})
		if err != nil {
			fmt.Fprintf(stderr, "copydesk init: %v\n", err)
			return exitTrouble
		}
	}
	var exists []string
	for name := range files {
		if _, err := os.Stat(filepath.Join(*dir, name)); err == nil {
			exists = append(exists, name)
		}
	}
	if len(exists) > 0 && !*force {
		sort.Strings(exists)
		if len(exists) > 4 {
			exists = append(exists[:4], fmt.Sprintf("and %d more", len(exists)-4))
		}
		fmt.Fprintf(stderr, "copydesk init: files exist in %s and were left alone (use --force to overwrite): %s\n", *dir, strings.Join(exists, ", "))
		return exitTrouble
	}
	for name, text := range files {
		p := filepath.Join(*dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			fmt.Fprintf(stderr, "copydesk init: %v\n", err)
			return exitTrouble
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			fmt.Fprintf(stderr, "copydesk init: %v\n", err)
			return exitTrouble
		}
	}
	fmt.Fprintf(stdout, "Wrote .vale.ini (%s style), .copydesk.ini and an empty vocabulary in %s.\nAdd your newsroom's names to styles/config/vocabularies/Newsroom/accept.txt.\n", *style, *dir)
	return exitOK
}
