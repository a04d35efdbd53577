package core

import (
	"regexp"
	"strings"
)

var (
	bylineRe = regexp.MustCompile(`^(?:By|BY|by) [\p{Lu}][\p{L}.'’ -]+(?:(?:,| and) [\p{Lu}][\p{L}.'’ -]+)*$`)
	creditRe = regexp.MustCompile(`(?:\((?:[A-Z][\w .&-]*)?(?:Photo|PHOTO|Photograph|Image)s?\b[^)]*\)|\b(?:Photo|Photograph|Image|Credit)s?: [^.]+)\s*$`)
	// A dateline opens the first paragraph of the body: WASHINGTON (AP) —,
	// KYIV, Ukraine —, SPRINGFIELD, Ill. (Reuters) -.
	datelineRe = regexp.MustCompile(`^[\p{Lu}][\p{Lu}\p{M} .'’-]+(?:, [\p{Lu}][\p{L}. ]+?)?(?: \([\p{L} .&-]+\))? ?(?:—|–|--|-) `)
)

// markKinds sorts paragraphs of plain text into headline, byline, caption
// and body (Markdown and HTML paragraphs come with their kinds from markup),
// and finds the dateline.
func (d *Doc) markKinds() {
	firstBody := -1
	for i := range d.paras {
		p := &d.paras[i]
		text := d.Prose[p.Start:p.End]
		if d.Format == FormatText && i == 0 && len(d.paras) > 1 && !strings.Contains(text, "\n") && len(strings.Fields(text)) <= 25 {
			p.Kind = KindHeadline
			continue
		}
		if p.Kind != KindBody {
			continue
		}
		if len(text) < 80 && bylineRe.MatchString(text) {
			p.Kind = KindByline
			continue
		}
		if mayHoldCredit(text) && creditRe.MatchString(text) {
			p.Kind = KindCaption
			continue
		}
		if firstBody < 0 {
			firstBody = i
		}
	}
	if firstBody >= 0 {
		p := d.paras[firstBody]
		if m := datelineRe.FindStringIndex(d.Prose[p.Start:p.End]); m != nil {
			d.dateline = Span{p.Start, p.Start + m[1]}
		}
	}
}

// Dateline is the dateline at the start of the body, if any (empty span
// otherwise).
func (d *Doc) Dateline() Span { return d.dateline }

// mayHoldCredit is a cheap test that lets most paragraphs skip creditRe.
func mayHoldCredit(text string) bool {
	return strings.Contains(text, "Photo") || strings.Contains(text, "PHOTO") || strings.Contains(text, "Image") ||
		strings.Contains(text, "Credit") || strings.Contains(text, "photo")
}
