package realword

import "testing"

// BenchmarkLoadTables times parsing the embedded tables, which every
// process pays once, on first use.
func BenchmarkLoadTables(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := ParseTable(variantsTSV); err != nil {
			b.Fatal(err)
		}
		if _, err := ParseModel(ngramsTXT, confusablesTXT); err != nil {
			b.Fatal(err)
		}
	}
}
