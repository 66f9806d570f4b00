package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/cryograph/cryograph/internal/bench"
)

// cmdLoad is what was `cryograph bench-load`.
func cmdLoad(ctx context.Context, e env, args []string) error {
	cfg, err := loadConfig(e)
	if err != nil {
		return err
	}
	fs := newFlagSet(e, "load", "load --yes-delete-everything --file FILE --import-dir DIR [flags]", `
Loads the same rows every way, in one run, into the (emptied!) database: the CryoGraph loader at
several batch sizes with one writer and with two, LOAD CSV with CALL {} IN TRANSACTIONS OF
10000 ROWS twice (minimal columns; then the same graph as the loader: every property, the
hashes and the name keys), one statement per row (on the first rows), neo4j-admin
database import full into a new store, and 'cryograph bulk-load' into another new store (on a
server of its own, sized by --bulk-heap-mb and --bulk-pagecache-mb). The one-writer sweep runs first (it also warms the server up), then the
reference ways, then the two-writer run, whose graph stays in the database after the
derived-data refresh (timed too), so the API benchmark can use it.
Prints the report as JSON. It deletes every node in the database first: run it against a
throw-away server, as 'make bench' does. (This was 'cryograph bench-load'; the flags are the same.)`, `
  cryograph generate --people 100000 --seed 1 --out /tmp/syn-100k.jsonl
  cryograph neo4j exec -- sh -c 'cryograph-bench load --yes-delete-everything --file /tmp/syn-100k.jsonl --import-dir "$CRYOGRAPH_NEO4J_IMPORT_DIR"'
  # a quicker partial run: one batch size, no second writer, no per-row sample
  cryograph-bench load --yes-delete-everything --file F --batch-sizes 10000 --two-writers-batch -1 --sample-rows 0 --skip-admin`)
	cfg.RegisterNeo4jFlags(fs)
	file := fs.String("file", "", "dataset in the import format")
	importDir := fs.String("import-dir", e.getenv("CRYOGRAPH_NEO4J_IMPORT_DIR"), "the server's import directory (LOAD CSV reads from it)")
	sample := fs.Int("sample-rows", 5000, "rows for the one-statement-per-row run (0: skip it)")
	batchSizes := fs.String("batch-sizes", "1000,5000,10000,20000,50000", "comma-separated batch sizes to sweep with one writer")
	twoWriters := fs.Int("two-writers-batch", 0, "batch size of the run with two writers (0: 10000 or the largest swept; -1: skip it)")
	skipLoadCSV := fs.Bool("skip-load-csv", false, "leave out the two LOAD CSV runs")
	skipAdmin := fs.Bool("skip-admin", false, "leave out the neo4j-admin import run")
	skipSweep := fs.Bool("skip-sweep", false, "leave out the one-writer loader runs")
	skipBulk := fs.Bool("skip-bulk", false, "leave out the offline bulk-load run")
	local := localOptions(e)
	local.HeapMB, local.PageCacheMB = 4096, 4096
	fs.IntVar(&local.HeapMB, "bulk-heap-mb", local.HeapMB, "JVM heap in `MB` of the server bulk-load starts on its new store")
	fs.IntVar(&local.PageCacheMB, "bulk-pagecache-mb", local.PageCacheMB, "page cache in `MB` of that server")
	yes := fs.Bool("yes-delete-everything", false, "confirm that the database may be emptied")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	var sizes []int
	for _, f := range strings.Split(*batchSizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return fmt.Errorf("%w: --batch-sizes: %q is not a positive number", errUsage, f)
		}
		sizes = append(sizes, n)
	}
	if *file == "" || (*importDir == "" && !*skipLoadCSV) {
		return fmt.Errorf("%w: --file and --import-dir are required", errUsage)
	}
	if !*yes {
		return fmt.Errorf("%w: load empties the database %s at %s; pass --yes-delete-everything", errUsage, cfg.Neo4jDatabase, cfg.Neo4jURI)
	}
	st, db, err := connect(ctx, e, cfg, true)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	rep, err := bench.Run(ctx, bench.Config{Store: st, DB: db, File: *file, ImportDir: *importDir, Local: local, StoreConfig: *cfg,
		BatchSizes: sizes, TwoWritersBatch: *twoWriters, SampleRows: *sample, SkipLoadCSV: *skipLoadCSV, SkipAdmin: *skipAdmin,
		SkipSweep: *skipSweep, SkipBulk: *skipBulk, Log: e.stderr})
	if rep != nil {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(rep)
	}
	return err
}
