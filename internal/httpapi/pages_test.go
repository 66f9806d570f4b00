package httpapi_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/httpapi"
	"github.com/cryograph/cryograph/internal/mock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pages is a GraphReader whose partnership and event pages know one made-up (synthetic)
// partnership and one event; person:someone exists but is of another kind; other ids are
// unknown, as the store says it.
func pages(asked *[]string) *mock.GraphReader {
	lookup := func(id, want string) error {
		*asked = append(*asked, id)
		switch {
		case id == "person:someone":
			return cryo.Invalid("id", "%q is a person, not a %s", id, want)
		case id != "pship:synthetic-1" && id != "event:synthetic-1":
			return &cryo.Error{Code: cryo.ECodeNotFound, Field: "id", Message: "no " + want + " has id " + id}
		}
		return nil
	}
	src := cryo.PageSource{Source: cryo.Source{ID: "src:synthetic", URL: "https://example.org/news/1", Title: "Synthetic news"}, Retrieved: "2026-01-02"}
	amount := 1500.0
	return &mock.GraphReader{
		PartnershipPageFn: func(_ context.Context, id string) (cryo.PartnershipPage, error) {
			if err := lookup(id, "partnership"); err != nil {
				return cryo.PartnershipPage{}, err
			}
			return cryo.PartnershipPage{ID: id, Name: "Synthetic cooperation", Kind: "mou", Status: "agreed", Start: "2024",
				Amount: &amount, Currency: "EUR",
				Parties:       []cryo.PageParty{{ID: "org:synthetic-a", Name: "Synthetic Lab A", Kind: "organization", Role: "lab", Lead: "lead", Sources: []string{"src:synthetic"}}},
				Topics:        []cryo.Node{{ID: "topic:cryo", Name: "Cryo", Kind: "topic"}},
				ResultedFrom:  []cryo.PageLink{{ID: "event:synthetic-1", Name: "Synthetic visit", Kind: "event", Sources: []string{}}},
				EntitySources: []string{"src:synthetic"}, Sources: []cryo.PageSource{src}}, nil
		},
		EventPageFn: func(_ context.Context, id string) (cryo.EventPage, error) {
			if err := lookup(id, "event"); err != nil {
				return cryo.EventPage{}, err
			}
			return cryo.EventPage{ID: id, Name: "Synthetic visit", Kind: "visit", Start: "2024-05-01", Place: "Synthetic City", Country: "DE",
				Participants:  []cryo.PageParty{{ID: "person:synthetic-b", Name: "Synthetic Person B", Kind: "person", Role: "host", Sources: []string{"src:synthetic"}}},
				Topics:        []cryo.Node{},
				ResultedIn:    []cryo.PageLink{{ID: "pship:synthetic-1", Name: "Synthetic cooperation", Kind: "partnership", Status: "agreed", Sources: []string{"src:synthetic"}}},
				EntitySources: []string{}, Sources: []cryo.PageSource{src}}, nil
		},
	}
}

// The partnership and event pages answer the store's page, checked against openapi.yaml;
// an unknown id is a 404 and an id of another kind a 400, both naming the field id.
func TestPartnershipAndEventPagesOverFakes(t *testing.T) {
	var asked []string
	h := newServer(t, httpapi.Deps{AnonymousRead: true, Graph: pages(&asked)})

	rec := get(t, h, "/api/v1/partnerships/pship:synthetic-1")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var p map[string]any
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &p))
	assert.Equal(t, "Synthetic cooperation", p["name"])
	assert.Equal(t, 1500.0, p["amount"])
	party := p["parties"].([]any)[0].(map[string]any)
	assert.Equal(t, "lead", party["lead"])
	assert.Equal(t, []any{"src:synthetic"}, party["sources"])
	source := p["sources"].([]any)[0].(map[string]any)
	assert.Equal(t, "2026-01-02", source["retrieved"])
	assert.Equal(t, "https://example.org/news/1", source["url"])

	rec = get(t, h, "/api/v1/events/event:synthetic-1")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var e map[string]any
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &e))
	assert.Equal(t, "Synthetic City", e["place"])
	assert.Equal(t, "pship:synthetic-1", e["resultedIn"].([]any)[0].(map[string]any)["id"])
	assert.Equal(t, "host", e["participants"].([]any)[0].(map[string]any)["role"])

	// The map route is not taken for an id: /partnerships/map stays the map.
	assert.NotContains(t, asked, "map")

	for _, tc := range []struct {
		target string
		status int
		code   string
	}{
		{"/api/v1/partnerships/pship:nothing", 404, cryo.ECodeNotFound},
		{"/api/v1/events/event:nothing", 404, cryo.ECodeNotFound},
		{"/api/v1/partnerships/person:someone", 400, cryo.ECodeInvalid},
		{"/api/v1/events/person:someone", 400, cryo.ECodeInvalid},
	} {
		t.Run(tc.target, func(t *testing.T) {
			rec := get(t, h, tc.target)
			require.Equal(t, tc.status, rec.Code, rec.Body.String())
			e := errorOf(t, rec)
			assert.Equal(t, tc.code, e.Code)
			assert.Equal(t, "id", e.Field)
		})
	}
}

// The map's edges carry their partnerships (details) and its institutions the units rolled
// into them; both pass the answer's schema in openapi.yaml.
func TestPartnershipMapEvidenceOverFakes(t *testing.T) {
	g := &mock.GraphReader{PartnershipMapFn: func(_ context.Context, q cryo.MapQuery) (cryo.PartnershipMap, error) {
		return cryo.PartnershipMap{
			Nodes: []cryo.MapNode{
				{ID: "org:synthetic-u", Name: "Synthetic University", Type: "university", Partnerships: 1, RolledUp: []cryo.Ref{{ID: "org:synthetic-lab", Name: "Synthetic Lab"}}},
				{ID: "org:synthetic-c", Name: "Synthetic Company", Type: "company", Partnerships: 1},
			},
			Edges: []cryo.MapEdge{{Source: "org:synthetic-c", Target: "org:synthetic-u", Type: "mou", Count: 1, Topics: []string{}, Partnerships: []string{"pship:synthetic-1"},
				Details: []cryo.MapPartnership{{ID: "pship:synthetic-1", Name: "Synthetic MOU", Kind: "mou", Status: "agreed", Start: "2024",
					Parties: []cryo.Ref{{ID: "org:synthetic-lab", Name: "Synthetic Lab"}, {ID: "org:synthetic-c", Name: "Synthetic Company"}},
					Sources: []cryo.Source{{ID: "src:synthetic", URL: "https://example.org/mou", Title: "Synthetic news"}}}}}},
		}, nil
	}}
	h := newServer(t, httpapi.Deps{AnonymousRead: true, Graph: g})
	rec := get(t, h, "/api/v1/partnerships/map")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var m struct {
		Nodes []struct {
			ID       string     `json:"id"`
			RolledUp []cryo.Ref `json:"rolledUp"`
		} `json:"nodes"`
		Edges []struct {
			Details []cryo.MapPartnership `json:"details"`
		} `json:"edges"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &m))
	assert.Equal(t, []cryo.Ref{{ID: "org:synthetic-lab", Name: "Synthetic Lab"}}, m.Nodes[0].RolledUp)
	assert.Nil(t, m.Nodes[1].RolledUp, "rolledUp is left out when nothing is rolled up")
	require.Len(t, m.Edges[0].Details, 1)
	assert.Equal(t, "https://example.org/mou", m.Edges[0].Details[0].Sources[0].URL)
	assert.Equal(t, "agreed", m.Edges[0].Details[0].Status)
}
