package importer

import (
	"fmt"
	"maps"
	"slices"
	"sort"

	"github.com/cryograph/cryograph/internal/format"
)

// check makes the checks of part p that need all of its rows: links given twice, references
// to ids defined later or in the graph, ids whose kind the graph already knows otherwise, and
// external ids the graph already gives to another entity.
func (v *validator) check(p *part) error {
	if err := v.checkDuplicateLinks(p); err != nil {
		return err
	}
	p.links = hashChunks{}
	if err := v.lookUpPart(p); err != nil {
		return err
	}
	if err := v.checkExternalOwners(p); err != nil {
		return err
	}
	p.ext = nil
	if err := v.checkKinds(p); err != nil {
		return err
	}
	return v.checkPending(p)
}

// checkDuplicateLinks rejects the later rows of a link given twice. Only when the sorted
// hashes hold a duplicate are the files read again, to find the rows and say where the first
// one is.
func (v *validator) checkDuplicateLinks(p *part) error {
	dups := p.links.duplicates()
	if len(dups) == 0 {
		return nil
	}
	first := map[uint64]lineKey{}
	return v.rereadValid(func(name string, at lineKey, line int, row *format.Parsed) {
		for _, l := range row.Links {
			h := linkHash(l)
			if !dups[h] {
				continue
			}
			if d, seen := first[h]; seen && d != at { // twice in one row is one link
				v.reject(at, RowError{File: name, Line: line, Field: "to",
					Reason: fmt.Sprintf("the same %s link from %s to %s is already at %s:%d (give one a distinct key)", l.Rel, l.From, l.To, v.name(d), int(d.line))},
					len(row.Nodes) > 0)
				return
			}
			first[h] = at
		}
	})
}

// lookUpPart asks the graph about the ids referred to before any row defined them, and never
// defined after (they must be in the graph), and keeps what the graph said about the part's ids.
func (v *validator) lookUpPart(p *part) error {
	for k, pid := range p.pending {
		if _, def := p.defined[k]; !def {
			p.lookup.add(pid.id)
		}
	}
	if err := p.lookup.wait(); err != nil {
		return fmt.Errorf("check references: %w", err)
	}
	for k := range p.lookup.found {
		v.known = append(v.known, k.Uint64())
	}
	v.inGraph += len(p.lookup.found)
	for id, to := range p.lookup.moved {
		v.redirect[id] = to
		v.rep.redirected(id, to, "merged into "+to)
	}
	return nil
}

// checkExternalOwners finds the rows whose ORCID, ROR or Wikidata id an entity in the graph
// already holds: external ids are merge keys, so the row is that entity
// (resolveExternalMatches settles them once the round has read every part).
func (v *validator) checkExternalOwners(p *part) error {
	extKeys := slices.Collect(maps.Keys(p.ext))
	sort.Slice(extKeys, func(i, j int) bool { return extKeys[i].Prop+extKeys[i].Value < extKeys[j].Prop+extKeys[j].Value })
	for i := 0; i < len(extKeys) && !v.emptyGraph; i += 5000 {
		owners, err := v.sink.ExternalOwners(v.ctx, extKeys[i:min(i+5000, len(extKeys))])
		if err != nil {
			return fmt.Errorf("check external ids: %w", err)
		}
		for x, owner := range owners {
			row := p.ext[x]
			if owner != row.id && v.redirect[row.id] != owner {
				v.extMatches = append(v.extMatches, extMatch{x, row, owner})
			}
		}
	}
	return nil
}

// checkKinds rejects the rows that define an id the graph knows as another kind. The rows are
// read again to name the ids (the table has no strings) only when some id does not keep its kind.
func (v *validator) checkKinds(p *part) error {
	clashes := map[lineKey]string{} // the defining row -> the label in the graph
	for k := range p.lookup.found {
		label, _ := p.lookup.label(k)
		if d, def := p.defined[k]; def && label != "" && label != d.Label() {
			clashes[d.at] = label
		}
	}
	if len(clashes) == 0 {
		return nil
	}
	return v.rereadValid(func(name string, at lineKey, line int, row *format.Parsed) {
		label, ok := clashes[at]
		if !ok {
			return
		}
		for _, n := range row.Nodes {
			k := keyOf(n.ID)
			if got, _ := p.lookup.label(k); p.owns(k) && got == label && n.Label != label {
				v.reject(at, RowError{File: name, Line: line, ID: n.ID, Field: "id",
					Reason: fmt.Sprintf("id already names %s in the graph, not %s", withArticle(label), withArticle(n.Label))}, true)
				return
			}
		}
	})
}

// checkPending checks the references to ids defined after them, or not at all: the id must be
// defined by a row not rejected, or be in the graph, and be of a kind the field takes. Each id
// is checked once; only when some id fails are the files read again, to reject each row that
// refers to it (those that referred to it after its definition too: the row that defined it
// was rejected since, or their own check already rejected them).
func (v *validator) checkPending(p *part) error {
	failed := map[idKey]bool{}
	for k, pid := range p.pending {
		if label, ok := v.resolve(p, k); !ok || !pid.accepts(label) {
			failed[k] = true
		}
	}
	p.pending = nil
	if len(failed) == 0 {
		return nil
	}
	return v.rereadValid(func(name string, at lineKey, line int, row *format.Parsed) {
		for _, r := range row.Refs {
			k := keyOf(r.ID)
			if !p.owns(k) || !failed[k] {
				continue
			}
			switch label, ok := v.resolve(p, k); {
			case !ok:
				v.reject(at, RowError{File: name, Line: line, Field: r.Field,
					Reason: fmt.Sprintf("%s is not defined in the files (or its row was rejected) nor in the graph", r.ID)}, len(row.Nodes) > 0)
				return
			case r.Labels != nil && !r.Labels[label]:
				v.reject(at, RowError{File: name, Line: line, Field: r.Field, Reason: badLabel(r, label)}, len(row.Nodes) > 0)
				return
			}
		}
	})
}

// resolve is the label of the id with key k: where a row not rejected defines it, else in the graph.
func (v *validator) resolve(p *part, k idKey) (string, bool) {
	if d, in := p.defined[k]; in {
		if !v.rejected.has(d.at) {
			return d.Label(), true
		}
	}
	return p.lookup.label(k)
}

// resolveExternalMatches settles the rows whose external id the graph gives to another
// entity: the row is that entity (its id is redirected to it), unless the files define that
// entity too, which is an error. Finding the owners' rows takes a reading of the files; loads
// where no external id is already in the graph under another id never make it.
func (v *validator) resolveExternalMatches() error {
	if len(v.extMatches) == 0 {
		return nil
	}
	owners := map[string]lineKey{}
	for _, m := range v.extMatches {
		owners[m.owner] = lineKey{-1, 0}
	}
	err := v.rereadValid(func(_ string, at lineKey, _ int, row *format.Parsed) {
		for _, n := range row.Nodes {
			if d, want := owners[n.ID]; want && d.file < 0 {
				owners[n.ID] = at
			}
		}
	})
	if err != nil {
		return err
	}
	for _, m := range v.extMatches {
		at := m.row.def.at
		if v.rejected.has(at) {
			continue
		}
		if d := owners[m.owner]; d.file >= 0 {
			v.reject(at, RowError{File: v.name(at), Line: int(at.line), ID: m.row.id, Field: m.x.Prop,
				Reason: fmt.Sprintf("%s %s belongs to %s, which %s:%d also defines: one entity, one row", m.x.Prop, m.x.Value, m.owner, v.name(d), int(d.line))}, true)
			continue
		}
		if _, done := v.redirect[m.row.id]; !done {
			v.redirect[m.row.id] = m.owner
			v.rep.redirected(m.row.id, m.owner, fmt.Sprintf("same %s %s", m.x.Prop, m.x.Value))
		}
	}
	v.extMatches = nil
	return nil
}
