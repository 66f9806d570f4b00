package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/cryograph/cryograph/internal/cryo"
)

// luceneQuery builds a full-text query from a user's words. Only letters and digits reach
// Lucene, so its syntax cannot be injected. Each word must match: as itself (boosted), as a
// prefix, and fuzzily when it is long enough; Han characters are matched one by one, as the
// standard analyzer indexes them.
func luceneQuery(text string) string {
	var clauses []string
	var word []rune
	flush := func() {
		if len(word) == 0 {
			return
		}
		w := strings.ToLower(string(word))
		word = word[:0]
		c := fmt.Sprintf("(%s^4 OR %s*^2", w, w)
		if len([]rune(w)) >= 4 {
			c += fmt.Sprintf(" OR %s~1", w)
		}
		clauses = append(clauses, c+")")
	}
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Han, r):
			flush()
			clauses = append(clauses, string(r))
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			word = append(word, r)
		default:
			flush()
		}
	}
	flush()
	return strings.Join(clauses, " AND ")
}

// Search is the search box: prefix, fuzzy and alias matching over names, ranked by Lucene.
func (s *Store) Search(ctx context.Context, q cryo.SearchQuery) ([]cryo.Node, error) {
	lucene := luceneQuery(q.Text)
	out := []cryo.Node{}
	if lucene == "" {
		return out, nil
	}
	res, err := s.read(ctx, "search", map[string]any{"lucene": lucene, "labels": q.Labels(), "limit": q.Limit})
	if err != nil {
		return nil, err
	}
	for _, rec := range res.Records {
		n := cryo.Node{ID: get[string](rec, "id"), Name: get[string](rec, "name"), Kind: cryo.KindOf(get[string](rec, "label")),
			Type: get[string](rec, "type"), Country: get[string](rec, "country"), Score: get[float64](rec, "score"),
			Aliases: strList(rec.AsMap()["aliases"])}
		out = append(out, n)
	}
	return out, nil
}

func notFound(kind, id string) error {
	return &cryo.Error{Code: cryo.ECodeNotFound, Field: "id", Message: fmt.Sprintf("no %s has id %q", kind, id)}
}

// Profile returns everything the graph says about one person, organization or topic, with
// every fact's sources. A person's profile is one query (person_profile); an organization's
// runs its queries in one read transaction.
func (s *Store) Profile(ctx context.Context, kind, id string) (cryo.Profile, error) {
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
	addFacts(p, asList(m["facts"]), nil) // person_profile returns the sources itself
	for _, x := range asList(m["partnerships"]) {
		addPartnership(p, x.(map[string]any))
	}
	coauthors := asList(m["coauthors"])
	if len(coauthors) > 0 {
		p.Coauthors = make([]cryo.Node, 0, len(coauthors))
	}
	for _, x := range coauthors {
		c := x.(map[string]any)
		shared, _ := c["shared"].(int64)
		p.Coauthors = append(p.Coauthors, cryo.Node{ID: str(c["id"]), Name: str(c["name"]), Kind: "person",
			Country: str(c["country"]), Score: float64(shared)})
	}
	sortFacts(p.Affiliations, p.Topics, p.Events, p.Publications, p.People, p.Related)
	sources := asList(m["sources"])
	p.Sources = make([]cryo.Source, 0, len(sources))
	for _, x := range sources {
		p.Sources = append(p.Sources, decodeSource(x.(map[string]any)))
	}
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
	addSources(strList(rec.AsMap()["ownSources"]))
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
	own := map[string]bool{id: true}
	for _, u := range p.SubUnits {
		own[u.ID] = true
	}
	for _, parent := range p.Parents {
		own[parent.ID] = true
	}
	for _, x := range m["people"].([]any) {
		f := decodeFact(x.(map[string]any))
		addSources(f.Sources)
		p.People = append(p.People, f)
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

func (s *Store) entity(ctx context.Context, field, id string) (cryo.Node, error) {
	res, err := s.read(ctx, "entity_exists", map[string]any{"id": id})
	if err != nil {
		return cryo.Node{}, err
	}
	if len(res.Records) == 0 {
		return cryo.Node{}, &cryo.Error{Code: cryo.ECodeNotFound, Field: field, Message: fmt.Sprintf("no entity has id %q", id)}
	}
	m := res.Records[0].AsMap()
	return decodeNode(m), nil
}

// Paths finds the k shortest connections between two entities, every hop with its evidence,
// in one round trip (paths.cypher also returns the two ends and the sources).
func (s *Store) Paths(ctx context.Context, q cryo.PathQuery) (cryo.PathResult, error) {
	out := cryo.PathResult{Paths: []cryo.Path{}}
	// K and MaxLength were validated as small integers; Cypher accepts no parameter there.
	query := strings.NewReplacer("{K}", strconv.Itoa(q.K), "{MAXLEN}", strconv.Itoa(q.MaxLength)).Replace(s.Query("paths"))
	res, err := s.readText(ctx, "paths", query, map[string]any{
		"from": q.From, "to": q.To, "avoidHubs": q.AvoidHubs, "hubDegree": q.HubDegree,
	})
	if err != nil {
		return out, err
	}
	if len(res.Records) == 0 {
		return out, fmt.Errorf("query paths: no record")
	}
	m := res.Records[0].AsMap()
	for _, end := range []struct {
		field, id string
		node      *cryo.Node
	}{{"from", q.From, &out.From}, {"to", q.To, &out.To}} {
		if m[end.field] == nil {
			return out, &cryo.Error{Code: cryo.ECodeNotFound, Field: end.field, Message: fmt.Sprintf("no entity has id %q", end.id)}
		}
		*end.node = decodeNode(m[end.field])
	}
	byID := map[string]cryo.Source{}
	for _, x := range asList(m["sources"]) {
		src := decodeSource(x.(map[string]any))
		byID[src.ID] = src
	}
	for _, x := range asList(m["paths"]) {
		pm := x.(map[string]any)
		nodes := decodeNodes(pm["nodes"])
		rels := asList(pm["rels"])
		path := cryo.Path{Length: len(rels), Hops: []cryo.Hop{}}
		for i, x := range rels {
			rm := x.(map[string]any)
			props, _ := rm["props"].(map[string]any)
			h := cryo.Hop{From: nodes[i], Rel: str(rm["rel"]), To: nodes[i+1], Forward: str(rm["from"]) == nodes[i].ID,
				Title: str(props["title"]), Role: str(props["role"]), Uncertain: props["uncertain"] == true, Note: str(props["note"]),
				Evidence: []cryo.Source{}}
			for _, sid := range strList(props["sources"]) {
				h.Evidence = append(h.Evidence, byID[sid])
			}
			path.Hops = append(path.Hops, h)
		}
		out.Paths = append(out.Paths, path)
	}
	return out, nil
}

func (q mapParams) params() map[string]any {
	return map[string]any{"topic": orNull(q.Topic), "country": orNull(q.Country), "orgKind": orNull(q.OrgKind),
		"type": orNull(q.Type), "from": orNull(q.From), "to": orNull(q.To), "asOf": orNull(q.AsOf), "level": q.Level}
}

type mapParams cryo.MapQuery

// PartnershipMap aggregates partnerships into an organization-level graph. Answers are cached
// per filter combination until the derived data is next refreshed (answerCache): the map of a
// whole field is costly and asked for again and again. The answer is shared: do not modify it.
// A cached answer has a Revision: the derived-data version and the filters.
func (s *Store) PartnershipMap(ctx context.Context, q cryo.MapQuery) (cryo.PartnershipMap, error) {
	key := fmt.Sprintf("%#v", q)
	m, version, err := s.maps.get(ctx, s, key, func(ctx context.Context) (cryo.PartnershipMap, error) { return s.partnershipMap(ctx, q) })
	if err == nil && version > 0 {
		m.Revision = fmt.Sprintf("%d %s", version, key)
	}
	return m, err
}

func (s *Store) partnershipMap(ctx context.Context, q cryo.MapQuery) (cryo.PartnershipMap, error) {
	out := cryo.PartnershipMap{Nodes: []cryo.MapNode{}, Edges: []cryo.MapEdge{}}
	res, err := s.read(ctx, "partnership_map", mapParams(q).params())
	if err != nil {
		return out, err
	}
	if len(res.Records) == 0 {
		return out, nil
	}
	m := res.Records[0].AsMap()
	partnershipsOf := map[string]map[string]bool{}
	for _, x := range asList(m["edges"]) {
		em := x.(map[string]any)
		count, _ := em["count"].(int64)
		e := cryo.MapEdge{Source: str(em["a"]), Target: str(em["b"]), Type: str(em["type"]), Count: int(count),
			Topics: strList(em["topics"]), First: str(em["first"]), Last: str(em["last"]), Partnerships: strList(em["partnerships"])}
		sort.Strings(e.Topics)
		for _, id := range []string{e.Source, e.Target} {
			if partnershipsOf[id] == nil {
				partnershipsOf[id] = map[string]bool{}
			}
			for _, p := range e.Partnerships {
				partnershipsOf[id][p] = true
			}
		}
		out.Edges = append(out.Edges, e)
	}
	sort.Slice(out.Edges, func(i, j int) bool {
		a, b := out.Edges[i], out.Edges[j]
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		if a.Target != b.Target {
			return a.Target < b.Target
		}
		return a.Type < b.Type
	})
	for _, x := range asList(m["nodes"]) {
		nm := x.(map[string]any)
		id := str(nm["id"])
		out.Nodes = append(out.Nodes, cryo.MapNode{ID: id, Name: str(nm["name"]), Type: str(nm["kind"]), Country: str(nm["country"]),
			Lat: floatPtr(nm["lat"]), Lon: floatPtr(nm["lon"]), Partnerships: len(partnershipsOf[id])})
	}
	sort.Slice(out.Nodes, func(i, j int) bool { return out.Nodes[i].ID < out.Nodes[j].ID })
	return out, nil
}

// PartnershipTimeline counts partnerships per year of start.
func (s *Store) PartnershipTimeline(ctx context.Context, q cryo.MapQuery) ([]cryo.YearCount, error) {
	res, err := s.read(ctx, "partnership_timeline", mapParams(q).params())
	if err != nil {
		return nil, err
	}
	out := []cryo.YearCount{}
	for _, rec := range res.Records {
		y := cryo.YearCount{Year: get[string](rec, "year"), Count: int(get[int64](rec, "total")), ByType: map[string]int{}}
		for _, x := range get[[]any](rec, "byType") {
			m := x.(map[string]any)
			n, _ := m["n"].(int64)
			y.ByType[str(m["type"])] = int(n)
		}
		out = append(out, y)
	}
	return out, nil
}

// Topics returns the topic tree (a topic under several parents appears under each).
func (s *Store) Topics(ctx context.Context) ([]cryo.TopicNode, error) {
	res, err := s.read(ctx, "topics_tree", nil)
	if err != nil {
		return nil, err
	}
	type row struct {
		node    cryo.TopicNode
		parents []string
	}
	rows := map[string]row{}
	children := map[string][]string{}
	var roots []string
	for _, rec := range res.Records {
		r := row{node: cryo.TopicNode{ID: get[string](rec, "id"), Name: get[string](rec, "name"),
			Experts: int(get[int64](rec, "experts")), Partnerships: int(get[int64](rec, "partnerships")),
			TotalExperts: int(get[int64](rec, "totalExperts")), Children: []cryo.TopicNode{}},
			parents: strList(rec.AsMap()["parents"])}
		rows[r.node.ID] = r
		if len(r.parents) == 0 {
			roots = append(roots, r.node.ID)
		}
		for _, p := range r.parents {
			children[p] = append(children[p], r.node.ID)
		}
	}
	var build func(id string, depth int) cryo.TopicNode
	build = func(id string, depth int) cryo.TopicNode {
		n := rows[id].node
		n.Children = []cryo.TopicNode{}
		if depth > 20 {
			return n // a cycle in curated data must not hang the API
		}
		kids := children[id]
		sort.Slice(kids, func(i, j int) bool { return rows[kids[i]].node.Name < rows[kids[j]].node.Name })
		for _, k := range kids {
			n.Children = append(n.Children, build(k, depth+1))
		}
		return n
	}
	sort.Slice(roots, func(i, j int) bool { return rows[roots[i]].node.Name < rows[roots[j]].node.Name })
	out := make([]cryo.TopicNode, 0, len(roots))
	for _, r := range roots {
		out = append(out, build(r, 0))
	}
	return out, nil
}

// suggestionFanout and suggestionPerItem bound the expansions of the suggestions query
// (candidates per topic or area, collaborators, partners; works per collaborator, people per
// partner), so its cost does not grow with the busiest neighbour or with the graph.
const (
	suggestionFanout  = 100
	suggestionPerItem = 10
)

// Suggestions proposes collaborators for a person, with reasons. The common case is one
// round trip; only an empty answer asks whether the id exists at all (a 404 then).
func (s *Store) Suggestions(ctx context.Context, q cryo.SuggestionQuery) ([]cryo.Suggestion, error) {
	res, err := s.read(ctx, "suggestions", map[string]any{"id": q.Person, "topic": orNull(q.Topic),
		"country": orNull(q.Country), "excludeOwn": q.ExcludeOwnInst, "limit": q.Limit,
		"fanout": suggestionFanout, "perItem": suggestionPerItem})
	if err != nil {
		return nil, err
	}
	if len(res.Records) == 0 {
		if _, err := s.entity(ctx, "id", q.Person); err != nil {
			return nil, err
		}
	}
	out := []cryo.Suggestion{}
	for _, rec := range res.Records {
		sg := cryo.Suggestion{
			Person:       cryo.Node{ID: get[string](rec, "id"), Name: get[string](rec, "name"), Kind: "person", Country: get[string](rec, "country")},
			Score:        get[float64](rec, "score"),
			Reasons:      strList(rec.AsMap()["reasons"]),
			Institutions: decodeNodes(rec.AsMap()["institutions"]),
		}
		sort.Strings(sg.Reasons)
		out = append(out, sg)
	}
	return out, nil
}
