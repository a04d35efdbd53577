package rules

import (
	"strings"
	"testing"
)

// must-fire: the class back-off of the confusion sets, where the exact
// words were never seen together but their word classes tell ("to" + _ +
// a determiner wants a verb; "there" + an adjective + a plural noun wants a
// possessive).
func TestRealWordClassBackoffFires(t *testing.T) {
	cases := []struct{ in, want string }{
		{"To meat the rising demand, the company hired 200 more staff.", "To meet the rising demand, the company hired 200 more staff."},
		{"Fans held up there banners during the match.", "Fans held up their banners during the match."},
		{"The club thanked there loyal supporters after the win.", "The club thanked their loyal supporters after the win."},
		{"The bank is confident it's new strategy will work.", "The bank is confident its new strategy will work."},
		{"The firm plans to higher more staff next year.", "The firm plans to hire more staff next year."},
		{"The company hopes to role out the scheme next year.", "The company hopes to roll out the scheme next year."},
		{"Prices rose an the market fell.", "Prices rose and the market fell."},
		// no one feature is strong enough, but several agree
		{"I though everyone would come.", "I thought everyone would come."},
		{"He tired to give the ball away.", "He tried to give the ball away."},
		// a conjunction cannot follow a subject pronoun that opens a clause
		{"She though it was over.", "She thought it was over."},
		{"They though the deal was done.", "They thought the deal was done."},
		{"They we're married in May.", "They were married in May."},
		// a possessive never stands before "been"
		{"Its been a long year for the club.", "It's been a long year for the club."},
		// British spelling and curly apostrophes under en-GB
		{"The organisation is confident it’s new programme will work.", "The organisation is confident its new programme will work."},
	}
	for _, c := range cases {
		assertFix(t, RealWord{}, c.in, c.want, "en-GB")
	}
}

// must-fire: a rare word where a common one-edit partner fits the very
// words around it.
func TestRealWordRareWordInACommonContext(t *testing.T) {
	assertFix(t, RealWord{}, "We look foreword to the talks next week.", "We look forward to the talks next week.")
	assertFix(t, RealWord{}, "Ministers look foreword to the summit.", "Ministers look forward to the summit.", "en-GB")
	// one side tied in words, the other vouched for by its classes
	assertFix(t, RealWord{}, "The report, witch raised concerns, was published.", "The report, which raised concerns, was published.")
	assertClean(t, RealWord{}, "The witch hunt was over.")
	// a partner seen beside both neighbours
	assertFix(t, RealWord{}, "The club is loosing money.", "The club is losing money.")
	assertClean(t, RealWord{}, "The play has a wicked witch and a good fairy.")
	// or both sides vouched for by classes, never the written word's own
	assertFix(t, RealWord{}, "The report witch was published said so.", "The report which was published said so.")
	for _, in := range []string{"He was known for his dry wit and charm.", "He raised a clenched fist in salute.",
		"A hotel maid found the body.", "A cloud of smoke rose over the city.", "It was a witch hunt against the minister."} {
		assertClean(t, RealWord{}, in)
	}
}

// must-fire: a noun or verb where its set's preposition belongs, right
// before a name.
func TestRealWordPrepositionBeforeAName(t *testing.T) {
	cases := []struct{ in, want string }{
		{"The plane flew in form Beijing on Monday.", "The plane flew in from Beijing on Monday."},
		{"The striker arrived form Chelsea in January.", "The striker arrived from Chelsea in January."},
		{"The company was bought buy Google last year.", "The company was bought by Google last year."},
		{"She met wit Obama at the White House.", "She met with Obama at the White House."},
		// or before a figure, whose currency or per cent sign is its own
		{"Profits were down form £2.6bn last year.", "Profits were down from £2.6bn last year."},
		{"The rate rose form 5% to 7%.", "The rate rose from 5% to 7%."},
		// or where a passive's agent begins
		{"The funds were raised buy selling the land.", "The funds were raised by selling the land."},
		{"The bill was approved buy the council.", "The bill was approved by the council."},
		// or a number word before a possessive or object pronoun
		{"They waited four their turn.", "They waited for their turn."},
		{"I have a job four you.", "I have a job for you."},
	}
	for _, c := range cases {
		assertFix(t, RealWord{}, c.in, c.want)
	}
}

// must-not-fire: correct uses of the same words, names, titles, headlines,
// quotations and British spellings. At least as long as the must-fire
// lists above.
func TestRealWordClassBackoffFalsePositives(t *testing.T) {
	clean := []string{
		// the right words in the same frames
		"To meet the rising demand, the company hired 200 more staff.",
		"The meat was fresh and the fish was cheap.",
		"Meet the new boss.",
		"The government must meet its targets.",
		"There were banners everywhere.",
		"Their banners were there.",
		"There is no doubt about it.",
		"Was there any doubt?",
		"He went there last year.",
		"The team was there for the final.",
		"It's new to me.",
		"He said it's time to go.",
		"It's a long way to go.",
		"The party lost its way.",
		"We look forward to the talks.",
		"The foreword was written by a former minister.",
		"The firm plans to hire more staff next year.",
		"Higher prices hit shoppers.",
		"Pupils in form 4 sat the exam.",
		"They agreed to form 3 new groups.",
		"The changes helped form 20 new firms.",
		"Those surveyed buy their food online.",
		"The four his team lost were all away games.",
		"He scored four of his goals late.",
		"She gave all four their medals.",
		"The money was used to buy the land.",
		"They have helped buy the club.",
		"I thought everyone would come.",
		"He was tired of waiting.",
		"He tired of the city and left.",
		"She is tired to the bone.",
		"I, though, stayed at home.",
		"She stayed at home, though.",
		"Though he left, she stayed.",
		"He since has left the club.",
		"They themselves were married in May.",
		"I think we're done.",
		"Despite its being small, the club thrived.",
		"It's been a long year.",
		// a comma beside the word is one fact, however many features see it
		"The man, who had not eaten all day, thought he might as well go.",
		"Bunuel, on the other hand, thought enough of it to remake it.",
		"The archers were loosing arrows at the walls.",
		"The company hopes to roll out the scheme next year.",
		"Her role in the deal was small.",
		"Prices rose and the market fell.",
		"The week was weak for shares.",
		"They are bringing in new rules.",
		"Let people buy a phone.",
		"Players form the spine of the team.",
		// contractions are changed only to their possessives
		"That's just the way we're made.",
		"It is a reminder of the times we're in.",
		// "an" before a vowel sound or an acronym stays
		"An FBI agent and an LDV van.",
		"It was an honour to serve.",
		// the verb "form" and "buy" before names
		"He helped form Oxfam in 1942.",
		"They agreed to form Britain's biggest bank.",
		"He did buy Apple shares.",
		"The form Mr Smith signed was lost.",
		"Investors could buy Vodafone shares.",
		"Graduates form Oxford's rowing club.",
		// rare words used as meant
		"The baby lay in a manger.",
		"The theatre hired a costumer for the show.",
		"He said the witch was burned at the stake.",
		"The band, which formed in 1990, split up.",
		"The ship's manager said the crew were safe.",
		"The group was banned from the case.",
		// names, titles and headlines
		"Meat Loaf sang at the Royal Albert Hall.",
		"The film There Will Be Blood won two awards.",
		"Firm To Meet Demand For Broadband",
		"BUY ONE GET ONE FREE, the sign said.",
		// quotations of correct speech
		`"We look forward to it," she said.`,
		`"It's new to all of us," he said.`,
		// British spellings
		"The organisation will recognise the union and its behaviour.",
		"They criticised the centre's programme.",
	}
	for _, s := range clean {
		assertClean(t, RealWord{}, s, "en-GB")
		assertClean(t, RealWord{}, s)
	}
}

// A slip inside a quotation is still reported (the engine lowers its
// severity, Meta.Quotes), and the fix keeps the quotation marks.
func TestRealWordClassBackoffInQuotes(t *testing.T) {
	in := `"To meat the demand we need staff," she said.`
	assertFix(t, RealWord{}, in, `"To meet the demand we need staff," she said.`)
	fs := RealWord{}.Check(doc(in))
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "'meat' here reads like a slip for 'meet'") {
		t.Fatalf("findings %+v", fs)
	}
}
