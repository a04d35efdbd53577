package rules

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/copydesk/copydesk/internal/core"
)

// WeekdayDate checks a weekday against the date beside it ("Friday, Nov. 30,
// 2019": that was a Saturday) and finds dates that do not exist (Sept. 31,
// Feb. 29, 2023). The year comes from the date itself, else from the story
// date (--date or the date setting), else from the only year the article
// mentions; when the year is unknown, it says nothing about the weekday.
type WeekdayDate struct{}

func (WeekdayDate) Meta() core.Meta {
	return core.Meta{
		ID: "Copy.WeekdayDate", Category: core.CatFactCheck, Severity: core.Error,
		Doc:     "A weekday that disagrees with the date beside it, or a date that does not exist.",
		Example: "Friday, Nov. 30, 2019 -> Saturday, Nov. 30, 2019",
		Quotes:  core.QuoteLower,
	}
}

const weekdayRe = `(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)`
const monthRe = `(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.)`

var (
	// Friday, Nov. 30, 2019 / Friday Nov. 30 / Friday, November 30th
	usDate = regexp.MustCompile(`\b` + weekdayRe + `,? ` + monthRe + ` (\d{1,2})(?:st|nd|rd|th)?\b(?:,? (\d{4})\b)?`)
	// Friday 30 November 2019 / Friday, 30th November
	ukDate = regexp.MustCompile(`\b` + weekdayRe + `,? (\d{1,2})(?:st|nd|rd|th)? ` + monthRe + `(?:,? (\d{4})\b)?`)
	// a date without a weekday, for impossible days: Sept. 31, Feb. 30
	plainDate = regexp.MustCompile(`\b` + monthRe + ` (29|30|31)(?:st|th)?\b(,? \d{4}\b)?`)
	yearRe    = regexp.MustCompile(`\b(19\d\d|20\d\d)\b`)
	months    = map[string]time.Month{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}
	weekday   = map[string]time.Weekday{"Sunday": 0, "Monday": 1, "Tuesday": 2, "Wednesday": 3, "Thursday": 4, "Friday": 5, "Saturday": 6}
)

func monthOf(s string) time.Month { return months[strings.ToLower(s[:3])] }

func daysIn(m time.Month, year int) int {
	if year == 0 {
		year = 2024 // a leap year: Feb. 29 may exist
	}
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// articleYear is the only year the article mentions, or 0: the matches of
// yearRe, found by a scan for four figures between word boundaries that
// stops at the second year.
func articleYear(prose string) int {
	found := 0
	for i := 0; i+4 <= len(prose); {
		if !asciiDigit(prose[i]) {
			i++
			continue
		}
		j := i
		for j < len(prose) && asciiDigit(prose[j]) {
			j++
		}
		if j-i == 4 && (i == 0 || !asciiWordByte(prose[i-1])) && (j == len(prose) || !asciiWordByte(prose[j])) &&
			(prose[i:i+2] == "19" || prose[i:i+2] == "20") {
			y, _ := strconv.Atoi(prose[i:j])
			if found != 0 && y != found {
				return 0
			}
			found = y
		}
		i = j
	}
	return found
}

func asciiDigit(c byte) bool { return c >= '0' && c <= '9' }

// asciiWordByte is a byte of \w, the word characters of \b in Go's regexp.
func asciiWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

// The date patterns have no literal prefix, so running them over a whole
// article costs a pass of the regexp machine per byte. They are run instead
// only where a match can start (a weekday name, or a month name before " 29",
// " 30" or " 31"), on a window longer than any match; dateWindow bounds a
// match (the longest is "Wednesday, September 30th, 2019").
const dateWindow = 64

// matchesAt returns what re.FindAllStringSubmatchIndex(prose, -1) returns,
// given every position where a match may start, in increasing order.
func matchesAt(prose string, re *regexp.Regexp, starts []int) [][]int {
	var out [][]int
	last := 0
	for _, s := range starts {
		if s < last || s > 0 && asciiWordByte(prose[s-1]) {
			continue // inside the previous match, or no \b before it
		}
		m := re.FindStringSubmatchIndex(prose[s:min(len(prose), s+dateWindow)])
		if m == nil || m[0] != 0 {
			continue
		}
		for k := range m {
			if m[k] >= 0 {
				m[k] += s
			}
		}
		out = append(out, m)
		last = m[1]
	}
	return out
}

var weekdayNames = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

// weekdayStarts lists where a weekday name starts.
func weekdayStarts(prose string) []int {
	var out []int
	for i := 0; ; {
		k := strings.Index(prose[i:], "day")
		if k < 0 {
			return out
		}
		end := i + k + 3
		i = end
		// both date shapes go on with ", " or " " and a month name or a
		// day number: most weekdays ("on Monday the") stop here
		n := end
		if n < len(prose) && prose[n] == ',' {
			n++
		}
		if n+1 >= len(prose) || prose[n] != ' ' || !(prose[n+1] >= 'A' && prose[n+1] <= 'Z' || prose[n+1] >= '0' && prose[n+1] <= '9') {
			continue
		}
		for _, w := range weekdayNames {
			if end >= len(w) && prose[end-len(w):end] == w {
				out = append(out, end-len(w))
				break
			}
		}
	}
}

var monthNames = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September",
	"October", "November", "December", "Jan.", "Feb.", "Mar.", "Apr.", "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec."}

// lateDayStarts lists where a month name followed by " 29", " 30" or " 31"
// starts.
func lateDayStarts(prose string) []int {
	var out []int
	for i := 0; ; {
		k := strings.IndexByte(prose[i:], ' ')
		if k < 0 {
			return out
		}
		sp := i + k
		i = sp + 1
		if sp+2 >= len(prose) || !(prose[sp+1] == '2' && prose[sp+2] == '9' || prose[sp+1] == '3' && (prose[sp+2] == '0' || prose[sp+2] == '1')) {
			continue
		}
		for _, m := range monthNames {
			if sp >= len(m) && prose[sp-len(m):sp] == m {
				out = append(out, sp-len(m))
				break
			}
		}
	}
}

func (WeekdayDate) Check(d *core.Doc) []core.Finding {
	var out []core.Finding
	type hit struct {
		s, e           int // whole match
		wdS, wdE       int // the weekday
		dayS, dayE     int // the day number
		wd             string
		month          time.Month
		monthText      string
		day, year      int
		yearIsExplicit bool
	}
	var hits []hit
	weekdays := weekdayStarts(d.Prose)
	for _, m := range matchesAt(d.Prose, usDate, weekdays) {
		h := hit{s: m[0], e: m[1], wdS: m[2], wdE: m[3], dayS: m[6], dayE: m[7]}
		h.wd, h.monthText = d.Prose[m[2]:m[3]], d.Prose[m[4]:m[5]]
		h.day, _ = strconv.Atoi(d.Prose[m[6]:m[7]])
		if m[8] >= 0 {
			h.year, _ = strconv.Atoi(d.Prose[m[8]:m[9]])
			h.yearIsExplicit = true
		}
		hits = append(hits, h)
	}
	for _, m := range matchesAt(d.Prose, ukDate, weekdays) {
		h := hit{s: m[0], e: m[1], wdS: m[2], wdE: m[3], dayS: m[4], dayE: m[5]}
		h.wd, h.monthText = d.Prose[m[2]:m[3]], d.Prose[m[6]:m[7]]
		h.day, _ = strconv.Atoi(d.Prose[m[4]:m[5]])
		if m[8] >= 0 {
			h.year, _ = strconv.Atoi(d.Prose[m[8]:m[9]])
			h.yearIsExplicit = true
		}
		hits = append(hits, h)
	}
	// the dates with a weekday, by start, for covered (plain dates come in
	// order, so one pass over them will do)
	withDay := make([]core.Span, len(hits))
	for i, h := range hits {
		withDay[i] = core.Span{Start: h.s, End: h.e}
	}
	sort.Slice(withDay, func(i, j int) bool { return withDay[i].Start < withDay[j].Start })
	next, reach := 0, 0 // withDay[:next] start at or before s; reach is their furthest end
	covered := func(s int) bool {
		for next < len(withDay) && withDay[next].Start <= s {
			reach = max(reach, withDay[next].End)
			next++
		}
		return s < reach
	}
	for _, m := range matchesAt(d.Prose, plainDate, lateDayStarts(d.Prose)) {
		if covered(m[0]) {
			continue
		}
		monthText := d.Prose[m[2]:m[3]]
		rest := strings.TrimLeft(d.Prose[m[1]:], " ")
		if !strings.HasSuffix(monthText, ".") && m[6] < 0 && rest != "" && rest[0] >= 'a' && rest[0] <= 'z' && !strings.HasPrefix(rest, "and ") {
			continue // "in February 30 people died": a count, not a date
		}
		h := hit{s: m[0], e: m[1], dayS: m[4], dayE: m[5], wdS: -1, monthText: monthText}
		h.day, _ = strconv.Atoi(d.Prose[m[4]:m[5]])
		if m[6] >= 0 {
			h.year, _ = strconv.Atoi(strings.TrimLeft(d.Prose[m[6]:m[7]], ", "))
			h.yearIsExplicit = true
		}
		hits = append(hits, h)
	}
	inferred := 0
	if d.Date.IsZero() {
		inferred = articleYear(d.Prose)
	}
	for _, h := range hits {
		h.month = monthOf(h.monthText)
		if h.day < 1 || h.day > daysIn(h.month, h.year) {
			what := fmt.Sprintf("%s %d", h.monthText, h.day)
			if h.yearIsExplicit {
				what += fmt.Sprintf(", %d", h.year)
			}
			out = append(out, core.Finding{
				Start: h.dayS, End: h.dayE, Severity: core.Error,
				Message: fmt.Sprintf("There is no %s: %s has %d days.", what, h.month, daysIn(h.month, h.year)),
			})
			continue
		}
		if h.wdS < 0 {
			continue // a date without a weekday: only its existence is checked
		}
		year, how := h.year, ""
		sev := core.Error
		switch {
		case h.yearIsExplicit:
		case !d.Date.IsZero():
			year = nearestYear(h.month, h.day, d.Date)
			how = fmt.Sprintf(" in %d, the year of the story date", year)
			sev = core.Warning
		case inferred != 0:
			year = inferred
			how = fmt.Sprintf(" in %d, the only year the article mentions", year)
			sev = core.Warning
		default:
			continue
		}
		date := time.Date(year, h.month, h.day, 12, 0, 0, 0, time.UTC)
		if date.Weekday() == weekday[h.wd] {
			continue
		}
		right := date.Weekday().String()
		when := fmt.Sprintf("%s %d", h.monthText, h.day)
		if h.yearIsExplicit {
			when += fmt.Sprintf(", %d", year)
		}
		f := core.Finding{
			Start: h.s, End: h.e, Severity: sev,
			Message: fmt.Sprintf("%s falls on a %s%s, not a %s: check the weekday or the date.", when, right, how, h.wd),
			Fixes:   []core.Fix{core.Replace(h.wdS, h.wdE, right, "Make it "+right)},
		}
		// the other reading: the weekday is right and the day number wrong
		for delta := -3; delta <= 3; delta++ {
			alt := date.AddDate(0, 0, delta)
			if alt.Weekday() == weekday[h.wd] && alt.Month() == h.month {
				f.Fixes = append(f.Fixes, core.Replace(h.dayS, h.dayE, strconv.Itoa(alt.Day()), fmt.Sprintf("Make the date %s %d", h.monthText, alt.Day())))
				break
			}
		}
		out = append(out, f)
	}
	return out
}

// nearestYear picks the year (the story's, or the one before or after) that
// puts month/day nearest the story date.
func nearestYear(m time.Month, day int, story time.Time) int {
	best, bestGap := story.Year(), time.Duration(1<<62)
	for y := story.Year() - 1; y <= story.Year()+1; y++ {
		gap := time.Date(y, m, day, 0, 0, 0, 0, time.UTC).Sub(story)
		if gap < 0 {
			gap = -gap
		}
		if gap < bestGap {
			best, bestGap = y, gap
		}
	}
	return best
}
