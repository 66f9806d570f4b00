package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/cryograph/cryograph/internal/bulk"
	"github.com/cryograph/cryograph/internal/config"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/localneo4j"
	"github.com/cryograph/cryograph/internal/store"
)

func cmdBulkLoad(ctx context.Context, e env, args []string) error {
	cfg, err := loadConfig(e)
	if err != nil {
		return err
	}
	o := localOptions(e)
	fs := newFlagSet(e, "bulk-load", "bulk-load [flags] FILE...", `
A first load of a large dataset into an empty local database, offline, with neo4j-admin's bulk
importer: at 1M synthetic people about twice as fast as 'load' (docs/benchmarks.md).

Every row is validated exactly as 'load' validates it; if any is rejected nothing is written
(unless --skip-invalid). The valid rows become neo4j-admin import files, with the same
properties, content hashes, sources and name keys as 'load' writes. Then it runs
'neo4j-admin database import full' into --data-dir, starts the server there, applies the
migrations (constraints and indexes are built on the imported data), refreshes the derived
data and stops the server again (or leaves it running with --keep-running).

It replaces the whole database "neo4j" of --data-dir, so the server of that directory must be
stopped, and a directory that already holds a database needs --replace. For loads into a
database that holds data, and for any remote NEO4J_URI, use 'load'.

Exit status: 0 all rows loaded, 1 some rows rejected or the load failed, 2 bad usage.`, `
  cryograph neo4j stop
  cryograph bulk-load --replace big.jsonl && cryograph up --no-demo
  cryograph bulk-load --data-dir /tmp/big --bolt-port 7688 --http-port 7475 --heap-mb 4096 --keep-running big.jsonl`)
	neo4jFlags(fs, &o)
	replace := fs.Bool("replace", false, "replace the database of --data-dir when it already holds one")
	keep := fs.Bool("keep-running", false, "leave the server running afterwards (stop it with 'cryograph neo4j stop')")
	skipInvalid := fs.Bool("skip-invalid", false, "load the valid rows even when some are rejected")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	demo := fs.Bool("demo", false, "load the demo dataset built into the binary (no FILE needed)")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	var inputs []importer.Input
	if *demo {
		inputs = demoInputs()
	}
	for _, f := range fs.Args() {
		inputs = append(inputs, importer.File(f))
	}
	if len(inputs) == 0 {
		fs.Usage()
		return fmt.Errorf("%w: no files to load", errUsage)
	}
	if pid, err := localneo4j.Status(o); err == nil {
		return fmt.Errorf("%w: a Neo4j runs from %s (pid %d); stop it first: cryograph neo4j stop --data-dir %s", errUsage, o.HomeDir, pid, o.HomeDir)
	}
	if _, err := os.Stat(filepath.Join(o.HomeDir, "data", "databases", "neo4j")); err == nil && !*replace {
		return fmt.Errorf("%w: %s already holds a database; --replace replaces it with the files' contents", errUsage, o.HomeDir)
	}

	res, err := bulkLoad(ctx, cfg, o, inputs, importer.Options{BatchSize: 10000, SkipInvalid: *skipInvalid}, *keep)
	if res.Report != nil {
		if *asJSON {
			enc := json.NewEncoder(e.stdout)
			enc.SetIndent("", "  ")
			_ = enc.Encode(res)
		} else {
			printReport(e.stdout, res.Report)
			if len(res.Steps) > 0 {
				var steps []string
				for _, s := range res.Steps {
					steps = append(steps, fmt.Sprintf("%s %.1fs", s.Name, s.Seconds))
				}
				fmt.Fprintf(e.stdout, "offline steps: %s\n", strings.Join(steps, ", "))
			}
		}
	}
	if errors.Is(err, importer.ErrRejected) {
		return fmt.Errorf("%d rows rejected", res.Report.Rejected)
	}
	return err
}

// bulkResult is the importer's report of the validation and the offline steps' times.
type bulkResult struct {
	Report *importer.Report `json:"report"`
	Steps  []bulkStep       `json:"steps"`
	// Seconds is the whole time, from the first row read to the server stopped.
	Seconds float64 `json:"seconds"`
}

type bulkStep struct {
	Name    string  `json:"name"`
	Seconds float64 `json:"seconds"`
}

// bulkLoad validates the inputs into neo4j-admin files, imports them into o.HomeDir, and
// builds the schema and the derived data on a server it starts there.
func bulkLoad(ctx context.Context, cfg *config.Config, o localneo4j.Options, inputs []importer.Input, opts importer.Options, keepRunning bool) (bulkResult, error) {
	var res bulkResult
	start := time.Now()
	step := func(name string, t time.Time) {
		res.Steps = append(res.Steps, bulkStep{name, time.Since(t).Seconds()})
	}
	dir, err := os.MkdirTemp("", "cryograph-bulk-")
	if err != nil {
		return res, err
	}
	defer os.RemoveAll(dir)
	w, err := bulk.New(dir)
	if err != nil {
		return res, err
	}
	t := time.Now()
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
	o.Log = nil // the tool's output is returned with its error
	if _, err := localneo4j.AdminImport(ctx, o, w.Args()); err != nil {
		return res, err
	}
	step("neo4j-admin import", t)

	t = time.Now()
	srv, err := localneo4j.Start(ctx, o, keepRunning)
	if err != nil {
		return res, fmt.Errorf("start neo4j on the imported database: %w", err)
	}
	if !keepRunning {
		defer func() { _ = srv.Stop(context.Background()) }()
	}
	step("start neo4j", t)
	cfg.Neo4jURI, cfg.Neo4jPassword = o.BoltURI(), o.Password
	t = time.Now()
	st, err := openMigratedStore(ctx, cfg, time.Minute)
	if err != nil {
		return res, err
	}
	defer st.Close(context.Background())
	step("migrations and indexes", t)
	t = time.Now()
	if err := finishBulk(ctx, st, w); err != nil {
		return res, err
	}
	step("empty lists and derived data", t)
	res.Seconds = time.Since(start).Seconds()
	return res, nil
}

// finishBulk writes what neo4j-admin could not (empty lists) and refreshes the derived data.
func finishBulk(ctx context.Context, st *store.Store, w *bulk.Writer) error {
	if err := st.SetEmptyLists(ctx, w.EmptyLists); err != nil {
		return err
	}
	return st.RefreshDerived(ctx)
}
