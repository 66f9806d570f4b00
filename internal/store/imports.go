package store

// Imports: what package importer needs of the graph (lookups, batched upserts), written in
// retried transactions.

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// HasEntities tells whether the graph holds an entity or a merge record.
func (s *Store) HasEntities(ctx context.Context) (bool, error) {
	res, err := s.read(ctx, "import_graph_has_entities", nil)
	if err != nil {
		return false, err
	}
	return len(res.Records) == 1 && get[bool](res.Records[0], "any"), nil
}

// Lookup finds ids in the graph, following explicit merges.
func (s *Store) Lookup(ctx context.Context, ids []string) (map[string]cryo.GraphID, error) {
	res, err := s.read(ctx, "import_existing_ids", map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := make(map[string]cryo.GraphID, len(res.Records))
	for _, rec := range res.Records {
		out[get[string](rec, "id")] = cryo.GraphID{Label: get[string](rec, "label"), Target: get[string](rec, "target")}
	}
	return out, nil
}

// ExternalOwners finds which entities hold the given external ids.
func (s *Store) ExternalOwners(ctx context.Context, ext []cryo.ExternalID) (map[cryo.ExternalID]string, error) {
	rows := make([]map[string]any, len(ext))
	for i, x := range ext {
		rows[i] = map[string]any{"label": x.Label, "prop": x.Prop, "value": x.Value}
	}
	res, err := s.read(ctx, "import_external_owners", map[string]any{"ext": rows})
	if err != nil {
		return nil, err
	}
	out := map[cryo.ExternalID]string{}
	for _, rec := range res.Records {
		out[cryo.ExternalID{Label: get[string](rec, "label"), Prop: get[string](rec, "prop"), Value: get[string](rec, "value")}] = get[string](rec, "id")
	}
	return out, nil
}

// UpsertNodes writes one batch of nodes in one transaction: the new ones with a plain
// CREATE, the others with the full upsert (stale sources, derived links and name keys go).
func (s *Store) UpsertNodes(ctx context.Context, nodes []cryo.NodeUpsert) (map[string]cryo.UpsertCounts, error) {
	_, record := cryo.ChangeFrom(ctx)
	created := map[string][]map[string]any{} // by label
	var upserted, newKeys []map[string]any
	var changes []changeRow
	for _, n := range nodes {
		sources := n.Sources
		if sources == nil {
			sources = []string{}
		}
		row := map[string]any{"id": n.ID, "label": n.Label, "props": n.Props, "sources": sources, "hash": n.Hash}
		if n.New {
			created[n.Label] = append(created[n.Label], row)
			if record {
				c, err := nodeChange(n.ID, n.Label, nil, createdNode(n))
				if err != nil {
					return nil, err
				}
				changes = append(changes, c)
			}
			for _, k := range n.NameKeys {
				newKeys = append(newKeys, map[string]any{"key": k.Key, "id": n.ID})
			}
			continue
		}
		keys := make([]string, 0, len(n.NameKeys))
		for _, k := range n.NameKeys {
			keys = append(keys, k.Key)
		}
		row["nameKeys"] = keys
		row["derived"] = n.Derived
		upserted = append(upserted, row)
	}
	var batches []batch
	for _, label := range slices.Sorted(maps.Keys(created)) {
		if cryo.KindOf(label) == "" { // the allow-list: the label goes into the query text
			return nil, fmt.Errorf("import: %q is not a node label", label)
		}
		q := strings.ReplaceAll(s.Query("import_create_nodes"), "{LABEL}", label)
		batches = append(batches, batch{query: q, rows: created[label]})
	}
	if len(batches) > 0 {
		batches[0].created = changes
	}
	// Sorted by key, so that concurrent writers lock the keys in one order (see the query).
	slices.SortFunc(newKeys, func(a, b map[string]any) int {
		return cmp.Or(cmp.Compare(a["key"].(string), b["key"].(string)), cmp.Compare(a["id"].(string), b["id"].(string)))
	})
	batches = append(batches, batch{query: s.Query("import_create_name_keys"), rows: newKeys},
		batch{query: s.Query("import_upsert_nodes"), rows: upserted, changed: nodeChangesOf})
	return s.upsert(ctx, batches...)
}

// UpsertLinks writes one batch of relationships in one transaction. Both ends must exist.
// Links with a new end cannot exist yet and are created; the others are merged on their key.
func (s *Store) UpsertLinks(ctx context.Context, links []cryo.LinkUpsert) (map[string]cryo.UpsertCounts, error) {
	_, record := cryo.ChangeFrom(ctx)
	var created, upserted []map[string]any
	var changes []changeRow
	for _, l := range links {
		row := map[string]any{"rel": l.Rel, "from": l.From, "to": l.To, "key": l.Key, "props": l.Props, "hash": l.Hash}
		if l.New {
			created = append(created, row)
			if record {
				c, err := relChange(l.Rel, l.From, l.To, l.Key, nil, createdLink(l))
				if err != nil {
					return nil, err
				}
				changes = append(changes, c)
			}
		} else {
			upserted = append(upserted, row)
		}
	}
	return s.upsert(ctx, batch{query: s.Query("import_create_links"), rows: created, created: changes},
		batch{query: s.Query("import_upsert_links"), rows: upserted, changed: linkChangesOf})
}

// importAttempts bounds how often an import batch is tried when the driver's own retries
// ran out on transient errors (deadlocks between writers).
const importAttempts = 6

// retriedOut says whether the driver gave up retrying a transaction whose last error was
// still transient.
func retriedOut(err error) bool {
	var limit *neo4j.TransactionExecutionLimit
	return errors.As(err, &limit) && len(limit.Errors) > 0 && neo4j.IsRetryable(limit.Errors[len(limit.Errors)-1])
}

// batch is the rows one query of an upsert transaction applies, and what it changes when
// the write records a changeset (cryo.WithChange): the changes of the rows it creates, known
// beforehand, and a reader of the changes the query reports.
type batch struct {
	query   string
	rows    []map[string]any
	created []changeRow
	changed func(rec *neo4j.Record) ([]changeRow, error)
}

func (s *Store) upsert(ctx context.Context, batches ...batch) (map[string]cryo.UpsertCounts, error) {
	var counts map[string]cryo.UpsertCounts
	_, record := cryo.ChangeFrom(ctx)
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	// The upsert is idempotent, so a retry is safe.
	work := func(tx neo4j.ManagedTransaction) (any, error) {
		counts = map[string]cryo.UpsertCounts{}
		var changes []changeRow
		for _, b := range batches {
			if len(b.rows) == 0 {
				continue
			}
			changes = append(changes, b.created...)
			// Errors are returned as they are, so the driver can tell which ones to retry.
			res, err := tx.Run(ctx, b.query, map[string]any{"rows": b.rows, "record": record})
			if err != nil {
				return nil, err
			}
			recs, err := res.Collect(ctx)
			if err != nil {
				return nil, err
			}
			n := 0
			for _, rec := range recs {
				c := cryo.UpsertCounts{
					Created:   int(get[int64](rec, "created")),
					Updated:   int(get[int64](rec, "updated")),
					Unchanged: int(get[int64](rec, "unchanged")),
				}
				n += c.Created + c.Updated + c.Unchanged
				if kind := get[string](rec, "kind"); kind != "" {
					c.Add(counts[kind])
					counts[kind] = c
				}
				if record && b.changed != nil {
					more, err := b.changed(rec)
					if err != nil {
						return nil, err
					}
					changes = append(changes, more...)
				}
			}
			// A row whose ends vanished since validation matches nothing; roll the batch back
			// rather than apply part of it.
			if n != len(b.rows) {
				return nil, fmt.Errorf("%d of %d rows could not be applied (a referenced node is missing)", len(b.rows)-n, len(b.rows))
			}
		}
		return nil, s.recordChanges(ctx, tx, changes)
	}
	// ExecuteWrite retries transient failures for the driver's MaxTransactionRetryTime, 5 s,
	// sized for API requests. Two writers' batches can keep meeting each other's locks for
	// longer (Neo4j detects a deadlock and fails one side): such a batch is tried again here,
	// after a growing pause, up to importAttempts times.
	var err error
	for attempt := 1; ; attempt++ {
		_, err = sess.ExecuteWrite(ctx, work)
		if attempt >= importAttempts || !retriedOut(err) || ctx.Err() != nil {
			break
		}
		select {
		case <-ctx.Done():
		case <-time.After(time.Duration(attempt) * 500 * time.Millisecond):
		}
	}
	var nerr *neo4j.Neo4jError
	if errors.As(err, &nerr) && nerr.Code == "Neo.ClientError.Schema.ConstraintValidationFailed" {
		// Another writer created an id this load meant to create after it was validated.
		return nil, &cryo.Error{Code: cryo.ECodeConflict, Err: err,
			Message: "an id this batch creates was created meanwhile by another load; nothing of the batch was applied; run the load again"}
	}
	if err != nil {
		return nil, mapErr("import", err)
	}
	return counts, nil
}

// SetEmptyLists sets the empty-list properties an offline bulk import could not write.
func (s *Store) SetEmptyLists(ctx context.Context, items []cryo.EmptyList) error {
	var nodes, rels []map[string]any
	for _, e := range items {
		if e.NodeID != "" {
			nodes = append(nodes, map[string]any{"id": e.NodeID, "prop": e.Prop})
		} else {
			rels = append(rels, map[string]any{"rel": e.Rel, "from": e.From, "to": e.To, "key": e.Key, "prop": e.Prop})
		}
	}
	for _, b := range []struct {
		query string
		rows  []map[string]any
	}{{"bulk_empty_lists_nodes", nodes}, {"bulk_empty_lists_rels", rels}} {
		for len(b.rows) > 0 {
			chunk := b.rows[:min(len(b.rows), 10000)]
			b.rows = b.rows[len(chunk):]
			res, err := s.write(ctx, b.query, map[string]any{"rows": chunk})
			if err != nil {
				return err
			}
			if n := get[int64](res.Records[0], "applied"); int(n) != len(chunk) {
				return fmt.Errorf("set empty lists: %d of %d properties found nothing to set", len(chunk)-int(n), len(chunk))
			}
		}
	}
	return nil
}
