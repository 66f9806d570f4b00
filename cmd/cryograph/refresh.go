package main

import (
	"context"
	"fmt"
	"time"
)

func cmdRefresh(ctx context.Context, e env, args []string) error {
	cfg, err := loadConfig(e)
	if err != nil {
		return err
	}
	fs := newFlagSet(e, "refresh", "refresh [flags]", `
Recomputes the derived data (docs/model.md, "Derived data": the per-topic expert rankings and
the version that keys cached partnership maps) from the facts in the graph. 'load', the HTTP
import and merges do this themselves; run it after writing facts any other way (Cypher in the
Neo4j Browser, say), or after a load was interrupted before it could refresh.`, `
  cryograph refresh
  NEO4J_URI=bolt://127.0.0.1:7688 cryograph refresh`)
	cfg.RegisterNeo4jFlags(fs)
	var wait time.Duration
	waitFlag(fs, &wait)
	if err := parse(e, fs, args); err != nil {
		return err
	}
	st, err := openMigratedStore(ctx, e, cfg, wait)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	start := time.Now()
	if err := st.RefreshDerived(ctx); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "derived data refreshed in %s\n", time.Since(start).Round(time.Millisecond))
	return nil
}
