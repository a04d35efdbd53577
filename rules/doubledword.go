package rules

import (
	"strings"

	"github.com/copydesk/copydesk/internal/core"
)

// DoubledWord finds a word written twice ("the the"). It is copydesk's
// replacement for Vale.Repetition, which cannot be told that "had had" and
// "Walla Walla" are right.
type DoubledWord struct{}

func (DoubledWord) Meta() core.Meta {
	return core.Meta{
		ID: "Copy.DoubledWord", Category: core.CatRepetition, Severity: core.Error,
		Doc:     "A word written twice in a row.",
		Example: "said the the mayor -> said the mayor",
		Quotes:  core.QuoteLower,
	}
}

// doubledOK are pairs that are right twice: "had had", "that that", "what it
// is is", and reduplications that people write and say.
var doubledOK = map[string]bool{
	"had": true, "that": true, "is": true, "do": true, "ha": true, "bye": true, "no": true,
	"yes": true, "very": true, "so": true, "knock": true, "tsk": true, "boo": true, "go": true,
	"now": true, "well": true, "really": true, "blah": true, "la": true, "ooh": true, "oh": true,
	"tut": true, "pooh": true, "chop": true, "cha": true, "hush": true, "yum": true, "bang": true,
	"beep": true, "choo": true, "din": true, "dum": true, "ga": true, "hee": true, "ho": true,
	"mahi": true, "tom": true, "wah": true, "yada": true, "bla": true, "hubba": true, "pom": true,
	"bora": true, "walla": true, "pago": true, "baden": true, "sing": true, "duran": true,
	"chin": true, "never": true, "ding": true, "tick": true, "bla-bla": true, "far": true,
	"more": true, "many": true, "much": true, "long": true, "round": true, "over": true,
	"again": true,
}

// functionWords make a doubled word an error for certain; a doubled content
// word is very likely a slip too, but a human should look (warning).
var functionWords = map[string]bool{
	"the": true, "a": true, "an": true, "to": true, "of": true, "in": true, "on": true, "and": true,
	"for": true, "was": true, "were": true, "at": true, "by": true, "with": true, "from": true,
	"be": true, "has": true, "have": true, "as": true, "it": true, "its": true, "their": true,
	"his": true, "her": true, "he": true, "she": true, "they": true, "we": true, "will": true,
	"would": true, "could": true, "should": true, "can": true, "are": true, "or": true, "but": true,
	"not": true, "which": true, "who": true, "this": true, "up": true, "into": true, "than": true,
	"been": true, "said": true, "also": true, "our": true, "my": true, "your": true, "if": true,
}

func (DoubledWord) Check(d *core.Doc) []core.Finding {
	var out []core.Finding
	words := d.Words()
	for i := 1; i < len(words); i++ {
		a, b := words[i-1], words[i]
		if b.Has(core.WParaStart) || b.Has(core.WHyphenBefore) {
			continue
		}
		gap := d.Prose[a.End:b.Start]
		if gap != " " && gap != "\n" && strings.Trim(gap, " ") != "" {
			continue
		}
		wa, wb := d.Prose[a.Start:a.End], d.Prose[b.Start:b.End]
		if !strings.EqualFold(wa, wb) || a.Has(core.WDigit) {
			continue
		}
		lw := strings.ToLower(wa)
		if doubledOK[lw] {
			continue
		}
		// Capitalised pairs mid-sentence are names (Walla Walla, Duran Duran);
		// a word followed by a hyphenated continuation is a compound.
		if b.Has(core.WCap) && !b.Has(core.WAllCaps) {
			continue
		}
		if b.End < len(d.Prose) && d.Prose[b.End] == '-' {
			continue
		}
		sev := core.Warning
		if functionWords[lw] {
			sev = core.Error
		}
		// delete the second word with the space before it; across a line
		// break, with the space after it, so the lines stay as they were
		ds, de := a.End, b.End
		if gap == "\n" {
			ds = b.Start
			if de < len(d.Prose) && d.Prose[de] == ' ' {
				de++
			}
		}
		out = append(out, core.Finding{
			Start: a.Start, End: b.End, Severity: sev,
			Message: "'" + wa + "' is written twice.",
			Fixes:   []core.Fix{core.Replace(ds, de, "", "Delete the second '"+wb+"'")},
		})
		i++ // "the the the" is one finding
	}
	return out
}
