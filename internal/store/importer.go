package store

import (
	"context"
	"fmt"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

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

// UpsertNodes writes one batch of nodes in one transaction.
func (s *Store) UpsertNodes(ctx context.Context, nodes []cryo.NodeUpsert) (map[string]cryo.UpsertCounts, error) {
	rows := make([]map[string]any, len(nodes))
	for i, n := range nodes {
		sources := n.Sources
		if sources == nil {
			sources = []string{}
		}
		keys := make([]map[string]any, 0, len(n.NameKeys))
		for _, k := range n.NameKeys {
			keys = append(keys, map[string]any{"key": k.Key, "names": k.Names})
		}
		rows[i] = map[string]any{"id": n.ID, "label": n.Label, "props": n.Props, "sources": sources, "hash": n.Hash, "nameKeys": keys, "derived": n.Derived}
	}
	return s.upsert(ctx, "import_upsert_nodes", rows)
}

// UpsertLinks writes one batch of relationships in one transaction. Both ends must exist.
func (s *Store) UpsertLinks(ctx context.Context, links []cryo.LinkUpsert) (map[string]cryo.UpsertCounts, error) {
	rows := make([]map[string]any, len(links))
	for i, l := range links {
		rows[i] = map[string]any{"rel": l.Rel, "from": l.From, "to": l.To, "key": l.Key, "props": l.Props, "hash": l.Hash}
	}
	return s.upsert(ctx, "import_upsert_links", rows)
}

func (s *Store) upsert(ctx context.Context, query string, rows []map[string]any) (map[string]cryo.UpsertCounts, error) {
	var counts map[string]cryo.UpsertCounts
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	// ExecuteWrite retries transient failures; the upsert is idempotent, so a retry is safe.
	_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, s.Query(query), map[string]any{"rows": rows})
		if err != nil {
			return nil, err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return nil, err
		}
		counts = map[string]cryo.UpsertCounts{}
		n := 0
		for _, rec := range recs {
			c := cryo.UpsertCounts{
				Created:   int(get[int64](rec, "created")),
				Updated:   int(get[int64](rec, "updated")),
				Unchanged: int(get[int64](rec, "unchanged")),
			}
			counts[get[string](rec, "kind")] = c
			n += c.Created + c.Updated + c.Unchanged
		}
		// A row whose ends vanished since validation matches nothing; roll the batch back
		// rather than apply part of it.
		if n != len(rows) {
			return nil, fmt.Errorf("%d of %d rows could not be applied (a referenced node is missing)", len(rows)-n, len(rows))
		}
		return nil, nil
	})
	if err != nil {
		return nil, mapErr(query, err)
	}
	return counts, nil
}
