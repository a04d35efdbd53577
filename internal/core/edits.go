package core

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// ApplyEdits applies non-overlapping edits to s. Bytes outside the edits'
// spans are copied unchanged. Edits may come in any order; two insertions at
// the same offset keep their order.
func ApplyEdits(s string, edits []Edit) (string, error) {
	es := append([]Edit(nil), edits...)
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].Start != es[j].Start {
			return es[i].Start < es[j].Start
		}
		return es[i].End < es[j].End
	})
	var b strings.Builder
	b.Grow(len(s))
	last := 0
	for _, e := range es {
		if e.Start < last || e.End < e.Start || e.End > len(s) {
			return "", fmt.Errorf("edit [%d,%d) overlaps another or lies outside the text (%d bytes)", e.Start, e.End, len(s))
		}
		b.WriteString(s[last:e.Start])
		b.WriteString(e.New)
		last = e.End
	}
	b.WriteString(s[last:])
	return b.String(), nil
}

// Overlaps reports whether two edits touch the same bytes. Two insertions at
// one offset overlap (their order would be a guess); an insertion at the
// edge of a replacement does not.
func Overlaps(a, b Edit) bool {
	if a.Start == a.End && b.Start == b.End {
		return a.Start == b.Start
	}
	if a.Start == a.End {
		return b.Start < a.Start && a.Start < b.End
	}
	if b.Start == b.End {
		return a.Start < b.Start && b.Start < a.End
	}
	return a.Start < b.End && b.Start < a.End
}

// OnRuneBoundaries reports whether an edit starts and ends on UTF-8
// character boundaries of s.
func OnRuneBoundaries(s string, e Edit) bool {
	ok := func(i int) bool { return i == 0 || i == len(s) || (i > 0 && i < len(s) && utf8.RuneStart(s[i])) }
	return e.Start >= 0 && e.End <= len(s) && ok(e.Start) && ok(e.End)
}
