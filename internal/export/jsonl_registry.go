package export

import (
	"strings"

	"github.com/cryograph/cryograph/internal/format"
)

// Registry records: a REGISTRY_RECORD relationship (what an outside registry, ROR, says of an
// organization, docs/ror.md) is written back as the "registry_record" row it was loaded from.

// registryFields lays out a registry_record row after "type", "of", "source", "registry" and
// "registry_id", with the property each field is stored under and its kind. "names" is
// special: three parallel list properties (names, nameLangs, nameTypes) become one list of
// {value, lang, types} objects.
var registryFields = []struct {
	field, prop string
	kind        valueKind
}{
	{"name", "name", text},
	{"names", "names", list},
	{"types", "types", list},
	{"kind", "kind", text},
	{"status", "status", text},
	{"established", "established", text},
	{"last_modified", "lastModified", text},
	{"city", "city", text},
	{"region", "region", text},
	{"country", "country", text},
	{"lat", "lat", number},
	{"lon", "lon", number},
	{"website", "website", text},
	{"wikipedia", "wikipedia", text},
	{"isni", "isni", list},
	{"fundref", "fundref", list},
	{"grid", "grid", list},
	{"wikidata", "wikidata", list},
	{"pending", "pending", list},
	{"synthetic", "synthetic", flag},
}

// registryProps are the properties a REGISTRY_RECORD relationship may carry.
func registryProps() map[string]bool {
	known := map[string]bool{"registry": true, "registryId": true, "nameLangs": true, "nameTypes": true,
		"sources": true, "key": true, "importHash": true}
	for _, f := range registryFields {
		known[f.prop] = true
	}
	return known
}

// registryRow builds the registry_record row of a REGISTRY_RECORD relationship and a check
// that the row imports as exactly that relationship.
func registryRow(r Rel) (format.Object, func([]byte) error, error) {
	what := relName(r)
	if err := checkProps(what, r.Props, registryProps()); err != nil {
		return nil, nil, err
	}
	str := func(p string) string { s, _ := r.Props[p].(string); return s }
	if key := str("key"); key != str("registry") {
		return nil, nil, notExportable(what, "its key %q is not its registry %q, as a registry_record row writes it", key, str("registry"))
	}
	row := format.Object{{Key: "type", Value: "registry_record"}, {Key: "of", Value: r.From}, {Key: "source", Value: r.To},
		{Key: "registry", Value: str("registry")}, {Key: "registry_id", Value: str("registryId")}}
	for _, f := range registryFields {
		if f.field == "names" {
			names, err := registryNames(what, r.Props)
			if err != nil {
				return nil, nil, err
			}
			if len(names) > 0 {
				row = append(row, format.Field{Key: "names", Value: names})
			}
			continue
		}
		v, ok, err := registryValue(what, f.prop, f.kind, r.Props[f.prop])
		if err != nil {
			return nil, nil, err
		}
		if ok {
			row = append(row, format.Field{Key: f.field, Value: v})
		}
	}
	check := func(line []byte) error { return verify(what, line, nil, []Rel{r}) }
	return row, check, nil
}

// registryValue is rowValue with the registry's own kinds: its wikidata is a list, where an
// organization's is one string.
func registryValue(what, prop string, kind valueKind, v any) (any, bool, error) {
	if v == nil {
		return nil, false, nil
	}
	switch kind {
	case list:
		l, err := asStrings(what, prop, v)
		return l, err == nil && len(l) > 0, err
	case flag, number:
		return rowValue(what, prop, v) // synthetic, lat and lon have those kinds everywhere
	}
	s, ok := v.(string)
	if !ok {
		return nil, false, notExportable(what, "property %s is %T, not a string", prop, v)
	}
	return s, s != "", nil
}

// registryNames rebuilds the "names" objects from the parallel lists names, nameLangs and
// nameTypes (types joined with ",").
func registryNames(what string, props map[string]any) ([]format.Object, error) {
	names, err := asStrings(what, "names", props["names"])
	if err != nil {
		return nil, err
	}
	langs, err := asStrings(what, "nameLangs", props["nameLangs"])
	if err != nil {
		return nil, err
	}
	types, err := asStrings(what, "nameTypes", props["nameTypes"])
	if err != nil {
		return nil, err
	}
	if len(langs) != len(names) || len(types) != len(names) {
		return nil, notExportable(what, "names, nameLangs and nameTypes have %d, %d and %d items; a registry_record row needs them parallel",
			len(names), len(langs), len(types))
	}
	out := make([]format.Object, len(names))
	for i, n := range names {
		o := format.Object{{Key: "value", Value: n}}
		if langs[i] != "" {
			o = append(o, format.Field{Key: "lang", Value: langs[i]})
		}
		var ts []string
		if types[i] != "" {
			ts = strings.Split(types[i], ",")
		}
		if len(ts) > 0 {
			o = append(o, format.Field{Key: "types", Value: ts})
		}
		out[i] = o
	}
	return out, nil
}
