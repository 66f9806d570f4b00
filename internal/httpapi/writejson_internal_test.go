package httpapi

import (
	"encoding/json"
	"math"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/cryograph/cryograph/internal/analyst"
	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writeJSON encodes with goccy/go-json for speed; its bytes must be encoding/json's, for the
// answers' shapes and for the console's typed values (their own MarshalJSON, floats that keep
// their decimal point, integers beyond 2^53, HTML characters, non-ASCII names), but for the
// exponent of floats below 1e-6, which must still be the same number.
func TestWriteJSONWritesWhatEncodingJSONWrites(t *testing.T) {
	c := analyst.NewCollector([]string{"a", "b", "c", "d", "e", "f", "g"}, 10, analyst.DefaultMaxBytes)
	require.True(t, c.Add([]any{1.0, int64(analyst.MaxSafeInteger + 2), math.NaN(), []byte{1, 2, 255},
		map[string]any{"type": "node", "x": 0.1},
		analyst.Node{ElementID: "4:x:1", Labels: []string{"Person"}, Properties: map[string]any{"name": "刘宝林 <b>&", "h": 1e300}},
		analyst.Relationship{ElementID: "5:x:1", Type: "KNOWS", Start: "4:x:1", End: "4:x:2"}}))
	for name, v := range map[string]any{
		"console result": c.Result(0),
		"profile": cryo.Profile{Kind: "person", Entity: map[string]any{"name": "Zhao Gang 赵刚", "aliases": []any{"赵刚"}, "score": 24.84564208984375},
			Coauthors: []cryo.Coauthor{{Node: cryo.Node{ID: "person:x", Name: "A <script>&amp;", Score: 3}, Works: []cryo.WorkRef{}}}, Sources: []cryo.Source{}},
		"a gin.H with nil and empty lists": gin.H{"events": []string(nil), "merges": []int{}, "limit": 20, "q": "\u2028\"\\"},
	} {
		t.Run(name, func(t *testing.T) {
			want, err := json.Marshal(v)
			require.NoError(t, err)
			w := httptest.NewRecorder()
			ctx, _ := gin.CreateTestContext(w)
			writeJSON(ctx, http.StatusOK, v)
			assert.Equal(t, string(want), w.Body.String())
			assert.Equal(t, "application/json; charset=utf-8", w.Header().Get("Content-Type"))
			assert.Equal(t, strconv.Itoa(len(want)), w.Header().Get("Content-Length"))
		})
	}
	t.Run("a small float: 1e-07 for 1e-7, the same number", func(t *testing.T) {
		v := gin.H{"score": 1e-7}
		want, err := json.Marshal(v)
		require.NoError(t, err)
		w := httptest.NewRecorder()
		ctx, _ := gin.CreateTestContext(w)
		writeJSON(ctx, http.StatusOK, v)
		assert.JSONEq(t, string(want), w.Body.String())
		assert.Equal(t, `{"score":1e-07}`, w.Body.String(), "if this fails, goccy now writes encoding/json's bytes: drop the exception")
	})
}
