//go:build integration

package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/cryograph/cryograph/internal/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// dyingSink writes through the store until its n-th batch of nodes, which fails as a
// database that went down would.
type dyingSink struct {
	*store.Store
	n, batches int
}

func (d *dyingSink) UpsertNodes(ctx context.Context, nodes []cryo.NodeUpsert) (map[string]cryo.UpsertCounts, error) {
	if d.batches++; d.batches == d.n {
		return nil, errors.New("connection reset by peer")
	}
	return d.Store.UpsertNodes(ctx, nodes)
}

// A load that dies midway says what its committed batches wrote, and that running the same
// files again is safe; it does not claim that nothing was written.
func TestAnInterruptedLoadSaysWhatWasCommitted(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	ctx := context.Background()
	var b strings.Builder
	b.WriteString(`{"type":"source","id":"src:t","url":"https://example.org/t","title":"T"}` + "\n")
	for i := 1; i <= 50; i++ {
		fmt.Fprintf(&b, `{"type":"person","id":"person:t%d","name":"Test Person %d","sources":["src:t"],"synthetic":true}`+"\n", i, i)
	}
	in := []importer.Input{importer.Bytes("people.jsonl", []byte(b.String()))}

	// Batches of 10: the source, then people 1-10 and 11-20 commit, and the third batch of
	// people (the fourth batch) fails.
	rep, err := importer.Load(ctx, &dyingSink{Store: st, n: 4}, in, importer.Options{BatchSize: 10})
	require.Error(t, err)
	var out bytes.Buffer
	printReport(&out, rep)
	text := out.String()
	assert.NotContains(t, text, "nothing written")
	assert.Contains(t, text, "PARTLY loaded (the load failed after 3 committed batches, which stay in the graph)")
	assert.Contains(t, text, "failed: apply batch 4")
	assert.Contains(t, text, "connection reset by peer")
	assert.Contains(t, text, "committed before the failure: created 21, updated 0, unchanged 0")
	assert.Contains(t, text, "re-running the same files is safe")
	assert.True(t, rep.Interrupted)
	assert.False(t, rep.Applied)
	assert.Equal(t, 20, rep.Nodes["Person"].Created)
	assert.Equal(t, int64(20), neo4jtest.Count(t, st, "MATCH (p:Person) RETURN count(p)"), "the report counts what the graph holds")

	rep, err = importer.Load(ctx, st, in, importer.Options{BatchSize: 10})
	require.NoError(t, err)
	assert.Equal(t, 30, rep.Nodes["Person"].Created)
	assert.Equal(t, 20, rep.Nodes["Person"].Unchanged)
	assert.Equal(t, int64(50), neo4jtest.Count(t, st, "MATCH (p:Person) RETURN count(p)"), "the re-run completes the load without duplicates")
}
