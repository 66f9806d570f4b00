package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/ingest/ror"
	"golang.org/x/term"
)

func cmdIngest(ctx context.Context, e env, args []string) error {
	if len(args) > 0 && strings.HasPrefix(args[0], "-") { // ingest --help: ror is the one source
		return cmdIngestROR(ctx, e, args)
	}
	if len(args) == 0 || args[0] != "ror" {
		fmt.Fprintln(e.stderr, "usage: cryograph ingest ror [flags] FILE...   (see cryograph ingest ror --help)")
		return fmt.Errorf("%w: ingest needs a source: ror", errUsage)
	}
	return cmdIngestROR(ctx, e, args[1:])
}

func cmdIngestROR(ctx context.Context, e env, args []string) error {
	cfg, err := loadConfig(e)
	if err != nil {
		return err
	}
	fs := newFlagSet(e, "ingest ror", "ingest ror [flags] FILE...", `
Loads organizations from the Research Organization Registry (ROR, CC0), schema v2: a file
holding one record, a JSON array of records, or a ROR data dump (the release .zip or its
*_schema_v2.json file). The input is streamed, twice at most, so memory does not grow with it.

Each record becomes a source (https://ror.org/<id>), an organization org:ror-<id> and its
registry record (ROR's own values: names with languages, types, location, links, external
ids, status), written through the same path as 'cryograph load': a bad record stops the ingest
before anything is written, and a second ingest of the same records changes nothing.
An organization that already holds the record's ROR id (its "ror" field) is that organization:
its curated facts are kept and ROR's values are stored beside them (docs/ror.md). Parent/child
become PART_OF, related RELATED_TO, predecessor/successor SUCCEEDED_BY, when both ends are
loaded; otherwise the other ROR id is kept in the registry record's "pending" list.

Exit status: 0 loaded, 1 a bad record or rejected rows (nothing written), 2 bad usage.`, `
  cryograph ingest ror data/ror/*.json
  cryograph ingest ror --country CN v1.55-2024-10-31-ror-data.zip
  cryograph ingest ror --ids 04c4dkn09,02atag894 v1.55-2024-10-31-ror-data_schema_v2.json
  cryograph ingest ror --related-to 04c4dkn09 --dry-run dump.zip`)
	cfg.RegisterNeo4jFlags(fs)
	opts := ror.Options{}
	ids := fs.String("ids", "", "comma-separated ROR ids to load (with or without https://ror.org/)")
	fs.StringVar(&opts.Filter.Country, "country", "", "load only records located in this country (ISO 3166 alpha-2)")
	fs.StringVar(&opts.Filter.RelatedTo, "related-to", "", "load this ROR id and its parents and children, transitively, as the input holds them")
	fs.StringVar(&opts.Retrieved, "retrieved", "", "the date the input was retrieved, YYYY-MM-DD (default today)")
	fs.IntVar(&opts.Importer.BatchSize, "batch-size", 1000, "rows per transaction")
	fs.BoolVar(&opts.Importer.DryRun, "dry-run", false, "read and validate everything, write nothing")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	var wait time.Duration
	waitFlag(fs, &wait)
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return fmt.Errorf("%w: no ROR files to ingest", errUsage)
	}
	if *ids != "" {
		opts.Filter.IDs = strings.Split(*ids, ",")
	}
	var inputs []ror.Input
	for _, f := range fs.Args() {
		if _, err := os.Stat(f); err != nil {
			return err
		}
		inputs = append(inputs, ror.File(f))
	}
	opts.Importer.MemoryLimit = limitMemory(1024)
	// A progress line on stderr: redrawn on a terminal, else one line per 10,000 records.
	tty := false
	if f, ok := e.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		tty = true
	}
	start := time.Now()
	opts.Progress = func(pass, n int) {
		rate := float64(n) / time.Since(start).Seconds()
		if tty {
			fmt.Fprintf(e.stderr, "\rror: pass %d/2, %d records (%.0f records/s)   ", pass, n, rate)
		} else {
			fmt.Fprintf(e.stderr, "ror: pass %d/2, %d records (%.0f records/s)\n", pass, n, rate)
		}
	}
	st, err := openMigratedStore(ctx, e, cfg, wait)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	res, err := ror.Ingest(ctx, st, inputs, opts)
	if tty {
		fmt.Fprintln(e.stderr)
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(res)
	} else if res != nil {
		fmt.Fprintf(e.stdout, "ROR: %d records read, %d selected (%d held by curated organizations), %.0f records/s\n",
			res.Records, res.Selected, res.Curated, float64(res.Records)/time.Since(start).Seconds())
		if res.Report != nil {
			printReport(e.stdout, res.Report)
		}
	}
	var se *ror.ShapeError
	switch {
	case errors.As(err, &se):
		return fmt.Errorf("%w; nothing was written", err)
	case errors.Is(err, importer.ErrRejected):
		return fmt.Errorf("%d rows rejected", res.Report.Rejected)
	}
	return err
}
