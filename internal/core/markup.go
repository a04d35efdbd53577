package core

import (
	"bytes"
	"html"
	"regexp"
	"sort"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	gmtext "github.com/yuin/goldmark/text"
	xhtml "golang.org/x/net/html"
)

// placeholder stands in the prose for an inline thing that is not prose (a
// code span, an image, an autolink): it keeps the words on either side apart
// and is neither a word nor a space.
const placeholder = "\ufffc"

// paraBreak separates blocks in the prose.
const paraBreak = "\n\n"

var entityRe = regexp.MustCompile(`&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});`)

// proseWithEntities appends text[s:e], decoding character references.
func (pb *proseBuilder) proseWithEntities(s, e int) {
	chunk := pb.text[s:e]
	if strings.IndexByte(chunk, '&') < 0 {
		pb.exact(s, e)
		return
	}
	last := 0
	for _, m := range entityRe.FindAllStringIndex(chunk, -1) {
		dec := html.UnescapeString(chunk[m[0]:m[1]])
		if dec == chunk[m[0]:m[1]] {
			continue // not a known entity: leave it as text
		}
		pb.exact(s+last, s+m[0])
		pb.subst(dec, s+m[0], s+m[1])
		last = m[1]
	}
	pb.exact(s+last, e)
}

// blank returns src with the bytes of [s, e) other than line breaks turned
// into spaces, so a parser skips them and offsets stay put.
func blank(src []byte, s, e int) {
	for i := s; i < e; i++ {
		if src[i] != '\n' && src[i] != '\r' {
			src[i] = ' '
		}
	}
}

// frontMatterEnd returns the end of YAML (---) or TOML (+++) front matter at
// the start of a Markdown file, or 0.
func frontMatterEnd(s string, from int) int {
	rest := s[from:]
	for _, fence := range []string{"---", "+++"} {
		if !strings.HasPrefix(rest, fence+"\n") && !strings.HasPrefix(rest, fence+"\r\n") {
			continue
		}
		i := strings.IndexByte(rest, '\n') + 1
		for i < len(rest) {
			j := strings.IndexByte(rest[i:], '\n')
			line := rest[i:]
			if j >= 0 {
				line = rest[i : i+j]
			}
			if strings.TrimRight(line, "\r \t") == fence || (fence == "---" && strings.TrimRight(line, "\r \t") == "...") {
				if j < 0 {
					return len(s)
				}
				return from + i + j + 1
			}
			if j < 0 {
				break
			}
			i += j + 1
		}
	}
	return 0
}

func (d *Doc) buildMarkdown() {
	src := []byte(d.Text)
	start := 0
	if d.bom {
		blank(src, 0, 3)
		start = 3
	}
	if fm := frontMatterEnd(d.Text, start); fm > 0 {
		blank(src, start, fm)
	}
	root := goldmark.New().Parser().Parse(gmtext.NewReader(src))
	pb := &proseBuilder{text: d.Text}
	pb.b.Grow(len(d.Text))
	d.paraKinds = map[int]Kind{}
	var walkInline func(n ast.Node)
	walkInline = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				seg := c.Segment
				pb.proseWithEntities(seg.Start, seg.Stop)
				if c.SoftLineBreak() || c.HardLineBreak() {
					// the break itself: map it onto the source line break
					e := seg.Stop
					for e < len(d.Text) && d.Text[e] != '\n' {
						e++
					}
					if e < len(d.Text) {
						pb.subst("\n", seg.Stop, e+1)
					} else {
						pb.subst("\n", seg.Stop, seg.Stop)
					}
				}
			case *ast.String:
				pb.subst(string(c.Value), pb.lastText(), pb.lastText())
			case *ast.CodeSpan, *ast.Image, *ast.AutoLink:
				s, e := inlineExtent(c, d.Text, pb.lastText())
				pb.subst(placeholder, s, e)
			case *ast.RawHTML:
				for i := 0; i < c.Segments.Len(); i++ {
					sg := c.Segments.At(i)
					d.scanIgnore(sg.Start, string(sg.Value(src)))
				}
			default:
				walkInline(c)
			}
		}
	}
	var walkBlock func(n ast.Node)
	walkBlock = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch b := c.(type) {
			case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.ThematicBreak:
				continue
			case *ast.HTMLBlock:
				lines := b.Lines()
				for i := 0; i < lines.Len(); i++ {
					sg := lines.At(i)
					d.scanIgnore(sg.Start, string(sg.Value(src)))
				}
				if b.HasClosure() {
					d.scanIgnore(b.ClosureLine.Start, string(b.ClosureLine.Value(src)))
				}
				continue
			case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
				if pb.len() > 0 {
					pb.subst(paraBreak, pb.lastText(), pb.lastText())
				}
				if h, ok := b.(*ast.Heading); ok {
					if h.Level == 1 {
						d.paraKinds[pb.len()] = KindHeadline
					} else {
						d.paraKinds[pb.len()] = KindHeading
					}
				}
				walkInline(b)
				continue
			}
			walkBlock(c)
		}
	}
	walkBlock(root)
	d.Prose = pb.b.String()
	d.m = mapping{segs: pb.segs}
	if d.m.segs == nil {
		d.m.segs = []seg{}
	}
}

// lastText is the text offset just after the last seg, where a synthetic
// piece with no text of its own is anchored.
func (pb *proseBuilder) lastText() int {
	if len(pb.segs) == 0 {
		return 0
	}
	s := pb.segs[len(pb.segs)-1]
	return s.t + s.tn
}

// inlineExtent finds the source bytes of an inline node that has no segment
// of its own (a code span, an image, an autolink), at or after from (the end
// of the prose before it): from the first text of its children, widened over
// the node's own opening marks, to the end of its last text, widened over its
// closing marks. A node whose extent cannot be told takes none, at from: the
// map from prose to file must stay in order, and markup left outside the
// extent is simply markup between two pieces of prose.
func inlineExtent(n ast.Node, text string, from int) (int, int) {
	if _, ok := n.(*ast.AutoLink); ok {
		// <http://example.com>: no children; the next <...> is the link
		i := strings.IndexByte(text[from:], '<')
		if i < 0 {
			return from, from
		}
		j := strings.IndexByte(text[from+i:], '>')
		if j < 0 || strings.IndexByte(text[from+i:from+i+j], '\n') >= 0 {
			return from, from
		}
		return from + i, from + i + j + 1
	}
	s, e := -1, -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if t, ok := c.(*ast.Text); ok {
			if s < 0 || t.Segment.Start < s {
				s = t.Segment.Start
			}
			if t.Segment.Stop > e {
				e = t.Segment.Stop
			}
		}
		return ast.WalkContinue, nil
	})
	if s < from {
		return from, from
	}
	// widen over the delimiters that belong to the node
	open, close := "`", "`"
	if _, ok := n.(*ast.Image); ok {
		open, close = "![", "]"
	}
	for s > from && strings.IndexByte(open, text[s-1]) >= 0 {
		s--
	}
	for e < len(text) && strings.IndexByte(close, text[e]) >= 0 {
		e++
	}
	if _, ok := n.(*ast.Image); ok && e < len(text) && text[e] == '(' && e > 0 && text[e-1] == ']' {
		if j := strings.IndexByte(text[e:], ')'); j >= 0 && !strings.Contains(text[e:e+j], "\n\n") {
			e += j + 1
		}
	}
	return s, e
}

// HTML elements that start a new block of prose.
var blockTags = map[string]bool{
	"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "ul": true, "ol": true, "dl": true, "dt": true, "dd": true, "blockquote": true,
	"figure": true, "figcaption": true, "table": true, "tr": true, "td": true, "th": true,
	"thead": true, "tbody": true, "section": true, "article": true, "header": true, "footer": true,
	"aside": true, "nav": true, "main": true, "hr": true, "body": true, "html": true,
	"head": true, "caption": true, "address": true, "details": true, "summary": true, "form": true,
}

// HTML elements whose content is not prose.
var skipTags = map[string]bool{
	"title":  true, // page metadata; the headline is the h1
	"script": true, "style": true, "pre": true, "textarea": true, "template": true,
	"noscript": true, "svg": true, "math": true, "iframe": true, "object": true,
}

// HTML inline elements whose content is not prose but sits in a sentence.
var opaqueTags = map[string]bool{"code": true, "kbd": true, "samp": true, "var": true, "tt": true}

func (d *Doc) buildHTML() {
	src := d.Text
	z := xhtml.NewTokenizer(strings.NewReader(src))
	pb := &proseBuilder{text: d.Text}
	pb.b.Grow(len(src))
	d.paraKinds = map[int]Kind{}
	off := 0
	if d.bom {
		// the tokenizer sees the BOM as text; skip it below
	}
	skip := 0         // depth inside skipTags
	opaque := 0       // depth inside opaqueTags
	opaqueStart := -1 // text offset where the opaque run began
	gapStart := -1    // start of a run of block markup since the last prose
	gapClean := true  // the run holds only tags and white space
	pendingKind := KindBody
	atBlockStart := true
	lastSpace := true // the prose ends in a space or at a block start
	for {
		tt := z.Next()
		raw := z.Raw()
		s, e := off, off+len(raw)
		off = e
		if tt == xhtml.ErrorToken {
			break
		}
		switch tt {
		case xhtml.CommentToken:
			d.scanIgnore(s, string(raw))
			gapClean = false
			continue
		case xhtml.DoctypeToken:
			continue
		case xhtml.StartTagToken, xhtml.EndTagToken, xhtml.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if skipTags[tag] {
				if tt == xhtml.StartTagToken {
					skip++
				} else if tt == xhtml.EndTagToken && skip > 0 {
					skip--
				}
				gapClean = false
				continue
			}
			if opaqueTags[tag] && skip == 0 {
				if tt == xhtml.StartTagToken {
					if opaque == 0 {
						opaqueStart = s
					}
					opaque++
				} else if tt == xhtml.EndTagToken && opaque > 0 {
					opaque--
					if opaque == 0 {
						pb.subst(placeholder, opaqueStart, e)
						lastSpace = false
					}
				}
				continue
			}
			if tag == "br" {
				if !atBlockStart {
					pb.subst("\n", s, e)
					lastSpace = true
				}
				continue
			}
			if blockTags[tag] {
				if gapStart < 0 {
					gapStart = s
					gapClean = true
				}
				atBlockStart = true
				lastSpace = true
				if tt == xhtml.StartTagToken {
					switch tag {
					case "h1":
						pendingKind = KindHeadline
					case "h2", "h3", "h4", "h5", "h6":
						pendingKind = KindHeading
					case "figcaption", "caption":
						pendingKind = KindCaption
					}
				}
			}
			continue
		case xhtml.TextToken:
			if skip > 0 || opaque > 0 {
				continue
			}
			if d.bom && s == 0 && strings.HasPrefix(src[s:e], "\ufeff") {
				s += 3
			}
			d.htmlText(pb, s, e, &gapStart, gapClean, &atBlockStart, &lastSpace, &pendingKind)
		}
	}
	d.Prose = pb.b.String()
	d.m = mapping{segs: pb.segs}
	if d.m.segs == nil {
		d.m.segs = []seg{}
	}
}

// htmlText appends one HTML text token: white space collapses as a browser
// collapses it, entities are decoded.
func (d *Doc) htmlText(pb *proseBuilder, s, e int, gapStart *int, gapClean bool, atBlockStart, lastSpace *bool, pendingKind *Kind) {
	i := s
	for i < e {
		// white space run
		j := i
		for j < e && isHTMLSpace(d.Text[j]) {
			j++
		}
		if j > i {
			if !*atBlockStart && !*lastSpace {
				if j-i == 1 && d.Text[i] == ' ' {
					pb.exact(i, j)
				} else {
					pb.subst(" ", i, j)
				}
				*lastSpace = true
			}
			i = j
			continue
		}
		// a run of non-space
		for j < e && !isHTMLSpace(d.Text[j]) {
			j++
		}
		if *atBlockStart {
			if pb.len() > 0 {
				if *gapStart >= 0 && gapClean {
					pb.subst(paraBreak, *gapStart, i)
				} else {
					pb.subst(paraBreak, i, i)
				}
			}
			if *pendingKind != KindBody {
				d.paraKinds[pb.len()] = *pendingKind
			}
			*pendingKind = KindBody
			*atBlockStart = false
		} else if *lastSpace && pb.len() > 0 {
			// a space left at the end of a block, dropped at block start
		}
		*gapStart = -1
		pb.proseWithEntities(i, j)
		*lastSpace = false
		i = j
	}
}

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'
}

// Ignore is an inline directive that silences rules.
//
//	<!-- copydesk-disable-next-line [Rule ...] -->   the next line of the file
//	<!-- copydesk-disable [Rule ...] -->             until copydesk-enable or the end
//	<!-- copydesk-enable [Rule ...] -->
//
// With no rule names it applies to every rule.
type Ignore struct {
	Start, End int      // text span it covers
	Rules      []string // empty: every rule
	nextLine   bool     // from disable-next-line: one line
}

// ignoreIndex answers Ignored without reading every directive for every
// finding: the one-line directives sorted by start, with the furthest end
// so far, and the disable ranges (few) as they are.
type ignoreIndex struct {
	lines  []Ignore
	maxEnd []int
	ranges []Ignore
}

var ignoreRe = regexp.MustCompile(`<!--\s*copydesk-(disable-next-line|disable|enable)\b([^>]*?)-->`)

// scanIgnore reads directives from a piece of markup at text offset at.
func (d *Doc) scanIgnore(at int, markup string) {
	if !strings.Contains(markup, "copydesk-") {
		return
	}
	for _, m := range ignoreRe.FindAllStringSubmatchIndex(markup, -1) {
		verb := markup[m[2]:m[3]]
		var rules []string
		for _, f := range strings.FieldsFunc(markup[m[4]:m[5]], func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' }) {
			rules = append(rules, f)
		}
		pos := at + m[1]
		switch verb {
		case "disable-next-line":
			line, _ := d.Position(pos)
			s, e := d.LineSpan(line + 1)
			if e == len(d.Text) {
				// the last line: an enable on it ends it early, as it
				// ends a disable
				d.openIgnores = append(d.openIgnores, len(d.ignores))
			}
			d.ignores = append(d.ignores, Ignore{Start: s, End: e, Rules: rules, nextLine: true})
		case "disable":
			d.openIgnores = append(d.openIgnores, len(d.ignores))
			d.ignores = append(d.ignores, Ignore{Start: pos, End: len(d.Text), Rules: rules})
		case "enable":
			// close the open disables that name the same rules (or all)
			open := d.openIgnores[:0]
			for _, i := range d.openIgnores {
				ig := &d.ignores[i]
				if ig.Start < pos && sameRules(ig.Rules, rules) {
					ig.End = at + m[0]
					continue
				}
				open = append(open, i)
			}
			d.openIgnores = open
		}
	}
}

func sameRules(a, b []string) bool {
	if len(b) == 0 {
		return true
	}
	return strings.Join(a, ",") == strings.Join(b, ",")
}

// Ignored reports whether a finding of rule at text span [s, e) is silenced
// by an inline directive.
func (d *Doc) Ignored(rule string, s, e int) bool {
	if len(d.ignores) == 0 {
		return false
	}
	d.ignoreOnce.Do(func() {
		ix := &d.ignoreIx
		for _, ig := range d.ignores {
			if ig.nextLine {
				ix.lines = append(ix.lines, ig)
			} else {
				ix.ranges = append(ix.ranges, ig)
			}
		}
		sort.SliceStable(ix.lines, func(i, j int) bool { return ix.lines[i].Start < ix.lines[j].Start })
		ix.maxEnd = make([]int, len(ix.lines))
		for k, ig := range ix.lines {
			ix.maxEnd[k] = ig.End
			if k > 0 {
				ix.maxEnd[k] = max(ig.End, ix.maxEnd[k-1])
			}
		}
	})
	ix := &d.ignoreIx
	for _, ig := range ix.ranges {
		if ig.Start <= s && s <= ig.End && ig.silences(rule) {
			return true
		}
	}
	// the one-line directives starting at or before s, back to the first
	// whose line ends before s (lines do not nest, so few are read)
	k := sort.Search(len(ix.lines), func(k int) bool { return ix.lines[k].Start > s }) - 1
	for ; k >= 0 && ix.maxEnd[k] >= s; k-- {
		if ig := ix.lines[k]; s <= ig.End && ig.silences(rule) {
			return true
		}
	}
	return false
}

// silences reports whether the directive names rule (or names none).
func (ig Ignore) silences(rule string) bool {
	if len(ig.Rules) == 0 {
		return true
	}
	for _, r := range ig.Rules {
		if r == rule || strings.HasSuffix(r, ".") && strings.HasPrefix(rule, r) || !strings.Contains(r, ".") && strings.HasPrefix(rule, r+".") {
			return true
		}
	}
	return false
}

var _ = bytes.MinRead
