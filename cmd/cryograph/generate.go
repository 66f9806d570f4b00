package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/cryograph/cryograph/internal/generate"
	"golang.org/x/term"
)

func cmdGenerate(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e, "generate", "generate --people N [--seed S] [--out FILE] | generate --ror N --out FILE", `
Writes a synthetic dataset in the import format, for scale tests and benchmarks: universities
with schools and labs, companies, hospitals and societies in 24 places with coordinates, a
four-level topic taxonomy, people with made-up names (Chinese names in characters with pinyin
among them), heavy-tailed co-authorship, and partnerships over twenty years. Every record is
marked synthetic; sources point to example.invalid. The same seed gives the same file.

Sizes: about 8 rows per person; 1,000,000 people give 5 million relationships and more.

With --ror N it writes instead a synthetic ROR data dump (schema v2, a JSON array; a .zip
with a *_schema_v2.json entry when --out ends in .zip) of N made-up records with ids
https://ror.org/synthetic-NNNNNN, for 'cryograph ingest ror' tests and benchmarks.`, `
  cryograph generate --people 10000 --seed 1 --out /tmp/syn-10k.jsonl
  cryograph generate --ror 120000 --out /tmp/ror-120k.json
  cryograph generate --ror 120000 --out /tmp/ror-120k.zip
  cryograph generate --people 1000000 --seed 1 --out /tmp/syn-1m.jsonl && cryograph load /tmp/syn-1m.jsonl`)
	opts := generate.Options{}
	fs.IntVar(&opts.People, "people", 10000, "number of people")
	fs.Uint64Var(&opts.Seed, "seed", 1, "random seed")
	out := fs.String("out", "", "output file (default: standard output)")
	rorN := fs.Int("ror", 0, "write a synthetic ROR v2 dump of this many records instead (docs/ror.md)")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if *rorN != 0 {
		return generateROR(e, *rorN, opts.Seed, *out)
	}
	if opts.People < 1 || opts.People > 50_000_000 {
		return fmt.Errorf("%w: --people must be between 1 and 50000000", errUsage)
	}
	var w io.Writer = e.stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
		// On a terminal the count rewrites itself; in a log it is one line per step.
		if f, ok := e.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			opts.Progress = func(rows int) { fmt.Fprintf(e.stderr, "\r%d rows", rows) }
		} else {
			opts.Progress = func(rows int) { fmt.Fprintf(e.stderr, "%d rows\n", rows) }
		}
	}
	start := time.Now()
	st, err := generate.Write(w, opts)
	if err != nil {
		return err
	}
	if *out != "" {
		fmt.Fprintf(e.stderr, "\rwrote %d rows (%d nodes, %d relationships) to %s in %s\n", st.Rows, st.Nodes, st.Relationships, *out, time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// generateROR writes a synthetic ROR dump: JSON, or a zip archive when out ends in .zip.
func generateROR(e env, n int, seed uint64, out string) error {
	if n < 1 || n > 10_000_000 {
		return fmt.Errorf("%w: --ror must be between 1 and 10000000", errUsage)
	}
	write := generate.WriteROR
	if strings.HasSuffix(strings.ToLower(out), ".zip") {
		write = generate.WriteRORZip
	}
	var w io.Writer = e.stdout
	var f *os.File
	if out != "" {
		var err error
		if f, err = os.Create(out); err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	start := time.Now()
	st, err := write(w, n, seed)
	if err != nil {
		return err
	}
	if f != nil {
		if err := f.Close(); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "wrote %d synthetic ROR records (%d relationships listed, %d inactive, %d withdrawn) to %s in %s\n",
			st.Records, st.Relationships, st.Inactive, st.Withdrawn, out, time.Since(start).Round(time.Millisecond))
	}
	return nil
}
