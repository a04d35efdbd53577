package engine

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/internal/core"
	"github.com/copydesk/copydesk/internal/vale"
	"github.com/copydesk/copydesk/rules"
)

// realVale finds the pinned Vale (building it the first time through the go
// command); the tests below exist to prove copydesk works with the real
// binary, so they fail rather than skip when it cannot be found.
func realVale(t *testing.T) string {
	t.Helper()
	bin, err := vale.Find(vale.FindOptions{Progress: os.Stderr})
	if err != nil {
		t.Fatalf("the pinned Vale is needed for this test: %v", err)
	}
	return bin
}

func TestValeColumnsMapToBytesWithCurlyQuotesDashesAndAccents(t *testing.T) {
	bin := realVale(t)
	dir := t.TempDir()
	text := "\ufeffHead “Café” end-year\n\nThe naïve — end-year ‘plan’ 😀 end-year, said Zoë.\r\nLast “line” … end-year\n"
	p := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	ini, _ := filepath.Abs("testdata/vale/.vale.ini")
	got, err := vale.Run(context.Background(), bin, ini, []string{p})
	if err != nil {
		t.Fatal(err)
	}
	alerts := got[p]
	if len(alerts) != 4 {
		t.Fatalf("want 4 alerts, got %d: %+v", len(alerts), got)
	}
	d := core.NewDoc(p, text, core.FormatText, core.Options{})
	for _, a := range alerts {
		// the conversion alone, without the fallback search on Match
		s := d.RuneColumnToOffset(a.Line, a.Span[0])
		e := d.RuneColumnToOffset(a.Line, a.Span[1]+1)
		if text[s:e] != "end-year" {
			t.Errorf("line %d span %v maps to %q", a.Line, a.Span, text[s:e])
		}
	}
}

func TestCheckMergesValeAndGoFindingsInByteOffsets(t *testing.T) {
	realVale(t)
	ini, _ := filepath.Abs("testdata/vale/.vale.ini")
	e := New(Options{Config: ini})
	text := "Head\n\nThe “end-year” deadline is the the goal , officials said.\n"
	res, err := e.Check(context.Background(), []Input{{Path: "story.txt", Text: text, Format: core.FormatText}})
	if err != nil {
		t.Fatal(err)
	}
	var rules []string
	for _, f := range res[0].Findings {
		rules = append(rules, f.Rule+"="+text[f.Start:f.End])
	}
	want := "Test.YearEnd=end-year|Copy.DoubledWord=the the|Copy.Spacing= ,"
	if strings.Join(rules, "|") != want {
		t.Fatalf("findings %q\nwant %q", strings.Join(rules, "|"), want)
	}
	// Vale's own doubled-word alert is dropped beside copydesk's
	for _, f := range res[0].Findings {
		if f.Rule == "Test.Doubled" {
			t.Errorf("duplicate finding from Vale: %+v", f)
		}
	}
}

func TestBrokenValeConfigIsAnErrorWithValesMessage(t *testing.T) {
	realVale(t)
	ini, _ := filepath.Abs("testdata/broken/.vale.ini")
	e := New(Options{Config: ini})
	_, err := e.Check(context.Background(), []Input{{Path: "a.txt", Text: "Some text.\n", Format: core.FormatText}})
	var ve *vale.Error
	if !errors.As(err, &ve) {
		t.Fatalf("want a Vale error, got %v", err)
	}
	if !strings.Contains(err.Error(), "NoSuchStyle") && !strings.Contains(err.Error(), "StylesPath") {
		t.Fatalf("message does not say what is wrong: %v", err)
	}
}

func TestFixAppliesUnambiguousFixesAndReportsTheRest(t *testing.T) {
	e := New(Options{NoVale: true})
	text := "Head\n\nIt was the the best  day.\n\nAdvertisement\n"
	res, err := e.Check(context.Background(), []Input{{Path: "a.txt", Text: text, Format: core.FormatText}})
	if err != nil {
		t.Fatal(err)
	}
	fixed, err := e.Fix(context.Background(), res)
	if err != nil {
		t.Fatal(err)
	}
	if got := fixed[0].Fixed; got != "Head\n\nIt was the best day.\n" {
		t.Fatalf("fixed %q", got)
	}
	if len(fixed[0].Applied) != 3 {
		t.Fatalf("applied %d", len(fixed[0].Applied))
	}
}

func TestPlanSkipsOverlapsAndAlternatives(t *testing.T) {
	d := core.NewDoc("a.txt", "abcdef", core.FormatText, core.Options{})
	fs := []core.Finding{
		{Rule: "A", Severity: core.Error, Start: 0, End: 3, Fixes: []core.Fix{core.Replace(0, 3, "X", "")}},
		{Rule: "B", Severity: core.Warning, Start: 2, End: 4, Fixes: []core.Fix{core.Replace(2, 4, "Y", "")}},
		{Rule: "C", Severity: core.Warning, Start: 4, End: 6, Fixes: []core.Fix{core.Replace(4, 6, "1", ""), core.Replace(4, 6, "2", "")}},
	}
	edits, applied, skipped := Plan(d, fs)
	if len(edits) != 1 || len(applied) != 1 || applied[0].Rule != "A" {
		t.Fatalf("applied %+v", applied)
	}
	if len(skipped) != 2 || !strings.Contains(skipped[0].Reason+skipped[1].Reason, "overlaps") || !strings.Contains(skipped[0].Reason+skipped[1].Reason, "alternatives") {
		t.Fatalf("skipped %+v", skipped)
	}
}

func TestRulesInsideQuotationsFollowTheirPolicy(t *testing.T) {
	e := New(Options{NoVale: true})
	text := "Head\n\n\"It was the the best,\" he said of the the day.\n"
	res, _ := e.Check(context.Background(), []Input{{Path: "a.txt", Text: text, Format: core.FormatText}})
	if len(res[0].Findings) != 2 {
		t.Fatalf("findings %+v", res[0].Findings)
	}
	in, out := res[0].Findings[0], res[0].Findings[1]
	if !in.InQuote || in.Severity != core.Warning || !strings.Contains(in.Message, "quotation") {
		t.Errorf("inside a quotation: %+v", in)
	}
	if out.InQuote || out.Severity != core.Error {
		t.Errorf("outside: %+v", out)
	}
}

func TestMarkdownFindingsPointIntoTheFile(t *testing.T) {
	e := New(Options{NoVale: true})
	text := "# Head\n\nSome `the the` code and *the* the text.\n\n<!-- copydesk-disable-next-line -->\nIgnored the the line.\n"
	res, _ := e.Check(context.Background(), []Input{{Path: "a.md", Text: text, Format: core.FormatMarkdown}})
	if len(res[0].Findings) != 1 {
		t.Fatalf("findings %+v", res[0].Findings)
	}
	f := res[0].Findings[0]
	if text[f.Start:f.End] != "the* the" {
		t.Fatalf("span %q", text[f.Start:f.End])
	}
	// the fix deletes the second word without touching the emphasis marks
	if len(f.Fixes) != 1 || text[f.Fixes[0].Edits[0].Start:f.Fixes[0].Edits[0].End] != " the" {
		t.Fatalf("fix %+v", f.Fixes)
	}
}

// British copy with the built-in configuration has nothing for Vale to
// check (the AP style is off for it), so Vale is not run, nor needed.
func TestBritishCopyWithTheBuiltInConfigurationNeedsNoVale(t *testing.T) {
	t.Chdir(t.TempDir()) // no .vale.ini upwards: the built-in configuration
	in := []Input{{Path: "a.txt", Text: "Head\n\nThe the vote was 5 percent.\n", Format: core.FormatText}}
	res, err := New(Options{Lang: "en-GB", ValeBin: "/nonexistent/vale"}).Check(context.Background(), in)
	if err != nil {
		t.Fatalf("en-GB asked for Vale: %v", err)
	}
	if len(res[0].Findings) != 1 || res[0].Findings[0].Rule != "Copy.DoubledWord" {
		t.Fatalf("findings %+v", res[0].Findings)
	}
	if _, err := New(Options{Lang: "en-US", ValeBin: "/nonexistent/vale"}).Check(context.Background(), in); err == nil {
		t.Fatal("en-US ran without its Vale")
	}
}

// Two rules that say the same thing about the same words make one finding.
func TestTwoRulesWithOneFindingAreReportedOnce(t *testing.T) {
	fix := []core.Fix{core.Replace(0, 8, "Thailand", "")}
	fs := []core.Finding{
		{Rule: "Copy.Misspelling", Category: core.CatTypo, Start: 0, End: 8, Fixes: fix},
		{Rule: "Copy.NameVariants", Category: core.CatTypo, Start: 0, End: 8, Fixes: fix},
		{Rule: "Copy.Other", Category: core.CatTypo, Start: 0, End: 8, Fixes: []core.Fix{core.Replace(0, 8, "Thai", "")}},
	}
	got := dedupe(fs)
	if len(got) != 2 || got[0].Rule != "Copy.Misspelling" || got[1].Rule != "Copy.Other" {
		t.Fatalf("%+v", got)
	}
}

// Every Go rule has a cost for the first long document's schedule.
func TestEveryRuleHasACost(t *testing.T) {
	for _, r := range rules.All() {
		if _, ok := ruleCosts[r.Meta().ID]; !ok {
			t.Errorf("%s has no entry in ruleCosts", r.Meta().ID)
		}
	}
}

// With the built-in configuration Vale reads a batch as one folder of links
// (see linkFolder): each file's alerts must still come back to that file,
// also when two files share a name and when one input exists only in memory.
func TestBuiltInValeAlertsComeBackToTheirFiles(t *testing.T) {
	realVale(t)
	dir := t.TempDir()
	texts := map[string]string{
		filepath.Join(dir, "a", "story.txt"): "Head\n\nThe end-year figures came out on Monday.\n",
		filepath.Join(dir, "b", "story.txt"): "Head\n\nShe sent an e-mail to the board.\n",
		filepath.Join(dir, "b", "other.md"):  "# Head\n\nNothing to see, the mayor said.\n\nThen the end-year review.\n",
	}
	var inputs []Input
	for p, text := range texts {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, Input{Path: p, Text: text, Format: core.FormatForPath(p), DiskPath: p})
	}
	mem := "Head\n\nThe web site went down.\n"
	inputs = append(inputs, Input{Path: filepath.Join(dir, "pasted.txt"), Text: mem, Format: core.FormatText})
	res, err := New(Options{}).Check(context.Background(), inputs)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		filepath.Join(dir, "a", "story.txt"): "end-year",
		filepath.Join(dir, "b", "story.txt"): "e-mail",
		filepath.Join(dir, "b", "other.md"):  "end-year",
		filepath.Join(dir, "pasted.txt"):     "web site",
	}
	for _, r := range res {
		if r.Err != nil {
			t.Fatalf("%s: %v", r.Path, r.Err)
		}
		var got []string
		for _, f := range r.Findings {
			if strings.HasPrefix(f.Rule, "News.") {
				got = append(got, r.Text[f.Start:f.End])
			}
		}
		if strings.Join(got, "|") != want[r.Path] {
			t.Errorf("%s: News findings %q, want %q", r.Path, got, want[r.Path])
		}
	}
}
