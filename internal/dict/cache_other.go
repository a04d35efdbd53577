//go:build !unix

package dict

// mapFile: without mmap the indexes are built in every process.
func mapFile(path string) ([]byte, bool) { return nil, false }

func unmapFile(m []byte) {}
