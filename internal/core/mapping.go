package core

import (
	"sort"
	"strings"
)

// seg ties a run of Doc.Prose to the bytes of Doc.Text it came from.
//
// An exact seg holds the same bytes in both (ordinary prose). Any other seg is
// a substitution: a decoded entity, "\n" standing for "\r\n", a paragraph
// break standing for markup (text length may be zero), or a placeholder for a
// code span. Between two segs the text may hold markup that has no prose at
// all: a gap.
type seg struct {
	p, t   int // start in Prose, start in Text
	pn, tn int // length in Prose, length in Text
	exact  bool
}

// proseBuilder assembles Prose and its segs in order.
type proseBuilder struct {
	text string
	b    strings.Builder
	segs []seg
}

func (pb *proseBuilder) len() int { return pb.b.Len() }

// exact appends text[s:e] as is.
func (pb *proseBuilder) exact(s, e int) {
	if e <= s {
		return
	}
	if n := len(pb.segs); n > 0 {
		last := &pb.segs[n-1]
		if last.exact && last.t+last.tn == s && last.p+last.pn == pb.b.Len() {
			last.pn += e - s
			last.tn += e - s
			pb.b.WriteString(pb.text[s:e])
			return
		}
	}
	pb.segs = append(pb.segs, seg{p: pb.b.Len(), t: s, pn: e - s, tn: e - s, exact: true})
	pb.b.WriteString(pb.text[s:e])
}

// subst appends prose that stands for text[s:e].
func (pb *proseBuilder) subst(prose string, s, e int) {
	if prose == "" && e == s {
		return
	}
	pb.segs = append(pb.segs, seg{p: pb.b.Len(), t: s, pn: len(prose), tn: e - s})
	pb.b.WriteString(prose)
}

// mapping is Doc's prose-to-text map. When segs is nil the prose is
// text[base:] byte for byte, the common case for plain text.
type mapping struct {
	base int
	segs []seg
}

// segAt returns the index of the seg holding prose offset p (p < len(prose)),
// or the last seg starting at or before p.
func (m *mapping) segAt(p int) int {
	i := sort.Search(len(m.segs), func(i int) bool { return m.segs[i].p > p }) - 1
	if i < 0 {
		i = 0
	}
	return i
}

// startPos maps a prose offset used as the start of a span.
func (m *mapping) startPos(p int) int {
	if m.segs == nil {
		return m.base + p
	}
	if len(m.segs) == 0 {
		return 0
	}
	i := m.segAt(p)
	s := m.segs[i]
	// An empty seg at the same offset comes before the one holding p; skip
	// forward past segs that end at p so the span starts at real content.
	for p >= s.p+s.pn && i+1 < len(m.segs) {
		i++
		s = m.segs[i]
	}
	if p >= s.p+s.pn {
		return s.t + s.tn
	}
	if s.exact {
		return s.t + (p - s.p)
	}
	return s.t
}

// endPos maps a prose offset used as the (exclusive) end of a span.
func (m *mapping) endPos(p int) int {
	if m.segs == nil {
		return m.base + p
	}
	if len(m.segs) == 0 || p <= 0 {
		return m.startPos(0)
	}
	i := m.segAt(p - 1)
	s := m.segs[i]
	if p-1 >= s.p+s.pn {
		return s.t + s.tn
	}
	if s.exact {
		return s.t + (p - s.p)
	}
	return s.t + s.tn
}

// TextSpan maps a span of Prose to the span of Text that holds it. Markup
// inside the span is included; an empty span stays empty.
func (d *Doc) TextSpan(start, end int) (int, int) {
	if end <= start {
		p := d.m.endPos(start)
		if start == 0 {
			p = d.m.startPos(0)
		}
		return p, p
	}
	return d.m.startPos(start), d.m.endPos(end)
}

// TextEdit maps an edit made on Prose to the same edit on Text. It refuses
// (ok false) an edit that would remove or split markup, or cut into the middle
// of a substitution such as a decoded entity: a fix may only change prose.
func (d *Doc) TextEdit(e Edit) (Edit, bool) {
	newText := d.adaptNew(e.New)
	if d.m.segs == nil {
		return Edit{Start: d.m.base + e.Start, End: d.m.base + e.End, New: newText}, true
	}
	if e.End < e.Start || e.Start < 0 || e.End > len(d.Prose) {
		return Edit{}, false
	}
	if e.Start == e.End {
		p := e.Start
		if p == 0 {
			return Edit{Start: d.m.startPos(0), End: d.m.startPos(0), New: newText}, true
		}
		i := d.m.segAt(p - 1)
		s := d.m.segs[i]
		if p < s.p+s.pn && !s.exact {
			return Edit{}, false
		}
		t := d.m.endPos(p)
		return Edit{Start: t, End: t, New: newText}, true
	}
	first := d.m.segAt(e.Start)
	for first < len(d.m.segs) && d.m.segs[first].p+d.m.segs[first].pn <= e.Start {
		first++
	}
	if first >= len(d.m.segs) {
		return Edit{}, false
	}
	var ts, te int
	prevEnd := -1
	for i := first; i < len(d.m.segs); i++ {
		s := d.m.segs[i]
		if s.p >= e.End {
			break
		}
		lo, hi := max(e.Start, s.p), min(e.End, s.p+s.pn)
		if !s.exact && (lo != s.p || hi != s.p+s.pn) {
			return Edit{}, false // cuts into a substitution
		}
		var a, b int
		if s.exact {
			a, b = s.t+(lo-s.p), s.t+(hi-s.p)
		} else {
			a, b = s.t, s.t+s.tn
		}
		if prevEnd < 0 {
			ts = a
		} else if a != prevEnd {
			return Edit{}, false // markup between the two pieces
		}
		prevEnd = b
		te = b
	}
	if prevEnd < 0 {
		return Edit{}, false
	}
	return Edit{Start: ts, End: te, New: newText}, true
}

// TextEditSliding is TextEdit for a deletion that may move: deleting one of
// two equal neighbours ("the the", two copies of a line) is the same edit
// whichever copy goes, so when the one chosen cannot be mapped (it would
// cut through markup) the other is tried.
func (d *Doc) TextEditSliding(e Edit) (Edit, bool) {
	if te, ok := d.TextEdit(e); ok || e.New != "" || e.End <= e.Start {
		return te, ok
	}
	n := e.End - e.Start
	for _, k := range []int{-n, n} {
		s, t := e.Start+k, e.End+k
		if s < 0 || t > len(d.Prose) || d.Prose[s:t] != d.Prose[e.Start:e.End] {
			continue
		}
		if te, ok := d.TextEdit(Edit{Start: s, End: t}); ok {
			return te, true
		}
	}
	return Edit{}, false
}

// adaptNew converts the replacement text of a prose edit to the file's
// conventions: its line ending, and HTML escaping in an HTML file.
func (d *Doc) adaptNew(s string) string {
	if s == "" {
		return s
	}
	if d.Format == FormatHTML && strings.ContainsAny(s, "<>&") {
		r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
		s = r.Replace(s)
	}
	if d.crlf && strings.Contains(s, "\n") {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\n", "\r\n")
	}
	return s
}

// TextStart maps one prose offset to the file (the start of what is there).
func (d *Doc) TextStart(p int) int { return d.m.startPos(p) }

// ProseOffset maps a byte offset of the file to the prose offset that holds
// it, or to the nearest prose after it when it falls in markup.
func (d *Doc) ProseOffset(t int) int {
	if d.m.segs == nil {
		return min(max(t-d.m.base, 0), len(d.Prose))
	}
	segs := d.m.segs
	i := sort.Search(len(segs), func(i int) bool { return segs[i].t+segs[i].tn > t })
	if i >= len(segs) {
		return len(d.Prose)
	}
	s := segs[i]
	if t < s.t {
		return s.p
	}
	if s.exact {
		return s.p + (t - s.t)
	}
	return s.p
}

// KindAt tells which part of the story a byte offset of the file is in, and
// whether it is in the dateline.
func (d *Doc) KindAt(t int) (Kind, bool) {
	p := d.ProseOffset(t)
	inDateline := d.dateline.End > d.dateline.Start && p >= d.dateline.Start && p < d.dateline.End
	if i := d.ParaAt(p); i >= 0 {
		return d.paras[i].Kind, inDateline
	}
	return KindBody, inDateline
}
