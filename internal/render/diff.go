// Package render prints findings and fixes: unified diffs that git apply and
// patch accept, word-level diffs in context, and the machine formats.
package render

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

type lineOp struct {
	op   diffmatchpatch.Operation
	text string // one line, with its line break if it has one
}

// splitLines cuts s into lines, each with its line break if it has one.
func splitLines(s string) []string {
	out := make([]string, 0, strings.Count(s, "\n")+1)
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}

// maxDiffLines bounds the distinct lines go-diff's line mode is given: it
// numbers lines with characters, and runs out of them at about a million.
const maxDiffLines = 500_000

// lineOps diffs two texts line by line: the lines they share at the start
// and the end, and go-diff's line mode for the lines between (fixes change
// a few lines of a long file, so that is usually a short stretch). Between
// two very different files of more distinct lines than go-diff can number,
// the stretch is given as all its old lines removed and all its new lines
// added: a longer diff, but a right one.
func lineOps(a, b string) []lineOp {
	la, lb := splitLines(a), splitLines(b)
	p := 0
	for p < len(la) && p < len(lb) && la[p] == lb[p] {
		p++
	}
	q := 0
	for q < len(la)-p && q < len(lb)-p && la[len(la)-1-q] == lb[len(lb)-1-q] {
		q++
	}
	ops := make([]lineOp, 0, len(la)+8)
	for _, l := range la[:p] {
		ops = append(ops, lineOp{diffmatchpatch.DiffEqual, l})
	}
	ma, mb := la[p:len(la)-q], lb[p:len(lb)-q]
	if len(ma)+len(mb) > 0 && len(ma)+len(mb) <= maxDiffLines {
		dmp := diffmatchpatch.New()
		ra, rb, lines := dmp.DiffLinesToRunes(strings.Join(ma, ""), strings.Join(mb, ""))
		for _, d := range dmp.DiffCharsToLines(dmp.DiffMainRunes(ra, rb, false), lines) {
			for _, l := range splitLines(d.Text) {
				ops = append(ops, lineOp{d.Type, l})
			}
		}
	} else {
		for _, l := range ma {
			ops = append(ops, lineOp{diffmatchpatch.DiffDelete, l})
		}
		for _, l := range mb {
			ops = append(ops, lineOp{diffmatchpatch.DiffInsert, l})
		}
	}
	for _, l := range la[len(la)-q:] {
		ops = append(ops, lineOp{diffmatchpatch.DiffEqual, l})
	}
	return ops
}

// Unified returns a unified diff of a and b with three lines of context, in
// the form git apply and patch -p1 accept ("--- a/PATH", "+++ b/PATH").
// It returns "" when the texts are equal.
func Unified(oldName, newName, a, b string) string {
	if a == b {
		return ""
	}
	const ctx = 3
	ops := lineOps(a, b)
	var sb strings.Builder
	fmt.Fprintf(&sb, "--- %s\n+++ %s\n", diffPath(oldName), diffPath(newName))
	// walk the ops, grouping changes that lie within 2*ctx lines of each other
	n := len(ops)
	i := 0
	oldLine, newLine := 0, 0 // lines consumed before ops[i]
	for i < n {
		if ops[i].op == diffmatchpatch.DiffEqual {
			oldLine++
			newLine++
			i++
			continue
		}
		// a hunk starts ctx lines before this change
		start := i
		back := 0
		for start > 0 && back < ctx && ops[start-1].op == diffmatchpatch.DiffEqual {
			start--
			back++
		}
		hOld, hNew := oldLine-back, newLine-back
		// extend to the end of the hunk
		end := i
		for end < n {
			if ops[end].op != diffmatchpatch.DiffEqual {
				end++
				continue
			}
			run := 0
			for end+run < n && ops[end+run].op == diffmatchpatch.DiffEqual {
				run++
			}
			if end+run >= n || run > 2*ctx {
				end += min(run, ctx)
				break
			}
			end += run
		}
		var body strings.Builder
		oc, nc := 0, 0
		for k := start; k < end; k++ {
			o := ops[k]
			switch o.op {
			case diffmatchpatch.DiffEqual:
				body.WriteByte(' ')
				oc++
				nc++
			case diffmatchpatch.DiffDelete:
				body.WriteByte('-')
				oc++
			case diffmatchpatch.DiffInsert:
				body.WriteByte('+')
				nc++
			}
			body.WriteString(o.text)
			if !strings.HasSuffix(o.text, "\n") {
				body.WriteString("\n\\ No newline at end of file\n")
			}
		}
		fmt.Fprintf(&sb, "@@ -%s +%s @@\n", hunkRange(hOld, oc), hunkRange(hNew, nc))
		sb.WriteString(body.String())
		// advance the counters over the hunk
		for k := i; k < end; k++ {
			switch ops[k].op {
			case diffmatchpatch.DiffEqual:
				oldLine++
				newLine++
			case diffmatchpatch.DiffDelete:
				oldLine++
			case diffmatchpatch.DiffInsert:
				newLine++
			}
		}
		i = end
	}
	return sb.String()
}

// diffPath writes a file name for a diff header the way git apply and GNU
// patch read it: quoted C-style when it holds control characters, quotes or
// backslashes, and ended by a tab when it holds spaces.
func diffPath(name string) string {
	if strings.ContainsAny(name, "\"\\") || strings.IndexFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }) >= 0 {
		var b strings.Builder
		b.WriteByte('"')
		for i := 0; i < len(name); i++ {
			c := name[i]
			switch c {
			case '"', '\\':
				b.WriteByte('\\')
				b.WriteByte(c)
			case '\n':
				b.WriteString(`\n`)
			case '\t':
				b.WriteString(`\t`)
			default:
				if c < 0x20 || c == 0x7f {
					fmt.Fprintf(&b, "\\%03o", c)
				} else {
					b.WriteByte(c)
				}
			}
		}
		b.WriteByte('"')
		return b.String()
	}
	if strings.Contains(name, " ") {
		return name + "\t"
	}
	return name
}

func hunkRange(start, count int) string {
	if count == 0 {
		return fmt.Sprintf("%d,0", start)
	}
	if count == 1 {
		return fmt.Sprintf("%d", start+1)
	}
	return fmt.Sprintf("%d,%d", start+1, count)
}

// wordTokens splits text into words, runs of white space, and single other
// characters, so that a diff of tokens reads as a word diff.
func wordTokens(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		j := i + size
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			for j < len(s) {
				r2, s2 := utf8.DecodeRuneInString(s[j:])
				if r2 == '-' && j+1 < len(s) {
					// a hyphenated word is one token: end-year
					r3, _ := utf8.DecodeRuneInString(s[j+1:])
					if unicode.IsLetter(r3) || unicode.IsDigit(r3) {
						j += s2
						continue
					}
				}
				if !(unicode.IsLetter(r2) || unicode.IsDigit(r2) || r2 == '\'' || r2 == '’') {
					break
				}
				j += s2
			}
		}
		out = append(out, s[i:j])
		i = j
	}
	return out
}

// WordDiff shows how before becomes after, word by word:
// "which [-tool-]{+took+} place". Long stretches of unchanged text are cut to
// a few words on each side of a change. With color, deletions are red and
// insertions green (ANSI).
func WordDiff(before, after string, color bool) string {
	ta, tb := wordTokens(before), wordTokens(after)
	index := map[string]rune{}
	var table []string
	enc := func(ts []string) []rune {
		rs := make([]rune, len(ts))
		for i, t := range ts {
			r, ok := index[t]
			if !ok {
				r = rune(len(table) + 0xE000)
				if r >= 0xF900 {
					r = rune(len(table) + 0xF0000)
				}
				index[t] = r
				table = append(table, t)
			}
			rs[i] = r
		}
		return rs
	}
	ra, rb := enc(ta), enc(tb)
	dmp := diffmatchpatch.New()
	// clean up on tokens, before decoding: on characters the clean-up would
	// cut words apart again ("[-end--]year{+-end+}")
	diffs := dmp.DiffCleanupSemantic(dmp.DiffMainRunes(ra, rb, false))
	dec := func(s string) string {
		var b strings.Builder
		for _, r := range s {
			k := int(r) - 0xE000
			if r >= 0xF0000 {
				k = int(r) - 0xF0000
			}
			if k >= 0 && k < len(table) {
				b.WriteString(table[k])
			}
		}
		return b.String()
	}
	for i := range diffs {
		diffs[i].Text = dec(diffs[i].Text)
	}
	var b strings.Builder
	for i, d := range diffs {
		if d.Text == "" {
			continue
		}
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			b.WriteString(trimContext(d.Text, i > 0, i < len(diffs)-1))
		case diffmatchpatch.DiffDelete:
			if color {
				b.WriteString("\x1b[31m[-" + visible(d.Text) + "-]\x1b[0m")
			} else {
				b.WriteString("[-" + visible(d.Text) + "-]")
			}
		case diffmatchpatch.DiffInsert:
			if color {
				b.WriteString("\x1b[32m{+" + visible(d.Text) + "+}\x1b[0m")
			} else {
				b.WriteString("{+" + visible(d.Text) + "+}")
			}
		}
	}
	return b.String()
}

// visible shows line breaks and tabs inside a change, and spaces too when
// the change is nothing but white space.
func visible(s string) string {
	if strings.TrimSpace(s) == "" {
		s = strings.ReplaceAll(s, " ", "·")
	}
	return strings.NewReplacer("\r", `\r`, "\n", `\n`, "\t", `\t`).Replace(s)
}

const contextWords = 6

// trimContext keeps a few words of unchanged text next to the changes it
// touches: the end of it when a change precedes it, the start when one
// follows.
func trimContext(s string, changeBefore, changeAfter bool) string {
	s = strings.NewReplacer("\r\n", " ", "\n", " ").Replace(s)
	words := strings.Fields(s)
	if len(words) <= 2*contextWords || (!changeBefore && len(words) <= contextWords) || (!changeAfter && len(words) <= contextWords) {
		if !changeBefore {
			return strings.TrimLeft(s, " ")
		}
		if !changeAfter {
			return strings.TrimRight(s, " ")
		}
		return s
	}
	lead := s[:len(s)-len(strings.TrimLeft(s, " "))]
	trail := s[len(strings.TrimRight(s, " ")):]
	var parts []string
	if changeBefore {
		parts = append(parts, lead+strings.Join(words[:contextWords], " "))
	}
	parts = append(parts, "…")
	if changeAfter {
		parts = append(parts, strings.Join(words[len(words)-contextWords:], " ")+trail)
	}
	return strings.Join(parts, " ")
}
