package config

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

// Several processes starting at once each unpack the default styles into a
// temporary folder and rename it into place: all of them end up with the
// same, complete folder.
func TestMaterializeIsSafeWhenStartedAtOnce(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	fsys := fstest.MapFS{
		".vale.ini":             {Data: []byte("StylesPath = styles\n")},
		"styles/News/A.yml":     {Data: []byte("extends: existence\n")},
		"styles/News/README.md": {Data: []byte("readme\n")},
	}
	var wg sync.WaitGroup
	dirs := make([]string, 16)
	errs := make([]error, 16)
	for i := range dirs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			dirs[i], errs[i] = materialize(fsys)
		}()
	}
	wg.Wait()
	for i := range dirs {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		if dirs[i] != dirs[0] {
			t.Fatalf("different folders: %s, %s", dirs[i], dirs[0])
		}
	}
	for name, f := range fsys {
		got, err := os.ReadFile(filepath.Join(dirs[0], filepath.FromSlash(name)))
		if err != nil || string(got) != string(f.Data) {
			t.Fatalf("%s: %q %v", name, got, err)
		}
	}
	// no temporary folders are left behind
	entries, _ := os.ReadDir(filepath.Dir(dirs[0]))
	for _, e := range entries {
		if strings.Contains(e.Name(), "tmp") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
	// a change to the styles gets a folder of its own
	fsys["styles/News/A.yml"] = &fstest.MapFile{Data: []byte("extends: substitution\n")}
	other, err := materialize(fsys)
	if err != nil || other == dirs[0] {
		t.Fatalf("changed styles share a folder: %s %v", other, err)
	}
}

func TestSettingsFileAndBadValues(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ".copydesk.ini"), []byte("# house\nlang = en-GB\ncategories = typo, real-word\ndisable = Copy.Spacing\nfail-on = warning\n"), 0o644)
	c, err := NewLoader("").For(filepath.Join(dir, "story.txt"))
	if err != nil {
		t.Fatal(err)
	}
	s := c.Settings
	if s.Lang != "en-GB" || len(s.Categories) != 2 || s.Disable[0] != "Copy.Spacing" || s.FailOn.String() != "warning" || !c.Default {
		t.Fatalf("%+v", s)
	}
	os.WriteFile(filepath.Join(dir, ".copydesk.ini"), []byte("lang = fr\n"), 0o644)
	if _, err := NewLoader("").For(filepath.Join(dir, "story.txt")); err == nil || !strings.Contains(err.Error(), ".copydesk.ini:1") {
		t.Fatalf("bad language accepted or not located: %v", err)
	}
}
