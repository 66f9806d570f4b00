package format

import (
	"crypto/sha256"
	"encoding/hex"
)

// Hash fingerprints a row's content, so a re-import can tell unchanged rows from updated ones.
// The hashes are stored, so the bytes hashed must never change: they are encoding/json's
// Marshal of parts (maps with sorted keys), written by appendJSON, which tests hold to
// Marshal's bytes. (goccy/go-json writes 1e-07 where encoding/json writes 1e-7, so it is not
// used here.)
func Hash(parts ...any) string {
	var buf [512]byte
	b, err := appendJSON(buf[:0], parts, true)
	if err != nil {
		b = nil // as Marshal's error left it
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:12])
}
