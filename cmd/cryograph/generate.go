package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/cryograph/cryograph/internal/generate"
	"golang.org/x/term"
)

func cmdGenerate(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e, "generate", "generate --people N [--seed S] [--out FILE]", `
Writes a synthetic dataset in the import format, for scale tests and benchmarks: universities
with schools and labs, companies, hospitals and societies in 24 places with coordinates, a
four-level topic taxonomy, people with made-up names (Chinese names in characters with pinyin
among them), heavy-tailed co-authorship, and partnerships over twenty years. Every record is
marked synthetic; sources point to example.invalid. The same seed gives the same file.

Sizes: about 8 rows per person; 1,000,000 people give 5 million relationships and more.`, `
  cryograph generate --people 10000 --seed 1 --out /tmp/syn-10k.jsonl
  cryograph generate --people 1000000 --seed 1 --out /tmp/syn-1m.jsonl && cryograph load /tmp/syn-1m.jsonl`)
	opts := generate.Options{}
	fs.IntVar(&opts.People, "people", 10000, "number of people")
	fs.Uint64Var(&opts.Seed, "seed", 1, "random seed")
	out := fs.String("out", "", "output file (default: standard output)")
	if err := parse(e, fs, args); err != nil {
		return err
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
