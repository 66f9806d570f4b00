// Command cryograph serves, migrates, loads and exports the CryoGraph knowledge graph, and can
// run a local Neo4j for development and tests. main only wires things; see run.
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
		var code exitCode
		if errors.As(err, &code) {
			os.Exit(int(code))
		}
		fmt.Fprintln(os.Stderr, "cryograph:", err)
		if errors.Is(err, errUsage) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

var errUsage = cli.ErrUsage

// exitCode passes a child command's exit status through run.
type exitCode int

func (c exitCode) Error() string { return fmt.Sprintf("exit status %d", int(c)) }

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
		"serve":      {"serve the API and web UI (applies migrations first)", cmdServe},
		"up":         {"start a local Neo4j if NEO4J_URI is unset, migrate, load the demo data and serve (make run)", cmdUp},
		"migrate":    {"apply pending schema migrations, or list them with --status", cmdMigrate},
		"refresh":    {"recompute the derived data (expert rankings, map cache version) from the facts", cmdRefresh},
		"load":       {"validate and import data files in the CryoGraph import format", cmdLoad},
		"ingest":     {"load from outside registries: ingest ror FILE... (ROR v2 records or dump), ingest orcid --file F (ORCID records), ingest openalex (works, authors, institutions)", cmdIngest},
		"bulk-load":  {"a first load of a large dataset into an empty local database, offline with neo4j-admin", cmdBulkLoad},
		"neo4j":      {"fetch, start, stop or inspect a local Neo4j Community server", cmdNeo4j},
		"resolve":    {"list the people or organizations a name may refer to, with reasons", cmdResolve},
		"duplicates": {"list candidate duplicate entities, with reasons for and against", cmdDuplicates},
		"merge":      {"merge two entities explicitly (recorded, reversible), list or undo merges", cmdMerge},
		"export":     {"write the graph or a subgraph as import-format JSONL, GraphML or CSV", cmdExport},
		"generate":   {"write a synthetic dataset (made-up names, marked synthetic) for scale tests", cmdGenerate},
		"token":      {"create, list or revoke API tokens (roles: viewer, analyst, editor, admin)", cmdToken},
		"audit":      {"list the audit log (writes and Cypher runs), newest first", cmdAudit},
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
	fmt.Fprint(w, `cryograph: a knowledge graph of cryomedicine people, institutions and partnerships.

Usage: cryograph <command> [flags]

Commands:
`)
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-11s %s\n", n, cmds[n].summary)
	}
	fmt.Fprint(w, `
Run 'cryograph <command> --help' for a command's flags.
Configuration comes from the environment (NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD,
NEO4J_DATABASE, CRYOGRAPH_ADDR); flags override it.
`)
}

// newFlagSet makes a FlagSet whose --help prints a description, the flags and examples.
func newFlagSet(e env, name, synopsis, description, examples string) *flag.FlagSet {
	return cli.NewFlagSet(e.stderr, "cryograph", name, synopsis, description, examples)
}

// parse parses args, printing --help to stdout (so it can be paged) and errors to stderr.
func parse(e env, fs *flag.FlagSet, args []string) error { return cli.Parse(e.stdout, fs, args) }
