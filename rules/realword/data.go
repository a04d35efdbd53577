package realword

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"sync"
)

// Generated tables (see rules/internal/genrealword) and the hand-written
// inputs they were made from; the inputs are embedded so that a test can
// prove the tables fresh.
var (
	//go:embed variants.tsv
	variantsTSV string
	//go:embed variants.idx
	variantsIdx string
	//go:embed ngrams.bin
	ngramsBin string
	//go:embed classes.bin
	classesBin string
	//go:embed sets.txt
	setsTXT string
	//go:embed phrases.txt
	phrasesTXT string
	//go:embed explicit.txt
	explicitTXT string
	//go:embed context.txt
	contextTXT string
	//go:embed guards.txt
	guardsTXT string
	//go:embed confusables.txt
	confusablesTXT string
)

// InputNames are the hand-written files the generated tables are made from.
var InputNames = []string{"phrases.txt", "explicit.txt", "context.txt", "guards.txt", "confusables.txt"}

// InputHash is the hash of the hand-written inputs that the generated files
// record in their header ("# inputs HASH"), so that a test can tell that
// they were regenerated after the last edit.
func InputHash(files map[string]string) string {
	h := sha256.New()
	for _, n := range InputNames {
		b := files[n]
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(b))
		h.Write([]byte(b))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Inputs returns the hand-written input files by name.
func Inputs() map[string]string {
	return map[string]string{
		"phrases.txt":     phrasesTXT,
		"explicit.txt":    explicitTXT,
		"context.txt":     contextTXT,
		"guards.txt":      guardsTXT,
		"confusables.txt": confusablesTXT,
	}
}

// Generated returns the generated files by name.
func Generated() map[string]string {
	return map[string]string{"variants.tsv": variantsTSV, "variants.idx": variantsIdx, "ngrams.bin": ngramsBin, "classes.bin": classesBin, "sets.txt": setsTXT}
}

var (
	tableOnce sync.Once
	table     *Table
	tableErr  error
	modelOnce sync.Once
	model     *Model
	modelErr  error
)

// Phrases returns the phrase table, opened on first use.
func Phrases() (*Table, error) {
	tableOnce.Do(func() { table, tableErr = OpenTable(variantsTSV, variantsIdx) })
	return table, tableErr
}

// NgramModel returns the n-gram counts, class lexicon and confusion sets,
// opened on first use.
func NgramModel() (*Model, error) {
	modelOnce.Do(func() { model, modelErr = OpenModel(ngramsBin, classesBin, setsTXT) })
	return model, modelErr
}
