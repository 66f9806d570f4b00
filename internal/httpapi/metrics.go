package httpapi

// Prometheus metrics at /metrics: requests by route template and status with latency
// histograms, Cypher console runs by outcome, import rows written, derived-data refreshes,
// and the circuit breaker's view of Neo4j. The neo4j-go-driver v5 does not expose its
// connection pool, so the pool is seen through its effects: the breaker's state and
// transitions, and the 503s by route. Each server has its own registry (no globals).

import (
	"context"
	"crypto/subtle"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

type metrics struct {
	reg         *prometheus.Registry
	requests    *prometheus.CounterVec
	latency     *prometheus.HistogramVec
	consoleRuns *prometheus.CounterVec
	importRows  *prometheus.CounterVec
	refreshes   *prometheus.CounterVec
}

// HealthTransitions is what the breaker may also say: how often Neo4j went down or came back.
type HealthTransitions interface {
	HealthChanges() int64
}

func newMetrics(health DBHealth) *metrics {
	reg := prometheus.NewRegistry()
	m := &metrics{
		reg: reg,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "cryograph_http_requests_total",
			Help: "HTTP requests by method, route template and status (499: the client hung up)."}, []string{"method", "route", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "cryograph_http_request_duration_seconds",
			Help:    "HTTP request latency by method and route template.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60}}, []string{"method", "route"}),
		consoleRuns: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "cryograph_console_runs_total",
			Help: "Cypher console and saved-query runs by outcome (ok, or the error code: cypher_timeout, cypher_memory_limit, cypher_busy, ...)."}, []string{"outcome"}),
		importRows: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "cryograph_import_rows_written_total",
			Help: "Rows written by POST /api/v1/imports, by kind (node or link)."}, []string{"kind"}),
		refreshes: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "cryograph_derived_refreshes_total",
			Help: "Refreshes of the derived data (expert rankings, the map cache's version) after imports, by outcome."}, []string{"outcome"}),
	}
	reg.MustRegister(m.requests, m.latency, m.consoleRuns, m.importRows, m.refreshes,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if health != nil {
		reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "cryograph_neo4j_up",
			Help: "1 unless the circuit breaker knows Neo4j to be unreachable."}, func() float64 {
			if down, _, _ := health.Down(); down {
				return 0
			}
			return 1
		}))
		if ht, ok := health.(HealthTransitions); ok {
			reg.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "cryograph_neo4j_breaker_transitions_total",
				Help: "Times the circuit breaker marked Neo4j down or up again."}, func() float64 { return float64(ht.HealthChanges()) }))
		}
	}
	return m
}

// observe counts every request by its route template (c.FullPath: /api/v1/people/:id, never
// the id itself, so the label stays bounded); requests no route took are "unmatched".
func (m *metrics) observe() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Set(metricsKey, m)
		c.Next()
		route := c.FullPath()
		if route == "" {
			route = "unmatched"
			if !strings.HasPrefix(c.Request.URL.Path, "/api") && (c.Request.Method == http.MethodGet || c.Request.Method == http.MethodHead) {
				route = "ui"
			}
		}
		m.requests.WithLabelValues(c.Request.Method, route, strconv.Itoa(c.Writer.Status())).Inc()
		m.latency.WithLabelValues(c.Request.Method, route).Observe(time.Since(start).Seconds())
	}
}

const metricsKey = "metrics"

// metricsFrom is the server's metrics, or nil (a handler mounted without NewServer).
func metricsFrom(c *gin.Context) *metrics {
	m, _ := c.Get(metricsKey)
	mm, _ := m.(*metrics)
	return mm
}

func (m *metrics) consoleRun(outcome string) {
	if m == nil {
		return
	}
	if outcome == "" {
		outcome = "ok"
	}
	m.consoleRuns.WithLabelValues(outcome).Inc()
}

// handler serves /metrics: to a caller with the bearer token when token is set, else only to
// callers on the loopback interface (the socket's address, not X-Forwarded-For).
func (m *metrics) handler(token string) gin.HandlerFunc {
	h := promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
	return func(c *gin.Context) {
		if token != "" {
			got := strings.TrimPrefix(c.GetHeader("Authorization"), "Bearer ")
			if subtle.ConstantTimeCompare([]byte(got), []byte(token)) != 1 {
				unauthenticated(c, challenge, "/metrics needs the token of CRYOGRAPH_METRICS_TOKEN")
				return
			}
		} else if !loopback(c.Request.RemoteAddr) {
			_ = c.Error(apiError(http.StatusForbidden, codeForbidden,
				"/metrics answers callers on this machine only; set CRYOGRAPH_METRICS_TOKEN to scrape it from elsewhere"))
			c.Abort()
			return
		}
		h.ServeHTTP(c.Writer, c.Request)
	}
}

func loopback(remote string) bool {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		host = remote
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// countingSink counts the rows an import writes and the refreshes after it.
type countingSink struct {
	importer.RefreshingSink
	m *metrics
}

func (s countingSink) UpsertNodes(ctx context.Context, nodes []cryo.NodeUpsert) (map[string]cryo.UpsertCounts, error) {
	out, err := s.RefreshingSink.UpsertNodes(ctx, nodes)
	if err == nil {
		s.m.importRows.WithLabelValues("node").Add(float64(len(nodes)))
	}
	return out, err
}

func (s countingSink) UpsertLinks(ctx context.Context, links []cryo.LinkUpsert) (map[string]cryo.UpsertCounts, error) {
	out, err := s.RefreshingSink.UpsertLinks(ctx, links)
	if err == nil {
		s.m.importRows.WithLabelValues("link").Add(float64(len(links)))
	}
	return out, err
}

func (s countingSink) RefreshDerived(ctx context.Context) error {
	err := s.RefreshingSink.RefreshDerived(ctx)
	outcome := "ok"
	if err != nil {
		outcome = "failed"
	}
	s.m.refreshes.WithLabelValues(outcome).Inc()
	return err
}

// sink wraps s to be counted; nil stays nil (a server without imports).
func (m *metrics) sink(s importer.RefreshingSink) importer.RefreshingSink {
	if m == nil || s == nil {
		return s
	}
	c := countingSink{RefreshingSink: s, m: m}
	if p, ok := s.(importer.Planner); ok {
		// A dry run's plan asks the graph what it holds (importer.Planner): the wrapper must
		// not hide that, or dry runs lose their plan.
		return planningCountingSink{countingSink: c, Planner: p}
	}
	return c
}

// planningCountingSink is a countingSink over a sink that can also plan a dry run.
type planningCountingSink struct {
	countingSink
	importer.Planner
}
