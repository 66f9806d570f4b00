package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/cryograph/cryograph/internal/export"
)

func cmdExport(ctx context.Context, e env, args []string) error {
	cfg, err := loadConfig(e)
	if err != nil {
		return err
	}
	fs := newFlagSet(e, "export", "export [flags]", `
Writes the graph, or the neighbourhood of one entity, as:

  jsonl    the import format (docs/import-format.md): loading the file into an empty database
           gives the same graph. Rows come in a fixed order (sources, topics, organizations,
           people, events, publications, partnerships, then links), so the same graph always
           gives the same file and two exports diff cleanly.
  graphml  one GraphML file for Gephi, yEd or Cytoscape; node attribute "label" is the kind,
           edge attribute "label" the relationship type; lists are joined with "; ".
  csv      nodes.csv and relationships.csv in the directory --out.

With --root, only the entities within --depth relationships of the root are written, plus what
their rows need to load into an empty database: every source they cite, the broader topics of
every topic, and all parties and topics of every partnership.

The export refuses to drop anything: a property, label or relationship type it does not know,
or a part of the graph the import format cannot express, stops it with the reason.
jsonl and graphml go to stdout unless --out names a file; a file is replaced only when the
export succeeds.`, `
  cryograph export --out backup.jsonl
  cryograph export --root org:usst --depth 2 > usst.jsonl
  cryograph export --format graphml --out graph.graphml
  cryograph export --format csv --root person:zhao_gang --out zhao-gang/`)
	cfg.RegisterNeo4jFlags(fs)
	format := fs.String("format", "jsonl", "jsonl, graphml or csv")
	opts := export.Options{}
	fs.StringVar(&opts.Root, "root", "", "export only the neighbourhood of the entity with this id")
	fs.IntVar(&opts.Depth, "depth", 1, "with --root: how many relationships away from the root to go")
	out := fs.String("out", "", "output file (jsonl, graphml; default stdout) or directory (csv, required)")
	var wait time.Duration
	waitFlag(fs, &wait)
	if err := parse(e, fs, args); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return fmt.Errorf("%w: unexpected argument %q (did you mean --out %s?)", errUsage, fs.Arg(0), fs.Arg(0))
	case *format != "jsonl" && *format != "graphml" && *format != "csv":
		return fmt.Errorf("%w: --format %q: want jsonl, graphml or csv", errUsage, *format)
	case *format == "csv" && *out == "":
		return fmt.Errorf("%w: --format csv writes two files: give their directory with --out", errUsage)
	case opts.Depth < 0:
		return fmt.Errorf("%w: --depth must be 0 or more", errUsage)
	case opts.Root == "" && isSet(fs, "depth"):
		return fmt.Errorf("%w: --depth needs --root", errUsage)
	}
	st, err := openStore(ctx, cfg, wait)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())

	var stats export.Stats
	switch *format {
	case "csv":
		if err := os.MkdirAll(*out, 0o755); err != nil {
			return err
		}
		var nodes, rels *atomicFile
		if nodes, err = createAtomic(filepath.Join(*out, "nodes.csv")); err != nil {
			return err
		}
		defer nodes.abort()
		if rels, err = createAtomic(filepath.Join(*out, "relationships.csv")); err != nil {
			return err
		}
		defer rels.abort()
		if stats, err = export.CSV(ctx, st, nodes, rels, opts); err != nil {
			return err
		}
		if err := nodes.commit(); err != nil {
			return err
		}
		if err := rels.commit(); err != nil {
			return err
		}
	default:
		write := export.JSONL
		if *format == "graphml" {
			write = export.GraphML
		}
		if *out == "" {
			if stats, err = write(ctx, st, e.stdout, opts); err != nil {
				return err
			}
			break
		}
		f, err := createAtomic(*out)
		if err != nil {
			return err
		}
		defer f.abort()
		if stats, err = write(ctx, st, f, opts); err != nil {
			return err
		}
		if err := f.commit(); err != nil {
			return err
		}
	}
	where := *out
	if where == "" {
		where = "stdout"
	}
	fmt.Fprintf(e.stderr, "exported %d nodes and %d relationships (%d rows) as %s to %s\n",
		stats.Nodes, stats.Relationships, stats.Rows, *format, where)
	return nil
}

// isSet says whether a flag was given on the command line.
func isSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == name {
			set = true
		}
	})
	return set
}

// atomicFile is written beside its destination and renamed over it on commit, so a failed
// export never leaves a truncated file in place of a good one.
type atomicFile struct {
	*os.File
	dest string
	done bool
}

func createAtomic(dest string) (*atomicFile, error) {
	f, err := os.CreateTemp(filepath.Dir(dest), "."+filepath.Base(dest)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", dest, err)
	}
	return &atomicFile{File: f, dest: dest}, nil
}

func (f *atomicFile) commit() error {
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", f.dest, err)
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), f.dest); err != nil {
		return fmt.Errorf("write %s: %w", f.dest, err)
	}
	f.done = true
	return nil
}

func (f *atomicFile) abort() {
	if !f.done {
		_ = f.Close()
		_ = os.Remove(f.Name())
	}
}
