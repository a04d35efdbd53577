//go:build unix

package dict

import (
	"os"
	"syscall"
)

// mapFile maps the file at path read-only; ok is false when it cannot. The
// whole file is read at once to check it, so where the system can, the
// pages are mapped in one go rather than one fault at a time.
func mapFile(path string) (m []byte, ok bool) {
	f, err := os.Open(path)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || st.Size() < idxHeaderSize || st.Size() > 1<<30 {
		return nil, false
	}
	m, err = syscall.Mmap(int(f.Fd()), 0, int(st.Size()), syscall.PROT_READ, syscall.MAP_SHARED|mapPopulate)
	if err != nil {
		return nil, false
	}
	return m, true
}

func unmapFile(m []byte) { _ = syscall.Munmap(m) }
