package rules

import (
	"strings"
	"testing"

	"github.com/copydesk/copydesk/internal/core"
)

func TestNameVariantsOffersTheCommonerForm(t *testing.T) {
	r := NameVariants{}
	assertFix(t, r, "Head\n\nTalks with Kim Jong Un began. Aides to Kim Jong Un said Kim Jong-un would attend.\n",
		"Head\n\nTalks with Kim Jong Un began. Aides to Kim Jong Un said Kim Jong Un would attend.\n")
	assertFix(t, r, "Head\n\nThe meeting in Stockholm ended. Officials in Stockholm said more talks in Stokholm and Stockholm were planned.\n",
		"Head\n\nThe meeting in Stockholm ended. Officials in Stockholm said more talks in Stockholm and Stockholm were planned.\n")
	assertFix(t, r, "Head\n\nPresident Zelenskyy spoke. Aides said Zelenskyy would travel, and Zelensky agreed.\n",
		"Head\n\nPresident Zelenskyy spoke. Aides said Zelenskyy would travel, and Zelenskyy agreed.\n")
	assertFix(t, r, "Head\n\nThe team flew to Thaliand on Monday to play Thailand.\n", "Head\n\nThe team flew to Thailand on Monday to play Thailand.\n")
	assertFix(t, r, "Head\n\nThe singer Zoë Ball and the host Zoë Ball met Zoe Ball.\n", "Head\n\nThe singer Zoë Ball and the host Zoë Ball met Zoë Ball.\n")
	// a misspelling of a known name is a typo; a spelling choice is consistency
	d := doc("Head\n\nThe meeting in Stockholm ended. Officials in Stockholm said Stokholm was calm.\n")
	fs := r.Check(d)
	if len(fs) != 1 || fs[0].Category != core.CatTypo || !strings.Contains(fs[0].Message, "twice") {
		t.Fatalf("%+v", fs)
	}
}

func TestNameVariantsLeavesDifferentNamesAlone(t *testing.T) {
	r := NameVariants{}
	for _, s := range []string{
		"Head\n\nTalks between Iran and Iraq resumed. Iran said Iraq agreed.\n",
		"Head\n\nAustria and Australia played. Austria won.\n",
		"Head\n\nMichel Platini met Michael Owen.\n",
		"Head\n\nPatrik Berger and Patrick Vieira scored.\n",
		"Head\n\nNiger and Nigeria signed. Niger said so.\n",
		"Head\n\nKim Jong Un met Kim Jong Il's widow. Kim Jong Un spoke.\n",
		"Head\n\nThe Clintons visited. Clinton said the Clintons were pleased.\n",
		"Head\n\nJon Smith and John Smith are cousins. Jon said so.\n",
		"Head\n\nSlovakia and Slovenia met. Slovakia won.\n",
		"STOCKHOLM (AP) — Officials in Stockholm said the STOCKHOLM office closed.\n",
		"Head\n\nThe Japanese and Japan's government agreed.\n",
		"Head\n\nBoth Smith's and Smith agreed.\n",
	} {
		assertClean(t, r, s)
	}
}

// The same letters cut at other places are not one name spelled two ways.
func TestNameVariantsNeedTheBreaksToNest(t *testing.T) {
	for _, c := range []struct {
		a, b string
		same bool
	}{
		{"Kim Jong Un", "Kim Jong-un", true},
		{"Kim Jong Un", "Kim Jongun", true},
		{"O'Brien", "OBrien", true},
		{"Zoë Smith", "Zoe Smith", true},
		{"Lee Anne", "Leean Ne", false},
		{"A AAAa", "AAAa A", false},
		{"Jong-un", "Jon Gun", false},
	} {
		if got := breaksNest(c.a, c.b); got != c.same {
			t.Errorf("breaksNest(%q, %q) = %v, want %v", c.a, c.b, got, c.same)
		}
	}
	assertClean(t, NameVariants{}, "Head\n\nMary Lee Anne spoke. Later Lee Anne Hall and Leean Ne met, and Lee Anne left.\n")
}

// A form inside a longer run of names is still reported ("President Kim
// Jong Un" -> "President Kim Jong-un"), but not where the fix would make
// the run spell another of the article's names two ways.
func TestNameVariantsKeepRunEdges(t *testing.T) {
	assertFinds(t, NameVariants{}, "Head\n\nKim Jong-un spoke. Kim Jong-un left. Then President Kim Jong Un returned.\n", "Kim Jong Un")
	// "AAa" -> "Aa A" before "A" would make the run "Aa A A", which the
	// article already writes "Aa Aa": the fix would only move the problem
	assertClean(t, NameVariants{}, "Aa A Aa Aa  AAa A")
}
