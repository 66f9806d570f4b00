package store

import (
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The two hops of a shared work read "co-authored “title”" and name the work; a lone
// authorship names its work without the co-authored label.
func TestNameWorks(t *testing.T) {
	raw := []any{
		map[string]any{"id": "person:a", "label": "Person"},
		map[string]any{"id": "pub:w", "name": "A synthetic work", "label": "Publication", "doi": "10.5555/syn.w", "year": int64(2024)},
		map[string]any{"id": "person:b", "label": "Person"},
		map[string]any{"id": "org:o", "label": "Organization"},
	}
	hops := []cryo.Hop{
		{From: cryo.Node{ID: "person:a", Kind: "person"}, Rel: "AUTHORED", To: cryo.Node{ID: "pub:w", Kind: "publication"}, Forward: true},
		{From: cryo.Node{ID: "pub:w", Kind: "publication"}, Rel: "AUTHORED", To: cryo.Node{ID: "person:b", Kind: "person"}, Forward: false},
		{From: cryo.Node{ID: "person:b", Kind: "person"}, Rel: "AFFILIATED_WITH", To: cryo.Node{ID: "org:o", Kind: "organization"}, Forward: true},
	}
	nameWorks(hops, raw)
	want := &cryo.WorkRef{ID: "pub:w", Title: "A synthetic work", DOI: "10.5555/syn.w", URL: "https://doi.org/10.5555/syn.w", Year: 2024}
	for _, h := range hops[:2] {
		assert.Equal(t, want, h.Work)
		assert.Equal(t, "co-authored “A synthetic work”", h.Label)
	}
	assert.Nil(t, hops[2].Work)
	assert.Empty(t, hops[2].Label)

	lone := []cryo.Hop{{From: cryo.Node{ID: "person:a", Kind: "person"}, Rel: "AUTHORED", To: cryo.Node{ID: "pub:w", Kind: "publication"}, Forward: true}}
	nameWorks(lone, raw[:2])
	require.NotNil(t, lone[0].Work)
	assert.Empty(t, lone[0].Label)
}

func TestDecodeEvidenceListsEachSourceOnce(t *testing.T) {
	sources := []cryo.Source{{ID: "src:a"}, {ID: "src:b"}}
	ev := decodeEvidence(map[string]any{"via": "authored", "sourceIds": []any{"src:b", "src:a", "src:b", "src:missing"},
		"work": map[string]any{"id": "pub:w", "title": "W", "year": "2021-03"}}, sources)
	assert.Equal(t, []cryo.Source{{ID: "src:a"}, {ID: "src:b"}}, ev.Sources)
	assert.Equal(t, 2021, ev.Work.Year)
	assert.Equal(t, 0, yearOf(nil))
}
