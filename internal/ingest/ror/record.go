package ror

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Record is one ROR record, schema v2 (https://ror.readme.io/docs/schema-v2). Only the fields
// CryoGraph maps are read; the others are ignored.
type Record struct {
	ID            string         `json:"id"`
	Names         []Name         `json:"names"`
	Types         []string       `json:"types"`
	Status        string         `json:"status"`
	Established   *int           `json:"established"`
	Locations     []Location     `json:"locations"`
	Relationships []Relationship `json:"relationships"`
	ExternalIDs   []ExternalID   `json:"external_ids"`
	Links         []Link         `json:"links"`
	Admin         struct {
		LastModified struct {
			Date string `json:"date"`
		} `json:"last_modified"`
	} `json:"admin"`

	// V1 is schema v1's "name" string: set only on a v1 record, which this package refuses.
	V1 json.RawMessage `json:"name"`
}

// Name is one of a record's names: ror_display, label, alias or acronym, with its language.
type Name struct {
	Value string   `json:"value"`
	Lang  *string  `json:"lang"`
	Types []string `json:"types"`
}

// Location is a GeoNames place.
type Location struct {
	GeonamesID      int `json:"geonames_id"`
	GeonamesDetails struct {
		Name            string   `json:"name"`
		CountryCode     string   `json:"country_code"`
		SubdivisionName string   `json:"country_subdivision_name"`
		SubdivisionCode string   `json:"country_subdivision_code"`
		Lat             *float64 `json:"lat"`
		Lng             *float64 `json:"lng"`
	} `json:"geonames_details"`
}

// Relationship is a link to another ROR record: parent, child, related, predecessor, successor.
type Relationship struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Type  string `json:"type"`
}

// ExternalID is a record's ids in other registries: isni, fundref, grid, wikidata.
type ExternalID struct {
	Type      string   `json:"type"`
	All       []string `json:"all"`
	Preferred *string  `json:"preferred"`
}

// Link is a web address: website or wikipedia.
type Link struct {
	Type  string `json:"type"`
	Value string `json:"value"`
}

// ShortID returns the record's id without https://ror.org/, as the import format's `ror`
// field holds it ("04c4dkn09").
func (r *Record) ShortID() string { return ShortID(r.ID) }

// ShortID strips https://ror.org/ (or ror.org/) from a ROR id.
func ShortID(id string) string {
	id = strings.TrimSpace(id)
	for _, p := range []string{"https://ror.org/", "http://ror.org/", "ror.org/"} {
		id = strings.TrimPrefix(id, p)
	}
	return id
}

// DisplayName is the ror_display name (the first label if a record has none).
func (r *Record) DisplayName() string {
	for _, n := range r.Names {
		if hasType(n.Types, "ror_display") {
			return n.Value
		}
	}
	for _, n := range r.Names {
		if hasType(n.Types, "label") {
			return n.Value
		}
	}
	return ""
}

func hasType(types []string, t string) bool {
	for _, x := range types {
		if x == t {
			return true
		}
	}
	return false
}

// ShapeError says why a record cannot be read as ROR schema v2: which record (its index in
// the input, from 0, and its id when it has one) and why.
type ShapeError struct {
	Input  string
	Index  int
	ID     string
	Reason string
}

func (e *ShapeError) Error() string {
	id := ""
	if e.ID != "" {
		id = " (" + e.ID + ")"
	}
	return fmt.Sprintf("%s: record %d%s: %s", e.Input, e.Index, id, e.Reason)
}

// check refuses what is not a ROR v2 record: a v1 record (a "name" string and no "names"),
// one without an id or a display name, relationships without an id or type.
func (r *Record) check() string {
	switch {
	case len(r.V1) > 0 && string(r.V1) != "null" && r.Names == nil:
		return `this is a ROR schema v1 record ("name" and no "names" list); use the dump's *_schema_v2.json file`
	case strings.TrimSpace(r.ID) == "":
		return `has no "id"`
	case !validID(r.ShortID()):
		return fmt.Sprintf("id %q is not a ROR id (https://ror.org/ followed by letters and digits)", r.ID)
	case r.Names == nil:
		return `has no "names" list: not a ROR schema v2 record`
	case r.DisplayName() == "":
		return "has no ror_display or label name"
	}
	for i, rel := range r.Relationships {
		if rel.ID == "" || !relTypes[rel.Type] {
			return fmt.Sprintf("relationships[%d]: needs an id and a type among parent, child, related, predecessor, successor", i)
		}
	}
	return ""
}

var relTypes = map[string]bool{"parent": true, "child": true, "related": true, "predecessor": true, "successor": true}

// validID accepts ROR ids and the synthetic ids of `cryograph generate --ror`: letters, digits
// and '-' (docs/ror.md, "Synthetic records").
func validID(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}
