package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/ingest/ror"
	"golang.org/x/term"
)

func cmdIngest(ctx context.Context, e env, args []string) error {
	if len(args) > 0 && strings.HasPrefix(args[0], "-") { // ingest --help: ror is the one source
		return cmdIngestROR(ctx, e, args)
	}
	if len(args) > 0 && args[0] == "orcid" {
		return cmdIngestORCID(ctx, e, args[1:])
	}
	if len(args) > 0 && args[0] == "openalex" {
		return cmdIngestOpenAlex(ctx, e, args[1:])
	}
	if len(args) == 0 || args[0] != "ror" {
		fmt.Fprintln(e.stderr, "usage: cryograph ingest ror|orcid|openalex [flags] ...   (see cryograph ingest ror --help, ingest orcid --help, ingest openalex --help)")
		return fmt.Errorf("%w: ingest needs a source: ror, orcid or openalex", errUsage)
	}
	return cmdIngestROR(ctx, e, args[1:])
}

func cmdIngestROR(ctx context.Context, e env, args []string) error {
	cfg, err := loadConfig(e)
	if err != nil {
		return err
	}
	fs := newFlagSet(e, "ingest ror", "ingest ror [flags] FILE... | ingest ror --match [--apply] [--min-score S] FILE...", `
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

With --match it loads nothing: it proposes ROR ids for the graph's organizations that hold
none, comparing their name, aliases, acronyms, country and city with the records of the input
(streamed once), and prints each proposal with its score and reasons. --apply then writes the
"ror" id onto each organization whose proposal scores at least --min-score and is unambiguous
(no other record within 0.1, no other organization with the same best record, the id not
already held), citing a source that records the match; nothing else of the organization
changes (docs/ror.md, "Matching organizations to ROR").

Exit status: 0 loaded, 1 a bad record or rejected rows (nothing written), 2 bad usage.`, `
  cryograph ingest ror --match data/ror/*.json
  cryograph ingest ror --match --apply --min-score 0.95 v1.55-2024-10-31-ror-data.zip
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
	comment := fs.String("comment", "", `why: the comment of the changeset the ingest records (default "load FILE...")`)
	match := fs.Bool("match", false, "propose ROR ids for organizations that hold none, instead of loading records")
	apply := fs.Bool("apply", false, "with --match: write the ROR ids of unambiguous proposals at or above --min-score")
	minScore := fs.Float64("min-score", 0.9, "with --match --apply: the lowest score applied (0 to 1)")
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
	if *apply && !*match {
		return fmt.Errorf("%w: --apply goes with --match", errUsage)
	}
	if *minScore < 0 || *minScore > 1 {
		return fmt.Errorf("%w: --min-score must be between 0 and 1", errUsage)
	}
	if *match {
		if *ids != "" || opts.Filter.Country != "" || opts.Filter.RelatedTo != "" || opts.Importer.DryRun {
			return fmt.Errorf("%w: --match compares every record of the input; --ids, --country, --related-to and --dry-run do not apply", errUsage)
		}
		st, err := openMigratedStore(ctx, e, cfg, wait)
		if err != nil {
			return err
		}
		defer st.Close(context.Background())
		return matchROR(ctx, e, st, inputs, *apply, ror.ApplyOptions{MinScore: *minScore, Retrieved: opts.Retrieved}, *asJSON)
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
	opts.Importer.Change = cliChange(cryo.ChangeIngest, *comment, "ROR: "+strings.Join(fs.Args(), ", "))
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

// matchROR proposes ROR ids for the organizations that hold none, applies them with --apply,
// and prints the proposals as a table or as JSON.
func matchROR(ctx context.Context, e env, st interface {
	ror.MatchGraph
	ror.MatchSink
}, inputs []ror.Input, apply bool, opts ror.ApplyOptions, asJSON bool) error {
	res, err := ror.Match(ctx, st, inputs)
	if err != nil {
		return err
	}
	applied := 0
	if apply {
		if applied, err = ror.Apply(ctx, st, res, opts); err != nil {
			return err
		}
	}
	if asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			*ror.MatchResult
			MinScore float64 `json:"minScore"`
			Applied  int     `json:"applied"`
		}{res, opts.MinScore, applied})
	}
	fmt.Fprintf(e.stdout, "ROR match: %d records read, %d organizations without a ROR id, %d proposals\n\n",
		res.Records, res.Organizations, len(res.Proposals))
	if len(res.Proposals) > 0 {
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "SCORE\tORGANIZATION\tROR\tROR NAME\tACTION\tREASONS")
		for _, p := range res.Proposals {
			action := "would apply (--apply)"
			switch {
			case p.Applied:
				action = "applied"
			case p.Ambiguous:
				action = "ambiguous: " + p.Why
			case p.Score < opts.MinScore:
				action = fmt.Sprintf("below --min-score %.2f", opts.MinScore)
			case apply:
				action = "not applied (changed meanwhile)"
			}
			fmt.Fprintf(tw, "%.2f\t%s (%s)\t%s\t%s\t%s\t%s\n", p.Score, p.Org, p.OrgName, p.ROR, p.RORName, action, strings.Join(p.Reasons, "; "))
		}
		_ = tw.Flush()
	}
	if apply {
		fmt.Fprintf(e.stdout, "\n%d ROR ids written (score >= %.2f, unambiguous)\n", applied, opts.MinScore)
	} else {
		fmt.Fprintln(e.stdout, "\nnothing written: --apply writes the unambiguous proposals at or above --min-score")
	}
	return nil
}
