package importer_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/mock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Synthetic rows.
const changeRows = `{"type":"source","id":"src:c","url":"https://example.org/c","title":"Synthetic"}
{"type":"person","id":"person:c1","name":"Dana Hoarfrost","sources":["src:c"],"synthetic":true}
{"type":"person","id":"person:c2","name":"Eli Glacier","sources":["src:c"],"synthetic":true}
`

// changeSink counts what it is given as created (or unchanged) and keeps the changeset each
// batch's context carries.
func changeSink(unchanged bool, metas *[]cryo.ChangeMeta) *mock.Sink {
	var mu sync.Mutex
	counts := func(n int) cryo.UpsertCounts {
		if unchanged {
			return cryo.UpsertCounts{Unchanged: n}
		}
		return cryo.UpsertCounts{Created: n}
	}
	return &mock.Sink{
		HasEntitiesFn: func(context.Context) (bool, error) { return false, nil },
		UpsertNodesFn: func(ctx context.Context, nodes []cryo.NodeUpsert) (map[string]cryo.UpsertCounts, error) {
			mu.Lock()
			defer mu.Unlock()
			m, _ := cryo.ChangeFrom(ctx)
			*metas = append(*metas, m)
			return map[string]cryo.UpsertCounts{nodes[0].Label: counts(len(nodes))}, nil
		},
		UpsertLinksFn: func(ctx context.Context, links []cryo.LinkUpsert) (map[string]cryo.UpsertCounts, error) {
			return map[string]cryo.UpsertCounts{}, nil
		},
	}
}

func TestEveryBatchOfALoadSharesOneChangeset(t *testing.T) {
	var metas []cryo.ChangeMeta
	rep, err := importer.Load(context.Background(), changeSink(false, &metas),
		[]importer.Input{importer.Bytes("people.jsonl", []byte(changeRows))}, importer.Options{BatchSize: 1, Writers: 2})
	require.NoError(t, err)
	require.Len(t, metas, 3, "a batch per row")
	for _, m := range metas {
		assert.Equal(t, metas[0], m)
	}
	assert.True(t, strings.HasPrefix(metas[0].ID, "cs-"), metas[0].ID)
	assert.Equal(t, "import", metas[0].Kind)
	assert.Equal(t, "system", metas[0].By)
	assert.Equal(t, "load people.jsonl", metas[0].Comment, "a load without a comment names its files")
	assert.Equal(t, metas[0].ID, rep.Changeset, "the report names the changeset")

	metas = nil
	given := cryo.ChangeMeta{Kind: cryo.ChangeEdit, By: "Ed Itor", Role: "editor", Comment: "fix a name", Source: "form"}
	rep, err = importer.Load(context.Background(), changeSink(true, &metas),
		[]importer.Input{importer.Bytes("people.jsonl", []byte(changeRows))}, importer.Options{Change: given})
	require.NoError(t, err)
	require.NotEmpty(t, metas)
	assert.Equal(t, "edit", metas[0].Kind)
	assert.Equal(t, "Ed Itor", metas[0].By)
	assert.Equal(t, "fix a name", metas[0].Comment)
	assert.Empty(t, rep.Changeset, "a load that changed nothing names no changeset")

	metas = nil
	_, err = importer.Load(context.Background(), changeSink(false, &metas),
		[]importer.Input{importer.Bytes("people.jsonl", []byte(changeRows))}, importer.Options{DryRun: true})
	require.NoError(t, err)
	assert.Empty(t, metas, "a dry run writes nothing")
}
