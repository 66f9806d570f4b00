// Package hashkey stands for strings by 128-bit keys in the large sets a load keeps (the ids of
// pass one, the name keys of a bulk load), so that a set entry takes 16 bytes whatever the
// string's length, and the strings themselves need not stay in memory.
package hashkey

import "hash/maphash"

// Key is two independent 64-bit hashes of a string, seeded afresh in each process: keys are
// compared only within one process. Two distinct strings of a set of n share a key with a
// probability of about n²/2¹²⁹; for 10M strings, about 1e-25.
type Key struct{ a, b uint64 }

var seeds = [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}

// Of returns the key of s.
func Of(s string) Key {
	return Key{maphash.String(seeds[0], s), maphash.String(seeds[1], s)}
}

// Uint64 is one of the key's two hashes: a 64-bit hash of the string.
func (k Key) Uint64() uint64 { return k.a }

// Mod spreads keys over n parts: it returns a part in [0, n), the same for equal strings.
func (k Key) Mod(n int) int { return int(k.b % uint64(n)) }
