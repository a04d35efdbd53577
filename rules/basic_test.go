package rules

import "testing"

func TestRepeatedLineDeletesTheSecondCopy(t *testing.T) {
	r := RepeatedLine{}
	assertFix(t, r, "Storm closes schools\n\nStorm closes schools\n\nBody text here.\n", "Storm closes schools\n\nBody text here.\n")
	assertFix(t, r, "Head\n\nCrews clear debris in Moore. (AP Photo/Jane Doe)\n\nCrews clear debris in Moore. (AP Photo/Jane Doe)\n", "Head\n\nCrews clear debris in Moore. (AP Photo/Jane Doe)\n")
	assertFix(t, r, "Head\n\nCaption line is here\nCaption line is here\nMore text.\n", "Head\n\nCaption line is here\nMore text.\n")
	// copies that differ only in spacing or quote style are still copies
	assertFix(t, r, "Head\n\n“We won,” she said.\n\n\"We won,\"  she said.\n", "Head\n\n“We won,” she said.\n")
}

func TestRepeatedLineLeavesLayoutAndDifferentLinesAlone(t *testing.T) {
	r := RepeatedLine{}
	for _, s := range []string{
		"Head\n\n___\n\n___\n\nText.",
		"Head\n\nQ: Why?\n\nQ: Why?\n\nText.",
		"Head\n\nThe vote was 5-2.\n\nThe vote was 5-3.\n",
		"Head\n\nCrews clear debris in Moore.\n\nText between.\n\nCrews clear debris in Moore.\n",
		"Head\n\nHe said no.\n\nShe said no.\n",
		"Head\n\n***\n\n***\n",
		"Head\n\nA line\nAnother line\nA line\n",
	} {
		assertClean(t, r, s)
	}
}

func TestDoubledWordFindsRepeats(t *testing.T) {
	r := DoubledWord{}
	assertFix(t, r, "said the the mayor", "said the mayor")
	assertFix(t, r, "It will will be done.", "It will be done.")
	assertFix(t, r, "The the council met.", "The council met.")
	assertFix(t, r, "risks to\nto the economy", "risks to\nthe economy")
	assertFix(t, r, "the best best supporting actress", "the best supporting actress")
	assertFinds(t, r, "went to to the the park", "to to", "the the")
}

func TestDoubledWordFindsADoubledNameUsedAloneBefore(t *testing.T) {
	r := DoubledWord{}
	const before = "Tim Henman's place is safe, the coach said.\n\n"
	assertFix(t, r, before+"But Henman Henman urged calm.", before+"But Henman urged calm.")
	for _, s := range []string{
		// no earlier use alone: a name doubled by nature at its first mention
		"Sirhan Sirhan was convicted in 1969, and Sirhan appealed.",
		// part of a longer name, a hyphenated name, a run of three
		before + "She led Henman Henman Associates.",
		before + "Boutros Boutros-Ghali spoke. Henman Henman's view.",
		before + "The film Henman Henman Henman opened.",
		// not one sentence: a headline's word repeated by the next paragraph
		before + "Henman\nHenman urged calm.",
		before + "It was anti-Henman Henman talk.",
	} {
		assertClean(t, r, s)
	}
}

func TestDoubledWordKnowsRightRepeats(t *testing.T) {
	r := DoubledWord{}
	for _, s := range []string{
		"He had had enough.",
		"She said that that was wrong.",
		"What it is is a mess.",
		"They flew to Walla Walla on Monday.",
		"The band Duran Duran played.",
		"A trip to Bora Bora and Pago Pago.",
		"No, no, no.",
		"It was very, very cold.",
		"Baden-Baden hosted it.",
		"The score was 10 10 at halftime.",
		"the end.\n\nThe end came.",
		"Knock knock jokes.",
		"The team went on, on and on.",
		"It went bye bye.",
	} {
		assertClean(t, r, s)
	}
}

func TestCMSLeftoverFindsDebris(t *testing.T) {
	r := CMSLeftover{}
	assertFix(t, r, "Head\n\nFirst para.\n\nAdvertisement\n\nSecond para.\n", "Head\n\nFirst para.\n\nSecond para.\n")
	assertFix(t, r, "Head\n\nFirst para.\n\nStory continues below advertisement\n\nSecond.\n", "Head\n\nFirst para.\n\nSecond.\n")
	assertFix(t, r, "Head\n\nFirst para.\n\ntop\n", "Head\n\nFirst para.\n")
	assertFix(t, r, "Head\n\nRead more: Budget row deepens\n\nText.\n", "Head\n\nText.\n")
	assertFix(t, r, "Head\n\nClick here to subscribe to our newsletter\n\nText.\n", "Head\n\nText.\n")
	assertFix(t, r, "Head\n\n<p>&nbsp;</p>\n\nText.\n", "Head\n\nText.\n")
	assertFix(t, r, "Head\n\n[caption id=\"attachment_1\" align=\"alignnone\" width=\"640\"]\n\nText.\n", "Head\n\nText.\n")
	assertFix(t, r, "A deal with Scottish&nbsp;club Rangers.", "A deal with Scottish club Rangers.")
	assertFix(t, r, "A deal with Scottish &nbsp; club Rangers.", "A deal with Scottish club Rangers.")
	assertFix(t, r, "Smith &amp; Wesson", "Smith & Wesson")
	assertFix(t, r, "the mayor&#8217;s office", "the mayor's office")
	assertFix(t, r, "the mayor&rsquo;s office, ’twas", "the mayor’s office, ’twas")
	assertFix(t, r, "said Dent.<br />Johansson was", "said Dent. Johansson was")
	assertFix(t, r, "a <em>big</em> win", "a big win")
	assertFix(t, r, "Jane Smith (cq) said", "Jane Smith said")
	assertFinds(t, r, "The fire destroyed TK homes.", "TK")
	assertFinds(t, r, "The budget is $4.2 million ((CHECK)).", "((CHECK))")
	assertFinds(t, r, "Text [embed]https://x.test/v[/embed] more.", "[embed]", "[/embed]")
	assertFinds(t, r, "Lorem ipsum dolor sit amet, text.", "Lorem ipsum dolor sit amet")
}

func TestCMSLeftoverLeavesCopyAlone(t *testing.T) {
	r := CMSLeftover{}
	for _, s := range []string{
		"Head\n\nThey reached the top of the hill.\n",
		"Head\n\nRead more about the plan on the council's website.\n",
		"Head\n\nShoppers at TK Maxx queued.\n",
		"Head\n\nTurkish Airlines flight TK 1951 landed.\n",
		"Head\n\nSuper Bowl XXX was played in Tempe.\n",
		"Head\n\nThe film was XXX-rated.\n",
		"Head\n\nHe said the advertisement was misleading.\n",
		"Head\n\nShe wrote, \"He [Smith] lied.\"\n",
		"Head\n\nThe vote was 5-2 [sic].\n",
		"Head\n\nAT&T said revenue rose.\n",
		"Head\n\nProcter & Gamble said.\n",
		"Head\n\nThe top story was the storm.\n",
		"Head\n\nSubscribers said the paper had improved.\n",
		"Head\n\nThe headline here was wrong, she said.\n",
		"Head\n\nHe scored in the 3-1 win, with the Q&A after.\n",
		"Head\n\nThe TK-421 model sold well.\n",
		"Head\n\nThe score was 6<7 in the final.\n",
		"Head\n\nShare prices rose.\n",
	} {
		assertClean(t, r, s)
	}
}

func TestSpacingFindsDoubleSpacesAndSpaceBeforePunctuation(t *testing.T) {
	r := Spacing{}
	assertFix(t, r, "one of Europe's  most painful", "one of Europe's most painful")
	assertFix(t, r, "He left.  Then he came back.", "He left. Then he came back.")
	assertFix(t, r, "the statistics agency, INSEE , expects", "the statistics agency, INSEE, expects")
	assertFix(t, r, "announced on Monday . The deal", "announced on Monday. The deal")
	assertFix(t, r, "Why ? Nobody knows.", "Why? Nobody knows.")
	assertFix(t, r, "Three things : one", "Three things: one")
}

func TestSpacingLeavesOtherSpacesAlone(t *testing.T) {
	r := Spacing{}
	for _, s := range []string{
		"So ... then it happened.",
		"It rose .5 percent.",
		"Visit example .com later? No.",
		"He wrote :) in the message.",
		"  Indented line.",
		"Trailing spaces.  \nNext line.",
		"A, b and c.",
		"The rate was 3.5% on Monday.",
		"At 10:30 a.m. the vote began.",
		"Il a dit : « Non ! »",
		"Line one\n\n  Line two",
		"Price 1 ,000 was a typo-like agate.",
	} {
		assertClean(t, r, s)
	}
}

func TestQuoteBalanceFindsMissingMarks(t *testing.T) {
	r := QuoteBalance{}
	assertFix(t, r, "Head\n\nThe firm said so in a statement. Given the integration, we will merge,\" Sumitomo said.\n",
		"Head\n\nThe firm said so in a statement. \"Given the integration, we will merge,\" Sumitomo said.\n")
	assertFix(t, r, "Head\n\nHe told the minister: I am honoured to be here.\" He left.\n",
		"Head\n\nHe told the minister: \"I am honoured to be here.\" He left.\n")
	assertFinds(t, r, "Head\n\n\"We will rebuild, Lee said.\n\nThe council met Monday.\n", "\"We will rebuild, Lee said.")
	// the continuation paragraph lost its opening mark
	assertFix(t, r, "Head\n\n\"We will rebuild the town.\n\nIt will take years,\" Lee said.\n",
		"Head\n\n\"We will rebuild the town.\n\n\"It will take years,\" Lee said.\n")
	assertFix(t, r, "Head\n\nShe said. Thank you all,” she added.\n", "Head\n\nShe said. “Thank you all,” she added.\n")
}

func TestQuoteBalanceKnowsApostrophesAndContinuations(t *testing.T) {
	r := QuoteBalance{}
	for _, s := range []string{
		"Head\n\n\"We will rebuild,\" Lee said.\n",
		"Head\n\n\"We will rebuild.\n\n\"It will take years,\" Lee said.\n",
		"Head\n\nIt was rock 'n' roll in the '90s.\n",
		"Head\n\nHe stands 6'2\" tall and uses a 6\" pipe.\n",
		"Head\n\n“Curly quotes,” she said, “pair too.”\n",
		"Head\n\nThe Smiths' house was sold.\n",
		"Head\n\nHe said the plan was \"dead on arrival.\"\n",
		"Head\n\n\"It is over. \"We lost,\" he said.\n",
		"'Quoted' headline in single marks\n\nBody.\n",
		"Head\n\nShe called it \"a \"fake\" story\" and left.\n",
		"Head\n\n\"We will rebuild.\n\nTop\n\n\"It will take years,\" Lee said.\n",
		"Head\n\nMa'am, he said, it's the '60s.\n",
	} {
		assertClean(t, r, s)
	}
}
