package store

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A recorded state gives every property back with its Neo4j type: an undo restores an
// integer as an integer and 2.0 as a float.
func TestStateRoundTripKeepsNumberTypes(t *testing.T) {
	state := map[string]any{"label": "Person", "sources": []string{"src:a"}, "props": map[string]any{
		"name": "Alba Frostwell", "year": int64(2024), "score": 2.0, "ratio": 0.25, "big": 1e21,
		"years": []any{int64(1), int64(2)}, "scores": []any{1.0, 0.5}, "flag": true}}
	text, err := encodeState(state)
	require.NoError(t, err)
	got, err := decodeState(text)
	require.NoError(t, err)
	props := got["props"].(map[string]any)
	assert.Equal(t, int64(2024), props["year"])
	assert.Equal(t, 2.0, props["score"])
	assert.Equal(t, 0.25, props["ratio"])
	assert.Equal(t, 1e21, props["big"])
	assert.Equal(t, []any{int64(1), int64(2)}, props["years"])
	assert.Equal(t, []any{1.0, 0.5}, props["scores"])
	assert.Equal(t, true, props["flag"])
	assert.Equal(t, []any{"src:a"}, got["sources"])

	none, err := encodeState(nil)
	require.NoError(t, err)
	assert.Nil(t, none, "no state (created or deleted) is null")
	back, err := decodeState(none)
	require.NoError(t, err)
	assert.Nil(t, back)
}

func TestStateHashAndTargets(t *testing.T) {
	assert.Nil(t, stateHash(nil))
	assert.Equal(t, "h1", stateHash(map[string]any{"props": map[string]any{"importHash": "h1"}}))
	assert.Equal(t, "", stateHash(map[string]any{"props": map[string]any{}}))
	assert.Equal(t, "person:a|AFFILIATED_WITH|org:b|", relTarget("person:a", "AFFILIATED_WITH", "org:b", ""))
	c, err := relChange("AFFILIATED_WITH", "person:a", "org:b", "", nil, map[string]any{"role": "x", "importHash": "h"})
	require.NoError(t, err)
	assert.Nil(t, c["before"])
	assert.Equal(t, "h", c["afterHash"])
	assert.Equal(t, "rel", c["kind"])
}
