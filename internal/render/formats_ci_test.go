package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/copydesk/copydesk/internal/core"
)

// sample is a file whose text makes every column conversion count: a BOM,
// curly quotes, an accent, an emoji, a CRLF line, and findings of every
// severity, with one fix, alternative fixes, a fix of two edits, and none.
func sample(path string) File {
	text := "\ufeffHead “Café” news\r\nThe the vote 😀 tool place , said Zoë.\nLast line\n"
	d := core.NewDoc(path, text, core.FormatText, core.Options{})
	at := func(s string) int {
		i := strings.Index(text, s)
		if i < 0 {
			panic(s)
		}
		return i
	}
	the := at("The the")
	tool := at("tool")
	comma := at(" ,")
	cafe := at("Café")
	last := at("Last")
	return File{Path: path, Doc: d, Findings: []core.Finding{
		{Rule: "Copy.DoubledWord", Category: core.CatRepetition, Severity: core.Error, Start: the, End: the + 8,
			Message: "'the' is written twice.", Fixes: []core.Fix{core.Replace(the, the+8, "The", "")}},
		{Rule: "Copy.RealWord", Category: core.CatRealWord, Severity: core.Warning, Start: tool, End: tool + 4,
			Message: "Did you mean 'took'?", Fixes: []core.Fix{core.Replace(tool, tool+4, "took", ""), core.Replace(tool, tool+4, "told", "")}},
		{Rule: "Copy.Spacing", Category: core.CatPunctuation, Severity: core.Suggestion, Start: comma, End: comma + 2,
			Message: "No space before a comma: 50%, a \"quote\", a:colon\nand a second line.",
			Fixes:   []core.Fix{{Title: "Remove the space", Edits: []core.Edit{{Start: comma, End: comma + 1, New: ""}, {Start: comma + 1, End: comma + 2, New: ","}}}}},
		{Rule: "News.Cafe", Category: core.CatStyle, Severity: core.Warning, Start: cafe, End: cafe + len("Café"), Message: "Check the accent."},
		{Rule: "Copy.Empty", Category: core.CatCMS, Severity: core.Error, Start: last, End: last, Message: "An empty span."},
	}}
}

// annotation is a GitHub workflow command read back.
type annotation struct {
	Level                         string
	File, Title                   string
	Line, Col, EndLine, EndColumn int
	Message                       string
	Unknown                       []string // properties the runner would not know
}

// parseGitHub reads workflow commands the way the runner does: "::", the
// command, properties up to "::", then the message; %-escapes decoded.
func parseGitHub(t *testing.T, out string) []annotation {
	t.Helper()
	unescape := strings.NewReplacer("%25", "%", "%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",")
	var got []annotation
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if !strings.HasPrefix(line, "::") {
			t.Fatalf("not a workflow command: %q", line)
		}
		head, msg, ok := strings.Cut(line[2:], "::")
		if !ok {
			t.Fatalf("no message: %q", line)
		}
		cmd, props, _ := strings.Cut(head, " ")
		a := annotation{Level: cmd, Message: unescape.Replace(msg)}
		for _, p := range strings.Split(props, ",") {
			k, v, _ := strings.Cut(p, "=")
			v = unescape.Replace(v)
			n, _ := strconv.Atoi(v)
			switch k {
			case "file":
				a.File = v
			case "title":
				a.Title = v
			case "line":
				a.Line = n
			case "col":
				a.Col = n
			case "endLine":
				a.EndLine = n
			case "endColumn":
				a.EndColumn = n
			default:
				a.Unknown = append(a.Unknown, p)
			}
		}
		got = append(got, a)
	}
	return got
}

func TestGitHubAnnotationsReadBackToTheFindings(t *testing.T) {
	f := sample("news desk/a,b:c 100%.txt")
	var buf bytes.Buffer
	if err := GitHub(&buf, []File{f}); err != nil {
		t.Fatal(err)
	}
	got := parseGitHub(t, buf.String())
	if len(got) != len(f.Findings) {
		t.Fatalf("%d annotations for %d findings:\n%s", len(got), len(f.Findings), buf.String())
	}
	levels := map[core.Severity]string{core.Error: "error", core.Warning: "warning", core.Suggestion: "notice"}
	for i, x := range f.Findings {
		a := got[i]
		line, col := f.Doc.Position(x.Start)
		el, ec := f.Doc.Position(x.End)
		want := annotation{Level: levels[x.Severity], File: f.Path, Title: x.Rule, Line: line, Col: col, EndLine: el, EndColumn: ec}
		msg, hint, _ := strings.Cut(a.Message, "\nFix: ")
		a.Message = ""
		if !reflect.DeepEqual(a, want) {
			t.Errorf("finding %d: got %+v, want %+v", i, a, want)
		}
		if msg != x.Message {
			t.Errorf("finding %d: message %q, want %q", i, msg, x.Message)
		}
		if reps := Replacements(f.Doc.Text, x); len(reps) > 0 && hint == "" || len(reps) == 0 && hint != "" {
			t.Errorf("finding %d: fix hint %q for replacements %q", i, hint, reps)
		}
	}
	// the columns count characters: "tool" follows an emoji and "The the"
	if got[1].Col != strings.Index("The the vote 😀 tool", "tool")-3+1 {
		t.Errorf("column after the emoji: %d", got[1].Col)
	}
	if !strings.Contains(got[1].Message, "Fix: replace with 'took' or replace with 'told'") {
		t.Errorf("alternatives: %q", got[1].Message)
	}
	// every command stays on one line, and no property leaks a raw : or ,
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		head := strings.SplitN(line[2:], "::", 2)[0]
		if strings.Count(head, ",") != 5 {
			t.Errorf("properties not escaped: %q", head)
		}
	}
}

func TestGitHubEscaping(t *testing.T) {
	if got := githubData("50% done\r\nnext: a, b"); got != "50%25 done%0D%0Anext: a, b" {
		t.Errorf("data: %q", got)
	}
	if got := githubProperty("a:b,c%\n"); got != "a%3Ab%2Cc%25%0A" {
		t.Errorf("property: %q", got)
	}
}

func compileSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open("testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const url = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func TestSARIFIsValidAgainstTheSchemaAndCarriesRegionsAndFixes(t *testing.T) {
	sch := compileSARIFSchema(t)
	files := []File{sample("copy/story one.txt"), sample("copy/naïve:1.txt")}
	meta := map[string]core.Meta{"Copy.DoubledWord": {ID: "Copy.DoubledWord", Severity: core.Error, Doc: "A word written twice in a row."}}
	var buf bytes.Buffer
	if err := SARIF(&buf, files, SARIFOptions{ToolVersion: "1.2.3", Rules: meta, SrcRoot: "/work/news room"}); err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Fatalf("invalid SARIF: %v\n%s", err, buf.String())
	}

	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Name, Version string
					Rules         []struct {
						ID                   string
						ShortDescription     struct{ Text string }
						DefaultConfiguration struct{ Level string }
					}
				}
			}
			OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
			ColumnKind         string
			Results            []struct {
				RuleID    string
				RuleIndex int
				Level     string
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI, URIBaseID string }
						Region           sarifRegion
					}
				}
				Fixes []struct {
					Description     struct{ Text string }
					ArtifactChanges []struct {
						ArtifactLocation struct{ URI string }
						Replacements     []struct {
							DeletedRegion   sarifRegion
							InsertedContent struct{ Text string }
						}
					}
				}
			}
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name != "copydesk" || run.Tool.Driver.Version != "1.2.3" || run.ColumnKind != "unicodeCodePoints" {
		t.Fatalf("driver %+v, columnKind %q", run.Tool.Driver, run.ColumnKind)
	}
	if run.OriginalURIBaseIDs["%SRCROOT%"].URI != "file:///work/news%20room/" {
		t.Fatalf("base %+v", run.OriginalURIBaseIDs)
	}
	rules := run.Tool.Driver.Rules
	var ids []string
	for _, r := range rules {
		ids = append(ids, r.ID)
	}
	if want := []string{"Copy.DoubledWord", "Copy.Empty", "Copy.RealWord", "Copy.Spacing", "News.Cafe"}; !reflect.DeepEqual(ids, want) {
		t.Fatalf("rules %v", ids)
	}
	if rules[0].ShortDescription.Text != "A word written twice in a row." || rules[0].DefaultConfiguration.Level != "error" {
		t.Errorf("known rule metadata: %+v", rules[0])
	}
	if rules[4].ShortDescription.Text != "Check the accent." || rules[4].DefaultConfiguration.Level != "warning" {
		t.Errorf("Vale rule metadata: %+v", rules[4])
	}
	if len(run.Results) != 2*len(files[0].Findings) {
		t.Fatalf("%d results", len(run.Results))
	}
	for i, res := range run.Results {
		f := files[i/len(files[0].Findings)]
		x := f.Findings[i%len(f.Findings)]
		if rules[res.RuleIndex].ID != res.RuleID || res.RuleID != x.Rule || res.Message.Text != x.Message {
			t.Errorf("result %d: %+v", i, res)
		}
		loc := res.Locations[0].PhysicalLocation
		wantURI := map[string]string{"copy/story one.txt": "copy/story%20one.txt", "copy/naïve:1.txt": "copy/na%C3%AFve:1.txt"}[f.Path]
		if loc.ArtifactLocation.URI != wantURI || loc.ArtifactLocation.URIBaseID != "%SRCROOT%" {
			t.Errorf("result %d: location %+v", i, loc.ArtifactLocation)
		}
		r := loc.Region
		// bytes and lines/columns describe the same text
		if f.Doc.Text[r.ByteOffset:r.ByteOffset+r.ByteLength] != f.Doc.Text[x.Start:x.End] {
			t.Errorf("result %d: bytes %d+%d", i, r.ByteOffset, r.ByteLength)
		}
		if got := textAt(f.Doc, r.StartLine, r.StartColumn, r.EndLine, r.EndColumn); got != f.Doc.Text[x.Start:x.End] {
			t.Errorf("result %d: lines and columns give %q, want %q", i, got, f.Doc.Text[x.Start:x.End])
		}
		// applying each SARIF fix gives what applying the finding's fix gives
		if len(res.Fixes) != len(x.Fixes) {
			t.Errorf("result %d: %d fixes for %d", i, len(res.Fixes), len(x.Fixes))
			continue
		}
		for j, fx := range res.Fixes {
			var edits []core.Edit
			for _, rep := range fx.ArtifactChanges[0].Replacements {
				d := rep.DeletedRegion
				if textAt(f.Doc, d.StartLine, d.StartColumn, d.EndLine, d.EndColumn) != f.Doc.Text[d.ByteOffset:d.ByteOffset+d.ByteLength] {
					t.Errorf("result %d fix %d: deleted region disagrees with itself: %+v", i, j, d)
				}
				edits = append(edits, core.Edit{Start: d.ByteOffset, End: d.ByteOffset + d.ByteLength, New: rep.InsertedContent.Text})
			}
			got, err1 := core.ApplyEdits(f.Doc.Text, edits)
			want, err2 := core.ApplyEdits(f.Doc.Text, x.Fixes[j].Edits)
			if err1 != nil || err2 != nil || got != want {
				t.Errorf("result %d fix %d: %q, want %q (%v %v)", i, j, got, want, err1, err2)
			}
			if fx.Description.Text != x.Fixes[j].Title {
				t.Errorf("result %d fix %d: description %q", i, j, fx.Description.Text)
			}
		}
	}
	// a schema check that can fail: a result without a message is refused
	broken := strings.Replace(buf.String(), `"message": {`, `"messages": {`, 1)
	inst, _ = jsonschema.UnmarshalJSON(strings.NewReader(broken))
	if sch.Validate(inst) == nil {
		t.Fatal("the schema accepted a result without a message")
	}
}

func TestSARIFWithoutFindingsIsStillALog(t *testing.T) {
	sch := compileSARIFSchema(t)
	var buf bytes.Buffer
	if err := SARIF(&buf, nil, SARIFOptions{}); err != nil {
		t.Fatal(err)
	}
	inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
	if err := sch.Validate(inst); err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if !strings.Contains(buf.String(), `"results": []`) {
		t.Fatalf("no empty results array:\n%s", buf.String())
	}
}

// textAt reads the text between two SARIF positions: 1-based lines and
// character columns, the end column just past the last character.
func textAt(d *core.Doc, sl, sc, el, ec int) string {
	s := d.RuneColumnToOffset(sl, sc)
	e := d.RuneColumnToOffset(el, ec)
	if e < s {
		return fmt.Sprintf("<bad range %d:%d-%d:%d>", sl, sc, el, ec)
	}
	return d.Text[s:e]
}

func TestRDJSONReadsBackWithByteColumnsAndSuggestions(t *testing.T) {
	f := sample("copy/Zoë's story.md")
	var buf bytes.Buffer
	if err := RDJSON(&buf, []File{f}); err != nil {
		t.Fatal(err)
	}
	var got RDResult
	dec := json.NewDecoder(&buf)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatal(err)
	}
	if got.Source.Name != "copydesk" || len(got.Diagnostics) != len(f.Findings) {
		t.Fatalf("got %+v", got)
	}
	// byteAt reads a position the way reviewdog does: the column counts
	// bytes from the start of the line
	lines := regexp.MustCompile("(?s)[^\n]*\n?").FindAllStringIndex(f.Doc.Text, -1)
	byteAt := func(p RDPosition) int { return lines[p.Line-1][0] + p.Column - 1 }
	sev := map[core.Severity]string{core.Error: "ERROR", core.Warning: "WARNING", core.Suggestion: "INFO"}
	for i, x := range f.Findings {
		d := got.Diagnostics[i]
		if d.Message != x.Message || d.Code.Value != x.Rule || d.Severity != sev[x.Severity] || d.Location.Path != f.Path {
			t.Errorf("diagnostic %d: %+v", i, d)
		}
		if s, e := byteAt(d.Location.Range.Start), byteAt(d.Location.Range.End); s != x.Start || e != x.End {
			t.Errorf("diagnostic %d: range %+v reads as %d-%d, want %d-%d", i, d.Location.Range, s, e, x.Start, x.End)
		}
		var texts []string
		for _, s := range d.Suggestions {
			if s.Range != d.Location.Range {
				t.Errorf("diagnostic %d: suggestion range %+v", i, s.Range)
			}
			texts = append(texts, s.Text)
		}
		if want := Replacements(f.Doc.Text, x); !reflect.DeepEqual(texts, want) && !(len(texts) == 0 && len(want) == 0) {
			t.Errorf("diagnostic %d: suggestions %q, want %q", i, texts, want)
		}
	}
	// the emoji is four bytes: "tool" sits four bytes further right than
	// its character column
	if d := got.Diagnostics[1]; d.Location.Range.Start.Column != strings.Index("The the vote 😀 tool", "tool")+1 {
		t.Errorf("byte column %d", d.Location.Range.Start.Column)
	}
}
