package main

import (
	"encoding/json"
	"testing"
)

// TestCanaryIsClean checks the clean-copy canary (testdata/canary: wire
// articles full of names, datelines, quotations and captions) with the
// built-in default configuration and the real Vale: nothing may be reported
// at warning or error level.
func TestCanaryIsClean(t *testing.T) {
	code, out, errs := cli(t, "", "check", "--format", "json", "--quiet", "../../testdata/canary")
	if code == 2 {
		t.Fatalf("check failed: %s", errs)
	}
	var found []struct {
		Path, Rule, Severity, Match, Message string
		Line                                 int
	}
	if err := json.Unmarshal([]byte(out), &found); err != nil {
		t.Fatal(err)
	}
	for _, f := range found {
		if f.Severity != "suggestion" {
			t.Errorf("%s:%d: %s %s on %q: %s", f.Path, f.Line, f.Severity, f.Rule, f.Match, f.Message)
		}
	}
}
