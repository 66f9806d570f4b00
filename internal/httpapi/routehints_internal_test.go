package httpapi

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The store's errors name no route; the error middleware adds the endpoint that helps, and
// the answers read as they did when the store wrote it.
func TestRouteHintsFinishDomainMessages(t *testing.T) {
	for _, tc := range []struct {
		name   string
		err    error
		status int
		want   ErrorDetail
	}{
		{"an unknown topic points to the topic list", &cryo.Error{Code: cryo.ECodeNotFound, Field: "topic",
			Message: `no topic is named "basket weaving"`, Err: cryo.Named(cryo.ErrTopicNotFound, "basket weaving")},
			http.StatusNotFound, ErrorDetail{Code: "not_found", Field: "topic",
				Message: `no topic is named "basket weaving"; GET /api/v1/topics lists them`}},
		{"a taken saved-query name points to its PUT", &cryo.Error{Code: cryo.ECodeConflict, Field: "name",
			Message: `a saved query named "people-on-topic" already exists`, Err: cryo.Named(cryo.ErrSavedQueryExists, "people-on-topic")},
			http.StatusConflict, ErrorDetail{Code: "conflict", Field: "name",
				Message: `a saved query named "people-on-topic" already exists; change it with PUT /api/v1/queries/people-on-topic`}},
		{"other errors keep their message", cryo.Errorf(cryo.ECodeNotFound, "no saved query is named %q", "x"),
			http.StatusNotFound, ErrorDetail{Code: "not_found", Message: `no saved query is named "x"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := gin.New()
			r.Use(errorResponder(slog.New(slog.DiscardHandler)))
			r.GET("/", func(c *gin.Context) { _ = c.Error(tc.err) })
			rec := httptest.NewRecorder()
			r.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
			assert.Equal(t, tc.status, rec.Code)
			var body ErrorBody
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &body))
			assert.Equal(t, tc.want, body.Error)
		})
	}
}
