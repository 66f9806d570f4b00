package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/cryograph/cryograph/internal/bulk"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/localneo4j"
	"golang.org/x/term"
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

Unless GOGC or GOMEMLIMIT is set, the Go side runs with GOGC=400 under a soft limit of 2 GiB
(a fifth less CPU for parsing rows; more memory, still bounded).

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
	inputs, err := loadInputs(fs, *demo)
	if err != nil {
		return err
	}
	if pid, err := localneo4j.Status(o); err == nil {
		return fmt.Errorf("%w: a Neo4j runs from %s (pid %d); stop it first: cryograph neo4j stop --data-dir %s", errUsage, o.HomeDir, pid, o.HomeDir)
	}
	if _, err := os.Stat(filepath.Join(o.HomeDir, "data", "databases", "neo4j")); err == nil && !*replace {
		return fmt.Errorf("%w: %s already holds a database; --replace replaces it with the files' contents", errUsage, o.HomeDir)
	}

	opts := importer.Options{BatchSize: 10000, SkipInvalid: *skipInvalid}
	barDone := func() {}
	if f, ok := e.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) && !*asJSON {
		opts.Progress, barDone = progressBar(e.stderr)
	}
	res, err := bulk.Load(ctx, *cfg, o, inputs, opts, *keep)
	barDone() // the report starts on a line of its own
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
