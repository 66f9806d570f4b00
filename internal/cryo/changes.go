package cryo

// Changesets: every write to the graph records who made it, when, why and from what source,
// and, for each node or relationship it created or changed, its state before and after
// (docs/model.md, "Changesets and history").

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strings"
	"time"
)

// Kinds of changeset.
const (
	ChangeImport  = "import"
	ChangeIngest  = "ingest"
	ChangeMerge   = "merge"
	ChangeUnmerge = "unmerge"
	ChangeEdit    = "edit"
	ChangeReport  = "report"
	ChangeUndo    = "undo"
	// ChangeRetract removes a fact that was wrong; the changeset keeps it, so an undo puts it
	// back.
	ChangeRetract = "retract"
)

// ChangeKinds lists the kinds a write may name (an undo's kind is set by the undo itself).
var ChangeKinds = []string{ChangeImport, ChangeIngest, ChangeMerge, ChangeUnmerge, ChangeEdit, ChangeReport, ChangeRetract}

// ChangeMeta is what a write says about itself: the changeset it records. Form edits and
// accepted reports pass one to importer.LoadAndRefresh like a load does.
type ChangeMeta struct {
	ID      string `json:"id"`
	Kind    string `json:"kind"`
	By      string `json:"by"`
	Role    string `json:"role,omitempty"`
	At      string `json:"at"`
	Comment string `json:"comment"`
	Source  string `json:"source,omitempty"`
	// Ref names what the changeset is about beyond its changes: the merge id of a merge or an
	// unmerge, the changeset an undo undid, the report an accepted report answers.
	Ref string `json:"ref,omitempty"`
}

// NewChangesetID makes a changeset id that sorts by time: "cs-20261207T142713.123456Z-a1b2c3".
func NewChangesetID(at time.Time) string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return "cs-" + at.UTC().Format("20060102T150405.000000Z") + "-" + hex.EncodeToString(b[:])
}

// ChangeAt formats a changeset's time: fixed width, so that it sorts as text.
func ChangeAt(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000Z") }

// Complete fills what a write left out: an id, the time, the kind (import), who ("system")
// and a comment (def).
func (m ChangeMeta) Complete(def string) ChangeMeta {
	now := time.Now()
	if m.ID == "" {
		m.ID = NewChangesetID(now)
	}
	if m.At == "" {
		m.At = ChangeAt(now)
	}
	if m.Kind == "" {
		m.Kind = ChangeImport
	}
	if m.By == "" {
		m.By = "system"
	}
	if m.Comment == "" {
		m.Comment = def
	}
	return m
}

// Change is one node's or relationship's state before and after a changeset. A created
// thing has no Before, a deleted one no After.
type Change struct {
	// Kind is "node" or "rel".
	Kind string `json:"kind"`
	// Target is the node's id, or a relationship's "from|TYPE|to|key".
	Target string `json:"target"`
	Label  string `json:"label,omitempty"`
	Type   string `json:"type,omitempty"`
	From   string `json:"from,omitempty"`
	To     string `json:"to,omitempty"`
	Key    string `json:"key,omitempty"`
	// Before and After are the properties (and, for a node, its label and sources).
	Before map[string]any `json:"before"`
	After  map[string]any `json:"after"`
}

// Changeset is a recorded write with the changes it made (all of them, or those that touch
// one entity, for its history).
type Changeset struct {
	ChangeMeta
	// Changes counts every change of the changeset.
	Changes  int      `json:"changes"`
	UndoneBy string   `json:"undoneBy,omitempty"`
	UndoneAt string   `json:"undoneAt,omitempty"`
	Items    []Change `json:"items"`
}

// Error codes of an undo that cannot be done (HTTP 409).
const (
	// ECodeUndoConflict: a later changeset touched what the undo would restore; the message
	// names it.
	ECodeUndoConflict = "undo_conflict"
	// ECodeAlreadyUndone: the changeset was undone before.
	ECodeAlreadyUndone = "already_undone"
)

// changeKey is the context key of the changeset a write records.
type changeKey struct{}

// WithChange returns a context whose writes record the changeset m (the store's batched
// upserts read it, so that a Sink's signature stays as it is).
func WithChange(ctx context.Context, m ChangeMeta) context.Context {
	return context.WithValue(ctx, changeKey{}, m)
}

// ChangeFrom is the changeset a context's writes record, if any.
func ChangeFrom(ctx context.Context) (ChangeMeta, bool) {
	m, ok := ctx.Value(changeKey{}).(ChangeMeta)
	return m, ok && m.ID != ""
}

// Retraction removes one fact (a relationship between two entities) with a reason. The fact
// leaves every query and stays in the history; undoing the retraction puts it back.
type Retraction struct {
	From   string `json:"from"`
	Rel    string `json:"rel"`
	To     string `json:"to"`
	Key    string `json:"key"`
	Reason string `json:"reason"`
	// Report, when set, is the reader's report the retraction answers.
	Report string `json:"report"`
}

// Validate checks the retraction against the relationship types a fact may have (rels).
func (r *Retraction) Validate(rels map[string]bool) error {
	r.Reason = strings.TrimSpace(r.Reason)
	switch {
	case strings.TrimSpace(r.From) == "":
		return Invalid("from", "name the fact: its from, rel and to (and key, if it has one)")
	case strings.TrimSpace(r.To) == "":
		return Invalid("to", "name the fact: its from, rel and to (and key, if it has one)")
	case !rels[r.Rel]:
		return Invalid("rel", "rel %q is not a fact that can be retracted (a partnership's parties and topics are edited on the partnership)", r.Rel)
	case r.Reason == "":
		return Invalid("reason", "say why the fact is retracted: the history keeps the reason")
	case len(r.Reason) > 2000:
		return Invalid("reason", "reason is longer than 2000 bytes")
	}
	return nil
}
