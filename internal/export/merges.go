package export

import (
	"context"
	"fmt"
	"strings"

	"github.com/cryograph/cryograph/internal/format"
)

// Explicit merges in a JSONL export. A merge moves the absorbed entity's relationships to the
// kept one (marked with mergeId), gives the kept one the absorbed names and id (mergedAliases,
// mergedIds) and records a snapshot of the absorbed entity in a (:Merge) node. The export
// writes the graph as the rows had it, without what merges gave the kept entities, and then
// one merge row per record; loading the file replays each merge (the absorbed entity comes
// back from its snapshot and is merged again, under the same id), so the merge can still be
// undone after a restore. GraphML and CSV mirror the graph as it is, without the bookkeeping.

// mergeNodeProps are what explicit merges add to the kept entity.
var mergeNodeProps = []string{"mergedIds", "mergedAliases"}

// movedByMerge says whether an explicit merge moved r to the kept entity.
func movedByMerge(r Rel) bool {
	_, ok := r.Props["mergeId"]
	return ok
}

func withoutMoved(rs []Rel) []Rel {
	out := rs[:0:0]
	for _, r := range rs {
		if !movedByMerge(r) {
			out = append(out, r)
		}
	}
	return out
}

// unmerged is e as its own rows have it: without the relationships merges moved to it, the
// names and ids they gave it, and with the alias text of its own aliases.
func unmerged(e Entity) Entity {
	if _, merged := e.Props["mergedIds"]; merged {
		props := make(map[string]any, len(e.Props))
		for k, v := range e.Props {
			props[k] = v
		}
		for _, k := range mergeNodeProps {
			delete(props, k)
		}
		delete(props, "aliasText")
		if aliases, err := asStrings(e.ID, "aliases", props["aliases"]); err == nil && len(aliases) > 0 {
			props["aliasText"] = strings.Join(aliases, " | ")
		}
		e.Props = props
	}
	e.SourcedFrom, e.Aliases, e.Folds = withoutMoved(e.SourcedFrom), withoutMoved(e.Aliases), withoutMoved(e.Folds)
	return e
}

// asIs drops the merge bookkeeping from what GraphML and CSV show of a node or relationship.
func asIs(props map[string]any) map[string]any {
	_, a := props["mergedIds"]
	_, b := props["mergedAliases"]
	_, c := props["mergeId"]
	if !a && !b && !c {
		return props
	}
	out := make(map[string]any, len(props))
	for k, v := range props {
		if k != "mergedIds" && k != "mergedAliases" && k != "mergeId" {
			out[k] = v
		}
	}
	return out
}

// writeMerges writes a merge row for each merge record whose kept entity is in the export
// (all of them when ids is nil).
func (jw *jsonlWriter) writeMerges(ctx context.Context, g Graph, ids []string) error {
	in := map[string]bool{}
	for _, id := range ids {
		in[id] = true
	}
	return g.ExportMerges(ctx, func(m map[string]any) error {
		keep, _ := m["keep"].(string)
		if ids != nil && !in[keep] {
			return nil
		}
		row, err := mergeRow(m)
		if err != nil {
			return err
		}
		jw.st.Merges++
		return jw.put(row, nil)
	})
}

// mergeFields lays out a merge row after "type": the import field and the record's property.
var mergeFields = [][2]string{{"id", "id"}, {"keep", "keep"}, {"absorbed", "gone"}, {"reason", "reason"}, {"by", "by"},
	{"at", "at"}, {"moved", "moved"}, {"added_aliases", "addedAliases"}, {"undone_at", "undoneAt"}, {"undone_by", "undoneBy"},
	{"snapshot", "snapshot"}}

func mergeRow(m map[string]any) (format.Object, error) {
	what := fmt.Sprintf("merge %v", m["id"])
	known := map[string]bool{}
	row := format.Object{{Key: "type", Value: "merge"}}
	for _, f := range mergeFields {
		known[f[1]] = true
		v, ok := m[f[1]]
		if !ok || v == nil {
			continue
		}
		if f[1] == "addedAliases" {
			l, err := asStrings(what, f[1], v)
			if err != nil {
				return nil, err
			}
			v = l
		}
		row = append(row, format.Field{Key: f[0], Value: v})
	}
	if err := checkProps(what, m, known); err != nil {
		return nil, err
	}
	return row, nil
}
