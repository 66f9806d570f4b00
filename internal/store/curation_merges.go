package store

// Curation: explicit merges (Merge), their undoing (Unmerge) and their record (Merges).

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

type relSnapshot struct {
	Type  string         `json:"type"`
	Out   bool           `json:"out"`
	Other string         `json:"other"`
	Props map[string]any `json:"props"`
}

type nodeSnapshot struct {
	Label string         `json:"label"`
	Props map[string]any `json:"props"`
	Rels  []relSnapshot  `json:"rels"`
}

func newMergeID() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return "merge:" + time.Now().UTC().Format("20060102T150405") + "-" + hex.EncodeToString(b[:])
}

// Merge absorbs one entity into another, in one transaction: the absorbed entity's
// relationships move to the kept one, its names become aliases, and a (:Merge) node records
// everything needed to undo it. Later imports of the absorbed id are redirected.
func (s *Store) Merge(ctx context.Context, req cryo.MergeRequest) (cryo.Merge, error) {
	m := cryo.Merge{ID: newMergeID(), Keep: req.Keep, Absorbed: req.Absorb, Reason: req.Reason, By: req.By,
		At: time.Now().UTC().Format(time.RFC3339), AddedName: []string{}}
	ctx = mergeChangeset(ctx, cryo.ChangeMerge, m.ID, req.By, req.Reason)
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		m.Moved, m.AddedName = 0, []string{}
		recs, err := runTx(ctx, tx, s.Query("merge_read"), map[string]any{"keep": req.Keep, "gone": req.Absorb})
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 || get[string](recs[0], "keepLabel") == "" {
			return nil, &cryo.Error{Code: cryo.ECodeNotFound, Field: "keep", Message: fmt.Sprintf("no entity has id %q", req.Keep)}
		}
		rec := recs[0]
		if get[string](rec, "goneLabel") == "" {
			return nil, &cryo.Error{Code: cryo.ECodeNotFound, Field: "absorb", Message: fmt.Sprintf("no entity has id %q", req.Absorb)}
		}
		label := get[string](rec, "keepLabel")
		if gl := get[string](rec, "goneLabel"); gl != label {
			return nil, cryo.Invalid("absorb", "%s is a %s and %s a %s: only entities of one kind can be merged", req.Absorb, gl, req.Keep, label)
		}
		if label == "Source" || label == "Topic" {
			return nil, cryo.Invalid("absorb", "merging %s nodes is not supported", label)
		}
		snap := nodeSnapshot{Label: label, Props: get[map[string]any](rec, "goneProps")}
		for _, r := range get[[]any](rec, "rels") {
			rm := r.(map[string]any)
			props, _ := rm["props"].(map[string]any)
			snap.Rels = append(snap.Rels, relSnapshot{Type: str(rm["type"]), Out: rm["out"] == true, Other: str(rm["other"]), Props: props})
		}
		sort.Slice(snap.Rels, func(i, j int) bool {
			a, b := snap.Rels[i], snap.Rels[j]
			return a.Type+a.Other+fmt.Sprint(a.Out) < b.Type+b.Other+fmt.Sprint(b.Out)
		})
		// Names the kept entity gains.
		have := map[string]bool{}
		keepName := get[string](rec, "keepName")
		have[keepName] = true
		for _, a := range strList(get[[]any](rec, "keepAliases")) {
			have[a] = true
		}
		goneNames := append([]string{str(snap.Props["name"])}, strList(snap.Props["aliases"])...)
		for _, n := range goneNames {
			if n != "" && !have[n] {
				have[n] = true
				m.AddedName = append(m.AddedName, n)
			}
		}
		blob, err := json.Marshal(snap)
		if err != nil {
			return nil, err
		}
		for _, r := range snap.Rels {
			if r.Type == "HAS_NAME_KEY" || r.Other == req.Keep {
				continue // name keys are recomputed; links between the two vanish with the merge
			}
			q := "merge_move_rel"
			if _, keyed := r.Props["key"]; keyed {
				q = "merge_move_rel_keyed"
			}
			from, to := req.Keep, r.Other
			if !r.Out {
				from, to = r.Other, req.Keep
			}
			recs, err := runTx(ctx, tx, s.Query(q), map[string]any{
				"from": from, "to": to, "type": r.Type, "props": r.Props,
				"key": r.Props["key"], "mergeId": m.ID, "gone": req.Absorb,
			})
			if err != nil {
				return nil, err
			}
			if len(recs) == 1 && get[bool](recs[0], "moved") {
				m.Moved++
			}
		}
		keys := []string{}
		for _, k := range cryo.EntityNameKeys(label, "", m.AddedName) {
			keys = append(keys, k.Key)
		}
		applied, err := runTx(ctx, tx, s.Query("merge_apply"), map[string]any{
			"keep": req.Keep, "gone": req.Absorb, "mergeId": m.ID, "reason": req.Reason, "by": req.By,
			"at": m.At, "snapshot": string(blob), "added": m.AddedName, "nameKeys": keys, "moved": m.Moved,
		})
		if err != nil || len(applied) == 0 {
			return nil, err
		}
		changes, err := mergeChanges(label, req.Absorb, snap.Props, nil, req.Keep,
			get[map[string]any](rec, "keepProps"), get[map[string]any](applied[0], "keepProps"))
		if err != nil {
			return nil, err
		}
		return nil, s.recordChanges(ctx, tx, changes)
	})
	if err != nil {
		return cryo.Merge{}, mapErr("merge", err)
	}
	if err := s.refreshAfter(ctx); err != nil {
		return m, fmt.Errorf("merge %s is recorded, but refreshing the derived data failed (the next load, import or merge refreshes it): %w", m.ID, err)
	}
	return m, nil
}

// Unmerge undoes a merge: the absorbed entity comes back with its properties and
// relationships, and the kept one loses what the merge gave it.
func (s *Store) Unmerge(ctx context.Context, id, by string) (cryo.Merge, error) {
	var m cryo.Merge
	ctx = mergeChangeset(ctx, cryo.ChangeUnmerge, id, by, "undo merge "+id)
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		recs, err := runTx(ctx, tx, "MATCH (m:Merge {id: $id}) OPTIONAL MATCH (g:Entity {id: m.gone}) OPTIONAL MATCH (k:Entity {id: m.keep}) RETURN m, g IS NOT NULL AS goneExists, properties(k) AS keepProps", map[string]any{"id": id})
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 {
			return nil, &cryo.Error{Code: cryo.ECodeNotFound, Field: "id", Message: fmt.Sprintf("no merge has id %q", id)}
		}
		node := get[neo4j.Node](recs[0], "m")
		m = mergeFromProps(node.Props)
		if m.UndoneAt != "" {
			return nil, cryo.Errorf(cryo.ECodeConflict, "merge %s was already undone at %s", id, m.UndoneAt)
		}
		if get[bool](recs[0], "goneExists") {
			return nil, cryo.Errorf(cryo.ECodeConflict, "an entity with id %s exists again; cannot restore it", m.Absorbed)
		}
		var snap nodeSnapshot
		if err := json.Unmarshal([]byte(str(node.Props["snapshot"])), &snap); err != nil {
			return nil, fmt.Errorf("merge %s: corrupt snapshot: %w", id, err)
		}
		name, _ := snap.Props["name"].(string)
		keys := []string{}
		for _, k := range cryo.EntityNameKeys(snap.Label, name, strList(snap.Props["aliases"])) {
			keys = append(keys, k.Key)
		}
		restored, err := runTx(ctx, tx, s.Query("unmerge_restore"), map[string]any{
			"id": id, "gone": m.Absorbed, "keep": m.Keep, "label": snap.Label, "props": snap.Props,
			"added": m.AddedName, "nameKeys": keys, "by": by, "at": time.Now().UTC().Format(time.RFC3339),
		})
		if err != nil {
			return nil, err
		}
		if len(restored) == 0 {
			return nil, cryo.Errorf(cryo.ECodeConflict, "the entity %s that merge %s kept is gone; cannot undo the merge", m.Keep, id)
		}
		changes, err := mergeChanges(snap.Label, m.Absorbed, nil, snap.Props, m.Keep,
			get[map[string]any](recs[0], "keepProps"), get[map[string]any](restored[0], "keepProps"))
		if err != nil {
			return nil, err
		}
		if err := s.recordChanges(ctx, tx, changes); err != nil {
			return nil, err
		}
		cs, _ := cryo.ChangeFrom(ctx)
		if _, err := runTx(ctx, tx, s.Query("changeset_mark_merge_undone"), map[string]any{"ref": id, "by": cs.ID, "at": cs.At}); err != nil {
			return nil, err
		}
		for _, r := range snap.Rels {
			if r.Type == "HAS_NAME_KEY" {
				continue
			}
			from, to := m.Absorbed, r.Other
			if !r.Out {
				from, to = r.Other, m.Absorbed
			}
			if _, err := runTx(ctx, tx, s.Query("unmerge_rel"), map[string]any{
				"from": from, "to": to, "type": r.Type, "props": r.Props,
			}); err != nil {
				return nil, err
			}
		}
		m.UndoneAt = time.Now().UTC().Format(time.RFC3339)
		return nil, nil
	})
	if err != nil {
		return cryo.Merge{}, mapErr("unmerge", err)
	}
	if err := s.refreshAfter(ctx); err != nil {
		return m, fmt.Errorf("merge %s is undone, but refreshing the derived data failed (the next load, import or merge refreshes it): %w", m.ID, err)
	}
	return m, nil
}

// Merges lists merge records, newest first.
func (s *Store) Merges(ctx context.Context, page cryo.Page) ([]cryo.Merge, error) {
	res, err := s.read(ctx, "merges_list", map[string]any{"offset": page.Offset, "limit": page.Limit})
	if err != nil {
		return nil, err
	}
	out := []cryo.Merge{}
	for _, rec := range res.Records {
		out = append(out, mergeFromProps(get[neo4j.Node](rec, "m").Props))
	}
	return out, nil
}
