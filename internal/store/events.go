package store

// The page of one event (event_page.cypher); its decoding is shared with the partnership page.

import (
	"context"

	"github.com/cryograph/cryograph/internal/cryo"
)

// EventPage returns everything the graph says of one event: not_found for an unknown id,
// invalid_argument for the id of another kind of entity.
func (s *Store) EventPage(ctx context.Context, id string) (cryo.EventPage, error) {
	m, err := s.pageRecord(ctx, "event_page", "Event", id)
	if err != nil {
		return cryo.EventPage{}, err
	}
	e, _ := m["entity"].(map[string]any)
	return cryo.EventPage{ID: str(e["id"]), Name: str(e["name"]), Kind: str(e["kind"]), Start: str(e["start"]),
		End: str(e["end"]), Place: str(e["place"]), Country: str(e["country"]), Description: str(e["description"]),
		Uncertain: e["uncertain"] == true, Note: str(e["note"]), Aliases: optStrList(e["aliases"]),
		Participants: decodeParties(m["parties"]), Topics: sortNodes(decodeNodes(m["topics"])),
		ResultedIn: decodeLinks(m["links"]), EntitySources: sortedStrings(m["own"]), Sources: decodePageSources(m["sources"])}, nil
}
