package rules

import (
	"strings"
	"testing"
	"time"

	"github.com/copydesk/copydesk/internal/core"
)

func TestWeekdayDateChecksTheCalendar(t *testing.T) {
	r := WeekdayDate{}
	assertFinds(t, r, "The vote was on Friday, Nov. 30, 2019, in the capital.", "Friday, Nov. 30, 2019")
	assertFinds(t, r, "It ended on Tuesday 6 November 2024 at noon.", "Tuesday 6 November 2024")
	assertFinds(t, r, "The deadline is Sept. 31.", "31")
	assertFinds(t, r, "It was signed Wednesday, Feb. 29, 2023.", "29")
	d := doc("The vote was on Friday, Nov. 30, 2019, in the capital.")
	fs := r.Check(d)
	if len(fs) != 1 || len(fs[0].Fixes) != 2 {
		t.Fatalf("%+v", fs)
	}
	got, _ := core.ApplyEdits(d.Prose, fs[0].Fixes[0].Edits)
	if got != "The vote was on Saturday, Nov. 30, 2019, in the capital." {
		t.Fatalf("fix %q", got)
	}
	got, _ = core.ApplyEdits(d.Prose, fs[0].Fixes[1].Edits)
	if got != "The vote was on Friday, Nov. 29, 2019, in the capital." {
		t.Fatalf("other fix %q", got)
	}
	// the year from the story date
	d = core.NewDoc("a.txt", "The hearing is on Friday, Nov. 30.", core.FormatText, core.Options{Date: time.Date(2019, 11, 20, 0, 0, 0, 0, time.UTC)})
	if fs := r.Check(d); len(fs) != 1 || fs[0].Severity != core.Warning {
		t.Fatalf("story date: %+v", fs)
	}
	// the only year the article mentions
	assertFinds(t, r, "In 2019 the council met on Friday, Nov. 30, to vote.", "Friday, Nov. 30")
}

func TestWeekdayDateIsQuietWhenRightOrUnknown(t *testing.T) {
	r := WeekdayDate{}
	for _, s := range []string{
		"The vote was on Saturday, Nov. 30, 2019.",
		"The vote is on Friday, Nov. 30.",                          // no year known
		"In 2018 and 2019 talks ran; Friday, Nov. 30, they ended.", // two years: unknown
		"It ended on Wednesday 6 November 2024.",
		"Feb. 29, 2024, was a Thursday, and Thursday, Feb. 29, 2024, it was.",
		"The May 31 deadline passed.",
		"On Monday, May 4, 2020, the shops reopened.",
		"Friday's vote, on Nov. 30, 2019, was close.",
		"He arrived Monday. March 3 was the date.",
		"The Sept. 30 report came out Tuesday.",
		"She was born on Sunday, April 1, 1979.",
		"Good Friday, April 2, 2021, was quiet.",
	} {
		assertClean(t, r, s)
	}
}

func TestRepeatedSentenceAndQuote(t *testing.T) {
	assertFix(t, RepeatedSentence{}, "Head\n\nThe council voted five to two for the plan. Then it adjourned. The council voted five to two for the plan.\n",
		"Head\n\nThe council voted five to two for the plan. Then it adjourned.\n")
	assertFix(t, RepeatedSentence{}, "Head\n\nThe council voted five to two for the plan on Monday.\n\nMore text follows here.\n\nThe council voted five to two for the plan on Monday.\n",
		"Head\n\nThe council voted five to two for the plan on Monday.\n\nMore text follows here.\n")
	assertFinds(t, RepeatedQuote{}, "Head\n\n\"We will rebuild this town together,\" Lee said.\n\nThe storm hit.\n\n\"We will rebuild this town together,\" Lee said again.\n",
		"\"We will rebuild this town together,\"")
	for _, s := range []string{
		"Head\n\nHe declined to comment. She declined to comment. He declined to comment.\n",
		"Head\n\nThe council voted on the plan. The council voted on the budget.\n",
		"Head\n\nThe same paragraph is printed twice here.\n\nThe same paragraph is printed twice here.\n",
		"Head\n\n\"We will rebuild this town together,\" Lee said.\n\n\"We will rebuild this town together,\" Lee said.\n",
		"Head\n\nShe called it \"unacceptable\" and he called it \"unacceptable\" too.\n",
		"Head\n\n\"No, no, no,\" the crowd chanted. \"No, no, no,\" they chanted again.\n",
	} {
		assertClean(t, RepeatedSentence{}, s)
		if !strings.Contains(s, "chanted") {
			assertClean(t, RepeatedQuote{}, s)
		}
	}
}

func TestQuoteStyleConvertsTheMinority(t *testing.T) {
	r := QuoteStyle{}
	assertFix(t, r, "“Yes,” she said. “Again,” he said. Then: \"No.\"", "“Yes,” she said. “Again,” he said. Then: “No.”")
	assertFix(t, r, "\"Yes,\" she said. \"No,\" he said. “Maybe.”", "\"Yes,\" she said. \"No,\" he said. \"Maybe.\"")
	assertFix(t, r, "It's the mayor's plan, isn’t it? Don't.", "It's the mayor's plan, isn't it? Don't.")
	for _, s := range []string{
		"“Yes,” she said.",
		"\"Yes,\" she said of the 6\" pipe.",
		"It’s the mayor’s plan, isn’t it?",
		"He stands 6'2\" tall; it's true.",
		"The ’90s and the mayor’s plan.",
		"A 12\" record and a 7\" single.",
	} {
		assertClean(t, r, s)
	}
}
