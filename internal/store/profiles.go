package store

// Profiles: everything the graph says about one person, organization or topic, and the
// order their facts are listed in.

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func notFound(kind, id string) error {
	return &cryo.Error{Code: cryo.ECodeNotFound, Field: "id", Message: fmt.Sprintf("no %s has id %q", kind, id)}
}

// Profile returns everything the graph says about one person, organization or topic, with
// every fact's sources. A person's profile is one query (person_profile); an organization's
// runs its queries in one read transaction.
//
// An id that an explicit merge absorbed answers with the kept entity's profile, whose
// MergedFrom names the id asked for and the merge record (following merges of merges).
func (s *Store) Profile(ctx context.Context, kind, id string) (cryo.Profile, error) {
	p, err := s.profile(ctx, kind, id)
	var first *cryo.MergedFrom
	for hops := 0; cryo.ErrorCode(err) == cryo.ECodeNotFound && hops < 10; hops++ {
		res, rerr := s.read(ctx, "merge_of_absorbed", map[string]any{"id": id})
		if rerr != nil {
			return p, rerr
		}
		if len(res.Records) == 0 {
			break
		}
		m := mergeFromProps(get[neo4j.Node](res.Records[0], "m").Props)
		if first == nil {
			first = &cryo.MergedFrom{ID: id, Merge: m}
		}
		id = m.Keep
		p, err = s.profile(ctx, kind, id)
	}
	if err == nil {
		p.MergedFrom = first
	}
	return p, err
}

func (s *Store) profile(ctx context.Context, kind, id string) (cryo.Profile, error) {
	p := cryo.Profile{Kind: kind, Sources: []cryo.Source{}}
	switch kind {
	case "topic":
		res, err := s.read(ctx, "topic_profile", map[string]any{"id": id})
		if err != nil {
			return p, err
		}
		if len(res.Records) == 0 {
			return p, notFound(kind, id)
		}
		rec := res.Records[0].AsMap()
		p.Entity = publicProps(rec["entity"])
		p.Parents, p.Subtopics = sortNodes(decodeNodes(rec["parents"])), sortNodes(decodeNodes(rec["subtopics"]))
		p.Experts, p.Institutions = decodeNodes(rec["experts"]), decodeNodes(rec["institutions"])
		return p, nil
	case "person":
		return s.personProfile(ctx, id)
	}
	return s.orgProfile(ctx, kind, id)
}

// personProfile reads a person's profile in one round trip.
func (s *Store) personProfile(ctx context.Context, id string) (cryo.Profile, error) {
	p := cryo.Profile{Kind: "person", Sources: []cryo.Source{}}
	res, err := s.read(ctx, "person_profile", map[string]any{"id": id})
	if err != nil {
		return p, err
	}
	if len(res.Records) == 0 {
		return p, notFound("person", id)
	}
	decodePersonProfile(&p, res.Records[0].AsMap())
	return p, nil
}

// decodePersonProfile fills a person's profile from person_profile's row.
func decodePersonProfile(p *cryo.Profile, m map[string]any) {
	p.Entity = publicProps(m["entity"])
	p.Provenance = provenance(p.Entity, strList(m["ownSources"]), asList(m["aliasSources"]))
	addFacts(p, asList(m["facts"]), nil) // person_profile returns the sources itself
	for _, x := range asList(m["partnerships"]) {
		addPartnership(p, x.(map[string]any))
	}
	coauthors := asList(m["coauthors"])
	if len(coauthors) > 0 {
		p.Coauthors = make([]cryo.Coauthor, 0, len(coauthors))
	}
	for _, x := range coauthors {
		c := x.(map[string]any)
		shared, _ := c["shared"].(int64)
		co := cryo.Coauthor{Node: cryo.Node{ID: str(c["id"]), Name: str(c["name"]), Kind: "person",
			Country: str(c["country"]), Score: float64(shared)}, Works: []cryo.WorkRef{}}
		for _, w := range asList(c["works"]) {
			if wr := decodeWork(w.(map[string]any)); wr != nil {
				co.Works = append(co.Works, *wr)
			}
		}
		slices.SortFunc(co.Works, compareWorks)
		p.Coauthors = append(p.Coauthors, co)
	}
	if n, ok := m["publicationCount"].(int64); ok {
		p.PublicationCount = int(n)
	}
	p.Identifiers = cryo.LinkedIDs(p.Entity)
	sortFacts(p.Affiliations, p.Topics, p.Events, p.Publications, p.People, p.Related)
	sources := asList(m["sources"])
	p.Sources = make([]cryo.Source, 0, len(sources))
	for _, x := range sources {
		p.Sources = append(p.Sources, decodeSource(x.(map[string]any)))
	}
}

// compareWorks orders works latest first, then by title and id.
func compareWorks(a, b cryo.WorkRef) int {
	if c := cmp.Compare(b.Year, a.Year); c != 0 {
		return c
	}
	if c := strings.Compare(a.Title, b.Title); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

// orgProfile reads an organization's profile: its facts, partnerships, structure and people.
func (s *Store) orgProfile(ctx context.Context, kind, id string) (cryo.Profile, error) {
	p := cryo.Profile{Kind: kind, Sources: []cryo.Source{}}
	sourceIDs := map[string]bool{}
	addSources := func(ids []string) {
		for _, id := range ids {
			sourceIDs[id] = true
		}
	}
	res, err := s.read(ctx, "entity_facts", map[string]any{"id": id})
	if err != nil {
		return p, err
	}
	if len(res.Records) == 0 || get[string](res.Records[0], "label") != cryo.LabelOf(kind) {
		return p, notFound(kind, id)
	}
	rec := res.Records[0]
	p.Entity = publicProps(rec.AsMap()["entity"])
	p.Identifiers = cryo.LinkedIDs(p.Entity)
	addSources(strList(rec.AsMap()["ownSources"]))
	p.Provenance = provenance(p.Entity, strList(rec.AsMap()["ownSources"]), asList(rec.AsMap()["aliasSources"]))
	for _, fs := range p.Provenance {
		addSources(fs.Sources)
	}
	addFacts(&p, get[[]any](rec, "facts"), addSources)

	pres, err := s.read(ctx, "entity_partnerships", map[string]any{"id": id})
	if err != nil {
		return p, err
	}
	partners := map[string]cryo.Node{}
	for _, r := range pres.Records {
		ref := addPartnership(&p, r.AsMap())
		addSources(ref.Sources)
		for _, party := range ref.Parties {
			if party.Kind == "organization" && party.ID != id {
				partners[party.ID] = party
			}
		}
	}

	sres, err := s.read(ctx, "org_structure", map[string]any{"id": id})
	if err != nil {
		return p, err
	}
	m := sres.Records[0].AsMap()
	p.Parents, p.SubUnits = decodeNodes(m["parents"]), sortNodes(decodeNodes(m["subUnits"]))
	for _, n := range append(append([]cryo.Node{}, p.Parents...), p.SubUnits...) {
		addSources(n.Sources)
	}
	own := map[string]bool{id: true}
	for _, u := range p.SubUnits {
		own[u.ID] = true
	}
	for _, parent := range p.Parents {
		own[parent.ID] = true
	}
	people := map[string]bool{}
	for _, x := range m["people"].([]any) {
		f := decodeFact(x.(map[string]any))
		addSources(f.Sources)
		p.People = append(p.People, f)
		people[f.Other.ID] = true
	}
	p.PeopleCount = len(people)
	if n, ok := m["publicationCount"].(int64); ok {
		p.PublicationCount = int(n)
	}
	for pid, n := range partners {
		if !own[pid] {
			p.Partners = append(p.Partners, n)
		}
	}
	sort.Slice(p.Partners, func(i, j int) bool { return p.Partners[i].ID < p.Partners[j].ID })
	sortFacts(p.Affiliations, p.Topics, p.Events, p.Publications, p.People, p.Related)

	ids := make([]string, 0, len(sourceIDs))
	for sid := range sourceIDs {
		ids = append(ids, sid)
	}
	sort.Strings(ids)
	if p.Sources, err = s.sources(ctx, ids); err != nil {
		return p, err
	}
	return p, nil
}

// addFacts sorts an entity's fact relationships into the profile's sections, and hands
// each fact's source ids to addSources (nil: the caller reads the sources elsewhere).
func addFacts(p *cryo.Profile, facts []any, addSources func([]string)) {
	for _, x := range facts {
		m := x.(map[string]any)
		f := decodeFact(m)
		out := m["out"] == true
		if addSources != nil {
			addSources(f.Sources)
		}
		switch {
		case f.Rel == "REGISTRY_RECORD":
			p.Registry = append(p.Registry, registryRecord(m, f))
		case f.Rel == "PARTY_TO" || f.Rel == "SUBTOPIC_OF":
			// partnerships come with their parties, from entity_partnerships
		case p.Kind == "person" && out && f.Other.Kind == "organization":
			p.Affiliations = append(p.Affiliations, f)
		case f.Rel == "WORKS_ON":
			p.Topics = append(p.Topics, f)
		case f.Rel == "PARTICIPATED_IN":
			p.Events = append(p.Events, f)
		case f.Rel == "AUTHORED":
			p.Publications = append(p.Publications, f)
		case p.Kind == "organization" && f.Rel == "PART_OF":
			// structure comes from org_structure
		case p.Kind == "organization" && !out && f.Other.Kind == "person":
			// people come from org_structure, sub-units included
		case p.Kind == "organization" && out && f.Other.Kind == "organization":
			p.Affiliations = append(p.Affiliations, f) // memberships, e.g. of a society
		default:
			p.Related = append(p.Related, f)
		}
	}
}

// addPartnership adds one partnership, as entity_partnerships returns it, to the profile.
func addPartnership(p *cryo.Profile, m map[string]any) cryo.PartnershipRef {
	ref := cryo.PartnershipRef{ID: str(m["id"]), Name: str(m["name"]), Type: str(m["type"]), Status: str(m["status"]),
		Start: str(m["start"]), End: str(m["end"]), Uncertain: m["uncertain"] == true,
		Parties: sortNodes(decodeNodes(m["parties"])), Topics: sortNodes(decodeNodes(m["topics"])), Sources: strList(m["sources"])}
	sort.Strings(ref.Sources)
	var roles []string
	for _, x := range asList(m["roles"]) {
		rm := x.(map[string]any)
		if role := str(rm["role"]); role != "" {
			roles = append(roles, role)
		}
	}
	ref.Role = strings.Join(roles, "; ")
	p.Partnerships = append(p.Partnerships, ref)
	return ref
}

// sortNodes orders nodes by id: Cypher's collect() leaves order to chance, answers must not.
func sortNodes(ns []cryo.Node) []cryo.Node {
	sort.Slice(ns, func(i, j int) bool { return ns[i].ID < ns[j].ID })
	return ns
}

func sortFacts(lists ...[]cryo.Fact) {
	for _, l := range lists {
		slices.SortStableFunc(l, compareFacts)
		for _, f := range l {
			sort.Strings(f.Sources)
		}
	}
}

// compareFacts orders facts by relationship, the other end's id, title and role (as one
// string), then source ids (as one comma-separated string), without building those strings:
// a profile sorts a few hundred facts on every request.
func compareFacts(a, b cryo.Fact) int {
	if c := strings.Compare(a.Rel, b.Rel); c != 0 {
		return c
	}
	if c := strings.Compare(a.Other.ID, b.Other.ID); c != 0 {
		return c
	}
	if c := compareJoined([]string{a.Title, a.Role}, []string{b.Title, b.Role}, ""); c != 0 {
		return c
	}
	return compareJoined(a.Sources, b.Sources, ",")
}

// compareJoined compares strings.Join(a, sep) with strings.Join(b, sep) without joining.
func compareJoined(a, b []string, sep string) int {
	x, y := joinedBytes{parts: a, sep: sep}, joinedBytes{parts: b, sep: sep}
	for {
		cx, okX := x.next()
		cy, okY := y.next()
		switch {
		case !okX || !okY:
			return cmp.Compare(b2i(okX), b2i(okY))
		case cx != cy:
			return cmp.Compare(cx, cy)
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// joinedBytes reads strings.Join(parts, sep) byte by byte.
type joinedBytes struct {
	parts []string
	sep   string
	i, j  int  // parts[i][j] is next, or sep[j] when inSep
	inSep bool // between parts[i] and parts[i+1]
}

func (r *joinedBytes) next() (byte, bool) {
	for r.i < len(r.parts) {
		if r.inSep {
			if r.j < len(r.sep) {
				r.j++
				return r.sep[r.j-1], true
			}
			r.inSep, r.j = false, 0
			r.i++
			continue
		}
		if r.j < len(r.parts[r.i]) {
			r.j++
			return r.parts[r.i][r.j-1], true
		}
		if r.i == len(r.parts)-1 {
			r.i++
			continue
		}
		r.inSep, r.j = true, 0
	}
	return 0, false
}

func (s *Store) sources(ctx context.Context, ids []string) ([]cryo.Source, error) {
	out := []cryo.Source{}
	if len(ids) == 0 {
		return out, nil
	}
	res, err := s.read(ctx, "sources_by_ids", map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	for _, rec := range res.Records {
		out = append(out, decodeSource(rec.AsMap()))
	}
	return out, nil
}

// registryRecord is one registry's record of an organization (a REGISTRY_RECORD relationship
// to the record's source): its values, its source, and its names as {value, lang, types}.
func registryRecord(m map[string]any, f cryo.Fact) map[string]any {
	props, _ := m["props"].(map[string]any)
	out := map[string]any{"source": f.Other.ID}
	for k, v := range props {
		switch k {
		case "importHash", "key", "sources", "mergeId", "names", "nameLangs", "nameTypes":
		default:
			out[k] = v
		}
	}
	names, langs, types := strList(props["names"]), strList(props["nameLangs"]), strList(props["nameTypes"])
	var list []map[string]any
	for i, n := range names {
		nm := map[string]any{"value": n}
		if i < len(langs) && langs[i] != "" {
			nm["lang"] = langs[i]
		}
		if i < len(types) && types[i] != "" {
			nm["types"] = strings.Split(types[i], ",")
		}
		list = append(list, nm)
	}
	if list != nil {
		out["names"] = list
	}
	return out
}

// provenance says which sources support an entity's name, aliases and country: a sourced
// alias's own sources, otherwise the entity's (its row's) sources.
func provenance(entity map[string]any, own []string, aliasSources []any) []cryo.FieldSources {
	sort.Strings(own)
	if own == nil {
		own = []string{}
	}
	byAlias := map[string][]string{}
	for _, x := range aliasSources {
		m, _ := x.(map[string]any)
		a := str(m["alias"])
		byAlias[a] = append(byAlias[a], str(m["source"]))
	}
	var out []cryo.FieldSources
	if name := str(entity["name"]); name != "" {
		out = append(out, cryo.FieldSources{Field: "name", Value: name, Sources: own})
	}
	for _, a := range strList(entity["aliases"]) {
		srcs := own
		if s, ok := byAlias[a]; ok {
			srcs = slices.Sorted(slices.Values(s))
		}
		out = append(out, cryo.FieldSources{Field: "alias", Value: a, Sources: srcs})
	}
	if c := str(entity["country"]); c != "" {
		out = append(out, cryo.FieldSources{Field: "country", Value: c, Sources: own})
	}
	return out
}
