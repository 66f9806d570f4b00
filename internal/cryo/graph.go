package cryo

import (
	"strings"
)

// Node is a compact reference to any entity, as search results and graphs show it.
type Node struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Kind    string   `json:"kind"`              // person, organization, topic, event, partnership, publication
	Type    string   `json:"type,omitempty"`    // an organization's, event's or partnership's own kind
	Country string   `json:"country,omitempty"` // where known
	Score   float64  `json:"score,omitempty"`
	Aliases []string `json:"aliases,omitempty"`
	// Match is the name rule that matched a search, for people and organizations found by
	// name (cryo.MatchExact ... cryo.MatchSurname); empty for a full-text hit alone.
	Match string `json:"match,omitempty"`
	// Sources, for an organization listed as a parent or sub-unit, are those of the PART_OF
	// relationship that puts it there.
	Sources []string `json:"sources,omitempty"`
}

// kindOfLabel maps node labels to the API's kinds.
var kindOfLabel = map[string]string{
	"Person": "person", "Organization": "organization", "Topic": "topic", "Event": "event",
	"Partnership": "partnership", "Publication": "publication", "Source": "source",
}

// KindOf returns the API kind of a node label.
func KindOf(label string) string { return kindOfLabel[label] }

// LabelOf returns the node label of an API kind, or "".
func LabelOf(kind string) string {
	for l, k := range kindOfLabel {
		if k == kind {
			return l
		}
	}
	return ""
}

// SearchQuery is the search box: prefix, fuzzy and alias matching over names.
type SearchQuery struct {
	Text  string
	Kinds []string
	Limit int
}

// SearchableKinds are the kinds the global search covers.
var SearchableKinds = []string{"person", "organization", "topic", "event", "partnership"}

// Validate checks the query.
func (q *SearchQuery) Validate() error {
	q.Text = strings.TrimSpace(q.Text)
	if q.Text == "" {
		return Invalid("q", "q is required, for example q=vitrif")
	}
	if len(q.Text) > 200 {
		return Invalid("q", "q is longer than 200 characters")
	}
	for _, k := range q.Kinds {
		ok := false
		for _, s := range SearchableKinds {
			ok = ok || k == s
		}
		if !ok {
			return Invalid("kind", "kind must be one of %s, got %q", strings.Join(SearchableKinds, ", "), k)
		}
	}
	return intIn(&q.Limit, 10, 1, 50, "limit")
}

// Labels returns the node labels searched.
func (q SearchQuery) Labels() []string {
	kinds := q.Kinds
	if len(kinds) == 0 {
		kinds = SearchableKinds
	}
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = LabelOf(k)
	}
	return out
}

// Fact is a sourced statement about an entity: a relationship to another node, with its
// properties, sources and uncertainty.
type Fact struct {
	Rel       string   `json:"rel"`
	Other     Node     `json:"other"`
	Title     string   `json:"title,omitempty"`
	Role      string   `json:"role,omitempty"`
	Since     string   `json:"since,omitempty"`
	Until     string   `json:"until,omitempty"`
	AsOf      string   `json:"asOf,omitempty"`
	Uncertain bool     `json:"uncertain,omitempty"`
	Note      string   `json:"note,omitempty"`
	Sources   []string `json:"sources"`
	// At, in an organization's people, is the sub-unit the fact is about when it is not the
	// organization itself: "leads <At>, part of <the organization>".
	At *Node `json:"at,omitempty"`
}

// FieldSources says which sources support one of an entity's own values: its name, an
// alias or its country. A sourced alias has its own sources; the rest are the row's.
type FieldSources struct {
	Field   string   `json:"field"` // name, alias or country
	Value   string   `json:"value"`
	Sources []string `json:"sources"`
}

// PartnershipRef is a partnership as a profile lists it.
type PartnershipRef struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Type      string   `json:"type"`
	Status    string   `json:"status"`
	Start     string   `json:"start,omitempty"`
	End       string   `json:"end,omitempty"`
	Role      string   `json:"role,omitempty"`
	Parties   []Node   `json:"parties"`
	Topics    []Node   `json:"topics"`
	Uncertain bool     `json:"uncertain,omitempty"`
	Sources   []string `json:"sources"`
}

// Profile is everything the graph says about one entity, each fact with its sources. Which
// sections are filled depends on the kind.
type Profile struct {
	Entity       map[string]any   `json:"entity"`
	Kind         string           `json:"kind"`
	Affiliations []Fact           `json:"affiliations,omitempty"`
	Topics       []Fact           `json:"topics,omitempty"`
	Partnerships []PartnershipRef `json:"partnerships,omitempty"`
	Events       []Fact           `json:"events,omitempty"`
	Coauthors    []Coauthor       `json:"coauthors,omitempty"`
	Publications []Fact           `json:"publications,omitempty"`
	People       []Fact           `json:"people,omitempty"`
	Parents      []Node           `json:"parents,omitempty"`
	SubUnits     []Node           `json:"subUnits,omitempty"`
	Partners     []Node           `json:"partners,omitempty"`
	Subtopics    []Node           `json:"subtopics,omitempty"`
	Experts      []Node           `json:"experts,omitempty"`
	Institutions []Node           `json:"institutions,omitempty"`
	Related      []Fact           `json:"related,omitempty"`
	// Registry holds what outside registries (ROR) say of an organization, each record with
	// its source, beside the organization's own (curated) properties (docs/ror.md).
	Registry []map[string]any `json:"registry,omitempty"`
	Sources  []Source         `json:"sources"`
	// Identifiers are the entity's persistent identifiers (ORCID, OpenAlex, ROR, Wikidata,
	// DOI), each linked to its registry.
	Identifiers []LinkedID `json:"identifiers,omitempty"`
	// PublicationCount is the number of publications of a person (the list is paged at
	// /people/{id}/publications), or, for an organization, the different publications of the
	// people affiliated with or leading it or a sub-unit.
	PublicationCount int `json:"publicationCount,omitempty"`
	// MergedFrom is set when the id asked for was absorbed by a merge: the profile is then
	// the kept entity's, and this says which id was asked for and by which merge it went.
	MergedFrom *MergedFrom `json:"mergedFrom,omitempty"`
	// Provenance says which sources support the entity's name, each alias and its country.
	Provenance []FieldSources `json:"provenance,omitempty"`
	// PeopleCount is the number of different people in People (a person may hold several
	// facts there: leads one sub-unit, is affiliated with another).
	PeopleCount int `json:"peopleCount,omitempty"`
}

// MergedFrom says that an id asked for lives on in another entity, by an explicit merge.
type MergedFrom struct {
	ID    string `json:"id"`
	Merge Merge  `json:"merge"`
}

// PathQuery asks how two entities are connected.
type PathQuery struct {
	From, To  string
	K         int
	MaxLength int
	AvoidHubs bool
	// HubDegree is the number of fact relationships above which a node counts as a hub.
	HubDegree int
}

// Validate checks the query and fills defaults.
func (q *PathQuery) Validate() error {
	q.From, q.To = strings.TrimSpace(q.From), strings.TrimSpace(q.To)
	switch {
	case q.From == "":
		return Invalid("from", "from (an entity id) is required")
	case q.To == "":
		return Invalid("to", "to (an entity id) is required")
	case q.From == q.To:
		return Invalid("to", "from and to are the same entity")
	}
	if err := intIn(&q.K, 3, 1, 10, "k"); err != nil {
		return err
	}
	if err := intIn(&q.MaxLength, 4, 1, 6, "maxLength"); err != nil {
		return err
	}
	return intIn(&q.HubDegree, 25, 2, 100000, "hubDegree")
}

// Hop is one step of a path, with the evidence for it.
type Hop struct {
	From      Node     `json:"from"`
	Rel       string   `json:"rel"`
	To        Node     `json:"to"`
	Forward   bool     `json:"forward"` // false when the relationship points from To to From
	Title     string   `json:"title,omitempty"`
	Role      string   `json:"role,omitempty"`
	Uncertain bool     `json:"uncertain,omitempty"`
	Note      string   `json:"note,omitempty"`
	Evidence  []Source `json:"evidence"`
	// Work names the publication when one end of the hop is a work (AUTHORED).
	Work *WorkRef `json:"work,omitempty"`
	// Label says the hop in words when the relationship's name alone would not: the two
	// hops of a shared work (person AUTHORED work, AUTHORED by person) read "co-authored
	// “<title>”".
	Label string `json:"label,omitempty"`
}

// Path is one connection between two entities.
type Path struct {
	Length int   `json:"length"`
	Hops   []Hop `json:"hops"`
}

// PathResult answers a PathQuery.
type PathResult struct {
	From  Node   `json:"from"`
	To    Node   `json:"to"`
	Paths []Path `json:"paths"`
}

// MapQuery filters the partnership map. Empty fields do not filter.
type MapQuery struct {
	Topic   string // topic id; subtopics included
	Country string // ISO code of either party
	OrgKind string // organization kind of either party
	Type    string // partnership kind
	From    string // partnerships active at some time in [From, To]
	To      string
	AsOf    string // partnerships in force on this date
	// Level is "institution" (roll labs up to their top organization) or "unit".
	Level string
}

// Validate checks the filters.
func (q *MapQuery) Validate() error {
	if q.Level == "" {
		q.Level = "institution"
	}
	if q.Level != "institution" && q.Level != "unit" {
		return Invalid("level", "level must be institution or unit")
	}
	for field, v := range map[string]string{"from": q.From, "to": q.To, "asOf": q.AsOf} {
		if v != "" && !isDate(v) {
			return Invalid(field, "%s must be a date: YYYY, YYYY-MM or YYYY-MM-DD", field)
		}
	}
	if q.From != "" && q.To != "" && q.To < q.From {
		return Invalid("to", "to is before from")
	}
	return nil
}

func isDate(s string) bool {
	if len(s) != 4 && len(s) != 7 && len(s) != 10 {
		return false
	}
	for i, r := range s {
		if i == 4 || i == 7 {
			if r != '-' {
				return false
			}
		} else if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// MapNode is an organization on the partnership map.
type MapNode struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Type    string   `json:"type"`
	Country string   `json:"country,omitempty"`
	Lat     *float64 `json:"lat,omitempty"`
	Lon     *float64 `json:"lon,omitempty"`
	// PositionSource says where lat/lon come from: "curated" (the import format) or the
	// registry whose record gave them ("ror"); empty when there is no position.
	PositionSource string `json:"positionSource,omitempty"`
	Partnerships   int    `json:"partnerships"`
	// RolledUp, at institution level, are the units (labs, institutes, subsidiaries) whose
	// partnerships the map counts as this organization's: "USST, incl. IBST".
	RolledUp []Ref `json:"rolledUp,omitempty"`
}

// MapEdge aggregates the partnerships of one type between two organizations.
type MapEdge struct {
	Source       string   `json:"source"`
	Target       string   `json:"target"`
	Type         string   `json:"type"`
	Count        int      `json:"count"`
	Topics       []string `json:"topics"`
	First        string   `json:"first,omitempty"`
	Last         string   `json:"last,omitempty"`
	Partnerships []string `json:"partnerships"`
	// Unknown counts, with an asOf date, the partnerships of Count whose being in force then
	// is unknown (unknown status or start, or ended at an unknown date): shown, marked.
	Unknown int `json:"unknown,omitempty"`
	// Details are the partnerships of Partnerships, each with its parties and sources.
	Details []MapPartnership `json:"details"`
}

// MapPartnership is one partnership of a map edge: the evidence behind the line.
type MapPartnership struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Kind    string   `json:"kind"`
	Status  string   `json:"status"`
	Start   string   `json:"start,omitempty"`
	End     string   `json:"end,omitempty"`
	Parties []Ref    `json:"parties"`
	Sources []Source `json:"sources"`
}

// PartnershipMap is the institution-level graph of partnerships.
type PartnershipMap struct {
	Nodes []MapNode `json:"nodes"`
	Edges []MapEdge `json:"edges"`
	// Revision names this answer when it stays the same for every caller until the facts
	// change: the same Revision, the same answer. Empty when that is not known.
	Revision string `json:"-"`
}

// YearCount is one year of the partnership timeline.
type YearCount struct {
	Year   string         `json:"year"`
	Count  int            `json:"count"`
	ByType map[string]int `json:"byType"`
}

// TopicNode is a topic in the tree, with counts of its own and of its whole subtree.
type TopicNode struct {
	ID           string      `json:"id"`
	Name         string      `json:"name"`
	Experts      int         `json:"experts"`
	Partnerships int         `json:"partnerships"`
	TotalExperts int         `json:"totalExperts"`
	Children     []TopicNode `json:"children"`
}

// SuggestionQuery asks whom a person might work with.
type SuggestionQuery struct {
	Person         string
	Topic          string
	Country        string
	ExcludeOwnInst bool
	Limit          int
}

// Validate fills defaults.
func (q *SuggestionQuery) Validate() error {
	return intIn(&q.Limit, 10, 1, 50, "limit")
}

// Suggestion is a candidate collaborator with the reasons.
type Suggestion struct {
	Person       Node     `json:"person"`
	Score        float64  `json:"score"`
	Institutions []Node   `json:"institutions"`
	Reasons      []string `json:"reasons"`
}
