package realword

import "testing"

// BenchmarkLoadTables times what every process pays once, on first use:
// opening the embedded tables (no parsing: the lookups read them in place)
// and a first lookup in each.
func BenchmarkLoadTables(b *testing.B) {
	for i := 0; i < b.N; i++ {
		t, err := OpenTable(variantsTSV, variantsIdx)
		if err != nil {
			b.Fatal(err)
		}
		m, err := OpenModel(ngramsBin, classesBin, confusablesTXT)
		if err != nil {
			b.Fatal(err)
		}
		if _, es := t.Lookup([]string{"tool", "place"}); len(es) == 0 || m.Count("from") == 0 {
			b.Fatal("tables empty")
		}
	}
}

// BenchmarkParsePhraseTable times checking and indexing variants.tsv from
// scratch, as the generator does (and as loading did before the index).
func BenchmarkParsePhraseTable(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := ParseTable(variantsTSV); err != nil {
			b.Fatal(err)
		}
	}
}
