package store

// Suggested collaborators for a person.

import (
	"context"
	"fmt"
	"sort"

	"github.com/cryograph/cryograph/internal/cryo"
)

// suggestionFanout and suggestionPerItem bound the expansions of the suggestions query
// (candidates per topic or area, collaborators, partners; works per collaborator, people per
// partner), so its cost does not grow with the busiest neighbour or with the graph.
const (
	suggestionFanout  = 100
	suggestionPerItem = 10
)

func (s *Store) entity(ctx context.Context, field, id string) (cryo.Node, error) {
	res, err := s.read(ctx, "entity_exists", map[string]any{"id": id})
	if err != nil {
		return cryo.Node{}, err
	}
	if len(res.Records) == 0 {
		return cryo.Node{}, &cryo.Error{Code: cryo.ECodeNotFound, Field: field, Message: fmt.Sprintf("no entity has id %q", id)}
	}
	m := res.Records[0].AsMap()
	return decodeNode(m), nil
}

// Suggestions proposes collaborators for a person, with reasons. The common case is one
// round trip; only an empty answer asks whether the id exists at all (a 404 then).
func (s *Store) Suggestions(ctx context.Context, q cryo.SuggestionQuery) ([]cryo.Suggestion, error) {
	res, err := s.read(ctx, "suggestions", map[string]any{"id": q.Person, "topic": orNull(q.Topic),
		"country": orNull(q.Country), "excludeOwn": q.ExcludeOwnInst, "limit": q.Limit,
		"fanout": suggestionFanout, "perItem": suggestionPerItem})
	if err != nil {
		return nil, err
	}
	if len(res.Records) == 0 {
		if _, err := s.entity(ctx, "id", q.Person); err != nil {
			return nil, err
		}
	}
	out := []cryo.Suggestion{}
	for _, rec := range res.Records {
		sg := cryo.Suggestion{
			Person:       cryo.Node{ID: get[string](rec, "id"), Name: get[string](rec, "name"), Kind: "person", Country: get[string](rec, "country")},
			Score:        get[float64](rec, "score"),
			Reasons:      strList(rec.AsMap()["reasons"]),
			Institutions: decodeNodes(rec.AsMap()["institutions"]),
		}
		sort.Strings(sg.Reasons)
		out = append(out, sg)
	}
	return out, nil
}
