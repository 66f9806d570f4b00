package httpapi

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// memoryAuditor keeps audit entries in memory, to check what the handlers record.
type memoryAuditor struct {
	mu      sync.Mutex
	entries []cryo.AuditEntry
}

func (m *memoryAuditor) Audit(_ context.Context, e cryo.AuditEntry) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.entries = append(m.entries, e)
	return nil
}

func (m *memoryAuditor) last() cryo.AuditEntry {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.entries) == 0 {
		return cryo.AuditEntry{}
	}
	return m.entries[len(m.entries)-1]
}

func cyDo(t *testing.T, h http.Handler, method, target string, body any) *httptest.ResponseRecorder {
	t.Helper()
	var rd *strings.Reader
	switch b := body.(type) {
	case nil:
		rd = strings.NewReader("")
	case string:
		rd = strings.NewReader(b)
	default:
		js, err := json.Marshal(b)
		require.NoError(t, err)
		rd = strings.NewReader(string(js))
	}
	req := httptest.NewRequest(method, target, rd)
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

type cyResult struct {
	Columns         []string `json:"columns"`
	Rows            [][]any  `json:"rows"`
	Truncated       bool     `json:"truncated"`
	TruncatedReason string   `json:"truncatedReason"`
	Graph           struct {
		Nodes         []map[string]any `json:"nodes"`
		Relationships []map[string]any `json:"relationships"`
	} `json:"graph"`
	Stats struct {
		Rows int   `json:"rows"`
		Ms   int64 `json:"ms"`
	} `json:"stats"`
}

func cyOK(t *testing.T, rec *httptest.ResponseRecorder) cyResult {
	t.Helper()
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var res cyResult
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &res), rec.Body.String())
	return res
}

func cyErr(t *testing.T, rec *httptest.ResponseRecorder) cypherErrorDetail {
	t.Helper()
	var body cypherErrorBody
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &body), rec.Body.String())
	require.NotEmpty(t, body.Error.Code, rec.Body.String())
	require.NotEmpty(t, body.Error.Message)
	require.NotEmpty(t, body.Error.RequestID)
	return body.Error
}

func TestAnalystEndpointsWithoutAStoreAre404(t *testing.T) {
	log := slog.New(slog.DiscardHandler)
	r := gin.New()
	r.Use(requestID(), errorResponder(log), recoverJSON(log))
	r.POST("/api/v1/cypher", handleCypher(nil, nil))
	r.POST("/api/v1/queries/:name/run", handleSavedQueryRun(nil, nil, nil))
	h := CheckResponses(t, r)
	for _, target := range []string{"/api/v1/cypher", "/api/v1/queries/x/run"} {
		rec := cyDo(t, h, http.MethodPost, target, map[string]any{"query": "RETURN 1"})
		assert.Equal(t, http.StatusNotFound, rec.Code, target)
	}
}
