package realword

import (
	"strings"

	"github.com/copydesk/copydesk/internal/core"
)

// Class is a coarse word class (part of speech), the back-off level of the
// confusion-set scores: when "to meat the" was never seen word for word,
// "to" + meat + a determiner still says that a verb was meant. A word's
// class is the one it most often has in the tagged Brown corpus (classes.bin,
// made by the generator); words the corpus does not know get one from their
// shape (capital, ending, figure, hyphen). The same function classes the
// reference text when the counts are made and the copy when it is checked,
// so the counts and the lookups agree even where the guess is wrong.
type Class uint8

const (
	ClassNone     Class = iota
	ClassBOS            // sentence boundary (pseudo-word)
	ClassComma          // a comma (pseudo-word)
	ClassDet            // the, a, this, no, every
	ClassQuant          // many, few, several, more, other (Brown "ap", "abn")
	ClassPoss           // his, their, its, the bank's
	ClassPron           // he, they, it, someone
	ClassPronObj        // him, them, me
	ClassNoun           // singular or mass noun
	ClassNouns          // plural noun
	ClassName           // proper noun, or a capitalised word mid-sentence
	ClassVerb           // base form: meet, hire
	ClassVerbPast       // met, hired
	ClassVerbPart       // past participle
	ClassVerbIng        // meeting
	ClassVerbS          // meets
	ClassBe             // is, was, be, been
	ClassHave           // has, had
	ClassModal          // will, could, can't
	ClassTo             // to
	ClassPrep           // of, in, from
	ClassConj           // and, or, but
	ClassSub            // that, if, because
	ClassWh             // which, who, where
	ClassAdj            // adjective, ordinal
	ClassComp           // comparative: higher, more
	ClassAdv            // adverb, qualifier
	ClassPart           // particle: up, out, off (Brown "rp")
	ClassNeg            // not
	ClassNum            // a figure or number word
	ClassThere          // existential there
	ClassCompound       // a hyphenated compound
	ClassOther
	NumClasses
)

var classNames = [...]string{"-", "BOS", "COMMA", "DET", "QUANT", "POSS", "PRON", "PRONO", "N", "NS", "NP", "V", "VD", "VN", "VG", "VZ",
	"BE", "HAVE", "MD", "TO", "IN", "CC", "CS", "WH", "JJ", "JJR", "RB", "RP", "NOT", "CD", "EX", "COMP", "X"}

func (c Class) String() string {
	if int(c) < len(classNames) {
		return classNames[c]
	}
	return "?"
}

// ClassByName is the inverse of Class.String.
func ClassByName(s string) Class {
	for i, n := range classNames {
		if n == s {
			return Class(i)
		}
	}
	return ClassNone
}

// Lexicon gives the listed class of a normalised word, or ClassNone.
type Lexicon interface {
	Lookup(norm string) Class
}

// Classes are a word's commonest class and, when it has one often enough,
// its second (form: a noun, also a verb).
type Classes struct {
	First, Second Class
}

// MapLexicon is a Lexicon held in a map (the generator's).
type MapLexicon map[string]Classes

func (m MapLexicon) Lookup(w string) Class { return m[w].First }

// ClassMember is the pseudo-member under which the counts of every word of
// a class are kept ("#V"): how typical a context is of verbs in general.
func ClassMember(c Class) string { return "#" + c.String() }

// ShapeClass guesses the class of a lower-case word the lexicon does not
// know from its shape alone.
func ShapeClass(norm string) Class {
	switch {
	case norm == "0":
		return ClassNum
	case strings.IndexByte(norm, '-') >= 0:
		return ClassCompound
	case strings.HasSuffix(norm, "'s") || strings.HasSuffix(norm, "s'"):
		return ClassPoss
	case strings.HasSuffix(norm, "ly"):
		return ClassAdv
	case hasAnySuffix(norm, "ous", "ful", "ive", "able", "ible", "less", "ical", "ish"):
		return ClassAdj
	case strings.HasSuffix(norm, "ing"):
		return ClassVerbIng
	case strings.HasSuffix(norm, "ed"):
		return ClassVerbPast
	case strings.HasSuffix(norm, "s") && !strings.HasSuffix(norm, "ss") && !strings.HasSuffix(norm, "us") && !strings.HasSuffix(norm, "is"):
		return ClassNouns
	}
	return ClassNoun
}

func hasAnySuffix(w string, sufs ...string) bool {
	for _, s := range sufs {
		if len(w) > len(s)+2 && strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

// WordClass returns the class of a word in context: Norm is the normalised
// word, flags its core word flags. A capitalised word that does not open a
// sentence is a name, whatever the lexicon says of its lower-case form (May,
// Will, Brown), except for "I"; a possessive name (Britain's) stands where a
// determiner would.
func WordClass(lx Lexicon, norm string, flags core.WordFlags) Class {
	if flags&core.WDigit != 0 || norm == "0" {
		return ClassNum
	}
	if flags&(core.WCap|core.WAllCaps|core.WInnerCap) != 0 && norm != "i" {
		if strings.HasSuffix(norm, "'s") || strings.HasSuffix(norm, "s'") {
			return ClassPoss // Britain's, the Smiths': a determiner, as "the" is
		}
		if flags&core.WSentStart == 0 || flags&(core.WAllCaps|core.WInnerCap) != 0 {
			return ClassName
		}
		if c := lx.Lookup(norm); c != ClassNone {
			return c
		}
		return ClassName
	}
	if c := lx.Lookup(norm); c != ClassNone {
		return c
	}
	if us := americanSpelling(norm); us != "" {
		if c := lx.Lookup(us); c != ClassNone {
			return c
		}
	}
	return ShapeClass(norm)
}

// britishEndings are spelled otherwise in the American reference text the
// lexicon comes from: popularise, organisation, behaviour, centre.
var britishEndings = [...][2]string{
	{"ise", "ize"}, {"ised", "ized"}, {"ises", "izes"}, {"ising", "izing"}, {"isation", "ization"}, {"isations", "izations"},
	{"our", "or"}, {"ours", "ors"}, {"tre", "ter"}, {"tres", "ters"},
}

// americanSpelling returns the American spelling of a word with a British
// ending, or "".
func americanSpelling(w string) string {
	for _, e := range britishEndings {
		if len(w) > len(e[0])+2 && strings.HasSuffix(w, e[0]) {
			return w[:len(w)-len(e[0])] + e[1]
		}
	}
	return ""
}

// ctxClass is the class of the context word that holds toks[j] (a whole
// hyphenated compound is one word to the model).
func ctxClass(lx Lexicon, toks []Tok, j int) Class {
	if toks[j].Sep == SepHyphen || j+1 < len(toks) && toks[j+1].Sep == SepHyphen {
		return ClassCompound
	}
	return WordClass(lx, toks[j].Norm, toks[j].Flags)
}

// ContextClasses returns the class of every element of Context(toks), in
// step with it: ClassBOS and ClassComma for the pseudo-words.
func ContextClasses(lx Lexicon, toks []Tok) []Class {
	out := make([]Class, 0, len(toks)+len(toks)/8+1)
	for i, t := range toks {
		switch t.Sep {
		case SepStart, SepStop, SepOther:
			out = append(out, ClassBOS)
		case SepComma:
			out = append(out, ClassComma)
		case SepHyphen:
			continue
		}
		out = append(out, ctxClass(lx, toks, i))
	}
	return append(out, ClassBOS)
}

// Window is what the model sees around a word: two context words (or
// pseudo-words) on each side and their classes. Index 2 is the word itself.
type Window struct {
	Words   [5]string
	Classes [5]Class
}

// WindowAt returns the window around toks[i] as Context and ContextClasses
// would show it, without building the whole stream. toks[i] must not be part
// of a hyphenated compound.
func WindowAt(lx Lexicon, toks []Tok, i int) Window {
	var w Window
	w.Words[2] = toks[i].Norm
	w.Classes[2] = ctxClass(lx, toks, i)
	// leftwards: the separator before token k, then the compound ending at k-1
	k, slot := i, 1
	for slot >= 0 {
		if k == 0 {
			// the stream opens with a sentence boundary; beyond it, nothing
			// (the generator counts BOS there too)
			for ; slot >= 0; slot-- {
				w.Words[slot], w.Classes[slot] = BOS, ClassBOS
			}
			break
		}
		switch toks[k].Sep {
		case SepStart, SepStop, SepOther:
			w.Words[slot], w.Classes[slot] = BOS, ClassBOS
			slot--
		case SepComma:
			w.Words[slot], w.Classes[slot] = Comma, ClassComma
			slot--
		}
		if slot < 0 {
			break
		}
		j := k - 1
		w.Words[slot], w.Classes[slot] = compound(toks, j), ctxClass(lx, toks, j)
		slot--
		for j > 0 && toks[j].Sep == SepHyphen {
			j--
		}
		k = j
	}
	// rightwards: the separator before token k, then the compound from k
	k, slot = i+1, 3
	for slot <= 4 {
		if k >= len(toks) {
			for ; slot <= 4; slot++ {
				w.Words[slot], w.Classes[slot] = BOS, ClassBOS
			}
			break
		}
		switch toks[k].Sep {
		case SepStart, SepStop, SepOther:
			w.Words[slot], w.Classes[slot] = BOS, ClassBOS
			slot++
		case SepComma:
			w.Words[slot], w.Classes[slot] = Comma, ClassComma
			slot++
		}
		if slot > 4 {
			break
		}
		w.Words[slot], w.Classes[slot] = compound(toks, k), ctxClass(lx, toks, k)
		slot++
		k++
		for k < len(toks) && toks[k].Sep == SepHyphen {
			k++
		}
	}
	return w
}
