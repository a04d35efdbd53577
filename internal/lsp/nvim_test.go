package lsp

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestNeovimAppliesQuickFixAndFixAll runs a real editor as the client:
// headless Neovim attaches copydesk to a buffer, applies the quick fix for a
// doubled word and the fix-all action, and writes the file.
func TestNeovimAppliesQuickFixAndFixAll(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("nvim is not installed (apt-get install neovim)")
		}
		t.Skip("nvim is not installed (apt-get install neovim)")
	}
	script, err := filepath.Abs(filepath.Join("testdata", "nvim", "quickfix.lua"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "story.txt")
	text := "Fans return as café reopens\n\n" +
		"“Wow,” 😀 — naïve fans said the the doors opened on Monday , officials said.\n\n" +
		"The owner recieved a permit last week.\n"
	writeFile(t, file, text)

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, nvim, "--headless", "--clean", "-u", "NONE", "-c", "luafile "+script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "COPYDESK_BIN="+serverBin, "COPYDESK_FILE="+file, "HOME="+dir, "XDG_STATE_HOME="+dir, "XDG_DATA_HOME="+dir)
	cmd.Stdin = nil
	out, err := cmd.CombinedOutput()
	t.Logf("nvim output:\n%s", out)
	if err != nil {
		t.Fatalf("nvim: %v", err)
	}
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	want := "Fans return as café reopens\n\n" +
		"“Wow,” 😀 — naïve fans said the doors opened on Monday, officials said.\n\n" +
		"The owner received a permit last week.\n"
	if string(got) != want {
		t.Errorf("file after nvim:\n%q\nwant\n%q", got, want)
	}
	if !strings.Contains(string(out), "offset encoding: utf-16") {
		t.Errorf("expected Neovim to use UTF-16 positions")
	}
}
