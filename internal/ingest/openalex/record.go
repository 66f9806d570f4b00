package openalex

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	gojson "github.com/goccy/go-json"
)

// Record is one OpenAlex entity as the API and the snapshot write it: a work (W...), an
// author (A...) or an institution (I...). The three share one struct (their fields do not
// clash); only the fields CryoGraph maps are read.
type Record struct {
	ID          string  `json:"id"`
	DisplayName *string `json:"display_name"`
	UpdatedDate string  `json:"updated_date"`

	// Works.
	DOI             *string       `json:"doi"`
	Title           *string       `json:"title"`
	PublicationYear *int          `json:"publication_year"`
	PublicationDate *string       `json:"publication_date"`
	Type            *string       `json:"type"`
	PrimaryLocation *Location     `json:"primary_location"`
	Authorships     []Authorship  `json:"authorships"`
	CitedByCount    *int          `json:"cited_by_count"`
	IsRetracted     bool          `json:"is_retracted"`
	Topics          []Topic       `json:"topics"`
	Keywords        []Keyword     `json:"keywords"`
	Concepts        []Keyword     `json:"concepts"` // the legacy concepts: an id, a name, a score
	Grants          []Grant       `json:"grants"`
	HostVenue       *SourceRecord `json:"host_venue"` // works of the API before 2023

	// Authors.
	ORCID                   *string  `json:"orcid"`
	DisplayNameAlternatives []string `json:"display_name_alternatives"`

	// Institutions.
	ROR         *string `json:"ror"`
	CountryCode *string `json:"country_code"`
	Geo         *struct {
		City        string `json:"city"`
		CountryCode string `json:"country_code"`
	} `json:"geo"`
	DisplayNameAcronyms []string `json:"display_name_acronyms"`
}

// Location is where a work is published; its source is the journal or repository.
type Location struct {
	Source *SourceRecord `json:"source"`
}

// SourceRecord is a journal, conference or repository (OpenAlex "source").
type SourceRecord struct {
	ID          *string `json:"id"`
	DisplayName string  `json:"display_name"`
}

// Authorship is one author of a work, in order, with the institutions of that work.
type Authorship struct {
	AuthorPosition        string        `json:"author_position"`
	Author                AuthorRef     `json:"author"`
	Institutions          []Institution `json:"institutions"`
	IsCorresponding       *bool         `json:"is_corresponding"`
	RawAuthorName         *string       `json:"raw_author_name"`
	RawAffiliationStrings []string      `json:"raw_affiliation_strings"`
	RawAffiliationString  *string       `json:"raw_affiliation_string"` // before 2023
}

// AuthorRef is the author as a work names it (the "dehydrated" author).
type AuthorRef struct {
	ID          *string `json:"id"`
	DisplayName *string `json:"display_name"`
	ORCID       *string `json:"orcid"`
}

// Institution is an institution as a work names it (the "dehydrated" institution).
type Institution struct {
	ID          *string `json:"id"`
	DisplayName *string `json:"display_name"`
	ROR         *string `json:"ror"`
	CountryCode *string `json:"country_code"`
	Type        *string `json:"type"`
}

// Topic is one of a work's OpenAlex topics with the classifier's score, and its subfield,
// field and domain.
type Topic struct {
	ID          string `json:"id"`
	DisplayName string `json:"display_name"`
	Score       Score  `json:"score"`
	Subfield    *Named `json:"subfield"`
	Field       *Named `json:"field"`
	Domain      *Named `json:"domain"`
}

// Named is an id and a display name (a subfield, field or domain).
type Named struct {
	ID          string `json:"id"`
	DisplayName string `json:"display_name"`
}

// Keyword is one of a work's keywords with its score.
type Keyword struct {
	ID          string `json:"id"`
	DisplayName string `json:"display_name"`
	Score       Score  `json:"score"`
}

// Grant is a funder and award a work states.
type Grant struct {
	Funder            *string `json:"funder"`
	FunderDisplayName *string `json:"funder_display_name"`
	AwardID           *string `json:"award_id"`
}

// Score is a number between 0 and 1; old API answers wrote it as a string.
type Score float64

// UnmarshalJSON reads a number or a string holding one.
func (s *Score) UnmarshalJSON(b []byte) error {
	str := strings.Trim(string(b), `"`)
	if str == "null" || str == "" {
		*s = 0
		return nil
	}
	f, err := strconv.ParseFloat(str, 64)
	if err != nil {
		return fmt.Errorf("score %s is not a number", b)
	}
	*s = Score(f)
	return nil
}

// Kind is what a record is, from its id: "work", "author", "institution" or "" (another
// entity, which this package does not read).
func (r *Record) Kind() string {
	switch idPrefix(ShortID(r.ID)) {
	case 'W':
		return "work"
	case 'A':
		return "author"
	case 'I':
		return "institution"
	}
	return ""
}

var shortIDRE = regexp.MustCompile(`^[WAISPTFC]\d+$`)

// ShortID is an OpenAlex id without https://openalex.org/ (W2741809807); upper-case.
func ShortID(id string) string {
	id = strings.TrimSpace(id)
	for _, p := range []string{"https://openalex.org/", "http://openalex.org/", "openalex.org/", "https://api.openalex.org/works/", "https://api.openalex.org/"} {
		if len(id) > len(p) && strings.EqualFold(id[:len(p)], p) {
			id = id[len(p):]
			break
		}
	}
	if i := strings.LastIndexByte(id, '/'); i >= 0 { // topics are written https://openalex.org/T10102, fields /fields/18
		id = id[i+1:]
	}
	return strings.ToUpper(id)
}

// ValidID tells whether s is a bare OpenAlex id of the kind prefix (W, A, I, T...).
func ValidID(s string, prefix byte) bool {
	return shortIDRE.MatchString(s) && s[0] == prefix
}

func idPrefix(s string) byte {
	if shortIDRE.MatchString(s) {
		return s[0]
	}
	return 0
}

// BareORCID is an ORCID iD without https://orcid.org/ ("" when s is not one).
func BareORCID(s string) string {
	s = strings.TrimSpace(s)
	for _, p := range []string{"https://orcid.org/", "http://orcid.org/", "orcid.org/"} {
		if len(s) > len(p) && strings.EqualFold(s[:len(p)], p) {
			s = s[len(p):]
		}
	}
	if orcidRE.MatchString(s) {
		return strings.ToUpper(s)
	}
	return ""
}

var orcidRE = regexp.MustCompile(`^\d{4}-\d{4}-\d{4}-\d{3}[\dXx]$`)

// BareROR is a ROR id without https://ror.org/ ("" when s is empty).
func BareROR(s string) string {
	s = strings.TrimSpace(s)
	for _, p := range []string{"https://ror.org/", "http://ror.org/", "ror.org/"} {
		if len(s) > len(p) && strings.EqualFold(s[:len(p)], p) {
			s = s[len(p):]
		}
	}
	return strings.ToLower(s)
}

// BareDOI is a DOI without its resolver prefix, lower-case ("" when s is not a DOI).
func BareDOI(s string) string {
	s = strings.TrimSpace(s)
	for _, p := range []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"} {
		if len(s) > len(p) && strings.EqualFold(s[:len(p)], p) {
			s = s[len(p):]
			break
		}
	}
	s = strings.ToLower(s)
	if !strings.HasPrefix(s, "10.") || !strings.Contains(s, "/") {
		return ""
	}
	return s
}

// Title is the work's title (display_name when title is absent), trimmed.
func (r *Record) TitleText() string {
	if r.Title != nil && strings.TrimSpace(*r.Title) != "" {
		return strings.TrimSpace(*r.Title)
	}
	return strings.TrimSpace(str(r.DisplayName))
}

// Venue is the name of the journal or repository the work is primarily published in.
func (r *Record) Venue() string {
	if r.PrimaryLocation != nil && r.PrimaryLocation.Source != nil {
		return strings.TrimSpace(r.PrimaryLocation.Source.DisplayName)
	}
	if r.HostVenue != nil {
		return strings.TrimSpace(r.HostVenue.DisplayName)
	}
	return ""
}

// RawAffiliations are the affiliation strings the work prints for the author.
func (a *Authorship) RawAffiliations() []string {
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, s := range a.RawAffiliationStrings {
		add(s)
	}
	if a.RawAffiliationString != nil {
		add(*a.RawAffiliationString)
	}
	return out
}

// check says what makes a record unusable ("" when nothing): its id, and for a work its
// title and its authors' ids and names. Such a record is skipped and reported; nothing of it
// is written.
func (r *Record) check() string {
	id := ShortID(r.ID)
	if r.ID == "" {
		return "the record has no id"
	}
	switch r.Kind() {
	case "work":
		if r.TitleText() == "" {
			return "the work has no title"
		}
		for i, a := range r.Authorships {
			if a.Author.ID == nil || !ValidID(ShortID(*a.Author.ID), 'A') {
				return fmt.Sprintf("authorship %d has no OpenAlex author id", i+1)
			}
			if strings.TrimSpace(str(a.Author.DisplayName)) == "" {
				return fmt.Sprintf("authorship %d (author %s) has no name", i+1, ShortID(*a.Author.ID))
			}
		}
	case "author", "institution":
		if strings.TrimSpace(str(r.DisplayName)) == "" {
			return fmt.Sprintf("%s %s has no name", r.Kind(), id)
		}
	default:
		return fmt.Sprintf("%q is not the id of an OpenAlex work, author or institution", r.ID)
	}
	return ""
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// ShapeError says why an input cannot be read: which input, the line (from 1) and, when the
// record has one, its id. Nothing is written when an input has one.
type ShapeError struct {
	Input  string
	Line   int
	ID     string
	Reason string
}

func (e *ShapeError) Error() string {
	id := ""
	if e.ID != "" {
		id = " (" + e.ID + ")"
	}
	return fmt.Sprintf("%s: line %d%s: %s", e.Input, e.Line, id, e.Reason)
}

// Problem is a record that was skipped: nothing of it was written.
type Problem struct {
	Input  string `json:"input"`
	Line   int    `json:"line"`
	Record int    `json:"record,omitempty"` // its index in an API page's results, from 0
	ID     string `json:"id,omitempty"`
	Reason string `json:"reason"`
}

// decodeRecord decodes one record with goccy/go-json (about twice as fast as encoding/json,
// as internal/format uses it); when it fails, encoding/json decides and names the field of the
// wrong type.
func decodeRecord(raw json.RawMessage) (*Record, error) {
	var rec Record
	if gojson.Unmarshal(raw, &rec) == nil {
		return &rec, nil
	}
	rec = Record{}
	if err := json.Unmarshal(raw, &rec); err != nil {
		return nil, err
	}
	return &rec, nil
}
