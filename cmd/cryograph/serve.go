package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/cryograph/cryograph/internal/config"
	"github.com/cryograph/cryograph/internal/httpapi"
	"github.com/cryograph/cryograph/internal/store"
	"github.com/cryograph/cryograph/web"
)

func cmdServe(ctx context.Context, e env, args []string) error {
	cfg, err := loadConfig(e)
	if err != nil {
		return err
	}
	fs := newFlagSet(e, "serve", "serve [flags]", `
Serves the web UI at /, the REST API under /api/v1 (described at /api/docs), /healthz and
/readyz.

Access: reads are open to anonymous callers unless --anonymous-read=false; writes need an API
token with the editor role ('cryograph token create'). See docs/access-control.md.

At start it applies pending migrations. If Neo4j is down it still starts: /readyz answers 503
with the reason, and migrations are retried in the background until Neo4j is back.
SIGINT or SIGTERM drain in-flight requests, then close the Neo4j driver.

Sharing a small machine with Neo4j, set GOMAXPROCS to half the cores (as 'cryograph up' does
with its local Neo4j): on 2 cores, GOMAXPROCS=1 answered more requests a second with less CPU
(docs/benchmarks.md). The garbage collector runs at GOGC=400 unless GOGC is set: 11-20 % less
CPU for the same requests, for about 50-80 MB more memory at 1M people.`, `
  cryograph serve
  GOMAXPROCS=1 cryograph serve    # Neo4j on the same 2-core machine
  CRYOGRAPH_ADDR=127.0.0.1:9000 NEO4J_URI=neo4j+s://xxxx.databases.neo4j.io NEO4J_PASSWORD=... cryograph serve`)
	cfg.RegisterNeo4jFlags(fs)
	cfg.RegisterServeFlags(fs)
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if err := cfg.Validate(); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	log := newLogger(e, cfg.LogFormat)
	defer collectLessOften(e, log)()
	st, err := store.Open(*cfg)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	return serve(ctx, log, cfg, st, nil)
}

// serve runs the HTTP server until ctx ends. ready, if not nil, receives the bound address.
func serve(ctx context.Context, log *slog.Logger, cfg *config.Config, st *store.Store, ready chan<- string) error {
	// The background migrator ends with serve, even when serve fails to listen.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go migrateUntilDone(ctx, log, st)
	st.SetConsoleConcurrency(cfg.CypherConcurrency)

	// Audit records are written in batches; the queued ones are written before serve returns.
	audit := store.NewAuditWriter(st, log)
	defer func() {
		actx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
		defer cancel()
		if err := audit.Close(actx); err != nil {
			log.Error("audit records not written at shutdown", "err", err)
		}
	}()
	handler := httpapi.NewServer(httpapi.Deps{Logger: log, Experts: st, Graph: st, Cypher: st, SavedQueries: st, Ready: st, Health: st, Resolver: st, Merger: st, Reports: st, Exporter: st, Changes: st, Retractor: st,
		ImportSink: st, Tokens: st, Auditor: audit, AuditLog: audit, AnonymousRead: cfg.AnonymousRead,
		RateLimits: httpapi.RateLimits{
			General: httpapi.RateLimit{PerSecond: cfg.RateLimit, Burst: cfg.RateBurst},
			Cypher:  httpapi.RateLimit{PerSecond: cfg.CypherRateLimit, Burst: cfg.CypherRateBurst},
		},
		TrustedProxies: cfg.TrustedProxies, UI: web.Assets(), Version: version, MetricsToken: cfg.MetricsToken})
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 60 * time.Second,
		WriteTimeout: 120 * time.Second, IdleTimeout: 120 * time.Second}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	log.Info("serving", "addr", ln.Addr().String(), "neo4j", cfg.Neo4jURI, "database", cfg.Neo4jDatabase, "version", version,
		"anonymous_read", cfg.AnonymousRead, "rate_limit", cfg.RateLimit, "cypher_rate_limit", cfg.CypherRateLimit)
	if ready != nil {
		ready <- ln.Addr().String()
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down", "timeout", cfg.ShutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

// migrateUntilDone applies migrations, retrying while Neo4j is unreachable, so the API can
// start before the database and become ready when it arrives.
func migrateUntilDone(ctx context.Context, log *slog.Logger, st *store.Store) {
	delay := time.Second
	st.SetLog(log)
	for {
		done, err := st.Migrate(ctx)
		if err == nil {
			if len(done) > 0 {
				log.Info("migrations applied", "migrations", done)
			}
			return
		}
		log.Warn("migrations not applied yet; retrying", "err", err, "retry_in", delay)
		select {
		case <-ctx.Done():
			return
		case <-time.After(delay):
		}
		delay = min(delay*2, 30*time.Second)
	}
}
