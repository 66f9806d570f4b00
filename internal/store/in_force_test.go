package store_test

import (
	"context"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// "In force as of": a visit only in its own time span, an agreement from its start until its
// end, or while agreed or active; a partnership whose status is unknown is shown as unknown,
// never dropped.
func TestInForceAsOf(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	ctx := context.Background()
	rows := `{"type":"source","id":"src:f","url":"https://example.org/f","title":"F"}
{"type":"organization","id":"org:a","name":"A","kind":"university","sources":["src:f"]}
{"type":"organization","id":"org:b","name":"B","kind":"university","sources":["src:f"]}
{"type":"partnership","id":"pship:visit2015","name":"Visit","kind":"visit_exchange","status":"ended","start":"2015-05","parties":[{"id":"org:a"},{"id":"org:b"}],"sources":["src:f"]}
{"type":"partnership","id":"pship:coop2022","name":"Cooperation","kind":"research_cooperation","status":"unknown","start":"2022","parties":[{"id":"org:a"},{"id":"org:b"}],"sources":["src:f"]}
{"type":"partnership","id":"pship:mou2019","name":"MoU 2019-2021","kind":"mou","status":"ended","start":"2019","end":"2021-06","parties":[{"id":"org:a"},{"id":"org:b"}],"sources":["src:f"]}
{"type":"partnership","id":"pship:mou2020","name":"MoU 2020","kind":"mou","status":"active","start":"2020-03","parties":[{"id":"org:a"},{"id":"org:b"}],"sources":["src:f"]}
{"type":"partnership","id":"pship:proposed","name":"Proposed","kind":"mou","status":"proposed","start":"2022","parties":[{"id":"org:a"},{"id":"org:b"}],"sources":["src:f"]}`
	_, err := importer.Load(ctx, st, []importer.Input{importer.Bytes("force.jsonl", []byte(rows))}, importer.Options{})
	require.NoError(t, err)
	require.NoError(t, st.RefreshDerived(ctx))

	inForce := func(asOf string) (ids map[string]bool, unknown int) {
		q := cryo.MapQuery{AsOf: asOf, Level: "unit"}
		require.NoError(t, q.Validate())
		m, err := st.PartnershipMap(ctx, q)
		require.NoError(t, err)
		ids = map[string]bool{}
		for _, e := range m.Edges {
			for _, p := range e.Partnerships {
				ids[p] = true
			}
			unknown += e.Unknown
		}
		return ids, unknown
	}
	ids, unknown := inForce("2023-01-01")
	assert.Equal(t, map[string]bool{"pship:coop2022": true, "pship:mou2020": true}, ids,
		"a 2015 visit is not in force in 2023; the 2022 cooperation of unknown status is shown")
	assert.Equal(t, 1, unknown, "the cooperation's status is unknown")

	ids, _ = inForce("2015-05-20")
	assert.Equal(t, map[string]bool{"pship:visit2015": true}, ids, "the visit in its own month")
	ids, _ = inForce("2015-07")
	assert.Empty(t, ids, "the visit's month is over")
	ids, unknown = inForce("2021")
	assert.Equal(t, map[string]bool{"pship:mou2019": true, "pship:mou2020": true}, ids, "the 2019 MoU until its end, in 2021")
	assert.Zero(t, unknown)
}
