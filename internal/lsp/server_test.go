package lsp

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/copydesk/copydesk/rules"
)

const wait = 20 * time.Second

// storyLine puts a doubled word (and, once the real-word rule is
// registered, "tool place") after curly quotes, an accent, a dash and an
// emoji outside the Basic Multilingual Plane, where UTF-16 and UTF-8
// columns differ.
const storyLine = "“Wow,” 😀 — naïve fans said the the doors opened, and the vote which tool place on Monday.\n"
const story = "Crowds cheer as café reopens\n\n" + storyLine

func noVale() map[string]any { return map[string]any{"noVale": true} }

// asChanges turns the edits of one workspace edit (ranges in the text
// before any of them) into content changes applied one after another, as an
// editor reports them: last edit first.
func asChanges(edits []TextEdit) []TextDocumentContentChangeEvent {
	es := append([]TextEdit(nil), edits...)
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i].Range.Start, es[j].Range.Start
		return a.Line > b.Line || a.Line == b.Line && a.Character > b.Character
	})
	out := make([]TextDocumentContentChangeEvent, len(es))
	for i := range es {
		r := es[i].Range
		out[i] = TextDocumentContentChangeEvent{Range: &r, Text: es[i].NewText}
	}
	return out
}

func preferredFix(t *testing.T, acts []CodeAction, code string) CodeAction {
	t.Helper()
	for _, a := range acts {
		if a.Kind == kindQuickFix && a.IsPreferred && len(a.Diagnostics) == 1 && a.Diagnostics[0].Code == code {
			return a
		}
	}
	t.Fatalf("no preferred quick fix for %s among %d actions: %+v", code, len(acts), acts)
	return CodeAction{}
}

func TestDiagnosticsHaveUTF16RangesAndQuickFixesApply(t *testing.T) {
	c := startClient(t, clientOptions{init: noVale()})
	if c.enc != encUTF16 {
		t.Fatalf("a client that offers no encodings gets UTF-16, got %q", c.enc)
	}
	if c.init.Capabilities.TextDocumentSync.Change != syncIncremental {
		t.Errorf("sync kind %d, want incremental", c.init.Capabilities.TextDocumentSync.Change)
	}
	uri := pathURI(filepath.Join(c.root, "story.txt"))
	c.open(uri, "plaintext", story)
	p := c.waitPub(uri, wait, atVersion(1))

	ds := find(p, "Copy.DoubledWord")
	if len(ds) != 1 {
		t.Fatalf("want one Copy.DoubledWord, got %s", describePub(p))
	}
	d := ds[0]
	at := strings.Index(story, "the the")
	if want := clientRange(story, at, at+len("the the"), encUTF16); d.Range != want {
		t.Errorf("range %+v, want %+v (UTF-16)", d.Range, want)
	}
	if d.Range.Start.Character == uint32(at-strings.Index(story, "“Wow")) {
		t.Errorf("the character is a byte count, not UTF-16 units")
	}
	if d.Severity != sevError || d.Source != "copydesk" || d.Message == "" {
		t.Errorf("diagnostic fields: %+v", d)
	}
	if d.CodeDescription == nil || !strings.HasSuffix(d.CodeDescription.Href, "docs/rules.md#Copy.DoubledWord") {
		t.Errorf("codeDescription: %+v", d.CodeDescription)
	}

	acts := c.codeActions(uri, d.Range, []Diagnostic{d})
	fix := preferredFix(t, acts, "Copy.DoubledWord")
	edits := editsFor(t, fix, uri)
	fixed := applyTextEdits(t, story, edits, c.enc)
	if want := strings.Replace(story, "the the", "the", 1); fixed != want {
		t.Fatalf("quick fix gives %q, want %q", fixed, want)
	}
	c.change(uri, 2, asChanges(edits)...)
	p = c.waitPub(uri, wait, atVersion(2))
	if len(find(p, "Copy.DoubledWord")) != 0 {
		t.Errorf("the doubled word is still reported after the fix: %s", describePub(p))
	}

	if rules.ByID("Copy.RealWord") != nil {
		rw := find(p, "Copy.RealWord")
		if len(rw) == 0 {
			t.Fatalf("Copy.RealWord is registered but did not flag 'tool place': %s", describePub(p))
		}
		s, e := spanOf(fixed, rw[0].Range, c.enc)
		if !strings.Contains(fixed[s:e], "tool") {
			t.Errorf("Copy.RealWord range covers %q", fixed[s:e])
		}
		acts := c.codeActions(uri, rw[0].Range, rw[:1])
		out := applyTextEdits(t, fixed, editsFor(t, preferredFix(t, acts, "Copy.RealWord"), uri), c.enc)
		if !strings.Contains(out, "which took place on Monday") {
			t.Errorf("real-word fix gives %q", out)
		}
	}
	if code := c.shutdownAndExit(); code != 0 {
		t.Errorf("exit code %d after shutdown, want 0", code)
	}
}

func TestUTF8PositionsWhenTheClientOffersThem(t *testing.T) {
	c := startClient(t, clientOptions{init: noVale(), encodings: []string{encUTF16, encUTF8}})
	if c.enc != encUTF8 {
		t.Fatalf("client offered utf-8, server chose %q", c.enc)
	}
	uri := pathURI(filepath.Join(c.root, "story.txt"))
	c.open(uri, "plaintext", story)
	p := c.waitPub(uri, wait, atVersion(1))
	d := find(p, "Copy.DoubledWord")
	at := strings.Index(story, "the the")
	ls := strings.LastIndex(story[:at], "\n") + 1
	if len(d) != 1 || d[0].Range.Start != (Position{2, uint32(at - ls)}) || d[0].Range.End.Character != uint32(at-ls+7) {
		t.Fatalf("want bytes %d-%d on line 2, got %s", at-ls, at-ls+7, describePub(p))
	}
	// an incremental change in UTF-8 columns, after the emoji
	emoji := strings.Index(storyLine, "😀") + len("😀")
	r := Range{Start: Position{2, uint32(emoji)}, End: Position{2, uint32(emoji)}}
	c.change(uri, 2, TextDocumentContentChangeEvent{Range: &r, Text: " “Très”"})
	text := story[:ls+emoji] + " “Très”" + story[ls+emoji:]
	p = c.waitPub(uri, wait, atVersion(2))
	at = strings.Index(text, "the the")
	d = find(p, "Copy.DoubledWord")
	if len(d) != 1 || d[0].Range != clientRange(text, at, at+7, encUTF8) {
		t.Fatalf("after the change: %s, want %+v", describePub(p), clientRange(text, at, at+7, encUTF8))
	}
}

func TestIncrementalChangesKeepTheServerTextInStep(t *testing.T) {
	c := startClient(t, clientOptions{init: noVale(), docChanges: true})
	uri := pathURI(filepath.Join(c.root, "storm.txt"))
	text := "Storm hits coast\n\nThe storm closed the the schools on Monday.\n"
	c.open(uri, "plaintext", text)
	c.waitPub(uri, wait, atVersion(1))

	check := func(v int32) {
		t.Helper()
		p := c.waitPub(uri, wait, atVersion(v))
		d := find(p, "Copy.DoubledWord")
		at := strings.Index(text, "the the")
		if len(d) != 1 || d[0].Range != clientRange(text, at, at+7, encUTF16) {
			t.Fatalf("v%d: %s, want %+v in %q", v, describePub(p), clientRange(text, at, at+7, encUTF16), text)
		}
	}
	edit := func(v int32, start, end int, repl string) TextDocumentContentChangeEvent {
		r := clientRange(text, start, end, encUTF16)
		text = text[:start] + repl + text[end:]
		return TextDocumentContentChangeEvent{Range: &r, Text: repl}
	}

	// a change before the finding, on its line, with characters outside the BMP
	line2 := strings.Index(text, "The storm")
	c.change(uri, 2, edit(2, line2, line2, "“Très” 😀 "))
	check(2)

	// delete the emoji: a range of two UTF-16 units
	e := strings.Index(text, "😀")
	c.change(uri, 3, edit(3, e, e+len("😀 "), ""))
	check(3)

	// two changes in one notification, applied in order: one on an earlier
	// line, then one that adds a line above the finding
	ch1 := edit(4, 0, len("Storm"), "Tempête ☔")
	nl := strings.Index(text, "\n\n")
	ch2 := edit(4, nl+1, nl+1, "Naïve — line\n")
	c.change(uri, 4, ch1, ch2)
	check(4)

	// a change after the finding leaves it in place
	end := strings.Index(text, "Monday")
	c.change(uri, 5, edit(5, end, end+len("Monday"), "Tuesday 🌧"))
	check(5)

	// a full-text change
	text = "New top\n\nCrews said the the roads were clear 🚧.\n"
	c.change(uri, 6, TextDocumentContentChangeEvent{Text: text})
	check(6)

	// the fix-all edit applied to the client's text gives the fixed text:
	// the server's copy matched ours byte for byte around it
	acts := c.codeActions(uri, Range{}, nil, kindSourceFixAll)
	if len(acts) != 1 || acts[0].Kind != kindFixAllCopydesk {
		t.Fatalf("fix-all: %+v", acts)
	}
	if dc := acts[0].Edit.DocumentChanges; len(dc) != 1 || dc[0].TextDocument.Version == nil || *dc[0].TextDocument.Version != 6 {
		t.Errorf("fix-all edit should be versioned 6: %+v", acts[0].Edit)
	}
	got := applyTextEdits(t, text, editsFor(t, acts[0], uri), c.enc)
	if want := strings.Replace(text, "the the", "the", 1); got != want {
		t.Errorf("fix-all gives %q, want %q", got, want)
	}
}

func TestFixAllAppliesOnlyUnambiguousFixes(t *testing.T) {
	c := startClient(t, clientOptions{init: noVale()})
	uri := pathURI(filepath.Join(c.root, "council.txt"))
	text := "Council backs plan\n\nThe council recieved the the bugdet on Monday , officials said.\n"
	c.open(uri, "plaintext", text)
	p := c.waitPub(uri, wait, atVersion(1))
	if len(find(p, "Copy.Spelling")) != 1 {
		t.Fatalf("want a Copy.Spelling finding for bugdet: %s", describePub(p))
	}
	acts := c.codeActions(uri, Range{}, nil, kindSourceFixAll)
	if len(acts) != 1 || acts[0].Title != fixAllTitle || acts[0].Kind != kindFixAllCopydesk {
		t.Fatalf("want one fix-all action, got %+v", acts)
	}
	got := applyTextEdits(t, text, editsFor(t, acts[0], uri), c.enc)
	// bugdet has several candidate corrections, so it is left alone
	want := "Council backs plan\n\nThe council received the bugdet on Monday, officials said.\n"
	if got != want {
		t.Errorf("fix-all gives\n%q\nwant\n%q", got, want)
	}
	// asking for quick fixes alone leaves the source action out
	sp := find(p, "Copy.Spelling")
	for _, a := range c.codeActions(uri, sp[0].Range, sp, kindQuickFix) {
		if a.Kind != kindQuickFix {
			t.Errorf("only=quickfix returned %q (%s)", a.Title, a.Kind)
		}
	}
	// several alternatives: one action each, the first preferred
	var alts []CodeAction
	for _, a := range c.codeActions(uri, sp[0].Range, sp) {
		if a.Edit != nil && a.Kind == kindQuickFix {
			alts = append(alts, a)
		}
	}
	if len(alts) < 2 || !alts[0].IsPreferred || alts[1].IsPreferred {
		t.Errorf("alternatives: %+v", alts)
	}
	if got := applyTextEdits(t, text, editsFor(t, alts[0], uri), c.enc); !strings.Contains(got, "the the budget on") {
		t.Errorf("first alternative gives %q", got)
	}
}

func TestMarkdownDocumentsSkipCode(t *testing.T) {
	c := startClient(t, clientOptions{init: noVale()})
	uri := pathURI(filepath.Join(c.root, "notes.md"))
	text := "# Notes\n\nRun `say the the` first, then the the rest.\n"
	c.open(uri, "markdown", text)
	p := c.waitPub(uri, wait, atVersion(1))
	d := find(p, "Copy.DoubledWord")
	at := strings.LastIndex(text, "the the")
	if len(d) != 1 || d[0].Range != clientRange(text, at, at+7, encUTF16) {
		t.Errorf("want the prose doubled word only: %s", describePub(p))
	}
}

func TestAddToVocabularyUsesTheFallbackFileWithTheDefaultConfig(t *testing.T) {
	c := startClient(t, clientOptions{init: noVale()})
	uri := pathURI(filepath.Join(c.root, "council.txt"))
	text := "The council approved the bugdet plan on Monday.\n"
	c.open(uri, "plaintext", text)
	p := c.waitPub(uri, wait, atVersion(1))
	sp := find(p, "Copy.Spelling")
	if len(sp) != 1 {
		t.Fatalf("want Copy.Spelling on bugdet: %s", describePub(p))
	}
	var add *CodeAction
	for _, a := range c.codeActions(uri, sp[0].Range, sp) {
		if a.Command != nil && a.Command.Command == cmdAddToVocabulary {
			add = &a
		}
	}
	if add == nil || add.Title != "Add 'bugdet' to vocabulary" {
		t.Fatalf("no add-to-vocabulary action: %+v", add)
	}
	n := len(c.publications(uri))
	if err := c.call("workspace/executeCommand", map[string]any{"command": add.Command.Command, "arguments": add.Command.Arguments}, nil); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(c.root, ".copydesk", "vocab", "accept.txt"))
	if err != nil || string(data) != "bugdet\n" {
		t.Fatalf("accept.txt: %q, %v", data, err)
	}
	p = c.waitPubFrom(uri, n, wait, func(p PublishDiagnosticsParams) bool { return true })
	if len(find(p, "Copy.Spelling")) != 0 {
		t.Errorf("bugdet still reported after adding it: %s", describePub(p))
	}
	c.mu.Lock()
	var told bool
	for _, m := range c.messages {
		told = told || strings.Contains(m.Message, filepath.Join(".copydesk", "vocab", "accept.txt"))
	}
	c.mu.Unlock()
	if !told {
		t.Errorf("the user was not told where the word went: %+v", c.messages)
	}
	// a document opened later reads the list too; adding twice writes once
	uri2 := pathURI(filepath.Join(c.root, "other.txt"))
	c.open(uri2, "plaintext", "Another bugdet story.\n")
	if p := c.waitPub(uri2, wait, atVersion(1)); len(find(p, "Copy.Spelling")) != 0 {
		t.Errorf("second document: %s", describePub(p))
	}
	if err := c.call("workspace/executeCommand", map[string]any{"command": add.Command.Command, "arguments": add.Command.Arguments}, nil); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(filepath.Join(c.root, ".copydesk", "vocab", "accept.txt")); string(data) != "bugdet\n" {
		t.Errorf("after a second add: %q", data)
	}
}

func TestAddToVocabularyWritesTheConfiguredVocabularyAndValeReadsIt(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, ".vale.ini"), "StylesPath = styles\nVocab = Desk\nMinAlertLevel = suggestion\n\n[*.txt]\nBasedOnStyles = Vale, News\n")
	// copydesk's own spelling rule off, so that what is seen is Vale's
	writeFile(t, filepath.Join(root, ".copydesk.ini"), "disable = Copy.Spelling\n")
	yearEnd, err := os.ReadFile(filepath.Join("..", "..", "styles", "News", "YearEnd.yml"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(root, "styles", "News", "YearEnd.yml"), string(yearEnd))
	if err := os.MkdirAll(filepath.Join(root, "styles", "config", "vocabularies", "Desk"), 0o755); err != nil {
		t.Fatal(err)
	}
	c := startClient(t, clientOptions{root: root, init: map[string]any{"valePath": valeBin(t)}})
	uri := pathURI(filepath.Join(root, "council.txt"))
	text := "The council approved the zorbluk plan at end-year.\n"
	c.open(uri, "plaintext", text)
	withVale := func(p PublishDiagnosticsParams) bool { return len(find(p, "News.YearEnd")) == 1 }
	p := c.waitPub(uri, wait*3, withVale)
	if len(find(p, "Vale.Spelling")) != 1 {
		t.Fatalf("want Vale.Spelling on zorbluk: %s", describePub(p))
	}
	n := len(c.publications(uri))
	args := []any{vocabArgs{URI: uri, Word: "zorbluk"}}
	if err := c.call("workspace/executeCommand", map[string]any{"command": cmdAddToVocabulary, "arguments": args}, nil); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(root, "styles", "config", "vocabularies", "Desk", "accept.txt"))
	if err != nil || string(data) != "zorbluk\n" {
		t.Fatalf("accept.txt: %q, %v", data, err)
	}
	// the next publication with Vale's findings comes from a Vale run
	// after the reload, which reads the new list
	p = c.waitPubFrom(uri, n, wait*3, withVale)
	if len(find(p, "Vale.Spelling")) != 0 {
		t.Errorf("Vale still reports the word: %s", describePub(p))
	}
}

func TestStaleVersionsAreNeverPublishedAndValeFindingsFollowTheText(t *testing.T) {
	c := startClient(t, clientOptions{init: map[string]any{"valePath": valeBin(t), "debounceMs": 20, "valeDebounceMs": 300}})
	uri := pathURI(filepath.Join(c.root, "budget.txt"))
	texts := map[int32]string{}
	texts[1] = "Budget set\n\nOfficials said the the budget was set at end-year.\n"
	c.open(uri, "plaintext", texts[1])
	c.waitPub(uri, wait*3, func(p PublishDiagnosticsParams) bool {
		return atVersion(1)(p) && len(find(p, "News.YearEnd")) == 1
	})
	const last = 40
	for v := int32(2); v <= last; v++ {
		texts[v] = strings.Repeat("😀", int(v%7)) + texts[1]
		if v%3 == 0 {
			texts[v] = strings.Replace(texts[v], "Officials", "Naïve “officials”", 1)
		}
		c.change(uri, v, TextDocumentContentChangeEvent{Text: texts[v]})
		time.Sleep(time.Duration(v%4) * 5 * time.Millisecond)
	}
	final := c.waitPub(uri, wait*3, func(p PublishDiagnosticsParams) bool {
		return atVersion(last)(p) && len(find(p, "News.YearEnd")) == 1
	})
	_ = final
	prev := int32(0)
	sawGoOnlyAfterChange := false
	for _, p := range c.publications(uri) {
		if p.Version == nil {
			t.Fatalf("publication without a version")
		}
		v := *p.Version
		if v < prev {
			t.Errorf("version %d published after version %d", v, prev)
		}
		prev = v
		text := texts[v]
		for _, d := range p.Diagnostics {
			s, e := spanOf(text, d.Range, c.enc)
			want := map[string]string{"Copy.DoubledWord": "the the", "News.YearEnd": "end-year"}[d.Code]
			if want != "" && text[s:e] != want {
				t.Errorf("v%d: %s covers %q, want %q", v, d.Code, text[s:e], want)
			}
		}
		if v > 1 && len(find(p, "News.YearEnd")) == 0 {
			sawGoOnlyAfterChange = true
		}
	}
	if !sawGoOnlyAfterChange {
		t.Errorf("Go findings should be published at once after a change, before Vale runs again")
	}
}

func TestSettingsChangeTheFindings(t *testing.T) {
	c := startClient(t, clientOptions{init: noVale()})
	uri := pathURI(filepath.Join(c.root, "a.txt"))
	text := "Top\n\nThe mayor said the the plan was set on Monday , officials said.\n"
	c.open(uri, "plaintext", text)
	c.waitPub(uri, wait, func(p PublishDiagnosticsParams) bool {
		return len(find(p, "Copy.DoubledWord")) == 1 && len(find(p, "Copy.Spacing")) == 1
	})
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"copydesk": map[string]any{"noVale": true, "categories": []string{"punctuation"}}}})
	c.waitPub(uri, wait, func(p PublishDiagnosticsParams) bool {
		return len(find(p, "Copy.DoubledWord")) == 0 && len(find(p, "Copy.Spacing")) == 1
	})
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"copydesk": map[string]any{"noVale": true, "minSeverity": "error"}}})
	c.waitPub(uri, wait, func(p PublishDiagnosticsParams) bool {
		return len(find(p, "Copy.DoubledWord")) == 1 && len(find(p, "Copy.Spacing")) == 0
	})
	n := len(c.publications(uri))
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"copydesk": map[string]any{"lang": "fr"}}})
	deadline := time.Now().Add(wait)
	for {
		c.mu.Lock()
		var got bool
		for _, m := range c.messages {
			got = got || m.Type == msgError && strings.Contains(m.Message, "fr")
		}
		c.mu.Unlock()
		if got {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("a bad setting was not reported")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if len(c.publications(uri)) != n {
		t.Errorf("a bad setting changed the findings")
	}
}

func TestSettingsArePulledFromClientsThatKeepThemApart(t *testing.T) {
	c := startClient(t, clientOptions{config: json.RawMessage(`{"noVale":true,"categories":["punctuation"]}`)})
	uri := pathURI(filepath.Join(c.root, "a.txt"))
	c.open(uri, "plaintext", "Top\n\nThe mayor said the the plan was set on Monday , officials said.\n")
	c.waitPub(uri, wait, func(p PublishDiagnosticsParams) bool {
		return len(find(p, "Copy.DoubledWord")) == 0 && len(find(p, "Copy.Spacing")) == 1
	})
}

func TestShutdownThenExitIsZeroAndExitAloneIsOne(t *testing.T) {
	c := startClient(t, clientOptions{init: noVale()})
	if err := c.call("shutdown", nil, nil); err != nil {
		t.Fatal(err)
	}
	err := c.call("textDocument/codeAction", CodeActionParams{}, nil)
	if err == nil || !strings.Contains(err.Error(), "shutting down") {
		t.Errorf("a request after shutdown: %v", err)
	}
	c.notify("exit", nil)
	if code := c.waitExit(); code != 0 {
		t.Errorf("exit after shutdown: %d", code)
	}

	c2 := startClient(t, clientOptions{init: noVale()})
	c2.notify("exit", nil)
	if code := c2.waitExit(); code != 1 {
		t.Errorf("exit without shutdown: %d, want 1", code)
	}
}

func TestCancelledAndUnknownRequests(t *testing.T) {
	c := startClient(t, clientOptions{init: noVale()})
	// cancelling an id that is not running is harmless
	c.notify("$/cancelRequest", map[string]any{"id": 9999})
	err := c.call("textDocument/hover", map[string]any{}, nil)
	if err == nil || !strings.Contains(err.Error(), "-32601") {
		t.Errorf("unknown method: %v", err)
	}
	uri := pathURI(filepath.Join(c.root, "a.txt"))
	c.open(uri, "plaintext", story)
	c.waitPub(uri, wait, atVersion(1))
	if code := c.shutdownAndExit(); code != 0 {
		t.Errorf("exit code %d", code)
	}
}

func TestQuickFixesForClientsThatDropDiagnosticData(t *testing.T) {
	c := startClient(t, clientOptions{init: noVale()})
	uri := pathURI(filepath.Join(c.root, "story.txt"))
	c.open(uri, "plaintext", story)
	p := c.waitPub(uri, wait, atVersion(1))
	d := find(p, "Copy.DoubledWord")
	if len(d) != 1 {
		t.Fatalf("%s", describePub(p))
	}
	d[0].Data = nil
	got := applyTextEdits(t, story, editsFor(t, preferredFix(t, c.codeActions(uri, d[0].Range, d), "Copy.DoubledWord"), uri), c.enc)
	if want := strings.Replace(story, "the the", "the", 1); got != want {
		t.Errorf("got %q", got)
	}
	// a diagnostic of an older version offers nothing
	c.change(uri, 2, TextDocumentContentChangeEvent{Text: "Intro\n\n" + story})
	c.waitPub(uri, wait, atVersion(2))
	for _, a := range c.codeActions(uri, p.Diagnostics[0].Range, find(p, "Copy.DoubledWord"), kindQuickFix) {
		t.Errorf("stale diagnostic got action %q", a.Title)
	}
}

func TestMissingValeIsReportedOnceAndTheGoRulesStillRun(t *testing.T) {
	// no COPYDESK_VALE, no vale on PATH or beside the binary, and a
	// working folder outside copydesk's module: Vale cannot be found
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "COPYDESK_VALE=") && !strings.HasPrefix(kv, "PATH=") {
			env = append(env, kv)
		}
	}
	env = append(env, "PATH=/nonexistent")
	c := startClient(t, clientOptions{env: env})
	for i, name := range []string{"a.txt", "b.txt"} {
		uri := pathURI(filepath.Join(c.root, name))
		c.open(uri, "plaintext", story)
		p := c.waitPub(uri, wait, atVersion(1))
		if len(find(p, "Copy.DoubledWord")) != 1 {
			t.Errorf("doc %d: %s", i, describePub(p))
		}
	}
	deadline := time.Now().Add(wait)
	for {
		c.mu.Lock()
		n := 0
		for _, m := range c.messages {
			if strings.Contains(m.Message, "Vale was not found") {
				n++
			}
		}
		c.mu.Unlock()
		if n == 1 {
			break
		}
		if n > 1 || time.Now().After(deadline) {
			t.Fatalf("want the missing Vale reported once, got %d times: %+v", n, c.messages)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
