package rules

import "testing"

// A fix must finish its job: three copies are one finding whose fix leaves
// one copy, and two spaces before a comma go together. (FuzzRules found
// each of these: the fix of the first pair left a pair behind.)

func TestDoubledWordRunIsOneFindingThatLeavesOneCopy(t *testing.T) {
	r := DoubledWord{}
	assertFix(t, r, "said the the the mayor", "said the mayor")
	assertFix(t, r, "said the  the the mayor", "said the mayor")
	assertFix(t, r, "risks to\nto to the economy", "risks to\nthe economy")
	assertFix(t, r, "risks to to\nto the economy", "risks to\nthe economy")
	assertFix(t, r, "e  e e", "e")
	assertFinds(t, r, "the the the the vote", "the the the the")
	assertFinds(t, r, "went to to the the park", "to to", "the the")
	d := doc("said the the the mayor")
	if fs := r.Check(d); len(fs) != 1 || fs[0].Message != "'the' is written 3 times." {
		t.Fatalf("%+v", fs)
	}
}

func TestRepeatedLineRunIsOneFindingThatLeavesOneCopy(t *testing.T) {
	r := RepeatedLine{}
	assertFix(t, r, "Storm closes schools\n\nStorm closes schools\n\nStorm closes schools\n\nClasses resume.\n",
		"Storm closes schools\n\nClasses resume.\n")
	assertFix(t, r, "Head\n\nCaption line here today\nCaption line here today\nCaption line here today\nMore text.\n",
		"Head\n\nCaption line here today\nMore text.\n")
	d := doc("Storm closes schools\n\nStorm closes schools\n\nStorm closes schools\n")
	if fs := r.Check(d); len(fs) != 1 || fs[0].Message != "This paragraph is printed 3 times in a row; delete the other copies." {
		t.Fatalf("%+v", fs)
	}
}

func TestSpacingDeletesSeveralSpacesBeforePunctuation(t *testing.T) {
	r := Spacing{}
	assertFix(t, r, "He said  , and left.", "He said, and left.")
	assertFix(t, r, "It ended   ; then", "It ended; then")
	assertFix(t, r, "two  spaces", "two spaces")
	assertFix(t, r, "Wait  ...", "Wait ...") // one space before an ellipsis is right
}
