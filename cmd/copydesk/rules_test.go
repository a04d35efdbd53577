package main

import (
	"os"
	"strings"
	"testing"
)

// TestRuleReferenceIsCurrent keeps docs/rules.md in step with the rules:
// go test ./cmd/copydesk -run TestRuleReferenceIsCurrent -update rewrites it.
func TestRuleReferenceIsCurrent(t *testing.T) {
	code, out, errs := cli(t, "", "rules", "--format", "markdown", "--config", "../../.vale.ini")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, id := range []string{"Copy.DoubledWord", "Copy.Spelling", "News.YearEnd", "Vale.Spelling"} {
		if !strings.Contains(out, `<a id="`+id+`"></a>`) {
			t.Errorf("no entry for %s", id)
		}
	}
	const path = "../../docs/rules.md"
	if *update {
		if err := os.MkdirAll("../../docs", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	if string(want) != out {
		t.Fatalf("docs/rules.md is out of date: go test ./cmd/copydesk -run TestRuleReferenceIsCurrent -update")
	}
}
