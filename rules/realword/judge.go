package realword

import (
	"math"
	"strings"

	"github.com/copydesk/copydesk/internal/core"
)

// Confusion sets scored in context (LanguageTool's and After the Deadline's
// idea): when a word of a confusion set (sets.txt: confusables.txt and its
// inflected forms) occurs, every member of its set is scored with what
// stands around it, from counts of edited reference text (the Brown corpus,
// the State of the Union addresses and WordNet's glosses, about 4.3 million
// words). The counts are few, and a false alarm costs more than a missed
// slip, so every way to be flagged is cautious. In the order tried:
//
//   - prepBeforeName: a noun or verb where a preposition of its set must
//     stand, right before a name or a figure ("flew in form Beijing"),
//     after a passive's participle ("was approved buy the council"), or a
//     number word before a possessive ("waited four their turn");
//   - possBeforeBeen: a possessive before "been" ("its been a year");
//   - words: the written word was never seen beside a neighbour beside
//     which it was expected MinExpected times or more (its absence means
//     something), the alternative was seen beside both neighbours, and the
//     alternative scores ConfusionFactor times higher (more for a set with
//     its own factor in confusables.txt);
//   - rare: a rare written word whose alternative is common, RareRatio times
//     more common, and strongly tied to both neighbours (seen MinSupport
//     times or more beside each, at MinAssociation times the rate chance
//     predicts); for a very common alternative (which, of, for) one strong
//     side will do if it was seen beside the other, or if the classes on
//     the other side are a context of the alternative's and not of the
//     written word's ("the report, witch raised concerns"); for any
//     common alternative, the classes on both sides may do so ("the report
//     witch was published");
//   - rareContext, rareClasses and rareWords: a rare written word whose
//     partner the exact words around it ("look foreword to"), their classes
//     on both sides, or both neighbours taken one at a time ("the club is
//     loosing money") call for;
//   - classes (when the words themselves were never seen together): the
//     neighbours taken by word class ("to" + _ + a determiner) make a
//     context the alternative is typical of and the written word is not
//     (classBest, a decision list with vetoes); when no one feature is
//     strong enough, several weaker ones that read both sides may agree
//     ("I though everyone", "he tired to give");
//   - afterSubject: a conjunction right after a subject pronoun that opens
//     a clause, for a verb of its set ("she though it was over").
type Params struct {
	ConfusionFactor float64
	MinExpected     float64
	RareRatio       float64
	MaxRare         float64 // "rare": seen fewer times than this
	MinCommon       float64 // the alternative: a common (mostly function) word
	MinVeryCommon   float64
	MinSupport      float64
	MinAssociation  float64

	MaxRareWord    float64 // rareContext, rareClasses: the written word seen at most this often
	MinRareAlt     float64 // rareContext, rareClasses: the alternative seen at least this often
	MinRareTrigram float64 // rareContext: the alternative's trigram count
	// rareClasses: the alternative's count in the class contexts
	MinRareClassSupport float64

	ClassFactor      float64 // the alternative's count in a feature over the written word's
	ClassSmooth      float64 // added to the written word's feature count
	MinClassLR       float64 // the same with the prior taken out (each count over its word's)
	MinClassSupport  float64 // the alternative's count in the feature
	MinClassExpected float64 // the written word's expected count in it, were it like the alternative
	MinClassCount    float64 // both words seen at least this often
	ClassVeto        float64 // a feature this much more typical of the written word vetoes
	MinVetoSupport   float64 // the written word's count in a vetoing feature
	ReadingVeto      float64 // otherReading: the context this typical of the written word's class vetoes

	// classBest, agreement: when no one feature is strong enough, this many
	// features (class features and the word bigrams) that each favour the
	// alternative ConsensusFactor times will do.
	MinConsensus    float64
	ConsensusFactor float64

	// rare, for a very common alternative: with one side strongly tied in
	// words, the other side may be vouched for by its classes (the
	// alternative seen RareClassSide times in both class features of that
	// side, the written word never).
	RareClassSide float64
	RareSideVeto  float64 // the written word's classes this much less typical there
	RareClassBoth float64 // 1: both sides vouched for by classes will do (for a partner seen MinCommon times)

	MinRareBoth     float64 // rareWords: the partner's bigram counts on the two sides together
	MaxRareBothWord float64 // rareWords: the written word seen at most this often (MaxRareWord if more)

	PrepBeforeName float64 // 1: the prepBeforeName check is on
	AfterSubject   float64 // 1: the afterSubject and possBeforeBeen checks are on
}

// DefaultParams are the rule's settings, chosen on held-out reference text
// with injected slips (see rules/internal/genrealword -heldout).
var DefaultParams = Params{
	ConfusionFactor: 300,
	MinExpected:     1,
	RareRatio:       30,
	MaxRare:         100,
	MinCommon:       2000,
	MinVeryCommon:   5000,
	MinSupport:      3,
	MinAssociation:  3,

	MaxRareWord:         5,
	MinRareAlt:          50,
	MinRareTrigram:      3,
	MinRareClassSupport: 5,

	ClassFactor:      70,
	ClassSmooth:      3,
	MinClassLR:       5,
	MinClassSupport:  10,
	MinClassExpected: 5,
	MinClassCount:    30,
	ClassVeto:        3,
	MinVetoSupport:   5,
	ReadingVeto:      1,
	MinConsensus:     3,
	ConsensusFactor:  15,
	RareClassSide:    10,
	RareSideVeto:     1,
	RareClassBoth:    1,
	MinRareBoth:      3,
	MaxRareBothWord:  20,

	PrepBeforeName: 1,
	AfterSubject:   1,
}

// Why says which mechanism made a suggestion.
type Why uint8

const (
	WhyNone Why = iota
	WhyWords
	WhyRare
	WhyClasses
	WhyRareContext
	WhyRareClasses
	WhyPrepSlot
	WhyRareWords
	WhySubject
	WhyPossBeen
)

func (w Why) String() string {
	return [...]string{"none", "words", "rare", "classes", "rare-context", "rare-classes", "prep-slot", "rare-words", "subject", "poss-been"}[w]
}

// Candidate reports whether toks[i] is a word the confusion sets look at:
// a member, in lower case or capitalised as a sentence's first word (not
// the first word of a name), and not part of a hyphenated compound.
func (m *Model) Candidate(toks []Tok, i int) bool {
	t := toks[i]
	if m.alts[t.Norm] == nil {
		return false
	}
	switch {
	case t.Flags&(core.WAllCaps|core.WInnerCap|core.WDigit) != 0:
		return false
	case t.Flags&core.WCap != 0:
		if t.Flags&core.WSentStart == 0 {
			return false // a name or a title
		}
		if i+1 < len(toks) && toks[i+1].Sep == SepSpace && toks[i+1].Flags&core.WCap != 0 {
			return false // the first word of a name (Tool Place LLC)
		}
	}
	if t.Sep == SepHyphen || i+1 < len(toks) && toks[i+1].Sep == SepHyphen {
		return false // part of a compound
	}
	return true
}

// Suggest returns the member of toks[i]'s sets that was probably meant, or
// "" when the written word may stand. toks[i] must be a Candidate.
func (m *Model) Suggest(toks []Tok, i int, p *Params) (string, Why) {
	x := m.NewMemo()
	defer x.Release()
	return x.Suggest(toks, i, p)
}

// Memo remembers the table lookups of one goroutine: the same words and
// word pairs come back again and again, within a document and from one
// document to the next, and a lookup in the big tables costs a few cache
// misses. Each table has a small direct-mapped cache in front of it, keyed
// by the full hashed key, so a remembered value is always the table's own.
// A Memo is not safe for concurrent use; Release hands it back for the next
// document.
type Memo struct {
	m                       *Model
	uni, bi, tri, feat, cls lookupCache
}

// memoSlots is the number of entries of each lookup cache (16 bytes each).
const memoSlots = 1 << 11

type lookupCache [memoSlots]struct {
	key uint64
	val uint32
	ok  bool
}

func (c *lookupCache) get(s *section, key uint64) uint32 {
	e := &c[key&(memoSlots-1)]
	if e.ok && e.key == key {
		return e.val
	}
	v := s.Get(key)
	e.key, e.val, e.ok = key, v, true
	return v
}

// NewMemo returns a memo, reused from an earlier document when one was
// released.
func (m *Model) NewMemo() *Memo {
	if x, ok := m.memos.Get().(*Memo); ok {
		return x
	}
	return &Memo{m: m}
}

// Release hands the memo back to its model; it must not be used after.
func (x *Memo) Release() { x.m.memos.Put(x) }

// Lookup is Model.Lookup, remembered.
func (x *Memo) Lookup(w string) Class { return Class(x.cls.get(x.m.cls, ClassKey(w)) & 0xff) }

// WordClasses is Model.WordClasses, remembered.
func (x *Memo) WordClasses(w string) Classes {
	v := x.cls.get(x.m.cls, ClassKey(w))
	return Classes{Class(v & 0xff), Class(v >> 8 & 0xff)}
}

// Count is Model.Count, remembered.
func (x *Memo) Count(w string) float64 { return float64(x.uni.get(x.m.uni, UnigramKey(w))) }

// Bigram and Trigram are Model.Bigram and Model.Trigram, remembered.
func (x *Memo) Bigram(a, b string) float64 { return float64(x.bi.get(x.m.bi, BigramKey(a, b))) }
func (x *Memo) Trigram(a, b, c string) float64 {
	return float64(x.tri.get(x.m.tri, TrigramKey(a, b, c)))
}

// Feature is Model.Feature, remembered.
func (x *Memo) Feature(f FeatureKey) float64 { return float64(x.feat.get(x.m.feat, f.Key())) }

// Suggest is Model.Suggest with the memo.
func (x *Memo) Suggest(toks []Tok, i int, p *Params) (string, Why) {
	win := WindowAt(x, toks, i)
	return x.m.best(&win, p, x)
}

// counts are the word-level counts of one member between the window's
// neighbours.
type counts struct {
	n, left, right, tri float64
}

// scorer holds what the three scores share for one window.
type scorer struct {
	m      *Model
	memo   *Memo
	p      *Params
	win    *Window
	nl, nr float64 // counts of the neighbours
	w      counts
	alts   []Alt
	a      []counts // in step with alts
}

func (s *scorer) counts(x string) counts {
	l1, r1 := s.win.Words[1], s.win.Words[3]
	var c counts
	if c.n = s.memo.Count(x); c.n == 0 {
		return c
	}
	c.left, c.right = s.memo.Bigram(l1, x), s.memo.Bigram(x, r1)
	if c.left > 0 && c.right > 0 {
		c.tri = s.memo.Trigram(l1, x, r1)
	}
	return c
}

// score is Model.Score from counts already looked up.
func (s *scorer) score(c counts) float64 {
	n := s.m.n
	if c.tri > 0 {
		return math.Log(c.tri / n)
	}
	var left, right float64
	if c.left > 0 {
		left = math.Log(c.left / n)
	} else {
		left = math.Log(backoff * (s.nl + 0.5) / n * (c.n + 0.5) / n)
	}
	if c.right > 0 {
		right = math.Log(c.right / (c.n + 0.5))
	} else {
		right = math.Log(backoff * (s.nr + 0.5) / n)
	}
	return left + right
}

// Best judges the word in the middle of win.
func (m *Model) Best(win *Window, p *Params) (string, Why) {
	x := m.NewMemo()
	defer x.Release()
	return m.best(win, p, x)
}

func (m *Model) best(win *Window, p *Params, memo *Memo) (string, Why) {
	alts := m.alts[win.Words[2]]
	if alts == nil {
		return "", WhyNone
	}
	if a := m.prepBeforeName(win, alts); a != "" && p.PrepBeforeName > 0 {
		return a, WhyPrepSlot
	}
	if a := m.possBeforeBeen(win, alts); a != "" && p.AfterSubject > 0 {
		return a, WhyPossBeen
	}
	s := scorer{m: m, memo: memo, p: p, win: win, alts: alts, a: make([]counts, len(alts))}
	s.w = s.counts(win.Words[2])
	for i, a := range alts {
		s.a[i] = s.counts(a.Word)
	}
	s.nl, s.nr = memo.Count(win.Words[1]), memo.Count(win.Words[3])
	if a, why := s.wordBest(); a != "" {
		return a, why
	}
	if a := s.rareContext(); a != "" {
		return a, WhyRareContext
	}
	if a := s.rareClasses(); a != "" {
		return a, WhyRareClasses
	}
	if a := s.rareWords(); a != "" {
		return a, WhyRareWords
	}
	if a := s.classBest(); a != "" {
		return a, WhyClasses
	}
	if a := m.afterSubject(win, alts, memo); a != "" && p.AfterSubject > 0 {
		return a, WhySubject
	}
	return "", WhyNone
}

// possBeforeBeen catches a possessive written for the "has" contraction
// of its set before "been": "its been a long year", "whose been
// invited". A possessive stands before a noun phrase, never before a
// participle of "be".
func (m *Model) possBeforeBeen(win *Window, alts []Alt) string {
	if win.Words[3] != "been" || win.Classes[2] != ClassPoss {
		return ""
	}
	for _, a := range alts {
		if strings.HasSuffix(a.Word, "'s") {
			return a.Word
		}
	}
	return ""
}

// afterSubject catches a conjunction or wh-word right after a subject
// pronoun that opens a clause, written for a past tense, modal or form of
// "be" of its set: "she though it was over", "they where told". Only he,
// she, I and they are taken ("we Britons", "you people" are nouns in
// apposition), only words whose every listed class is a conjunction,
// wh-word or a pronoun's contraction ("they we're married"; a noun or
// adjective may be a verb the lexicon does not list: "he signs", "they
// bare"), and a comma or break after the word is left
// alone ("He, though, stayed" has commas; "She though." is a fragment).
func (m *Model) afterSubject(win *Window, alts []Alt, memo *Memo) string {
	subj := win.Words[1]
	if win.Classes[0] != ClassBOS && win.Classes[0] != ClassConj && win.Classes[0] != ClassSub {
		return "" // the pronoun must open a clause
	}
	if subj != "he" && subj != "she" && subj != "i" && subj != "they" {
		return ""
	}
	if win.Classes[3] == ClassComma || win.Classes[3] == ClassBOS {
		return ""
	}
	wc := memo.WordClasses(win.Words[2])
	for _, c := range [2]Class{wc.First, wc.Second} {
		switch c {
		case ClassNone, ClassSub, ClassWh:
		case ClassPron:
			if strings.IndexByte(win.Words[2], '\'') < 0 {
				return "" // "they themselves"
			}
			// a pronoun's own contraction: "they we're married"
		default:
			return ""
		}
	}
	if wc.First == ClassNone {
		return "" // a word the lexicon does not know
	}
	for _, a := range alts {
		if a.Factor != 0 {
			continue
		}
		switch memo.Lookup(a.Word) {
		case ClassVerbPast, ClassModal, ClassBe:
			return a.Word
		}
	}
	return ""
}

// prepBeforeName catches a noun or verb written for a preposition of its
// set right before a name: "came form Texas", "flew in form Beijing",
// "was bought buy Google", "met wit Obama". After a past tense, a past
// participle, a preposition or a particle, a noun or verb cannot stand
// before a bare name, but a preposition can. Possessives ("to form Britain's
// biggest bank"), auxiliaries and "help" ("did buy Apple", "helped form
// Oxfam") and a name at a sentence start are left alone. A bare verb
// cannot open a passive's or a perfect's phrase either: "was surprised buy
// coming home", before a determiner, possessive, adjective, gerund,
// quantifier or object pronoun; nor a number word a possessive or object
// pronoun: "a job four you".
func (m *Model) prepBeforeName(win *Window, alts []Alt) string {
	c := win.Classes
	if c[2] == ClassVerb && (c[1] == ClassVerbPast || c[1] == ClassVerbPart) && (c[0] == ClassBe || c[0] == ClassHave) &&
		phraseOpener(c[3]) && !prepSlotExceptions[win.Words[1]] {
		// "were raised buy taxation" (a participle without its auxiliary
		// may close a subject: "those surveyed buy their food online")
		for _, a := range alts {
			if m.Lookup(a.Word) == ClassPrep && a.Factor == 0 {
				return a.Word
			}
		}
	}
	if c[2] == ClassNum && (c[3] == ClassPoss || c[3] == ClassPronObj) && c[1] != ClassDet && c[1] != ClassPoss && c[1] != ClassQuant {
		// a number word does not stand before a possessive or an object
		// pronoun, unless it heads a noun phrase of its own ("the four
		// his team lost"): "a job four you", "four their interest"
		for _, a := range alts {
			if m.Lookup(a.Word) == ClassPrep {
				return a.Word
			}
		}
	}
	if c[3] != ClassName && c[3] != ClassNum || c[2] != ClassNoun && c[2] != ClassVerb || win.Words[3] == BOS {
		return ""
	}
	if strings.HasSuffix(win.Words[3], "'s") || strings.HasSuffix(win.Words[3], "'") {
		return ""
	}
	switch c[1] {
	case ClassVerbPast, ClassVerbPart, ClassPart:
	case ClassPrep:
		if c[3] == ClassNum {
			return "" // "pupils in form 4"
		}
	default:
		return ""
	}
	if prepSlotExceptions[win.Words[1]] {
		return ""
	}
	for _, a := range alts {
		if m.Lookup(a.Word) == ClassPrep && a.Factor == 0 {
			return a.Word
		}
	}
	return ""
}

// phraseOpener reports whether a word of class c opens a noun phrase or a
// gerund, as a preposition's object does.
func phraseOpener(c Class) bool {
	switch c {
	case ClassDet, ClassPoss, ClassAdj, ClassVerbIng, ClassQuant, ClassPronObj:
		return true
	}
	return false
}

// prepSlotExceptions are words after which a bare verb may follow.
var prepSlotExceptions = map[string]bool{"did": true, "didn't": true, "help": true, "helped": true, "helps": true,
	"helping": true, "let": true, "made": true, "make": true, "makes": true, "had": true, "would": true, "could": true}

// rareContext catches a rare word written for a common one that the very
// words around it call for ("look foreword to", "the costumers who"): the
// written word is rare (seen MaxRareWord times or fewer), the alternative
// RareRatio times more common, seen MinRareTrigram times between exactly
// these two neighbours, and the written word never beside either.
func (s *scorer) rareContext() string {
	p, w := s.p, s.w
	if w.n > p.MaxRareWord || w.left > 0 || w.right > 0 {
		return ""
	}
	best, bestN := "", 0.0
	for i, a := range s.alts {
		c := s.a[i]
		if a.Factor == 0 && c.n >= p.MinRareAlt && c.n >= p.RareRatio*max(w.n, 1) && c.tri >= p.MinRareTrigram && c.tri > bestN {
			best, bestN = a.Word, c.tri
		}
	}
	return best
}

// rareWords catches a rare word written for a partner that is not common
// enough for the rare test but was seen beside both neighbours, each more
// often than chance predicts ("the club is loosing money"): the written
// word is rare (MaxRareBothWord) and never beside either neighbour, the
// partner seen MinRareAlt times and RareRatio times more often, beside
// each neighbour at MinAssociation times chance, and MinRareBoth times in
// all (a side seen only once needs the three words seen together).
func (s *scorer) rareWords() string {
	p, w := s.p, s.w
	if p.MinRareBoth <= 0 || w.n > max(p.MaxRareWord, p.MaxRareBothWord) || w.left > 0 || w.right > 0 {
		return ""
	}
	best, bestN := "", 0.0
	for i, a := range s.alts {
		c := s.a[i]
		if a.Factor != 0 || c.n < p.MinRareAlt || c.n < p.RareRatio*max(w.n, 1) || c.left == 0 || c.right == 0 || c.left+c.right < p.MinRareBoth {
			continue
		}
		xl := c.left / (s.nl * c.n / s.m.n)
		xr := c.right / (c.n * s.nr / s.m.n)
		if min(c.left, c.right) < 2 && c.tri == 0 {
			continue // one side seen once, and never the three words together
		}
		if xl >= p.MinAssociation && xr >= p.MinAssociation && c.left+c.right > bestN {
			best, bestN = a.Word, c.left+c.right
		}
	}
	return best
}

// rareClasses catches a rare word written for a common one-edit partner
// whose use the classes around it call for on both sides ("the manger
// said", "delivering guns to costumers who"): the written word is rare
// (MaxRareWord), the partner RareRatio times more common and seen
// MinRareAlt times, the written word never beside either neighbour, and
// the partner seen MinRareClassSupport times in the class context on the
// left and on the right.
func (s *scorer) rareClasses() string {
	p, w := s.p, s.w
	if w.n > p.MaxRareWord || w.left > 0 || w.right > 0 || p.MinRareClassSupport <= 0 {
		return ""
	}
	best, bestN := "", 0.0
	for i, a := range s.alts {
		c := s.a[i]
		if a.Factor != 0 || c.n < p.MinRareAlt || c.n < p.RareRatio*max(w.n, 1) {
			continue
		}
		f := Features(a.Word, s.win)
		left := max(s.memo.Feature(f[2]), s.memo.Feature(f[3])) // (c-2 c-1 _), ("w-1" _ c+1)
		right := max(s.memo.Feature(f[1]), s.memo.Feature(f[4]))
		both := s.memo.Feature(f[0])
		if min(left, right, both) >= p.MinRareClassSupport && both > bestN {
			best, bestN = a.Word, both
		}
	}
	return best
}

// wordBest is the word-level score (see Params).
func (s *scorer) wordBest() (string, Why) {
	p, w := s.p, s.w
	if w.tri > 0 || w.left > 0 && w.right > 0 {
		return "", WhyNone // the written word is attested here
	}
	sw := s.score(w)
	// expected bigram counts of the written word under independence
	el, er := s.nl*w.n/s.m.n, w.n*s.nr/s.m.n
	best, bestGain, why := "", 0.0, WhyNone
	for i, a := range s.alts {
		c := s.a[i]
		oneSided := c.tri == 0 && (c.left == 0 || c.right == 0)
		if oneSided && (p.RareClassSide <= 0 || c.n < p.MinVeryCommon || w.n >= p.MaxRare) {
			continue // no evidence for the alternative on one side
		}
		factor := max(p.ConfusionFactor, a.Factor)
		gain := s.score(c) - sw - math.Log(factor)
		if oneSided {
			gain = 0 // the words alone do not decide
		}
		informative := 0.0
		if w.left == 0 {
			informative += el
		}
		if w.right == 0 {
			informative += er
		}
		ok := gain > 0 && informative >= p.MinExpected
		kind := WhyWords
		if !ok && w.n < p.MaxRare && c.n >= p.MinCommon && c.n >= p.RareRatio*max(w.n, 1) && a.Factor == 0 {
			// association: seen how many times more often than chance
			xl, xr := 0.0, 0.0
			if e := s.nl * c.n / s.m.n; c.left > 0 && e > 0 {
				xl = c.left / e
			}
			if e := c.n * s.nr / s.m.n; c.right > 0 && e > 0 {
				xr = c.right / e
			}
			ok = c.left >= p.MinSupport && xl >= p.MinAssociation && c.right >= p.MinSupport && xr >= p.MinAssociation
			if !ok && c.n >= p.MinVeryCommon {
				// a very common word: strongly tied on one side, seen on
				// the other
				ok = c.left >= p.MinSupport && xl >= p.MinAssociation && c.right >= 1 ||
					c.right >= p.MinSupport && xr >= p.MinAssociation && c.left >= 1
				if !ok && p.RareClassSide > 0 && w.left == 0 && w.right == 0 {
					// the other side never seen word for word, but its
					// classes are ones the alternative often stands beside
					// ("report, witch raised concerns")
					ok = c.left >= p.MinSupport && xl >= p.MinAssociation && s.classSide(a.Word, true) ||
						c.right >= p.MinSupport && xr >= p.MinAssociation && s.classSide(a.Word, false)
				}
			}
			if !ok && p.RareClassBoth > 0 && p.RareClassSide > 0 && w.left == 0 && w.right == 0 {
				// or the classes on both sides ("the report witch was
				// published")
				ok = s.classSide(a.Word, false) && s.classSide(a.Word, true)
			}
			if ok {
				gain = math.Log(c.n / max(w.n, 1))
				kind = WhyRare
			}
		}
		if ok && gain > bestGain {
			best, bestGain, why = a.Word, gain, kind
		}
	}
	return best, why
}

// classSide reports whether the classes on one side of the window are a
// context of alt's (see Params.RareClassSide) and never of the written word.
func (s *scorer) classSide(alt string, right bool) bool {
	fa, fw := Features(alt, s.win), Features(s.win.Words[2], s.win)
	k := 2 // (c-2 c-1 _)
	if right {
		k = 1 // (_ c+1 c+2)
	}
	if min(s.memo.Feature(fa[0]), s.memo.Feature(fa[k])) < s.p.RareClassSide ||
		s.memo.Feature(fw[0]) != 0 || s.memo.Feature(fw[k]) != 0 {
		return false
	}
	// a rare word's own counts are too few to say the context is not its
	// own: the classes it belongs to must find it far less typical than
	// the alternative does ("native wit and" is a noun after an adjective)
	na := s.memo.Count(alt)
	wc := s.memo.WordClasses(s.win.Words[2])
	for _, c := range [2]Class{wc.First, wc.Second} {
		if c == ClassNone {
			continue
		}
		cm := ClassMember(c)
		n := s.memo.Count(cm)
		if n == 0 {
			continue
		}
		fc := Features(cm, s.win)
		for _, j := range [2]int{0, k} {
			if s.memo.Feature(fc[j])/n*s.p.RareSideVeto >= s.memo.Feature(fa[j])/na {
				return false
			}
		}
	}
	return true
}

// classBest is the class back-off, a decision list (Yarowsky's, as Golding
// used it for confusion sets): the feature that most favours an alternative
// decides, unless another feature, the neighbouring words included, is
// typical of the written word. A feature favours the alternative when its
// count there is ClassFactor times the written word's (the corpus prior
// kept: a rare word needs a stronger context) and, with the prior taken out,
// the context is still MinClassLR times more typical of the alternative.
// Vetoes: the written word's trigram seen; a feature ClassVeto times more
// typical of the written word, its neighbouring words included; the
// written word's other class finding the context as typical
// (otherReading); "an"/"and" against the sound of the next word
// (articleFits); a contraction taken for anything but its possessive.
func (s *scorer) classBest() string {
	p, win := s.p, s.win
	nw := s.w.n
	if nw < p.MinClassCount || s.w.tri > 0 {
		return ""
	}
	const nf = featKinds + 2
	var cw [nf]float64
	haveW := false
	best, bestRaw := "", 0.0
	for i, a := range s.alts {
		na := s.a[i].n
		if na < p.MinClassCount || !articleFits(win.Words[2], a.Word, win.Words[3], win.Classes[3] == ClassName) {
			continue
		}
		if strings.IndexByte(win.Words[2], '\'') >= 0 && s.memo.Lookup(a.Word) != ClassPoss {
			// a contraction is taken for its possessive (it's its, they're
			// their) only: the edited reference text has too few
			// contractions to judge them otherwise ("the way we're made")
			continue
		}
		// a set with its own factor (of off, not now) asks more of the
		// context too, not only of the counts
		scale := max(1, a.Factor/p.ConfusionFactor)
		need, needLR := p.ClassFactor*scale, p.MinClassLR*math.Sqrt(scale)
		fa := Features(a.Word, win)
		var ca [nf]float64
		hope := false
		for k := range fa {
			ca[k] = s.memo.Feature(fa[k])
			// a feature can decide only if it beats the smoothing alone
			hope = hope || ca[k] >= p.MinClassSupport && ca[k] >= need*p.ClassSmooth ||
				p.MinConsensus > 0 && ca[k] >= p.MinClassSupport && ca[k] >= p.ConsensusFactor*scale*p.ClassSmooth
		}
		if !hope {
			continue
		}
		ca[featKinds], ca[featKinds+1] = s.a[i].left, s.a[i].right
		if !haveW {
			fw := Features(win.Words[2], win)
			for k := range fw {
				cw[k] = s.memo.Feature(fw[k])
			}
			cw[featKinds], cw[featKinds+1] = s.w.left, s.w.right
			haveW = true
		}
		top, topK, veto := 0.0, 0, false
		agree, agreeTop, agreeK := 0, 0.0, 0
		var sides [2]bool // agreeing features that read the left, the right
		for k := range ca {
			raw := ca[k] / (cw[k] + p.ClassSmooth)
			lr := (ca[k] / na) / ((cw[k] + p.ClassSmooth) / nw)
			fits := ca[k] >= p.MinClassSupport && ca[k]*nw/na >= p.MinClassExpected && lr >= needLR
			if k < featKinds && fits && raw > top && decides(k, win) {
				top, topK = raw, k
			}
			if fits && p.MinConsensus > 0 && raw >= p.ConsensusFactor*scale && (k >= featKinds || decides(k, win)) {
				agree++
				if k < featKinds && raw > agreeTop {
					agreeTop, agreeK = raw, k
				}
				switch k {
				case 2, 3, featKinds:
					sides[0] = true
				case 1, 4, featKinds + 1:
					sides[1] = true
				}
			}
			if cw[k] >= p.MinVetoSupport && (cw[k]/nw)/((ca[k]+p.ClassSmooth)/na) >= p.ClassVeto {
				veto = true
			}
		}
		if !veto && top >= need && top > bestRaw && !s.otherReading(topK, a.Word, na) {
			best, bestRaw = a.Word, top
		} else if !veto && p.MinConsensus > 0 && float64(agree) >= p.MinConsensus && agreeTop > 0 && best == "" &&
			agreeBothSides(sides, win) && !s.otherReading(agreeK, a.Word, na) {
			best, bestRaw = a.Word, agreeTop
		}
	}
	return best
}

// agreeBothSides reports whether agreeing features are evidence enough by
// the sides they read: a comma or a sentence break next to the word is one
// fact however many features see it ("the man, who had not eaten, thought
// he might"), so a side with a pseudo-word needs the other side to agree.
func agreeBothSides(sides [2]bool, win *Window) bool {
	pseudo := func(c Class) bool { return c == ClassComma || c == ClassBOS }
	return sides[0] && sides[1] || sides[0] && !pseudo(win.Classes[1]) || sides[1] && !pseudo(win.Classes[3])
}

// decides reports whether feature k may decide: a feature with a
// neighbouring word only when that word is a content word. For "the" or
// "of" the class feature says the same from far more counts.
func decides(k int, win *Window) bool {
	switch k {
	case 3:
		return openClass(win.Classes[1])
	case 4:
		return openClass(win.Classes[3])
	}
	return true
}

func openClass(c Class) bool {
	switch c {
	case ClassNoun, ClassNouns, ClassName, ClassVerb, ClassVerbPast, ClassVerbPart, ClassVerbIng, ClassVerbS,
		ClassAdj, ClassComp, ClassAdv, ClassCompound:
		return true
	}
	return false
}

// otherReading reports whether the context that favours the alternative
// (its feature k) is about as typical of a word class the written word
// has: the counts of "form" are mostly of the noun, but verbs stand between
// a plural noun and a determiner too. The class counts are those of every
// word of the class (#V).
func (s *scorer) otherReading(k int, alt string, na float64) bool {
	if s.p.ReadingVeto <= 0 {
		return false
	}
	if k >= 3 {
		k = 0 // a word feature: its classes-only form
	}
	pa := s.memo.Feature(Features(alt, s.win)[k]) / na
	wc := s.memo.WordClasses(s.win.Words[2])
	for _, c := range [2]Class{wc.First, wc.Second} {
		if c == ClassNone {
			continue
		}
		cm := ClassMember(c)
		if n := s.memo.Count(cm); n > 0 && s.memo.Feature(Features(cm, s.win)[k])/n*s.p.ReadingVeto >= pa {
			return true
		}
	}
	return false
}

// articleFits reports whether the article "an" is right before next as far
// as its first letter tells: "an" wants a vowel sound, so "an" before a
// consonant is a slip and "and" before a vowel may well be one, but "an"
// before a vowel, a figure or a capitalised word (an acronym perhaps: "an
// LDV van") is never changed to "and", nor "and" to "an" before a
// consonant.
func articleFits(written, alt, next string, nextIsName bool) bool {
	if next == "" || next == BOS || next == Comma {
		return written != "and"
	}
	vowel := strings.IndexByte("aeiou", next[0]) >= 0
	switch {
	case written == "an" && alt == "and":
		// a figure may be said with a vowel: an 18, an 80
		return !vowel && next[0] != 'h' && next != "0" && !nextIsName
	case written == "and" && alt == "an":
		return vowel
	}
	return true
}
