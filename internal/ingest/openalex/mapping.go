package openalex

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cryograph/cryograph/internal/ingest/ror"
)

// Node and source ids written by the ingest (docs/openalex.md, "Ids").

// PubID is the node id of a work first loaded from OpenAlex.
func PubID(w string) string { return "pub:openalex-" + w }

// PersonID is the node id of an author first loaded from OpenAlex.
func PersonID(a string) string { return "person:openalex-" + a }

// OrgID is the node id of an institution first loaded from OpenAlex: the ROR ingester's id
// when it has a ROR id, else org:openalex-I123.
func OrgID(rorID, i string) string {
	if rorID != "" {
		return ror.OrgID(rorID)
	}
	return "org:openalex-" + i
}

// SourceID is the id of the source row of an OpenAlex record.
func SourceID(id string) string { return "src:openalex-" + id }

// row is one import-format row.
type row = map[string]any

// sourceRow cites an OpenAlex record at its URL.
func sourceRow(id, kind, name, retrieved, updated string) row {
	r := row{"type": "source", "id": SourceID(id), "url": "https://openalex.org/" + id,
		"title": fmt.Sprintf("OpenAlex %s %s: %s", kind, id, name), "publisher": "OpenAlex"}
	if retrieved != "" {
		r["retrieved"] = retrieved
	}
	if d := day(updated); d != "" {
		r["note"] = "OpenAlex record last updated " + d
	}
	return r
}

// publicationRow is a work as a Publication. unmapped are its OpenAlex topics that the
// crosswalk did not map.
func publicationRow(rec *Record, node string, unmapped []string) row {
	w := ShortID(rec.ID)
	r := row{"type": "publication", "id": node, "title": rec.TitleText(), "openalex": w,
		"sources": []string{SourceID(w)}}
	if doi := BareDOI(str(rec.DOI)); doi != "" {
		r["doi"] = doi
	}
	if rec.PublicationYear != nil && *rec.PublicationYear >= 1000 && *rec.PublicationYear <= 2100 {
		r["year"] = *rec.PublicationYear
	}
	if d := day(str(rec.PublicationDate)); d != "" {
		r["published"] = d
	}
	if v := rec.Venue(); v != "" {
		r["venue"] = v
	}
	if t := strings.TrimSpace(str(rec.Type)); t != "" {
		r["work_type"] = t
	}
	if rec.CitedByCount != nil && *rec.CitedByCount >= 0 {
		r["cited_by"] = *rec.CitedByCount
	}
	if len(unmapped) > 0 {
		r["openalex_topics"] = unmapped
	}
	if rec.IsRetracted {
		r["retracted"] = true
	}
	return r
}

// personRow is an OpenAlex author as a Person.
func personRow(a, name, orcid string, aliases []string) row {
	r := row{"type": "person", "id": PersonID(a), "name": name, "openalex": a,
		"sources": []string{SourceID(a)}}
	if orcid != "" {
		r["orcid"] = orcid
	}
	var al []string
	seen := map[string]bool{strings.ToLower(name): true}
	for _, s := range aliases {
		s = strings.TrimSpace(s)
		if s != "" && !seen[strings.ToLower(s)] {
			seen[strings.ToLower(s)] = true
			al = append(al, s)
		}
	}
	if len(al) > 0 {
		r["aliases"] = al
	}
	return r
}

// inst is what the ingest knows of an institution: from works (dehydrated) and, when the
// input holds it, its own record.
type inst struct {
	i, ror, name, country, city, typ string
	aliases                          []string
}

func (in *inst) merge(o Institution) {
	if in.name == "" {
		in.name = strings.TrimSpace(str(o.DisplayName))
	}
	if in.country == "" {
		in.country = strings.ToUpper(strings.TrimSpace(str(o.CountryCode)))
	}
	if in.typ == "" {
		in.typ = strings.TrimSpace(str(o.Type))
	}
}

// orgRow is an institution as an Organization.
func orgRow(node string, in *inst) row {
	r := row{"type": "organization", "id": node, "name": in.name, "kind": ror.Kind([]string{in.typ}),
		"openalex": in.i, "sources": []string{SourceID(in.i)}}
	if in.ror != "" {
		r["ror"] = in.ror
	}
	if len(in.country) == 2 {
		r["country"] = in.country
	}
	if in.city != "" {
		r["city"] = in.city
	}
	if len(in.aliases) > 0 {
		r["aliases"] = in.aliases
	}
	return r
}

// authoredRow is an authorship.
func authoredRow(person, pub string, position int, a *Authorship, w string) row {
	r := row{"type": "link", "rel": "AUTHORED", "from": person, "to": pub, "position": position,
		"sources": []string{SourceID(w)}}
	if a.IsCorresponding != nil {
		r["corresponding"] = *a.IsCorresponding
	}
	if raw := a.RawAffiliations(); len(raw) > 0 {
		r["raw_affiliations"] = raw
	}
	return r
}

// aboutRow says a work is about a topic, with the score of what mapped to it.
func aboutRow(pub, topic string, score float64, w string) row {
	return row{"type": "link", "rel": "ABOUT", "from": pub, "to": topic, "score": round(score),
		"sources": []string{SourceID(w)}}
}

// evidence is what several works say of one pair (a person and an organization, or a
// person and a topic): the years seen, the best score, the works and their sources.
type evidence struct {
	first, last int
	score       float64
	pubs, srcs  []string
	seen        map[string]bool
}

func (e *evidence) add(pub, w string, year int, score float64) {
	if e.seen == nil {
		e.seen = map[string]bool{}
	}
	if year > 0 {
		if e.first == 0 || year < e.first {
			e.first = year
		}
		e.last = max(e.last, year)
	}
	e.score = max(e.score, score)
	if !e.seen[pub] {
		e.seen[pub] = true
		e.pubs = append(e.pubs, pub)
		e.srcs = append(e.srcs, SourceID(w))
	}
}

// affiliationRow is an affiliation seen on works, with the first and last year it was seen.
func affiliationRow(person, org string, e *evidence) row {
	r := row{"type": "link", "rel": "AFFILIATED_WITH", "from": person, "to": org, "key": "openalex",
		"works": e.pubs, "sources": e.srcs}
	if e.first > 0 {
		r["since"] = strconv.Itoa(e.first)
		r["until"] = strconv.Itoa(e.last)
	}
	return r
}

// worksOnRow is a person's publication evidence on a topic.
func worksOnRow(person, topic string, e *evidence) row {
	return row{"type": "link", "rel": "WORKS_ON", "from": person, "to": topic, "key": "openalex",
		"score": round(e.score), "works": e.pubs, "sources": e.srcs}
}

func round(f float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'f', 4, 64), 64)
	return v
}

// day is the YYYY-MM-DD start of a date or timestamp ("" when it is not one).
func day(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 10 && s[4] == '-' && s[7] == '-' {
		if _, err := strconv.Atoi(s[:4]); err == nil {
			return s[:10]
		}
	}
	return ""
}

// grantRows are joint_grant partnerships between the institutions of a work's authors, one per
// grant the work states (funder and award id), marked as derived from its funding statement:
// the work names the grant, not which institutions hold it. Fewer than two institutions make
// no partnership.
func grantRows(rec *Record, orgs, topics []string) []row {
	if len(orgs) < 2 {
		return nil
	}
	w := ShortID(rec.ID)
	var out []row
	seen := map[string]bool{}
	for _, g := range rec.Grants {
		funder := strings.TrimSpace(str(g.FunderDisplayName))
		award := strings.TrimSpace(str(g.AwardID))
		if funder == "" && award == "" || seen[funder+"\x00"+award] {
			continue
		}
		seen[funder+"\x00"+award] = true
		if funder == "" {
			funder = "an unnamed funder"
		}
		name := "Grant from " + funder
		stated := funder
		if f := ShortID(str(g.Funder)); ValidID(f, 'F') {
			stated += " (OpenAlex " + f + ")"
		}
		if award != "" {
			name += ", award " + award
			stated += ", award " + award
		}
		parties := make([]map[string]any, 0, len(orgs))
		for _, o := range orgs {
			parties = append(parties, map[string]any{"id": o, "role": "institution of an author of the funded work", "lead": "participant"})
		}
		r := row{"type": "partnership", "id": fmt.Sprintf("pship:openalex-%s-grant-%d", w, len(out)+1), "name": name,
			"kind": "joint_grant", "status": "unknown", "parties": parties, "sources": []string{SourceID(w)},
			"description": fmt.Sprintf("Derived from the funding statement of the work %q (OpenAlex %s), which acknowledges %s.", rec.TitleText(), w, stated),
			"uncertain":   true,
			"note":        "derived from the work's funding statement: the work names the grant, not which of its authors' institutions hold it"}
		if len(topics) > 0 {
			r["topics"] = topics
		}
		out = append(out, r)
	}
	return out
}
