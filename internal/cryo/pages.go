package cryo

// The pages of a partnership and of an event: everything the graph says of one, each party
// and each link with its own sources, and every source in full.

// PageSource is a source as a page lists it: a Source and the day it was retrieved.
type PageSource struct {
	Source
	Retrieved string `json:"retrieved,omitempty"`
}

// PageParty is a party to a partnership (PARTY_TO) or a participant in an event
// (PARTICIPATED_IN): who, in which role, and the sources of that link.
type PageParty struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Kind    string `json:"kind"`           // person or organization
	Type    string `json:"type,omitempty"` // an organization's own kind
	Country string `json:"country,omitempty"`
	Role    string `json:"role,omitempty"`
	// Lead is a party's part in a partnership: lead, co-lead or participant.
	Lead      string   `json:"lead,omitempty"`
	Uncertain bool     `json:"uncertain,omitempty"`
	Note      string   `json:"note,omitempty"`
	Sources   []string `json:"sources"`
}

// PageLink is an event a partnership resulted from, or a partnership an event resulted in
// (RESULTED_IN), with the sources of that link.
type PageLink struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Kind    string   `json:"kind"`           // event or partnership
	Type    string   `json:"type,omitempty"` // its own kind
	Status  string   `json:"status,omitempty"`
	Start   string   `json:"start,omitempty"`
	End     string   `json:"end,omitempty"`
	Sources []string `json:"sources"`
}

// PartnershipPage is everything the graph says of one partnership. Status is the one the
// graph holds now, with the partnership's start and end: there is no history of statuses.
type PartnershipPage struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Kind        string   `json:"kind"`
	Status      string   `json:"status"`
	Start       string   `json:"start,omitempty"`
	End         string   `json:"end,omitempty"`
	Description string   `json:"description,omitempty"`
	Amount      *float64 `json:"amount,omitempty"`
	Currency    string   `json:"currency,omitempty"`
	Uncertain   bool     `json:"uncertain,omitempty"`
	Note        string   `json:"note,omitempty"`
	Aliases     []string `json:"aliases,omitempty"`
	// Parties are the people and organizations PARTY_TO it, organizations first.
	Parties []PageParty `json:"parties"`
	Topics  []Node      `json:"topics"`
	// ResultedFrom are the events that RESULTED_IN it.
	ResultedFrom []PageLink `json:"resultedFrom"`
	// EntitySources are the ids of the partnership's own sources (SOURCED_FROM); Sources
	// lists every source the page cites: those and the parties' and links' own.
	EntitySources []string     `json:"entitySources"`
	Sources       []PageSource `json:"sources"`
}

// EventPage is everything the graph says of one event.
type EventPage struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Kind        string   `json:"kind"`
	Start       string   `json:"start,omitempty"`
	End         string   `json:"end,omitempty"`
	Place       string   `json:"place,omitempty"`
	Country     string   `json:"country,omitempty"`
	Description string   `json:"description,omitempty"`
	Uncertain   bool     `json:"uncertain,omitempty"`
	Note        string   `json:"note,omitempty"`
	Aliases     []string `json:"aliases,omitempty"`
	// Participants are the people and organizations that PARTICIPATED_IN it.
	Participants []PageParty `json:"participants"`
	Topics       []Node      `json:"topics"`
	// ResultedIn are the partnerships it RESULTED_IN.
	ResultedIn    []PageLink   `json:"resultedIn"`
	EntitySources []string     `json:"entitySources"`
	Sources       []PageSource `json:"sources"`
}
