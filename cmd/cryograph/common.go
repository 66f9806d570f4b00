package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"time"

	"github.com/cryograph/cryograph/internal/config"
	"github.com/cryograph/cryograph/internal/store"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// loadConfig reads the environment, binds flags over it and validates after parsing.
func loadConfig(e env) (*config.Config, error) {
	cfg, err := config.FromEnv(e.getenv)
	if err != nil {
		return nil, err
	}
	return &cfg, nil
}

func newLogger(e env, format string) *slog.Logger {
	opts := &slog.HandlerOptions{Level: slog.LevelInfo}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(e.stderr, opts))
	}
	return slog.New(slog.NewTextHandler(e.stderr, opts))
}

// openStore creates the process's one driver and waits up to wait for Neo4j to answer.
func openStore(ctx context.Context, cfg *config.Config, wait time.Duration) (*store.Store, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %v", errUsage, err)
	}
	st, err := store.Connect(ctx, *cfg, wait)
	if err != nil {
		return nil, fmt.Errorf("%w (is it running? `cryograph neo4j start` starts a local one)", err)
	}
	return st, nil
}

// openMigratedStore is openStore for commands that write or need the whole schema: it also
// applies pending migrations, as serve does at start, logging the progress of long ones to
// stderr.
func openMigratedStore(ctx context.Context, e env, cfg *config.Config, wait time.Duration) (*store.Store, error) {
	st, err := openStore(ctx, cfg, wait)
	if err != nil {
		return nil, err
	}
	st.SetLog(newLogger(e, cfg.LogFormat))
	if err := st.MigrateOrClose(ctx); err != nil {
		return nil, err
	}
	return st, nil
}

func waitFlag(fs *flag.FlagSet, d *time.Duration) {
	fs.DurationVar(d, "wait", 30*time.Second, "how long to wait for Neo4j to answer")
}
