// Command copydesk checks news copy: typos, real-word errors, repeated lines,
// CMS leftovers, unbalanced quotes and house style, with fixes shown as
// diffs.
//
//	copydesk check [flags] [paths|-]   report findings
//	copydesk fix [-w] [flags] [paths|-]  print (or write) the unambiguous fixes
//	copydesk rules                     list every rule
//	copydesk version
//
// Run "copydesk help" or "copydesk COMMAND -h" for the flags.
package main

import (
	"fmt"
	"io"
	"os"
)

// Exit codes.
const (
	exitOK       = 0 // nothing at or above --fail-on
	exitFindings = 1 // something at or above --fail-on
	exitTrouble  = 2 // usage or I/O error
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	stop := startProfile()
	code := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is main without the process: tests call it directly.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitTrouble
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "check":
		return cmdCheck(rest, stdin, stdout, stderr)
	case "fix":
		return cmdFix(rest, stdin, stdout, stderr)
	case "rules":
		return cmdRules(rest, stdout, stderr)
	case "version", "--version", "-v":
		fmt.Fprintf(stdout, "copydesk %s\n", version)
		return exitOK
	case "help", "-h", "--help":
		usage(stdout)
		return exitOK
	}
	if extra, ok := extraCommands[cmd]; ok {
		return extra(rest, stdin, stdout, stderr)
	}
	fmt.Fprintf(stderr, "copydesk: unknown command %q\n\n", cmd)
	usage(stderr)
	return exitTrouble
}

// extraCommands are the commands defined in other files of this package
// (language server, HTTP service, git hook, init).
var extraCommands = map[string]func(args []string, stdin io.Reader, stdout, stderr io.Writer) int{}

func usage(w io.Writer) {
	fmt.Fprint(w, `copydesk checks news copy before it is published.

Usage:
  copydesk check [flags] [paths|-]     report findings (exit 1 at or above --fail-on)
  copydesk fix [-w] [flags] [paths|-]  print a unified diff of the unambiguous fixes, or write them (-w)
  copydesk rules [--format text|json|markdown]  list every rule
  copydesk version

Folders are walked for .txt .md .markdown .html .htm files; "-" reads standard input.
Run "copydesk check -h" for the flags.
`)
	for _, name := range []string{"init", "lsp", "serve", "hook"} {
		if _, ok := extraCommands[name]; ok {
			fmt.Fprintf(w, "Also: copydesk %s (see copydesk %s -h)\n", name, name)
		}
	}
}
