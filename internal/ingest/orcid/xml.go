package orcid

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// fromXML reads one record of the public data file's XML (root record:record) token by
// token, keeping only what it maps, so a record's size does not matter. It returns a reason
// when the document is well formed but no ORCID record.
func fromXML(r io.Reader) (*Record, string, error) {
	dec := xml.NewDecoder(r)
	dec.Strict = true
	x := &xmlState{rec: &Record{}}
	root := true
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			if root {
				return nil, "", io.ErrUnexpectedEOF
			}
			if len(x.stack) > 0 {
				return x.rec, "", io.ErrUnexpectedEOF
			}
			break
		}
		if err != nil {
			return x.rec, "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if root {
				root = false
				if t.Name.Local != "record" {
					return nil, fmt.Sprintf("not an ORCID record: the root element is <%s>, expected <record:record>", t.Name.Local), nil
				}
			}
			x.start(t)
		case xml.CharData:
			x.text.Write(t)
		case xml.EndElement:
			x.end()
		}
	}
	x.rec.LastModified = latest(x.days)
	return x.rec, "", nil
}

type xmlState struct {
	rec   *Record
	stack []string
	text  strings.Builder
	days  []string
	aff   *Affiliation
	work  *Work
	extID [3]string // type, value, relationship of the work's current external id
	// groupDone: the current works group gave its first summary; the others are skipped.
	groupDone bool
}

func (x *xmlState) start(t xml.StartElement) {
	x.stack = append(x.stack, t.Name.Local)
	x.text.Reset()
	switch t.Name.Local {
	case "employment-summary", "education-summary":
		x.aff = &Affiliation{Kind: strings.TrimSuffix(t.Name.Local, "-summary"), PutCode: attr(t, "put-code")}
	case "group":
		x.groupDone = false
	case "work-summary":
		if !x.groupDone {
			x.work = &Work{PutCode: attr(t, "put-code")}
		}
	case "external-id":
		x.extID = [3]string{}
	}
}

func (x *xmlState) under(names ...string) bool {
	s := x.stack[:len(x.stack)-1]
	if len(s) < len(names) {
		return false
	}
	for i, n := range names {
		if s[len(s)-len(names)+i] != n {
			return false
		}
	}
	return true
}

func (x *xmlState) end() {
	if len(x.stack) == 0 {
		return
	}
	name := x.stack[len(x.stack)-1]
	text := strings.TrimSpace(x.text.String())
	x.text.Reset()
	defer func() { x.stack = x.stack[:len(x.stack)-1] }()
	r := x.rec
	switch {
	case name == "path" && x.under("record", "orcid-identifier"):
		r.ORCID = BareORCID(text)
	case name == "last-modified-date" && (x.under("record", "history") || x.under("record", "person") || x.under("record", "activities-summary")):
		if len(text) >= 10 {
			x.days = append(x.days, text[:10])
		}
	case x.under("person", "name"):
		switch name {
		case "given-names":
			r.GivenNames = text
		case "family-name":
			r.FamilyName = text
		case "credit-name":
			r.CreditName = text
		}
	case name == "content" && x.under("other-names", "other-name"):
		r.OtherNames = append(r.OtherNames, text)
	case x.aff != nil:
		x.endAffiliation(name, text)
	case x.work != nil:
		x.endWork(name, text)
	}
}

func (x *xmlState) endAffiliation(name, text string) {
	a := x.aff
	switch {
	case name == "employment-summary" || name == "education-summary":
		x.rec.Affiliations = append(x.rec.Affiliations, *a)
		x.aff = nil
	case name == "department-name":
		a.Department = text
	case name == "role-title":
		a.RoleTitle = text
	case x.under("start-date"):
		setDate(&a.Start, name, text)
	case x.under("end-date"):
		setDate(&a.End, name, text)
	case name == "name" && x.under("organization"):
		a.Org.Name = text
	case x.under("organization", "address"):
		switch name {
		case "city":
			a.Org.City = text
		case "region":
			a.Org.Region = text
		case "country":
			a.Org.Country = text
		}
	case name == "disambiguated-organization-identifier":
		a.Org.DisambiguatedID = text
	case name == "disambiguation-source":
		a.Org.Source = strings.ToUpper(text)
	}
}

func (x *xmlState) endWork(name, text string) {
	w := x.work
	switch {
	case name == "work-summary":
		x.rec.Works = append(x.rec.Works, *w) // the group's first summary is its preferred one
		x.work, x.groupDone = nil, true
	case name == "title" && x.under("work-summary", "title"):
		w.Title = text
	case name == "type" && x.under("work-summary"):
		w.Type = text
	case name == "journal-title":
		w.Journal = text
	case x.under("publication-date"):
		setDate(&w.Date, name, text)
	case x.under("external-ids", "external-id"):
		switch name {
		case "external-id-type":
			x.extID[0] = text
		case "external-id-value":
			x.extID[1] = text
		case "external-id-relationship":
			x.extID[2] = text
		}
	case name == "external-id":
		w.addID(x.extID[0], x.extID[1], x.extID[2])
	}
}

func setDate(d *Date, name, text string) {
	switch name {
	case "year":
		d.Year = text
	case "month":
		d.Month = text
	case "day":
		d.Day = text
	}
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}
