package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"runtime"
	"runtime/debug"
	"time"

	"github.com/cryograph/cryograph/internal/cli"
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

func newLogger(e env, format string) *slog.Logger { return cli.NewLogger(e.stderr, format) }

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

// leaveCoresToNeo4j runs this process's Go code on half the machine's cores (at least one)
// while the Neo4j it talks to runs on the same machine, unless GOMAXPROCS is set; the
// returned func puts the old value back. With Go's default, one thread per core, the
// runtime's idle threads spin looking for work on the cores Neo4j needs: on 2 cores at 1M
// people, one core for Go answered 16 clients' profile and expert search requests with
// 8-42 % less of serve's CPU a request, and as many or more a second (docs/benchmarks.md).
func leaveCoresToNeo4j(e env) (procs int, restore func()) {
	if e.getenv("GOMAXPROCS") != "" {
		return runtime.GOMAXPROCS(0), func() {}
	}
	procs = max(1, runtime.NumCPU()/2)
	old := runtime.GOMAXPROCS(procs)
	return procs, func() { runtime.GOMAXPROCS(old) }
}

// servingGCPercent is the garbage collector's target (GOGC) while the API serves: a
// collection when the heap has grown by 400 % since the last, not 100 %. The API's live heap
// is small and nearly every allocation is a request's, so collecting a quarter as often
// costs little memory: at 1M people on 2 cores, `serve` used 11-20 % less CPU for the same
// 16 clients' requests, its peak RSS 87-94 MB -> 140-168 MB (docs/benchmarks.md, tenth
// session).
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
