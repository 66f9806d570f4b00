package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/ingest/orcid"
)

// repeated is a flag that may be given several times.
type repeated []string

func (r *repeated) String() string     { return strings.Join(*r, ",") }
func (r *repeated) Set(v string) error { *r = append(*r, v); return nil }

func cmdIngestORCID(ctx context.Context, e env, args []string) error {
	cfg, err := loadConfig(e)
	if err != nil {
		return err
	}
	fs := newFlagSet(e, "ingest orcid", "ingest orcid --file F [--file F...] | ingest orcid --id ORCID [--api-base URL]", `
Loads public ORCID records: the JSON of the public API v3.0 (/v3.0/<orcid>/record, the full
record with person and activities-summary) or the XML of ORCID's public data file
(record:record). --file takes a record, a JSON array of records, a directory of record files,
or a .tar.gz of them (the public data file); it may be repeated. --id fetches records from the
public API instead (it needs the internet; --api-base points elsewhere, a mirror or a test
server). Every input is read twice, streamed: a bad record (truncated, not a record, an ORCID
with a bad check character, no public name) stops the ingest before anything is written,
naming its file, index and ORCID.

Each record becomes a source (https://orcid.org/<orcid>), a person person:orcid-<orcid> with
its other names as aliases, AFFILIATED_WITH links from its employments and educations
(since/until as precise as the record gives them, key orcid-<put-code>) and AUTHORED links to
its works. A person that already holds the ORCID (a curated row) is that person and keeps its
name and facts. Organizations are found only by their disambiguated id: a ROR id lands on
the organization holding it (else org:ror-<id>), RINGGOLD, GRID and FUNDREF ids on
org:orcid-<source>-<id>; an affiliation without one is skipped and counted, never matched by
name. Works land on the publication holding their DOI, else pub:orcid-<orcid>-<put-code>.
A second ingest of the same records changes nothing (docs/orcid.md).

Exit status: 0 loaded, 1 a bad record or rejected rows (nothing written), 2 bad usage.`, `
  cryograph ingest orcid --file 0000-0002-1825-0097.json
  cryograph ingest orcid --file ORCID_2024_10_summaries.tar.gz --retrieved 2024-10-31
  cryograph ingest orcid --file records/ --dry-run --json
  cryograph ingest orcid --id 0000-0002-1825-0097 --id https://orcid.org/0000-0001-5109-3700`)
	cfg.RegisterNeo4jFlags(fs)
	var files, ids repeated
	fs.Var(&files, "file", "an ORCID record file (JSON or XML), a JSON array, a directory or a .tar.gz; repeatable")
	fs.Var(&ids, "id", "an ORCID iD to fetch from the public API v3.0; repeatable")
	apiBase := fs.String("api-base", orcid.PublicAPI, "the public API's base URL, for --id")
	opts := orcid.Options{}
	fs.StringVar(&opts.Retrieved, "retrieved", "", "the date the records were retrieved, YYYY-MM-DD (default today)")
	fs.IntVar(&opts.Importer.BatchSize, "batch-size", 1000, "rows per transaction")
	fs.BoolVar(&opts.Importer.DryRun, "dry-run", false, "read and validate everything, write nothing")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	var wait time.Duration
	waitFlag(fs, &wait)
	if err := parse(e, fs, args); err != nil {
		return err
	}
	files = append(files, fs.Args()...)
	if len(files) == 0 && len(ids) == 0 {
		fs.Usage()
		return fmt.Errorf("%w: give --file or --id", errUsage)
	}
	inputs, err := orcid.Paths(files)
	if err != nil {
		return err
	}
	f := orcid.Fetcher{Base: *apiBase}
	for _, id := range ids {
		in, err := f.Fetch(ctx, id)
		if err != nil {
			return err
		}
		inputs = append(inputs, in)
	}
	opts.Importer.MemoryLimit = limitMemory(1024)
	st, err := openMigratedStore(ctx, e, cfg, wait)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	start := time.Now()
	res, err := orcid.Ingest(ctx, st, inputs, opts)
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(res)
	} else if res != nil {
		fmt.Fprintf(e.stdout, "ORCID: %d records read (%d held by curated people), %d affiliations, %d works (%d matched by DOI), %d skipped, in %s\n",
			res.Records, res.Curated, res.Affiliations, res.Works, res.Matched, res.Skipped, time.Since(start).Round(time.Millisecond))
		for _, s := range res.Examples {
			fmt.Fprintf(e.stdout, "  skipped: %s\n", s)
		}
		if res.Report != nil {
			printReport(e.stdout, res.Report)
		}
	}
	var se *orcid.ShapeError
	switch {
	case errors.As(err, &se):
		return fmt.Errorf("%w; nothing was written", err)
	case errors.Is(err, importer.ErrRejected):
		return fmt.Errorf("%d rows rejected", res.Report.Rejected)
	}
	return err
}
