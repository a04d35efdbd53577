package rules

import (
	"strings"
	"testing"

	"github.com/copydesk/copydesk/internal/core"
)

// The seed example of the copy-desk brief.
func TestRealWordSeedExample(t *testing.T) {
	in := "That meeting, which tool place on the outskirts of Stockholm, ended without a deal."
	assertFinds(t, RealWord{}, in, "tool place")
	assertFix(t, RealWord{}, in, "That meeting, which took place on the outskirts of Stockholm, ended without a deal.")
	fs := (RealWord{}).Check(doc(in))
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "'tool place': did you mean 'took place'?") {
		t.Fatalf("message: %+v", fs)
	}
	// the fix touches the changed word only
	if e := fs[0].Fixes[0].Edits; len(e) != 1 || in[e[0].Start:e[0].End] != "tool" || e[0].New != "took" {
		t.Errorf("edits %+v, want only tool -> took", e)
	}
}

// must-fire: one-edit variants and homophones of fixed phrases.
func TestRealWordCollocationVariants(t *testing.T) {
	cases := []struct{ in, span, want string }{
		{"The case fell outside the statue of limitations.", "statue of limitations", "The case fell outside the statute of limitations."},
		{"Prime Minster Tony Blair spoke on Monday.", "Prime Minster", "Prime Minister Tony Blair spoke on Monday."},
		{"The death tool rose to 12 on Tuesday.", "death tool", "The death toll rose to 12 on Tuesday."},
		{"The supreme curt ruled on Friday.", "supreme curt", "The supreme court ruled on Friday."},
		{"The army declared marital law overnight.", "marital law", "The army declared martial law overnight."},
		{"A grant jury indicted him in May.", "grant jury", "A grand jury indicted him in May."},
		{"He opposes capitol punishment.", "capitol punishment", "He opposes capital punishment."},
		{"The city counsel voted 5-2 to approve it.", "city counsel", "The city council voted 5-2 to approve it."},
		{"The Untied Nations warned of famine.", "Untied Nations", "The United Nations warned of famine."},
		{"Rescuers were cheered in Knew York.", "Knew York", "Rescuers were cheered in New York."},
		{"Tool place on Monday, the vote was close.", "Tool place", "Took place on Monday, the vote was close."},
		{"The press conferance was cancelled.", "", "The press conferance was cancelled."}, // a non-word: the speller's job
	}
	for _, c := range cases {
		if c.span == "" {
			assertClean(t, RealWord{}, c.in)
			continue
		}
		assertFinds(t, RealWord{}, c.in, c.span)
		assertFix(t, RealWord{}, c.in, c.want)
	}
}

// must-fire: eggcorns and misused phrases (explicit.txt).
func TestRealWordEggcorns(t *testing.T) {
	cases := []struct{ in, want string }{
		{"He was given free reign over the budget.", "He was given free rein over the budget."},
		{"For all intensive purposes, the deal is dead.", "For all intents and purposes, the deal is dead."},
		{"He should of known better.", "He should have known better."},
		{"The show offered a sneak peak at the new model.", "The show offered a sneak peek at the new model."},
		{"It is a deep-seeded problem.", "It is a deep-seated problem."},
		{"Members must tow the line.", "Members must toe the line."},
		{"Fans waited with baited breath.", "Fans waited with bated breath."},
		{"The two firms are one in the same.", "The two firms are one and the same."},
		{"That is now a mute point.", "That is now a moot point."},
		{"It is not illegal per say.", "It is not illegal per se."},
		{"The report peaked my interest.", "The report piqued my interest."},
		{"Storms could wreck havoc on the coast.", "Storms could wreak havoc on the coast."},
		{"Lawyers poured over the documents for days.", "Lawyers pored over the documents for days."},
		{"Officers honed in on the suspect.", "Officers homed in on the suspect."},
		{"He got his just desserts.", "He got his just deserts."},
		{"Investors were told to take the reigns.", "Investors were told to take the reins."},
		{"The new rules came into affect on Monday.", "The new rules came into effect on Monday."},
		{"The storm had no affect on turnout.", "The storm had no effect on turnout."},
		{"She was on the campaign trial again.", "She was on the campaign trail again."},
		{"The trail judge rejected the motion.", "The trial judge rejected the motion."},
		{"Crews cleared unexploded ordinance from the field.", "Crews cleared unexploded ordnance from the field."},
		{"A senior White House aid said no.", "A senior White House aide said no."},
	}
	for _, c := range cases {
		assertFix(t, RealWord{}, c.in, c.want)
	}
}

// must-fire: context patterns for confusable words (context.txt).
func TestRealWordContextPatterns(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Sales rose by more then 200 percent.", "Sales rose by more than 200 percent."},
		{"It was better then expected.", "It was better than expected."},
		{"Its been a long year for the club.", "It's been a long year for the club."},
		{"The company and it's own staff disagreed.", "The company and its own staff disagreed."},
		{"Voters went to there own polling stations.", "Voters went to their own polling stations."},
		{"The decision has lead to protests.", "The decision has led to protests."},
		{"The team could loose the title.", "The team could lose the title."},
		{"Hundreds came form Texas to watch.", "Hundreds came from Texas to watch."},
		{"Profits fell form 2.6bn a year earlier.", "Profits fell from 2.6bn a year earlier."},
		{"It is unclear weather the vote will pass.", "It is unclear whether the vote will pass."},
		{"The knew currency was launched in May.", "The new currency was launched in May."},
		{"They where barred from lending.", "They were barred from lending."},
		{"What it is doing dose not break the law.", "What it is doing does not break the law."},
		{"He pleaded now guilty to all charges.", "He pleaded not guilty to all charges."},
		{"The mayor held a pubic hearing on the budget.", "The mayor held a public hearing on the budget."},
		{"Your welcome to attend the meeting.", "You're welcome to attend the meeting."},
		{"An injury kept him out off the win over Wales.", "An injury kept him out of the win over Wales."},
		{"Growth will slow form more than 3% this year.", "Growth will slow from more than 3% this year."},
		{"He said its worth a try.", "He said it's worth a try."},
		{"The club manger said he was pleased.", "The club manager said he was pleased."},
		{"The manger said the squad was fit.", "The manager said the squad was fit."},
		{"Complaints about costumer service rose.", "Complaints about customer service rose."},
		{"The bank lost 20,000 costumers last year.", "The bank lost 20,000 customers last year."},
	}
	for _, c := range cases {
		assertFix(t, RealWord{}, c.in, c.want)
	}
}

// must-fire: "it's"/"there" before a noun, and confusion sets scored with
// the n-gram counts.
func TestRealWordConfusionSets(t *testing.T) {
	cases := []struct{ in, want string }{
		{"The firm said it's production capacity would rise.", "The firm said its production capacity would rise."},
		{"Fans praised there commitment to the club.", "Fans praised their commitment to the club."},
		{"Shares rose sharply, witch is good news for investors.", "Shares rose sharply, which is good news for investors."},
		{"She won 5% of the pubic vote.", "She won 5% of the public vote."},
		{"The firm works with Untied Devices.", "The firm works with United Devices."},
	}
	for _, c := range cases {
		assertFix(t, RealWord{}, c.in, c.want)
	}
}

func TestRealWordSeverity(t *testing.T) {
	for in, want := range map[string]core.Severity{
		"The mayor held a pubic hearing on the budget.": core.Error,
		"He pleaded now guilty to all charges.":         core.Error,
		"Officials from the Untied States met Monday.":  core.Error,
		"He was given free reign over the budget.":      core.Warning,
		"That meeting, which tool place on Monday.":     core.Warning,
	} {
		fs := (RealWord{}).Check(doc(in))
		if len(fs) != 1 || fs[0].Severity != want {
			t.Errorf("%q: got %+v, want one finding of severity %v", in, fs, want)
		}
	}
	if m := (RealWord{}).Meta(); m.Quotes != core.QuoteLower || m.Category != core.CatRealWord {
		t.Errorf("meta %+v: want real-word, quotes one level lower", m)
	}
}

// must-not-fire: real phrases, names, titles, British spellings, the right
// reading of every trap named in the checks catalogue.
func TestRealWordFalsePositives(t *testing.T) {
	for _, in := range []string{
		"The power tool placed on the bench was new.",
		"She took place cards from the table.",
		"Tool Place LLC opened a store on Main Street.",
		"The band Free Reign played on Saturday.",
		"The Sneak Peak salon opened downtown.",
		"It is a form of protest.",
		"They want to form a coalition by Friday.",
		"People form a queue outside the shop.",
		"The then-president signed the law.",
		"It's time to vote.",
		"The company raised its own prices.",
		"Its time slot moved to 9 p.m.",
		"The striker's shot bounced out off the post.",
		"The signing has proved its worth in midfield.",
		"The baby was laid in a manger in the stable.",
		"The theatre's costumer made 40 gowns.",
		"Lead poisoning remains a concern in old homes.",
		"The lead singer left the band.",
		"Tests found lead in the water pipes.",
		"Foreign aid rose by 5 percent.",
		"First aid was given at the scene.",
		"Investigators followed the paper trail.",
		"The hiking trail closed after the storm.",
		"The council voted on the plan.",
		"The defence secretary visited troops in Basra.",
		"The programme was cancelled because of the colour scheme.",
		"More than 200 people attended, and then they left.",
		"Back then, the town was smaller.",
		"He could, of course, refuse.",
		"He could of course refuse the offer.",
		"To effect change, the group lobbied lawmakers.",
		"The pubic bone was fractured in the fall.",
		"Police found pubic hair at the scene.",
		"Untied shoelaces caused the fall.",
		"He untied the boat and left.",
		"Shares rise on new offer",
		"The sell-off continued on Friday.",
		"Russia forced Yukos to sell off its unit.",
		"Fish went on to lose to Roddick in the final.",
		"Shoppers are using the net to find presents.",
		"The central bank's vice president spoke.",
		"The mobile phone's billing system is new.",
		"The new speeds start to come into effect in February.",
		"Viruses written to make headlines are rarer.",
		"It was a quiet night in the city.",
		"She passed the test on her second try.",
		"The past week was busy.",
		"Whether the plan works is unclear.",
		"The weather was cold and wet.",
		"Who's going to pay for it?",
		"Whose car was it?",
		"You're welcome to attend.",
		"Your right to vote is protected.",
		"There is a plan to rein in spending.",
		"The queen's reign in Scotland lasted years.",
		"He fell off the ladder.",
		"The man who knew too much left early.",
		"New York is expensive.",
		"The new currency was launched.",
		"The beer market in India grew.",
		"He has a close relationship with the chart show.",
		"He took part in the race.",
		"He came from Texas.",
		"She went to the White Horse pub.",
		"Is there mention of the deal?",
		"The dose was too high.",
		"He knew the answer.",
		"We expect a bear market next year.",
		"Mr Loose said the plan would work.",
		"Tom Lead said the plan would work.",
		"The Labour Party's manifesto pledge on council tax was dropped.",
		"The firm has bought back most of the company.",
		"Hundreds of aides and local police were there.",
		"She has every chance of a medal on the basis of her form.",
		"The home side called for offside.",
		"It was a way of showing off computing power.",
		"Anyone now willing to disclose their wealth will be spared.",
		"He feared there might now be too many games.",
		"Shoppers were now much happier to buy.",
		"The series where adopted children meet their fathers was dropped.",
		"That meeting took place on the outskirts of Stockholm.",
		"The statute of limitations has run out.",
		"Prime Minister Tony Blair spoke.",
		"The death toll rose to 12.",
		"The United States and the United Nations disagreed.",
		"He was given free rein.",
		"The crocodile's death roll is deadly.",
		"Players form the spine of the team.",
		"He was in good form on Saturday.",
		"The order came from the top.",
	} {
		assertClean(t, RealWord{}, in)
		assertClean(t, RealWord{}, in, "en-GB")
	}
}

// A generated variant written twice in one article is meant.
func TestRealWordVariantTwiceIsMeant(t *testing.T) {
	assertClean(t, RealWord{}, "The grant jury met first. Later the grant jury met again.")
	assertFinds(t, RealWord{}, "A grant jury met first.", "grant jury")
	// explicit pairs are errors however often they occur
	assertFinds(t, RealWord{}, "He should of known. She should of known.", "should of known", "should of known")
}

func TestRealWordHonoursVocabulary(t *testing.T) {
	d := core.NewDoc("t.txt", "The grant jury met on Monday.", core.FormatText, core.Options{Lang: "en-US", Vocab: core.NewVocab()})
	if len((RealWord{}).Check(d)) != 1 {
		t.Fatal("want a finding without the vocabulary entry")
	}
	v := core.NewVocab()
	if err := v.Add("grant jury"); err != nil {
		t.Fatal(err)
	}
	d = core.NewDoc("t.txt", "The grant jury met on Monday.", core.FormatText, core.Options{Lang: "en-US", Vocab: v})
	if fs := (RealWord{}).Check(d); len(fs) != 0 {
		t.Errorf("accepted phrase still flagged: %+v", fs)
	}
}

func TestRealWordKeepsTheDocumentsApostrophe(t *testing.T) {
	assertFix(t, RealWord{}, "Its been a year. Officials said it’s true, and that’s that.", "It’s been a year. Officials said it’s true, and that’s that.")
	assertFix(t, RealWord{}, "Its been a year.", "It's been a year.")
}

func TestRealWordSkipsBylines(t *testing.T) {
	assertClean(t, RealWord{}, "Budget vote\n\nBy Tool Place\n\nThe council met on Monday.")
}

func TestRealWordTitleCaseAndCaps(t *testing.T) {
	// an all-capitals window is left alone (acronyms, shouted headlines)
	assertClean(t, RealWord{}, "THE DEATH TOOL ROSE")
	// a capitalised variant of a lower-case phrase is a name
	assertClean(t, RealWord{}, "The company Death Tool Inc. makes games.")
}

// Words on either side of a Markdown code span are not read as neighbours.
func TestRealWordDoesNotReadAcrossCodeSpans(t *testing.T) {
	d := core.NewDoc("a.md", "Offsets\n\nThe fields `start` and `end` are byte offsets into the file.\n", core.FormatMarkdown, core.Options{Lang: "en-US"})
	for _, f := range (RealWord{}).Check(d) {
		t.Errorf("false alarm beside a code span: %q: %s", d.Prose[f.Start:f.End], f.Message)
	}
}

// Two patterns that pull one word both ways ("its a" asks for "it's a",
// "of it's" for "of its") cancel out: no fix that the table would undo.
func TestRealWordSaysNothingWhenPatternsConflict(t *testing.T) {
	assertClean(t, RealWord{}, "The worth of its a matter for the court.")
	// each pattern alone still fires
	assertFix(t, RealWord{}, "He said its a matter for the court.", "He said it's a matter for the court.")
	assertFix(t, RealWord{}, "It cut the price of it's shares.", "It cut the price of its shares.")
}
