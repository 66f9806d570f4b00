package format

import (
	"encoding/json"
	"math"
)

// MergeOp is a merge row: the record of an explicit merge, as an export writes it. Loading
// it replays the merge (the absorbed entity comes back from the snapshot and is merged into
// the kept one again, under the same id), or, for a merge that was undone, keeps the record.
type MergeOp struct {
	Line               int
	ID, Keep, Absorbed string
	Reason, By, At     string
	UndoneAt, UndoneBy string
	Moved              int64
	AddedAliases       []string
	Snapshot           string
	SnapshotLabel      string
}

// parseMerge reads a merge row.
func parseMerge(r *row, line int, p *Parsed) {
	m := &MergeOp{Line: line}
	m.ID = r.id("id", true)
	m.Keep = r.id("keep", true)
	m.Absorbed = r.id("absorbed", true)
	m.Reason = r.str("reason", true)
	m.By = r.str("by", false)
	m.At = r.str("at", true)
	m.UndoneAt = r.str("undone_at", false)
	m.UndoneBy = r.str("undone_by", false)
	if n, ok := r.number("moved", 0, math.MaxInt32); ok {
		m.Moved = int64(n)
	}
	m.AddedAliases = r.strings("added_aliases")
	m.Snapshot = r.str("snapshot", true)
	if m.Keep != "" && m.Keep == m.Absorbed {
		r.fail("absorbed", "is the kept entity: a merge joins two entities")
	}
	if m.Snapshot != "" {
		var snap struct {
			Label string         `json:"label"`
			Props map[string]any `json:"props"`
		}
		if err := json.Unmarshal([]byte(m.Snapshot), &snap); err != nil {
			r.fail("snapshot", "is not the JSON of a merge snapshot: %v", err)
		} else if snap.Label == "" || snap.Props["id"] != m.Absorbed {
			r.fail("snapshot", "does not describe %s (its label and properties, with its id)", m.Absorbed)
		}
		m.SnapshotLabel = snap.Label
	}
	if m.Keep != "" {
		var labels map[string]bool
		if m.SnapshotLabel != "" {
			labels = map[string]bool{m.SnapshotLabel: true}
		}
		p.Refs = append(p.Refs, Ref{Line: line, Field: "keep", ID: m.Keep, Labels: labels})
	}
	p.Merge = m
}
