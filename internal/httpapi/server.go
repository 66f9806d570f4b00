// Package httpapi is CryoGraph's HTTP face: routes, handlers, middleware and the one JSON error
// shape. It speaks to the graph only through the small interfaces its handlers declare.
package httpapi

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/gin-gonic/gin"
)

// ExpertFinder answers expert searches.
type ExpertFinder interface {
	ExpertsByTopic(ctx context.Context, q cryo.ExpertQuery) (cryo.ExpertResult, error)
}

// ReadinessChecker tells whether the graph is reachable and migrated.
type ReadinessChecker interface {
	VerifyConnectivity(ctx context.Context) error
	Migrations(ctx context.Context) (cryo.MigrationState, error)
}

// Deps are the services the HTTP layer needs.
type Deps struct {
	Logger  *slog.Logger
	Experts ExpertFinder
	Ready   ReadinessChecker
	// Resolver, Merger and ImportSink serve curation: name resolution, merges, imports.
	Resolver   Resolver
	Merger     Merger
	ImportSink importer.Sink
	// AdminToken guards the write endpoints; empty disables them.
	AdminToken string
	// Version is reported by /healthz.
	Version string
}

func init() { gin.SetMode(gin.ReleaseMode) }

// NewServer returns the HTTP handler of the whole API; routes.go lists every endpoint.
func NewServer(d Deps) http.Handler {
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	r := gin.New()
	r.HandleMethodNotAllowed = true
	r.ContextWithFallback = true
	// errorResponder wraps recoverJSON, so a recovered panic is answered like any other error.
	r.Use(requestID(), accessLog(d.Logger), errorResponder(d.Logger), recoverJSON(d.Logger))
	addRoutes(r, d)
	return r
}
