// Package usercache is copydesk's folder in the user cache, where it keeps
// what it can make again: the unpacked default styles, where the pinned
// Vale was found, and the speller's index file.
package usercache

import (
	"os"
	"path/filepath"
)

// Dir returns copydesk's folder in the user cache (in the temporary folder
// when the system names no user cache), made if needed.
func Dir() (string, error) {
	base, err := os.UserCacheDir()
	if err != nil || base == "" {
		base = os.TempDir()
	}
	dir := filepath.Join(base, "copydesk")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	return dir, nil
}

// WriteFile writes data to path through a temporary file in the same
// folder, renamed into place, so that a process reading meanwhile sees the
// whole file or none. The temporary file is removed when anything fails.
func WriteFile(path string, data []byte, mode os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), mode)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}
