package main

import (
	"os"
	"strings"
	"testing"
)

func TestInitWritesAStarterConfigThatWorks(t *testing.T) {
	for _, style := range []string{"ap", "plain"} {
		dir := t.TempDir()
		if code, _, errs := cli(t, "", "init", "--style", style, "--dir", dir); code != 0 {
			t.Fatalf("init: %s", errs)
		}
		for _, f := range []string{".vale.ini", ".copydesk.ini", "styles/config/vocabularies/Newsroom/accept.txt"} {
			if _, err := os.Stat(dir + "/" + f); err != nil {
				t.Errorf("%s: %v", style, err)
			}
		}
		story := dir + "/story.txt"
		write(t, story, "Budget vote\n\nThe end-year deadline was missed by the the council, said Alderwoman Okonkwo.\n", 0o644)
		code, out, errs := cli(t, "", "check", "--format", "jsonl", story)
		if code != 1 || !strings.Contains(out, "Copy.DoubledWord") {
			t.Fatalf("%s: exit %d, %s %s", style, code, out, errs)
		}
		if got := strings.Contains(out, "News.YearEnd"); got != (style == "ap") {
			t.Errorf("%s: News.YearEnd reported: %v", style, got)
		}
		// the vocabulary is read by copydesk's own rules too
		write(t, story, "Budget vote\n\nThe council called the plan bugdet.\n", 0o644)
		if _, out, _ := cli(t, "", "check", "--format", "jsonl", story); !strings.Contains(out, "bugdet") {
			t.Fatalf("%s: the made-up word is not flagged: %s", style, out)
		}
		write(t, dir+"/styles/config/vocabularies/Newsroom/accept.txt", "bugdet\n", 0o644)
		if _, out, _ := cli(t, "", "check", "--format", "jsonl", story); strings.Contains(out, "bugdet") {
			t.Fatalf("%s: an accepted word is flagged: %s", style, out)
		}
		if code, _, _ := cli(t, "", "init", "--dir", dir); code != 2 {
			t.Errorf("%s: init over existing files: exit %d", style, code)
		}
	}
}
