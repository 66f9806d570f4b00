package store

// Registry matching: the organizations `cryograph ingest ror --match` compares with ROR's
// records, and the one write that applies a match.

import (
	"context"

	"github.com/cryograph/cryograph/internal/cryo"
)

// OrganizationsWithoutROR returns the organizations that hold no ROR id, with their names and
// place, in id order.
func (s *Store) OrganizationsWithoutROR(ctx context.Context) ([]cryo.OrgNames, error) {
	res, err := s.read(ctx, "ror_match_candidates", nil)
	if err != nil {
		return nil, err
	}
	out := make([]cryo.OrgNames, 0, len(res.Records))
	for _, rec := range res.Records {
		out = append(out, cryo.OrgNames{ID: get[string](rec, "id"), Name: get[string](rec, "name"),
			Aliases: strList(get[[]any](rec, "aliases")), Country: get[string](rec, "country"), City: get[string](rec, "city")})
	}
	return out, nil
}

// SetRORIDs writes ROR ids onto organizations that hold none, each SOURCED_FROM its match's
// source (which must exist), and returns the ids of the organizations written; one that holds
// a ROR id by then is skipped.
func (s *Store) SetRORIDs(ctx context.Context, matches []cryo.RegistryIDMatch) ([]string, error) {
	rows := make([]map[string]any, len(matches))
	for i, m := range matches {
		rows[i] = map[string]any{"org": m.Org, "ror": m.ROR, "source": m.Source}
	}
	res, err := s.write(ctx, "ror_match_apply", map[string]any{"rows": rows})
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(res.Records))
	for _, rec := range res.Records {
		out = append(out, get[string](rec, "id"))
	}
	return out, nil
}
