package vale

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// A Vale that overruns its deadline is killed with everything it started: a
// wrapper script's child too.
func TestCancelKillsTheWholeProcessGroup(t *testing.T) {
	dir := t.TempDir()
	pidFile := filepath.Join(dir, "child.pid")
	script := filepath.Join(dir, "vale")
	body := "#!/bin/sh\nsleep 30 &\necho $! > " + pidFile + "\nwait\n"
	if err := os.WriteFile(script, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	ini := filepath.Join(dir, ".vale.ini")
	os.WriteFile(ini, []byte("StylesPath = .\n"), 0o644)
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := Run(ctx, script, ini, []string{ini})
	if err == nil {
		t.Fatal("an overrunning Vale returned no error")
	}
	if time.Since(start) > 10*time.Second {
		t.Fatalf("Run waited %v for a cancelled Vale", time.Since(start))
	}
	data, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatalf("the script did not start its child: %v", err)
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(data)))
	for i := 0; i < 50; i++ {
		st, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
		if err != nil || strings.Contains(string(st), ") Z ") {
			return // gone, or a zombie waiting for its parent
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("the child %d of the cancelled Vale is still running", pid)
}

func TestRelativeValePathBecomesAbsolute(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "vale"), []byte("#!/bin/sh\n"), 0o755)
	wd, _ := os.Getwd()
	defer os.Chdir(wd)
	os.Chdir(dir)
	got, err := Find(FindOptions{Flag: "./vale"})
	if err != nil || !filepath.IsAbs(got) {
		t.Fatalf("Find(./vale) = %q, %v", got, err)
	}
	if _, err := Find(FindOptions{Flag: "./missing"}); err == nil {
		t.Fatal("a missing --vale was accepted")
	}
}
