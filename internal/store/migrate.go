package store

// Migrations: the files of package cypher applied in order and recorded in the graph, with
// the Go steps Cypher cannot do.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func checksum(src string) string {
	sum := sha256.Sum256([]byte(src))
	return hex.EncodeToString(sum[:])
}

// Migrations reports which migrations are applied and which are pending. It fails when an
// applied migration's file has since been edited: applied migrations are immutable.
func (s *Store) Migrations(ctx context.Context) (cryo.MigrationState, error) {
	var st cryo.MigrationState
	all := s.migrations
	res, err := s.read(ctx, "migrations_applied", nil)
	if err != nil {
		return st, err
	}
	applied := map[int64]string{}
	for _, rec := range res.Records {
		applied[get[int64](rec, "version")] = get[string](rec, "checksum")
	}
	for _, m := range all {
		sum, ok := applied[int64(m.Version)]
		switch {
		case !ok:
			st.Pending = append(st.Pending, m.Name)
		case sum != checksum(m.Source):
			return st, fmt.Errorf("migration %s was edited after it was applied; add a new migration instead", m.Name)
		default:
			st.Applied = append(st.Applied, m.Name)
		}
	}
	return st, nil
}

// MigrateOrClose is Migrate for a store just opened by a command: if the migrations fail, it
// closes the store, so the caller has nothing left to clean up.
func (s *Store) MigrateOrClose(ctx context.Context) error {
	if _, err := s.Migrate(ctx); err != nil {
		_ = s.Close(context.Background())
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

// goSteps are the parts of migrations that Cypher cannot do, by version; each runs after its
// file's statements, only on a graph migrated before (see Migrate), and must be re-runnable.
var goSteps = map[int]func(ctx context.Context, s *Store) error{
	11: func(ctx context.Context, s *Store) error { // V0011__person_name_keys: one key per name
		_, err := s.RekeyPeople(ctx)
		return err
	},
}

// Migrate applies the pending migrations in version order, records each in the graph and waits
// for the new indexes to come online. Running it again applies nothing.
func (s *Store) Migrate(ctx context.Context) ([]string, error) {
	if _, err := s.write(ctx, "migration_bootstrap", nil); err != nil {
		return nil, err
	}
	st, err := s.Migrations(ctx)
	if err != nil {
		return nil, err
	}
	if len(st.Pending) == 0 {
		return nil, nil
	}
	// A graph that no migration has touched yet holds no data a migration's Go step would fix.
	fresh := len(st.Applied) == 0
	all := s.migrations
	pending := map[string]bool{}
	for _, n := range st.Pending {
		pending[n] = true
	}
	var done []string
	for _, m := range all {
		if !pending[m.Name] {
			continue
		}
		// Schema commands cannot share a transaction with writes, so each statement runs alone;
		// every statement is IF NOT EXISTS, so a half-applied migration can simply be re-run.
		for i, stmt := range m.Statements {
			if _, err := neo4j.ExecuteQuery(ctx, s.driver, stmt, nil, neo4j.EagerResultTransformer,
				neo4j.ExecuteQueryWithDatabase(s.database), neo4j.ExecuteQueryWithWritersRouting()); err != nil {
				return done, mapErr(fmt.Sprintf("migration %s statement %d", m.Name, i+1), err)
			}
		}
		if step := goSteps[m.Version]; step != nil && !fresh {
			if err := step(ctx, s); err != nil {
				return done, fmt.Errorf("migration %s: %w", m.Name, err)
			}
		}
		if _, err := s.write(ctx, "migration_record", map[string]any{
			"version": m.Version, "name": m.Name, "checksum": checksum(m.Source),
		}); err != nil {
			return done, err
		}
		done = append(done, m.Name)
	}
	if _, err := neo4j.ExecuteQuery(ctx, s.driver, "CALL db.awaitIndexes(300)", nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.database)); err != nil {
		return done, mapErr("await indexes", err)
	}
	return done, nil
}
