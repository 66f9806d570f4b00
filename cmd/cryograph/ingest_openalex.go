package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/cryograph/cryograph/internal/config"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/ingest/openalex"
	"golang.org/x/term"
)

// openAlexFiles is the --file flag, which may be given several times.
type openAlexFiles []string

func (r *openAlexFiles) String() string     { return fmt.Sprint(*r) }
func (r *openAlexFiles) Set(v string) error { *r = append(*r, v); return nil }

func cmdIngestOpenAlex(ctx context.Context, e env, args []string) error {
	cfg, err := loadConfig(e)
	if err != nil {
		return err
	}
	fs := newFlagSet(e, "ingest openalex", "ingest openalex [flags] --file FILE... | ingest openalex [flags] --search TEXT | --topic T | --author ID | --institution ROR ...", openAlexHelp, openAlexExamples)
	cfg.RegisterNeo4jFlags(fs)
	opts := openalex.Options{}
	var files openAlexFiles
	fs.Var(&files, "file", "an OpenAlex file to load (repeatable): JSON Lines (.gz too), a record, an API page")
	q := openalex.Query{}
	fs.StringVar(&q.Search, "search", "", "API: full-text search")
	fs.StringVar(&q.Topic, "topic", "", "API: an OpenAlex topic id (T10102)")
	fs.StringVar(&q.Author, "author", "", "API: an ORCID iD or OpenAlex author id")
	fs.StringVar(&q.Institution, "institution", "", "API: a ROR id")
	fs.IntVar(&q.FromYear, "from-year", 0, "API: works published in this year or later")
	fs.StringVar(&q.Since, "since", "", "API: works whose record changed on or after this date (YYYY-MM-DD)")
	c := &openalex.Client{}
	fs.StringVar(&c.Base, "api-base", envOr(e, "OPENALEX_API_BASE", openalex.DefaultBase), "the API's base URL (env OPENALEX_API_BASE)")
	fs.StringVar(&c.Mailto, "mailto", e.getenv("OPENALEX_MAILTO"), "your e-mail address, for OpenAlex's polite pool (env OPENALEX_MAILTO)")
	fs.StringVar(&c.CacheDir, "cache-dir", defaultOpenAlexCache(e), "where API answers and the state of runs are kept")
	fs.BoolVar(&c.Refresh, "refresh", false, "API: start the query again, asking even for pages in the cache")
	fs.IntVar(&c.MaxPages, "max-pages", 0, "API: stop after this many pages (0: all); a later run resumes")
	fs.StringVar(&opts.Retrieved, "retrieved", "", "the date the files were retrieved, YYYY-MM-DD (default today; API runs: the run's first day)")
	fs.IntVar(&opts.Importer.BatchSize, "batch-size", 1000, "rows per transaction")
	fs.BoolVar(&opts.Importer.DryRun, "dry-run", false, "read and validate everything, write nothing")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	crosswalk := fs.String("crosswalk", "", "a crosswalk file in the format of data/openalex/crosswalk.json (default: the shipped one)")
	var merged openAlexFiles
	fs.Var(&merged, "merged-ids", "a merged_ids/works CSV of an OpenAlex snapshot (.csv.gz too; repeatable): mark the works the graph holds by a merged id as superseded, never deleted")
	var wait time.Duration
	waitFlag(fs, &wait)
	if err := parse(e, fs, args); err != nil {
		return err
	}
	c.APIKey = e.getenv("OPENALEX_API_KEY")
	api := q != (openalex.Query{})
	if fs.NArg() > 0 {
		files = append(files, fs.Args()...)
	}
	if len(merged) > 0 {
		if api || len(files) > 0 {
			return fmt.Errorf("%w: --merged-ids runs on its own, without --file or an API query", errUsage)
		}
		return markOpenAlexMerged(ctx, e, cfg, wait, merged, opts, *asJSON)
	}
	if api == (len(files) > 0) {
		fs.Usage()
		return fmt.Errorf("%w: give either --file FILE... or an API query (--search, --topic, --author, --institution, --from-year, --since)", errUsage)
	}
	if _, err := q.Params(); api && err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if *crosswalk != "" {
		b, err := os.ReadFile(*crosswalk)
		if err != nil {
			return err
		}
		if opts.Crosswalk, err = openalex.ParseCrosswalk(b); err != nil {
			return err
		}
	}
	var inputs []openalex.Input
	for _, f := range files {
		if _, err := os.Stat(f); err != nil {
			return err
		}
		inputs = append(inputs, openalex.File(f))
	}
	opts.Importer.MemoryLimit = limitMemory(1024)
	opts.Progress = progressLine(e)
	st, err := openMigratedStore(ctx, e, cfg, wait)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	start := time.Now()
	if api {
		if inputs, err = fetchOpenAlex(ctx, e, c, q, &opts); err != nil {
			return err
		}
	}
	res, err := openalex.Ingest(ctx, st, inputs, opts)
	printOpenAlex(e, res, *asJSON, start)
	var se *openalex.ShapeError
	switch {
	case errors.As(err, &se):
		return fmt.Errorf("%w; nothing was written", err)
	case errors.Is(err, importer.ErrRejected):
		return fmt.Errorf("%d rows rejected", res.Report.Rejected)
	}
	return err
}

func printOpenAlex(e env, res *openalex.Result, asJSON bool, start time.Time) {
	if asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(res)
		return
	}
	if res == nil {
		return
	}
	fmt.Fprintf(e.stdout, "OpenAlex: %d records read: %d works, %d authors, %d institutions (linked to existing entities: %d publications, %d people, %d organizations), %d topic links (crosswalk %s), %.0f records/s\n",
		res.Records, res.Works, res.Authors, res.Institutions, res.LinkedPublications, res.LinkedPeople, res.LinkedOrganizations,
		res.TopicLinks, res.Crosswalk, float64(res.Records)/time.Since(start).Seconds())
	if res.Skipped > 0 {
		fmt.Fprintf(e.stdout, "%d records skipped (nothing of them written):\n", res.Skipped)
		for _, p := range res.Problems {
			fmt.Fprintf(e.stdout, "  %s: line %d: %s: %s\n", p.Input, p.Line, p.ID, p.Reason)
		}
	}
	for _, l := range res.LookAlikes {
		fmt.Fprintf(e.stdout, "look-alike (not merged; see cryograph duplicates): %s (%s) ~", l.ID, l.Name)
		for _, c := range l.Candidates {
			fmt.Fprintf(e.stdout, " %s (%s, %s)", c.ID, c.Name, c.Match)
		}
		fmt.Fprintln(e.stdout)
	}
	if res.Report != nil {
		printReport(e.stdout, res.Report)
	}
}

// progressLine writes a progress line on stderr: redrawn on a terminal, else one line each time.
func progressLine(e env) func(pass, n int) {
	tty := false
	if f, ok := e.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		tty = true
	}
	start := time.Now()
	return func(pass, n int) {
		rate := float64(n) / time.Since(start).Seconds()
		if tty {
			fmt.Fprintf(e.stderr, "\ropenalex: pass %d/2, %d records (%.0f records/s)   ", pass, n, rate)
		} else {
			fmt.Fprintf(e.stderr, "openalex: pass %d/2, %d records (%.0f records/s)\n", pass, n, rate)
		}
	}
}

func envOr(e env, key, def string) string {
	if v := e.getenv(key); v != "" {
		return v
	}
	return def
}

// defaultOpenAlexCache is $CRYOGRAPH_CACHE_DIR/openalex, else the user's cache directory.
func defaultOpenAlexCache(e env) string {
	if v := e.getenv("CRYOGRAPH_CACHE_DIR"); v != "" {
		return filepath.Join(v, "openalex")
	}
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "cryograph", "openalex")
	}
	return filepath.Join(os.TempDir(), "cryograph-openalex")
}

const openAlexHelp = `
Loads works, their authors and institutions from OpenAlex (CC0): from files (--file, repeated:
snapshot parts of works/, authors/ or institutions/, gzipped JSON Lines or not, a single
record, or an API answer saved from a browser) or from the OpenAlex API (a query of --search,
--topic, --author, --institution, --from-year, --since). Files are streamed twice, so memory
does not grow with them; a progress line goes to stderr.

Works become publications (DOI, title, year, date, venue, type, cited-by count, OpenAlex id),
authorships AUTHORED links (position, corresponding, raw affiliation strings), authors people
(OpenAlex id, ORCID, name; aliases from author records), institutions organizations merged by
ROR id (org:ror-<id>, as 'ingest ror' names them); an affiliation seen on works becomes
AFFILIATED_WITH {key: "openalex"} with the first and last year seen and the works as
evidence; topics and keywords map onto CryoGraph's topics through data/openalex/crosswalk.json
(ABOUT with a score; WORKS_ON for the authors, with the works), the unmapped OpenAlex topics are
kept on the publication. Every fact cites its OpenAlex record (https://openalex.org/<id>).
An entity that already holds the DOI, ORCID, ROR or OpenAlex id is that entity: it is linked,
its properties untouched. Names never merge: new people whose names look like existing ones
are reported (and listed by 'cryograph duplicates'). A second run of the same input changes
nothing. Everything goes through the same write path as 'cryograph load' (docs/openalex.md).

The API is asked politely (--mailto or OPENALEX_MAILTO; an API key from OPENALEX_API_KEY), 200
works a page with cursor paging, with back-off on 429 (Retry-After) and 5xx; every answer is
kept in --cache-dir, and a run that stopped part-way resumes from its last cursor.

Exit status: 0 loaded (records that cannot be used are skipped and listed), 1 bad input or
rejected rows (nothing written), 2 bad usage.`

const openAlexExamples = `
  cryograph ingest openalex --file works.jsonl
  cryograph ingest openalex --file openalex-snapshot/data/works/updated_date=2024-05-01/part_000.gz --dry-run
  cryograph ingest openalex --mailto you@example.org --search "organ vitrification" --from-year 2015
  cryograph ingest openalex --author 0000-0001-6187-6610 --json
  cryograph ingest openalex --institution 00cvxb145 --since 2026-11-01`

// fetchOpenAlex pages through the API's answer to q into the cache and returns the pages as
// inputs; the run's first day becomes the records' retrieval date.
func fetchOpenAlex(ctx context.Context, e env, c *openalex.Client, q openalex.Query, opts *openalex.Options) ([]openalex.Input, error) {
	c.Log = func(format string, args ...any) { fmt.Fprintf(e.stderr, format+"\n", args...) }
	got, err := c.Fetch(ctx, q)
	if err != nil {
		n := 0
		if got != nil {
			n = len(got.Pages)
		}
		return nil, fmt.Errorf("%w (%d pages kept in %s; run the same command again to resume)", err, n, c.CacheDir)
	}
	if !got.Done {
		fmt.Fprintf(e.stderr, "openalex: stopped after %d pages of %d works; run the same command again to go on\n", len(got.Pages), got.Count)
	}
	var inputs []openalex.Input
	for _, p := range got.Pages {
		inputs = append(inputs, openalex.File(p))
	}
	if opts.Retrieved == "" {
		opts.Retrieved = got.Retrieved
	}
	return inputs, nil
}

// markOpenAlexMerged marks the works merged upstream (ingest openalex --merged-ids).
func markOpenAlexMerged(ctx context.Context, e env, cfg *config.Config, wait time.Duration, paths []string, opts openalex.Options, asJSON bool) error {
	st, err := openMigratedStore(ctx, e, cfg, wait)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	res, err := openalex.MarkMerged(ctx, st, st, paths, opts)
	if res != nil {
		if asJSON {
			enc := json.NewEncoder(e.stdout)
			enc.SetIndent("", "  ")
			_ = enc.Encode(res)
		} else {
			fmt.Fprintf(e.stdout, "OpenAlex merged works: %d merged ids read, %d held by the graph (marked superseded_by, never deleted)\n", res.Merged, res.Held)
			if res.Report != nil {
				printReport(e.stdout, res.Report)
			}
		}
	}
	return err
}
