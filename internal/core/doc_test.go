package core

import (
	"strings"
	"testing"
)

// proseOf maps every word back to the file and checks it lands on the same
// text; it returns the words for further checks.
func checkWordsMapBack(t *testing.T, d *Doc) {
	t.Helper()
	for _, w := range d.Words() {
		s, e := d.TextSpan(w.Start, w.End)
		if got, want := d.Text[s:e], d.WordText(w); got != want && !strings.Contains(got, "&") {
			t.Errorf("word %q maps to %q", want, got)
		}
	}
}

func TestPlainTextProseIsTheFileWithoutBOM(t *testing.T) {
	d := NewDoc("a.txt", "\ufeffHead\n\nBody text.\n", FormatText, Options{})
	if d.Prose != "Head\n\nBody text.\n" {
		t.Fatalf("prose %q", d.Prose)
	}
	s, e := d.TextSpan(6, 10) // "Body"
	if d.Text[s:e] != "Body" || s != 9 {
		t.Fatalf("span maps to %d:%d %q", s, e, d.Text[s:e])
	}
	checkWordsMapBack(t, d)
}

func TestCRLFIsReadAsLFAndWrittenBackAsCRLF(t *testing.T) {
	text := "Headline\r\n\r\nOne line\r\nAdvertisement\r\nlast\r\n"
	d := NewDoc("a.txt", text, FormatText, Options{})
	if strings.Contains(d.Prose, "\r") {
		t.Fatalf("prose keeps CR: %q", d.Prose)
	}
	i := strings.Index(d.Prose, "Advertisement\n")
	// deleting the line and its break removes the CRLF too
	e, ok := d.TextEdit(Edit{Start: i, End: i + len("Advertisement\n")})
	if !ok {
		t.Fatal("edit refused")
	}
	out, _ := ApplyEdits(text, []Edit{e})
	if out != "Headline\r\n\r\nOne line\r\nlast\r\n" {
		t.Fatalf("got %q", out)
	}
	// a replacement holding a line break gets the file's line ending
	e, _ = d.TextEdit(Edit{Start: i, End: i, New: "x\n"})
	if e.New != "x\r\n" {
		t.Fatalf("new text %q", e.New)
	}
	checkWordsMapBack(t, d)
}

func TestMarkdownSkipsCodeFrontMatterAndMarkup(t *testing.T) {
	src := "---\ntitle: the the\n---\n# Storm hits coast\n\nThe *storm* hit `the the` coast at [dawn](http://x.test/the-the).\n\n```\nthe the\n```\n\n<!-- a comment -->\nLast &amp; final.\n"
	d := NewDoc("a.md", src, FormatMarkdown, Options{})
	for _, bad := range []string{"title", "http", "```", "<!--", "*storm*"} {
		if strings.Contains(d.Prose, bad) {
			t.Errorf("prose holds markup %q: %q", bad, d.Prose)
		}
	}
	if !strings.Contains(d.Prose, "The storm hit") || !strings.Contains(d.Prose, "Last & final.") {
		t.Errorf("prose lost text: %q", d.Prose)
	}
	if got := strings.Count(d.Prose, "the the"); got != 0 {
		t.Errorf("code reached the prose: %q", d.Prose)
	}
	if d.Paras()[0].Kind != KindHeadline {
		t.Errorf("h1 is not the headline: %+v", d.Paras()[0])
	}
	checkWordsMapBack(t, d)
	// an edit inside one run of text maps exactly
	i := strings.Index(d.Prose, "coast")
	e, ok := d.TextEdit(Edit{Start: i, End: i + 5, New: "shore"})
	if !ok || src[e.Start:e.End] != "coast" {
		t.Fatalf("edit %+v %v", e, ok)
	}
	// an edit across the emphasis marks is refused: it would remove them
	j := strings.Index(d.Prose, "The storm")
	if _, ok := d.TextEdit(Edit{Start: j, End: j + len("The storm"), New: "A gale"}); ok {
		t.Fatal("edit across markup accepted")
	}
}

func TestHTMLProseSkipsTagsScriptsAndDecodesEntities(t *testing.T) {
	src := "<html><head><style>p{}</style><script>var the=1;</script></head><body>\n<h1>Fire &amp; rain</h1>\n<p>The <em>mayor</em>&rsquo;s office   said\n it <code>x</code> would.</p><p>Second.</p></body></html>"
	d := NewDoc("a.html", src, FormatHTML, Options{})
	want := "Fire & rain\n\nThe mayor’s office said it \ufffc would.\n\nSecond."
	if d.Prose != want {
		t.Fatalf("prose\n%q\nwant\n%q", d.Prose, want)
	}
	if d.Paras()[0].Kind != KindHeadline {
		t.Error("h1 is not the headline")
	}
	checkWordsMapBack(t, d)
	// &nbsp; in HTML is markup, not debris: it never reaches the prose as text
	d2 := NewDoc("b.html", "<p>a&nbsp;b</p>", FormatHTML, Options{})
	if strings.Contains(d2.Prose, "&") {
		t.Fatalf("entity left in prose: %q", d2.Prose)
	}
}

func TestRuneColumnsBecomeByteOffsets(t *testing.T) {
	text := "“Café” — naïve end-year\nsecond é line\n"
	d := NewDoc("a.txt", text, FormatText, Options{})
	// "end-year" starts at rune column 16 of line 1
	off := d.RuneColumnToOffset(1, 16)
	if !strings.HasPrefix(text[off:], "end-year") {
		t.Fatalf("offset %d lands on %q", off, text[off:])
	}
	off = d.RuneColumnToOffset(2, 10)
	if !strings.HasPrefix(text[off:], "line") {
		t.Fatalf("offset %d lands on %q", off, text[off:])
	}
	line, col := d.Position(strings.Index(text, "end-year"))
	if line != 1 || col != 16 {
		t.Fatalf("position %d:%d", line, col)
	}
}

func TestQuotationsPairAcrossContinuedParagraphs(t *testing.T) {
	text := "Head\n\n\"We will rebuild,\" Lee said. \"The town\n\n\"will come back.\"\n\nShe said it was 'rock 'n' roll' in the '90s, on a 6\" pipe."
	d := NewDoc("a.txt", text, FormatText, Options{})
	if len(d.QuoteIssues()) != 0 {
		t.Fatalf("false quote issues: %+v", d.QuoteIssues())
	}
	if !d.InQuote(strings.Index(d.Prose, "rebuild"), strings.Index(d.Prose, "rebuild")+7) {
		t.Error("rebuild not in a quote")
	}
	if !d.InQuote(strings.Index(d.Prose, "town"), strings.Index(d.Prose, "town")+4) {
		t.Error("continued quotation lost")
	}
	if d.InQuote(strings.Index(d.Prose, "Lee"), strings.Index(d.Prose, "Lee")+3) {
		t.Error("attribution inside a quote")
	}
}

func TestUnopenedQuotationIsPlacedAtItsSentence(t *testing.T) {
	text := "Head\n\nThe deal was signed, the firm said. Given the integration, we will merge,\" Sumitomo said.\n"
	d := NewDoc("a.txt", text, FormatText, Options{})
	iss := d.QuoteIssues()
	if len(iss) != 1 || !iss[0].Unopened {
		t.Fatalf("issues %+v", iss)
	}
	if got := d.Prose[iss[0].Insert:]; !strings.HasPrefix(got, "Given") {
		t.Fatalf("insert at %q", got)
	}
	// an unclosed quotation whose next paragraph is narration
	d = NewDoc("a.txt", "Head\n\n\"We will rebuild, Lee said.\n\nThe council met.\n", FormatText, Options{})
	if iss := d.QuoteIssues(); len(iss) != 1 || iss[0].Unopened {
		t.Fatalf("issues %+v", iss)
	}
}

func TestSentenceStartsIgnoreAbbreviations(t *testing.T) {
	d := NewDoc("a.txt", "Mr. Smith met Sen. Jones in the U.S. on Sept. 4. They talked.", FormatText, Options{})
	var starts []string
	for _, w := range d.Words() {
		if w.Has(WSentStart) {
			starts = append(starts, d.WordText(w))
		}
	}
	if strings.Join(starts, ",") != "Mr,They" {
		t.Fatalf("sentence starts %v", starts)
	}
	if n := len(d.Sentences()); n != 2 {
		t.Fatalf("%d sentences: %v", n, d.Sentences())
	}
}

func TestIgnoreCommentsSilenceTheNextLine(t *testing.T) {
	src := "Intro line.\n\n<!-- copydesk-disable-next-line Copy.Spacing -->\nTwo  spaces here.\n\nTwo  spaces there.\n"
	d := NewDoc("a.md", src, FormatMarkdown, Options{})
	first := strings.Index(src, "Two  spaces here")
	second := strings.Index(src, "Two  spaces there")
	if !d.Ignored("Copy.Spacing", first+3, first+5) {
		t.Error("next line not ignored")
	}
	if d.Ignored("Copy.Spacing", second+3, second+5) {
		t.Error("a later line ignored")
	}
	if d.Ignored("Copy.DoubledWord", first+3, first+5) {
		t.Error("another rule ignored")
	}
}

func TestApplyEditsKeepsBytesOutsideEdits(t *testing.T) {
	s := "abc\xffdef"
	out, err := ApplyEdits(s, []Edit{{Start: 4, End: 5, New: "D"}, {Start: 0, End: 0, New: ">"}})
	if err != nil || out != ">abc\xffDef" {
		t.Fatalf("%q %v", out, err)
	}
	if _, err := ApplyEdits(s, []Edit{{0, 3, "x"}, {2, 4, "y"}}); err == nil {
		t.Fatal("overlap accepted")
	}
}
