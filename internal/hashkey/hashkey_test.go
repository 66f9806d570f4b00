package hashkey_test

import (
	"fmt"
	"testing"

	"github.com/cryograph/cryograph/internal/hashkey"
	"github.com/stretchr/testify/assert"
)

func TestEqualStringsShareAKeyAndDistinctOnesDoNot(t *testing.T) {
	assert.Equal(t, hashkey.Of("person:syn-1"), hashkey.Of("person:"+fmt.Sprint("syn-", 1)))
	seen := map[hashkey.Key]string{}
	for i := 0; i < 200000; i++ {
		s := fmt.Sprintf("person:syn-%d", i)
		k := hashkey.Of(s)
		if other, dup := seen[k]; dup {
			t.Fatalf("%s and %s share a key", s, other)
		}
		seen[k] = s
	}
	assert.NotEqual(t, hashkey.Of(""), hashkey.Of("\x00"))
}
