package store

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// A source without a title is shown by its URL's host, wherever the API shows sources.
func TestAnUntitledSourceIsShownByItsHost(t *testing.T) {
	src := decodeSource(map[string]any{"id": "src:a", "url": "https://www.blood.example.net/about"})
	assert.Equal(t, "blood.example.net", src.Title)
	assert.True(t, src.Untitled)
	src = decodeSource(map[string]any{"id": "src:b", "url": "https://example.org/", "title": "T"})
	assert.Equal(t, "T", src.Title)
	assert.False(t, src.Untitled)
}
