package realword

import (
	"encoding/binary"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// The generated binary files (ngrams.bin, classes.bin, variants.idx) share
// one layout, made to be used where go:embed puts it, with nothing parsed
// at load time:
//
//	text header: lines starting with '#' ("# inputs HASH" among them)
//	"CDRW2\n"
//	sections, each: name (4 bytes), n (uint32), key width (uint16: 6 or 8),
//	    value width (uint16: 1, 2 or 4), n keys (ascending), n values,
//	    all little-endian
//
// Keys are 64-bit hashes of word sequences (see Hasher), spread evenly, so
// a lookup goes straight to a small bucket of keys by their top bits and
// halves it: two or three probes into the keys.
// A 6-byte key keeps the hash's top 48 bits (a missing key is then taken
// for a present one about once in 10^8 lookups, which a count can bear); a
// 2-byte value holds counts below 32,768 exactly and larger ones to within
// 0.2%.

const binMagic = "CDRW2\n"

// Hasher folds words into a 64-bit key: FNV-1a over the bytes, a zero byte
// between words, and a final mix so that the keys are evenly spread.
type Hasher uint64

// NewHash starts a key with a kind byte (unigram, bigram, feature type...).
func NewHash(kind byte) Hasher {
	h := uint64(14695981039346656037)
	h ^= uint64(kind)
	h *= 1099511628211
	return Hasher(h)
}

// Word adds a word.
func (h Hasher) Word(w string) Hasher {
	x := uint64(h)
	for i := 0; i < len(w); i++ {
		x ^= uint64(w[i])
		x *= 1099511628211
	}
	x ^= 0xff
	x *= 1099511628211
	return Hasher(x)
}

// Byte adds a small number (a word class).
func (h Hasher) Byte(b byte) Hasher {
	x := uint64(h)
	x ^= uint64(b) | 0x100
	x *= 1099511628211
	return Hasher(x)
}

// Sum returns the finished key.
func (h Hasher) Sum() uint64 {
	x := uint64(h)
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return x
}

// section is one sorted key table inside an embedded file.
type section struct {
	keys   string // n*kw bytes
	vals   string // n*vw bytes
	n      int
	kw, vw int

	// buckets[b] is the index of the first key whose top bits are b, built
	// on first use: a lookup then searches a handful of keys, with no
	// division.
	once    sync.Once
	buckets []uint32
	shift   uint
}

// bucketBits sizes the bucket index to about four keys a bucket.
func bucketBits(n int) uint {
	b := uint(4)
	for b < 20 && (1<<b)*4 < n {
		b++
	}
	return b
}

func (s *section) buildBuckets() {
	bb := bucketBits(s.n)
	width := uint(64)
	if s.kw == 6 {
		width = 48
	}
	s.shift = width - bb
	s.buckets = make([]uint32, (1<<bb)+1)
	b := 0
	for i := 0; i < s.n; i++ {
		kb := int(s.key(i) >> s.shift)
		for b <= kb {
			s.buckets[b] = uint32(i)
			b++
		}
	}
	for ; b < len(s.buckets); b++ {
		s.buckets[b] = uint32(s.n)
	}
}

// key returns the i-th key as stored (the top 48 bits for 6-byte keys).
func (s *section) key(i int) uint64 {
	if s.kw == 6 {
		k := s.keys[i*6 : i*6+6]
		return uint64(k[0]) | uint64(k[1])<<8 | uint64(k[2])<<16 | uint64(k[3])<<24 | uint64(k[4])<<32 | uint64(k[5])<<40
	}
	k := s.keys[i*8 : i*8+8]
	return uint64(k[0]) | uint64(k[1])<<8 | uint64(k[2])<<16 | uint64(k[3])<<24 |
		uint64(k[4])<<32 | uint64(k[5])<<40 | uint64(k[6])<<48 | uint64(k[7])<<56
}

func (s *section) val(i int) uint32 {
	switch s.vw {
	case 1:
		return uint32(s.vals[i])
	case 2:
		return decode16(uint16(s.vals[i*2]) | uint16(s.vals[i*2+1])<<8)
	}
	v := s.vals[i*4 : i*4+4]
	return uint32(v[0]) | uint32(v[1])<<8 | uint32(v[2])<<16 | uint32(v[3])<<24
}

// encode16 and decode16 fit a count in two bytes: exact below 32,768,
// in steps of 64 above.
func encode16(v uint32) uint16 {
	if v < 0x8000 {
		return uint16(v)
	}
	return 0x8000 | uint16(min((v-0x8000)>>6, 0x7fff))
}

func decode16(e uint16) uint32 {
	if e < 0x8000 {
		return uint32(e)
	}
	return 0x8000 + uint32(e&0x7fff)<<6
}

// Get returns the value stored for key, or 0.
func (s *section) Get(key uint64) uint32 {
	i, ok := s.find(key)
	if !ok {
		return 0
	}
	return s.val(i)
}

// find looks the key up in its bucket (see buildBuckets) by halving.
func (s *section) find(key uint64) (int, bool) {
	if s.kw == 6 {
		key >>= 16
	}
	if s.n == 0 {
		return 0, false
	}
	s.once.Do(s.buildBuckets)
	b := key >> s.shift
	lo, hi := int(s.buckets[b]), int(s.buckets[b+1])
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		k := s.key(mid)
		switch {
		case k == key:
			return mid, true
		case k < key:
			lo = mid + 1
		default:
			hi = mid
		}
	}
	return 0, false
}

// binFile is an embedded binary file cut into its named sections. Opening
// reads only the section headers.
type binFile struct {
	header   string
	sections map[string]*section
}

func openBin(name, data string) (*binFile, error) {
	i := strings.Index(data, binMagic)
	if i < 0 {
		return nil, fmt.Errorf("%s: not a copydesk table (regenerate it)", name)
	}
	f := &binFile{header: data[:i], sections: map[string]*section{}}
	p := i + len(binMagic)
	for p < len(data) {
		if p+12 > len(data) {
			return nil, fmt.Errorf("%s: truncated section header", name)
		}
		tag := data[p : p+4]
		n := int(binary.LittleEndian.Uint32([]byte(data[p+4 : p+8])))
		kw := int(binary.LittleEndian.Uint16([]byte(data[p+8 : p+10])))
		vw := int(binary.LittleEndian.Uint16([]byte(data[p+10 : p+12])))
		p += 12
		if kw != 6 && kw != 8 || vw != 1 && vw != 2 && vw != 4 {
			return nil, fmt.Errorf("%s: section %s: bad key or value width %d, %d", name, tag, kw, vw)
		}
		end := p + n*kw + n*vw
		if end > len(data) {
			return nil, fmt.Errorf("%s: section %s truncated", name, tag)
		}
		f.sections[tag] = &section{keys: data[p : p+n*kw], vals: data[p+n*kw : end], n: n, kw: kw, vw: vw}
		p = end
	}
	return f, nil
}

func (f *binFile) section(name string) *section {
	if s, ok := f.sections[name]; ok {
		return s
	}
	return &section{}
}

// BinWriter builds a binary table file (the generator's side).
type BinWriter struct {
	b strings.Builder
}

// NewBinWriter starts a file with a text header (lines starting with '#').
func NewBinWriter(header string) *BinWriter {
	w := &BinWriter{}
	w.b.WriteString(header)
	w.b.WriteString(binMagic)
	return w
}

// Section adds a table with keys of keyWidth bytes (8, or 6 for the top 48
// bits) and values of valWidth bytes (1, 4, or 2 for a count that may be
// rounded, see encode16). Two equal keys (a hash collision) are an error.
func (w *BinWriter) Section(tag string, m map[uint64]uint32, keyWidth, valWidth int) error {
	if len(tag) != 4 || keyWidth != 6 && keyWidth != 8 || valWidth != 1 && valWidth != 2 && valWidth != 4 {
		return fmt.Errorf("section %q: bad tag or width", tag)
	}
	type kv struct {
		k uint64
		v uint32
	}
	kvs := make([]kv, 0, len(m))
	for k, v := range m {
		if keyWidth == 6 {
			k >>= 16
		}
		kvs = append(kvs, kv{k, v})
	}
	sort.Slice(kvs, func(i, j int) bool { return kvs[i].k < kvs[j].k })
	for i := 1; i < len(kvs); i++ {
		if kvs[i].k == kvs[i-1].k {
			return fmt.Errorf("section %s: two keys share their top %d bits", tag, keyWidth*8)
		}
	}
	var buf [8]byte
	w.b.WriteString(tag)
	binary.LittleEndian.PutUint32(buf[:4], uint32(len(kvs)))
	w.b.Write(buf[:4])
	binary.LittleEndian.PutUint16(buf[:2], uint16(keyWidth))
	w.b.Write(buf[:2])
	binary.LittleEndian.PutUint16(buf[:2], uint16(valWidth))
	w.b.Write(buf[:2])
	for _, e := range kvs {
		binary.LittleEndian.PutUint64(buf[:], e.k)
		w.b.Write(buf[:keyWidth])
	}
	for _, e := range kvs {
		switch valWidth {
		case 1:
			if e.v > 255 {
				return fmt.Errorf("section %s: value %d does not fit a byte", tag, e.v)
			}
			w.b.WriteByte(byte(e.v))
		case 2:
			binary.LittleEndian.PutUint16(buf[:2], encode16(e.v))
			w.b.Write(buf[:2])
		default:
			binary.LittleEndian.PutUint32(buf[:4], e.v)
			w.b.Write(buf[:4])
		}
	}
	return nil
}

// String returns the file.
func (w *BinWriter) String() string { return w.b.String() }
