package orcid

import (
	"fmt"
	"strings"
	"time"
)

// Record is one ORCID record as this package maps it, whatever format it was read from.
type Record struct {
	// ORCID is the bare iD, 0000-0002-1825-0097.
	ORCID      string
	GivenNames string
	FamilyName string
	CreditName string
	OtherNames []string
	// LastModified is the latest last-modified date of the record (YYYY-MM-DD), if given.
	LastModified string
	Affiliations []Affiliation
	Works        []Work
}

// Affiliation is an employment or an education summary.
type Affiliation struct {
	// Kind is "employment" or "education".
	Kind       string
	PutCode    string
	RoleTitle  string
	Department string
	Start, End Date
	Org        Org
}

// Date is an ORCID fuzzy date: the year alone, the year and month, or a day.
type Date struct{ Year, Month, Day string }

// Org is an affiliation's organization as the record names it.
type Org struct {
	Name, City, Region, Country string
	// DisambiguatedID and Source are its id in a registry: ROR, RINGGOLD, GRID, FUNDREF...
	DisambiguatedID, Source string
}

// Work is a work summary (the first, preferred one of its group).
type Work struct {
	PutCode string
	Title   string
	Type    string
	Journal string
	Date    Date
	// DOIs are the normalised DOIs the work states as its own ("self" or unqualified).
	DOIs []string
}

// Name is the record's name: given names and family name, else the credit name.
func (r *Record) Name() string {
	if n := strings.TrimSpace(strings.TrimSpace(r.GivenNames) + " " + strings.TrimSpace(r.FamilyName)); n != "" {
		return n
	}
	return strings.TrimSpace(r.CreditName)
}

// ShapeError says why a record cannot be read: which input, which record in it (from 0) and
// its ORCID when it has one.
type ShapeError struct {
	Input  string
	Index  int
	ORCID  string
	Reason string
}

func (e *ShapeError) Error() string {
	id := ""
	if e.ORCID != "" {
		id = " (" + e.ORCID + ")"
	}
	return fmt.Sprintf("%s: record %d%s: %s", e.Input, e.Index, id, e.Reason)
}

// check refuses a record without a valid ORCID or without a public name.
func (r *Record) check() string {
	if r.ORCID == "" {
		return "has no orcid-identifier: not an ORCID record"
	}
	if why := CheckORCID(r.ORCID); why != "" {
		return why
	}
	if r.Name() == "" {
		return "has no public name (given-names, family-name or credit-name)"
	}
	for _, a := range r.Affiliations {
		if a.PutCode == "" {
			return fmt.Sprintf("an %s summary has no put-code", a.Kind)
		}
	}
	return ""
}

// BareORCID strips https://orcid.org/ (or orcid.org/, http://) from an ORCID iD.
func BareORCID(s string) string {
	s = strings.TrimSpace(s)
	for _, p := range []string{"https://", "http://", "www.", "sandbox.orcid.org/", "orcid.org/"} {
		s = strings.TrimPrefix(s, p)
	}
	return strings.TrimSuffix(s, "/")
}

// CheckORCID says why s is not a bare ORCID iD with a valid check character (ISO 7064
// MOD 11-2), or "" when it is one.
func CheckORCID(s string) string {
	if len(s) != 19 || s[4] != '-' || s[9] != '-' || s[14] != '-' {
		return fmt.Sprintf("ORCID %q is not of the form 0000-0000-0000-0000", s)
	}
	digits := strings.ReplaceAll(s, "-", "")
	total := 0
	for _, c := range digits[:15] {
		if c < '0' || c > '9' {
			return fmt.Sprintf("ORCID %q is not of the form 0000-0000-0000-0000", s)
		}
		total = (total + int(c-'0')) * 2
	}
	want := byte('0' + (12-total%11)%11)
	if (12-total%11)%11 == 10 {
		want = 'X'
	}
	if digits[15] != want {
		return fmt.Sprintf("ORCID %s has a bad check character (%c; expected %c)", s, digits[15], want)
	}
	return ""
}

// Synthetic tells whether an ORCID iD is a made-up one: ORCID issues no iD starting 9999-.
func Synthetic(orcid string) bool { return strings.HasPrefix(orcid, "9999-") }

// String is the date at the precision the record gives, and a note when that precision names
// no day of the calendar (ORCID keeps 1930-02-29): then the month alone is kept.
func (d Date) String() (date, note string) {
	y, m, day := strings.TrimSpace(d.Year), strings.TrimSpace(d.Month), strings.TrimSpace(d.Day)
	if len(y) != 4 {
		return "", ""
	}
	if _, err := time.Parse("2006", y); err != nil {
		return "", ""
	}
	if len(m) == 1 {
		m = "0" + m
	}
	if len(day) == 1 {
		day = "0" + day
	}
	if m == "" {
		return y, ""
	}
	if _, err := time.Parse("2006-01", y+"-"+m); err != nil {
		return y, fmt.Sprintf("ORCID gives the month %s-%s, which does not exist; kept as %s", y, m, y)
	}
	if day == "" {
		return y + "-" + m, ""
	}
	full := y + "-" + m + "-" + day
	if _, err := time.Parse("2006-01-02", full); err != nil {
		return y + "-" + m, fmt.Sprintf("ORCID gives %s, which is not a day; kept as %s-%s", full, y, m)
	}
	return full, ""
}

// NormalizeDOI gives a DOI bare and lower-case (10.1038/nbt.3889), or "" when s is none.
func NormalizeDOI(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, p := range []string{"https://", "http://", "dx.doi.org/", "doi.org/", "www.doi.org/", "doi:"} {
		s = strings.TrimPrefix(s, p)
	}
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "10.") || !strings.Contains(s, "/") || strings.ContainsAny(s, " \t\n") {
		return ""
	}
	return s
}
