package store

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/cryograph/cryograph/internal/cryo"
)

// ReplayMerge loads a merge row (cryo.MergeReplay): the absorbed entity comes back from the
// snapshot and is merged into the kept one again, and the new record takes the exported one's
// id, time, author and snapshot, so the merge can be undone as before. A merge that was
// undone only gets its record back. A record already in the graph is left as it is: created
// says whether it was not.
func (s *Store) ReplayMerge(ctx context.Context, r cryo.MergeReplay) (created bool, err error) {
	res, err := s.read(ctx, "merge_replay_exists", map[string]any{"id": r.ID})
	if err != nil {
		return false, err
	}
	if len(res.Records) > 0 {
		return false, nil
	}
	var snap nodeSnapshot
	if err := json.Unmarshal([]byte(r.Snapshot), &snap); err != nil {
		return false, fmt.Errorf("merge %s: corrupt snapshot: %w", r.ID, err)
	}
	if r.UndoneAt != "" {
		props := map[string]any{"id": r.ID, "keep": r.Keep, "gone": r.Absorbed, "reason": r.Reason, "at": r.At,
			"snapshot": r.Snapshot, "addedAliases": r.AddedName, "moved": int64(r.Moved), "undoneAt": r.UndoneAt}
		for k, v := range map[string]string{"by": r.By, "undoneBy": r.UndoneBy} {
			if v != "" {
				props[k] = v
			}
		}
		_, err := s.write(ctx, "merge_replay_undone", map[string]any{"props": props})
		return err == nil, err
	}
	if cryo.KindOf(snap.Label) == "" {
		return false, fmt.Errorf("merge %s: the snapshot's label %q is not an entity's", r.ID, snap.Label)
	}
	name, _ := snap.Props["name"].(string)
	keys := []string{}
	for _, k := range cryo.EntityNameKeys(snap.Label, name, strList(snap.Props["aliases"])) {
		keys = append(keys, k.Key)
	}
	restored, err := s.write(ctx, "merge_replay_restore", map[string]any{"label": snap.Label, "props": snap.Props, "nameKeys": keys})
	if err != nil {
		return false, err
	}
	if len(restored.Records) > 0 { // restored now: its relationships too
		for _, rel := range snap.Rels {
			if rel.Type == "HAS_NAME_KEY" {
				continue
			}
			from, to := r.Absorbed, rel.Other
			if !rel.Out {
				from, to = rel.Other, r.Absorbed
			}
			if _, err := s.write(ctx, "unmerge_rel", map[string]any{"from": from, "to": to, "type": rel.Type, "props": rel.Props}); err != nil {
				return false, err
			}
		}
	}
	m, err := s.Merge(ctx, cryo.MergeRequest{Keep: r.Keep, Absorb: r.Absorbed, Reason: r.Reason, By: r.By})
	if err != nil && m.ID == "" {
		return false, fmt.Errorf("replay merge %s: %w", r.ID, err)
	}
	if _, err := s.write(ctx, "merge_replay_record", map[string]any{"tmp": m.ID, "id": r.ID, "keep": r.Keep, "at": r.At,
		"by": r.By, "snapshot": r.Snapshot, "moved": int64(r.Moved), "added": r.AddedName}); err != nil {
		return false, fmt.Errorf("replay merge %s: give merge %s its id: %w", r.ID, m.ID, err)
	}
	return true, nil
}
