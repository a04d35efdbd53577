//go:build !race

package main

// raceEnabled: the tests run under the race detector, which makes memory
// figures meaningless and the large inputs several times slower.
const raceEnabled = false
