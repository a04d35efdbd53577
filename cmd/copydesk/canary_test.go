package main

import (
	"encoding/json"
	"testing"
)

// TestCanaryIsClean checks the clean-copy canaries (testdata/canary and the
// News style's own: AP-style wire articles full of names, datelines,
// quotations and captions) with the built-in configuration, AP style on,
// and the real Vale: nothing may be reported, at any level.
func TestCanaryIsClean(t *testing.T) {
	code, out, errs := cli(t, "", "check", "--format", "json", "--quiet", "../../testdata/canary", "../../styles/News/testdata/clean")
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
		t.Errorf("%s:%d: %s %s on %q: %s", f.Path, f.Line, f.Severity, f.Rule, f.Match, f.Message)
	}
	if code != 0 {
		t.Errorf("exit %d on clean copy", code)
	}
}
