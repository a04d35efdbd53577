package rules

import (
	"fmt"
	"strings"

	"github.com/copydesk/copydesk/internal/core"
	"github.com/copydesk/copydesk/rules/realword"
)

// confusionFindings flags confusion-set words that their context says are
// slips (see realword.Model.Best for how they are scored).
func confusionFindings(d *core.Doc, toks []realword.Tok, skip []bool, taken []core.Finding) []core.Finding {
	m, err := realword.NgramModel()
	if err != nil {
		panic("realword: " + err.Error()) // the embedded counts are tested
	}
	apos := apostrophe(d)
	var out []core.Finding
	var memo *realword.Memo
	ti := 0
	for i, t := range toks {
		if skip[i] || !m.Candidate(toks, i) {
			continue
		}
		for ti < len(taken) && taken[ti].End <= t.Start {
			ti++
		}
		if ti < len(taken) && taken[ti].Start < t.End {
			continue // inside a phrase finding
		}
		w := d.Prose[t.Start:t.End]
		if d.Vocab.Accepts(w) {
			continue
		}
		if memo == nil {
			memo = m.NewMemo()
			defer memo.Release()
		}
		best, _ := memo.Suggest(toks, i, &realword.DefaultParams)
		if best == "" {
			continue
		}
		repl := withApostrophe(withCase(w, best), apos)
		out = append(out, core.Finding{
			Rule:     "Copy.RealWord",
			Category: core.CatRealWord,
			Severity: core.Warning,
			Start:    t.Start,
			End:      t.End,
			Message:  fmt.Sprintf("'%s' here reads like a slip for '%s'", w, repl),
			Fixes:    []core.Fix{core.Replace(t.Start, t.End, repl, "")},
		})
	}
	return out
}

// possessiveSlip is the written word and the possessive it stands for when a
// noun follows: "it's production capacity", "there fans".
var possessiveSlip = map[string]string{"it's": "its", "there": "their", "they're": "their"}

// nounEndings mark a following word as a noun whatever the counts know of
// it (production, sponsorship, employees).
var nounEndings = []string{"tion", "tions", "sion", "sions", "ment", "ments", "ship", "ships", "ness", "ity", "ities",
	"ance", "ances", "ence", "ences", "ism", "isms", "ists", "ees"}

// possessiveFindings flags "it's", "there" and "they're" before a noun
// that its ending marks as one. Inverted questions ("is there mention of")
// and "there" after a verb of being are left alone.
func possessiveFindings(d *core.Doc, toks []realword.Tok, skip []bool, apos string) []core.Finding {
	var out []core.Finding
	for i := 0; i+1 < len(toks); i++ {
		t, next := toks[i], toks[i+1]
		fix, ok := possessiveSlip[t.Norm]
		if !ok || skip[i] || next.Sep != realword.SepSpace {
			continue
		}
		w := d.Prose[t.Start:t.End]
		if c := caseOf(w); c != caseLower && !(c == caseTitle && t.Flags&core.WSentStart != 0) {
			continue
		}
		nw := d.Prose[next.Start:next.End]
		if caseOf(nw) != caseLower || len(nw) < 6 || !hasNounEnding(next.Norm) {
			continue
		}
		if i > 0 && toks[i].Sep == realword.SepSpace {
			switch toks[i-1].Norm {
			case "is", "are", "was", "were", "be", "been", "being", "isn't", "aren't", "wasn't", "weren't", "here", "and", "or":
				continue
			}
		}
		repl := withApostrophe(withCase(w, fix), apos)
		out = append(out, core.Finding{
			Rule:     "Copy.RealWord",
			Category: core.CatRealWord,
			Severity: core.Warning,
			Start:    t.Start,
			End:      t.End,
			Message:  fmt.Sprintf("'%s %s': did you mean '%s %s'?", w, nw, repl, nw),
			Fixes:    []core.Fix{core.Replace(t.Start, t.End, repl, "")},
		})
	}
	return out
}

func hasNounEnding(w string) bool {
	for _, e := range nounEndings {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// anatomy lists the words after which "pubic" is meant (medical and crime
// copy).
var anatomy = map[string]bool{"bone": true, "bones": true, "hair": true, "hairs": true, "area": true, "region": true,
	"lice": true, "louse": true, "symphysis": true, "arch": true, "mound": true, "crest": true, "ramus": true,
	"tubercle": true, "bones.": true, "injury": true, "injuries": true, "fracture": true, "fractures": true}

// slipFindings flags two slips too embarrassing to wait for a listed
// phrase: "pubic" before anything but anatomy ("the pubic vote"), and
// "Untied" written as a name ("Untied Devices", "in Untied").
func slipFindings(d *core.Doc, toks []realword.Tok, skip []bool) []core.Finding {
	var out []core.Finding
	for i, t := range toks {
		if skip[i] || (t.Norm != "pubic" && t.Norm != "untied") {
			continue
		}
		w := d.Prose[t.Start:t.End]
		c := caseOf(w)
		var repl, msg string
		sev := core.Error
		switch {
		case t.Norm == "pubic" && (c == caseLower || c == caseTitle && t.Flags&core.WSentStart != 0):
			if i+1 >= len(toks) || toks[i+1].Sep != realword.SepSpace || anatomy[toks[i+1].Norm] {
				continue
			}
			repl = withCase(w, "public")
			msg = fmt.Sprintf("'%s %s': did you mean '%s %s'?", w, d.Prose[toks[i+1].Start:toks[i+1].End], repl, d.Prose[toks[i+1].Start:toks[i+1].End])
		case t.Norm == "untied" && c == caseTitle && t.Flags&core.WSentStart == 0:
			if d.Vocab.Accepts(w) {
				continue
			}
			repl, sev = "United", core.Warning
			msg = "'Untied' as a name: did you mean 'United'?"
		default:
			continue
		}
		out = append(out, core.Finding{
			Rule:     "Copy.RealWord",
			Category: core.CatRealWord,
			Severity: sev,
			Start:    t.Start,
			End:      t.End,
			Message:  msg,
			Fixes:    []core.Fix{core.Replace(t.Start, t.End, repl, "")},
		})
	}
	return out
}
