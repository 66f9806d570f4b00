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
