package httpapi

import (
	"fmt"
	"sync"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Requests for a map nobody has encoded yet share one encoding (and one gzip), and get the
// same bytes and ETag.
func TestConcurrentMapMissesEncodeOnce(t *testing.T) {
	m := cryo.PartnershipMap{Revision: "7 {whole field}"}
	for i := range 20000 { // large enough that the encoding takes a while (tens of ms)
		m.Nodes = append(m.Nodes, cryo.MapNode{ID: fmt.Sprintf("org:syn-%d", i), Name: fmt.Sprintf("Synthetic lab %d", i), Type: "lab", Partnerships: i % 7})
		m.Edges = append(m.Edges, cryo.MapEdge{Source: fmt.Sprintf("org:syn-%d", i), Target: "org:syn-0", Type: "research", Count: 1,
			Topics: []string{"topic:syn-1"}, Partnerships: []string{fmt.Sprintf("partnership:syn-%d", i)}})
	}
	maps := newEncodedMaps("test-build")
	const callers = 8
	got := make([]encodedMap, callers)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			var err error
			got[i], err = maps.get(m)
			assert.NoError(t, err)
		}()
	}
	close(start)
	wg.Wait()
	assert.EqualValues(t, 1, maps.encodings.Load(), "one encoding for every caller")
	for _, e := range got {
		require.NotEmpty(t, e.body)
		assert.Equal(t, got[0].etag, e.etag)
		assert.Equal(t, got[0].body, e.body)
		assert.NotEmpty(t, e.gzipped)
	}
	_, err := maps.get(m)
	require.NoError(t, err)
	assert.EqualValues(t, 1, maps.encodings.Load(), "then the kept bytes")
}
