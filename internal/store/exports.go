package store

// Exports: the queries package export streams the graph through.

import (
	"context"

	"github.com/cryograph/cryograph/internal/export"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The export methods below stream: each runs one auto-commit query and hands the records to
// fn as they arrive, so an export of any size holds one entity or relationship at a time. They
// do not retry, since fn has already written what it was given.

// ExportEntityLabels returns the labels (Entity aside) of the entity with id, or nil if there
// is none.
func (s *Store) ExportEntityLabels(ctx context.Context, id string) ([]string, error) {
	res, err := s.read(ctx, "export_entity_labels", map[string]any{"id": id})
	if err != nil {
		return nil, err
	}
	if len(res.Records) == 0 {
		return nil, nil
	}
	return strList(get[[]any](res.Records[0], "labels")), nil
}

// ExportNeighbours returns the ids of the entities one relationship of the given types away
// from any of ids, in either direction.
func (s *Store) ExportNeighbours(ctx context.Context, ids, types []string) ([]string, error) {
	return s.ids(ctx, "export_neighbours", map[string]any{"ids": ids, "types": types})
}

// ExportDependencies returns the ids that the rows of ids refer to besides sources: parties and
// topics of partnerships, broader topics of topics.
func (s *Store) ExportDependencies(ctx context.Context, ids []string) ([]string, error) {
	return s.ids(ctx, "export_dependencies", map[string]any{"ids": ids})
}

// ExportSources returns the ids of the sources that ids and the relationships between them
// cite.
func (s *Store) ExportSources(ctx context.Context, ids []string) ([]string, error) {
	return s.ids(ctx, "export_sources", map[string]any{"ids": ids})
}

func (s *Store) ids(ctx context.Context, query string, params map[string]any) ([]string, error) {
	res, err := s.read(ctx, query, params)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(res.Records))
	for _, rec := range res.Records {
		out = append(out, get[string](rec, "id"))
	}
	return out, nil
}

// ExportEntities streams the entities with the given label in id order, each with the
// relationships its import row folds in. A nil ids exports them all; otherwise only those in
// ids.
func (s *Store) ExportEntities(ctx context.Context, label string, ids []string, fn func(export.Entity) error) error {
	params := map[string]any{"label": label, "ids": nullable(ids)}
	return s.stream(ctx, "export_entities", params, func(rec *neo4j.Record) error {
		return fn(export.Entity{
			ID:          get[string](rec, "id"),
			Labels:      strList(get[[]any](rec, "labels")),
			Props:       get[map[string]any](rec, "props"),
			SourcedFrom: rels(get[[]any](rec, "sourcedFrom")),
			Aliases:     rels(get[[]any](rec, "aliases")),
			Folds:       rels(get[[]any](rec, "folds")),
		})
	})
}

// ExportRelationships streams the relationships between entities ordered by (from, type, to,
// key), leaving out the types in skip. A nil ids exports them all; otherwise only those whose
// both ends are in ids.
func (s *Store) ExportRelationships(ctx context.Context, skip, ids []string, fn func(export.Rel) error) error {
	if skip == nil {
		skip = []string{}
	}
	params := map[string]any{"skip": skip, "ids": nullable(ids)}
	return s.stream(ctx, "export_relationships", params, func(rec *neo4j.Record) error {
		r := export.Rel{
			Type:  get[string](rec, "type"),
			From:  get[string](rec, "from"),
			To:    get[string](rec, "to"),
			Props: get[map[string]any](rec, "props"),
		}
		if owner := get[string](rec, "owner"); owner != "" {
			r.Owner = &export.Entity{ID: owner, Folds: rels(get[[]any](rec, "ownerFolds")), SourcedFrom: rels(get[[]any](rec, "ownerSources"))}
		}
		return fn(r)
	})
}

// stream runs a named query in an auto-commit transaction and calls fn for each record as it
// arrives. An error from fn stops the query and is returned as it is.
func (s *Store) stream(ctx context.Context, name string, params map[string]any, fn func(*neo4j.Record) error) error {
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeRead})
	defer sess.Close(ctx)
	res, err := sess.Run(ctx, s.Query(name), params)
	if err != nil {
		return mapErr("query "+name, err)
	}
	for res.Next(ctx) {
		if err := fn(res.Record()); err != nil {
			return err
		}
	}
	if err := res.Err(); err != nil {
		return mapErr("query "+name, err)
	}
	return nil
}

// nullable turns a nil list into a Cypher null (the driver would send an empty list).
func nullable(ids []string) any {
	if ids == nil {
		return nil
	}
	return ids
}

// ExportMerges streams the merge records, oldest first, as their properties.
func (s *Store) ExportMerges(ctx context.Context, fn func(map[string]any) error) error {
	return s.stream(ctx, "export_merges", nil, func(rec *neo4j.Record) error {
		return fn(get[map[string]any](rec, "props"))
	})
}
