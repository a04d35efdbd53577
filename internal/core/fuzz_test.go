package core

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzDoc builds the document model of arbitrary bytes as plain text,
// Markdown and HTML and checks what every rule and every surface relies on:
// the line index, positions and rune columns, paragraphs, quotations,
// sentences and words inside the prose, every word mapping back into the
// file, and prose edits mapping to file edits that lie inside the file (on
// character boundaries when the file is valid UTF-8).
//
//	go test ./internal/core -run '^$' -fuzz FuzzDoc -fuzztime 20s
//
// rep repeats the text (up to 20 KB) so that long lines, where positions are
// found through the rune marks, are reached too.
func FuzzDoc(f *testing.F) {
	seeds := []string{
		"",
		"Head\n\nThe the vote tool place Monday.\n",
		"\ufeffHead “Café” end-year\r\n\r\nThe naïve — ‘plan’ 😀, said Zoë.\r\nLast\n",
		"# Storm\n\nThe *storm* hit `the the` coast at [dawn](http://x.test/).\n\n```\ncode\n```\n<!-- copydesk-disable-next-line -->\nLast &amp; final.\n",
		"<article><h1>Head &amp; more</h1><p>One <em>two</em> three&nbsp;four.</p><figcaption>(Photo: AP)</figcaption><script>x</script><p>“Quote,” he said.</p></article>",
		"By Jane Doe\n\nWASHINGTON (AP) — \"We will,\" she said. \"Next.\n\n\"Continued,\" she said.\n",
		"Bad \xff\xfe bytes\r\rlone CR\n\x00nul\n",
		"---\ntitle: x\n---\n\ttext  with   spaces .\n",
		"He said 'the '90s were rock 'n' roll' and 6'2\" tall.",
		"a.b.c.d.e.f. U.S. Mr. Smith met Gen. Jones at 3.5 p.m.",
		"<!-- copydesk-disable Copy.Spacing -->\na ,\n<!-- copydesk-disable-next-line -->\nthe the\n<!-- copydesk-enable Copy.Spacing -->\nb ,\n<!-- copydesk-disable-next-line News -->\nlast <!-- copydesk-enable -->",
		"<p>x</p><!-- copydesk-disable-next-line Copy. --><p>the the</p>\n<!-- copydesk-disable --><p>y</p>",
		"a <http://x.y> b ![alt *x*](u.png)> c ``a`b``> d `` `x` `` e ![](u.png) f",
	}
	for i, s := range seeds {
		f.Add(s, uint8(i), uint8(0), uint16(i*7))
	}
	f.Add(strings.Repeat("é word ", 20), uint8(0), uint8(200), uint16(3))
	f.Fuzz(func(t *testing.T, text string, format, rep uint8, seed uint16) {
		if rep > 0 && len(text) > 0 {
			n := min(int(rep), 20000/len(text))
			text = strings.Repeat(text, n+1)
		}
		fm := Format(format % 3)
		d := NewDoc("fuzz", text, fm, Options{})
		checkLines(t, d)
		checkPositions(t, d, int(seed))
		checkStructure(t, d)
		checkWords(t, d)
		checkMapping(t, d)
		checkEdits(t, d, int(seed))
		checkReference(t, d)
	})
}

func checkLines(t *testing.T, d *Doc) {
	t.Helper()
	if d.Lines() != strings.Count(d.Text, "\n")+1 || d.lines[0] != 0 {
		t.Fatalf("%d lines for %d line breaks", d.Lines(), strings.Count(d.Text, "\n"))
	}
	for i := 1; i < len(d.lines); i++ {
		if d.Text[d.lines[i]-1] != '\n' {
			t.Fatalf("line %d starts at %d, not after a line break", i+1, d.lines[i])
		}
	}
	for line := 0; line <= d.Lines()+1; line++ {
		s, e := d.LineSpan(line)
		if s < 0 || s > e || e > len(d.Text) || strings.Contains(d.Text[s:e], "\n") {
			t.Fatalf("line %d spans [%d,%d)", line, s, e)
		}
	}
}

// naiveColumnToOffset is RuneColumnToOffset as a walk from the line start.
func naiveColumnToOffset(d *Doc, line, col int) int {
	s, e := d.LineSpan(line)
	if line >= 1 && line < len(d.lines) {
		e = d.lines[line]
	}
	i, n := s, 1
	for i < e && n < col {
		_, size := utf8.DecodeRuneInString(d.Text[i:e])
		i += size
		n++
	}
	return i
}

func checkPositions(t *testing.T, d *Doc, seed int) {
	t.Helper()
	step := 1
	if len(d.Text) > 2000 {
		step = len(d.Text)/500 + seed%7
	}
	// the expected line and line start, kept as the offsets grow
	prevOff, wantLine, ls := 0, 1, 0
	check := func(off int) {
		line, col := d.Position(off)
		for k := prevOff; k < off; k++ {
			if d.Text[k] == '\n' {
				wantLine, ls = wantLine+1, k+1
			}
		}
		prevOff = off
		wantCol := utf8.RuneCountInString(d.Text[ls:off]) + 1
		if line != wantLine || col != wantCol {
			t.Fatalf("Position(%d) = %d:%d, want %d:%d", off, line, col, wantLine, wantCol)
		}
		got := d.RuneColumnToOffset(line, col)
		if want := naiveColumnToOffset(d, line, col); got != want {
			t.Fatalf("RuneColumnToOffset(%d, %d) = %d, want %d", line, col, got, want)
		}
		// an offset where a character starts (decoding from the line start)
		// comes back from its column
		back := naiveColumnToOffset(d, line, col)
		if back == off && got != off {
			t.Fatalf("offset %d -> %d:%d -> %d", off, line, col, got)
		}
	}
	for off := 0; off <= len(d.Text); off += step {
		check(off)
	}
	check(len(d.Text))
	// columns past the end of a line, and lines out of range
	for _, lc := range [][2]int{{0, 1}, {1, 0}, {1, 1 << 20}, {d.Lines(), seed}, {d.Lines() + 1, 1}, {-1, -1}, {(seed % (d.Lines() + 1)) + 1, seed * 31}} {
		got := d.RuneColumnToOffset(lc[0], lc[1])
		if want := naiveColumnToOffset(d, lc[0], lc[1]); got != want || got < 0 || got > len(d.Text) {
			t.Fatalf("RuneColumnToOffset(%d, %d) = %d, want %d", lc[0], lc[1], got, want)
		}
	}
}

func checkStructure(t *testing.T, d *Doc) {
	t.Helper()
	n := len(d.Prose)
	last := 0
	for _, p := range d.Paras() {
		if p.Start < last || p.Start >= p.End || p.End > n {
			t.Fatalf("paragraph [%d,%d) after %d in %d bytes of prose", p.Start, p.End, last, n)
		}
		last = p.End
	}
	last = 0
	for _, q := range d.Quotes() {
		if q.Start < last || q.Start > q.End || q.End > n {
			t.Fatalf("quotation [%d,%d) after %d in %d bytes of prose", q.Start, q.End, last, n)
		}
		if !d.InQuote(q.Start, q.End) {
			t.Fatalf("InQuote says no to the quotation [%d,%d)", q.Start, q.End)
		}
		last = q.End
	}
	for _, qi := range d.QuoteIssues() {
		for _, sp := range []Span{qi.Mark, qi.Region} {
			if sp.Start < 0 || sp.Start > sp.End || sp.End > n {
				t.Fatalf("quote issue span [%d,%d) in %d bytes", sp.Start, sp.End, n)
			}
		}
		if qi.Insert < -1 || qi.Insert > n {
			t.Fatalf("quote issue insert at %d", qi.Insert)
		}
	}
	last = 0
	for _, s := range d.Sentences() {
		if s.Start < last || s.Start > s.End || s.End > n {
			t.Fatalf("sentence [%d,%d) after %d", s.Start, s.End, last)
		}
		if p := d.ParaAt(s.Start); p < 0 || s.End > d.paras[p].End {
			t.Fatalf("sentence [%d,%d) crosses its paragraph", s.Start, s.End)
		}
		last = s.End
	}
	if dl := d.Dateline(); dl.Start < 0 || dl.Start > dl.End || dl.End > n {
		t.Fatalf("dateline %v", dl)
	}
	for _, ig := range d.Ignores() {
		if ig.Start < 0 || ig.Start > ig.End || ig.End > len(d.Text) {
			t.Fatalf("ignore [%d,%d) in %d bytes", ig.Start, ig.End, len(d.Text))
		}
	}
	// Ignored agrees with a reading of every directive
	for off := 0; off <= len(d.Text) && len(d.Ignores()) > 0; off++ {
		for _, rule := range []string{"Copy.Spacing", "Copy.DoubledWord", "News.Said"} {
			want := false
			for _, ig := range d.Ignores() {
				if ig.Start <= off && off <= ig.End && ig.silences(rule) {
					want = true
				}
			}
			if got := d.Ignored(rule, off, off); got != want {
				t.Fatalf("Ignored(%s, %d) = %v, want %v (directives %+v)", rule, off, got, want, d.Ignores())
			}
		}
	}
}

// exactRun reports whether the prose span [s, e) lies in one run of prose
// that is the file's bytes as they are.
func exactRun(d *Doc, s, e int) bool {
	if d.m.segs == nil {
		return true
	}
	for _, sg := range d.m.segs {
		if sg.exact && sg.p <= s && e <= sg.p+sg.pn {
			return true
		}
	}
	return false
}

func checkWords(t *testing.T, d *Doc) {
	t.Helper()
	lastP, lastT := 0, 0
	for _, w := range d.Words() {
		if w.Start < lastP || w.Start >= w.End || w.End > len(d.Prose) {
			t.Fatalf("word [%d,%d) after %d in %d bytes of prose", w.Start, w.End, lastP, len(d.Prose))
		}
		lastP = w.End
		s, e := d.TextSpan(w.Start, w.End)
		if s < lastT || s >= e || e > len(d.Text) {
			t.Fatalf("word %q at [%d,%d) maps to [%d,%d) after %d in %d bytes", d.WordText(w), w.Start, w.End, s, e, lastT, len(d.Text))
		}
		lastT = e
		if exactRun(d, w.Start, w.End) && d.Text[s:e] != d.WordText(w) {
			t.Fatalf("word %q maps to %q", d.WordText(w), d.Text[s:e])
		}
	}
}

func checkMapping(t *testing.T, d *Doc) {
	t.Helper()
	// the runs of prose follow each other, and so do the bytes of the file
	// they stand for, without overlapping
	p, tEnd := 0, d.m.base
	for i, sg := range d.m.segs {
		if sg.p != p || sg.t < tEnd || sg.pn < 0 || sg.tn < 0 || sg.t+sg.tn > len(d.Text) {
			t.Fatalf("run %d %+v after prose %d, file %d (%d bytes)", i, sg, p, tEnd, len(d.Text))
		}
		if sg.exact && (sg.pn != sg.tn || d.Prose[sg.p:sg.p+sg.pn] != d.Text[sg.t:sg.t+sg.tn]) {
			t.Fatalf("exact run %+v: prose %q, file %q", sg, d.Prose[sg.p:sg.p+sg.pn], d.Text[sg.t:sg.t+sg.tn])
		}
		p, tEnd = sg.p+sg.pn, sg.t+sg.tn
	}
	if d.m.segs != nil && p != len(d.Prose) {
		t.Fatalf("the runs hold %d bytes of %d bytes of prose", p, len(d.Prose))
	}
	last := 0
	for off := 0; off <= len(d.Text); off++ {
		p := d.ProseOffset(off)
		if p < last || p > len(d.Prose) {
			t.Fatalf("ProseOffset(%d) = %d after %d", off, p, last)
		}
		last = p
		if k, _ := d.KindAt(off); k > KindCaption {
			t.Fatalf("KindAt(%d) = %d", off, k)
		}
	}
	for p := 0; p <= len(d.Prose); p++ {
		ts := d.TextStart(p)
		if ts < 0 || ts > len(d.Text) {
			t.Fatalf("TextStart(%d) = %d", p, ts)
		}
		if p < len(d.Prose) && exactRun(d, p, p+1) && d.ProseOffset(ts) != p {
			t.Fatalf("prose %d -> text %d -> prose %d", p, ts, d.ProseOffset(ts))
		}
	}
}

// checkEdits maps prose edits made from the seed to file edits.
func checkEdits(t *testing.T, d *Doc, seed int) {
	t.Helper()
	n := len(d.Prose)
	valid := utf8.ValidString(d.Text)
	news := []string{"", "x", "took", "\n", "a & <b>", "é"}
	for k := 0; k < 12; k++ {
		s := (seed*7 + k*13) % (n + 1)
		e := min(n, s+(seed+k)%9)
		if k%4 == 3 {
			e = s
		}
		pe := Edit{Start: s, End: e, New: news[(seed+k)%len(news)]}
		for _, sliding := range []bool{false, true} {
			var te Edit
			var ok bool
			if sliding {
				te, ok = d.TextEditSliding(pe)
			} else {
				te, ok = d.TextEdit(pe)
			}
			if !ok {
				continue
			}
			if te.Start < 0 || te.Start > te.End || te.End > len(d.Text) {
				t.Fatalf("prose edit %+v maps outside the file: %+v (%d bytes)", pe, te, len(d.Text))
			}
			if valid && OnRuneBoundaries(d.Prose, pe) && !sliding && !OnRuneBoundaries(d.Text, te) {
				t.Fatalf("prose edit %+v on character boundaries maps to %+v, which splits a character of %q", pe, te, d.Text)
			}
			out, err := ApplyEdits(d.Text, []Edit{te})
			if err != nil {
				t.Fatalf("mapped edit %+v does not apply: %v", te, err)
			}
			if d.Format == FormatText && !sliding {
				// plain text: the edited file reads as the edited prose
				want, _ := ApplyEdits(d.Prose, []Edit{pe})
				if got := NewDoc("fuzz", out, FormatText, Options{}).Prose; got != want && !strings.Contains(d.Text, "\r") {
					t.Fatalf("prose edit %+v of %q gives file %q, whose prose is %q, want %q", pe, d.Text, out, got, want)
				}
			}
		}
	}
}

// FuzzApplyEdits applies arbitrary edits: either an error, or a result that
// keeps every byte outside the edits.
func FuzzApplyEdits(f *testing.F) {
	f.Add("The the vote tool place.", 0, 4, "", 13, 17, "took", 4, 4, "x")
	f.Add("abc", 1, 1, "x", 1, 1, "y", 0, 3, "")
	f.Fuzz(func(t *testing.T, s string, s1, e1 int, n1 string, s2, e2 int, n2 string, s3, e3 int, n3 string) {
		edits := []Edit{{s1, e1, n1}, {s2, e2, n2}, {s3, e3, n3}}
		out, err := ApplyEdits(s, edits)
		if err != nil {
			return
		}
		// rebuild the result from the sorted edits by hand
		var b strings.Builder
		last := 0
		es := append([]Edit(nil), edits...)
		for i := 1; i < len(es); i++ {
			for j := i; j > 0 && (es[j].Start < es[j-1].Start || es[j].Start == es[j-1].Start && es[j].End < es[j-1].End); j-- {
				es[j], es[j-1] = es[j-1], es[j]
			}
		}
		for _, e := range es {
			if e.Start < last || e.End < e.Start || e.End > len(s) {
				t.Fatalf("ApplyEdits accepted overlapping or outside edits %+v on %d bytes", edits, len(s))
			}
			b.WriteString(s[last:e.Start])
			b.WriteString(e.New)
			last = e.End
		}
		b.WriteString(s[last:])
		if b.String() != out {
			t.Fatalf("ApplyEdits(%q, %+v) = %q, want %q", s, edits, out, b.String())
		}
		for i := range es {
			for j := i + 1; j < len(es); j++ {
				if Overlaps(es[i], es[j]) && (es[i].Start != es[i].End || es[j].Start != es[j].End) {
					t.Fatalf("edits %+v and %+v overlap but were applied", es[i], es[j])
				}
			}
		}
	})
}
