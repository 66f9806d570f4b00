package main

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	"github.com/cryograph/cryograph/internal/bench"
	"github.com/cryograph/cryograph/internal/cli"
	"github.com/cryograph/cryograph/internal/config"
	"github.com/cryograph/cryograph/internal/localneo4j"
	"github.com/cryograph/cryograph/internal/store"
)

// connectWait is how long the benchmarks wait for Neo4j to answer.
const connectWait = 60 * time.Second

// loadConfig reads the environment; flags are bound over it and it is validated after parsing.
func loadConfig(e env) (*config.Config, error) {
	cfg, err := config.FromEnv(e.getenv)
	if err != nil {
		return nil, err
	}
	return &cfg, nil
}

func newLogger(e env, format string) *slog.Logger { return cli.NewLogger(e.stderr, format) }

// connect opens what a benchmark measures through, the store (migrated first with migrate, as
// serve does at start, logging the progress of long migrations to stderr), and the
// benchmark's own way in beside it, for the Cypher the store does not run and the raw side.
// Both run on the process's one driver; closing the store closes it.
func connect(ctx context.Context, e env, cfg *config.Config, migrate bool) (*store.Store, *bench.DB, error) {
	if err := cfg.Validate(); err != nil {
		return nil, nil, fmt.Errorf("%w: %v", errUsage, err)
	}
	st, err := store.Connect(ctx, *cfg, connectWait)
	if err != nil {
		return nil, nil, fmt.Errorf("%w (is it running? `cryograph neo4j start` starts a local one)", err)
	}
	if migrate {
		st.SetLog(newLogger(e, cfg.LogFormat))
		if err := st.MigrateOrClose(ctx); err != nil {
			return nil, nil, err
		}
	}
	db, err := bench.New(st.Driver(), st.Database())
	if err != nil {
		_ = st.Close(context.Background())
		return nil, nil, err
	}
	return st, db, nil
}

// localOptions are the local Neo4j settings from the environment (localneo4j.FromEnv).
func localOptions(e env) localneo4j.Options { return localneo4j.FromEnv(e.getenv, e.stderr) }

// servingGCPercent is the garbage collector's target (GOGC) of cryograph serve, which the API
// benchmark's in-process server runs with; keep it equal to cmd/cryograph's.
const servingGCPercent = 400

// collectLessOften sets the garbage collector's target to servingGCPercent unless GOGC is
// set, and logs the target in force; the returned func puts the old one back.
func collectLessOften(e env, log *slog.Logger) (restore func()) {
	if v := e.getenv("GOGC"); v != "" {
		log.Info("garbage collector as GOGC sets it", "gogc", v)
		return func() {}
	}
	old := debug.SetGCPercent(servingGCPercent)
	log.Info("garbage collector runs less often while serving (GOGC to choose)", "gogc", servingGCPercent)
	return func() { debug.SetGCPercent(old) }
}
