package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Tied paths come back in one order, and the paths returned go through different
// intermediate nodes before parallel relationships repeat one route.
func TestPathsAreOrderedAndDiverse(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	ctx := context.Background()
	// person:a reaches person:b through org:m1 by three relationships (two affiliations and a
	// leadership), and through org:m2 and org:m3 by one each.
	rows := `{"type":"source","id":"src:p","url":"https://example.org/p","title":"P"}
{"type":"person","id":"person:a","name":"A","sources":["src:p"]}
{"type":"person","id":"person:b","name":"B","sources":["src:p"]}
{"type":"organization","id":"org:m1","name":"M1","kind":"lab","sources":["src:p"]}
{"type":"organization","id":"org:m2","name":"M2","kind":"lab","sources":["src:p"]}
{"type":"organization","id":"org:m3","name":"M3","kind":"lab","sources":["src:p"]}
{"type":"link","rel":"AFFILIATED_WITH","from":"person:a","to":"org:m1","key":"k2","sources":["src:p"]}
{"type":"link","rel":"AFFILIATED_WITH","from":"person:a","to":"org:m1","key":"k1","sources":["src:p"]}
{"type":"link","rel":"LEADS","from":"person:a","to":"org:m1","sources":["src:p"]}
{"type":"link","rel":"AFFILIATED_WITH","from":"person:b","to":"org:m1","sources":["src:p"]}
{"type":"link","rel":"AFFILIATED_WITH","from":"person:a","to":"org:m3","sources":["src:p"]}
{"type":"link","rel":"AFFILIATED_WITH","from":"person:b","to":"org:m3","sources":["src:p"]}
{"type":"link","rel":"MEMBER_OF","from":"person:a","to":"org:m2","sources":["src:p"]}
{"type":"link","rel":"MEMBER_OF","from":"person:b","to":"org:m2","sources":["src:p"]}`
	_, err := importer.Load(ctx, st, []importer.Input{importer.Bytes("paths.jsonl", []byte(rows))}, importer.Options{})
	require.NoError(t, err)

	describe := func(res cryo.PathResult) []string {
		var out []string
		for _, p := range res.Paths {
			var hops []string
			for _, h := range p.Hops {
				hops = append(hops, h.Rel+">"+h.To.ID)
			}
			out = append(out, strings.Join(hops, " "))
		}
		return out
	}
	q := cryo.PathQuery{From: "person:a", To: "person:b", K: 3, MaxLength: 4}
	require.NoError(t, q.Validate())
	first, err := st.Paths(ctx, q)
	require.NoError(t, err)
	assert.Equal(t, []string{
		"AFFILIATED_WITH>org:m1 AFFILIATED_WITH>person:b",
		"MEMBER_OF>org:m2 MEMBER_OF>person:b",
		"AFFILIATED_WITH>org:m3 AFFILIATED_WITH>person:b",
	}, describe(first), "three routes, not three relationships along one")
	for i := 0; i < 5; i++ {
		again, err := st.Paths(ctx, q)
		require.NoError(t, err)
		assert.Equal(t, first, again, "ties come back in one order")
	}

	q.K = 5
	more, err := st.Paths(ctx, q)
	require.NoError(t, err)
	assert.Equal(t, []string{
		"AFFILIATED_WITH>org:m1 AFFILIATED_WITH>person:b",
		"MEMBER_OF>org:m2 MEMBER_OF>person:b",
		"AFFILIATED_WITH>org:m3 AFFILIATED_WITH>person:b",
		"AFFILIATED_WITH>org:m1 AFFILIATED_WITH>person:a LEADS>org:m1 AFFILIATED_WITH>person:b",
		"AFFILIATED_WITH>org:m1 AFFILIATED_WITH>person:a MEMBER_OF>org:m2 MEMBER_OF>person:b",
	}, describe(more), "a longer path through other nodes comes before a parallel relationship along a route already shown")
}
