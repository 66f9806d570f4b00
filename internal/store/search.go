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
// standard analyzer indexes them.
func luceneQuery(text string) string {
	var clauses []string
	var word []rune
	flush := func() {
		if len(word) == 0 {
			return
		}
		w := strings.ToLower(string(word))
		word = word[:0]
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
func (s *Store) Search(ctx context.Context, q cryo.SearchQuery) ([]cryo.Node, error) {
	lucene := luceneQuery(q.Text)
	out := []cryo.Node{}
	if lucene == "" {
		return s.withIdentifierHits(ctx, q, out)
	}
	res, err := s.read(ctx, "search", map[string]any{"lucene": lucene, "labels": q.Labels(), "limit": q.Limit})
	if err != nil {
		return nil, err
	}
	for _, rec := range res.Records {
		n := cryo.Node{ID: get[string](rec, "id"), Name: get[string](rec, "name"), Kind: cryo.KindOf(get[string](rec, "label")),
			Type: get[string](rec, "type"), Country: get[string](rec, "country"), Score: get[float64](rec, "score"),
			Aliases: strList(rec.AsMap()["aliases"])}
		out = append(out, n)
	}
	return s.withIdentifierHits(ctx, q, out)
}
