package format

import (
	"fmt"
	"strings"
)

// aliases reads "aliases": plain strings, supported by the row's own sources, or objects
// {"name": ..., "sources": [...], "note": ...} for a name that needs its own evidence, such as
// a mistranslation that is also the name of another institution. Each sourced alias becomes an
// ALIAS_SOURCED_FROM relationship from the entity to the source, carrying the alias.
func (r *row) aliases(line int, id string, p *Parsed) []string {
	r.used["aliases"] = true
	v, ok := r.m["aliases"]
	if !ok || v == nil {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		r.fail("aliases", "must be a list of names or {name, sources, note} objects")
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for i, item := range list {
		name := ""
		switch a := item.(type) {
		case string:
			name = strings.TrimSpace(a)
		case map[string]any:
			name = r.sourcedAlias(line, id, i, a, p)
		default:
			r.fail("aliases", "item %d must be a name or an object", i)
		}
		if name != "" && !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	return out
}

// sourcedAlias reads alias object i, {name, sources, note}, and returns its name.
func (r *row) sourcedAlias(line int, id string, i int, a map[string]any, p *Parsed) string {
	ar := newRow(a)
	name := ar.str("name", true)
	sources := ar.ids("sources", true)
	note := ar.str("note", false)
	ar.rejectUnused("an alias")
	ar.failInto(r, fmt.Sprintf("aliases[%d]", i))
	for _, sid := range sources {
		p.Refs = append(p.Refs, Ref{line, fmt.Sprintf("aliases[%d].sources", i), sid, sourceLabels})
		props := map[string]any{"alias": name, "sources": []string{sid}}
		if note != "" {
			props["note"] = note
		}
		p.Links = append(p.Links, LinkOp{Line: line, Rel: "ALIAS_SOURCED_FROM", From: id, To: sid, Key: name, Props: props})
	}
	return name
}

// parseParties reads partnership parties: [{"id", "role", "lead", "sources", "uncertain", "note"}].
func parseParties(r *row, line int, id string, sources []string, p *Parsed) {
	r.used["parties"] = true
	list, ok := r.m["parties"].([]any)
	if !ok || len(list) == 0 {
		r.fail("parties", "needs at least one party: [{\"id\": \"org:...\", \"role\": \"...\"}]")
		return
	}
	for i, item := range list {
		pm, ok := item.(map[string]any)
		if !ok {
			r.fail("parties", "item %d must be an object with id and role", i)
			continue
		}
		parseParty(r, line, id, sources, i, pm, p)
	}
}

// parseParty reads party i of a partnership and writes its PARTY_TO relationship.
func parseParty(r *row, line int, id string, sources []string, i int, pm map[string]any, p *Parsed) {
	pr := newRow(pm)
	pid := pr.id("id", true)
	props := map[string]any{"sources": sources}
	// A party may cite its own sources (the page that names it as co-lead, say): they go on
	// its PARTY_TO relationship instead of the row's.
	if v, given := pm["sources"]; given && v != nil {
		own := pr.ids("sources", true)
		for _, s := range own {
			p.Refs = append(p.Refs, Ref{line, fmt.Sprintf("parties[%d].sources", i), s, sourceLabels})
		}
		if len(own) > 0 {
			props["sources"] = own
		}
	}
	if role := pr.str("role", false); role != "" {
		props["role"] = role
	}
	if lead := pr.enum("lead", PartyLeads, false); lead != "" {
		props["lead"] = lead
	}
	if pr.boolean("uncertain") {
		props["uncertain"] = true
		note := pr.str("note", true)
		props["note"] = note
	} else if note := pr.str("note", false); note != "" {
		props["note"] = note
	}
	pr.rejectUnused("a party")
	pr.failInto(r, fmt.Sprintf("parties[%d]", i))
	if pid != "" {
		p.Refs = append(p.Refs, Ref{line, fmt.Sprintf("parties[%d].id", i), pid, partyLabels})
		p.Links = append(p.Links, LinkOp{Line: line, Rel: "PARTY_TO", From: pid, To: id, Props: props})
	}
}

func parseLink(r *row, line int, p *Parsed) {
	rel := r.str("rel", true)
	rule, ok := LinkTypes[rel]
	if rel != "" && !ok {
		r.fail("rel", "%q is not one of %s", rel, strings.Join(Keys(toSet(LinkTypes)), ", "))
	}
	from := r.id("from", true)
	to := r.id("to", true)
	sources := r.ids("sources", true)
	props := linkProps(r, sources)
	linkOnlyProps(r, rel, line, props, p)
	key := r.str("key", false)
	r.used["id"] = true // links may carry an id for the curator's own bookkeeping
	if from != "" && from == to {
		r.fail("to", "a link cannot join %s to itself", from)
	}
	for _, s := range sources {
		p.Refs = append(p.Refs, Ref{line, "sources", s, sourceLabels})
	}
	if ok {
		p.Refs = append(p.Refs, Ref{line, "from", from, rule.From}, Ref{line, "to", to, rule.To})
	}
	p.Links = append(p.Links, LinkOp{Line: line, Rel: rel, From: from, To: to, Key: key, Props: props})
}

// linkOnlyProps reads the fields only some relationship types may carry (LinkOnly).
func linkOnlyProps(r *row, rel string, line int, props map[string]any, p *Parsed) {
	for f, only := range LinkOnly {
		if v, given := r.m[f]; given && v != nil && rel != "" && !LinkMay(f, rel) {
			r.fail(f, "is a field of %s links only, not of %s", strings.Join(only, " and "), rel)
		}
	}
	if pos, ok := r.positive("position"); ok {
		props["position"] = pos
	}
	if r.boolean("corresponding") {
		props["corresponding"] = true
	}
	if raw := r.strings("raw_affiliations"); len(raw) > 0 {
		props["rawAffiliations"] = raw
	}
	if degree := r.str("degree", false); degree != "" {
		props["degree"] = degree
	}
	if inst := r.id("institution", false); inst != "" {
		props["institution"] = inst
		p.Refs = append(p.Refs, Ref{line, "institution", inst, orgLabels})
	}
	if score, ok := r.number("score", 0, 1); ok {
		props["score"] = score
	}
	if works := r.ids("works", false); len(works) > 0 {
		props["works"] = works
		for _, w := range works {
			p.Refs = append(p.Refs, Ref{line, "works", w, publicationLabels})
		}
	}
}

// linkProps reads the properties of a link row.
func linkProps(r *row, sources []string) map[string]any {
	props := map[string]any{"sources": sources}
	for _, f := range []string{"title", "role", "note"} {
		if v := r.str(f, false); v != "" {
			props[f] = v
		}
	}
	for f, prop := range map[string]string{"since": "since", "until": "until", "as_of": "asOf"} {
		if v := r.date(f); v != "" {
			props[prop] = v
		}
	}
	if s, u := props["since"], props["until"]; s != nil && u != nil && dateBefore(u.(string), s.(string)) {
		r.fail("until", "%s is before since %s", u, s)
	}
	if r.boolean("uncertain") {
		props["uncertain"] = true
		if props["note"] == nil {
			r.fail("note", "an uncertain row needs a note that says why")
		}
	}
	if r.boolean("synthetic") {
		props["synthetic"] = true
	}
	return props
}
