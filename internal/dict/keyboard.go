package dict

// QWERTY rows with the horizontal offset of each row's first key, in key
// widths: keys on neighbouring rows touch when their centres are less than
// one key apart.
var qwertyRows = [...]struct {
	keys   string
	offset float64
}{
	{"qwertyuiop", 0},
	{"asdfghjkl", 0.25},
	{"zxcvbnm", 0.75},
}

// neighbours[a][b] is true when keys a and b touch on a QWERTY keyboard.
var neighbours [128][128]bool

func init() {
	type pos struct {
		row int
		x   float64
	}
	at := map[byte]pos{}
	for r, row := range qwertyRows {
		for i := 0; i < len(row.keys); i++ {
			at[row.keys[i]] = pos{r, row.offset + float64(i)}
		}
	}
	for a, pa := range at {
		for b, pb := range at {
			if a == b {
				continue
			}
			dr := pa.row - pb.row
			dx := pa.x - pb.x
			if dx < 0 {
				dx = -dx
			}
			if dr == 0 && dx == 1 || (dr == 1 || dr == -1) && dx < 1 {
				neighbours[a][b] = true
			}
		}
	}
}

// Adjacent reports whether two letters sit next to each other on a QWERTY
// keyboard (ignoring case).
func Adjacent(a, b byte) bool {
	a, b = fold(a), fold(b)
	return a < 128 && b < 128 && neighbours[a][b]
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

// Costs of the edits that turn a typed word into the intended one. Slips that
// hands make (a neighbouring key, a doubled or undoubled letter, a swap) and
// the usual spelling confusions (one vowel for another) cost less than an
// arbitrary edit.
//
// A dropped letter is as common a slip as a neighbouring key, and the
// neighbouring-key substitutions of a word are few, so both cost the same.
const (
	costEdit       = 1.0
	costNeighbour  = 0.7  // substitution by a neighbouring key
	costVowel      = 0.75 // one vowel for another
	costSwap       = 0.6  // two neighbouring letters swapped
	costDoubled    = 0.5  // a letter typed twice, or a double letter typed once
	costMissing    = 0.7  // a letter left out
	costExtraNeigh = 0.75 // an extra key pressed next to the intended one
)

func subCost(a, b byte) float64 {
	switch {
	case a == b:
		return 0
	case a < 128 && b < 128 && neighbours[a][b]:
		return costNeighbour
	case isVowel(a) && isVowel(b):
		return costVowel
	}
	return costEdit
}

// extraCost: the typed word has typed[i] where the intended word has nothing.
func extraCost(typed string, i int) float64 {
	c := typed[i]
	if i > 0 && typed[i-1] == c {
		return costDoubled
	}
	if i > 0 && Adjacent(c, typed[i-1]) || i+1 < len(typed) && Adjacent(c, typed[i+1]) {
		return costExtraNeigh
	}
	return costEdit
}

// missingCost: the typed word lacks intended[j].
func missingCost(intended string, j int) float64 {
	c := intended[j]
	if j > 0 && intended[j-1] == c || j+1 < len(intended) && intended[j+1] == c {
		return costDoubled
	}
	return costMissing
}

// weightedDistance is an optimal-string-alignment distance from typed to
// intended (both lower case) with the costs above.
func weightedDistance(typed, intended string) float64 {
	n, m := len(typed), len(intended)
	rows := make([]float64, 3*(m+1))
	prev2, prev, cur := rows[:m+1], rows[m+1:2*(m+1)], rows[2*(m+1):]
	prev[0] = 0
	for j := 1; j <= m; j++ {
		prev[j] = prev[j-1] + missingCost(intended, j-1)
	}
	for i := 1; i <= n; i++ {
		cur[0] = prev[0] + extraCost(typed, i-1)
		for j := 1; j <= m; j++ {
			v := prev[j] + extraCost(typed, i-1)
			v = min(v, cur[j-1]+missingCost(intended, j-1))
			v = min(v, prev[j-1]+subCost(typed[i-1], intended[j-1]))
			if i > 1 && j > 1 && typed[i-1] == intended[j-2] && typed[i-2] == intended[j-1] && typed[i-1] != typed[i-2] {
				v = min(v, prev2[j-2]+costSwap)
			}
			cur[j] = v
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[m]
}
