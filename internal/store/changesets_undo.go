package store

// Undo: a changeset's changes reverted in one transaction, recorded as a changeset of its own.

import (
	"context"
	"fmt"
	"slices"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// MaxUndoChanges bounds the changes one undo reverts (one transaction holds them all).
const MaxUndoChanges = 50000

// undoItem is one recorded change as the undo reads it.
type undoItem struct {
	props   map[string]any // the Change node's properties
	present bool           // the node or relationship exists now
	hash    string         // its import hash now
	later   []cryo.ChangeMeta
	nearby  []cryo.ChangeMeta
}

// Undo reverts changeset id: every change's state before is restored (what it created is
// deleted, what it deleted re-created, properties and sources restored), in one transaction,
// after checking that nothing it changed was changed since. The undo is recorded as a
// changeset of kind "undo" (meta says who and why) and the derived data are refreshed. A
// merge's changeset is undone by undoing the merge (Unmerge).
func (s *Store) Undo(ctx context.Context, id string, meta cryo.ChangeMeta) (cryo.Changeset, error) {
	meta.Kind, meta.Ref = cryo.ChangeUndo, id
	meta = meta.Complete("undo " + id)
	target, err := s.changesetMeta(ctx, id)
	if err != nil {
		return cryo.Changeset{}, err
	}
	if err := undoable(target); err != nil {
		return cryo.Changeset{}, err
	}
	if target.Kind == cryo.ChangeMerge {
		return s.undoMerge(ctx, target, meta)
	}
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	_, err = sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		items, err := s.undoCheck(ctx, tx, target)
		if err != nil {
			return nil, err
		}
		if err := s.revert(ctx, tx, items); err != nil {
			return nil, err
		}
		reversed := make([]changeRow, len(items))
		for i, it := range items {
			reversed[i] = reverseChange(it.props)
		}
		if err := s.recordChanges(cryo.WithChange(ctx, meta), tx, reversed); err != nil {
			return nil, err
		}
		_, err = runTx(ctx, tx, s.Query("changeset_mark_undone"), map[string]any{"id": id, "by": meta.ID, "at": meta.At})
		return nil, err
	})
	if err != nil {
		return cryo.Changeset{}, mapErr("undo", err)
	}
	done := cryo.Changeset{ChangeMeta: meta, Items: []cryo.Change{}, Changes: target.Changes}
	if err := s.refreshAfter(ctx); err != nil {
		return done, fmt.Errorf("changeset %s is undone, but refreshing the derived data failed (the next load, import or merge refreshes it): %w", id, err)
	}
	return done, nil
}

// changesetMeta reads a changeset's record and the number of its changes.
func (s *Store) changesetMeta(ctx context.Context, id string) (cryo.Changeset, error) {
	res, err := s.read(ctx, "changeset_meta", map[string]any{"id": id})
	if err != nil {
		return cryo.Changeset{}, err
	}
	if len(res.Records) == 0 {
		return cryo.Changeset{}, &cryo.Error{Code: cryo.ECodeNotFound, Field: "id", Message: fmt.Sprintf("no changeset has id %q", id)}
	}
	return changesetOf(res.Records[0])
}

// undoable refuses what cannot be undone at all, before anything is read of its changes.
func undoable(cs cryo.Changeset) error {
	switch {
	case cs.UndoneBy != "":
		return cryo.Errorf(cryo.ECodeAlreadyUndone, "changeset %s was already undone by changeset %s at %s", cs.ID, cs.UndoneBy, cs.UndoneAt)
	case cs.Kind == cryo.ChangeUndo:
		return cryo.Errorf(cryo.ECodeUndoConflict, "changeset %s is an undo (of %s): an undo cannot itself be undone; load or edit the facts again", cs.ID, cs.Ref)
	case cs.Kind == cryo.ChangeUnmerge:
		return cryo.Errorf(cryo.ECodeUndoConflict, "changeset %s is an unmerge (of merge %s): merge the two entities again (POST /api/v1/merges) instead", cs.ID, cs.Ref)
	case cs.Changes > MaxUndoChanges:
		return cryo.Errorf(cryo.ECodeUndoConflict, "changeset %s holds %d changes, more than one undo reverts (%d): load the files as they were before instead", cs.ID, cs.Changes, MaxUndoChanges)
	}
	return nil
}

// undoCheck reads the changes of cs and refuses the undo, naming the later changeset, when
// anything they changed was changed since.
func (s *Store) undoCheck(ctx context.Context, tx neo4j.ManagedTransaction, cs cryo.Changeset) ([]undoItem, error) {
	recs, err := runTx(ctx, tx, s.Query("changeset_undo_check"), map[string]any{"id": cs.ID})
	if err != nil {
		return nil, err
	}
	items := make([]undoItem, 0, len(recs))
	for _, rec := range recs {
		it := undoItem{props: get[neo4j.Node](rec, "c").Props, present: get[bool](rec, "present"), hash: get[string](rec, "hash"),
			later: metasOf(get[[]any](rec, "later")), nearby: metasOf(get[[]any](rec, "nearby"))}
		if err := conflictOf(cs, it); err != nil {
			return nil, err
		}
		items = append(items, it)
	}
	return items, nil
}

// conflictOf says why one change cannot be undone, if it cannot.
func conflictOf(cs cryo.Changeset, it undoItem) error {
	target := str(it.props["target"])
	if len(it.later) > 0 {
		return laterConflict(cs, target, it.later)
	}
	afterHash, hasAfter := it.props["afterHash"].(string)
	if it.present == hasAfter && (!hasAfter || it.hash == afterHash) {
		return nil // as the changeset left it
	}
	if len(it.nearby) > 0 {
		return laterConflict(cs, target, it.nearby)
	}
	return cryo.Errorf(cryo.ECodeUndoConflict,
		"changeset %s cannot be undone: %s is no longer as it left it (changed by a write that recorded no changeset); nothing was undone", cs.ID, target)
}

func laterConflict(cs cryo.Changeset, target string, later []cryo.ChangeMeta) error {
	slices.SortFunc(later, func(a, b cryo.ChangeMeta) int {
		if a.At != b.At {
			return compareStrings(a.At, b.At)
		}
		return compareStrings(a.ID, b.ID)
	})
	l := later[len(later)-1] // the latest
	return cryo.Errorf(cryo.ECodeUndoConflict,
		"changeset %s cannot be undone: %s was changed since by changeset %s (%s by %s at %s: %q); undo that one first; nothing was undone",
		cs.ID, target, l.ID, l.Kind, l.By, l.At, l.Comment)
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func metasOf(list []any) []cryo.ChangeMeta {
	out := make([]cryo.ChangeMeta, 0, len(list))
	for _, x := range list {
		m, _ := x.(map[string]any)
		out = append(out, cryo.ChangeMeta{ID: str(m["id"]), Kind: str(m["kind"]), By: str(m["by"]), Role: str(m["role"]),
			At: str(m["at"]), Comment: str(m["comment"]), Source: str(m["source"])})
	}
	return out
}

// revert restores every change's state before, in order: relationships and nodes the
// changeset created go, then nodes and relationships come back as they were.
func (s *Store) revert(ctx context.Context, tx neo4j.ManagedTransaction, items []undoItem) error {
	var relsGone, nodesGone, nodesBack, relsBack []map[string]any
	for _, it := range items {
		p := it.props
		before, err := decodeState(p["before"])
		if err != nil {
			return err
		}
		switch {
		case str(p["kind"]) == "rel" && before == nil:
			relsGone = append(relsGone, map[string]any{"from": p["from"], "to": p["to"], "type": p["type"], "key": str(p["key"])})
		case str(p["kind"]) == "rel":
			relsBack = append(relsBack, map[string]any{"from": p["from"], "to": p["to"], "type": p["type"], "key": str(p["key"]), "props": before["props"]})
		case before == nil:
			nodesGone = append(nodesGone, map[string]any{"id": p["target"]})
		default:
			nodesBack = append(nodesBack, restoredNode(str(p["target"]), before))
		}
	}
	for _, step := range []struct {
		query string
		rows  []map[string]any
	}{{"changeset_undo_rels_delete", relsGone}, {"changeset_undo_nodes_delete", nodesGone},
		{"changeset_undo_nodes_restore", nodesBack}, {"changeset_undo_rels_restore", relsBack}} {
		if len(step.rows) == 0 {
			continue
		}
		recs, err := runTx(ctx, tx, s.Query(step.query), map[string]any{"rows": step.rows})
		if err != nil {
			return err
		}
		if n := get[int64](recs[0], "applied"); int(n) != len(step.rows) {
			return cryo.Errorf(cryo.ECodeUndoConflict, "the undo found %d of %d things to restore as recorded (%s); nothing was undone", n, len(step.rows), step.query)
		}
	}
	return nil
}

// restoredNode is the row changeset_undo_nodes_restore takes for a node's state before.
func restoredNode(id string, before map[string]any) map[string]any {
	props, _ := before["props"].(map[string]any)
	label := str(before["label"])
	name, _ := props["name"].(string)
	keys := []string{}
	for _, k := range cryo.EntityNameKeys(label, name, strList(props["aliases"])) {
		keys = append(keys, k.Key)
	}
	sources := strList(before["sources"])
	if cryo.KindOf(label) == "" {
		label = "Entity" // never a label outside the allow-list
	}
	return map[string]any{"id": id, "label": label, "props": props, "sources": sources, "nameKeys": keys}
}

// reverseChange is the change an undo records for a change it reverted: before and after
// swapped.
func reverseChange(p map[string]any) changeRow {
	return changeRow{"kind": p["kind"], "target": p["target"], "label": p["label"], "type": p["type"],
		"from": p["from"], "to": p["to"], "key": p["key"], "before": p["after"], "after": p["before"],
		"beforeHash": p["afterHash"], "afterHash": p["beforeHash"]}
}
