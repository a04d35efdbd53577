package realword

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestTmpRarePairs(t *testing.T) {
	m, err := NgramModel()
	if err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open("sets.txt")
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(strings.SplitN(sc.Text(), ";", 2)[0])
		ws := strings.Fields(line)
		if len(ws) < 2 || strings.HasPrefix(line, "#") {
			continue
		}
		for _, w := range ws {
			for _, a := range ws {
				if a == w {
					continue
				}
				cw, ca := m.Count(w), m.Count(a)
				if cw <= 3 && ca >= 40 {
					fmt.Printf("%-14s %4.0f -> %-14s %6.0f  cls %v / %v\n", w, cw, a, ca, m.WordClasses(w), m.WordClasses(a))
				}
			}
		}
	}
}
