package store

import (
	"context"
	"time"

	"github.com/cryograph/cryograph/internal/cryo"
)

// rankingKeep is how many ids of each topic's expert ranking are stored: expert search
// answers from the stored ranking when the page lies within them (or the whole ranking is
// stored), and ranks live otherwise.
const rankingKeep = 500

// RefreshDerived recomputes the graph's derived data (docs/model.md, "Derived data"): today,
// the expert ranking of every topic's subtree (:TopicRanking); it deletes the name keys no
// entity links to any more (an import that renames someone or drops an alias unlinks that
// name's key); then it counts the refresh (:DerivedState), which drops the answers cached on
// the previous version. It is idempotent and must run after anything that changes facts:
// loads, imports, merges and their undoing. It runs in auto-commit transactions, batched
// (CALL {} IN TRANSACTIONS), so it can be large.
func (s *Store) RefreshDerived(ctx context.Context) error {
	return s.runBatched(ctx, "refresh derived data: ", map[string]any{"keep": rankingKeep, "ingestedKeys": cryo.IngestedKeys},
		"derived_topic_rankings", "derived_topic_rankings_prune", "name_keys_orphans", "derived_version_bump")
}

// refreshAfter runs RefreshDerived after a write that succeeded, with its own time budget so
// a cancelled request does not leave the derived data half-written for long.
func (s *Store) refreshAfter(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Minute)
	defer cancel()
	return s.RefreshDerived(ctx)
}
