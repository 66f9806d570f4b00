package cryo

import (
	"fmt"
	"strings"
)

// Candidate is an entity a name may refer to, with the reasons.
type Candidate struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Kind    string `json:"kind"`
	Country string `json:"country,omitempty"`
	Exact   bool   `json:"exact"`
	// Match is the strongest rule that matched (cryo.MatchExact ... cryo.MatchSurname);
	// candidates are ranked by it first.
	Match   string   `json:"match,omitempty"`
	Reasons []string `json:"reasons"`
	// AliasNotes are the curators' notes on the sourced aliases that matched, such as a
	// mistranslation that also names another real institution.
	AliasNotes []string `json:"aliasNotes,omitempty"`
}

// ResolveQuery asks which entities a name may refer to.
type ResolveQuery struct {
	Name string
	// Kind limits the search to "person" or "organization"; empty means both.
	Kind  string
	Limit int
}

// Kinds that entity resolution covers, by the name used in the API.
var ResolvableKinds = map[string]string{"person": "Person", "organization": "Organization"}

// Validate checks the query.
func (q *ResolveQuery) Validate() error {
	q.Name = strings.TrimSpace(q.Name)
	if q.Name == "" {
		return Invalid("name", "name is required, for example name=Gang Zhao")
	}
	if len(q.Name) > 300 {
		return Invalid("name", "name is longer than 300 characters")
	}
	if q.Kind != "" {
		if _, ok := ResolvableKinds[q.Kind]; !ok {
			return Invalid("kind", "kind must be person or organization, got %q", q.Kind)
		}
	}
	return intIn(&q.Limit, 10, 1, 100, "limit")
}

// Labels returns the node labels the query searches.
func (q ResolveQuery) Labels() []string {
	if q.Kind != "" {
		return []string{ResolvableKinds[q.Kind]}
	}
	return []string{"Person", "Organization"}
}

// DuplicatePair is two entities of one kind that may be one, with the reasons for and against.
type DuplicatePair struct {
	Kind    string   `json:"kind"`
	A       Ref      `json:"a"`
	B       Ref      `json:"b"`
	Reasons []string `json:"reasons"`
	// Against lists evidence that they are different (other ORCIDs, other countries).
	Against []string `json:"against"`
}

// DuplicateResult is one page of candidate pairs.
type DuplicateResult struct {
	Total  int             `json:"total"`
	Limit  int             `json:"limit"`
	Offset int             `json:"offset"`
	Pairs  []DuplicatePair `json:"pairs"`
}

// VariantReason explains why two names meet on a key.
func VariantReason(key string, a, b []string) string {
	return fmt.Sprintf("%s and %s are the same name up to case, accents, punctuation, word order or Chinese script (key %s)",
		quoteList(a), quoteList(b), key)
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, "/")
}

// MergeRequest asks to absorb one entity into another.
type MergeRequest struct {
	Keep   string `json:"keep"`
	Absorb string `json:"absorb"`
	Reason string `json:"reason"`
	By     string `json:"-"`
}

// Validate checks the request.
func (r *MergeRequest) Validate() error {
	r.Keep, r.Absorb, r.Reason = strings.TrimSpace(r.Keep), strings.TrimSpace(r.Absorb), strings.TrimSpace(r.Reason)
	switch {
	case r.Keep == "":
		return Invalid("keep", "keep (the id that stays) is required")
	case r.Absorb == "":
		return Invalid("absorb", "absorb (the id merged away) is required")
	case r.Keep == r.Absorb:
		return Invalid("absorb", "an entity cannot be merged into itself")
	case r.Reason == "":
		return Invalid("reason", "a merge needs a reason, kept with its record")
	}
	return nil
}

// Merge is the record of an explicit merge; it is kept, and it can be undone.
type Merge struct {
	ID        string   `json:"id"`
	Keep      string   `json:"keep"`
	Absorbed  string   `json:"absorbed"`
	Reason    string   `json:"reason"`
	By        string   `json:"by,omitempty"`
	At        string   `json:"at"`
	UndoneAt  string   `json:"undoneAt,omitempty"`
	Moved     int      `json:"relationshipsMoved"`
	AddedName []string `json:"addedAliases"`
}
