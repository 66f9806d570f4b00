package httpapi

// Liveness and readiness: /healthz and /readyz.

import (
	"context"
	"net/http"
	"time"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/gin-gonic/gin"
)

// ReadinessChecker tells whether the graph is reachable and migrated.
type ReadinessChecker interface {
	VerifyConnectivity(ctx context.Context) error
	Migrations(ctx context.Context) (cryo.MigrationState, error)
}

func handleHealthz(version string) gin.HandlerFunc {
	return func(c *gin.Context) {
		writeJSON(c, http.StatusOK, gin.H{"status": "ok", "version": version})
	}
}

// handleReadyz answers 200 only when Neo4j answers and no migration is pending.
// While the breaker (h) says Neo4j is down, it answers at once; the breaker's prober finds out
// within 250 ms that Neo4j is back, and /readyz asks Neo4j again from then on.
func handleReadyz(r ReadinessChecker, h DBHealth) gin.HandlerFunc {
	return func(c *gin.Context) {
		ctx, cancel := context.WithTimeout(c.Request.Context(), 3*time.Second)
		defer cancel()
		notReady := func(code, msg string) {
			writeJSON(c, http.StatusServiceUnavailable, gin.H{"status": "unavailable",
				"error": ErrorDetail{Code: code, Message: msg, RequestID: c.GetString(requestIDKey)}})
		}
		if h != nil {
			if down, since, reason := h.Down(); down {
				c.Header("Retry-After", downRetryAfter)
				notReady("neo4j_unreachable", downMessage(since, reason))
				return
			}
		}
		if err := r.VerifyConnectivity(ctx); err != nil {
			notReady("neo4j_unreachable", "Neo4j cannot be reached: "+cryo.ErrorMessage(err))
			return
		}
		st, err := r.Migrations(ctx)
		if err != nil {
			notReady("migrations_unknown", "cannot read the migration state: "+cryo.ErrorMessage(err))
			return
		}
		if len(st.Pending) > 0 {
			notReady("migrations_pending", "migrations are pending: run `cryograph migrate`")
			return
		}
		writeJSON(c, http.StatusOK, gin.H{"status": "ready", "migrations": st.Applied})
	}
}
