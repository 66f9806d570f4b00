package store

// Suggested collaborators for a person.

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

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
			Reasons:      suggestionReasons(asList(rec.AsMap()["reasons"])),
			Institutions: dedupeNodes(decodeNodes(rec.AsMap()["institutions"])),
		}
		out = append(out, sg)
	}
	return out, nil
}

// suggestionKinds are the kinds of evidence for a suggestion, strongest first; a suggestion
// states at most three, one sentence each.
var suggestionKinds = []string{"topic", "collaborator", "partner", "complementary"}

// suggestionReasons turns the evidence by kind into at most three sentences, each counting its
// evidence and naming up to three examples: "works on 4 topics at or next to yours: ...".
func suggestionReasons(evidence []any) []string {
	byKind := map[string][]string{}
	for _, x := range evidence {
		m, _ := x.(map[string]any)
		items := strList(m["items"])
		sort.Strings(items)
		byKind[str(m["kind"])] = items
	}
	reasons := []string{}
	for _, kind := range suggestionKinds {
		items := byKind[kind]
		if len(items) == 0 || len(reasons) == 3 {
			continue
		}
		switch kind {
		case "topic":
			reasons = append(reasons, fmt.Sprintf("works on %s at or next to yours: %s", countOf(len(items), "a topic", "topics"), examples(items)))
		case "collaborator":
			reasons = append(reasons, fmt.Sprintf("works with %s: %s", countOf(len(items), "one of your collaborators", "of your collaborators"), examples(items)))
		case "partner":
			names := make([]string, 0, len(items))
			for _, it := range items {
				partner, org, _ := strings.Cut(it, "|")
				names = append(names, partner+" (a partner of "+org+")")
			}
			reasons = append(reasons, fmt.Sprintf("is at %s of your institutions: %s", countOf(len(names), "a partner", "partners"), examples(names)))
		case "complementary":
			var names []string
			areas := map[string]bool{}
			for _, it := range items {
				parts := strings.SplitN(it, "|", 4)
				if len(parts) != 4 {
					continue
				}
				names = append(names, "their "+orgKindWord(parts[0])+" "+parts[1]+" and your "+orgKindWord(parts[2]))
				areas[parts[3]] = true
			}
			if len(names) == 0 {
				continue
			}
			sort.Strings(names)
			names = slices.Compact(names)
			reasons = append(reasons, fmt.Sprintf("complements your institution in %s (%s): %s",
				countOf(len(areas), "a shared area", "shared areas"), strings.Join(slices.Sorted(maps.Keys(areas)), ", "), examples(names)))
		}
	}
	return reasons
}

// countOf says "4 topics", or the singular for one.
func countOf(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// examples names up to three items, and how many more there are.
func examples(items []string) string {
	if len(items) <= 3 {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:3], ", ") + fmt.Sprintf(" and %d more", len(items)-3)
}

// orgKindWords are the organization kinds that a sentence says otherwise than as written.
var orgKindWords = map[string]string{"research_center": "research centre", "other": "organization", "government": "government body"}

func orgKindWord(kind string) string {
	if w, ok := orgKindWords[kind]; ok {
		return w
	}
	return strings.ReplaceAll(kind, "_", " ")
}

// dedupeNodes keeps the first of nodes with the same id (a person both affiliated with and
// leading one organization lists it once).
func dedupeNodes(ns []cryo.Node) []cryo.Node {
	seen := map[string]bool{}
	out := ns[:0]
	for _, n := range ns {
		if !seen[n.ID] {
			seen[n.ID] = true
			out = append(out, n)
		}
	}
	return out
}
