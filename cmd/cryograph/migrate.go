package main

import (
	"context"
	"fmt"
	"time"
)

func cmdMigrate(ctx context.Context, e env, args []string) error {
	cfg, err := loadConfig(e)
	if err != nil {
		return err
	}
	fs := newFlagSet(e, "migrate", "migrate [--status] [flags]", `
Applies the schema migrations shipped in the binary (cypher/migrations/V*.cypher: constraints,
indexes and the full-text index) in version order, and records each as a (:Migration) node.
Running it again applies nothing. An applied migration whose file changed is an error: add a
new migration instead. 'serve' and 'up' run the same step at start.

V0011 re-links every person of a graph loaded by an earlier version to one name key per name
(docs/model.md): at 1M people it took 123 s on a 2-core machine, in transactions of 5,000
people, and can be interrupted and run again. A new database skips it.`, `
  cryograph migrate
  cryograph migrate --status
  NEO4J_URI=neo4j://db.example:7687 NEO4J_PASSWORD=... cryograph migrate`)
	cfg.RegisterNeo4jFlags(fs)
	status := fs.Bool("status", false, "list applied and pending migrations, apply nothing")
	var wait time.Duration
	waitFlag(fs, &wait)
	if err := parse(e, fs, args); err != nil {
		return err
	}
	st, err := openStore(ctx, cfg, wait)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	if *status {
		ms, err := st.Migrations(ctx)
		if err != nil {
			return err
		}
		for _, m := range ms.Applied {
			fmt.Fprintf(e.stdout, "applied  %s\n", m)
		}
		for _, m := range ms.Pending {
			fmt.Fprintf(e.stdout, "pending  %s\n", m)
		}
		return nil
	}
	st.SetLog(newLogger(e, cfg.LogFormat))
	done, err := st.Migrate(ctx)
	for _, m := range done {
		fmt.Fprintf(e.stdout, "applied %s\n", m)
	}
	if err != nil {
		return err
	}
	if len(done) == 0 {
		fmt.Fprintln(e.stdout, "schema is up to date")
	}
	return nil
}
