package cryo

import (
	"cmp"
	"strings"
)

// WorkRef names a publication where it is evidence (an expert's top works, a co-author's
// shared works, a path's hop through a work): what a reader needs to find it.
type WorkRef struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	DOI   string `json:"doi,omitempty"`
	// URL is the DOI's resolver link (https://doi.org/<doi>), when there is a DOI.
	URL  string `json:"url,omitempty"`
	Year int    `json:"year,omitempty"`
}

// DOIURL links a bare DOI (10.1038/nbt.3889) to its resolver; "" for none.
func DOIURL(doi string) string {
	doi = strings.TrimSpace(doi)
	if doi == "" {
		return ""
	}
	for _, p := range []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:"} {
		if len(doi) >= len(p) && strings.EqualFold(doi[:len(p)], p) {
			doi = doi[len(p):]
		}
	}
	return "https://doi.org/" + doi
}

// IngestedKeys are the relationship keys that mark evidence written by an ingester (not
// curated): a WORKS_ON or AFFILIATED_WITH with such a key was derived from publications.
var IngestedKeys = []string{"openalex"}

// Expert ranking: the search policy of expert search (docs/model.md, "Expert ranking").
//
// An expert's strength on the topics searched (their subtopics included) is the number of
// curated facts (WORKS_ON without an ingested key, PARTY_TO a partnership ABOUT the topic, a
// name matched by the free text) plus the number of distinct works they authored on the
// topics (AUTHORED a Publication ABOUT one, or listed as a WORKS_ON's works). People rank by
//  1. strength, more first;
//  2. curated facts, more first: at equal strength, curated evidence ranks above evidence
//     that only ingested publications give;
//  3. recency: the latest year of those works, later first (none counts as 0);
//  4. topic score: the best ABOUT/WORKS_ON score, higher first (none counts as 0);
//  5. the number of topics matched, more first;
//  6. name, then id.
//
// experts_by_topic.cypher and derived_topic_rankings.cypher write this order in Cypher (they
// rank everyone before paging); CompareExperts is the same rule over answers, and the store's
// tests hold the queries to it.
func CompareExperts(a, b Expert) int {
	if c := cmp.Compare(b.Facts+b.Works, a.Facts+a.Works); c != 0 {
		return c
	}
	if c := cmp.Compare(b.Facts, a.Facts); c != 0 {
		return c
	}
	if c := cmp.Compare(b.LatestYear, a.LatestYear); c != 0 {
		return c
	}
	if c := cmp.Compare(b.TopicScore, a.TopicScore); c != 0 {
		return c
	}
	if c := cmp.Compare(len(b.MatchedTopics), len(a.MatchedTopics)); c != 0 {
		return c
	}
	if c := strings.Compare(a.Name, b.Name); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

// MaxTopWorks is how many works an expert's evidence lists (their count is in Works).
const MaxTopWorks = 3

// PublicationSorts are the orders a person's publications may be listed in: the key of the
// query parameter sort, and what it means.
var PublicationSorts = map[string]string{
	"year":  "latest first (then most cited, then title)",
	"cited": "most cited first (then latest, then title)",
	"title": "by title (then latest)",
}

// PublicationQuery asks for one page of a person's publications.
type PublicationQuery struct {
	Person string
	// Sort is a key of PublicationSorts; empty means "year".
	Sort string
	Page
}

// Validate fills the defaults and checks the sort key against the allow-list.
func (q *PublicationQuery) Validate() error {
	q.Person = strings.TrimSpace(q.Person)
	if q.Person == "" {
		return Invalid("id", "a person id is required")
	}
	if q.Sort == "" {
		q.Sort = "year"
	}
	if _, ok := PublicationSorts[q.Sort]; !ok {
		return Invalid("sort", "sort must be one of year, cited, title; got %q", q.Sort)
	}
	return q.Page.Validate()
}

// MaxCoauthorsListed bounds the co-authors listed with each publication (CoauthorCount
// says how many there are).
const MaxCoauthorsListed = 10

// Publication is one of a person's works as their profile lists it.
type Publication struct {
	WorkRef
	Venue    string `json:"venue,omitempty"`
	WorkType string `json:"workType,omitempty"`
	CitedBy  *int   `json:"citedBy,omitempty"`
	// Position is the person's place in the author list (1 = first), when known.
	Position      int  `json:"position,omitempty"`
	Corresponding bool `json:"corresponding,omitempty"`
	// Role is the curated authorship's role text ("first author"), when given.
	Role string `json:"role,omitempty"`
	// Coauthors are the other authors in the graph (at most MaxCoauthorsListed).
	Coauthors     []Ref `json:"coauthors"`
	CoauthorCount int   `json:"coauthorCount"`
	Retracted     bool  `json:"retracted,omitempty"`
	// Sources are the authorship's and the work's own.
	Sources []Source `json:"sources"`
}

// PublicationPage is one page of a person's publications.
type PublicationPage struct {
	Person       Ref           `json:"person"`
	Sort         string        `json:"sort"`
	Total        int           `json:"total"`
	Limit        int           `json:"limit"`
	Offset       int           `json:"offset"`
	Publications []Publication `json:"publications"`
}

// Coauthor is a person who shares works with the profile's person; Works names the shared
// works (at most MaxSharedWorks), Score counts them all.
type Coauthor struct {
	Node
	Works []WorkRef `json:"works"`
}

// MaxSharedWorks bounds the shared works a co-author (or a suggestion's reason) names.
const MaxSharedWorks = 3

// LinkedID is one of an entity's persistent identifiers, linked to its registry.
type LinkedID struct {
	Scheme string `json:"scheme"` // orcid, openalex, ror, wikidata, doi
	Value  string `json:"value"`
	URL    string `json:"url"`
}

// externalIDURLs are the resolvers of the identifier schemes a profile links.
var externalIDURLs = []struct{ scheme, url string }{
	{"orcid", "https://orcid.org/"}, {"openalex", "https://openalex.org/"}, {"ror", "https://ror.org/"},
	{"wikidata", "https://www.wikidata.org/wiki/"}, {"doi", "https://doi.org/"},
}

// LinkedIDs links the identifiers an entity's properties hold (bare or as URLs), in a
// fixed order: ORCID, OpenAlex, ROR, Wikidata, DOI.
func LinkedIDs(props map[string]any) []LinkedID {
	var out []LinkedID
	for _, s := range externalIDURLs {
		v, _ := props[s.scheme].(string)
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		bare := v
		for _, p := range []string{s.url, strings.Replace(s.url, "https://", "http://", 1)} {
			if len(bare) >= len(p) && strings.EqualFold(bare[:len(p)], p) {
				bare = bare[len(p):]
			}
		}
		if s.scheme == "doi" {
			bare = strings.TrimPrefix(DOIURL(bare), "https://doi.org/")
		}
		out = append(out, LinkedID{Scheme: s.scheme, Value: bare, URL: s.url + bare})
	}
	return out
}
