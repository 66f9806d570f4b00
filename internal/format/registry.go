package format

import (
	"fmt"
	"strings"
)

// Registries are the outside registries whose records a "registry_record" row may carry.
var Registries = set("ror")

// parseRegistryRecord reads a "registry_record" row: what an outside registry (ROR) says of an
// organization, kept apart from the organization's own (curated) properties. It writes one
// REGISTRY_RECORD relationship from the organization (`of`) to the record's source row,
// keyed on the registry, so that loading the record again replaces the registry's values and
// never touches what a curator loaded. See docs/model.md, "Registry records".
func parseRegistryRecord(r *row, line int, p *Parsed) {
	of := r.id("of", true)
	src := r.id("source", true)
	registry := r.enum("registry", Registries, true)
	props := map[string]any{"sources": []string{src}}
	put := func(k string, v any) {
		switch x := v.(type) {
		case string:
			if x == "" {
				return
			}
		case []string:
			if len(x) == 0 {
				return
			}
		}
		props[k] = v
	}
	put("registry", registry)
	put("registryId", r.str("registry_id", true))
	put("name", r.str("name", true))
	put("types", r.strings("types"))
	put("kind", r.enum("kind", OrganizationKinds, false))
	put("status", r.enum("status", OrganizationStatuses, false))
	put("established", r.date("established"))
	put("lastModified", r.date("last_modified"))
	for _, f := range []string{"city", "region", "country", "website", "wikipedia"} {
		put(f, r.str(f, false))
	}
	for _, f := range []string{"isni", "fundref", "grid", "wikidata", "pending"} {
		put(f, r.strings(f))
	}
	lat, okLat := r.number("lat", -90, 90)
	lon, okLon := r.number("lon", -180, 180)
	if okLat != okLon {
		r.fail("lat", "lat and lon must be given together")
	} else if okLat {
		props["lat"], props["lon"] = lat, lon
	}
	names, langs, types := registryNames(r)
	put("names", names)
	if len(names) > 0 { // parallel lists: a property cannot hold objects
		props["nameLangs"], props["nameTypes"] = langs, types
	}
	if r.boolean("synthetic") {
		props["synthetic"] = true
	}
	if of != "" && src != "" {
		p.Refs = append(p.Refs, Ref{line, "of", of, set("Organization")}, Ref{line, "source", src, sourceLabels})
		p.Links = append(p.Links, LinkOp{Line: line, Rel: RegistryRel, From: of, To: src, Key: registry, Props: props})
	}
}

// registryNames reads "names": [{"value", "lang", "types"}], as three parallel lists.
func registryNames(r *row) (names, langs, types []string) {
	r.used["names"] = true
	list, ok := r.m["names"].([]any)
	if r.m["names"] != nil && !ok {
		r.fail("names", "must be a list of {value, lang, types} objects")
		return
	}
	for i, item := range list {
		m, ok := item.(map[string]any)
		if !ok {
			r.fail("names", "item %d must be an object", i)
			continue
		}
		nr := newRow(m)
		v := nr.str("value", true)
		lang := nr.str("lang", false)
		ts := nr.strings("types")
		nr.rejectUnused("a name")
		nr.failInto(r, fmt.Sprintf("names[%d]", i))
		names, langs, types = append(names, v), append(langs, lang), append(types, strings.Join(ts, ","))
	}
	return
}
