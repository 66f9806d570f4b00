package format

import (
	"slices"
	"strings"
)

// Version is the version of the import format this package reads. Files may start with a
// header line {"format":"cryograph","version":1}.
const Version = 1

// nodeTypes are the record types of the import format, each creating one node label.
var nodeTypes = map[string]string{
	"source":       "Source",
	"person":       "Person",
	"organization": "Organization",
	"topic":        "Topic",
	"event":        "Event",
	"partnership":  "Partnership",
	"publication":  "Publication",
}

// Labels returns the node labels rows create, sorted.
func Labels() []string {
	out := make([]string, 0, len(nodeTypes))
	for _, l := range nodeTypes {
		out = append(out, l)
	}
	slices.Sort(out)
	return out
}

// Allowed values of the enumerated fields. They are documented in docs/import-format.md.
var (
	OrganizationKinds = set("university", "school", "department", "lab", "institute", "research_center",
		"company", "society", "hospital", "foundation", "funder", "committee", "government",
		"healthcare", "nonprofit", "facility", "archive", "consortium", "blood_service", "other")
	// OrganizationStatuses are ROR's record statuses: an inactive or withdrawn organization is
	// kept, and marked.
	OrganizationStatuses = set("active", "inactive", "withdrawn")
	EventKinds           = set("visit", "conference", "signing", "meeting", "workshop", "award", "other")
	PartnershipKinds     = set("visit_exchange", "research_cooperation", "cooperation_agreement", "mou",
		"joint_lab", "expert_committee", "joint_grant", "co_authorship", "supplier", "other")
	PartnershipStatuses = set("proposed", "agreed", "active", "ended", "unknown")
	// PartyLeads say which party of a partnership leads it: "role" is the party's role in
	// free text (coordinator, funder...), "lead" the part it plays in leading.
	PartyLeads = set("lead", "co-lead", "participant")
)

// LinkOnly are link fields that only some relationship types may carry: an author's place in
// the author list, whether the author is a corresponding one and the affiliations the work
// printed for them; a student's degree and the institution that awarded it; the score of a
// topic (a bibliographic source's, from 0 to 1) and the works that are a link's evidence.
var LinkOnly = map[string][]string{
	"position": {"AUTHORED"}, "corresponding": {"AUTHORED"}, "raw_affiliations": {"AUTHORED"},
	"degree": {"STUDENT_OF"}, "institution": {"STUDENT_OF"},
	"score": {"ABOUT", "WORKS_ON"}, "works": {"AFFILIATED_WITH", "WORKS_ON"},
}

// LinkMay tells whether a link of type rel may carry field f (every field but LinkOnly's).
func LinkMay(f, rel string) bool {
	only, ok := LinkOnly[f]
	return !ok || slices.Contains(only, rel)
}

// LinkRule says which node labels a relationship type may join.
type LinkRule struct{ From, To map[string]bool }

// LinkTypes is the allow-list of relationship types a "link" record may create.
var LinkTypes = map[string]LinkRule{
	"AFFILIATED_WITH": {set("Person"), set("Organization")},
	"LEADS":           {set("Person"), set("Organization")},
	"MEMBER_OF":       {set("Person", "Organization"), set("Organization")},
	"PART_OF":         {set("Organization"), set("Organization")},
	"WORKS_ON":        {set("Person", "Organization"), set("Topic")},
	"PARTICIPATED_IN": {set("Person", "Organization"), set("Event")},
	// A partnership's parties and topics, and a topic's parents, are fields of their rows, so
	// that a re-import of the row defines them completely; PARTY_TO and SUBTOPIC_OF are not
	// link types, and ABOUT links come only from events and publications.
	"ABOUT":       {set("Event", "Publication"), set("Topic")},
	"AUTHORED":    {set("Person"), set("Publication")},
	"FOUNDED":     {set("Person", "Organization"), set("Organization")},
	"STUDENT_OF":  {set("Person"), set("Person")},
	"RESULTED_IN": {set("Event"), set("Partnership")},
	// From ROR's relationships (docs/ror.md): "related", and predecessor SUCCEEDED_BY successor.
	"RELATED_TO":   {set("Organization"), set("Organization")},
	"SUCCEEDED_BY": {set("Organization"), set("Organization")},
}

// Shared label sets for references: one map for all rows, not one per reference, keeps the
// memory of a load's first pass small.
var (
	sourceLabels      = set("Source")
	orgLabels         = set("Organization")
	topicLabels       = set("Topic")
	partyLabels       = set("Person", "Organization")
	publicationLabels = set("Publication")
)

// RowRelTypes are relationship types that rows write from their own fields (a partnership's
// parties, a topic's parents), never from link rows.
var RowRelTypes = set("PARTY_TO", "SUBTOPIC_OF")

// RegistryRel is the relationship a "registry_record" row writes: from an organization to the
// source of a registry's record (ROR), carrying the registry's own values of its facts, apart
// from the organization's curated properties (docs/model.md, "Registry records").
const RegistryRel = "REGISTRY_RECORD"

// IsLoadedRel tells whether a load may write a relationship type: a format type, or a
// sourced alias (ALIAS_SOURCED_FROM, from a row's "aliasSources").
func IsLoadedRel(typ string) bool {
	return IsRel(typ) || typ == "ALIAS_SOURCED_FROM" || typ == RegistryRel
}

// IsRel tells whether the import format can produce a relationship type.
func IsRel(typ string) bool {
	_, link := LinkTypes[typ]
	return link || RowRelTypes[typ]
}

func set(vals ...string) map[string]bool {
	m := make(map[string]bool, len(vals))
	for _, v := range vals {
		m[v] = true
	}
	return m
}

// isID reports whether s is an id of the form kind:name, as the regular expression
// ^[a-z][a-z0-9_]*:[A-Za-z0-9_.\-:/]+$ says (written out: the loader checks millions of them).
func isID(s string) bool {
	colon := strings.IndexByte(s, ':')
	if colon < 1 || colon == len(s)-1 || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 1; i < colon; i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	for i := colon + 1; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("_.-:/", c) >= 0) {
			return false
		}
	}
	return true
}

// isDate reports whether s has the form YYYY, YYYY-MM or YYYY-MM-DD in digits, as
// ^\d{4}(-\d{2}(-\d{2})?)?$ says.
func isDate(s string) bool {
	if len(s) != 4 && len(s) != 7 && len(s) != 10 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if i == 4 || i == 7 {
			if s[i] != '-' {
				return false
			}
		} else if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// dateBefore tells whether date a ends before date b begins, at the precision both share:
// "2025" is not before "2025-07" (the year contains the month).
func dateBefore(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	n := min(len(a), len(b))
	return a[:n] < b[:n]
}

// Keys returns the keys of a set, sorted.
func Keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func toSet[V any](m map[string]V) map[string]bool {
	out := make(map[string]bool, len(m))
	for k := range m {
		out[k] = true
	}
	return out
}
