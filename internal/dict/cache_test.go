package dict

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
)

// useCacheDir points the index cache at dir for one test.
func useCacheDir(t *testing.T, dir string) {
	t.Helper()
	old := indexCacheDir
	indexCacheDir = func() (string, error) { return dir, nil }
	t.Cleanup(func() { indexCacheDir = old })
}

func sameDict(t *testing.T, a, b *Dict) {
	t.Helper()
	if a.n != b.n || a.mask != b.mask || !slices.Equal(a.table, b.table) || !slices.Equal(a.trie, b.trie) {
		t.Fatalf("indexes differ: n %d/%d, table %d/%d, trie %d/%d", a.n, b.n, len(a.table), len(b.table), len(a.trie), len(b.trie))
	}
	for _, w := range []string{"receive", "colour", "Paris", "don't", "recieve", "goverment"} {
		if a.Has("en-US", w) != b.Has("en-US", w) {
			t.Errorf("Has(%q) differs", w)
		}
		sa, sb := a.Suggest(w, SuggestOptions{}), b.Suggest(w, SuggestOptions{})
		if !slices.Equal(sa, sb) {
			t.Errorf("Suggest(%q): %v / %v", w, sa, sb)
		}
	}
}

func TestIndexCacheIsWrittenThenMapped(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" || runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("no mapping here: the indexes are built in every process")
	}
	dir := t.TempDir()
	useCacheDir(t, dir)
	built, err := loadIndexed(data)
	if err != nil {
		t.Fatal(err)
	}
	path, _ := indexPath(data)
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("no index file after the first load: %v", err)
	}
	// the file of an older word list goes when a new one is written
	stale := filepath.Join(dir, "dict-00000000-1-12.idx")
	if err := os.WriteFile(stale, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := writeIndex(path, built); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("the index file of another word list was kept: %v", err)
	}
	mapped := openIndex(path, data)
	if mapped == nil {
		t.Fatal("the index file written is not accepted")
	}
	sameDict(t, built, mapped)
	// and what a fresh Load builds is the same again
	fresh, err := Load(data)
	if err != nil {
		t.Fatal(err)
	}
	fresh.buildTrie()
	sameDict(t, fresh, mapped)
}

func TestIndexCacheRefusesADamagedOrForeignFile(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" || runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("no mapping here")
	}
	dir := t.TempDir()
	useCacheDir(t, dir)
	if _, err := loadIndexed(data); err != nil {
		t.Fatal(err)
	}
	path, _ := indexPath(data)
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	damage := map[string][]byte{
		"a byte of the trie flipped": func() []byte {
			b := slices.Clone(good)
			b[len(b)-5] ^= 0x40
			return b
		}(),
		"truncated":      good[:len(good)-12],
		"header only":    good[:idxHeaderSize],
		"empty":          nil,
		"another format": append([]byte("cdidx99\n"), good[8:]...),
	}
	for name, b := range damage {
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		if openIndex(path, data) != nil {
			t.Errorf("%s: accepted", name)
		}
		// the load still works, and writes a good file again
		d, err := loadIndexed(data)
		if err != nil || !d.Has("en-US", "receive") {
			t.Fatalf("%s: load after damage: %v", name, err)
		}
		if openIndex(path, data) == nil {
			t.Errorf("%s: the file was not written again", name)
		}
	}
	// an index made for another word list is never used for this one
	other := data[:len(data)-1] + "\n"
	if indexFrom(good, other[:len(other)-1]) != nil {
		t.Error("an index for a word list of another length was accepted")
	}
}

func TestIndexCacheThatCannotBeWrittenOnlyCostsTime(t *testing.T) {
	blocker := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocker, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	useCacheDir(t, filepath.Join(blocker, "copydesk")) // a folder inside a file
	d, err := loadIndexed(data)
	if err != nil {
		t.Fatal(err)
	}
	if !d.Has("en-US", "receive") || len(d.Suggest("recieve", SuggestOptions{})) == 0 {
		t.Error("the dictionary does not work without its cache")
	}
}

// BenchmarkOpenIndexFile is what a process pays for both indexes when the
// index file exists: mapping it and checking it (compare BenchmarkLoad plus
// BenchmarkTrie, which build them).
func BenchmarkOpenIndexFile(b *testing.B) {
	dir := b.TempDir()
	old := indexCacheDir
	indexCacheDir = func() (string, error) { return dir, nil }
	defer func() { indexCacheDir = old }()
	if _, err := loadIndexed(data); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		path, _ := indexPath(data)
		m, ok := mapFile(path)
		if !ok || indexFrom(m, data) == nil {
			b.Fatal("no index")
		}
		unmapFile(m)
	}
}
