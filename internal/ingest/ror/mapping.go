package ror

import (
	"fmt"
	"strings"
)

// kinds maps ROR's organization types to the import format's kinds; a record with several
// types takes the first of kindOrder it has (all of them are kept in the registry record).
var kinds = map[string]string{
	"education":  "university",
	"healthcare": "healthcare",
	"facility":   "facility",
	"archive":    "archive",
	"government": "government",
	"company":    "company",
	"nonprofit":  "nonprofit",
	"funder":     "funder",
	"other":      "other",
}

var kindOrder = []string{"education", "healthcare", "facility", "archive", "government", "company", "nonprofit", "funder", "other"}

// Kind is the import format's organization kind for a record's ROR types.
func Kind(types []string) string {
	for _, t := range kindOrder {
		if hasType(types, t) {
			return kinds[t]
		}
	}
	return "other"
}

// OrgID is the node id of an organization first loaded from ROR: org:ror-<id>.
func OrgID(rorID string) string { return "org:ror-" + ShortID(rorID) }

// SourceID is the id of the source row of a ROR record.
func SourceID(rorID string) string { return "src:ror-" + ShortID(rorID) }

// Synthetic tells whether a ROR id is one `cryograph generate --ror` made up.
func Synthetic(rorID string) bool { return strings.HasPrefix(ShortID(rorID), SyntheticPrefix) }

// SyntheticPrefix starts the ids of synthetic records: real ROR ids are 9 characters of
// digits and lower-case letters starting with 0, so "synthetic-..." can never be one.
const SyntheticPrefix = "synthetic-"

// rowsOf maps one record to rows of the import format: its source, its organization (unless
// a curated organization holds its ROR id: then `node` is that organization's id and only
// the registry record and relationships are written), its registry record and the
// relationships it owns. resolve gives the node id of another ROR id ("" when that
// organization is neither in the graph nor in the ingest), owns tells whether this record
// writes a relationship (so that both ends of a pair do not write it twice).
func rowsOf(rec *Record, in Input, retrieved, node string, curated bool,
	resolve func(string) string, owns func(rel, other string) bool) []map[string]any {
	id := rec.ShortID()
	display := rec.DisplayName()
	synthetic := Synthetic(id)
	src := map[string]any{
		"type": "source", "id": SourceID(id), "url": "https://ror.org/" + id,
		"title":     fmt.Sprintf("ROR record %s: %s", id, display),
		"publisher": "Research Organization Registry (ROR)",
	}
	switch {
	case in.Date != "":
		src["published"] = in.Date
	case isDay(rec.Admin.LastModified.Date):
		src["published"] = rec.Admin.LastModified.Date
	}
	if in.Version != "" {
		src["note"] = fmt.Sprintf("ROR data dump %s (%s)", in.Version, in.Date)
	}
	if retrieved != "" {
		src["retrieved"] = retrieved
	}
	if synthetic {
		src["synthetic"] = true
	}
	rows := []map[string]any{src}
	sources := []string{SourceID(id)}

	// The registry's values, all of them, on the REGISTRY_RECORD relationship.
	reg := map[string]any{"type": "registry_record", "of": node, "source": SourceID(id), "registry": "ror",
		"registry_id": id, "name": display, "types": rec.Types, "kind": Kind(rec.Types)}
	if synthetic {
		reg["synthetic"] = true
	}
	var names []map[string]any
	var aliases []string
	for _, n := range rec.Names {
		nm := map[string]any{"value": n.Value, "types": n.Types}
		if n.Lang != nil {
			nm["lang"] = *n.Lang
		}
		names = append(names, nm)
		if n.Value != display {
			aliases = append(aliases, n.Value)
		}
	}
	reg["names"] = names
	if rec.Status != "" {
		reg["status"] = rec.Status
	}
	if rec.Established != nil {
		reg["established"] = fmt.Sprintf("%04d", *rec.Established)
	}
	if isDay(rec.Admin.LastModified.Date) {
		reg["last_modified"] = rec.Admin.LastModified.Date
	}
	var loc *Location
	if len(rec.Locations) > 0 {
		loc = &rec.Locations[0]
		g := loc.GeonamesDetails
		putStr(reg, "city", g.Name)
		putStr(reg, "region", g.SubdivisionName)
		putStr(reg, "country", g.CountryCode)
		if g.Lat != nil && g.Lng != nil {
			reg["lat"], reg["lon"] = *g.Lat, *g.Lng
		}
	}
	for _, l := range rec.Links {
		if l.Type == "website" || l.Type == "wikipedia" {
			putStr(reg, l.Type, l.Value)
		}
	}
	for _, x := range rec.ExternalIDs {
		if t := x.Type; t == "isni" || t == "fundref" || t == "grid" || t == "wikidata" {
			reg[t] = x.All
		}
	}

	// Relationships: an edge when both ends are loaded, else the ROR id is kept as pending.
	var links []map[string]any
	var pending []string
	seen := map[string]bool{}
	for _, rel := range rec.Relationships {
		other := ShortID(rel.ID)
		key := rel.Type + ":" + other
		if seen[key] || other == id {
			continue
		}
		seen[key] = true
		to := resolve(other)
		if to == "" {
			pending = append(pending, key)
			continue
		}
		if !owns(rel.Type, other) || to == node {
			continue
		}
		from, typ, dst := node, "", to
		switch rel.Type {
		case "parent":
			typ = "PART_OF"
		case "child":
			typ, from, dst = "PART_OF", to, node
		case "related":
			typ = "RELATED_TO"
			if other < id { // one direction for the pair: from the smaller ROR id
				from, dst = to, node
			}
		case "successor":
			typ = "SUCCEEDED_BY"
		case "predecessor":
			typ, from, dst = "SUCCEEDED_BY", to, node
		}
		link := map[string]any{"type": "link", "rel": typ, "from": from, "to": dst, "sources": sources}
		if synthetic {
			link["synthetic"] = true
		}
		links = append(links, link)
	}
	if len(pending) > 0 {
		reg["pending"] = pending
	}

	if !curated {
		org := map[string]any{"type": "organization", "id": node, "name": display, "kind": Kind(rec.Types),
			"ror": id, "sources": sources}
		if len(aliases) > 0 {
			org["aliases"] = aliases
		}
		for _, f := range []string{"city", "region", "country", "lat", "lon", "website"} {
			if v, ok := reg[f]; ok {
				org[f] = v
			}
		}
		if rec.Status != "" {
			org["status"] = rec.Status
		}
		if v, ok := reg["established"]; ok {
			org["founded"] = v
		}
		if synthetic {
			org["synthetic"] = true
		}
		rows = append(rows, org)
	}
	rows = append(rows, reg)
	return append(rows, links...)
}

func putStr(m map[string]any, k, v string) {
	if v = strings.TrimSpace(v); v != "" {
		m[k] = v
	}
}

func isDay(s string) bool {
	return len(s) == 10 && s[4] == '-' && s[7] == '-'
}
