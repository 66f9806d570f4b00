// Command cryograph-bench measures CryoGraph against the reference ways of doing the same
// work: the loader against LOAD CSV, one statement per row and neo4j-admin (load), and the
// API against the raw driver (api). It is a command of its own so that the product binary,
// bin/cryograph, carries neither the benchmarks, their HTTP client nor their Cypher. main
// only wires things; see run.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"

	"github.com/cryograph/cryograph/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "cryograph-bench:", err)
		if errors.Is(err, errUsage) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

var errUsage = cli.ErrUsage

// version is set at build time with -ldflags "-X main.version=..."; the in-process API
// reports it, as serve's does.
var version = "dev"

// env bundles what every subcommand may read from its surroundings, so tests can run them
// in-process with their own environment and output.
type env struct {
	getenv func(string) string
	stdout io.Writer
	stderr io.Writer
}

type command struct {
	summary string
	run     func(ctx context.Context, e env, args []string) error
}

func commands() map[string]command {
	return map[string]command{
		"load": {"compare the loader and bulk-load with LOAD CSV, one statement per row and neo4j-admin import (empties the database!)", cmdLoad},
		"api":  {"time the main endpoints through the API and the same Cypher through the driver", cmdAPI},
	}
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	e := env{getenv: getenv, stdout: stdout, stderr: stderr}
	cmds := commands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout, cmds)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	c, ok := cmds[args[0]]
	if !ok {
		usage(stderr, cmds)
		return fmt.Errorf("%w: unknown command %q", errUsage, args[0])
	}
	return c.run(ctx, e, args[1:])
}

func usage(w io.Writer, cmds map[string]command) {
	fmt.Fprint(w, `cryograph-bench: CryoGraph's benchmarks, on synthetic data from 'cryograph generate'.

Usage: cryograph-bench <command> [flags]

Commands:
`)
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-5s %s\n", n, cmds[n].summary)
	}
	fmt.Fprint(w, `
They were 'cryograph bench-load' and 'cryograph bench-api' before they left the product binary:
the flags are the same. Each prints its report as JSON on stdout and its progress on stderr.
'make bench' builds this command and runs both against a throw-away Neo4j (docs/benchmarks.md).

Examples:
  cryograph generate --people 100000 --seed 1 --out /tmp/syn.jsonl
  cryograph neo4j exec -- sh -c 'cryograph-bench load --yes-delete-everything --file /tmp/syn.jsonl \
    --import-dir "$CRYOGRAPH_NEO4J_IMPORT_DIR" > load.json && cryograph-bench api --requests 200 > api.json'

Run 'cryograph-bench <command> --help' for a command's flags.
Configuration comes from the environment (NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD,
NEO4J_DATABASE), as for cryograph; flags override it.
`)
}

// newFlagSet makes a FlagSet whose --help prints a description, the flags and examples.
func newFlagSet(e env, name, synopsis, description, examples string) *flag.FlagSet {
	return cli.NewFlagSet(e.stderr, "cryograph-bench", name, synopsis, description, examples)
}

// parse parses args, printing --help to stdout (so it can be paged) and errors to stderr.
func parse(e env, fs *flag.FlagSet, args []string) error { return cli.Parse(e.stdout, fs, args) }
