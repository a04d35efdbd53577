package core

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Word is a word of Prose: letters, digits and marks, with apostrophes
// inside (don't, O’Brien). Hyphens and other punctuation split words;
// Joined says whether a word is glued to the previous one by a hyphen.
type Word struct {
	Start, End int
	Flags      WordFlags
}

type WordFlags uint16

const (
	WCap          WordFlags = 1 << iota // starts with a capital
	WAllCaps                            // two or more letters, all capitals
	WDigit                              // holds a figure
	WSentStart                          // first word of a sentence or paragraph
	WHyphenBefore                       // joined to the previous word by a hyphen
	WInnerCap                           // a capital after the first letter (iPhone, McCain)
	WNonLetter                          // holds something other than letters and apostrophes
	WParaStart                          // first word of a paragraph
)

func (w Word) Has(f WordFlags) bool { return w.Flags&f != 0 }

// Text returns the word's text in d.Prose.
func (d *Doc) WordText(w Word) string { return d.Prose[w.Start:w.End] }

// Words returns the words of Prose, computed once.
func (d *Doc) Words() []Word {
	d.once.Do(func() { d.words = tokenize(d.Prose, d.paras) })
	return d.words
}

// splitTokenizeFrom is the prose length from which Tokenize splits the
// two halves of a text side by side.
const splitTokenizeFrom = 64 << 10

// Tokenize makes the words and the sentences now, on two goroutines when
// parallel is set and the text is long: the first half of the paragraphs is
// tokenized on one while the other makes the second half and the
// sentences. Paragraphs are tokenized independently (no word and no flag
// crosses a paragraph break), so the halves joined are what Words makes.
func (d *Doc) Tokenize(parallel bool) {
	if !parallel || len(d.Prose) < splitTokenizeFrom || len(d.paras) < 2 {
		d.Words()
		d.Sentences()
		return
	}
	d.once.Do(func() {
		mid := sort.Search(len(d.paras), func(i int) bool { return d.paras[i].Start >= len(d.Prose)/2 })
		mid = min(max(mid, 1), len(d.paras)-1)
		// One list holds both halves: the first half is made at its start
		// and the second after room for the first half's estimate, then
		// moved down next to it. The estimate is not a bound (a word may
		// end at a dash inside a run it counts as one): a half that
		// outgrows its room is moved to a new array by append, and the
		// halves are then joined by an append.
		p, m, q := d.paras[0].Start, d.paras[mid].Start, d.paras[len(d.paras)-1].End
		room := estimateWords(d.Prose[p:m])
		buf := make([]Word, room+estimateWords(d.Prose[m:q]))
		var second []Word
		done := make(chan struct{})
		go func() {
			defer close(done)
			second = tokenizeInto(buf[room:room], d.Prose, d.paras[mid:])
			d.Sentences()
		}()
		first := tokenizeInto(buf[:0:room], d.Prose, d.paras[:mid])
		<-done
		if len(first) > 0 && len(second) > 0 && &first[0] == &buf[0] && &second[0] == &buf[room] {
			n := copy(buf[len(first):], second)
			d.words = buf[:len(first)+n]
		} else {
			d.words = append(first[:len(first):len(first)], second...)
		}
	})
	d.Sentences()
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// asciiClass sorts the ASCII bytes for the tokenizer, so that the common
// case (a letter, a space) costs one table look-up instead of a decoding and
// the unicode tables.
var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = classLower
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = classUpper
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = classDigit
	}
	for _, c := range ".!?:" {
		t[c] = classStop
	}
	t['\''] = classApostrophe
	return t
}()

const (
	classOther uint8 = iota
	classLower
	classUpper
	classDigit
	classStop       // . ! ? : may end a sentence
	classApostrophe // ' may join the letters around it
)

// letterAt reports whether the character at prose[i:] is a letter.
func letterAt(prose string, i int) bool {
	if c := prose[i]; c < utf8.RuneSelf {
		return asciiClass[c] == classLower || asciiClass[c] == classUpper
	}
	r, _ := utf8.DecodeRuneInString(prose[i:])
	return unicode.IsLetter(r)
}

// tokenize finds the words of each paragraph. ASCII characters, most of any
// English text, are sorted by asciiClass; anything else goes through the
// unicode tables. Both paths give the same words as reading the text one
// rune at a time with isWordRune (a test holds the two readings together).
func tokenize(prose string, paras []Para) []Word {
	if len(paras) == 0 {
		return make([]Word, 0, 16)
	}
	return tokenizeInto(make([]Word, 0, estimateWords(prose[paras[0].Start:paras[len(paras)-1].End])), prose, paras)
}

// tokenizeInto appends the words of paras to words.
func tokenizeInto(words []Word, prose string, paras []Para) []Word {
	for _, p := range paras {
		sentStart := true
		paraStart := true
		i := p.Start
		for i < p.End {
			c := prose[i]
			if c < utf8.RuneSelf {
				switch asciiClass[c] {
				case classLower, classUpper, classDigit:
					// a word starts here
				case classStop:
					if c != '.' || !isAbbrevBefore(prose, i) && !decimalAt(prose, i) {
						sentStart = true
					}
					i++
					continue
				default:
					i++
					continue
				}
			} else {
				r, size := utf8.DecodeRuneInString(prose[i:])
				if !isWordRune(r) {
					// an ellipsis (…) does not end a sentence for our purposes
					i += size
					continue
				}
			}
			// a word starts at i
			start := i
			var fl WordFlags
			letters, uppers := 0, 0
			first := true
		word:
			for i < p.End {
				if c := prose[i]; c < utf8.RuneSelf {
					switch asciiClass[c] {
					case classLower:
						letters++
					case classUpper:
						letters++
						uppers++
						if first {
							fl |= WCap
						} else {
							fl |= WInnerCap
						}
					case classDigit:
						fl |= WDigit
					case classApostrophe:
						if i+1 < p.End && letterAt(prose, i+1) {
							i++
							continue
						}
						break word
					default:
						break word
					}
					first = false
					i++
					continue
				}
				r, size := utf8.DecodeRuneInString(prose[i:])
				if isWordRune(r) {
					if unicode.IsDigit(r) {
						fl |= WDigit
					} else if unicode.IsLetter(r) {
						letters++
						if unicode.IsUpper(r) {
							uppers++
							if first {
								fl |= WCap
							} else {
								fl |= WInnerCap
							}
						}
					}
					first = false
					i += size
					continue
				}
				if r == '’' && i+size < p.End && letterAt(prose, i+size) {
					i += size
					continue
				}
				break
			}
			if uppers >= 2 && uppers == letters {
				fl |= WAllCaps
				fl &^= WInnerCap
			}
			if fl&WDigit != 0 {
				fl |= WNonLetter
			}
			if sentStart {
				fl |= WSentStart
			}
			if paraStart {
				fl |= WParaStart
			}
			if start > p.Start && prose[start-1] == '-' && len(words) > 0 && words[len(words)-1].End == start-1 {
				fl |= WHyphenBefore
			}
			words = append(words, Word{Start: start, End: i, Flags: fl})
			sentStart = false
			paraStart = false
		}
	}
	return words
}

// estimateWords counts the places where a run of letters or figures
// starts, a little more than the words tokenize will find (apostrophes join
// some runs). The word list of a 50 MB file is 200 MB: made at its size,
// it does not grow by doubling to twice that.
func estimateWords(prose string) int {
	// branch-free: a run starts where an alphanumeric byte follows another
	// byte, and a branch on every byte of prose mispredicts at every word
	n, in := 0, uint8(0)
	for i := 0; i < len(prose); i++ {
		a := runStarter[prose[i]]
		n += int(a &^ in)
		in = a
	}
	return n + 16
}

// runStarter is 1 for the bytes estimateWords counts as letters or figures:
// ASCII letters and digits, and every byte of a non-ASCII character.
var runStarter = func() (t [256]uint8) {
	for c := range t {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= utf8.RuneSelf {
			t[c] = 1
		}
	}
	return t
}()

func decimalAt(prose string, i int) bool {
	return i > 0 && i+1 < len(prose) && prose[i-1] >= '0' && prose[i-1] <= '9' && prose[i+1] >= '0' && prose[i+1] <= '9'
}

// abbreviations that end in a full stop without ending a sentence when a
// name or figure follows.
var abbrevs = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "gov": true, "sen": true, "rep": true,
	"gen": true, "col": true, "lt": true, "sgt": true, "capt": true, "cpl": true, "maj": true, "adm": true,
	"prof": true, "rev": true, "jr": true, "sr": true, "inc": true, "co": true, "corp": true, "ltd": true,
	"no": true, "vs": true, "v": true, "mt": true, "ft": true, "pres": true, "supt": true, "det": true,
	"jan": true, "feb": true, "aug": true, "sept": true, "sep": true, "oct": true, "nov": true, "dec": true,
	"ave": true, "blvd": true, "rd": true, "gov't": true, "messrs": true, "mme": true, "mlle": true,
	"approx": true, "est": true, "dept": true, "univ": true, "assn": true, "bros": true, "fig": true,
	"cf": true, "e.g": true, "i.e": true, "etc": false, "ala": true, "ariz": true, "ark": true, "calif": true,
	"colo": true, "conn": true, "del": true, "fla": true, "ga": true, "ill": true, "ind": true, "kan": true,
	"ky": true, "la": true, "md": true, "mass": true, "mich": true, "minn": true, "miss": true, "mo": true,
	"mont": true, "neb": true, "nev": true, "okla": true, "ore": true, "pa": true, "tenn": true, "vt": true,
	"va": true, "wash": true, "wis": true, "wyo": true,
}

// isAbbrevBefore reports whether the full stop at prose[i] closes an
// abbreviation (Mr., U.S., Sept., a single initial) rather than a sentence.
//
// The word is the run of letters, apostrophes and full stops before i. The
// scan back stops at the first full stop, which settles it (U.S., a.m.,
// Ph.D): so each byte is read by one call only, and a run of thousands of
// full stops or initials costs no more than its length.
func isAbbrevBefore(prose string, i int) bool {
	j := i
	for j > 0 {
		r, size := utf8.DecodeLastRuneInString(prose[:j])
		if r == '.' {
			return true // U.S., a.m., Ph.D
		}
		if !unicode.IsLetter(r) && r != '\'' {
			break
		}
		j -= size
	}
	w := prose[j:i]
	if w == "" || len(w) > 16 {
		return false // no word, or longer than any abbreviation
	}
	if utf8.RuneCountInString(w) == 1 {
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsUpper(r) // an initial
	}
	// lower-case an ASCII word in a buffer on the stack: the map look-up
	// of string(buf) makes no string, where strings.ToLower would
	var buf [16]byte
	for k := 0; k < len(w); k++ {
		c := w[k]
		if c >= utf8.RuneSelf {
			return abbrevs[strings.ToLower(w)]
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[k] = c
	}
	return abbrevs[string(buf[:len(w)])]
}

// Sentences returns the sentences of Prose, computed once. A sentence never
// crosses a paragraph.
func (d *Doc) Sentences() []Span {
	d.sentOnce.Do(func() {
		for _, p := range d.paras {
			start := p.Start
			for i := p.Start; i < p.End; i++ {
				c := d.Prose[i]
				if c != '.' && c != '!' && c != '?' {
					continue
				}
				if c == '.' && (isAbbrevBefore(d.Prose, i) || decimalAt(d.Prose, i)) {
					continue
				}
				j := i + 1
				for j < p.End && strings.IndexByte(".!?\"')]", d.Prose[j]) >= 0 {
					j++
				}
				for j < p.End && (strings.HasPrefix(d.Prose[j:], "”") || strings.HasPrefix(d.Prose[j:], "’")) {
					j += 3
				}
				if j < p.End && d.Prose[j] != ' ' && d.Prose[j] != '\n' {
					continue
				}
				d.sents = append(d.sents, Span{start, j})
				for j < p.End && (d.Prose[j] == ' ' || d.Prose[j] == '\n') {
					j++
				}
				start = j
				i = j - 1
			}
			if start < p.End {
				d.sents = append(d.sents, Span{start, p.End})
			}
		}
	})
	return d.sents
}
