package store

// The page of one partnership (partnership_page.cypher), and the decoding the event page
// shares with it.

import (
	"context"

	"sort"

	"github.com/cryograph/cryograph/internal/cryo"
)

// PartnershipPage returns everything the graph says of one partnership: not_found for an
// unknown id, invalid_argument for the id of another kind of entity.
func (s *Store) PartnershipPage(ctx context.Context, id string) (cryo.PartnershipPage, error) {
	m, err := s.pageRecord(ctx, "partnership_page", "Partnership", id)
	if err != nil {
		return cryo.PartnershipPage{}, err
	}
	e, _ := m["entity"].(map[string]any)
	p := cryo.PartnershipPage{ID: str(e["id"]), Name: str(e["name"]), Kind: str(e["kind"]), Status: str(e["status"]),
		Start: str(e["start"]), End: str(e["end"]), Description: str(e["description"]), Amount: number(e["amount"]),
		Currency: str(e["currency"]), Uncertain: e["uncertain"] == true, Note: str(e["note"]), Aliases: optStrList(e["aliases"]),
		Parties: decodeParties(m["parties"]), Topics: sortNodes(decodeNodes(m["topics"])),
		ResultedFrom: decodeLinks(m["links"]), EntitySources: sortedStrings(m["own"]), Sources: decodePageSources(m["sources"])}
	return p, nil
}

// pageRecord reads the one record of a page's query, telling an unknown id (not_found) from
// the id of an entity of another label than want (invalid_argument).
func (s *Store) pageRecord(ctx context.Context, query, want, id string) (map[string]any, error) {
	kind := cryo.KindOf(want)
	res, err := s.read(ctx, query, map[string]any{"id": id})
	if err != nil {
		return nil, err
	}
	if len(res.Records) == 0 {
		return nil, notFound(kind, id)
	}
	m := res.Records[0].AsMap()
	if label := str(m["label"]); label != want {
		other := cryo.KindOf(label)
		if other == "" {
			other = "not an entity"
		}
		return nil, cryo.Invalid("id", "%q is a %s, not a %s", id, other, kind)
	}
	return m, nil
}

// decodeParties reads the parties of a partnership or the participants of an event:
// organizations first, then by name.
func decodeParties(v any) []cryo.PageParty {
	out := []cryo.PageParty{}
	for _, x := range asList(v) {
		m, _ := x.(map[string]any)
		out = append(out, cryo.PageParty{ID: str(m["id"]), Name: str(m["name"]), Kind: cryo.KindOf(str(m["label"])),
			Type: str(m["type"]), Country: str(m["country"]), Role: str(m["role"]), Lead: str(m["lead"]),
			Uncertain: m["uncertain"] == true, Note: str(m["note"]), Sources: strList(m["sources"])})
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Kind != b.Kind {
			return a.Kind == "organization"
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.ID < b.ID
	})
	return out
}

// decodeLinks reads the RESULTED_IN links of a page, by start, then id.
func decodeLinks(v any) []cryo.PageLink {
	out := []cryo.PageLink{}
	for _, x := range asList(v) {
		m, _ := x.(map[string]any)
		out = append(out, cryo.PageLink{ID: str(m["id"]), Name: str(m["name"]), Kind: cryo.KindOf(str(m["label"])),
			Type: str(m["type"]), Status: str(m["status"]), Start: str(m["start"]), End: str(m["end"]), Sources: strList(m["sources"])})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		return out[i].ID < out[j].ID
	})
	return out
}

func decodePageSources(v any) []cryo.PageSource {
	out := []cryo.PageSource{}
	for _, x := range asList(v) {
		m, _ := x.(map[string]any)
		out = append(out, cryo.PageSource{Source: decodeSource(m), Retrieved: str(m["retrieved"])})
	}
	return out
}

func sortedStrings(v any) []string {
	l := strList(v)
	sort.Strings(l)
	return l
}

// optStrList is strList, but nil (omitted) for an empty list.
func optStrList(v any) []string {
	if l := strList(v); len(l) > 0 {
		return l
	}
	return nil
}

// number reads a stored number (an amount: a float, or an integer from an older load).
func number(v any) *float64 {
	switch n := v.(type) {
	case float64:
		return &n
	case int64:
		f := float64(n)
		return &f
	}
	return nil
}
