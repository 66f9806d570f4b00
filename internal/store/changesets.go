package store

// Changesets: what every write records (who, when, why, the source, and each node's or
// relationship's state before and after), the history of an entity, and a changeset read back.
// The undo is in changesets_undo.go. See docs/model.md, "Changesets and history".

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// changeRow is one recorded change as the changeset_record query takes it.
type changeRow map[string]any

// relTarget names a relationship in a change: "from|TYPE|to|key".
func relTarget(from, typ, to, key string) string { return from + "|" + typ + "|" + to + "|" + key }

// nodeChange makes the record of a node's change; before or after may be nil.
func nodeChange(id, label string, before, after map[string]any) (changeRow, error) {
	b, err := encodeState(before)
	if err != nil {
		return nil, err
	}
	a, err := encodeState(after)
	if err != nil {
		return nil, err
	}
	return changeRow{"kind": "node", "target": id, "label": label, "type": nil, "from": nil, "to": nil, "key": nil,
		"before": b, "after": a, "beforeHash": stateHash(before), "afterHash": stateHash(after)}, nil
}

// relChange makes the record of a relationship's change; before or after (its properties)
// may be nil.
func relChange(typ, from, to, key string, before, after map[string]any) (changeRow, error) {
	b, err := encodeState(wrapRel(before))
	if err != nil {
		return nil, err
	}
	a, err := encodeState(wrapRel(after))
	if err != nil {
		return nil, err
	}
	return changeRow{"kind": "rel", "target": relTarget(from, typ, to, key), "label": nil, "type": typ,
		"from": from, "to": to, "key": key, "before": b, "after": a,
		"beforeHash": stateHash(wrapRel(before)), "afterHash": stateHash(wrapRel(after))}, nil
}

func wrapRel(props map[string]any) map[string]any {
	if props == nil {
		return nil
	}
	return map[string]any{"props": props}
}

// stateHash is the import hash a state carries (nil without one): the undo compares it with
// the graph's to tell whether a thing is still as a changeset left it.
func stateHash(state map[string]any) any {
	if state == nil {
		return nil
	}
	props, _ := state["props"].(map[string]any)
	if h, ok := props["importHash"].(string); ok {
		return h
	}
	return ""
}

// createdNode is the state of a node a batch created: what import_create_nodes writes.
func createdNode(n cryo.NodeUpsert) map[string]any {
	props := make(map[string]any, len(n.Props)+2)
	for k, v := range n.Props {
		if v != nil {
			props[k] = v
		}
	}
	props["id"], props["importHash"] = n.ID, n.Hash
	sources := slices.Clone(n.Sources)
	if sources == nil {
		sources = []string{}
	}
	return map[string]any{"label": n.Label, "props": props, "sources": sources}
}

// createdLink is the properties of a relationship a batch created (import_create_links).
func createdLink(l cryo.LinkUpsert) map[string]any {
	props := make(map[string]any, len(l.Props)+2)
	for k, v := range l.Props {
		if v != nil {
			props[k] = v
		}
	}
	props["key"], props["importHash"] = l.Key, l.Hash
	return props
}

// encodeState writes a state as JSON text, marking floating-point numbers with a decimal
// point (2 is written 2.0), so that decodeState gives every number back with its Neo4j type.
func encodeState(state map[string]any) (any, error) {
	if state == nil {
		return nil, nil
	}
	b, err := json.Marshal(markFloats(state))
	if err != nil {
		return nil, fmt.Errorf("changeset: encode a state: %w", err)
	}
	return string(b), nil
}

func markFloats(v any) any {
	switch x := v.(type) {
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			return nil
		}
		s := strconv.FormatFloat(x, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eE") {
			s += ".0"
		}
		return json.Number(s)
	case float32:
		return markFloats(float64(x))
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = markFloats(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = markFloats(e)
		}
		return out
	case []float64:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = markFloats(e)
		}
		return out
	}
	return v
}

// decodeState reads a state encodeState wrote: integers as int64, other numbers as float64.
func decodeState(text any) (map[string]any, error) {
	s, _ := text.(string)
	if s == "" {
		return nil, nil
	}
	d := json.NewDecoder(bytes.NewReader([]byte(s)))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil {
		return nil, fmt.Errorf("changeset: corrupt state: %w", err)
	}
	return typedNumbers(m).(map[string]any), nil
}

func typedNumbers(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil && !strings.ContainsAny(string(x), ".eE") {
			return i
		}
		f, _ := x.Float64()
		return f
	case map[string]any:
		for k, e := range x {
			x[k] = typedNumbers(e)
		}
		return x
	case []any:
		for i, e := range x {
			x[i] = typedNumbers(e)
		}
		// Neo4j lists are of one type: a list read back as []any is stored as it was.
		return x
	}
	return v
}

// recordChanges writes changes of the changeset in ctx (if any) in tx.
func (s *Store) recordChanges(ctx context.Context, tx neo4j.ManagedTransaction, changes []changeRow) error {
	cs, ok := cryo.ChangeFrom(ctx)
	if !ok || len(changes) == 0 {
		return nil
	}
	rows := make([]any, len(changes))
	for i, c := range changes {
		rows[i] = map[string]any(c)
	}
	_, err := runTx(ctx, tx, s.Query("changeset_record"), map[string]any{"cs": metaParams(cs), "changes": rows})
	return err
}

func metaParams(m cryo.ChangeMeta) map[string]any {
	return map[string]any{"id": m.ID, "kind": m.Kind, "by": m.By, "role": m.Role, "at": m.At,
		"comment": m.Comment, "source": m.Source, "ref": m.Ref}
}

// Changeset reads one changeset with a page of its changes.
func (s *Store) Changeset(ctx context.Context, id string, page cryo.Page) (cryo.Changeset, error) {
	res, err := s.read(ctx, "changeset_get", map[string]any{"id": id, "offset": page.Offset, "limit": page.Limit})
	if err != nil {
		return cryo.Changeset{}, err
	}
	if len(res.Records) == 0 {
		return cryo.Changeset{}, &cryo.Error{Code: cryo.ECodeNotFound, Field: "id", Message: fmt.Sprintf("no changeset has id %q", id)}
	}
	rec := res.Records[0]
	return changesetOf(rec)
}

// History lists the changesets that touched an entity of a kind (the node, or a relationship
// with it at either end), newest first, each with those of its changes. An id that is no
// entity of the kind and has no history is not found.
func (s *Store) History(ctx context.Context, kind, id string, page cryo.Page) ([]cryo.Changeset, error) {
	res, err := s.read(ctx, "changeset_history", map[string]any{"id": id, "offset": page.Offset, "limit": page.Limit})
	if err != nil {
		return nil, err
	}
	out := []cryo.Changeset{}
	for _, rec := range res.Records {
		cs, err := changesetOf(rec)
		if err != nil {
			return nil, err
		}
		out = append(out, cs)
	}
	// The entity must be of the kind asked for; one an undo deleted keeps its history.
	n, err := s.entity(ctx, "id", id)
	var ce *cryo.Error
	switch {
	case errors.As(err, &ce) && ce.Code == cryo.ECodeNotFound && len(out) > 0:
	case err != nil:
		return nil, err
	case n.Kind != kind:
		return nil, &cryo.Error{Code: cryo.ECodeNotFound, Field: "id", Message: fmt.Sprintf("no %s has id %q", kind, id)}
	}
	return out, nil
}

func changesetOf(rec *neo4j.Record) (cryo.Changeset, error) {
	p, changes := get[neo4j.Node](rec, "cs").Props, get[[]any](rec, "changes")
	cs := cryo.Changeset{ChangeMeta: cryo.ChangeMeta{ID: str(p["id"]), Kind: str(p["kind"]), By: str(p["by"]),
		Role: str(p["role"]), At: str(p["at"]), Comment: str(p["comment"]), Source: str(p["source"]), Ref: str(p["ref"])},
		UndoneBy: str(p["undoneBy"]), UndoneAt: str(p["undoneAt"]), Items: []cryo.Change{}}
	cs.Changes = int(get[int64](rec, "total"))
	for _, c := range changes {
		node, ok := c.(neo4j.Node)
		if !ok {
			continue
		}
		ch, err := changeOf(node.Props)
		if err != nil {
			return cs, err
		}
		cs.Items = append(cs.Items, ch)
	}
	return cs, nil
}

// internalProps are kept in a recorded state (an undo restores them) but not shown.
var internalProps = []string{"importHash", "aliasText"}

func changeOf(p map[string]any) (cryo.Change, error) {
	ch := cryo.Change{Kind: str(p["kind"]), Target: str(p["target"]), Label: str(p["label"]), Type: str(p["type"]),
		From: str(p["from"]), To: str(p["to"]), Key: str(p["key"])}
	var err error
	if ch.Before, err = decodeState(p["before"]); err != nil {
		return ch, err
	}
	if ch.After, err = decodeState(p["after"]); err != nil {
		return ch, err
	}
	for _, st := range []map[string]any{ch.Before, ch.After} {
		if props, ok := st["props"].(map[string]any); ok {
			for _, k := range internalProps {
				delete(props, k)
			}
		}
	}
	return ch, nil
}

// sortedKeys is maps.Keys, sorted.
func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

// nodeChangesOf reads the changes import_upsert_nodes reports: rows created or changed, and
// the relationships an update dropped.
func nodeChangesOf(rec *neo4j.Record) ([]changeRow, error) {
	var out []changeRow
	for _, x := range get[[]any](rec, "changes") {
		m, _ := x.(map[string]any)
		if m["changed"] == true {
			before, _ := m["before"].(map[string]any)
			after, _ := m["after"].(map[string]any)
			sortSources(before)
			sortSources(after)
			c, err := nodeChange(str(m["id"]), str(m["label"]), before, after)
			if err != nil {
				return nil, err
			}
			out = append(out, c)
		}
		for _, d := range asList(m["dropped"]) {
			dm, _ := d.(map[string]any)
			props, _ := dm["props"].(map[string]any)
			c, err := relChange(str(dm["type"]), str(dm["from"]), str(dm["to"]), str(props["key"]), props, nil)
			if err != nil {
				return nil, err
			}
			out = append(out, c)
		}
	}
	return out, nil
}

// linkChangesOf reads the changes import_upsert_links reports.
func linkChangesOf(rec *neo4j.Record) ([]changeRow, error) {
	var out []changeRow
	for _, x := range get[[]any](rec, "changes") {
		m, _ := x.(map[string]any)
		before, _ := m["before"].(map[string]any)
		after, _ := m["after"].(map[string]any)
		c, err := relChange(str(m["type"]), str(m["from"]), str(m["to"]), str(m["key"]), before, after)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// sortSources puts a state's source ids in order, so that equal states are equal text.
func sortSources(state map[string]any) {
	if state == nil {
		return
	}
	ids := strList(state["sources"])
	slices.Sort(ids)
	state["sources"] = ids
}

// mergeChangeset is ctx with the changeset a merge or an unmerge records: the caller's (an
// API request's, with the token's name and role), or one made here.
func mergeChangeset(ctx context.Context, kind, mergeID, by, comment string) context.Context {
	m, ok := cryo.ChangeFrom(ctx)
	if !ok {
		m = cryo.ChangeMeta{By: by, Comment: comment}
	}
	m.Kind, m.Ref = kind, mergeID
	if m.Comment == "" {
		m.Comment = comment
	}
	return cryo.WithChange(ctx, m.Complete(kind+" "+mergeID))
}

// mergeChanges records what a merge or an unmerge changed: the absorbed node (gone, or
// back) and the kept node's properties (its names and merged ids).
func mergeChanges(label, goneID string, goneBefore, goneAfter map[string]any, keepID string, keepBefore, keepAfter map[string]any) ([]changeRow, error) {
	state := func(props map[string]any) map[string]any {
		if props == nil {
			return nil
		}
		return map[string]any{"label": label, "props": props}
	}
	gone, err := nodeChange(goneID, label, state(goneBefore), state(goneAfter))
	if err != nil {
		return nil, err
	}
	keep, err := nodeChange(keepID, label, state(keepBefore), state(keepAfter))
	if err != nil {
		return nil, err
	}
	return []changeRow{gone, keep}, nil
}

// undoMerge undoes a merge's changeset by undoing the merge; the unmerge records its own
// changeset (kind unmerge) and marks the merge's undone.
func (s *Store) undoMerge(ctx context.Context, target cryo.Changeset, meta cryo.ChangeMeta) (cryo.Changeset, error) {
	meta.Kind, meta.Ref = cryo.ChangeUnmerge, target.Ref
	ctx = cryo.WithChange(ctx, meta)
	if _, err := s.Unmerge(ctx, target.Ref, meta.By); err != nil {
		return cryo.Changeset{}, err
	}
	return cryo.Changeset{ChangeMeta: meta, Items: []cryo.Change{}, Changes: 2}, nil
}
