package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	"github.com/cryograph/cryograph/data"
	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

func cmdLoad(ctx context.Context, e env, args []string) error {
	cfg, err := loadConfig(e)
	if err != nil {
		return err
	}
	fs := newFlagSet(e, "load", "load [flags] FILE...", `
Validates and imports files in the CryoGraph import format (JSON Lines; docs/import-format.md).

Every row is checked first: its fields, and every id it refers to, in the files or in the graph.
If any row is rejected, nothing is written (unless --skip-invalid) and each bad row is reported
with its file, line and reason. Valid files are then upserted in batches keyed on stable ids, so
loading the same file twice creates nothing twice; changed rows are updated. The report counts
created, updated, unchanged and rejected rows.

Memory: validation keeps every id of the files (about 64 bytes an id, 8 a link); at 1M
synthetic people (7.3M rows, 1 GB) the whole load peaked at 392 MiB. --max-memory bounds it:
validation then splits the ids by hash into parts and reads the files once per part, each part
with a third of the limit, and Go's heap is held to the limit (unless GOMEMLIMIT is set). The
report says how many parts it took. At 1M people, --max-memory 256 peaked at 252 MiB (3 parts,
40 s more). Large files: --writers 2 --batch-size 5000 (docs/benchmarks.md).

Exit status: 0 all rows loaded, 1 some rows rejected or the load failed, 2 bad usage.`, `
  cryograph load data/demo/*.jsonl
  cryograph load --dry-run my-lab.jsonl
  cryograph load --skip-invalid --json big.jsonl > report.json
  cryograph load --writers 2 --batch-size 5000 --max-memory 256 big.jsonl`)
	cfg.RegisterNeo4jFlags(fs)
	opts := importer.Options{}
	fs.IntVar(&opts.BatchSize, "batch-size", 1000, "rows per transaction")
	fs.IntVar(&opts.Writers, "writers", 1, "batches written at once")
	fs.BoolVar(&opts.DryRun, "dry-run", false, "validate everything, write nothing")
	fs.BoolVar(&opts.SkipInvalid, "skip-invalid", false, "apply the valid rows even when some are rejected")
	maxMemory := fs.Int("max-memory", 1024, "MiB the load may use; larger inputs are validated in parts (0: no limit)")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	demo := fs.Bool("demo", false, "load the demo dataset built into the binary (no FILE needed)")
	comment := fs.String("comment", "", `why: the comment of the changeset the load records (default "load FILE...")`)
	var wait time.Duration
	waitFlag(fs, &wait)
	if err := parse(e, fs, args); err != nil {
		return err
	}
	inputs, err := loadInputs(fs, *demo)
	if err != nil {
		return err
	}
	if *maxMemory < 0 {
		return fmt.Errorf("%w: --max-memory must be 0 (no limit) or a number of MiB", errUsage)
	}
	opts.MemoryLimit = limitMemory(*maxMemory)
	opts.Change = cliChange(cryo.ChangeImport, *comment, strings.Join(fs.Args(), ", "))
	st, err := openMigratedStore(ctx, e, cfg, wait)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	barDone := func() {}
	if f, ok := e.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) && !*asJSON {
		opts.Progress, barDone = progressBar(e.stderr)
	}
	// Load, then refresh the derived data (docs/model.md, "Derived data") if rows were written.
	rep, err := importer.LoadAndRefresh(ctx, st, inputs, opts)
	barDone() // the report starts on a line of its own
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(rep)
	} else {
		printReport(e.stdout, rep)
	}
	if errors.Is(err, importer.ErrRejected) {
		return fmt.Errorf("%d rows rejected", rep.Rejected)
	}
	return err
}

// cliChange is the changeset a command's write records: by the OS user (or "cli"), with the
// comment given (empty: the load's default, naming its files) and the source.
func cliChange(kind, comment, source string) cryo.ChangeMeta {
	by := "cli"
	if u, err := user.Current(); err == nil && u.Username != "" {
		by = u.Username + " (cli)"
	}
	return cryo.ChangeMeta{Kind: kind, By: by, Role: "cli", Comment: comment, Source: source}
}

// limitMemory holds Go's heap to mib MiB, unless GOMEMLIMIT already sets a limit, and returns
// the bytes validation's tables may take: a third of it (the collector's headroom doubles the
// heap, and the writing phases need some). 0 means no limit.
func limitMemory(mib int) int64 {
	if mib == 0 {
		return 0
	}
	limit := int64(mib) << 20
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(limit)
	}
	return limit / 3
}

// loadInputs gathers what load and bulk-load read: the demo dataset when asked, then the
// files named on the command line.
func loadInputs(fs *flag.FlagSet, demo bool) ([]importer.Input, error) {
	var inputs []importer.Input
	if demo {
		inputs = demoInputs()
	}
	for _, f := range fs.Args() {
		inputs = append(inputs, importer.File(f))
	}
	if len(inputs) == 0 {
		fs.Usage()
		return nil, fmt.Errorf("%w: no files to load", errUsage)
	}
	return inputs, nil
}

func demoInputs() []importer.Input {
	in, err := importer.FS(data.Demo())
	if err != nil {
		panic(err) // embedded at build time
	}
	return in
}

// progressBar draws a bar per phase on w (a terminal); done ends the last bar's line, so that
// what is printed next starts on a line of its own.
func progressBar(w io.Writer) (update func(phase string, done, total int), done func()) {
	var bar *progressbar.ProgressBar
	current := ""
	finish := func() {
		if bar != nil {
			_ = bar.Finish()
			fmt.Fprintln(w)
			bar = nil
		}
	}
	return func(phase string, done, total int) {
		if phase != current {
			finish()
			current = phase
			bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(w),
				progressbar.OptionSetDescription("loading "+phase), progressbar.OptionShowCount(),
				progressbar.OptionShowIts(), progressbar.OptionSetItsString("rows"), progressbar.OptionThrottle(100*time.Millisecond))
		}
		_ = bar.Set(done)
	}, finish
}

func printReport(w io.Writer, r *importer.Report) {
	verb := "loaded"
	switch {
	case r.DryRun:
		verb = "checked (dry run, nothing written)"
	case r.Interrupted && r.Batches == 0:
		verb = "NOT loaded (the load failed before its first batch was committed: nothing written)"
	case r.Interrupted:
		verb = fmt.Sprintf("PARTLY loaded (the load failed after %d committed batches, which stay in the graph)", r.Batches)
	case !r.Applied:
		verb = "NOT loaded (nothing written; fix the rows below or use --skip-invalid)"
	}
	fmt.Fprintf(w, "%d rows in %d file(s) %s in %s\n", r.Rows, len(r.Files), verb, r.Duration.Round(time.Millisecond))
	if r.Interrupted {
		fmt.Fprintf(w, "failed: %s\n", r.Failure)
	}
	if r.Partitions > 1 {
		fmt.Fprintf(w, "validated in %d parts, one reading of the files each, to stay within --max-memory\n", r.Partitions)
	}
	if r.Applied || r.Interrupted && r.Batches > 0 {
		t := r.Totals()
		committed := ""
		if r.Interrupted {
			committed = "committed before the failure: "
		}
		fmt.Fprintf(w, "%screated %d, updated %d, unchanged %d, rejected %d (%d batches, %.0f rows/s)\n",
			committed, t.Created, t.Updated, t.Unchanged, r.Rejected, r.Batches, r.RowsPerS)
		if r.Changeset != "" {
			fmt.Fprintf(w, "recorded as changeset %s (GET /api/v1/changesets/%s)\n", r.Changeset, r.Changeset)
		}
		var phases []string
		for _, p := range r.Phases {
			phases = append(phases, fmt.Sprintf("%s %.1fs", p.Name, float64(p.Millis)/1000))
		}
		fmt.Fprintf(w, "phases: %s\n", strings.Join(phases, ", "))
		for _, group := range []struct {
			name string
			m    map[string]*cryo.UpsertCounts
		}{{"nodes", r.Nodes}, {"relationships", r.Links}} {
			ks := make([]string, 0, len(group.m))
			for k := range group.m {
				ks = append(ks, k)
			}
			sort.Strings(ks)
			for _, k := range ks {
				c := group.m[k]
				fmt.Fprintf(w, "  %-13s %-16s created %5d  updated %5d  unchanged %5d\n", group.name, k, c.Created, c.Updated, c.Unchanged)
			}
		}
	}
	if r.Plan != nil {
		printPlan(w, r)
	}
	if r.Interrupted {
		fmt.Fprintln(w, "re-running the same files is safe: every write is keyed on stable ids, so what was committed comes back unchanged and the rest is written")
	}
	for _, re := range r.Errors {
		fmt.Fprintf(w, "rejected: %s\n", re.Error())
	}
	if len(r.Errors) < r.Rejected {
		fmt.Fprintf(w, "... and %d more rejected rows (use --json for the full list)\n", r.Rejected-len(r.Errors))
	}
}

// printPlan prints a dry run's plan, as terraform plan does: per label and type what would be
// created (+), updated (~, with the fields that change) and left unchanged (=), with examples.
func printPlan(w io.Writer, r *importer.Report) {
	t := r.Totals()
	fmt.Fprintf(w, "plan: would create %d, update %d, leave unchanged %d\n", t.Created, t.Updated, t.Unchanged)
	marks := map[string]string{"create": "+", "update": "~", "unchanged": "="}
	for _, group := range []struct {
		name string
		m    map[string]*importer.PlanCounts
	}{{"nodes", r.Plan.Nodes}, {"relationships", r.Plan.Relationships}} {
		ks := make([]string, 0, len(group.m))
		for k := range group.m {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		for _, k := range ks {
			c := group.m[k]
			fmt.Fprintf(w, "  %-13s %-16s create %5d  update %5d  unchanged %5d\n", group.name, k, c.Create, c.Update, c.Unchanged)
			for _, ex := range c.Examples {
				line := "      " + marks[ex.Action] + " " + ex.ID
				if len(ex.Changed) > 0 {
					line += " (changes " + strings.Join(ex.Changed, ", ") + ")"
				}
				fmt.Fprintln(w, line)
			}
		}
	}
}
