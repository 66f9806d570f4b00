package store

// A person's publications, paged and sorted.

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/cryograph/cryograph/internal/cryo"
)

// publicationOrders are the ORDER BY clauses of person_publications.cypher, one per sort key of
// cryo.PublicationSorts; the query's text is only ever filled from here.
var publicationOrders = map[string]string{
	"year":  "coalesce(year, 0) DESC, coalesce(w.citedBy, -1) DESC, toLower(w.title), w.id",
	"cited": "coalesce(w.citedBy, -1) DESC, coalesce(year, 0) DESC, toLower(w.title), w.id",
	"title": "toLower(w.title), coalesce(year, 0) DESC, w.id",
}

// Publications lists one page of a person's publications in the order asked for, each with
// the person's authorship, co-authors (capped) and sources, in one round trip.
func (s *Store) Publications(ctx context.Context, q cryo.PublicationQuery) (cryo.PublicationPage, error) {
	out := cryo.PublicationPage{Sort: q.Sort, Limit: q.Limit, Offset: q.Offset, Publications: []cryo.Publication{}}
	order, ok := publicationOrders[q.Sort]
	if !ok {
		return out, cryo.Invalid("sort", "sort must be one of year, cited, title; got %q", q.Sort)
	}
	query := strings.Replace(s.Query("person_publications"), "{ORDER}", order, 1)
	res, err := s.readText(ctx, "person_publications", query, map[string]any{
		"id": q.Person, "offset": q.Offset, "limit": q.Limit, "maxCoauthors": cryo.MaxCoauthorsListed})
	if err != nil {
		return out, err
	}
	if len(res.Records) == 0 {
		return out, fmt.Errorf("query person_publications: no record")
	}
	m := res.Records[0].AsMap()
	if m["person"] == nil {
		return out, notFound("person", q.Person)
	}
	out.Person = decodeRef(m["person"])
	out.Total = int(get[int64](res.Records[0], "total"))
	var sources []cryo.Source
	for _, x := range asList(m["sources"]) {
		sources = append(sources, decodeSource(x.(map[string]any)))
	}
	pubs := asList(m["publications"])
	slices.SortFunc(pubs, func(a, b any) int {
		return int(a.(map[string]any)["rank"].(int64) - b.(map[string]any)["rank"].(int64))
	})
	for _, x := range pubs {
		out.Publications = append(out.Publications, decodePublication(x.(map[string]any), sources))
	}
	return out, nil
}

// decodePublication reads one row of person_publications; sources are the answer's, by id.
func decodePublication(m map[string]any, sources []cryo.Source) cryo.Publication {
	w := decodeWork(m)
	if w == nil { // every row has an id; never dereference nil if one had not
		w = &cryo.WorkRef{Title: str(m["title"])}
	}
	p := cryo.Publication{
		WorkRef:       *w,
		Venue:         str(m["venue"]),
		WorkType:      str(m["workType"]),
		Corresponding: m["corresponding"] == true,
		Role:          str(m["role"]),
		Retracted:     m["retracted"] == true,
		Coauthors:     []cryo.Ref{},
		Sources:       []cryo.Source{},
	}
	if n, ok := m["citedBy"].(int64); ok {
		c := int(n)
		p.CitedBy = &c
	}
	if n, ok := m["position"].(int64); ok {
		p.Position = int(n)
	}
	for _, c := range asList(m["coauthors"]) {
		p.Coauthors = append(p.Coauthors, decodeRef(c))
	}
	p.CoauthorCount = int(num(m["coauthorCount"]))
	ids := strList(m["sourceIds"])
	slices.Sort(ids)
	for _, id := range slices.Compact(ids) {
		if i, ok := slices.BinarySearchFunc(sources, id, func(s cryo.Source, id string) int { return strings.Compare(s.ID, id) }); ok {
			p.Sources = append(p.Sources, sources[i])
		}
	}
	return p
}
