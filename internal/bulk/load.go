package bulk

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/cryograph/cryograph/internal/config"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/localneo4j"
	"github.com/cryograph/cryograph/internal/store"
)

// Result is the importer's report of the validation and the offline steps' times.
type Result struct {
	Report *importer.Report `json:"report"`
	Steps  []Step           `json:"steps"`
	// Seconds is the whole time, from the first row read to the end (the server stopped,
	// unless it is kept running).
	Seconds float64 `json:"seconds"`
}

// Step is one offline step and how long it took.
type Step struct {
	Name    string  `json:"name"`
	Seconds float64 `json:"seconds"`
}

// Load validates the inputs into neo4j-admin files, imports them into the database "neo4j"
// of o.HomeDir (replacing it; the server must be stopped), then starts the server there,
// applies the migrations (the schema is built on the imported data), sets the empty lists
// and refreshes the derived data. cfg gives the driver settings; the address, user, password
// and database are the local server's. The server is stopped at the end unless keepRunning.
func Load(ctx context.Context, cfg config.Config, o localneo4j.Options, inputs []importer.Input, opts importer.Options, keepRunning bool) (Result, error) {
	var res Result
	start := time.Now()
	defer lessGC()()
	log := o.Log // progress for humans; the server's own lines are left out
	o.Log = nil
	step := func(name string, t time.Time) {
		res.Steps = append(res.Steps, Step{name, time.Since(t).Seconds()})
		if log != nil {
			fmt.Fprintf(log, "bulk-load: %s done in %.1fs\n", name, time.Since(t).Seconds())
		}
	}
	dir, err := os.MkdirTemp("", "cryograph-bulk-")
	if err != nil {
		return res, err
	}
	defer os.RemoveAll(dir)
	w, err := New(dir)
	if err != nil {
		return res, err
	}
	t := time.Now()
	// The files are thrown away unless every row is valid, so the rows can go to them while
	// they are validated, one reading of the files instead of three (not with SkipInvalid,
	// which keeps the valid rows of a file with bad ones).
	opts.OnePass = !opts.SkipInvalid && !opts.DryRun
	rep, err := importer.Load(ctx, w, inputs, opts)
	res.Report = rep
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	step("validate and write import files", t)
	if err != nil || !rep.Applied {
		return res, err
	}

	t = time.Now()
	out, err := localneo4j.AdminImport(ctx, o, w.Args())
	// neo4j-admin's own report (its stages and their times) is kept in the data dir's logs.
	if werr := os.WriteFile(filepath.Join(o.HomeDir, "logs", "bulk-load-import.log"), []byte(out), 0o644); werr != nil && err == nil {
		err = werr
	}
	if err != nil {
		return res, err
	}
	step("neo4j-admin import", t)

	t = time.Now()
	srv, err := localneo4j.Start(ctx, o, keepRunning)
	if err != nil {
		return res, fmt.Errorf("start neo4j on the imported database: %w", err)
	}
	// Stopped on the way out unless it is to keep running and all went well.
	stopped, ok := false, false
	defer func() {
		if !stopped && !(keepRunning && ok) {
			_ = srv.Stop(context.Background())
		}
	}()
	step("start neo4j", t)
	// The local server: its only user, and the database neo4j-admin imported into.
	cfg.Neo4jURI, cfg.Neo4jUsername, cfg.Neo4jPassword, cfg.Neo4jDatabase = o.BoltURI(), "neo4j", o.Password, "neo4j"
	t = time.Now()
	st, err := store.Connect(ctx, cfg, time.Minute)
	if err != nil {
		return res, err
	}
	if err := st.MigrateOrClose(ctx); err != nil {
		return res, err
	}
	step("migrations and indexes", t)
	t = time.Now()
	err = finishBulk(ctx, st, w)
	_ = st.Close(context.Background())
	if err != nil {
		return res, err
	}
	step("empty lists and derived data", t)
	ok = true
	if !keepRunning {
		t = time.Now()
		stopped = true
		if err := srv.Stop(context.Background()); err != nil {
			return res, fmt.Errorf("stop neo4j: %w", err)
		}
		step("stop neo4j", t)
	}
	res.Seconds = time.Since(start).Seconds()
	return res, nil
}

// lessGC raises GOGC to 400 under a soft memory limit of 2 GiB, unless the environment sets
// GOGC or GOMEMLIMIT, and returns the function that restores the settings. Writing the files
// is CPU-bound on decoding and parsing rows, and with the default GOGC=100 a fifth of that CPU
// went to the garbage collector: at 100k people the step took 7.7 s with GOGC=100 and 6.1 s
// with 400 (peak RSS 88 MB -> 206 MB). The limit keeps the larger heap bounded.
func lessGC() func() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	oldPercent := debug.SetGCPercent(400)
	oldLimit := debug.SetMemoryLimit(2 << 30)
	return func() {
		debug.SetGCPercent(oldPercent)
		debug.SetMemoryLimit(oldLimit)
	}
}

// finishBulk writes what neo4j-admin could not (empty lists) and refreshes the derived data.
func finishBulk(ctx context.Context, st *store.Store, w *Writer) error {
	if err := st.SetEmptyLists(ctx, w.EmptyLists); err != nil {
		return err
	}
	return st.RefreshDerived(ctx)
}
