package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/copydesk/copydesk/bench/newsgen"
)

// Robustness: inputs at the edges of what copydesk meets (very long lines,
// very many files, files that change or cannot be written, links, odd
// names and bytes), each checked end to end through the command.

// jsonlFindings parses --format jsonl output.
func jsonlFindings(t *testing.T, out string) []map[string]any {
	t.Helper()
	var fs []map[string]any
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("bad jsonl line %q: %v", sc.Text(), err)
		}
		fs = append(fs, m)
	}
	return fs
}

func TestTenMegabyteLineIsCheckedAndFixed(t *testing.T) {
	size := 10 << 20
	if raceEnabled {
		size = 1 << 20 // the race detector is here for the goroutines, not the length
	}
	text := newsgen.SingleLine(1, size)
	if strings.Contains(text, "\n") {
		t.Fatal("the generated line holds a line break")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "line.txt")
	write(t, p, text, 0o644)
	code, out, errs := cli(t, "", "check", "--no-vale", "--format", "jsonl", p)
	if code != 1 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	fs := jsonlFindings(t, out)
	if len(fs) < 10 {
		t.Fatalf("%d findings in %d bytes of copy with slips", len(fs), size)
	}
	// the column counts characters from the start of the line (the
	// findings come in order, so the count goes along with them)
	prev, runes := 0, 0
	for _, f := range fs {
		start, end := int(f["start"].(float64)), int(f["end"].(float64))
		if f["line"].(float64) != 1 || start < prev || end > len(text) || start > end {
			t.Fatalf("finding %v after byte %d", f, prev)
		}
		runes += utf8.RuneCountInString(text[prev:start])
		prev = start
		if col := int(f["column"].(float64)); col != runes+1 {
			t.Fatalf("column %d for byte %d, want %d", col, start, runes+1)
		}
	}
	if code, _, errs := cli(t, "", "fix", "-w", "--no-vale", "--quiet", p); code != 0 {
		t.Fatalf("fix -w: exit %d: %s", code, errs)
	}
	fixed, _ := os.ReadFile(p)
	if strings.Contains(string(fixed), "\n") || len(fixed) >= len(text) || strings.Contains(string(fixed), " the the ") {
		t.Fatalf("fixed line: %d bytes (was %d), line breaks %d", len(fixed), len(text), strings.Count(string(fixed), "\n"))
	}
}

func TestHundredThousandTinyFilesInOneFolder(t *testing.T) {
	n := 100_000
	if testing.Short() || raceEnabled {
		n = 10_000
	}
	dir := filepath.Join(t.TempDir(), "copy")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		name := filepath.Join(dir, fmt.Sprintf("story%06d.txt", i))
		if err := os.WriteFile(name, []byte(fmt.Sprintf("Story %d\n\nThe the council met.\n", i)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errs := cli(t, "", "check", "--no-vale", "--format", "jsonl", "--only", "Copy.DoubledWord", dir)
	if code != 1 {
		t.Fatalf("exit %d: %.500s", code, errs)
	}
	seen := make(map[string]bool, n)
	for _, f := range jsonlFindings(t, out) {
		seen[f["path"].(string)] = true
	}
	if len(seen) != n {
		t.Fatalf("findings in %d of %d files", len(seen), n)
	}
}

// TestValeRunsInBatchesThatKeepTheCommandLineShort checks 3,000 files with
// long names (about 400 KB of paths, four Vale processes) with the real
// Vale, and finds its alert in every one.
func TestValeRunsInBatchesThatKeepTheCommandLineShort(t *testing.T) {
	bin := pinnedVale(t)
	dir := filepath.Join(t.TempDir(), strings.Repeat("long-folder-name-", 4))
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	const n = 3000
	for i := 0; i < n; i++ {
		name := filepath.Join(dir, fmt.Sprintf("a-story-with-a-rather-long-file-name-%05d.txt", i))
		write(t, name, fmt.Sprintf("Story %d\n\nPrices rose 5 per cent on Monday, officials said.\n", i), 0o644)
	}
	code, out, errs := cli(t, "", "check", "--vale", bin, "--format", "jsonl", "--only", "News.Percent", dir)
	if code != 0 && code != 1 {
		t.Fatalf("exit %d: %.500s", code, errs)
	}
	seen := map[string]bool{}
	for _, f := range jsonlFindings(t, out) {
		seen[f["path"].(string)] = true
	}
	if len(seen) != n {
		t.Fatalf("Vale's alert in %d of %d files", len(seen), n)
	}
}

// failingWriter takes a few bytes and then fails as a full disk does.
type failingWriter struct {
	w    io.Writer
	left int
}

func (f *failingWriter) Write(p []byte) (int, error) {
	if len(p) > f.left {
		n, _ := f.w.Write(p[:f.left])
		f.left = 0
		return n, syscall.ENOSPC
	}
	f.left -= len(p)
	return f.w.Write(p)
}

func TestFixWriteOnAFullDiskLeavesTheFileAsItWas(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.txt")
	write(t, p, dirty, 0o640)
	aw := atomicWriter{wrap: func(w io.Writer) io.Writer { return &failingWriter{w: w, left: 10} }}
	err := aw.write(p, dirty, clean)
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("error %v, want no space left on device", err)
	}
	if got, _ := os.ReadFile(p); string(got) != dirty {
		t.Fatalf("file changed: %q", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("left behind: %v", entries)
	}
	// and the same writer without the failure writes the fix
	if err := (atomicWriter{}).write(p, dirty, clean); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(p); string(got) != clean {
		t.Fatalf("not written: %q", got)
	}
}

// TestFixWriteRefusesAFileChangedDuringTheCheck: a stand-in for Vale
// changes the file while copydesk checks it; fix -w must notice and leave
// the new content alone.
func TestFixWriteRefusesAFileChangedDuringTheCheck(t *testing.T) {
	dir := t.TempDir()
	fake := filepath.Join(dir, "vale")
	write(t, fake, `#!/bin/sh
# a Vale that edits the files it is given, then reports nothing
seen=
for a in "$@"; do
  if [ -n "$seen" ]; then printf 'Added by the reporter.\n' >> "$a"; fi
  [ "$a" = "--" ] && seen=1
done
echo '{}'
`, 0o755)
	p := filepath.Join(dir, "story.txt")
	write(t, p, dirty, 0o644)
	code, _, errs := cli(t, "", "fix", "-w", "--vale", fake, p)
	if code != 2 || !strings.Contains(errs, "changed while it was being checked") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	if got, _ := os.ReadFile(p); string(got) != dirty+"Added by the reporter.\n" {
		t.Fatalf("the reporter's change was lost: %q", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Fatalf("left behind: %v", entries)
	}
	// the unit: the writer compares what is on disk with what was read
	if err := writeAtomic(p, dirty, clean); err == nil || !strings.Contains(err.Error(), "changed") {
		t.Fatalf("writeAtomic: %v", err)
	}
}

func TestFixWriteRefusesReadOnlyFilesAndFolders(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.txt")
	write(t, p, dirty, 0o444)
	code, out, errs := cli(t, "", "fix", "-w", "--no-vale", p)
	if code != 2 || !strings.Contains(errs, "read-only") || !strings.Contains(errs, "file left as it was") || out != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if got, _ := os.ReadFile(p); string(got) != dirty {
		t.Fatal("read-only file changed")
	}
	// a writable file in a folder that is not: no temporary file can be
	// made there (root may write anywhere, so this half needs a user)
	if os.Geteuid() == 0 {
		return
	}
	sub := filepath.Join(dir, "locked")
	write(t, filepath.Join(sub, "b.txt"), dirty, 0o644)
	os.Chmod(sub, 0o555)
	defer os.Chmod(sub, 0o755)
	code, _, errs = cli(t, "", "fix", "-w", "--no-vale", filepath.Join(sub, "b.txt"))
	if code != 2 || !strings.Contains(errs, "permission denied") {
		t.Fatalf("locked folder: exit %d, stderr %q", code, errs)
	}
	if got, _ := os.ReadFile(filepath.Join(sub, "b.txt")); string(got) != dirty {
		t.Fatal("file in a read-only folder changed")
	}
}

func TestSymbolicLinksFollowedWhenNamedNeverWhenWalking(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	write(t, filepath.Join(real, "a.txt"), dirty, 0o644)
	walked := filepath.Join(dir, "walked")
	write(t, filepath.Join(walked, "b.txt"), dirty, 0o644)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Symlink(real, filepath.Join(dir, "link")))                      // a link to a folder
	must(os.Symlink(real, filepath.Join(walked, "inner")))                  // inside a walked folder
	must(os.Symlink(walked, filepath.Join(walked, "loop")))                 // a folder that holds itself
	must(os.Symlink(filepath.Join(dir, "c2"), filepath.Join(dir, "c1")))    // a cycle of two links
	must(os.Symlink(filepath.Join(dir, "c1"), filepath.Join(dir, "c2")))    //
	must(os.Symlink(filepath.Join(real, "a.txt"), filepath.Join(dir, "f"))) // a link to a file

	done := make(chan struct{})
	var code int
	var out, errs string
	go func() {
		defer close(done)
		code, out, errs = cli(t, "", "check", "--no-vale", "--format", "jsonl",
			filepath.Join(dir, "link"), walked, filepath.Join(dir, "c1"), filepath.Join(dir, "f"))
	}()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("the check did not finish: a link loop?")
	}
	if code != 2 || !strings.Contains(errs, "c1") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	paths := map[string]int{}
	for _, f := range jsonlFindings(t, out) {
		rel, _ := filepath.Rel(dir, f["path"].(string))
		paths[rel]++
	}
	for _, want := range []string{"link/a.txt", "walked/b.txt", "f"} {
		if paths[want] == 0 {
			t.Errorf("%s not checked (checked %v)", want, paths)
		}
	}
	for p := range paths {
		if strings.HasPrefix(p, "walked/inner") || strings.HasPrefix(p, "walked/loop") {
			t.Errorf("a link inside a walked folder was followed: %s", p)
		}
	}
	// fix -w through a link writes the file it points to and keeps the link
	if code, _, errs := cli(t, "", "fix", "-w", "--no-vale", "--quiet", filepath.Join(dir, "f")); code != 0 {
		t.Fatalf("fix through a link: exit %d %s", code, errs)
	}
	if got, _ := os.ReadFile(filepath.Join(real, "a.txt")); string(got) != clean {
		t.Fatalf("target not fixed: %q", got)
	}
	if st, err := os.Lstat(filepath.Join(dir, "f")); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Fatal("the link was replaced by a file")
	}
}

func TestNamesWithNewlinesAndQuotes(t *testing.T) {
	dir := t.TempDir()
	name := "storm\nday \"two\".txt"
	write(t, filepath.Join(dir, "copy", name), dirty, 0o644)
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	code, out, errs := cli(t, "", "check", "--no-vale", "--format", "jsonl", "copy")
	if code != 1 {
		t.Fatalf("exit %d %s", code, errs)
	}
	for _, f := range jsonlFindings(t, out) {
		if f["path"] != filepath.Join("copy", name) {
			t.Fatalf("path %q", f["path"])
		}
	}
	code, diff, errs := cli(t, "", "fix", "--no-vale", "copy")
	if code != 0 || !strings.HasPrefix(diff, "--- \"a/copy/storm\\nday \\\"two\\\".txt\"\n") {
		t.Fatalf("exit %d, diff %q, stderr %q", code, diff, errs)
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("git is needed for this test")
	}
	exec.Command("git", "-C", dir, "init", "-q").Run()
	cmd := exec.Command("git", "apply", "-")
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(diff)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git apply: %v %s", err, b)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "copy", name)); string(got) != clean {
		t.Fatalf("got %q", got)
	}
}

func TestNULAnywhereMakesAFileBinary(t *testing.T) {
	dir := t.TempDir()
	late := strings.Repeat("The the storm hit the coast on Monday.\n", 500) + "\x00trailer\n" // NUL after 19 KB
	write(t, filepath.Join(dir, "late.txt"), late, 0o644)
	write(t, filepath.Join(dir, "early.txt"), "\x00"+dirty, 0o644)
	write(t, filepath.Join(dir, "text.txt"), dirty, 0o644)
	code, out, errs := cli(t, "", "check", "--no-vale", "--format", "jsonl", dir)
	if code != 1 {
		t.Fatalf("exit %d %s", code, errs)
	}
	for _, f := range jsonlFindings(t, out) {
		if p := filepath.Base(f["path"].(string)); p != "text.txt" {
			t.Fatalf("a binary file was checked: %s", p)
		}
	}
	for _, name := range []string{"late.txt", "early.txt"} {
		if !strings.Contains(errs, name+": binary file") {
			t.Errorf("no warning for %s: %q", name, errs)
		}
	}
}

func TestInvalidUTF8IsKeptByFixWrite(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "bad.txt")
	text := "Head \xff\n\nThe \xfe\xfe the the storm \xc3 hit , said \xe2\x80.\n"
	write(t, p, text, 0o644)
	code, out, errs := cli(t, "", "check", "--no-vale", "--format", "jsonl", p)
	if code != 1 {
		t.Fatalf("exit %d %s", code, errs)
	}
	for _, f := range jsonlFindings(t, out) {
		if s, e := int(f["start"].(float64)), int(f["end"].(float64)); s < 0 || e > len(text) || s > e {
			t.Fatalf("finding %v", f)
		}
	}
	if code, _, errs := cli(t, "", "fix", "-w", "--no-vale", "--quiet", p); code != 0 {
		t.Fatalf("fix: exit %d %s", code, errs)
	}
	got, _ := os.ReadFile(p)
	if want := "Head \xff\n\nThe \xfe\xfe the storm \xc3 hit, said \xe2\x80.\n"; string(got) != want {
		t.Fatalf("got %q\nwant %q", got, want)
	}
}

func TestFixWriteKeepsCRLFAndBOMInMarkdownAndHTML(t *testing.T) {
	dir := t.TempDir()
	for name, c := range map[string][2]string{
		"a.md":   {"# Storm\n\nThe the *storm* hit , officials said.\n", "# Storm\n\nThe *storm* hit, officials said.\n"},
		"b.html": {"<h1>Storm</h1>\n<p>The the <em>storm</em> hit , officials said.</p>\n", "<h1>Storm</h1>\n<p>The <em>storm</em> hit, officials said.</p>\n"},
		"c.txt":  {"Storm\n\nThe the storm hit , officials said.\n\nAdvertisement\n\nEnd.\n", "Storm\n\nThe storm hit, officials said.\n\nEnd.\n"},
	} {
		p := filepath.Join(dir, name)
		in := "\ufeff" + strings.ReplaceAll(c[0], "\n", "\r\n")
		write(t, p, in, 0o600)
		if code, _, errs := cli(t, "", "fix", "-w", "--no-vale", "--quiet", p); code != 0 {
			t.Fatalf("%s: exit %d %s", name, code, errs)
		}
		got, _ := os.ReadFile(p)
		if want := "\ufeff" + strings.ReplaceAll(c[1], "\n", "\r\n"); string(got) != want {
			t.Errorf("%s: got %q\nwant %q", name, got, want)
		}
		if st, _ := os.Stat(p); st.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v", name, st.Mode().Perm())
		}
	}
}

// TestCheckOfALargeFileKeepsTheHeapInProportion checks 20 MB as one file
// in-process and samples the heap: it must stay within a generous multiple
// of the input (the word list alone is four times the text, see
// bench/README.md for the peak RSS the bench script measures).
func TestCheckOfALargeFileKeepsTheHeapInProportion(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("20 MB check; heap figures under the race detector mean nothing")
	}
	const size = 20 << 20
	text := newsgen.Text(3, size)
	dir := t.TempDir()
	p := filepath.Join(dir, "big.txt")
	write(t, p, text, 0o644)
	runtime.GC()
	var peak atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var m runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
		}
	}()
	code, _, errs := cli(t, "", "check", "--no-vale", "--quiet", "--format", "jsonl", p)
	close(stop)
	wg.Wait()
	if code != 1 {
		t.Fatalf("exit %d %s", code, errs)
	}
	t.Logf("peak heap in use: %d MB for %d MB of text (%.1fx)", peak.Load()>>20, size>>20, float64(peak.Load())/size)
	if peak.Load() > 40*size {
		t.Fatalf("peak heap %d MB for a %d MB file", peak.Load()>>20, size>>20)
	}
}
