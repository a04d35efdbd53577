package main

import "strings"

// irregularForms lists the forms of common irregular English verbs, one verb
// a line (general knowledge of English grammar). Two forms of one verb are
// never variants of each other: "shares rise" is not a slip for "shares
// rose", nor "come into effect" for "came into effect".
const irregularForms = `
arise arose arisen; awake awoke awoken; be was were been being is are am; bear bore borne born;
beat beaten; become became; begin began begun; bend bent; bet; bid; bind bound; bite bit bitten;
bleed bled; blow blew blown; break broke broken; breed bred; bring brought; build built;
burn burnt burned; burst; buy bought; cast; catch caught; choose chose chosen; cling clung;
come came; cost; creep crept; cut; deal dealt; dig dug; do did done does; draw drew drawn;
dream dreamt dreamed; drink drank drunk; drive drove driven; eat ate eaten; fall fell fallen;
feed fed; feel felt; fight fought; find found; flee fled; fling flung; fly flew flown;
forbid forbade forbidden; forget forgot forgotten; forgive forgave forgiven; freeze froze frozen;
get got gotten; give gave given; go went gone goes; grind ground; grow grew grown; hang hung;
have has had; hear heard; hide hid hidden; hit; hold held; hurt; keep kept; kneel knelt;
know knew known; lay laid; lead led; lean leant leaned; leap leapt leaped; learn learnt learned;
leave left; lend lent; let; lie lay lain; light lit lighted; lose lost; make made; mean meant;
meet met; pay paid; put; quit; read; rid; ride rode ridden; ring rang rung; rise rose risen;
run ran; say said says; see saw seen; seek sought; sell sold; send sent; set; shake shook shaken;
shed; shine shone; shoot shot; show showed shown; shrink shrank shrunk; shut; sing sang sung;
sink sank sunk; sit sat; slay slew slain; sleep slept; slide slid; sling slung; slit;
smell smelt smelled; sow sowed sown; speak spoke spoken; speed sped; spell spelt spelled;
spend spent; spill spilt spilled; spin spun; spit spat; split; spoil spoilt spoiled; spread;
spring sprang sprung; stand stood; steal stole stolen; stick stuck; sting stung; stink stank stunk;
stride strode; strike struck; string strung; strive strove striven; swear swore sworn;
sweep swept; swell swollen; swim swam swum; swing swung; take took taken; teach taught;
tear tore torn; tell told; think thought; throw threw thrown; tread trod trodden; wake woke woken;
wear wore worn; weave wove woven; weep wept; win won; wind wound; wring wrung; write wrote written;
`

var verbGroup = func() map[string]int {
	m := map[string]int{}
	for i, g := range strings.Split(irregularForms, ";") {
		for _, w := range strings.Fields(g) {
			m[w] = i + 1
		}
	}
	return m
}()

// stem strips a possessive and a regular plural or verb ending.
func stem(w string) string {
	w = strings.TrimSuffix(w, "'s")
	w = strings.TrimSuffix(w, "'")
	for _, suf := range []string{"ies", "es", "s", "ed", "d", "ing"} {
		if len(w) > len(suf)+2 && strings.HasSuffix(w, suf) {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// sameWord reports whether a and b are forms of one word: a regular
// ending (-s, -es, -d, -ed, -'s, -r), a possessive (bank's, banks), or two
// forms of one irregular verb.
func sameWord(a, b string) bool {
	if inflection(a, b) {
		return true
	}
	if g := verbGroup[a]; g != 0 && g == verbGroup[b] {
		return true
	}
	sa, sb := stem(a), stem(b)
	return sa == sb || sa == b || sb == a
}
