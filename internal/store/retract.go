package store

// Retractions: a wrong fact removed with a reason, recorded as a changeset that keeps its
// state, so it leaves every query, stays in the history, and an undo puts it back.

import (
	"context"
	"fmt"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Retract removes the relationship r names, in one transaction with its changeset (meta says
// who and why), then refreshes the derived data.
func (s *Store) Retract(ctx context.Context, r cryo.Retraction, meta cryo.ChangeMeta) (cryo.ChangeMeta, error) {
	meta.Kind = cryo.ChangeRetract
	if r.Report != "" {
		meta.Ref = r.Report
	}
	if meta.Comment == "" {
		meta.Comment = r.Reason
	}
	meta = meta.Complete("retract " + relTarget(r.From, r.Rel, r.To, r.Key))
	params := map[string]any{"from": r.From, "to": r.To, "type": r.Rel, "key": r.Key}
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		recs, err := runTx(ctx, tx, s.Query("retract_rel_read"), params)
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 {
			return nil, cryo.Errorf(cryo.ECodeNotFound, "there is no %s fact from %s to %s%s", r.Rel, r.From, r.To, keyNote(r.Key))
		}
		before, _ := recs[0].Values[0].(map[string]any)
		change, err := relChange(r.Rel, r.From, r.To, r.Key, before, nil)
		if err != nil {
			return nil, err
		}
		if _, err := runTx(ctx, tx, s.Query("changeset_undo_rels_delete"), map[string]any{"rows": []any{params}}); err != nil {
			return nil, err
		}
		return nil, s.recordChanges(cryo.WithChange(ctx, meta), tx, []changeRow{change})
	})
	if err != nil {
		return meta, mapErr("retract", err)
	}
	if err := s.refreshAfter(ctx); err != nil {
		return meta, fmt.Errorf("the fact is retracted (changeset %s), but refreshing the derived data failed (the next load refreshes it): %w", meta.ID, err)
	}
	return meta, nil
}

func keyNote(key string) string {
	if key == "" {
		return ""
	}
	return " with key " + key
}
