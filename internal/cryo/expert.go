package cryo

import "strings"

// Page is a window into a ranked result.
type Page struct {
	Limit  int
	Offset int
}

// Page bounds.
const (
	DefaultLimit = 20
	MaxLimit     = 200
	// MaxOffset bounds how deep a page may start: far past any real listing, and far below
	// where Cypher's SKIP arithmetic overflows (an offset near 2^31 was a 500).
	MaxOffset = 1_000_000
)

// intIn fills *v with def when it is zero and checks that it lies in [lo, hi]: the one rule for
// every limit, k and length of the query types.
func intIn(v *int, def, lo, hi int, field string) error {
	if *v == 0 {
		*v = def
	}
	if *v < lo || *v > hi {
		return Invalid(field, "%s must be between %d and %d", field, lo, hi)
	}
	return nil
}

// Validate checks the window and fills in the default limit.
func (p *Page) Validate() error {
	if err := intIn(&p.Limit, DefaultLimit, 1, MaxLimit, "limit"); err != nil {
		return err
	}
	if p.Offset < 0 {
		return Invalid("offset", "offset must not be negative")
	}
	if p.Offset > MaxOffset {
		return Invalid("offset", "offset must be between 0 and %d", MaxOffset)
	}
	return nil
}

// ExpertQuery asks for the people who work on a topic (its subtopics included) or whose name
// or topics match free text, with optional filters.
type ExpertQuery struct {
	Topic string
	// Q is free text: matched against people's names and aliases (Chinese names included)
	// and topic names, typo-tolerant.
	Q            string
	Country      string
	Organization string
	OrgKind      string
	// Since keeps people with some dated activity on or after this date.
	Since string
	Page
}

// Validate normalises the query and reports the first bad field.
func (q *ExpertQuery) Validate() error {
	q.Topic, q.Q = strings.TrimSpace(q.Topic), strings.TrimSpace(q.Q)
	if q.Topic == "" && q.Q == "" {
		return Invalid("topic", "give a topic (topic=organ preservation) or free text (q=vitrification)")
	}
	if len(q.Topic) > 200 {
		return Invalid("topic", "topic is longer than 200 characters")
	}
	if len(q.Q) > 200 {
		return Invalid("q", "q is longer than 200 characters")
	}
	if q.Since != "" && !isDate(q.Since) {
		return Invalid("since", "since must be a date: YYYY, YYYY-MM or YYYY-MM-DD")
	}
	if q.OrgKind != "" && !OrganizationKinds[q.OrgKind] {
		return Invalid("orgKind", "orgKind must be one of the organization kinds, got %q", q.OrgKind)
	}
	return q.Page.Validate()
}

// MaxExpertTopics bounds the topics one expert search covers (each with its subtopics).
const MaxExpertTopics = 5

// expertTextHits is how many search results the free text of an expert search looks at.
const expertTextHits = 20

// TextSearch is the search that the free text of an expert search runs, over people and topics;
// ok is false when there is no free text.
func (q ExpertQuery) TextSearch() (s SearchQuery, ok bool) {
	return SearchQuery{Text: q.Q, Kinds: []string{"person", "topic"}, Limit: expertTextHits}, q.Q != ""
}

// TextMatches reads what TextSearch found: the people it names are matched by name, and its
// best topics are searched (with their subtopics) besides the named topic, which comes first,
// all of them at most MaxExpertTopics.
func (q ExpertQuery) TextMatches(hits []Node) (topics []Ref, people []string) {
	maxSearched := MaxExpertTopics
	if q.Topic != "" {
		maxSearched--
	}
	topics, people = []Ref{}, []string{}
	for _, h := range hits {
		switch {
		case h.Kind == "person":
			people = append(people, h.ID)
		case h.Kind == "topic" && len(topics) < maxSearched:
			topics = append(topics, Ref{ID: h.ID, Name: h.Name})
		}
	}
	return topics, people
}

// OrganizationKinds are the kinds an organization may have.
var OrganizationKinds = map[string]bool{"university": true, "school": true, "department": true, "lab": true,
	"institute": true, "research_center": true, "company": true, "society": true, "hospital": true,
	"foundation": true, "funder": true, "committee": true, "government": true, "other": true}

// Ref names a node of the graph.
type Ref struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Institution is an organisation a person belongs to, with the chain of parents above it.
type Institution struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Kind    string `json:"kind"`
	Country string `json:"country,omitempty"`
	// Role is the person's title or relation there ("professor", "leads").
	Role string `json:"role,omitempty"`
	// Parents lists the organisations above this one, nearest first (lab -> school -> university).
	Parents   []Ref `json:"parents"`
	Uncertain bool  `json:"uncertain,omitempty"`
}

// Evidence is one reason an expert is in a result, with the sources that support it.
type Evidence struct {
	// Via says how the expert was found: "works_on" or "party_to" a topic, "authored" a work
	// about one (Work names it), or "name" (the free text matched their name or an alias).
	Via string `json:"via"`
	// Topic is the topic matched, possibly a subtopic of the one asked for.
	Topic *Ref `json:"topic,omitempty"`
	// Through names the partnership when Via is "party_to".
	Through *Ref `json:"through,omitempty"`
	// Work is the publication when Via is "authored": one of the expert's top works.
	Work *WorkRef `json:"work,omitempty"`
	// Ingested marks evidence an ingester derived from publications (a WORKS_ON keyed
	// "openalex"), not a curated fact.
	Ingested bool `json:"ingested,omitempty"`
	// Score is the topic score (0..1) the evidence carries, when it has one.
	Score     float64  `json:"score,omitempty"`
	Sources   []Source `json:"sources"`
	Uncertain bool     `json:"uncertain,omitempty"`
	Note      string   `json:"note,omitempty"`
}

// Source is where a fact was published.
type Source struct {
	ID        string `json:"id"`
	URL       string `json:"url"`
	Title     string `json:"title"`
	Publisher string `json:"publisher,omitempty"`
	Published string `json:"published,omitempty"`
	// Untitled is set when the source has no title of its own: Title is then its URL's host.
	Untitled bool `json:"untitled,omitempty"`
}

// Expert is a person in an expert search result.
type Expert struct {
	ID            string        `json:"id"`
	Name          string        `json:"name"`
	Country       string        `json:"country,omitempty"`
	Institutions  []Institution `json:"institutions"`
	MatchedTopics []Ref         `json:"matchedTopics"`
	// EvidenceCount is the strength the ranking uses: Facts + Works (CompareExperts).
	EvidenceCount int `json:"evidenceCount"`
	// Facts counts the curated facts (WORKS_ON not ingested, PARTY_TO, a name match).
	Facts int `json:"facts"`
	// Works counts the distinct works on the topics; LatestYear is the latest of their years
	// and TopicScore the best topic score of the evidence (0: none).
	Works      int     `json:"works"`
	LatestYear int     `json:"latestYear,omitempty"`
	TopicScore float64 `json:"topicScore,omitempty"`
	// Evidence lists the facts, then the top works (at most MaxTopWorks, latest first).
	Evidence []Evidence `json:"evidence"`
}

// ExpertResult is one page of experts.
type ExpertResult struct {
	// Topics are the topics searched (with their subtopics): the one asked for, or those the
	// free text matched.
	Topics  []Ref    `json:"topics"`
	Total   int      `json:"total"`
	Limit   int      `json:"limit"`
	Offset  int      `json:"offset"`
	Experts []Expert `json:"experts"`
}
