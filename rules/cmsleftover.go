package rules

import (
	"html"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/copydesk/copydesk/internal/core"
)

// CMSLeftover finds what the web page or the content system left in the
// copy: whole lines of page furniture ("Advertisement", "Read more", "top"),
// character entities and tags that escaped rendering (&nbsp;, &#8217;,
// <br />), shortcodes ([caption ...], {{ad}}), editor's notes ((CHECK)),
// and placeholders (TK, lorem ipsum, INSERT CAPTION HERE).
type CMSLeftover struct{}

func (CMSLeftover) Meta() core.Meta {
	return core.Meta{
		ID: "Copy.CMSLeftover", Category: core.CatCMS, Severity: core.Error,
		Doc:     "Page furniture, HTML debris, shortcodes, editor's notes and placeholders left in the copy.",
		Example: "Advertisement (a line of its own) -> deleted; Smith&nbsp;said -> Smith said",
		Quotes:  core.QuoteSame,
	}
}

// furniture matches a whole line (compared lower-case, trimmed, without a
// final colon or ellipsis) that is web-page furniture rather than copy.
var furniture = map[string]bool{
	"top": true, "back to top": true, "^ top": true, "^top": true, "return to top": true, "go to top": true,
	"advertisement": true, "advertisements": true, "advert": true, "sponsored": true, "sponsored content": true,
	"story continues below advertisement": true, "story continues below": true, "article continues below advertisement": true,
	"article continues below": true, "continue reading below": true, "content continues below": true,
	"advertisement - scroll to continue": true, "scroll to continue with content": true, "skip advertisement": true,
	"read more": true, "read more here": true, "related": true, "related articles": true, "related stories": true,
	"related content": true, "related topics": true, "related links": true, "more on this story": true,
	"share this": true, "share this article": true, "share this story": true, "share this page": true,
	"share on facebook": true, "share on twitter": true, "share": true, "copy link": true, "link copied": true,
	"e-mail this to a friend": true, "email this to a friend": true, "email this article": true, "e-mail this article": true,
	"print this page": true, "printable version": true, "print": true,
	"click here": true, "continue reading": true, "continue reading the main story": true,
	"sign up for our newsletter": true, "subscribe": true, "subscribe now": true, "subscribe to our newsletter": true,
	"skip ad": true, "skip to content": true, "skip to main content": true, "jump to": true,
	"loading": true, "loading...": true, "please wait": true, "enlarge this image": true, "enlarge image": true,
	"toggle caption": true, "hide caption": true, "show caption": true, "image caption": true, "media caption": true,
	"play video": true, "watch video": true, "play": true, "close": true, "most read": true, "most popular": true,
	"recommended": true, "recommended for you": true, "you may also like": true, "comments": true, "view comments": true,
	"insert caption here": true, "caption here": true, "headline here": true, "insert headline here": true,
	"insert photo here": true, "photo here": true, "&nbsp;": true, "<p>&nbsp;</p>": true, "<p></p>": true,
	"lorem ipsum": true, "tk": true, "tktk": true, "tktktk": true,
}

// furniturePrefix matches lines that start as furniture and go on with a
// title or a name ("Read more: Budget row deepens", "Follow us on Twitter").
var furniturePrefix = regexp.MustCompile(`(?i)^(?:read more|related|see also|more|watch|listen|also read|recommended|most read)\s*:\s+\S.{0,150}$|^(?i:click here to|tap here to|sign up for|sign up to|subscribe to|follow us on|like us on|download our app|get our newsletter)\b.{0,120}$|^(?:Image|Photo|Picture) \d+ of \d+$`)

// furnitureFirst marks the bytes a line matching furniturePrefix can start
// with: the first letters of its words in either case, and any non-ASCII
// byte (the pattern ignores case, and Unicode folds 's' with 'ſ' and 'k'
// with the Kelvin sign). Most lines start otherwise and skip the pattern.
var furnitureFirst = func() (t [256]bool) {
	for _, c := range "rswlamctfdgip" {
		t[c], t[c-'a'+'A'] = true, true
	}
	for c := utf8.RuneSelf; c < 256; c++ {
		t[c] = true
	}
	return t
}()

// furniturePhrases are the openings of furniturePrefix's second branch.
var furniturePhrases = []string{"click here to", "tap here to", "sign up for", "sign up to", "subscribe to",
	"follow us on", "like us on", "download our app", "get our newsletter"}

// mayBeFurniture is a cheap test that a line may match furniturePrefix: the
// first branch needs a colon, the third ends in a figure, and the second
// starts with one of furniturePhrases in any case (any line with a
// non-ASCII character early on is let through, for Unicode's case folds).
func mayBeFurniture(t string) bool {
	if !furnitureFirst[t[0]] {
		return false
	}
	if strings.IndexByte(t, ':') >= 0 || t[len(t)-1] >= '0' && t[len(t)-1] <= '9' {
		return true
	}
	head := t[:min(len(t), 24)]
	for i := 0; i < len(head); i++ {
		if head[i] >= utf8.RuneSelf {
			return true
		}
	}
	for _, p := range furniturePhrases {
		if len(t) >= len(p) && strings.EqualFold(t[:len(p)], p) {
			return true
		}
	}
	return false
}

// shortcode and template debris (shortcodeLine matches only lines that
// start with '[', '{' or '%').
var (
	shortcodeLine = regexp.MustCompile(`^\[/?(?:caption|embed|gallery|video|audio|playlist|contact-form|iframe|tweet|youtube|instagram|ad|related|pullquote)\b[^\]\n]*\]$|^\{\{<?[^}\n]*>?\}\}$|^%%[A-Z_]+%%$|^\[\[[^\]\n]*\]\]$`)
	shortcodeIn   = regexp.MustCompile(`\[/?(?:caption|embed|gallery|video|audio|playlist|contact-form|iframe|tweet|youtube|instagram)\b[^\]\n]{0,200}\]|\{\{<?\s*/?[a-zA-Z][^}\n]{0,80}>?\}\}|%%[A-Z_]{2,20}%%|\[\[(?:ad|advert|embed|related)[^\]\n]{0,40}\]\]|\{ad-slot\}`)
	// entities: named ones that turn up in pasted copy, and numeric ones
	entityIn = regexp.MustCompile(`&(?:nbsp|amp|quot|apos|lt|gt|rsquo|lsquo|rdquo|ldquo|mdash|ndash|hellip|eacute|egrave|aacute|agrave|oacute|uacute|iacute|ntilde|ccedil|ouml|uuml|auml|pound|euro|copy|reg|trade|deg|frac12|bull|middot|laquo|raquo|shy|zwj|zwnj|thinsp|ensp|emsp|#\d{2,7}|#[xX][0-9a-fA-F]{2,6});`)
	// tags in plain text
	tagIn = regexp.MustCompile(`(?i)</?(?:p|br|em|strong|b|i|u|span|div|a|h[1-6]|li|ul|ol|blockquote|figure|figcaption|img|sup|sub|small|font|center|hr|table|tr|td)(?:\s[^<>\n]{0,300})?\s*/?>|<!--\s*/?wp:[^>\n]{0,200}-->`)
	// notes to the desk
	noteIn = regexp.MustCompile(`\(\((?:[^()\n]{1,60})\)\)|\[\[(?:[A-Za-z][^\[\]\n]{0,60})\]\]|<<[^<>\n]{1,60}>>|\[(?:CHECK|TO COME|TK|TKTK|CONFIRM|NEED [A-Z ]+|INSERT [A-Z ]+|ADD [A-Z ]+|UPDATE|FIX|VERIFY|FACT ?CHECK|CQ|HED|DEK)[A-Z ,.?!:]*\]|\*\*(?:CHECK|TK|CONFIRM|FIX)[A-Z ]*\*\*|\bNOTE TO (?:DESK|EDITORS?)\b|\bEDS?:\s|\bEds:\s`)
	cqIn   = regexp.MustCompile(` ?\((?:cq|CQ)\)`)
	// placeholders inside a sentence
	placeholderIn = regexp.MustCompile(`\bTK(?:TK)*\b|\b[Ll]orem ipsum(?: dolor sit amet)?\b|\bINSERT [A-Z][A-Z ]{2,30}HERE\b|\bXXX\b|\bX,XXX\b`)
)

// markStyle remembers, for one check of one article, which quotation marks
// and apostrophes the article prefers (counted on first need: an article of
// a thousand &rsquo; is counted once, not a thousand times).
type markStyle struct {
	apos, quotes int8 // 0 not yet counted, 1 straight, 2 curly
}

func (m *markStyle) straight(d *core.Doc, which *int8, straight, curly string) bool {
	if *which == 0 {
		*which = 2
		if prefersStraight(d, straight, curly) {
			*which = 1
		}
	}
	return *which == 1
}

// The inline patterns as inlineDebris runs them, each with the literal
// text that every match starting at a given byte begins with (a match of
// noteIn that starts with 'N' starts with "NOTE TO "), and the bytes where
// the pattern needs a word boundary before the match (\bTK).
var (
	inlineEntity      = newInlinePattern(entityIn, "", "&")
	inlineTag         = newInlinePattern(tagIn, "", "<")
	inlineShortcode   = newInlinePattern(shortcodeIn, "", "[", "{{", "{ad-slot}", "%%")
	inlineNote        = newInlinePattern(noteIn, "NE", "((", "[", "<<", "**", "NOTE TO ", "ED:", "EDS:", "Eds:")
	inlineCQ          = newInlinePattern(cqIn, "", " (cq)", " (CQ)", "(cq)", "(CQ)")
	inlinePlaceholder = newInlinePattern(placeholderIn, "TLlIX", "TK", "Lorem ipsum", "lorem ipsum", "INSERT ", "XXX", "X,XXX")
)

// inlinePattern finds the matches of a pattern in a paragraph. A regexp
// without a literal prefix costs a pass of its machine over every byte (and
// one paragraph can be a whole file pasted without a line break), so the
// pattern is tried, anchored, only where one of its prefixes stands.
type inlinePattern struct {
	re, anchored *regexp.Regexp
	// prefixes[c] are the literal beginnings of the matches that start
	// with byte c; a byte with none starts no match
	prefixes [256][]string
	wordLike string
}

func newInlinePattern(re *regexp.Regexp, wordStart string, prefixes ...string) inlinePattern {
	ip := inlinePattern{re: re, anchored: regexp.MustCompile(`^(?:` + re.String() + `)`), wordLike: wordStart}
	for _, p := range prefixes {
		ip.prefixes[p[0]] = append(ip.prefixes[p[0]], p)
	}
	return ip
}

// findAll returns what re.FindAllStringIndex(text, -1) returns.
func (ip *inlinePattern) findAll(text string) [][]int {
	var out [][]int
	last := 0
	for c := 0; c < len(text); c++ {
		ps := ip.prefixes[text[c]]
		if ps == nil || c < last {
			continue // no match starts here, or inside the last match
		}
		if c > 0 && strings.IndexByte(ip.wordLike, text[c]) >= 0 && asciiWordByte(text[c-1]) {
			continue // no word boundary before it
		}
		ok := false
		for _, p := range ps {
			ok = ok || strings.HasPrefix(text[c:], p)
		}
		if !ok {
			continue
		}
		if m := ip.anchored.FindStringIndex(text[c:]); m != nil && m[1] > 0 {
			out = append(out, []int{c, c + m[1]})
			last = c + m[1]
		}
	}
	return out
}

// entityFix decodes an entity the way the article writes that character:
// straight or curly apostrophes and quotation marks as the article has them,
// a non-breaking space as an ordinary space.
func entityFix(d *core.Doc, ms *markStyle, ent string) string {
	dec := html.UnescapeString(ent)
	switch dec {
	case "\u00a0", "\u2009", "\u2002", "\u2003":
		return " "
	case "\u00ad", "\u200d", "\u200c":
		return ""
	case "’", "‘":
		if ms.straight(d, &ms.apos, "'", "’") {
			return "'"
		}
	case "“", "”":
		if ms.straight(d, &ms.quotes, "\"", "“”") {
			return "\""
		}
	}
	return dec
}

// prefersStraight: the article uses the straight mark at least as often as
// the curly ones.
func prefersStraight(d *core.Doc, straight, curly string) bool {
	s := strings.Count(d.Prose, straight)
	c := 0
	for _, r := range curly {
		c += strings.Count(d.Prose, string(r))
	}
	return s >= c
}

func (r CMSLeftover) Check(d *core.Doc) []core.Finding {
	var out []core.Finding
	paras := d.Paras()
	claimed := map[int]bool{} // paragraph starts reported whole
	var ms markStyle
	for pi, p := range paras {
		// whole-line debris: check each line of the paragraph
		text := d.Prose[p.Start:p.End]
		for off := 0; off <= len(text); {
			nl := strings.IndexByte(text[off:], '\n')
			end := len(text)
			if nl >= 0 {
				end = off + nl
			}
			ls, le := p.Start+off, p.Start+end
			if what := lineDebris(d, d.Prose[ls:le]); what != "" {
				s, e := lineDeletion(d, paras, pi, ls, le)
				out = append(out, core.Finding{
					Start: ls, End: le, Severity: core.Error,
					Message: what,
					Fixes:   []core.Fix{core.Replace(s, e, "", "Delete the line")},
				})
				if ls == p.Start && le == p.End {
					claimed[p.Start] = true
				}
			}
			if nl < 0 {
				break
			}
			off = end + 1
		}
		if claimed[p.Start] {
			continue
		}
		out = append(out, inlineDebris(d, &ms, p)...)
	}
	return out
}

// lineDebris says why a whole line is debris, or "".
func lineDebris(d *core.Doc, line string) string {
	t := strings.TrimSpace(line)
	if t == "" || len(t) > 200 {
		return ""
	}
	key := strings.ToLower(strings.TrimRight(t, ":.… "))
	if strings.HasSuffix(strings.ToLower(t), "...") || strings.HasSuffix(t, "…") {
		key = strings.ToLower(strings.TrimRight(t, ".… "))
	}
	if d.Format == core.FormatText || !strings.HasPrefix(key, "&") && !strings.HasPrefix(key, "<") {
		if furniture[key] {
			if key == "tk" || key == "tktk" || key == "tktktk" || strings.HasPrefix(key, "insert ") || strings.HasSuffix(key, " here") || key == "lorem ipsum" {
				return "'" + t + "' is a placeholder left in the copy; delete it or fill it in."
			}
			return "'" + t + "' is web-page furniture, not part of the story; delete the line."
		}
	}
	if mayBeFurniture(t) && furniturePrefix.MatchString(t) && !strings.ContainsAny(strings.TrimRight(t, ".!?"), ".!?") {
		return "'" + shorten(t) + "' is web-page furniture, not part of the story; delete the line."
	}
	if (t[0] == '[' || t[0] == '{' || t[0] == '%') && shortcodeLine.MatchString(t) {
		return "'" + shorten(t) + "' is a CMS shortcode left in the copy; delete the line."
	}
	if d.Format == core.FormatText && strings.ContainsAny(t, "&<") {
		// a line that is nothing but entities and tags
		rest := tagIn.ReplaceAllString(entityIn.ReplaceAllString(t, ""), "")
		if strings.TrimSpace(rest) == "" && rest != t {
			return "'" + shorten(t) + "' is HTML debris on a line of its own; delete the line."
		}
	}
	return ""
}

func shorten(s string) string {
	if len(s) > 60 {
		cut := 57
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
		return s[:cut] + "..."
	}
	return s
}

// lineDeletion gives the span that removes a whole line cleanly: the line
// with the line break and blank lines after it, or, for the last line of
// the text, the break before it.
func lineDeletion(d *core.Doc, paras []core.Para, pi, ls, le int) (int, int) {
	p := paras[pi]
	if le < p.End {
		return ls, le + 1 // a line inside a paragraph
	}
	if ls > p.Start {
		return ls - 1, le // the last line of a paragraph
	}
	if pi+1 < len(paras) {
		return ls, paras[pi+1].Start
	}
	if pi > 0 {
		return paras[pi-1].End, le
	}
	return ls, le
}

// inlineDebris finds debris inside a paragraph of copy.
func inlineDebris(d *core.Doc, ms *markStyle, p core.Para) []core.Finding {
	var out []core.Finding
	text := d.Prose[p.Start:p.End]
	add := func(s, e int, msg string, fixes ...core.Fix) {
		out = append(out, core.Finding{Start: p.Start + s, End: p.Start + e, Severity: core.Error, Message: msg, Fixes: fixes})
	}
	if strings.IndexByte(text, '&') >= 0 {
		for _, m := range inlineEntity.findAll(text) {
			ent := text[m[0]:m[1]]
			rep := entityFix(d, ms, ent)
			s, e := m[0], m[1]
			if rep == " " {
				before := s > 0 && text[s-1] == ' '
				after := e < len(text) && text[e] == ' '
				switch {
				case before && after:
					e++
					rep = ""
				case before || after || s == 0 || e == len(text):
					rep = ""
				}
			}
			fixS, fixE := p.Start+s, p.Start+e
			out = append(out, core.Finding{
				Start: p.Start + m[0], End: p.Start + m[1], Severity: core.Error,
				Message: "'" + ent + "' is an HTML entity that escaped rendering; readers see it as typed.",
				Fixes:   []core.Fix{core.Replace(fixS, fixE, rep, titleFor(rep))},
			})
		}
	}
	if d.Format == core.FormatText && strings.IndexByte(text, '<') >= 0 {
		for _, m := range inlineTag.findAll(text) {
			s, e := m[0], m[1]
			rep := ""
			before := s > 0 && text[s-1] != ' ' && text[s-1] != '\n'
			after := e < len(text) && text[e] != ' ' && text[e] != '\n'
			lower := strings.ToLower(text[s:e])
			breaking := strings.HasPrefix(lower, "<br") || strings.HasPrefix(lower, "<p") || strings.HasPrefix(lower, "</p") || strings.HasPrefix(lower, "<div") || strings.HasPrefix(lower, "</div")
			if breaking && before && after {
				rep = " "
			} else if !before && !after && s > 0 && e < len(text) {
				e++ // remove one of the two spaces around it
			}
			add(m[0], m[1], "'"+shorten(text[m[0]:m[1]])+"' is an HTML tag left in plain text.", core.Replace(p.Start+s, p.Start+e, rep, titleFor(rep)))
		}
	}
	if mayHoldShortcode(text) {
		for _, m := range inlineShortcode.findAll(text) {
			add(m[0], m[1], "'"+shorten(text[m[0]:m[1]])+"' is a CMS shortcode left in the copy.")
		}
	}
	if mayHoldNote(text) {
		for _, m := range inlineNote.findAll(text) {
			add(m[0], m[1], "'"+shorten(text[m[0]:m[1]])+"' looks like a note to the desk left in the copy.")
		}
	}
	if strings.Contains(text, "(cq)") || strings.Contains(text, "(CQ)") {
		for _, m := range inlineCQ.findAll(text) {
			add(m[0], m[1], "'(cq)' marks a checked spelling for the desk; take it out before publishing.", core.Replace(p.Start+m[0], p.Start+m[1], "", "Delete '(cq)'"))
		}
	}
	if !mayHoldPlaceholder(text) {
		return out
	}
	for _, m := range inlinePlaceholder.findAll(text) {
		w := text[m[0]:m[1]]
		if (strings.HasPrefix(w, "TK") || w == "XXX") && !placeholderContext(text, m[0], m[1]) {
			continue
		}
		add(m[0], m[1], "'"+w+"' is a placeholder left in the copy; fill it in.")
	}
	return out
}

// The inline patterns have no literal prefix, so a regexp pass costs much
// more than a search for the strings every match must hold. mayHoldNote,
// mayHoldShortcode and mayHoldPlaceholder are those searches, for noteIn,
// shortcodeIn and placeholderIn.
func mayHoldNote(text string) bool {
	return strings.Contains(text, "((") || strings.IndexByte(text, '[') >= 0 || strings.Contains(text, "<<") ||
		strings.Contains(text, "**") || strings.Contains(text, "NOTE TO ") || strings.Contains(text, "ED:") ||
		strings.Contains(text, "EDS:") || strings.Contains(text, "Eds:")
}

func mayHoldShortcode(text string) bool {
	return strings.ContainsAny(text, "[{") || strings.Contains(text, "%%")
}

func mayHoldPlaceholder(text string) bool {
	return strings.Contains(text, "TK") || strings.Contains(text, "orem ipsum") || strings.Contains(text, "INSERT ") ||
		strings.Contains(text, "XXX") || strings.Contains(text, "X,XXX")
}

// placeholderContext tells TK or XXX standing for a missing fact ("TK homes",
// "$XXX million") from a name or code (TK Maxx, flight TK 1951, Super Bowl
// XXX, XXX-rated).
func placeholderContext(text string, s, e int) bool {
	after := strings.TrimLeft(text[e:], " ")
	before := strings.TrimRight(text[:s], " $£€")
	if after != "" {
		c := after[0]
		if c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' {
			return false // TK Maxx, TK 1951, XXX-rated
		}
	}
	if before != "" {
		prev := before[strings.LastIndexAny(before, " \n")+1:]
		if prev != "" && prev[0] >= 'A' && prev[0] <= 'Z' && !strings.HasSuffix(before, ".") {
			return false // Super Bowl XXX, Turkish Airlines TK
		}
		if strings.EqualFold(prev, "flight") || strings.EqualFold(prev, "code") {
			return false
		}
	}
	return true
}

func titleFor(rep string) string {
	switch rep {
	case "":
		return "Delete it"
	case " ":
		return "Replace with a space"
	}
	return "Replace with '" + rep + "'"
}
