package cryo

import (
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"
)

// Report statuses: a report is open until an editor accepts it (its correction is applied as
// a change that cites it), rejects it with a reason, or marks it a duplicate of another.
const (
	ReportOpen      = "open"
	ReportAccepted  = "accepted"
	ReportRejected  = "rejected"
	ReportDuplicate = "duplicate"
)

// ReportStatuses are the statuses a report may have, for filters.
var ReportStatuses = []string{ReportOpen, ReportAccepted, ReportRejected, ReportDuplicate}

// ReportSubjectKinds are the kinds of entity a report may be about.
var ReportSubjectKinds = []string{"person", "organization", "topic", "partnership", "event", "publication"}

// Limits of a report's text fields, in characters.
const (
	MaxReportText    = 4000
	MaxReportFact    = 500
	MaxReportContact = 200
)

// ReportRequest is what a reader sends to report an error. The honeypot field Website is
// hidden in the form: people leave it empty, form-filling robots do not.
type ReportRequest struct {
	// Subject is the id of the entity the fact belongs to (person:..., org:...).
	Subject string `json:"subject"`
	// Fact says which fact is wrong, as the page showed it ("Affiliation: USST, professor").
	Fact string `json:"fact"`
	// What is wrong, and Correction what is right.
	What       string `json:"what"`
	Correction string `json:"correction"`
	// Evidence is an optional URL that supports the correction.
	Evidence string `json:"evidence"`
	// Contact is optional: an e-mail address or a name, shown to editors only.
	Contact string `json:"contact"`
	Website string `json:"website"`
}

// Validate trims the request and checks it, naming the first faulty field.
func (r *ReportRequest) Validate() error {
	for _, f := range []*string{&r.Subject, &r.Fact, &r.What, &r.Correction, &r.Evidence, &r.Contact, &r.Website} {
		*f = strings.TrimSpace(*f)
	}
	if r.Website != "" {
		return Invalid("website", "this field must stay empty (it is hidden from people; robots fill it in)")
	}
	_, ok := SubjectKind(r.Subject)
	if r.Subject == "" {
		return Invalid("subject", "subject is required: the id of the entity the fact belongs to, such as person:xu_yi")
	}
	if !ok {
		return Invalid("subject", "subject %q is not the id of a person, organization, topic, partnership, event or publication", r.Subject)
	}
	if r.What == "" {
		return Invalid("what", "say what is wrong")
	}
	for field, v := range map[string]struct {
		s   string
		max int
	}{"fact": {r.Fact, MaxReportFact}, "what": {r.What, MaxReportText}, "correction": {r.Correction, MaxReportText}, "contact": {r.Contact, MaxReportContact}, "evidence": {r.Evidence, 2000}} {
		if n := utf8.RuneCountInString(v.s); n > v.max {
			return Invalid(field, "%s is %d characters long; at most %d are kept", field, n, v.max)
		}
	}
	if r.Evidence != "" {
		u, err := url.Parse(r.Evidence)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return Invalid("evidence", "evidence must be a web address starting with http:// or https://")
		}
	}
	return nil
}

// SubjectKind tells the kind of entity an id names by its prefix (person:, org:, topic:,
// pship:, event:, pub:), and whether it names one at all.
func SubjectKind(id string) (string, bool) {
	prefix, rest, ok := strings.Cut(id, ":")
	if !ok || rest == "" {
		return "", false
	}
	kind, ok := map[string]string{"person": "person", "org": "organization", "topic": "topic",
		"pship": "partnership", "event": "event", "pub": "publication"}[prefix]
	return kind, ok
}

// Report is a reader's report of an error, as editors see it. The public view (PublicReport)
// leaves out the contact.
type Report struct {
	ID          string `json:"id"`
	Status      string `json:"status"`
	Subject     string `json:"subject"`
	SubjectName string `json:"subjectName,omitempty"`
	SubjectKind string `json:"subjectKind"`
	Fact        string `json:"fact,omitempty"`
	What        string `json:"what"`
	Correction  string `json:"correction,omitempty"`
	Evidence    string `json:"evidence,omitempty"`
	Contact     string `json:"contact,omitempty"`
	Created     string `json:"created"`
	Updated     string `json:"updated"`
	// Outcome: who decided, why, and of which report this one is a duplicate.
	ResolvedBy  string `json:"resolvedBy,omitempty"`
	Reason      string `json:"reason,omitempty"`
	DuplicateOf string `json:"duplicateOf,omitempty"`
	// Changeset is the change that applied an accepted report's correction, when there is one.
	Changeset string `json:"changeset,omitempty"`
}

// Public is the report as its reporter and every reader see it: without the contact.
func (r Report) Public() Report {
	r.Contact = ""
	return r
}

// ReportQuery lists reports for review.
type ReportQuery struct {
	Status string
	Page
}

// Validate checks the status filter (default open) and the page.
func (q *ReportQuery) Validate() error {
	if q.Status == "" {
		q.Status = ReportOpen
	}
	if q.Status != "all" && !slices.Contains(ReportStatuses, q.Status) {
		return Invalid("status", "status must be one of open, accepted, rejected, duplicate or all")
	}
	return q.Page.Validate()
}

// ReportList is one page of reports.
type ReportList struct {
	Reports []Report `json:"reports"`
	Total   int      `json:"total"`
	Limit   int      `json:"limit"`
	Offset  int      `json:"offset"`
}

// ReportDecision is an editor's outcome of a report.
type ReportDecision struct {
	Status      string `json:"-"`
	Reason      string `json:"reason"`
	DuplicateOf string `json:"duplicateOf"`
	Changeset   string `json:"changeset"`
	By          string `json:"-"`
}

// Validate checks what each outcome needs: a rejection a reason, a duplicate the report it
// repeats.
func (d *ReportDecision) Validate(id string) error {
	d.Reason = strings.TrimSpace(d.Reason)
	d.DuplicateOf = strings.TrimSpace(d.DuplicateOf)
	if utf8.RuneCountInString(d.Reason) > MaxReportText {
		return Invalid("reason", "reason is longer than %d characters", MaxReportText)
	}
	switch d.Status {
	case ReportRejected:
		if d.Reason == "" {
			return Invalid("reason", "say why the report is rejected: the reporter reads it")
		}
	case ReportDuplicate:
		if d.DuplicateOf == "" {
			return Invalid("duplicateOf", "name the report this one repeats")
		}
		if d.DuplicateOf == id {
			return Invalid("duplicateOf", "a report cannot be a duplicate of itself")
		}
	}
	return nil
}
