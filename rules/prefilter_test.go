package rules

import (
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/bench/newsgen"
)

// WeekdayDate runs its patterns only where a match can start, and
// CMSLeftover runs some of its patterns only on text that holds a string
// every match holds; these tests hold both to what the patterns find when
// run over the whole text.

func wholeText(re *regexp.Regexp, s string) [][]int { return re.FindAllStringSubmatchIndex(s, -1) }

func yearByRegexp(prose string) int {
	found := 0
	for _, m := range yearRe.FindAllString(prose, -1) {
		y, _ := strconv.Atoi(m)
		if found != 0 && y != found {
			return 0
		}
		found = y
	}
	return found
}

func checkDateScan(t *testing.T, s string) {
	t.Helper()
	days := weekdayStarts(s)
	for _, c := range []struct {
		name   string
		re     *regexp.Regexp
		starts []int
	}{{"usDate", usDate, days}, {"ukDate", ukDate, days}, {"plainDate", plainDate, lateDayStarts(s)}} {
		got, want := matchesAt(s, c.re, c.starts), wholeText(c.re, s)
		if len(got) == 0 && len(want) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s on %q:\n got %v\nwant %v", c.name, s, got, want)
		}
	}
	if got, want := articleYear(s), yearByRegexp(s); got != want {
		t.Fatalf("articleYear(%q) = %d, want %d", s, got, want)
	}
}

var dateScanSeeds = []string{
	"Friday, Nov. 30, 2019",
	"On Friday Nov. 30 and Saturday, 1st December 2018, it rained.",
	"xFriday, Nov. 30, 2019 and Friday, Nov. 301 and Friday, Nov. 30, 20190",
	"Sept. 31 Feb. 30, 2023 February 29th, 2021 in February 30 people died",
	"Sunday, May 31st Monday 30 June 2014 Tuesday,30 June",
	"the Monday, Tuesday, Wednesday, Nov. 3 today",
	"1999 2000 19999 _2001 2002_ é2003 2004é 2005",
	"Mayday May 29 May 299 Mar. 31, 1999,2000",
	"Friday, Sept. 30, 2016Friday, Sept. 30, 2016",
	"",
	"day",
}

func TestDateScanFindsWhatThePatternsFind(t *testing.T) {
	for _, s := range dateScanSeeds {
		checkDateScan(t, s)
	}
	checkDateScan(t, newsgen.Text(3, 200_000))
}

func checkCMSGates(t *testing.T, s string) {
	t.Helper()
	// paragraphs are searched from the places a match can start: the
	// same matches as a pass over the whole text, on the text and on the
	// text repeated to a long paragraph
	long := s
	for len(long) <= 4096 && len(s) > 0 {
		long += " " + s
	}
	for name, ip := range map[string]*inlinePattern{"entity": &inlineEntity, "tag": &inlineTag, "shortcode": &inlineShortcode,
		"note": &inlineNote, "cq": &inlineCQ, "placeholder": &inlinePlaceholder} {
		for _, text := range []string{s, long} {
			got, want := ip.findAll(text), ip.re.FindAllStringIndex(text, -1)
			if len(got) == 0 && len(want) == 0 {
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s on %q:\n got %v\nwant %v", name, text, got, want)
			}
		}
	}
	for _, line := range strings.Split(s, "\n") {
		l := strings.TrimSpace(line)
		if l == "" {
			continue
		}
		if !mayBeFurniture(l) && furniturePrefix.MatchString(l) {
			t.Fatalf("mayBeFurniture turns away %q, which furniturePrefix matches", l)
		}
		if l[0] != '[' && l[0] != '{' && l[0] != '%' && shortcodeLine.MatchString(l) {
			t.Fatalf("shortcodeLine matches %q, which does not start with [ { or %%", l)
		}
	}
	if !mayHoldNote(s) && noteIn.MatchString(s) {
		t.Fatalf("mayHoldNote(%q) is false, but noteIn matches %q", s, noteIn.FindString(s))
	}
	if !mayHoldShortcode(s) && shortcodeIn.MatchString(s) {
		t.Fatalf("mayHoldShortcode(%q) is false, but shortcodeIn matches %q", s, shortcodeIn.FindString(s))
	}
	if !mayHoldPlaceholder(s) && placeholderIn.MatchString(s) {
		t.Fatalf("mayHoldPlaceholder(%q) is false, but placeholderIn matches %q", s, placeholderIn.FindString(s))
	}
}

var cmsGateSeeds = []string{
	"((check this)) [[ad]] <<name>> [CHECK] **TK** NOTE TO DESK EDS: Eds: ED: ",
	"TK TKTK lorem ipsum Lorem ipsum dolor sit amet INSERT NAME HERE XXX X,XXX",
	"A clean sentence (with brackets) and **bold** text.",
	"[caption id=1] {{ad}} %%AD_SLOT%% [[embed 3]] {ad-slot} 40% of 12%",
	"Read more: Budget row\nſee also: x\nIMAGE 3 of 5\nFollow us on X\n[caption id=1]\n{{ad}}\n%%AD%%\n[[x]]\nDownload our app now\nCLICK HERE TO x\nlike uſ on\nliKe us on Facebook\nTap here to\nSign up for it. Now\nPicture 1 of 12",
	"x&nbsp;y&#8217;z <br/> <p class=\"a\">t</p> <!-- wp:paragraph --> (cq) (CQ) a (cq) XTK TK1 ATK_ EDS: ED:\tNOTE TO EDITORS",
}

func TestCMSGatesLetEveryMatchThrough(t *testing.T) {
	for _, s := range cmsGateSeeds {
		checkCMSGates(t, s)
	}
}

// FuzzPrefilters: the date scan and the CMS gates agree with the patterns.
func FuzzPrefilters(f *testing.F) {
	for _, s := range append(dateScanSeeds, cmsGateSeeds...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkDateScan(t, s)
		checkCMSGates(t, s)
	})
}
