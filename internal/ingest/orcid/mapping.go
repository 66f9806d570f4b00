package orcid

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/ingest/ror"
)

// PersonID is the node id of a person first loaded from ORCID: person:orcid-<orcid>.
func PersonID(orcid string) string { return "person:orcid-" + orcid }

// SourceID is the id of the source row of an ORCID record.
func SourceID(orcid string) string { return "src:orcid-" + orcid }

// PubID is the node id of a work first loaded from an ORCID record.
func PubID(orcid, putCode string) string { return "pub:orcid-" + orcid + "-" + putCode }

var idJunk = regexp.MustCompile(`[^a-z0-9_.\-:/]+`)

// orgRef tells how an affiliation's organization is identified: by its ROR id (ror), else
// by the node id org:orcid-<source>-<id> of its other registry id (node); why says why it
// cannot be (no disambiguated id: organizations are never matched by name).
func orgRef(o Org) (rorID, node, why string) {
	id := strings.TrimSpace(o.DisambiguatedID)
	switch {
	case id == "" || o.Source == "":
		return "", "", "no disambiguated organization id (organizations are never matched by name)"
	case o.Source == "ROR":
		short := ShortROR(id)
		if x, ok := cryo.ParseIdentifier(short); (!ok || x.Scheme != "ror") && !ror.Synthetic(short) {
			return "", "", fmt.Sprintf("%q is not a ROR id", id)
		}
		return short, ror.OrgID(short), ""
	}
	v := strings.ToLower(id)
	if o.Source == "FUNDREF" { // http://dx.doi.org/10.13039/100000001 -> 100000001
		if i := strings.LastIndex(v, "10.13039/"); i >= 0 {
			v = v[i+len("10.13039/"):]
		}
	}
	v = strings.Trim(idJunk.ReplaceAllString(v, "-"), "-")
	if v == "" {
		return "", "", fmt.Sprintf("%s id %q has no usable characters", o.Source, id)
	}
	return "", "org:orcid-" + strings.ToLower(o.Source) + "-" + v, ""
}

// graph is what the graph held before the ingest, and what the ingest wrote so far.
type graph struct {
	persons map[string]string // ORCID -> the person holding it
	rors    map[string]string // ROR id -> the organization holding it
	nodes   map[string]bool   // organization node ids that exist
	dois    map[string]string // DOI -> the publication holding it
	wrote   map[string]bool   // organization ids written by this ingest
	pubOf   map[string]string // DOI -> the publication this ingest wrote for it
}

// rows maps one record to rows of the import format: its source, its person (unless another
// person holds its ORCID: a curated person keeps its facts), the organizations it names that
// are not in the graph, its works that are not, and the AFFILIATED_WITH and AUTHORED links.
func (g *graph) rows(rec *Record, retrieved string, res *Result) []map[string]any {
	orcid, name := rec.ORCID, rec.Name()
	src := map[string]any{"type": "source", "id": SourceID(orcid), "url": "https://orcid.org/" + orcid,
		"title": fmt.Sprintf("ORCID record %s: %s", orcid, name), "publisher": "ORCID"}
	if isDay(rec.LastModified) {
		src["published"] = rec.LastModified
	}
	if retrieved != "" {
		src["retrieved"] = retrieved
	}
	rows := []map[string]any{src}
	sources := []string{SourceID(orcid)}

	person := PersonID(orcid)
	if owner := g.persons[orcid]; owner != "" && owner != person {
		person = owner
		res.Curated++
	} else {
		p := map[string]any{"type": "person", "id": person, "name": name, "orcid": orcid, "sources": sources}
		if aliases := aliasesOf(rec, name); len(aliases) > 0 {
			p["aliases"] = aliases
		}
		rows = append(rows, p)
	}
	for _, a := range rec.Affiliations {
		rows = append(rows, g.affiliation(rec, a, person, sources, res)...)
	}
	authored := map[string]bool{}
	for _, w := range rec.Works {
		rows = append(rows, g.work(rec, w, person, sources, authored, res)...)
	}
	if Synthetic(orcid) {
		for _, r := range rows {
			r["synthetic"] = true
		}
	}
	return rows
}

func aliasesOf(rec *Record, name string) []string {
	seen := map[string]bool{strings.ToLower(name): true}
	var out []string
	for _, n := range append([]string{rec.CreditName}, rec.OtherNames...) {
		n = strings.TrimSpace(n)
		if n != "" && !seen[strings.ToLower(n)] {
			seen[strings.ToLower(n)] = true
			out = append(out, n)
		}
	}
	return out
}

// affiliation maps an employment or education to AFFILIATED_WITH, with the organization's row
// when the graph does not hold it yet.
func (g *graph) affiliation(rec *Record, a Affiliation, person string, sources []string, res *Result) []map[string]any {
	rorID, node, why := orgRef(a.Org)
	if why != "" {
		res.skip(rec.ORCID, a.Kind+" "+a.PutCode, why)
		return nil
	}
	var rows []map[string]any
	if owner := g.rors[rorID]; rorID != "" && owner != "" {
		node = owner
	} else if !g.nodes[node] && !g.wrote[node] {
		if strings.TrimSpace(a.Org.Name) == "" {
			res.skip(rec.ORCID, a.Kind+" "+a.PutCode, "the organization has no name")
			return nil
		}
		g.wrote[node] = true
		org := map[string]any{"type": "organization", "id": node, "name": strings.TrimSpace(a.Org.Name), "kind": "other", "sources": sources}
		putStr(org, "city", a.Org.City)
		putStr(org, "region", a.Org.Region)
		putStr(org, "country", strings.ToUpper(a.Org.Country))
		if rorID != "" {
			org["ror"] = rorID
			org["note"] = "as named in ORCID record " + rec.ORCID + " (disambiguated by ROR); kind not stated"
		} else {
			org["note"] = fmt.Sprintf("as named in ORCID record %s, disambiguated by %s %s; kind not stated", rec.ORCID, a.Org.Source, a.Org.DisambiguatedID)
		}
		rows = append(rows, org)
	}
	link := map[string]any{"type": "link", "rel": "AFFILIATED_WITH", "from": person, "to": node,
		"key": "orcid-" + a.PutCode, "sources": sources}
	var notes []string
	since, n1 := a.Start.String()
	until, n2 := a.End.String()
	notes = appendNote(appendNote(notes, n1), n2)
	if since != "" && until != "" && before(until, since) {
		notes = append(notes, fmt.Sprintf("ORCID gives the end %s before the start %s; the end is left out", until, since))
		until = ""
	}
	putStr(link, "since", since)
	putStr(link, "until", until)
	role := strings.Join(nonEmpty(a.RoleTitle, a.Department), ", ")
	if a.Kind == "education" {
		role = strings.TrimSuffix("education: "+role, ": ")
	}
	putStr(link, "role", role)
	putStr(link, "note", strings.Join(notes, "; "))
	res.Affiliations++
	return append(rows, link)
}

// work maps a work to AUTHORED: to the publication holding one of its DOIs, else to a
// publication of its own.
func (g *graph) work(rec *Record, w Work, person string, sources []string, authored map[string]bool, res *Result) []map[string]any {
	if strings.TrimSpace(w.Title) == "" || w.PutCode == "" {
		res.skip(rec.ORCID, "work "+w.PutCode, "the work has no title or put-code")
		return nil
	}
	own := PubID(rec.ORCID, w.PutCode)
	node := ""
	for _, d := range w.DOIs {
		if node = g.dois[d]; node == "" {
			node = g.pubOf[d]
		}
		if node != "" {
			break
		}
	}
	var rows []map[string]any
	if node == "" || node == own {
		node = own
		pub := map[string]any{"type": "publication", "id": own, "title": strings.TrimSpace(w.Title), "sources": sources}
		if len(w.DOIs) > 0 {
			pub["doi"] = w.DOIs[0]
		}
		for _, d := range w.DOIs {
			if g.pubOf[d] == "" {
				g.pubOf[d] = own
			}
		}
		if y, err := strconv.Atoi(w.Date.Year); err == nil && y >= 1000 && y <= 2100 {
			pub["year"] = y
		}
		if d, _ := w.Date.String(); len(d) > 4 {
			pub["published"] = d
		}
		putStr(pub, "venue", w.Journal)
		putStr(pub, "work_type", w.Type)
		rows = append(rows, pub)
	} else {
		res.Matched++
	}
	if authored[node] {
		return rows
	}
	authored[node] = true
	res.Works++
	return append(rows, map[string]any{"type": "link", "rel": "AUTHORED", "from": person, "to": node, "key": "orcid", "sources": sources})
}

// before tells whether date a is before date b, compared at the precision both give.
func before(a, b string) bool {
	n := min(len(a), len(b))
	return a[:n] < b[:n]
}

func appendNote(notes []string, n string) []string {
	if n != "" {
		notes = append(notes, n)
	}
	return notes
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func putStr(m map[string]any, k, v string) {
	if v = strings.TrimSpace(v); v != "" {
		m[k] = v
	}
}

func isDay(s string) bool { return len(s) == 10 && s[4] == '-' && s[7] == '-' }

// ShortROR is a ROR id bare and lower-case.
func ShortROR(s string) string { return strings.ToLower(ror.ShortID(s)) }
