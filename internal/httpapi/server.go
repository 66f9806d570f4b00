// Package httpapi is CryoGraph's HTTP face: routes, handlers, middleware and the one JSON error
// shape. It speaks to the graph only through the small interfaces its handlers declare.
package httpapi

import (
	"io/fs"
	"log/slog"
	"net/http"
	"sort"
	"strings"

	"github.com/cryograph/cryograph/internal/export"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/gin-gonic/gin"
)

// GraphReader answers the researchers' and managers' questions: every interface the graph's
// handlers declare, in one, so that one store serves them all.
type GraphReader interface {
	Searcher
	ProfileReader
	PathFinder
	PartnershipReader
	TopicLister
	SuggestionFinder
	PublicationLister
	PartnershipPageReader
	EventPageReader
}

// Deps are the services the HTTP layer needs.
type Deps struct {
	Logger  *slog.Logger
	Experts ExpertFinder
	// Graph answers search, profiles, paths, suggestions, the partnership map and topics.
	Graph GraphReader
	// Cypher runs analysts' read-only Cypher; SavedQueries keeps their saved queries.
	Cypher       CypherRunner
	SavedQueries SavedQueryStore
	// Spec validates requests and is served at /api/openapi.json; nil loads the embedded one.
	Spec  *Spec
	Ready ReadinessChecker
	// Health is the circuit breaker in front of Neo4j: while it says Neo4j is down, /api/v1
	// and /readyz answer 503 at once. Nil: none.
	Health DBHealth
	// Resolver, Merger and ImportSink serve curation: name resolution, merges, imports.
	Resolver   Resolver
	Merger     Merger
	ImportSink importer.RefreshingSink
	// Exporter reads an entity's import row for the edit forms (GET /api/v1/rows/{id}).
	Exporter export.Graph
	// Reports keeps readers' reports of errors and editors' decisions on them.
	Reports Reports
	// Changes serves history and undo (changesets); nil: those routes answer 404.
	Changes Changes
	// Retractor removes wrong facts with a changeset (POST /api/v1/retractions).
	Retractor Retractor
	// Tokens holds the API tokens. Nil means no token is accepted: only anonymous reading
	// (when on) works.
	Tokens TokenStore
	// Auditor records every write request, and the Cypher runs; AuditLog lists the records.
	Auditor  Auditor
	AuditLog AuditLogReader
	// AnonymousRead lets callers without a token read as viewers. Off, every request to
	// /api/v1 needs a token.
	AnonymousRead bool
	// RateLimits are per-token (or, for anonymous callers, per-IP) request buckets; zero
	// values turn them off.
	RateLimits RateLimits
	// MaxBodyBytes caps request bodies other than imports; 0 means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// TrustedProxies are the addresses whose X-Forwarded-For is believed when keying
	// anonymous callers by IP; none by default, so a client cannot pick its own bucket.
	TrustedProxies []string
	// UI is the built web UI (web.Assets()), served for every GET or HEAD outside /api/ that no
	// route takes; nil serves none.
	UI fs.FS
	// Version is reported by /healthz.
	Version string
	// MetricsToken, when set, is the bearer token /metrics asks for; unset, /metrics answers
	// callers on the loopback interface only.
	MetricsToken string

	metrics *metrics // made by NewServer; nil in Routes
}

func init() { gin.SetMode(gin.ReleaseMode) }

// NewServer returns the HTTP handler of the whole API; routes.go lists every endpoint.
func NewServer(d Deps) http.Handler {
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	if d.Spec == nil {
		spec, err := LoadSpec()
		if err != nil {
			panic(err) // embedded and checked by the tests: a programming error
		}
		d.Spec = spec
	}
	if d.MaxBodyBytes <= 0 {
		d.MaxBodyBytes = DefaultMaxBodyBytes
	}
	r := gin.New()
	r.HandleMethodNotAllowed = true
	r.ContextWithFallback = true
	if err := r.SetTrustedProxies(d.TrustedProxies); err != nil {
		panic("httpapi: trusted proxies: " + err.Error()) // config.Validate checks them first
	}
	// errorResponder wraps recoverJSON, so a recovered panic is answered like any other error.
	d.metrics = newMetrics(d.Health)
	r.Use(requestID(), apiHeaders(), d.metrics.observe(), accessLog(d.Logger), errorResponder(d.Logger), recoverJSON(d.Logger))
	addRoutes(r, d)
	return r
}

// Routes lists "METHOD /path" of every route, paths in OpenAPI form ({id}), for the test that
// keeps the router and openapi.yaml in step.
func Routes() []string {
	r := gin.New()
	addRoutes(r, Deps{Logger: slog.New(slog.DiscardHandler), Spec: mustSpec(), metrics: newMetrics(nil)})
	var out []string
	for _, ri := range r.Routes() {
		path := ri.Path
		for _, part := range strings.Split(path, "/") {
			if strings.HasPrefix(part, ":") {
				path = strings.Replace(path, part, "{"+part[1:]+"}", 1)
			}
		}
		out = append(out, ri.Method+" "+path)
	}
	sort.Strings(out)
	return out
}

func mustSpec() *Spec {
	s, err := LoadSpec()
	if err != nil {
		panic(err)
	}
	return s
}
