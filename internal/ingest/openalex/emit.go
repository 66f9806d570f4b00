package openalex

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/importer"
)

// lookupOwners asks the graph which entities hold the DOIs, ORCIDs, ROR ids and OpenAlex ids
// of the input, 5,000 at a time. A graph without entities is not asked.
func (r *run) lookupOwners(ctx context.Context, sink importer.Sink) error {
	r.owners = map[cryo.ExternalID]string{}
	has, err := sink.HasEntities(ctx)
	if err != nil || !has {
		return err
	}
	var batch []cryo.ExternalID
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		got, err := sink.ExternalOwners(ctx, batch)
		if err != nil {
			return fmt.Errorf("openalex: look up ids in the graph: %w", err)
		}
		for x, id := range got {
			r.owners[x] = id
		}
		batch = batch[:0]
		return nil
	}
	add := func(ids ...cryo.ExternalID) error {
		batch = append(batch, ids...)
		if len(batch) >= 5000 {
			return flush()
		}
		return nil
	}
	for w := range r.workAt {
		if err := add(cryo.ExternalID{Label: "Publication", Prop: "openalex", Value: w}); err != nil {
			return err
		}
	}
	for doi := range r.doiFirst {
		if err := add(cryo.ExternalID{Label: "Publication", Prop: "doi", Value: doi}); err != nil {
			return err
		}
	}
	for a, orcid := range r.authorORCID {
		if err := add(cryo.ExternalID{Label: "Person", Prop: "openalex", Value: a}); err != nil {
			return err
		}
		if orcid != "" && r.orcidFirst[orcid] == a {
			if err := add(personORCID(orcid), personORCID("https://orcid.org/"+orcid)); err != nil {
				return err
			}
		}
	}
	for _, in := range r.insts {
		if ValidID(in.i, 'I') {
			if err := add(cryo.ExternalID{Label: "Organization", Prop: "openalex", Value: in.i}); err != nil {
				return err
			}
		}
		if in.ror != "" {
			if err := add(orgROR(in.ror), orgROR("https://ror.org/"+in.ror)); err != nil {
				return err
			}
		}
	}
	return flush()
}

func personORCID(v string) cryo.ExternalID {
	return cryo.ExternalID{Label: "Person", Prop: "orcid", Value: v}
}

func orgROR(v string) cryo.ExternalID {
	return cryo.ExternalID{Label: "Organization", Prop: "ror", Value: v}
}

func (r *run) owner(label, prop string, values ...string) string {
	for _, v := range values {
		if v == "" {
			continue
		}
		if o := r.owners[cryo.ExternalID{Label: label, Prop: prop, Value: v}]; o != "" {
			return o
		}
	}
	return ""
}

// workNode is the node of a work: the publication holding its OpenAlex id or DOI, else
// pub:openalex-W.
func (r *run) workNode(w, doi string) string {
	if o := r.owner("Publication", "openalex", w); o != "" {
		return o
	}
	if o := r.owner("Publication", "doi", doi); o != "" {
		return o
	}
	return PubID(w)
}

// authorNode is the node of an author: the person holding its OpenAlex id or ORCID, else
// the node of the first author of the input with that ORCID, else person:openalex-A.
func (r *run) authorNode(a string) string {
	if o := r.owner("Person", "openalex", a); o != "" {
		return o
	}
	orcid := r.authorORCID[a]
	if orcid != "" {
		if o := r.owner("Person", "orcid", orcid, "https://orcid.org/"+orcid); o != "" {
			return o
		}
		if first := r.orcidFirst[orcid]; first != a {
			return r.authorNode(first)
		}
	}
	return PersonID(a)
}

// instNode is the node of an institution: the organization holding its ROR id or OpenAlex
// id (held: its facts, from ROR or a curator, are not rewritten, even when it is
// org:ror-<id>, the ROR ingester's id), else org:ror-<id>, else org:openalex-I.
func (r *run) instNode(in *inst) (node string, held bool) {
	if o := r.owner("Organization", "ror", in.ror, "https://ror.org/"+in.ror); in.ror != "" && o != "" {
		return o, true
	}
	if o := r.owner("Organization", "openalex", in.i); o != "" {
		return o, true
	}
	return OrgID(in.ror, in.i), false
}

func (r *run) write(rows ...row) error {
	for _, x := range rows {
		if err := r.enc.Encode(x); err != nil {
			return fmt.Errorf("openalex: rows file: %w", err)
		}
	}
	return nil
}

// passTwo writes the rows of every work loaded, author and institution, then the links
// that works are the evidence of (affiliations, topics of people).
func (r *run) passTwo(ctx context.Context) error {
	err := r.each(ctx, 2, func(pos at, rec *Record) error {
		id := ShortID(rec.ID)
		switch rec.Kind() {
		case "work":
			if r.workAt[id] != pos {
				return nil // an older copy of a work read again later
			}
			if doi := BareDOI(str(rec.DOI)); doi != "" && r.doiFirst[doi] != id {
				r.problem(pos.in, pos.line, pos.index, id, fmt.Sprintf("the same DOI (%s) as work %s, which is loaded", doi, r.doiFirst[doi]))
				r.res.Works--
				return nil
			}
			return r.work(rec)
		case "author":
			_, err := r.person(id, str(rec.DisplayName))
			return err
		case "institution":
			_, err := r.org(r.insts[r.instKeyOf[id]])
			return err
		}
		return nil
	})
	if err != nil {
		return err
	}
	return r.evidenceRows()
}

// person writes an author's source and person rows once, unless the graph holds the author
// under another id; it returns the author's node.
func (r *run) person(a, name string) (string, error) {
	node := r.authorNode(a)
	if r.emitted[node] {
		return node, nil
	}
	r.emitted[node] = true
	r.res.Authors++
	// The node is person:openalex-<x>: a (or the first author of the input with a's ORCID),
	// whose row this input can write; any other node is an entity of the graph.
	x, ours := strings.CutPrefix(node, "person:openalex-")
	if ours && x != a {
		ours = r.authorName[x] != "" || r.authorRec[x] != nil
	}
	if !ours || node != PersonID(x) {
		r.res.LinkedPeople++
		return node, nil
	}
	if n := r.authorName[x]; n != "" {
		name = n
	}
	var aliases []string
	if rec := r.authorRec[x]; rec != nil {
		if n := strings.TrimSpace(str(rec.DisplayName)); n != "" {
			name = n
		}
		aliases = rec.DisplayNameAlternatives
	}
	name = strings.TrimSpace(name)
	r.newPeople = append(r.newPeople, [2]string{node, name})
	return node, r.write(sourceRow(x, "author", name, r.opts.Retrieved, ""), personRow(x, name, r.authorORCID[x], aliases))
}

// org writes an institution's source and organization rows once, unless the graph holds it.
func (r *run) org(in *inst) (string, error) {
	if in == nil {
		return "", nil
	}
	node, held := r.instNode(in)
	if r.emitted[node] {
		return node, nil
	}
	if !held && !ValidID(in.i, 'I') {
		return "", nil // a ROR id alone that the graph does not hold: nothing to cite it by
	}
	r.emitted[node] = true
	r.res.Institutions++
	if held {
		r.res.LinkedOrganizations++
		return node, nil
	}
	return node, r.write(sourceRow(in.i, "institution", in.name, r.opts.Retrieved, ""), orgRow(node, in))
}

// work writes a work's rows: its source, its publication (unless the graph holds it under
// another id), its authors and their institutions, authorships and topics.
func (r *run) work(rec *Record) error {
	w := ShortID(rec.ID)
	pub := r.workNode(w, BareDOI(str(rec.DOI)))
	mapped, unmapped := r.cw.Map(rec, func(t string) bool { return r.topicOK[t] })
	rows := []row{sourceRow(w, "work", rec.TitleText(), r.opts.Retrieved, rec.UpdatedDate)}
	if pub == PubID(w) {
		rows = append(rows, publicationRow(rec, pub, unmapped))
	} else {
		r.res.LinkedPublications++
	}
	year := 0
	if rec.PublicationYear != nil {
		year = *rec.PublicationYear
	}
	seen := map[string]bool{}
	var orgs []string
	for i := range rec.Authorships {
		a := &rec.Authorships[i]
		person, err := r.person(ShortID(str(a.Author.ID)), str(a.Author.DisplayName))
		if err != nil {
			return err
		}
		if seen[person] {
			continue // the same person twice in one author list: the first place counts
		}
		seen[person] = true
		rows = append(rows, authoredRow(person, pub, i+1, a, w))
		for _, o := range a.Institutions {
			org, err := r.org(r.insts[r.instKeyOf[ShortID(str(o.ID))]])
			if err != nil || org == "" {
				continue
			}
			if !seen[org] {
				seen[org] = true
				orgs = append(orgs, org)
			}
			r.evidence(r.aff, person, org).add(pub, w, year, 0)
		}
		for _, m := range mapped {
			r.evidence(r.worksOn, person, m.Topic).add(pub, w, year, m.Score)
		}
	}
	topics := make([]string, 0, len(mapped))
	for _, m := range mapped {
		rows = append(rows, aboutRow(pub, m.Topic, m.Score, w))
		topics = append(topics, m.Topic)
		r.res.TopicLinks++
	}
	grants := grantRows(rec, orgs, topics)
	r.res.Grants += len(grants)
	return r.write(append(rows, grants...)...)
}

func (r *run) evidence(m map[[2]string]*evidence, from, to string) *evidence {
	k := [2]string{from, to}
	e := m[k]
	if e == nil {
		e = &evidence{}
		m[k] = e
	}
	return e
}

// evidenceRows writes the affiliations and topics of people that the works show, in a
// stable order.
func (r *run) evidenceRows() error {
	for _, kind := range []string{"AFFILIATED_WITH", "WORKS_ON"} {
		m := r.aff
		if kind == "WORKS_ON" {
			m = r.worksOn
		}
		keys := make([][2]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return keys[i][0]+"\x00"+keys[i][1] < keys[j][0]+"\x00"+keys[j][1] })
		for _, k := range keys {
			x := affiliationRow(k[0], k[1], m[k])
			if kind == "WORKS_ON" {
				x = worksOnRow(k[0], k[1], m[k])
			}
			if err := r.write(x); err != nil {
				return err
			}
		}
	}
	return nil
}

// lookAlikes compares the names of the new people with the graph's people: those that
// look alike, without a shared id, are reported (names never merge).
func (r *run) lookAlikes(ctx context.Context, sink importer.Sink) {
	res, ok := sink.(Resolver)
	limit := r.opts.LookAlikes
	if limit == 0 {
		limit = 200
	}
	if !ok || limit < 0 {
		return
	}
	for i, p := range r.newPeople {
		if i >= limit || ctx.Err() != nil {
			return
		}
		cands, err := res.Resolve(ctx, cryo.ResolveQuery{Name: p[1], Kind: "person", Limit: 5})
		if err != nil {
			return
		}
		var keep []cryo.Candidate
		for _, c := range cands {
			if c.ID != p[0] && c.Match != "" && c.Match != cryo.MatchSurname {
				keep = append(keep, c)
			}
		}
		if len(keep) > 0 {
			r.res.LookAlikes = append(r.res.LookAlikes, LookAlike{ID: p[0], Name: p[1], Candidates: keep})
		}
	}
}
