package store

// The search box's identifier lookup: a pasted ROR id, ORCID or Wikidata item finds the entity
// that holds it, ahead of any name that merely looks alike.

import (
	"context"
	"strings"

	"github.com/cryograph/cryograph/internal/cryo"
)

// searchIdentifier finds the entities that hold id, within q's kinds and limit. They carry
// Match "identifier" and no full-text score; withIdentifierHits puts them first.
func (s *Store) searchIdentifier(ctx context.Context, id cryo.Identifier, q cryo.SearchQuery) ([]cryo.Node, error) {
	res, err := s.read(ctx, "search_identifier", map[string]any{
		"scheme": id.Scheme, "forms": id.Forms(), "labels": q.Labels(), "limit": q.Limit})
	if err != nil {
		return nil, err
	}
	out := make([]cryo.Node, 0, len(res.Records))
	for _, rec := range res.Records {
		out = append(out, cryo.Node{ID: get[string](rec, "id"), Name: get[string](rec, "name"),
			Kind: cryo.KindOf(get[string](rec, "label")), Type: get[string](rec, "type"),
			Country: get[string](rec, "country"), Match: cryo.MatchIdentifier, Aliases: strList(rec.AsMap()["aliases"])})
	}
	return out, nil
}

// withIdentifierHits puts the entities that hold the identifier typed (if the text is one)
// first, then the full-text hits that are not among them, within the limit.
func (s *Store) withIdentifierHits(ctx context.Context, q cryo.SearchQuery, text []cryo.Node) ([]cryo.Node, error) {
	id, ok := cryo.ParseIdentifier(q.Text)
	if !ok {
		return text, nil
	}
	hits, err := s.searchIdentifier(ctx, id, q)
	if err != nil || len(hits) == 0 {
		return text, err
	}
	seen := make(map[string]bool, len(hits))
	for _, h := range hits {
		seen[h.ID] = true
	}
	for _, n := range text {
		if len(hits) >= q.Limit {
			break
		}
		if !seen[n.ID] {
			hits = append(hits, n)
		}
	}
	return hits, nil
}

// withRegistryNames adds the organizations whose registry record (ROR) gives a name equal to
// the text, ahead of the other hits, and those with a name starting with it, after them: a
// curated organization keeps its own names, so ROR's labels (中国科学技术大学, say) reach it
// only here.
func (s *Store) withRegistryNames(ctx context.Context, q cryo.SearchQuery, hits []cryo.Node) ([]cryo.Node, error) {
	text := strings.ToLower(strings.TrimSpace(q.Text))
	if text == "" {
		return hits, nil
	}
	res, err := s.read(ctx, "search_registry_names", map[string]any{"text": text, "labels": q.Labels(), "limit": q.Limit})
	if err != nil {
		return nil, err
	}
	seen := make(map[string]bool, len(hits))
	for _, h := range hits {
		seen[h.ID] = true
	}
	var exact, prefix []cryo.Node
	for _, rec := range res.Records {
		n := cryo.Node{ID: get[string](rec, "id"), Name: get[string](rec, "name"),
			Kind: cryo.KindOf(get[string](rec, "label")), Type: get[string](rec, "type"),
			Country: get[string](rec, "country"), Aliases: strList(rec.AsMap()["aliases"])}
		switch {
		case seen[n.ID]:
		case get[bool](rec, "exact"):
			exact = append(exact, n)
		default:
			prefix = append(prefix, n)
		}
	}
	if len(exact) == 0 && len(prefix) == 0 {
		return hits, nil
	}
	out := append(exact, hits...)
	out = append(out, prefix...)
	if len(out) > q.Limit {
		out = out[:q.Limit]
	}
	return out, nil
}
