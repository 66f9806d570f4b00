package httpapi_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/httpapi"
	"github.com/cryograph/cryograph/internal/mock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// publicationsServer serves a made-up person, person:syn-a, with one synthetic work; the
// last query the fake was given is in *last.
func publicationsServer(t *testing.T) (http.Handler, *cryo.PublicationQuery) {
	last := &cryo.PublicationQuery{}
	cited := 7
	g := &mock.GraphReader{PublicationsFn: func(_ context.Context, q cryo.PublicationQuery) (cryo.PublicationPage, error) {
		*last = q
		if q.Person != "person:syn-a" {
			return cryo.PublicationPage{}, &cryo.Error{Code: cryo.ECodeNotFound, Field: "id", Message: "no person has id " + q.Person}
		}
		return cryo.PublicationPage{Person: cryo.Ref{ID: q.Person, Name: "Syn A"}, Sort: q.Sort, Total: 1, Limit: q.Limit, Offset: q.Offset,
			Publications: []cryo.Publication{{
				WorkRef: cryo.WorkRef{ID: "pub:syn-1", Title: "A synthetic work", DOI: "10.5555/syn.1", URL: cryo.DOIURL("10.5555/syn.1"), Year: 2024},
				CitedBy: &cited, Position: 1, Corresponding: true, Coauthors: []cryo.Ref{{ID: "person:syn-b", Name: "Syn B"}}, CoauthorCount: 1,
				Sources: []cryo.Source{{ID: "src:syn-1", URL: "https://example.org/syn/1", Title: "Synthetic record"}},
			}}}, nil
	}}
	return newServer(t, httpapi.Deps{AnonymousRead: true, Graph: g}), last
}

func TestPublicationsEndpoint(t *testing.T) {
	h, last := publicationsServer(t)
	t.Run("defaults: latest first, the default page", func(t *testing.T) {
		rec := get(t, h, "/api/v1/people/person:syn-a/publications")
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		assert.Equal(t, cryo.PublicationQuery{Person: "person:syn-a", Sort: "year", Page: cryo.Page{Limit: cryo.DefaultLimit}}, *last)
		body := decodeMap(t, rec)
		pubs := body["publications"].([]any)
		require.Len(t, pubs, 1)
		p := pubs[0].(map[string]any)
		assert.Equal(t, "https://doi.org/10.5555/syn.1", p["url"])
		assert.Equal(t, true, p["corresponding"])
		assert.InDelta(t, 7, p["citedBy"], 0)
	})
	t.Run("sort and paging are passed on", func(t *testing.T) {
		for _, sort := range []string{"year", "cited", "title"} {
			rec := get(t, h, "/api/v1/people/person:syn-a/publications?sort="+sort+"&limit=5&offset=10")
			require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
			assert.Equal(t, cryo.PublicationQuery{Person: "person:syn-a", Sort: sort, Page: cryo.Page{Limit: 5, Offset: 10}}, *last)
		}
	})
	for _, tc := range []struct {
		name, target string
		status       int
		code, field  string
	}{
		{"a sort key outside the allow-list is a 400", "/api/v1/people/person:syn-a/publications?sort=citedBy%20DESC", 400, cryo.ECodeInvalid, "sort"},
		{"a Cypher fragment as sort key is a 400", "/api/v1/people/person:syn-a/publications?sort=year%7D%20MATCH%20(n)%20DETACH%20DELETE%20n", 400, cryo.ECodeInvalid, "sort"},
		{"a limit above the maximum is a 400", "/api/v1/people/person:syn-a/publications?limit=1000", 400, cryo.ECodeInvalid, "limit"},
		{"a negative offset is a 400", "/api/v1/people/person:syn-a/publications?offset=-1", 400, cryo.ECodeInvalid, "offset"},
		{"an unknown person is a 404", "/api/v1/people/person:nobody/publications", 404, cryo.ECodeNotFound, "id"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := get(t, h, tc.target)
			assert.Equal(t, tc.status, rec.Code, rec.Body.String())
			e := errorOf(t, rec)
			assert.Equal(t, tc.code, e.Code)
			assert.Equal(t, tc.field, e.Field)
		})
	}
}
