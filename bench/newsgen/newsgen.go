// Package newsgen writes news-like copy for copydesk's benchmarks and
// robustness tests: articles with a headline, a byline, a dateline, names,
// quotations, figures, dates and paragraphs, and a few slips of each kind
// copydesk looks for (misspellings, typos, real-word errors, doubled words, a
// repeated paragraph, page furniture, HTML debris, stray spaces, an unopened
// quotation, a wrong weekday, a name spelt two ways, a lapse of house style).
//
// The text is made from sentences written for this package and filled from
// small tables, so it is not real news: it is text with the shape and the
// density of names, quotations and figures that copydesk's rules meet in
// news copy. The same seed always gives the same text.
package newsgen

import (
	"fmt"
	"math/rand"
	"strings"
)

// Gen writes articles. It is not safe for concurrent use.
type Gen struct {
	r *rand.Rand
	// Slips is how many slips an article gets (New sets 4).
	Slips int
	// Marks chooses the quotation marks: "straight", "curly", or "" for
	// either, article by article.
	Marks string
}

// New returns a generator for a seed.
func New(seed int64) *Gen { return &Gen{r: rand.New(rand.NewSource(seed)), Slips: 4} }

var (
	firstNames = []string{"Maria", "James", "Aisha", "Tomasz", "Priya", "Daniel", "Olena", "Kwame", "Sofia", "Hiroshi",
		"Fatima", "Liam", "Chloe", "Mateo", "Ingrid", "Samuel", "Amara", "Yusuf", "Elena", "Patrick", "Mei", "Rafael",
		"Nadia", "Oliver", "Gwen", "Andrzej", "Leila", "Connor", "Beatriz", "Ravi"}
	lastNames = []string{"Okafor", "Lindqvist", "Hernández", "Kowalczyk", "Brennan", "Nakamura", "Abdullah", "Moreau",
		"Fitzgerald", "Petrenko", "Oyelaran", "Castellanos", "Whitmore", "Sørensen", "Delacroix", "Mbeki", "Haddad",
		"Vasquez", "Thornbury", "Iwu", "Rossi", "Kapoor", "McAllister", "Van der Berg", "Nguyen", "O'Sullivan",
		"Schreiber", "Adeyemi", "Larsen", "Quispe"}
	titles = []string{"Mayor", "Sen.", "Gov.", "Police Chief", "Dr.", "Judge", "Coach", "Superintendent", "Councillor", "Rep."}
	roles  = []string{"a spokeswoman for the agency", "the county's emergency manager", "a professor of economics at the university",
		"the union's regional secretary", "a lawyer for the family", "the company's chief executive", "a neighbour",
		"the head of the local chamber of commerce", "a senior fire officer", "the school's principal"}
	places = []string{"Springfield", "Riverside", "Port Alden", "Millbrook", "Kingsbridge", "Eastwood", "Fairhaven",
		"Stockholm", "Nairobi", "Kraków", "Valparaíso", "Osaka", "Lyon", "Brisbane", "Halifax", "Tucson"}
	orgs = []string{"the city council", "the state health department", "the Federal Reserve", "the school board",
		"the county sheriff's office", "the European Commission", "the transport authority", "the national weather service",
		"the water utility", "the ministry of finance", "the regional hospital trust", "the port authority"}
	topics = []string{"the new budget", "the flood defences", "the rail strike", "the housing plan", "the hospital merger",
		"the tax rise", "the bridge repairs", "the school closures", "the wildfire response", "the pension reform",
		"the stadium deal", "the water restrictions"}
	months   = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	weekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	agencies = []string{"AP", "Reuters", "AFP"}
	// smallNumbers are spelt out, as AP style has it.
	smallNumbers = []string{"two", "three", "four", "five", "six", "seven", "eight", "nine"}
)

// Templates for body sentences. {P} is a person's full name, {S} a surname,
// {T} a title and surname, {R} a role, {O} an organisation, {L} a place,
// {X} a topic, {N} a count, {V} a smaller count, {v} a number spelt out,
// {A} an age, {M} a sum of money, {C} a percentage, {D} a weekday, {Y} a
// year, {Q} a month. Every template has slots enough that two sentences of
// one article are seldom the same.
var bodyTemplates = []string{
	"{O} voted {V} to {v} on {D} to approve {X}, which will cost about {M} over five years.",
	"The plan would raise spending on roads in {L} by {C} and cut the waiting list for council housing by {N} families.",
	"{P}, {R}, said the decision had been expected since {Q} but came sooner than {N} residents had hoped.",
	"Officials in {L} said {N} homes had lost power and that crews were working through the night to restore it.",
	"The measure passed after a debate that lasted more than {v} hours and drew {N} speakers from across the county.",
	"{T} told reporters that the figures would be published in full before the end of {Q}.",
	"According to {O}, the number of complaints rose by {C} last year, the sharpest increase since {Y}.",
	"Residents who spoke at the meeting in {L} were divided, with {N} of them warning that {X} would drive up rents.",
	"{P} has led the department since {Y} and is expected to stand for a second term next spring.",
	"The contract, worth {M}, was awarded to a consortium of three firms after a tender that began in {Y}.",
	"Police said a {A}-year-old man had been arrested on {D} and was being questioned at a station in {L}.",
	"The storm brought down trees across {L}, closing {N} roads and leaving several villages cut off until {D}.",
	"Shares in the company fell {C} in early trading on {D} before recovering most of their losses by the close.",
	"{S} said the agency had received {N} applications in the first week, far more than it had planned for.",
	"Critics of {X} argue that it does little for families on low incomes, while {P} points to its cost of {M}.",
	"The hearing was adjourned until {D} so that lawyers for both sides could review {N} pages of new evidence.",
	"A spokesman for {O} declined to comment on the timing of the announcement, which came {v} days after the vote in {L}.",
	"Figures released on {D} showed unemployment in {L} at {C}, down from a peak of 9.4% in {Y}.",
	"The project is the largest of its kind in the region, will cost {M} and is due to be finished by {Y}.",
	"{T} said the review would look at how the {M} had been spent and whether the targets had been met.",
	"Volunteers from {L} and neighbouring towns filled {N} sandbags through the weekend as river levels rose.",
	"The report, which runs to {N} pages, makes {V} recommendations, most of which {O} has accepted.",
	"Ticket prices will rise by {C} from {Q}, the second increase since {Y}.",
	"Negotiators for the union and the employers met for {v} hours on {D} without reaching an agreement, {P} said.",
	"More than {N} people signed a petition calling on {O} to reconsider, according to the organisers.",
	"The museum in {L}, which reopened in {Q} after a two-year refurbishment, drew {N} visitors in its first week.",
	"{P} was elected in {Y} on a promise to fix the city's roads and to build {N} affordable homes.",
	"Investigators have not said what caused the fire in {L}, which broke out shortly after midnight on {D}.",
	"The bank held its main interest rate at {C} on {D}, as {V} of the economists it surveyed had expected.",
	"Under the agreement, the club will pay {M} a year to use the stadium in {L} for the next {v} years.",
	"{P}, who is {A}, was taken to hospital in {L} with injuries that were not thought to be life-threatening.",
	"The school, which has {N} pupils, will stay closed until {D} while engineers inspect the roof, {T} said.",
	"Turnout in {L} was {C}, the lowest since {Y}, according to {O}.",
	"The fund has paid out {M} to {N} households since it was set up in {Q} {Y}.",
	"{S}'s lawyers said they would appeal against the ruling, which came after a trial lasting {v} weeks.",
	"Work on the bridge in {L} is expected to take {v} months and will close one lane to traffic from {Q}.",
	"The airline said {N} passengers had been affected and that it would pay compensation of up to {M}.",
	"{T} said the force had received {N} calls on {D}, almost twice the usual number.",
	"Prices in {L} rose {C} in the year to {Q}, driven by the cost of food and energy, {O} said.",
	"The charity, founded by {P} in {Y}, now runs {V} shelters and employs {N} people.",
}

// The words of quotations, given marks and an attribution by quote.
var quoteTexts = []string{
	"We have listened to the people of {L}, and this is what they asked us to do",
	"Nobody in {L} wanted to be here on {D}, but we had no choice after the storm",
	"It is too early to say whether {X} has worked in {L}, and we will not pretend otherwise",
	"I have lived on this street in {L} for {A} years and I have never seen anything like it",
	"The {M} is there; the question is whether it will reach the {N} families who need it",
	"We will rebuild {L} by {Y}, and we will do it properly this time",
	"This is a good day for {L} and a good day for the {N} people who work here",
	"They told us it would be finished by {Q}, and here we are in {Y}",
	"Our {N} members are not asking for the moon; they are asking for a fair deal",
	"If the figures for {Q} are right, we are looking at the worst year since {Y}",
	"We knew {X} would be hard, but we did not expect {N} complaints in a week",
	"My daughter is {A} and she has never known the river in {L} this high",
	"Every one of those {N} homes belongs to a family in {L}",
	"I told {S} on {D} that we would not sign, and we have not",
	"The people of {L} deserve better than a {M} bill and no answers",
}

var headlines = []string{
	"Council approves {X} after long debate",
	"Storm leaves {N} homes without power in {L}",
	"{L} residents divided over {X}",
	"Union and employers fail to agree on pay in {L}",
	"Shares slide as {O} warns on costs",
	"{T} promises review of {X}",
	"Record visitors for reopened museum in {L}",
	"Court hears new evidence in {L} fire case",
}

// slipSentences each hold a slip that copydesk should report, in a
// sentence where it reads naturally.
var slipSentences = []string{
	// misspellings with a certain correction
	"The council recieved more than {N} letters about {X} before the vote.",
	"The goverment said it would publish the figures in {Q}.",
	"The two schemes will be run seperately until the end of {Y}.",
	"Officials said the flooding occured after the river burst its banks near {L}.",
	// words in no dictionary
	"The mayor anounced the decision at a news conference on {D}.",
	"Several residents said the new rules were confusnig and badly explained.",
	"The agency said it had no plans to chnage the policy before {Q}.",
	// real-word errors
	"The meeting tool place behind closed doors on {D}.",
	"Fans came form across the region to watch the final in {L}.",
	"Its been a difficult year for farmers in {L}, the minister said.",
	"The committee said it could of acted sooner.",
	// doubled words
	"The the report was sent to {O} on {D}.",
	"Police said they were looking for for a man in his {v}ties.",
	// spacing
	"The fire in {L} was put out within an hour , the brigade said.",
	"The vote  was held on {D} after a long delay.",
	// CMS debris
	"The plan will cost about {M}&nbsp;over five years.",
	"The bridge will reopen in TK weeks, officials said.",
	"The report [CHECK] found that {N} families had been affected.",
	// house style (Vale's News rules)
	"Prices in {L} rose 5 per cent in {Q}, officials said.",
	"The meeting starts at 10 a.m. {D} morning in {L}.",
	"The talks moved towards an agreement on {D}.",
	// a date that does not agree with its weekday, and one that does not exist
	"The hearing is set for Friday, Nov. 30, 2019, in {L}.",
	"The deadline is Feb. 30, officials said.",
}

// Lines of page furniture put between paragraphs of copy.
var furnitureLines = []string{"Advertisement", "Read more: Council approves new budget", "Story continues below advertisement", "Share this article"}

func (g *Gen) pick(list []string) string { return list[g.r.Intn(len(list))] }

// syllables make surnames that are in no list, as news copy is full of
// names no dictionary holds.
var syllables = []string{"ka", "lo", "mbe", "ri", "sta", "vo", "ne", "dra", "ku", "ti", "sha", "bek", "ow", "ski",
	"ran", "zu", "mi", "ler", "tor", "ga", "fen", "dal", "ya", "chi", "ros", "wen", "bu", "lin", "kov", "et",
	"ha", "nor", "qui", "sel", "ma", "pe", "den", "jo", "vic", "ul"}

func (g *Gen) person() (full, last string) {
	if g.r.Intn(4) == 0 {
		n := 2 + g.r.Intn(2)
		for k := 0; k < n; k++ {
			last += g.pick(syllables)
		}
		last = capitalise(last)
	} else {
		last = g.pick(lastNames)
	}
	return g.pick(firstNames) + " " + last, last
}

func (g *Gen) money() string {
	switch g.r.Intn(3) {
	case 0:
		return fmt.Sprintf("$%d million", 2+g.r.Intn(900))
	case 1:
		return fmt.Sprintf("£%d.%dbn", 1+g.r.Intn(20), g.r.Intn(10))
	}
	return fmt.Sprintf("$%d,%03d", 1+g.r.Intn(90), g.r.Intn(1000))
}

// fill replaces the slots of a template.
func (g *Gen) fill(t string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 || i+2 >= len(t) || t[i+2] != '}' {
			b.WriteString(t)
			return b.String()
		}
		b.WriteString(t[:i])
		switch t[i+1] {
		case 'P':
			p, _ := g.person()
			b.WriteString(p)
		case 'S':
			_, s := g.person()
			b.WriteString(s)
		case 'T':
			_, s := g.person()
			b.WriteString(g.pick(titles) + " " + s)
		case 'R':
			b.WriteString(g.pick(roles))
		case 'O':
			b.WriteString(g.pick(orgs))
		case 'L':
			b.WriteString(g.pick(places))
		case 'X':
			b.WriteString(g.pick(topics))
		case 'N':
			fmt.Fprintf(&b, "%d", 12+g.r.Intn(4000))
		case 'V':
			fmt.Fprintf(&b, "%d", 10+g.r.Intn(40))
		case 'v':
			b.WriteString(g.pick(smallNumbers))
		case 'A':
			fmt.Fprintf(&b, "%d", 16+g.r.Intn(70))
		case 'M':
			b.WriteString(g.money())
		case 'C':
			fmt.Fprintf(&b, "%d.%d%%", g.r.Intn(15), g.r.Intn(10))
		case 'D':
			b.WriteString(g.pick(weekdays))
		case 'Y':
			fmt.Fprintf(&b, "%d", 1990+g.r.Intn(35))
		case 'Q':
			b.WriteString(g.pick(months))
		default:
			b.WriteString(t[i : i+3])
		}
		t = t[i+3:]
	}
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// sentence fills a body template and gives it a capital.
func (g *Gen) sentence() string { return capitalise(g.fill(g.pick(bodyTemplates))) }

// quote writes a quoted sentence with its attribution.
func (g *Gen) quote(curly bool) string {
	open, close := "\"", "\""
	if curly {
		open, close = "“", "”"
	}
	words := g.fill(g.pick(quoteTexts))
	full, last := g.person()
	switch g.r.Intn(3) {
	case 0:
		return open + words + "," + close + " said " + full + ", " + g.pick(roles) + "."
	case 1:
		return open + words + "," + close + " " + last + " said."
	}
	return full + " said: " + open + words + "." + close
}

// Article writes one article of about size bytes (at least a headline, a
// byline, a dateline and one paragraph). Unless Marks says otherwise, half
// the articles use curly quotation marks and apostrophes, half straight
// ones.
func (g *Gen) Article(size int) string {
	curly := g.r.Intn(2) == 0
	switch g.Marks {
	case "straight":
		curly = false
	case "curly":
		curly = true
	}
	apos := func(s string) string {
		if curly {
			return strings.ReplaceAll(s, "'", "’")
		}
		return s
	}
	var paras []string
	paras = append(paras, capitalise(g.fill(g.pick(headlines))))
	full, _ := g.person()
	second, _ := g.person()
	paras = append(paras, apos("By "+full+" and "+second))
	place := strings.ToUpper(g.pick(places))
	lead := apos(place + " (" + g.pick(agencies) + ") — " + g.sentence())
	paras = append(paras, lead)
	n := len(paras[0]) + len(paras[1]) + len(lead)
	for n < size {
		k := 2 + g.r.Intn(3)
		var sents []string
		for j := 0; j < k; j++ {
			if g.r.Intn(4) == 0 {
				sents = append(sents, g.quote(curly))
			} else {
				sents = append(sents, g.sentence())
			}
		}
		p := apos(strings.Join(sents, " "))
		paras = append(paras, p)
		n += len(p) + 2
	}
	g.slip(paras, curly)
	return strings.Join(paras, "\n\n") + "\n"
}

// slip puts Slips slips into the body paragraphs after the dateline: most
// are a sentence with a slip added to a paragraph; now and then a paragraph
// printed twice, a line of page furniture, a quotation that lost its
// opening mark, or a name spelt another way once.
func (g *Gen) slip(paras []string, curly bool) {
	if len(paras) < 4 {
		return
	}
	for k := 0; k < g.Slips; k++ {
		i := 3 + g.r.Intn(len(paras)-3)
		switch g.r.Intn(10) {
		case 0:
			if i+1 < len(paras) {
				paras[i+1] = paras[i]
				continue
			}
			fallthrough
		case 1:
			paras[i] = g.pick(furnitureLines) + "\n\n" + paras[i]
		case 3:
			if g.misspellName(paras) {
				continue
			}
			fallthrough
		case 2:
			close := "\""
			if curly {
				close = "”"
			}
			paras[i] += " " + g.fill(g.pick(quoteTexts)) + "," + close + " officials said."
		default:
			s := g.fill(g.pick(slipSentences))
			if curly {
				s = strings.ReplaceAll(s, "'", "’")
			}
			paras[i] += " " + s
		}
	}
}

// misspellName swaps two letters of one occurrence of a surname that the
// article uses more than once (Lindqvist, Lindqivst), and reports whether
// it found one.
func (g *Gen) misspellName(paras []string) bool {
	body := strings.Join(paras[3:], "\n")
	for try := 0; try < 5; try++ {
		name := g.pick(lastNames)
		if len(name) < 6 || strings.ContainsAny(name, " '") || strings.Count(body, name) < 2 {
			continue
		}
		r := []rune(name)
		k := 2 + g.r.Intn(len(r)-4)
		r[k], r[k+1] = r[k+1], r[k]
		for i := len(paras) - 1; i >= 3; i-- {
			if strings.Contains(paras[i], name) {
				paras[i] = strings.Replace(paras[i], name, string(r), 1)
				return true
			}
		}
	}
	return false
}

// Text writes about size bytes of copy: articles of about 5 KB one after
// another, each with its headline, byline and dateline, all with the same
// kind of quotation marks (as one publication would have them).
func Text(seed int64, size int) string {
	g := New(seed)
	g.Marks = "straight"
	if seed%2 == 0 {
		g.Marks = "curly"
	}
	var b strings.Builder
	b.Grow(size + 8192)
	for b.Len() < size {
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString(g.Article(min(5000, size-b.Len())))
	}
	return b.String()
}

// Articles writes count articles of about size bytes each.
func Articles(seed int64, count, size int) []string {
	g := New(seed)
	out := make([]string, count)
	for i := range out {
		out[i] = g.Article(size)
	}
	return out
}

// SingleLine writes about size bytes of copy with no line break at all:
// the paragraphs of Text joined by spaces.
func SingleLine(seed int64, size int) string {
	t := Text(seed, size)
	t = strings.ReplaceAll(t, "\n\n\n", " ")
	t = strings.ReplaceAll(t, "\n\n", " ")
	return strings.ReplaceAll(t, "\n", " ")
}

// Markdown writes an article as Markdown: a # headline, emphasis, a link
// and a code span now and then.
func (g *Gen) Markdown(size int) string {
	paras := strings.Split(strings.TrimRight(g.Article(size), "\n"), "\n\n")
	paras[0] = "# " + paras[0]
	for i := 3; i < len(paras); i += 3 {
		paras[i] = strings.Replace(paras[i], " the ", " *the* ", 1)
		paras[i] += " See [the report](https://example.com/report) and `figures.csv`."
	}
	return strings.Join(paras, "\n\n") + "\n"
}

// HTML writes an article as an HTML fragment: an h1, paragraphs, an
// escaped ampersand and a link now and then.
func (g *Gen) HTML(size int) string {
	paras := strings.Split(strings.TrimRight(g.Article(size), "\n"), "\n\n")
	var b strings.Builder
	b.WriteString("<article>\n<h1>" + htmlEscape(paras[0]) + "</h1>\n")
	for i, p := range paras[1:] {
		p = htmlEscape(p)
		if i%3 == 2 {
			p = strings.Replace(p, " the ", " <em>the</em> ", 1) + " <a href=\"https://example.com/\">More</a> &amp; more."
		}
		b.WriteString("<p>" + p + "</p>\n")
	}
	b.WriteString("</article>\n")
	return b.String()
}

// htmlEscape escapes text for HTML, leaving the &nbsp; slips as they are.
func htmlEscape(s string) string {
	return strings.NewReplacer("&nbsp;", "&nbsp;", "&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
