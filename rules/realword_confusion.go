package rules

import (
	"fmt"
	"math"
	"strings"

	"github.com/copydesk/copydesk/internal/core"
	"github.com/copydesk/copydesk/rules/realword"
)

// Confusion sets scored in context (LanguageTool's and After the Deadline's
// idea): when a word of a confusion set (rules/realword/confusables.txt)
// occurs, every member of its set is scored with the words just left and
// right of it, from n-gram counts of edited reference text (Brown corpus
// and State of the Union addresses; see rules/realword/ngrams.txt).
//
// Two ways to be flagged, both cautious because the counts come from only
// about 2.8 million words and a false alarm costs more than a missed slip:
//
//   - the written word was never seen beside a neighbour beside which it
//     was expected minExpected times or more (its absence means something),
//     the alternative was seen beside both neighbours, and the alternative
//     scores confusionFactor times higher (more for a set with its own
//     factor in confusables.txt);
//   - the written word is rare (a rare word is seen beside almost nothing,
//     which proves nothing), the alternative is common and rareRatio times
//     more common,
//     and it is strongly tied to both neighbours (seen minSupport times or
//     more beside each, at minAssociation times the rate chance predicts);
//     for a very common alternative (which, of, for) one strong side will
//     do if it was seen beside the other.
var (
	confusionFactor = 300.0
	minExpected     = 1.0
	rareRatio       = 30.0
	maxRare         = 100.0  // "rare": seen fewer times than this
	minCommon       = 2000.0 // the alternative: a common (mostly function) word
	minVeryCommon   = 10000.0
	minSupport      = 5.0
	minAssociation  = 3.0
)

func confusionFindings(d *core.Doc, toks []realword.Tok, skip []bool, taken []core.Finding) []core.Finding {
	m, err := realword.NgramModel()
	if err != nil {
		panic("realword: " + err.Error()) // the embedded counts are tested
	}
	apos := apostrophe(d)
	var out []core.Finding
	ti := 0
	for i, t := range toks {
		alts := m.Alternatives(t.Norm)
		if alts == nil || skip[i] {
			continue
		}
		for ti < len(taken) && taken[ti].End <= t.Start {
			ti++
		}
		if ti < len(taken) && taken[ti].Start < t.End {
			continue // inside a phrase finding
		}
		w := d.Prose[t.Start:t.End]
		switch caseOf(w) {
		case caseLower:
		case caseTitle:
			if t.Flags&core.WSentStart == 0 {
				continue // a name or a title
			}
			if i+1 < len(toks) && toks[i+1].Sep == realword.SepSpace && caseOf(d.Prose[toks[i+1].Start:toks[i+1].End]) != caseLower {
				continue // the first word of a name (Tool Place LLC)
			}
		default:
			continue
		}
		if t.Sep == realword.SepHyphen || i+1 < len(toks) && toks[i+1].Sep == realword.SepHyphen {
			continue // part of a compound
		}
		if d.Vocab.Accepts(w) {
			continue
		}
		l1, r1 := realword.Neighbours(toks, i)
		best := bestAlternative(m, m.ID(l1), m.ID(t.Norm), m.ID(r1), alts)
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

// bestAlternative returns the member of w's sets that fits between l1 and
// r1 (word ids) so much better than w that w is probably a slip, or "".
func bestAlternative(m *realword.Model, l1, w, r1 uint32, alts []realword.Alt) string {
	cw, cl, cr, ct := m.Counts(l1, w, r1)
	if ct > 0 || cl > 0 && cr > 0 {
		return "" // the written word is attested here
	}
	sw := m.Score(l1, w, r1)
	el, er := m.Expected(l1, w, r1)
	best, bestGain := "", 0.0
	for _, a := range alts {
		ca, al, ar, at := m.Counts(l1, a.ID, r1)
		if at == 0 && (al == 0 || ar == 0) {
			continue // no evidence for the alternative on one side
		}
		factor := max(confusionFactor, a.Factor)
		gain := m.Score(l1, a.ID, r1) - sw - math.Log(factor)
		informative := 0.0
		if cl == 0 {
			informative += el
		}
		if cr == 0 {
			informative += er
		}
		ok := gain > 0 && informative >= minExpected
		if !ok && cw < maxRare && ca >= minCommon && ca >= rareRatio*max(cw, 1) && a.Factor == 0 {
			xl, xr := m.Association(l1, a.ID, r1)
			ok = al >= minSupport && xl >= minAssociation && ar >= minSupport && xr >= minAssociation
			if !ok && ca >= minVeryCommon {
				// a very common word: strongly tied on one side, seen on
				// the other
				ok = al >= minSupport && xl >= minAssociation && ar >= 1 ||
					ar >= minSupport && xr >= minAssociation && al >= 1
			}
			if ok {
				gain = math.Log(ca / max(cw, 1))
			}
		}
		if ok && gain > bestGain {
			best, bestGain = a.Word, gain
		}
	}
	return best
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
