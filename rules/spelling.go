package rules

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/copydesk/copydesk/internal/core"
	"github.com/copydesk/copydesk/internal/dict"
)

// Spelling flags words that are in no dictionary (American or British
// English, SCOWL levels 10-80 plus a supplement, see internal/dict) and offers
// up to three corrections, best first (see dict.Suggest for the ranking). A
// spelling right in either variety is never flagged.
//
// Names are not typos, so most capitalised words are left alone:
//   - skipped outright: URLs, e-mail addresses, handles and hashtags, words
//     with figures, words in capitals (acronyms) or with inner capitals
//     (iPhone, McCain), the byline and the dateline, and anything the newsroom
//     vocabulary accepts;
//   - a possessive is looked up without its 's; a hyphenated compound is
//     right when each part is a word, and its lower-case parts are left alone
//     when another part is capitalised (Jong-un, al-Assad);
//   - a capitalised word inside a sentence is a probable proper noun: it is
//     reported (as a suggestion) only when it is one cheap slip from a very
//     common word, stands alone and occurs once, which mostly happens in
//     title-case headlines;
//   - a capitalised word at the start of a sentence is a name when it also
//     appears capitalised inside a sentence, appears twice, or runs into
//     another name (Arutz Sheva, Saad al-Hariri); otherwise it is checked like
//     a lower-case word, but reported only with a convincing correction;
//   - two or more unknown words in a row are a foreign phrase and stay quiet,
//     and so do particles of names (della, von).
//
// A lower-case word is reported when a correction is likely enough: a word
// with no close correction is more often a term or a coinage than a slip.
// Two common words run together are a compound (matchday) unless a function
// word shows a lost space ("thefirst" -> "the first"). A word that SCOWL
// lists only among its rarest (level 80) and that is one cheap slip from a
// common word is reported as a suggestion ("stong" -> "strong").
//
// Lower-case slips are reported even when repeated: reporters repeat their
// own misspellings. Words in Copy.Misspelling's table are left to that rule,
// so no word is reported twice.
type Spelling struct{}

func (Spelling) Meta() core.Meta {
	return core.Meta{
		ID: "Copy.Spelling", Category: core.CatTypo, Severity: core.Warning,
		Doc:     "A word that is in no dictionary, with the likeliest corrections.",
		Example: "The govrenment said -> The government said",
		Quotes:  core.QuoteLower,
	}
}

// spellMaxFixes is how many alternative corrections a finding offers.
const spellMaxFixes = 3

// spellState is what the rule decided about one word.
type spellState uint8

const (
	spellKnown   spellState = iota // a word, or not ours to judge
	spellUnknown                   // in no dictionary
	spellRare                      // listed only among the rarest words (SCOWL level 80)
)

func (Spelling) Check(d *core.Doc) []core.Finding {
	words := d.Words()
	if len(words) == 0 {
		return nil
	}
	dc := dict.Default()
	sc := newSpellContext(d, words)
	sc.takeVerdicts()
	defer sc.putVerdicts()
	state := make([]spellState, len(words))
	found := false
	for i := 0; i < len(words); {
		j := i + 1
		for j < len(words) && words[j].Has(core.WHyphenBefore) {
			j++
		}
		if sc.judgeChain(dc, i, j, state) {
			found = true
		}
		i = j
	}
	if !found {
		return nil
	}
	var out []core.Finding
	for i, w := range words {
		if state[i] == spellRare {
			if f, ok := sc.reportRare(i); ok {
				out = append(out, f)
			}
			continue
		}
		if state[i] != spellUnknown {
			continue
		}
		// a run of unknown words is a phrase in another language (names
		// inside a sentence do not count: "feaaturing Franz Ferdinand")
		if i > 0 && sc.foreignPartner(i-1, state) && sc.adjacent(i-1, i) || i+1 < len(words) && sc.foreignPartner(i+1, state) && sc.adjacent(i, i+1) {
			continue
		}
		text := d.Prose[w.Start:w.End]
		inChain := w.Has(core.WHyphenBefore) || i+1 < len(words) && words[i+1].Has(core.WHyphenBefore)
		if f, ok := sc.report(i, text, inChain); ok {
			out = append(out, f)
		}
	}
	return out
}

// The speller's answers are kept for the whole process: names and slips
// recur across the articles of a batch, and a language server checks the
// same article again on every change.
var (
	suggestMu    sync.Mutex
	suggestCache = map[suggestKey][]dict.Suggestion{}
)

type suggestKey struct {
	word string
	opt  dict.SuggestOptions
}

// suggestCacheSize bounds the cache; it is emptied when full.
const suggestCacheSize = 20000

func suggest(w string, opt dict.SuggestOptions) []dict.Suggestion {
	k := suggestKey{w, opt}
	suggestMu.Lock()
	s, ok := suggestCache[k]
	suggestMu.Unlock()
	if ok {
		return s
	}
	s = dict.Suggest(w, opt)
	suggestMu.Lock()
	if len(suggestCache) >= suggestCacheSize {
		clear(suggestCache)
	}
	suggestCache[k] = s
	suggestMu.Unlock()
	return s
}

// spellParticles are the lower-case words inside names (Piero della
// Francesca, Ursula von der Leyen, Abd al-Aziz).
var spellParticles = spellSet(`al bin bint da das de degli dei del della den der des di do dos du el ibn la le
	lo los ter ten van von y zu`)

// nameParticle: lower-case word i stands between two names, or is a
// particle before or after one.
func (sc *spellContext) nameParticle(i int, lower string) bool {
	capAt := func(k int) bool {
		return k >= 0 && k < len(sc.words) && sc.words[k].Has(core.WCap) && sc.inside(k)
	}
	before := i > 0 && sc.adjacent(i-1, i) && sc.words[i-1].Has(core.WCap)
	after := i+1 < len(sc.words) && sc.adjacent(i, i+1) && capAt(i+1)
	return before && after || (before || after) && spellParticles[lower]
}

// foreignPartner: word k is unknown and not a capitalised word inside a
// sentence (a name).
func (sc *spellContext) foreignPartner(k int, state []spellState) bool {
	return state[k] == spellUnknown && !(sc.words[k].Has(core.WCap) && sc.inside(k))
}

// spellContext holds what the rules need to know about the whole article to
// tell a name from a typo.
type spellContext struct {
	d     *core.Doc
	words []core.Word
	kind  []core.Kind // paragraph kind per word
	skip  []bool      // byline and dateline words
	// capCount counts capitalised spellings (not in capitals) across the
	// article; capInside marks those seen capitalised inside a sentence of
	// the body or a caption. Both are filled lazily for the few words that
	// need them.
	capCount  map[string]int
	capInside map[string]bool
	counted   bool
	near      *nearWords // the keys of capCount, for nearName
	// verdicts are the dictionary's answers, kept across articles (see
	// verdictCache); vocab remembers the newsroom vocabulary's answers for
	// the words the dictionary does not know.
	verdicts *verdictCache
	vocab    map[string]bool
}

// dictVerdict is what the dictionary alone says about a word: the same in
// every article, whatever its vocabulary.
type dictVerdict uint8

const (
	dictKnown dictVerdict = 1 << iota // a word, a common prefix or suffix with a word, or accented (see knownWord)
	dictRare                          // listed only at the rarest level (see rare)
)

// verdictCache remembers dictionary verdicts. An article repeats most of its
// words and a batch of articles shares most of theirs, and a map look-up
// costs less than the dictionary's case forms, prefixes and suffixes. The
// caches are pooled, one per goroutine at a time, and emptied when full;
// their keys are copies, so no article's text is kept alive.
type verdictCache struct {
	lang string
	// short holds the words of eight bytes or fewer, most words of any
	// text, under their bytes packed into a number (words hold no zero
	// byte, so the packing is one-to-one): no string to hash or compare
	short map[uint64]dictVerdict
	m     map[string]dictVerdict
}

// packWord packs a word of one to eight bytes into a number, first byte
// lowest.
func packWord(w string) uint64 {
	var k uint64
	for i := len(w) - 1; i >= 0; i-- {
		k = k<<8 | uint64(w[i])
	}
	return k
}

const verdictCacheSize = 1 << 16

func newVerdictCache(lang string) *verdictCache {
	return &verdictCache{lang: lang, short: map[uint64]dictVerdict{}, m: map[string]dictVerdict{}}
}

var verdictCaches = sync.Pool{New: func() any { return newVerdictCache("") }}

// takeVerdicts gives the context a cache from the pool; the caller puts it
// back with putVerdicts when the check is done.
func (sc *spellContext) takeVerdicts() {
	c := verdictCaches.Get().(*verdictCache)
	if c.lang != sc.d.Lang {
		clear(c.short)
		clear(c.m)
		c.lang = sc.d.Lang
	}
	sc.verdicts = c
}

func (sc *spellContext) putVerdicts() {
	verdictCaches.Put(sc.verdicts)
	sc.verdicts = nil
}

// dictVerdict looks the dictionary's verdict on text up, or makes it.
func (sc *spellContext) dictVerdict(dc *dict.Dict, text string) dictVerdict {
	if sc.verdicts == nil {
		sc.verdicts = newVerdictCache(sc.d.Lang) // not from the pool
	}
	c := sc.verdicts
	short := len(text) <= 8 && strings.IndexByte(text, 0) < 0
	var key uint64
	if short {
		key = packWord(text)
		if v, ok := c.short[key]; ok {
			return v
		}
	} else if v, ok := c.m[text]; ok {
		return v
	}
	var v dictVerdict
	base := spellBase(text)
	if dc.Has(sc.d.Lang, text) || spellNonASCII(base) {
		// Accented words are foreign words or names far more often than
		// typos: accept the word if it is known without its accents, and
		// leave it alone otherwise.
		v |= dictKnown
	} else if lower := strings.ToLower(base); spellPrefixed(dc, sc.d.Lang, lower) || spellSuffixed(dc, lower) {
		v |= dictKnown
	}
	if len(text) >= spellRareMinLen && spellLowerASCII(text) {
		if e, ok := dc.Exact(text); ok && e.Level >= spellRareLevel {
			v |= dictRare
		}
	}
	if short {
		if len(c.short) >= verdictCacheSize {
			clear(c.short)
		}
		c.short[key] = v
		return v
	}
	if len(c.m) >= verdictCacheSize {
		clear(c.m)
	}
	c.m[strings.Clone(text)] = v
	return v
}

func newSpellContext(d *core.Doc, words []core.Word) *spellContext {
	sc := newLazySpellContext(d, words)
	sc.fillKinds()
	return sc
}

// newLazySpellContext is newSpellContext for a rule that asks about a few
// words only: the paragraph kinds are looked up word by word until
// something needs them all.
func newLazySpellContext(d *core.Doc, words []core.Word) *spellContext {
	return &spellContext{d: d, words: words}
}

// fillKinds fills kind and skip for every word.
func (sc *spellContext) fillKinds() {
	if sc.kind != nil {
		return
	}
	words, d := sc.words, sc.d
	sc.kind, sc.skip = make([]core.Kind, len(words)), make([]bool, len(words))
	paras := d.Paras()
	dl := d.Dateline()
	p := 0
	for i, w := range words {
		for p < len(paras) && paras[p].End < w.Start {
			p++
		}
		if p < len(paras) {
			sc.kind[i] = paras[p].Kind
		}
		if sc.kind[i] == core.KindByline || dl.End > dl.Start && w.Start >= dl.Start && w.End <= dl.End {
			sc.skip[i] = true
		}
	}
}

// kindAt is the kind of word i's paragraph (what fillKinds puts in kind).
func (sc *spellContext) kindAt(i int) core.Kind {
	if sc.kind != nil {
		return sc.kind[i]
	}
	paras, start := sc.d.Paras(), sc.words[i].Start
	if p := sort.Search(len(paras), func(k int) bool { return paras[k].End >= start }); p < len(paras) {
		return paras[p].Kind
	}
	return core.KindBody
}

// skipAt reports whether word i is in the byline or the dateline (what
// fillKinds puts in skip).
func (sc *spellContext) skipAt(i int) bool {
	if sc.skip != nil {
		return sc.skip[i]
	}
	w, dl := sc.words[i], sc.d.Dateline()
	return sc.kindAt(i) == core.KindByline || dl.End > dl.Start && w.Start >= dl.Start && w.End <= dl.End
}

// count fills capCount and capInside on first use.
func (sc *spellContext) count() {
	if sc.counted {
		return
	}
	sc.counted = true
	sc.fillKinds()
	sc.capCount = map[string]int{}
	sc.capInside = map[string]bool{}
	for i, w := range sc.words {
		if !w.Has(core.WCap) || w.Has(core.WAllCaps) {
			continue
		}
		t := sc.d.Prose[w.Start:w.End]
		sc.capCount[t]++
		if sc.inside(i) && (sc.kind[i] == core.KindBody || sc.kind[i] == core.KindCaption) {
			sc.capInside[t] = true
		}
	}
}

// inside: the word is neither the first of its sentence nor the first of a
// headline.
func (sc *spellContext) inside(i int) bool {
	return !sc.words[i].Has(core.WSentStart) && !sc.words[i].Has(core.WParaStart)
}

// capitalisedName reports whether word i is a capitalised word that the
// article treats as a name: it appears capitalised inside a sentence of the
// body, appears twice or more, or runs into another capitalised word.
func (sc *spellContext) capitalisedName(i int) bool {
	if sc.namedInArticle(i) || sc.speaker(i) {
		return true
	}
	if k := sc.kindAt(i); k == core.KindHeadline || k == core.KindHeading {
		return false // every word of a title-case headline is capitalised
	}
	return sc.nextToName(i)
}

// speechVerbs follow the name of whoever speaks ("Secrest said").
var speechVerbs = spellSet(`said says told tells added adds asked asks wrote writes replied replies
	explained explains argued argues recalled recalls insisted insists warned warns`)

// speaker: word i is followed by a verb of speech, as names are.
func (sc *spellContext) speaker(i int) bool {
	if i+1 >= len(sc.words) || !sc.adjacent(i, i+1) {
		return false
	}
	next := sc.words[i+1]
	return speechVerbs[sc.d.Prose[next.Start:next.End]]
}

// namedInArticle: word i is capitalised the same way twice or more, or, as
// a sentence's first word, appears capitalised inside a sentence of the body
// or a caption too.
func (sc *spellContext) namedInArticle(i int) bool {
	sc.count()
	t := sc.d.Prose[sc.words[i].Start:sc.words[i].End]
	return sc.capCount[t] >= 2 || !sc.inside(i) && sc.capInside[t]
}

// nextToName: a capitalised word (other than a sentence's first) stands
// right before or after word i in the same sentence, or a name particle
// follows it (Saad al-Hariri, Ludwig van Beethoven).
func (sc *spellContext) nextToName(i int) bool {
	if i+1 < len(sc.words) && sc.adjacent(i, i+1) {
		next := sc.words[i+1]
		if next.Has(core.WCap) && sc.inside(i+1) {
			return true
		}
		if spellParticles[strings.ToLower(sc.d.Prose[next.Start:next.End])] && i+2 < len(sc.words) && sc.words[i+2].Has(core.WCap) {
			return true
		}
	}
	return i > 0 && sc.adjacent(i-1, i) && sc.words[i-1].Has(core.WCap) && sc.inside(i)
}

// adjacent: words a and b (a before b) follow each other in one sentence,
// with only a space, a hyphen or an apostrophe between them.
func (sc *spellContext) adjacent(a, b int) bool {
	if sc.words[b].Has(core.WSentStart) || sc.words[b].Has(core.WParaStart) {
		return false
	}
	gap := sc.d.Prose[sc.words[a].End:sc.words[b].Start]
	return len(gap) <= 3 && strings.Trim(gap, " -'’\u00a0") == ""
}

// judgeChain decides words[i:j], a word and the words joined to it by
// hyphens. It reports whether any of them is unknown or rare.
func (sc *spellContext) judgeChain(dc *dict.Dict, i, j int, state []spellState) bool {
	d := sc.d
	if j-i > 1 {
		whole := d.Prose[sc.words[i].Start:sc.words[j-1].End]
		if d.Vocab.Accepts(whole) || dc.Has(d.Lang, whole) || dc.Has(d.Lang, strings.ReplaceAll(whole, "-", "")) {
			return false
		}
	}
	named := false // a capitalised part that is not merely a sentence's first word
	for k := i; k < j; k++ {
		w := sc.words[k]
		if w.Has(core.WCap) && (k > i || sc.inside(k)) || w.Has(core.WInnerCap) || w.Has(core.WAllCaps) {
			named = true
		}
	}
	flagged := false
	for k := i; k < j; k++ {
		if !sc.checkable(k) {
			continue
		}
		text := d.Prose[sc.words[k].Start:sc.words[k].End]
		if known, rare := sc.judgeWord(dc, text, j-i == 1); known {
			if rare {
				state[k] = spellRare
				flagged = true
			}
			continue
		}
		if j-i > 1 && !sc.words[k].Has(core.WCap) {
			if named || k < j-1 && spellHyphenPrefixes[strings.ToLower(text)] {
				continue // the lower-case part of a name (Jong-un) or a prefix (mid-)
			}
			if stem, ok := strings.CutSuffix(text, "s"); ok && len(stem) >= 2 && dc.Has(d.Lang, stem) {
				continue // have-nots, dos and don'ts
			}
			if sc.reduplicated(i, j, k) {
				continue // touchy-feely, hocus-pocus
			}
		}
		state[k] = spellUnknown
		flagged = true
	}
	return flagged
}

// reduplicated: part k of the compound words[i:j] rhymes with another part,
// as in the playful compounds English makes by repeating a word with a new
// first sound (hocus-pocus, namby-pamby, touchy-feely).
func (sc *spellContext) reduplicated(i, j, k int) bool {
	if j-i != 2 {
		return false
	}
	other := i
	if k == i {
		other = i + 1
	}
	a := sc.d.Prose[sc.words[k].Start:sc.words[k].End]
	b := sc.d.Prose[sc.words[other].Start:sc.words[other].End]
	if len(a) < 3 || len(b) < 3 {
		return false
	}
	shared := 0
	for shared < len(a) && shared < len(b) && a[len(a)-1-shared] == b[len(b)-1-shared] {
		shared++
	}
	return shared >= 3 || shared >= 1 && strings.HasSuffix(a, "y") && len(a) >= 4 && len(b) >= 4
}

// checkable: the word has the shape of a word the rule judges.
func (sc *spellContext) checkable(i int) bool {
	w := sc.words[i]
	if sc.skipAt(i) || w.Has(core.WDigit) || w.Has(core.WAllCaps) || w.Has(core.WInnerCap) || w.Has(core.WNonLetter) {
		return false
	}
	text := sc.d.Prose[w.Start:w.End]
	if len(text) <= utf8.UTFMax && utf8.RuneCountInString(text) < 2 { // one character at most
		return false
	}
	return !spellMachineText(sc.d.Prose, w.Start, w.End)
}

// A lower-case word that SCOWL lists only at its rarest level and that is one
// cheap slip from a common word was most probably meant to be that word
// ("stong" for "strong").
const (
	spellRareLevel  = 80
	spellRareMinLen = 5
	spellRareScore  = 0.75
	spellRareTarget = 35
)

// rare: a lower-case word of five letters or more that the dictionary lists
// only among its rarest words, and that the newsroom vocabulary does not
// list.
func (sc *spellContext) rare(dc *dict.Dict, text string) bool {
	if len(text) < spellRareMinLen || !spellLowerASCII(text) {
		return false
	}
	e, ok := dc.Exact(text)
	return ok && e.Level >= spellRareLevel && !sc.d.Vocab.Accepts(text)
}

func spellLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// reportRare reports a rare word that is one cheap slip from a common word,
// as a suggestion: the rare word may be meant.
func (sc *spellContext) reportRare(i int) (core.Finding, bool) {
	w := sc.words[i]
	text := sc.d.Prose[w.Start:w.End]
	if sc.nameParticle(i, text) {
		return core.Finding{}, false
	}
	if i > 0 && sc.adjacent(i-1, i) && !sc.knownWord(dict.Default(), sc.d.Prose[sc.words[i-1].Start:sc.words[i-1].End]) {
		return core.Finding{}, false
	}
	sugg := suggest(text, dict.SuggestOptions{Lang: sc.d.Lang, Max: spellMaxFixes, MaxDistance: 1})
	if len(sugg) == 0 || sugg[0].Score > spellRareScore || sugg[0].Entry.Level > spellRareTarget || sugg[0].Distance != 1 {
		return core.Finding{}, false
	}
	f := core.Finding{
		Rule: "Copy.Spelling", Category: core.CatTypo, Severity: core.Suggestion,
		Start: w.Start, End: w.End,
		Message: fmt.Sprintf("%q is a rare word: did you mean %q?", text, sugg[0].Word),
	}
	for _, s := range sugg {
		if s.Score <= spellRareScore {
			f.Fixes = append(f.Fixes, core.Replace(w.Start, w.End, s.Word, ""))
		}
	}
	return f, true
}

// knownWord: in the dictionary, the newsroom vocabulary, or made of a
// common prefix and a word (or a word and a common suffix); an accented
// word is left alone.
func (sc *spellContext) knownWord(dc *dict.Dict, text string) bool {
	known, _ := sc.judgeWord(dc, text, false)
	return known
}

// judgeWord is knownWord, and when askRare is set, rare for a known word
// too.
func (sc *spellContext) judgeWord(dc *dict.Dict, text string, askRare bool) (known, rare bool) {
	v := sc.dictVerdict(dc, text)
	known = v&dictKnown != 0 || sc.vocabKnows(text)
	// rare: the dictionary's test, and the vocabulary does not list it
	rare = askRare && known && v&dictRare != 0 && !sc.d.Vocab.Accepts(text)
	return known, rare
}

// vocabKnows: the newsroom vocabulary accepts the word, with either
// apostrophe, or without its possessive.
func (sc *spellContext) vocabKnows(text string) bool {
	if k, ok := sc.vocab[text]; ok {
		return k
	}
	v := sc.d.Vocab
	base := spellBase(text)
	k := v.Accepts(text) || v.Accepts(strings.ReplaceAll(text, "’", "'")) || base != text && v.Accepts(base)
	if sc.vocab == nil {
		sc.vocab = map[string]bool{}
	}
	sc.vocab[text] = k
	return k
}

// spellSuffixes are endings that make a noun of any verb or adjective and
// that word lists leave out for the rarer words: "enablement",
// "unfussiness".
var spellSuffixes = []string{"ments", "ment", "nesses", "ness"}

// spellSuffixed accepts a word made of a common word and one of
// spellSuffixes ("enable" + "ment"). Classic misspellings of this shape
// ("arguement") are in Copy.Misspelling's table, which comes first.
func spellSuffixed(dc *dict.Dict, w string) bool {
	for _, suf := range spellSuffixes {
		stem, ok := strings.CutSuffix(w, suf)
		if !ok || len(stem) < 4 {
			continue
		}
		if e, ok := dc.Find(stem); ok && e.Level <= spellPrefixLevel && !e.Proper() {
			return true
		}
		// happiness: happy + ness
		if strings.HasSuffix(stem, "i") {
			if e, ok := dc.Find(stem[:len(stem)-1] + "y"); ok && e.Level <= spellPrefixLevel && !e.Proper() {
				return true
			}
		}
	}
	return false
}

// spellBase cuts a possessive 's or ’s (or 'S, ’S) off w, unless nothing
// would be left.
func spellBase(w string) string {
	n := len(w)
	if n < 3 || w[n-1] != 's' && w[n-1] != 'S' {
		return w
	}
	if w[n-2] == '\'' {
		return w[:n-2]
	}
	if n > 4 && w[n-4:n-1] == "’" {
		return w[:n-4]
	}
	return w
}

func spellNonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// spellPrefixes make new words from common ones (cyberattack, reelect,
// nonprofit, postwar). The rest of the word must be a common word of four
// letters or more, so that a slip such as "overal" is still caught.
var spellPrefixes = []string{
	"anti", "auto", "bio", "co", "counter", "cross", "cyber", "de", "eco", "euro", "ex", "extra",
	"geo", "hyper", "inter", "intra", "macro", "mega", "micro", "mid", "mini", "multi", "neo",
	"non", "out", "over", "post", "pre", "pro", "pseudo", "re", "self", "semi", "sub", "super",
	"tele", "trans", "ultra", "un", "under", "up",
}

// spellHyphenPrefixes are the prefixes written with a hyphen whose first part is
// no word on its own (e-commerce, mid-July, ex-wife, co-founder).
var spellHyphenPrefixes = map[string]bool{
	"e": true, "ex": true, "co": true, "mid": true, "non": true, "pre": true, "post": true,
	"anti": true, "pro": true, "re": true, "semi": true, "self": true, "vice": true, "multi": true,
	"cyber": true, "bi": true, "tri": true, "eco": true, "geo": true, "neo": true, "inter": true,
	"trans": true, "ultra": true, "mega": true, "micro": true, "mini": true, "sub": true,
	"de": true, "un": true, "x": true, "t": true, "u": true, "k": true, "a": true,
}

// spellPrefixLevel is the commonest a word must be to make a compound with a
// prefix (SCOWL level).
const spellPrefixLevel = 60

func spellPrefixed(dc *dict.Dict, lang, w string) bool {
	for _, p := range spellPrefixes {
		rest, ok := strings.CutPrefix(w, p)
		if !ok || len(rest) < 4 {
			continue
		}
		if e, ok := dc.Find(rest); ok && e.Level <= spellPrefixLevel && !e.Proper() {
			return true
		}
	}
	return false
}

// spellMachineText reports whether the word at [s, e) is part of a URL, an
// e-mail address, a handle, a hashtag, a file name or code: a run of
// non-space characters holding characters that prose does not.
func spellMachineText(prose string, s, e int) bool {
	a := s
	for a > 0 && !spellSpace(prose[a-1]) {
		a--
	}
	b := e
	for b < len(prose) && !spellSpace(prose[b]) {
		b++
	}
	// (a "://" holds a '/', which is one of them)
	for i := a; i < b; i++ {
		if spellMachineByte[prose[i]] {
			return true
		}
	}
	// a full stop between letters: example.com, Node.js (not "U.S." or
	// "a.m.", which are made of single letters, nor a sentence's end)
	for i := a + 1; i < b-1; i++ {
		if prose[i] == '.' && spellLetter(prose[i-1]) && spellLetter(prose[i+1]) {
			l, r := i-1, i+1
			for l > a && spellLetter(prose[l-1]) {
				l--
			}
			for r < b && spellLetter(prose[r]) {
				r++
			}
			if i-l >= 2 && r-i-1 >= 2 {
				return true
			}
		}
	}
	return false
}

// spellMachineByte marks the characters that prose does not hold and URLs,
// addresses, handles and code do.
var spellMachineByte = func() (t [256]bool) {
	for _, c := range []byte("@#/\\_=<>{}|~^`$%&+*[]") {
		t[c] = true
	}
	return t
}()

func spellSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r'
}

func spellLetter(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// Thresholds on the best correction's score (weighted edits plus commonness
// penalties, see dict.Suggest): how convincing a correction must be before
// an unknown word is reported. Typists' slips score under 1; a word with no
// correction that good is more often a term, a name or a foreign word.
const (
	spellLowerScore    = 1.5  // a lower-case word
	spellChainScore    = 0.8  // a lower-case part of a hyphenated compound
	spellStartScore    = 1.3  // a capitalised word opening a sentence
	spellInsideScore   = 0.7  // a capitalised word inside a body sentence: only a cheap slip of a very common word
	spellHeadScore     = 0.85 // a capitalised word inside a headline (title case capitalises every word)
	spellCompoundScore = 0.75 // a closed compound of two words is a slip only with a correction this cheap
	spellMergeScore    = 0.8  // the score of "the first" for "thefirst"
	spellInsideMinLen  = 6
	spellCapMinLen     = 5
)

// spellCandidate is one correction on offer.
type spellCandidate struct {
	word  string
	score float64
	good  bool // a common lower-case word one edit away (for capitalised words)
	name  bool
}

// report builds the finding for unknown word i, or says there is none.
func (sc *spellContext) report(i int, text string, inChain bool) (core.Finding, bool) {
	d := sc.d
	w := sc.words[i]
	base := spellBase(text)
	lower := strings.ToLower(strings.ReplaceAll(base, "’", "'"))
	if _, ok := misspellLookup(lower); ok {
		return core.Finding{}, false // Copy.Misspelling reports it, with a certain fix
	}
	capital := w.Has(core.WCap)
	inside := sc.inside(i)
	runes := utf8.RuneCountInString(base)
	sev := core.Warning
	limit := spellLowerScore
	switch {
	case capital && (runes < spellCapMinLen || sc.capitalisedName(i)):
		return core.Finding{}, false
	case capital && inside:
		if runes < spellInsideMinLen {
			return core.Finding{}, false
		}
		sev, limit = core.Suggestion, spellInsideScore
		if k := sc.kindAt(i); k == core.KindHeadline || k == core.KindHeading {
			limit = spellHeadScore
		}
	case capital:
		limit = spellStartScore
	case runes <= 3:
		return core.Finding{}, false // abbreviations (bpd, wav) and name particles; short slips are in Copy.Misspelling's table
	case sc.nameParticle(i, lower):
		return core.Finding{}, false
	case inChain:
		limit = spellChainScore
	}
	if spellExpressive(lower) || sc.droppedG(i, lower) {
		return core.Finding{}, false
	}
	opt := dict.SuggestOptions{Lang: d.Lang, Max: spellMaxFixes, Names: true}
	switch {
	case capital && inside:
		// only a one-letter slip of a common word will do: a much
		// cheaper search, for the many names that come this way
		opt.MaxDistance, opt.KeepFirst = 1, true
	case capital:
		// a capitalised word opening a sentence is more often a name
		// than a slip; one edit is as far as the rule will go
		opt.MaxDistance = 1
	}
	sugg := suggest(base, opt)
	// For a capitalised word inside a sentence, only a slip of a common word
	// (a very common one in body text: "Morton" is not "Moron") will do.
	goodLevel := 35
	if capital && inside && limit == spellInsideScore {
		goodLevel = 20
	}
	cands := make([]spellCandidate, 0, len(sugg)+1)
	for _, s := range sugg {
		if sc.rare(dict.Default(), s.Word) {
			// a word the rule would call rare once it is in place
			// ("cyoses" -> "choses", then "did you mean chooses?")
			continue
		}
		cands = append(cands, spellCandidate{word: s.Word, score: s.Score, name: s.Entry.Proper(),
			good: s.Distance == 1 && s.Entry.Level <= goodLevel})
	}
	if !inChain {
		switch a, b, kind := spellSplit(lower); kind {
		case spellSplitCompound:
			if len(cands) == 0 || cands[0].score > spellCompoundScore {
				return core.Finding{}, false // matchday, passcode: a compound of two words
			}
		case spellSplitMerge:
			if capital {
				break // names are often made of words (Hislop, Mayfield)
			}
			m := a + " " + b
			k := 0
			for k < len(cands) && cands[k].score <= spellMergeScore {
				k++
			}
			cands = append(cands[:k], append([]spellCandidate{{word: m, score: spellMergeScore, good: true}}, cands[k:]...)...)
		}
	}
	if len(cands) == 0 || cands[0].score > limit {
		return core.Finding{}, false
	}
	if capital {
		if cands[0].name || inside && !cands[0].good || sc.nearName(i, base) {
			return core.Finding{}, false
		}
	}
	if len(cands) > spellMaxFixes {
		cands = cands[:spellMaxFixes]
	}
	f := core.Finding{
		Rule: "Copy.Spelling", Category: core.CatTypo, Severity: sev,
		Start: w.Start, End: w.Start + len(base),
		Message: fmt.Sprintf("%q is not in the dictionary: did you mean %q?", base, cands[0].word),
	}
	for _, c := range cands {
		f.Fixes = append(f.Fixes, core.Replace(f.Start, f.End, spellApostrophes(base, c.word), ""))
	}
	return f, true
}

// droppedG: the word is written as spoken, with an apostrophe for its last
// letter (darlin', gallivantin').
func (sc *spellContext) droppedG(i int, lower string) bool {
	end := sc.words[i].End
	rest := sc.d.Prose[end:]
	if !strings.HasSuffix(lower, "in") || !(strings.HasPrefix(rest, "'") || strings.HasPrefix(rest, "’")) {
		return false
	}
	return dict.Has(sc.d.Lang, lower+"g")
}

// spellExpressive: a letter written three times or more (grrrl, sooo, hmmm) is
// spelling for effect, unless taking one away leaves a word (folllowing).
func spellExpressive(w string) bool {
	for i := 2; i < len(w); i++ {
		if w[i] == w[i-1] && w[i] == w[i-2] {
			return !dict.Has("", w[:i]+w[i+1:])
		}
	}
	return false
}

type spellSplitKind uint8

const (
	spellSplitNone     spellSplitKind = iota
	spellSplitCompound                // two content words written as one: matchday
	spellSplitMerge                   // a space left out: thefirst, willmean
)

// spellSplit looks for a way to read w as two words. A function word on
// either side (or an -ly adverb first) means a space was left out; two
// common content words of three letters or more make a closed compound.
func spellSplit(w string) (string, string, spellSplitKind) {
	if len(w) < 5 || spellNonASCII(w) || strings.ContainsAny(w, "'’") {
		return "", "", spellSplitNone
	}
	dc := dict.Default()
	kind := spellSplitNone
	var ba, bb string
	for i := 1; i < len(w); i++ {
		a, b := w[:i], w[i:]
		if !spellLowerWord(dc, a) || len(b) < 2 || !spellLowerWord(dc, b) {
			continue
		}
		if spellMergeFirst[a] || spellMergeSecond[b] || len(a) >= 5 && strings.HasSuffix(a, "ly") {
			// both halves common words, the content half three letters or
			// more ("should da" is no reading of "shouldda")
			if (len(a) >= 3 || spellMergeFirst[a]) && (len(b) >= 3 || spellMergeSecond[b]) &&
				dict.Level(a) <= 60 && dict.Level(b) <= 60 {
				return a, b, spellSplitMerge
			}
			continue
		}
		if len(a) >= 3 && len(b) >= 3 && dict.Level(a) <= 50 && dict.Level(b) <= 50 {
			kind, ba, bb = spellSplitCompound, a, b
		}
	}
	return ba, bb, kind
}

// spellLowerWord: a lower-case dictionary word (not a name, not an acronym).
func spellLowerWord(dc *dict.Dict, w string) bool {
	if len(w) == 1 {
		return w == "a" || w == "i"
	}
	_, ok := dc.Exact(w)
	return ok
}

// spellMergeFirst are words that never start a closed compound: "thefirst",
// "willmean", "theirfamilies" are two words run together.
var spellMergeFirst = spellSet(`the a an and or but of to in on at by for with from as is are was were be been
	has have had will would can could should may might must shall not no their they them this that
	these those there his her its our your my we he she it you who which what when where how if
	than then so also just very into onto more most all any some such only has did does its`)

// spellMergeSecond are words that never end a closed compound (particles such as
// out, up and off do: lineout, setup, takeoff).
var spellMergeSecond = spellSet(`the a an and or but of to at for with from as is are was were be been has have
	had will would can could should may might must shall not their they them this that these those
	there his her its our your my we he she it you who which what when where how if than then so
	also just very`)

func spellSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// nearName: another capitalised word of the article is within two edits of
// word i; the two are probably spellings of one name (Copy.NameVariants'
// business, not a typo of a common word).
func (sc *spellContext) nearName(i int, base string) bool {
	sc.count()
	if sc.near == nil {
		sc.near = newNearWords()
		for w := range sc.capCount {
			sc.near.add(w, 0)
		}
	}
	found := false
	sc.near.nearby(base, 2, func(e nearEntry) {
		other := e.word
		if found || other == base || len(other)-len(base) > 2 || len(base)-len(other) > 2 {
			return
		}
		if !dict.Has(sc.d.Lang, other) || dict.ProperOnly(other) {
			found = true
		}
	})
	return found
}

// spellApostrophes writes a correction with the kind of apostrophe the
// original used (the dictionary's are straight).
func spellApostrophes(orig, fix string) string {
	if strings.Contains(orig, "’") {
		return strings.ReplaceAll(fix, "'", "’")
	}
	return fix
}
