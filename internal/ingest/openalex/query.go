package openalex

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/cryograph/cryograph/internal/cryo"
)

// Query selects works of the OpenAlex API (https://api.openalex.org/works).
type Query struct {
	// Search is full-text search over titles, abstracts and full text ("organ vitrification").
	Search string `json:"search,omitempty"`
	// Topic is an OpenAlex topic id (T10102 or its URL).
	Topic string `json:"topic,omitempty"`
	// Author is an ORCID iD or an OpenAlex author id (A5023888391).
	Author string `json:"author,omitempty"`
	// Institution is a ROR id (with or without https://ror.org/).
	Institution string `json:"institution,omitempty"`
	// FromYear keeps works published in that year or later.
	FromYear int `json:"fromYear,omitempty"`
	// Since keeps works whose OpenAlex record changed on or after that date (YYYY-MM-DD):
	// what a re-run needs to ask for.
	Since string `json:"since,omitempty"`
}

var rorRE = regexp.MustCompile(`^0[a-z0-9]{8}$`)

// Params is the query as the API's parameters: search and filter. It checks each value.
func (q Query) Params() (url.Values, error) {
	v := url.Values{}
	var filters []string
	if s := strings.TrimSpace(q.Search); s != "" {
		v.Set("search", s)
	}
	if q.Topic != "" {
		t := ShortID(q.Topic)
		if !ValidID(t, 'T') {
			return nil, cryo.Invalid("topic", "%q is not an OpenAlex topic id (T followed by digits, e.g. T10102)", q.Topic)
		}
		filters = append(filters, "topics.id:"+t)
	}
	if q.Author != "" {
		if orcid := BareORCID(q.Author); orcid != "" {
			filters = append(filters, "authorships.author.orcid:"+orcid)
		} else if a := ShortID(q.Author); ValidID(a, 'A') {
			filters = append(filters, "authorships.author.id:"+a)
		} else {
			return nil, cryo.Invalid("author", "%q is neither an ORCID iD (0000-0002-1825-0097) nor an OpenAlex author id (A5023888391)", q.Author)
		}
	}
	if q.Institution != "" {
		r := BareROR(q.Institution)
		if !rorRE.MatchString(r) {
			return nil, cryo.Invalid("institution", "%q is not a ROR id (0 and eight letters or digits, e.g. 00cvxb145)", q.Institution)
		}
		filters = append(filters, "authorships.institutions.ror:"+r)
	}
	if q.FromYear != 0 {
		if q.FromYear < 1000 || q.FromYear > 2100 {
			return nil, cryo.Invalid("from_year", "%d is not a year", q.FromYear)
		}
		filters = append(filters, "from_publication_date:"+strconv.Itoa(q.FromYear)+"-01-01")
	}
	if q.Since != "" {
		if _, err := time.Parse("2006-01-02", q.Since); err != nil {
			return nil, cryo.Invalid("since", "%q is not a date YYYY-MM-DD", q.Since)
		}
		filters = append(filters, "from_updated_date:"+q.Since)
	}
	if len(filters) == 0 && v.Get("search") == "" {
		return nil, cryo.Invalid("query", "say which works: --search, --topic, --author, --institution, --from-year or --since")
	}
	if len(filters) > 0 {
		v.Set("filter", strings.Join(filters, ","))
	}
	return v, nil
}
