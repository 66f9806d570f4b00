package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"time"

	"github.com/cryograph/cryograph/data"
	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/ingest/ror"
	"github.com/cryograph/cryograph/internal/localneo4j"
	"github.com/cryograph/cryograph/internal/store"
)

func cmdUp(ctx context.Context, e env, args []string) error {
	cfg, err := loadConfig(e)
	if err != nil {
		return err
	}
	local := localOptions(e)
	cfg.Addr = upAddr(e.getenv)
	fs := newFlagSet(e, "up", "up [flags]", `
Everything 'make run' does, in one process:
  1. if NEO4J_URI is not set, fetch (once) and start a local Neo4j Community server, keeping its
     data in --data-dir so the next start is fast;
  2. apply migrations;
  3. load the demo dataset built into the binary (idempotent: a second run changes nothing);
  4. serve the API and web UI until Ctrl-C, then stop the local Neo4j it started.
With the local Neo4j of step 1, CryoGraph's Go code runs on half the cores (at least one) and
leaves the rest to Neo4j, unless GOMAXPROCS is set. As in 'serve', the garbage collector runs
at GOGC=400 unless GOGC is set (docs/benchmarks.md has the figures).

'up' is for local use: it listens on 127.0.0.1:8080, so only this machine reaches the API
(anonymous reading is on). To let other machines in, say so: --addr :8080 or
CRYOGRAPH_ADDR=:8080 (and see docs/access-control.md). 'serve' listens on :8080.`, `
  cryograph up
  cryograph up --addr :8080    # reachable from other machines
  NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_PASSWORD=secret cryograph up   # use a running Neo4j
  cryograph up --no-demo`)
	cfg.RegisterServeFlags(fs)
	neo4jFlags(fs, &local)
	noDemo := fs.Bool("no-demo", false, "do not load the demo dataset")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	log := newLogger(e, cfg.LogFormat)
	start := time.Now()

	if e.getenv("NEO4J_URI") == "" {
		srv, err := localneo4j.Start(ctx, local, false)
		if err != nil {
			return fmt.Errorf("local neo4j: %w", err)
		}
		defer func() {
			if err := srv.Stop(context.Background()); err != nil {
				log.Warn("stopping neo4j", "err", err)
			} else {
				log.Info("neo4j stopped")
			}
		}()
		cfg.Neo4jURI = local.BoltURI()
		cfg.Neo4jPassword = local.Password
		procs, restore := leaveCoresToNeo4j(e)
		defer restore()
		log.Info("Go code runs on part of the cores, Neo4j on the same machine has the rest", "gomaxprocs", procs, "cores", runtime.NumCPU())
	}
	defer collectLessOften(e, log)()
	st, err := openStore(ctx, cfg, 60*time.Second)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	st.SetLog(log)
	applied, err := st.Migrate(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	log.Info("schema up to date", "applied_now", applied)
	if !*noDemo {
		rep, err := importer.LoadAndRefresh(ctx, st, demoInputs(), importer.Options{
			Change: cryo.ChangeMeta{By: "cryograph up", Role: "system", Comment: "demo data", Source: "the demo dataset built into the binary"}})
		if errors.As(err, new(*importer.RefreshError)) {
			return err
		}
		if err != nil {
			printReport(e.stderr, rep)
			if !errors.Is(err, importer.ErrRejected) {
				return fmt.Errorf("load demo data: %w", err)
			}
		}
		t := rep.Totals()
		log.Info("demo data loaded", "rows", rep.Rows, "created", t.Created, "updated", t.Updated, "unchanged", t.Unchanged)
		if err := ingestShippedROR(ctx, st, log); err != nil {
			return err
		}
	}
	ready := make(chan string, 1)
	go func() {
		select {
		case addr := <-ready:
			log.Info("CryoGraph is up", "took", time.Since(start).Round(100*time.Millisecond),
				"api", "http://"+displayAddr(addr)+"/api/v1/experts?topic=organ%20preservation",
				"neo4j_browser", local.BrowserURL())
		case <-ctx.Done():
		}
	}()
	return serve(ctx, log, cfg, st, ready)
}

// UpDefaultAddr is where 'up' listens unless CRYOGRAPH_ADDR or --addr says otherwise: the
// loopback interface, since 'up' is for local use and anonymous reading is on.
const UpDefaultAddr = "127.0.0.1:8080"

// upAddr is the listen address of 'up' before its flags: CRYOGRAPH_ADDR when set (docker-compose
// sets :8080, the container's every interface), else UpDefaultAddr.
func upAddr(getenv func(string) string) string {
	if a := getenv("CRYOGRAPH_ADDR"); a != "" {
		return a
	}
	return UpDefaultAddr
}

func displayAddr(addr string) string {
	if len(addr) > 0 && addr[0] == ':' {
		return "localhost" + addr
	}
	if len(addr) > 5 && addr[:5] == "[::]:" {
		return "localhost:" + addr[5:]
	}
	return addr
}

// ingestShippedROR ingests the ROR records of the demo organizations (data/ror), so that they
// carry ROR's names, places and identifiers beside their curated facts (docs/ror.md).
func ingestShippedROR(ctx context.Context, st *store.Store, log *slog.Logger) error {
	inputs, err := ror.FS(data.ROR())
	if err != nil {
		return fmt.Errorf("ROR records of the demo: %w", err)
	}
	res, err := ror.Ingest(ctx, st, inputs, ror.Options{Retrieved: data.RORRetrieved, Importer: importer.Options{
		Change: cryo.ChangeMeta{Kind: cryo.ChangeIngest, By: "cryograph up", Role: "system", Comment: "ROR records shipped with the binary", Source: "ROR " + data.RORRetrieved}}})
	if err != nil {
		return fmt.Errorf("ingest the ROR records of the demo: %w", err)
	}
	args := []any{"records", res.Records, "of_curated_organizations", res.Curated}
	if res.Report != nil {
		t := res.Report.Totals()
		args = append(args, "created", t.Created, "updated", t.Updated, "unchanged", t.Unchanged)
	}
	log.Info("ROR records of the demo organizations ingested", args...)
	return nil
}
