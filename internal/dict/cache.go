package dict

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"unsafe"

	"github.com/copydesk/copydesk/internal/usercache"
)

// The embedded dictionary's two indexes (the hash table of word offsets and
// the trie) cost about 70 ms of CPU to build, most of what a one-article
// check costs. The first process that builds them writes them to an index
// file in the user cache; later processes map that file into memory and use
// it in place, so they pay a few page faults instead. The file is named by a
// checksum of the word list and checked against a checksum of its own
// contents, so an index made for another word list, or damaged on disk, is
// never used: the indexes are then built as before and the file written
// again.
//
// Layout (native byte order, which the header records): a 64-byte header,
// then the table ([]uint64), then the trie ([]trieNode, 12 bytes a node).

const (
	idxMagic      = "cdidx01\n"
	idxHeaderSize = 64
	idxEndian     = 0x01020304
)

// indexCacheDir is where the index file is kept; tests point it elsewhere.
var indexCacheDir = usercache.Dir

// indexPath names the index file for the word list img.
func indexPath(img string) (string, error) {
	dir, err := indexCacheDir()
	if err != nil {
		return "", err
	}
	sum := crc32.ChecksumIEEE(unsafe.Slice(unsafe.StringData(img), len(img)))
	return filepath.Join(dir, fmt.Sprintf("dict-%08x-%d-%d.idx", sum, len(img), unsafe.Sizeof(trieNode{}))), nil
}

// loadIndexed returns the dictionary for img with both indexes ready: mapped
// from the index file when a good one exists, otherwise built and, when the
// cache folder is writable, written for the next process.
func loadIndexed(img string) (*Dict, error) {
	path, perr := indexPath(img)
	if perr == nil {
		if d := openIndex(path, img); d != nil {
			return d, nil
		}
	}
	d, err := Load(img)
	if err != nil {
		return nil, err
	}
	d.buildTrie()
	if perr == nil {
		_ = writeIndex(path, d) // a cache that cannot be written only costs time
	}
	return d, nil
}

// openIndex maps the index file at path and returns the dictionary that
// uses it, or nil when there is no usable file.
func openIndex(path, img string) *Dict {
	m, ok := mapFile(path)
	if !ok {
		return nil
	}
	d := indexFrom(m, img)
	if d == nil {
		unmapFile(m)
	}
	return d
}

// indexFrom checks an index image and builds the Dict on it, or returns nil.
// m must be 8-byte aligned (a mapping is page aligned).
func indexFrom(m []byte, img string) *Dict {
	if len(m) < idxHeaderSize || string(m[:8]) != idxMagic {
		return nil
	}
	ne := binary.NativeEndian
	if ne.Uint32(m[8:]) != idxEndian || ne.Uint32(m[12:]) != uint32(unsafe.Sizeof(trieNode{})) ||
		ne.Uint64(m[16:]) != uint64(len(img)) {
		return nil
	}
	nTable, nTrie, mask, n := ne.Uint64(m[24:]), ne.Uint64(m[32:]), ne.Uint32(m[40:]), ne.Uint64(m[44:])
	sum := ne.Uint32(m[52:])
	size := uint64(unsafe.Sizeof(trieNode{}))
	if nTable == 0 || nTable > uint64(len(m)) || nTrie == 0 || nTrie > uint64(len(m)) ||
		uint64(len(m)) != idxHeaderSize+8*nTable+size*nTrie || uint64(mask)+1 != nTable || n == 0 {
		return nil
	}
	if crc32.ChecksumIEEE(m[idxHeaderSize:]) != sum {
		return nil
	}
	if uintptr(unsafe.Pointer(&m[0]))%8 != 0 {
		return nil
	}
	d := &Dict{text: img, n: int(n), mask: mask}
	d.table = unsafe.Slice((*uint64)(unsafe.Pointer(&m[idxHeaderSize])), nTable)
	d.trie = unsafe.Slice((*trieNode)(unsafe.Pointer(&m[idxHeaderSize+8*nTable])), nTrie)
	d.trieOnce.Do(func() {})
	return d
}

// indexImage lays out d's table and trie as an index file.
func indexImage(d *Dict) []byte {
	size := int(unsafe.Sizeof(trieNode{}))
	out := make([]byte, idxHeaderSize+8*len(d.table)+size*len(d.trie))
	ne := binary.NativeEndian
	copy(out, idxMagic)
	ne.PutUint32(out[8:], idxEndian)
	ne.PutUint32(out[12:], uint32(size))
	ne.PutUint64(out[16:], uint64(len(d.text)))
	ne.PutUint64(out[24:], uint64(len(d.table)))
	ne.PutUint64(out[32:], uint64(len(d.trie)))
	ne.PutUint32(out[40:], d.mask)
	ne.PutUint64(out[44:], uint64(d.n))
	body := out[idxHeaderSize:]
	copy(body, unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(d.table))), 8*len(d.table)))
	copy(body[8*len(d.table):], unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(d.trie))), size*len(d.trie)))
	ne.PutUint32(out[52:], crc32.ChecksumIEEE(body))
	return out
}

// writeIndex writes d's indexes to path (atomically: a process starting
// meanwhile sees the whole file or none).
func writeIndex(path string, d *Dict) error {
	if err := usercache.WriteFile(path, indexImage(d), 0o600); err != nil {
		return err
	}
	// index files of other word lists (an older copydesk) are 12 MB each;
	// a process still using one keeps its mapping after the name goes
	old, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "dict-*.idx"))
	for _, f := range old {
		if f != path {
			os.Remove(f)
		}
	}
	return nil
}
