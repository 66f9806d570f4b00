package store

// The search box: Search and the Lucene query it builds from the user's words.

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"github.com/cryograph/cryograph/internal/cryo"
)

// luceneQuery builds a full-text query from a user's words. Only letters and digits reach
// Lucene, so its syntax cannot be injected. Each word must match: as itself (boosted), as a
// prefix, and fuzzily when it is long enough; Han characters are matched one by one, as the
// standard analyzer indexes them. Titles ("Prof.", "Dr.", "PhD") are left out, unless the
// query has nothing else.
func luceneQuery(text string) string {
	var clauses []string
	var word []rune
	titlesOnly := true
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if !cryo.IsHonorific(w) {
			titlesOnly = false
		}
	}
	flush := func() {
		if len(word) == 0 {
			return
		}
		w := strings.ToLower(string(word))
		word = word[:0]
		if cryo.IsHonorific(w) && !titlesOnly {
			return
		}
		c := fmt.Sprintf("(%s^4 OR %s*^2", w, w)
		if len([]rune(w)) >= 4 {
			c += fmt.Sprintf(" OR %s~1", w)
		}
		clauses = append(clauses, c+")")
	}
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Han, r):
			flush()
			clauses = append(clauses, string(r))
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			word = append(word, r)
		default:
			flush()
		}
	}
	flush()
	return strings.Join(clauses, " AND ")
}

// Search is the search box: prefix, fuzzy and alias matching over names, ranked by Lucene.
// People and organizations that the name rules of Resolve find come first, best rule first,
// each with its rule in Match: "Prof. Xu Yi", "Smith JC" and "He, X." find their people
// though Lucene would rank them lower or not at all.
func (s *Store) Search(ctx context.Context, q cryo.SearchQuery) ([]cryo.Node, error) {
	lucene := luceneQuery(q.Text)
	out := []cryo.Node{}
	var hits []cryo.Node
	if lucene != "" {
		res, err := s.read(ctx, "search", map[string]any{"lucene": lucene, "labels": q.Labels(), "limit": q.Limit})
		if err != nil {
			return nil, err
		}
		for _, rec := range res.Records {
			n := cryo.Node{ID: get[string](rec, "id"), Name: get[string](rec, "name"), Kind: cryo.KindOf(get[string](rec, "label")),
				Type: get[string](rec, "type"), Country: get[string](rec, "country"), Score: get[float64](rec, "score"),
				Aliases: strList(rec.AsMap()["aliases"])}
			hits = append(hits, n)
		}
	}
	var named []string
	for _, l := range q.Labels() {
		if l == "Person" || l == "Organization" {
			named = append(named, l)
		}
	}
	if len(named) > 0 && strings.TrimSpace(q.Text) != "" {
		ranked, err := s.resolveRanked(ctx, q.Text, named, q.Limit)
		if err != nil {
			return nil, err
		}
		byID := map[string]cryo.Node{}
		for _, h := range hits {
			byID[h.ID] = h
		}
		for _, r := range ranked {
			n, ok := byID[r.ID]
			if !ok {
				n = cryo.Node{ID: r.ID, Name: r.Name, Kind: cryo.KindOf(r.Kind), Type: r.typ, Country: r.Country}
			}
			n.Match = r.Match
			out = append(out, n)
		}
	}
	for _, h := range hits {
		if len(out) >= q.Limit {
			break
		}
		dup := false
		for _, o := range out {
			dup = dup || o.ID == h.ID
		}
		if !dup {
			out = append(out, h)
		}
	}
	out, err := s.withRegistryNames(ctx, q, out)
	if err != nil {
		return nil, err
	}
	return s.withIdentifierHits(ctx, q, out)
}
