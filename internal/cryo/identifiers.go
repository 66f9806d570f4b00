package cryo

import (
	"regexp"
	"strings"
)

// Identifier is a persistent identifier that a user may type or paste instead of a name: a ROR
// id, an ORCID, a Wikidata item, a DOI or an OpenAlex id, bare or as its URL.
type Identifier struct {
	// Scheme is "ror", "orcid", "wikidata", "doi" or "openalex"; it names the property that
	// holds it.
	Scheme string
	// Value is the bare identifier: 04c4dkn09, 0000-0002-1825-0097, Q42, 10.1038/nbt.3889
	// (lower case: DOIs are case-insensitive), W2741809807 (its letter says the kind: W a
	// work, A an author, I an institution).
	Value string
}

var identifierForms = []struct {
	scheme string
	re     *regexp.Regexp
	url    string
}{
	// ROR: 0, six characters of Crockford base32 (no i, l, o, u), two check digits.
	{"ror", regexp.MustCompile(`^(?:(?:https?://)?(?:www\.)?ror\.org/)?(0[0-9a-hjkmnp-tv-z]{6}[0-9]{2})/?$`), "https://ror.org/"},
	{"orcid", regexp.MustCompile(`^(?:(?:https?://)?(?:www\.)?orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])/?$`), "https://orcid.org/"},
	{"wikidata", regexp.MustCompile(`^(?:(?:https?://)?(?:www\.|m\.)?wikidata\.org/(?:wiki|entity)/)?(Q[1-9]\d*)$`), "https://www.wikidata.org/wiki/"},
	// DOI: the directory indicator 10., a registrant code, a slash and any suffix without
	// spaces; as https://doi.org/..., dx.doi.org or "doi:".
	{"doi", regexp.MustCompile(`^(?:(?:https?://)?(?:dx\.)?doi\.org/|doi:\s*)?(10\.\d{4,9}/\S+)$`), "https://doi.org/"},
	// OpenAlex: W (work), A (author), I (institution) and digits; as https://openalex.org/W1
	// or an API URL.
	{"openalex", regexp.MustCompile(`^(?:(?:https?://)?(?:api\.)?openalex\.org/(?:(?:works|authors|institutions|people)/)?)?([wai][1-9]\d*)$`), "https://openalex.org/"},
}

// ParseIdentifier tells whether s, trimmed, is one identifier (and nothing else) in one of
// the forms people paste: 04c4dkn09, https://ror.org/04c4dkn09, ror.org/04c4dkn09,
// https://orcid.org/0000-0002-1825-0097, Q42.
func ParseIdentifier(s string) (Identifier, bool) {
	s = strings.TrimSpace(s)
	for _, f := range identifierForms {
		in := s
		if f.scheme != "orcid" {
			in = strings.ToLower(s)
			if f.scheme == "wikidata" {
				in = s // Q is upper-case; the host part is matched as typed
				if strings.HasPrefix(in, "q") {
					in = "Q" + in[1:]
				}
			}
		}
		if m := f.re.FindStringSubmatch(in); m != nil {
			v := m[1]
			if f.scheme == "openalex" {
				v = strings.ToUpper(v[:1]) + v[1:]
			}
			return Identifier{Scheme: f.scheme, Value: v}, true
		}
	}
	return Identifier{}, false
}

// Forms are the ways the graph may hold the identifier: bare, and as its canonical URL (the
// import format accepts both).
func (id Identifier) Forms() []string {
	for _, f := range identifierForms {
		if f.scheme == id.Scheme {
			return []string{id.Value, f.url + id.Value}
		}
	}
	return []string{id.Value}
}
