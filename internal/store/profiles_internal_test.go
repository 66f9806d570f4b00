package store

import (
	"cmp"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// compareJoined must order as the joined strings do, separators, empty parts and prefixes
// included.
func TestCompareJoinedOrdersAsTheJoinedStrings(t *testing.T) {
	lists := [][]string{nil, {}, {""}, {"", ""}, {"a"}, {"a", ""}, {"", "a"}, {"a", "b"}, {"ab"}, {"a,b"},
		{"a", "b", "c"}, {"ab", "c"}, {"a", "bc"}, {"b"}, {"a,"}, {",a"}, {"src:1", "src:2"}, {"src:1,src:2"}, {"src:10"}}
	for _, sep := range []string{"", ",", "--"} {
		for _, a := range lists {
			for _, b := range lists {
				want := strings.Compare(strings.Join(a, sep), strings.Join(b, sep))
				assert.Equal(t, want, compareJoined(a, b, sep), "%q vs %q joined by %q", a, b, sep)
			}
		}
	}
}

// compareFacts is the order sortFacts has always used: relationship, the other end's id,
// title and role as one string, then the source ids joined by commas.
func TestCompareFactsKeepsTheOrderOfJoinedKeys(t *testing.T) {
	old := func(a, b cryo.Fact) int {
		return cmp.Or(strings.Compare(a.Rel, b.Rel), strings.Compare(a.Other.ID, b.Other.ID),
			strings.Compare(a.Title+a.Role, b.Title+b.Role),
			strings.Compare(strings.Join(a.Sources, ","), strings.Join(b.Sources, ",")))
	}
	pick := func(r *rand.Rand, xs ...string) string { return xs[r.IntN(len(xs))] }
	r := rand.New(rand.NewPCG(1, 2))
	facts := make([]cryo.Fact, 400)
	for i := range facts {
		var srcs []string
		for range r.IntN(3) {
			srcs = append(srcs, pick(r, "src:a", "src:ab", "src:b", "src:a,b"))
		}
		facts[i] = cryo.Fact{Rel: pick(r, "AUTHORED", "WORKS_ON"), Other: cryo.Node{ID: pick(r, "org:1", "org:2")},
			Title: pick(r, "", "a", "ab", "Director"), Role: pick(r, "", "b", "c"), Sources: srcs}
	}
	for _, a := range facts {
		for _, b := range facts[:50] {
			require.Equal(t, old(a, b), compareFacts(a, b), "%+v vs %+v", a, b)
		}
	}
}
