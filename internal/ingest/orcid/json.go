package orcid

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// The public API v3.0's JSON, only the parts this package maps.

type jValue struct {
	Value json.RawMessage `json:"value"`
}

// str reads a {"value": ...} that holds a string or a number.
func (v *jValue) str() string {
	if v == nil || len(v.Value) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(v.Value, &s) == nil {
		return strings.TrimSpace(s)
	}
	return strings.TrimSpace(string(v.Value))
}

// day reads a last-modified-date: milliseconds since 1970 in JSON.
func (v *jValue) day() string {
	if v == nil || len(v.Value) == 0 {
		return ""
	}
	ms, err := strconv.ParseInt(string(v.Value), 10, 64)
	if err != nil {
		return ""
	}
	return time.UnixMilli(ms).UTC().Format("2006-01-02")
}

type jDate struct {
	Year  *jValue `json:"year"`
	Month *jValue `json:"month"`
	Day   *jValue `json:"day"`
}

func (d *jDate) date() Date {
	if d == nil {
		return Date{}
	}
	return Date{d.Year.str(), d.Month.str(), d.Day.str()}
}

type jOrg struct {
	Name    string `json:"name"`
	Address *struct {
		City    string `json:"city"`
		Region  string `json:"region"`
		Country string `json:"country"`
	} `json:"address"`
	Disambiguated *struct {
		ID     string `json:"disambiguated-organization-identifier"`
		Source string `json:"disambiguation-source"`
	} `json:"disambiguated-organization"`
}

type jAffiliation struct {
	PutCode    json.RawMessage `json:"put-code"`
	Department string          `json:"department-name"`
	RoleTitle  string          `json:"role-title"`
	Start      *jDate          `json:"start-date"`
	End        *jDate          `json:"end-date"`
	Org        *jOrg           `json:"organization"`
}

type jAffiliations struct {
	Groups []struct {
		Summaries []map[string]*jAffiliation `json:"summaries"`
	} `json:"affiliation-group"`
}

type jExternalIDs struct {
	IDs []struct {
		Type         string  `json:"external-id-type"`
		Value        string  `json:"external-id-value"`
		Normalized   *jValue `json:"external-id-normalized"`
		Relationship string  `json:"external-id-relationship"`
	} `json:"external-id"`
}

type jWork struct {
	PutCode json.RawMessage `json:"put-code"`
	Title   *struct {
		Title *jValue `json:"title"`
	} `json:"title"`
	ExternalIDs *jExternalIDs `json:"external-ids"`
	Type        string        `json:"type"`
	Date        *jDate        `json:"publication-date"`
	Journal     *jValue       `json:"journal-title"`
}

type jRecord struct {
	Identifier *struct {
		Path string `json:"path"`
		URI  string `json:"uri"`
	} `json:"orcid-identifier"`
	History *struct {
		LastModified *jValue `json:"last-modified-date"`
	} `json:"history"`
	Person *struct {
		LastModified *jValue `json:"last-modified-date"`
		Name         *struct {
			Given  *jValue `json:"given-names"`
			Family *jValue `json:"family-name"`
			Credit *jValue `json:"credit-name"`
		} `json:"name"`
		OtherNames *struct {
			Names []struct {
				Content string `json:"content"`
			} `json:"other-name"`
		} `json:"other-names"`
	} `json:"person"`
	Activities *struct {
		LastModified *jValue        `json:"last-modified-date"`
		Employments  *jAffiliations `json:"employments"`
		Educations   *jAffiliations `json:"educations"`
		Works        *struct {
			Groups []struct {
				Summaries []jWork `json:"work-summary"`
			} `json:"group"`
		} `json:"works"`
	} `json:"activities-summary"`
}

// fromJSON maps the API's JSON of a full record to a Record; a JSON object that is no
// record (a work, an error, a search result) is refused.
func fromJSON(raw []byte) (*Record, string, error) {
	var j jRecord
	if err := json.Unmarshal(raw, &j); err != nil {
		return nil, "", err
	}
	rec := &Record{}
	if j.Identifier != nil {
		rec.ORCID = BareORCID(j.Identifier.Path)
		if rec.ORCID == "" {
			rec.ORCID = BareORCID(j.Identifier.URI)
		}
	}
	if j.Identifier == nil || (j.Person == nil && j.Activities == nil) {
		return rec, "not an ORCID record: no orcid-identifier with person or activities-summary (expected the JSON of /v3.0/<orcid>/record)", nil
	}
	var days []string
	if j.History != nil {
		days = append(days, j.History.LastModified.day())
	}
	if p := j.Person; p != nil {
		days = append(days, p.LastModified.day())
		if p.Name != nil {
			rec.GivenNames, rec.FamilyName, rec.CreditName = p.Name.Given.str(), p.Name.Family.str(), p.Name.Credit.str()
		}
		if p.OtherNames != nil {
			for _, n := range p.OtherNames.Names {
				rec.OtherNames = append(rec.OtherNames, strings.TrimSpace(n.Content))
			}
		}
	}
	if a := j.Activities; a != nil {
		days = append(days, a.LastModified.day())
		rec.Affiliations = append(jAffs(a.Employments, "employment"), jAffs(a.Educations, "education")...)
		if a.Works != nil {
			for _, g := range a.Works.Groups {
				if len(g.Summaries) > 0 {
					rec.Works = append(rec.Works, jWorkOf(&g.Summaries[0]))
				}
			}
		}
	}
	rec.LastModified = latest(days)
	return rec, "", nil
}

func jAffs(as *jAffiliations, kind string) []Affiliation {
	if as == nil {
		return nil
	}
	var out []Affiliation
	for _, g := range as.Groups {
		for _, s := range g.Summaries {
			v := s[kind+"-summary"]
			if v == nil {
				continue
			}
			a := Affiliation{Kind: kind, PutCode: rawString(v.PutCode), RoleTitle: strings.TrimSpace(v.RoleTitle),
				Department: strings.TrimSpace(v.Department), Start: v.Start.date(), End: v.End.date()}
			if o := v.Org; o != nil {
				a.Org.Name = strings.TrimSpace(o.Name)
				if o.Address != nil {
					a.Org.City, a.Org.Region, a.Org.Country = o.Address.City, o.Address.Region, o.Address.Country
				}
				if o.Disambiguated != nil {
					a.Org.DisambiguatedID, a.Org.Source = strings.TrimSpace(o.Disambiguated.ID), strings.ToUpper(strings.TrimSpace(o.Disambiguated.Source))
				}
			}
			out = append(out, a)
		}
	}
	return out
}

func jWorkOf(s *jWork) Work {
	w := Work{PutCode: rawString(s.PutCode), Type: s.Type, Date: s.Date.date(), Journal: s.Journal.str()}
	if s.Title != nil {
		w.Title = s.Title.Title.str()
	}
	if s.ExternalIDs != nil {
		for _, x := range s.ExternalIDs.IDs {
			v := x.Value
			if n := x.Normalized.str(); n != "" {
				v = n
			}
			w.addID(x.Type, v, x.Relationship)
		}
	}
	return w
}

// addID keeps a DOI the work states as its own (not the DOI of a book it is part of).
func (w *Work) addID(typ, value, rel string) {
	if !strings.EqualFold(strings.TrimSpace(typ), "doi") || (rel != "" && !strings.EqualFold(rel, "self")) {
		return
	}
	if d := NormalizeDOI(value); d != "" {
		for _, have := range w.DOIs {
			if have == d {
				return
			}
		}
		w.DOIs = append(w.DOIs, d)
	}
}

func rawString(r json.RawMessage) string {
	var s string
	if json.Unmarshal(r, &s) == nil {
		return s
	}
	if string(r) == "null" {
		return ""
	}
	return string(r)
}

func latest(days []string) string {
	max := ""
	for _, d := range days {
		if d > max {
			max = d
		}
	}
	return max
}
