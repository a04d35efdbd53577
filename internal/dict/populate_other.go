//go:build unix && !linux

package dict

const mapPopulate = 0
