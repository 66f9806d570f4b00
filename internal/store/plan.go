package store

// Plans: what a dry run's batches would create, update (and which fields) or leave
// unchanged, read from the graph without writing (importer.Planner).

import (
	"context"
	"fmt"
	"slices"
	"sort"

	"github.com/cryograph/cryograph/internal/cryo"
)

// Stored properties that no import row sets: bookkeeping, merges, derived text.
var planIgnored = map[string]bool{"id": true, "key": true, "importHash": true, "mergedIds": true, "mergedAliases": true, "mergeId": true, "aliasText": true}

// PlanNodes says what UpsertNodes would do with nodes.
func (s *Store) PlanNodes(ctx context.Context, nodes []cryo.NodeUpsert) ([]cryo.Planned, error) {
	out := make([]cryo.Planned, len(nodes))
	var rows []map[string]any
	for i, n := range nodes {
		out[i] = cryo.Planned{Kind: n.Label, ID: n.ID, Action: "create"}
		if !n.New {
			rows = append(rows, map[string]any{"i": i, "id": n.ID})
		}
	}
	if len(rows) == 0 {
		return out, nil
	}
	res, err := s.read(ctx, "import_plan_nodes", map[string]any{"rows": rows})
	if err != nil {
		return nil, err
	}
	for _, rec := range res.Records {
		if !get[bool](rec, "found") {
			continue
		}
		i := int(get[int64](rec, "i"))
		n := nodes[i]
		have := get[map[string]any](rec, "props")
		changed := changedFields(n.Props, have)
		sources := slices.Sorted(slices.Values(n.Sources))
		var stored []string
		for _, v := range get[[]any](rec, "sources") {
			stored = append(stored, fmt.Sprint(v))
		}
		if !slices.Equal(sources, stored) {
			changed = append(changed, "sources")
		}
		out[i].Action, out[i].Changed = planAction(get[string](rec, "hash"), n.Hash, changed)
	}
	return out, nil
}

// PlanLinks says what UpsertLinks would do with links.
func (s *Store) PlanLinks(ctx context.Context, links []cryo.LinkUpsert) ([]cryo.Planned, error) {
	out := make([]cryo.Planned, len(links))
	var rows []map[string]any
	for i, l := range links {
		out[i] = cryo.Planned{Kind: l.Rel, ID: l.From + " -[" + l.Rel + "]-> " + l.To, Action: "create"}
		if !l.New {
			rows = append(rows, map[string]any{"i": i, "rel": l.Rel, "from": l.From, "to": l.To, "key": l.Key})
		}
	}
	if len(rows) == 0 {
		return out, nil
	}
	res, err := s.read(ctx, "import_plan_links", map[string]any{"rows": rows})
	if err != nil {
		return nil, err
	}
	for _, rec := range res.Records {
		if !get[bool](rec, "found") {
			continue
		}
		i := int(get[int64](rec, "i"))
		out[i].Action, out[i].Changed = planAction(get[string](rec, "hash"), links[i].Hash, changedFields(links[i].Props, get[map[string]any](rec, "props")))
	}
	return out, nil
}

// planAction is what the upsert counts: unchanged when the content hashes agree.
func planAction(oldHash, hash string, changed []string) (string, []string) {
	if oldHash == hash {
		return "unchanged", nil
	}
	sort.Strings(changed)
	return "update", changed
}

// changedFields lists the fields whose values differ between a row's properties and the
// stored ones (a field the row drops counts as changed).
func changedFields(want, have map[string]any) []string {
	changed := []string{}
	for k, v := range want {
		if planIgnored[k] {
			continue
		}
		if h, ok := have[k]; !ok || fmt.Sprint(h) != fmt.Sprint(v) {
			changed = append(changed, k)
		}
	}
	for k := range have {
		if _, ok := want[k]; !ok && !planIgnored[k] {
			changed = append(changed, k)
		}
	}
	return changed
}
