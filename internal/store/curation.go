package store

// Curation: which entities a name may mean (Resolve), candidate duplicates, and explicit
// merges with their undoing.

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Resolve lists the entities a name may refer to, ranked: its name or an alias, then the
// same name key (case, accents, word order, Chinese script), then the bibliographic rules of
// cryo.MatchNames (full name, nickname, middle name, initials, surname alone). A weaker rule
// never ranks above a stronger one. It never decides; it proposes, with reasons.
func (s *Store) Resolve(ctx context.Context, q cryo.ResolveQuery) ([]cryo.Candidate, error) {
	ranked, err := s.resolveRanked(ctx, q.Name, q.Labels(), q.Limit)
	if err != nil {
		return nil, err
	}
	out := make([]cryo.Candidate, 0, len(ranked))
	for _, r := range ranked {
		out = append(out, r.Candidate)
	}
	return out, nil
}

// rankedCandidate is a candidate with what ranks it and the node's own kind (for search).
type rankedCandidate struct {
	cryo.Candidate
	rank int
	typ  string
}

// textHits is how many full-text hits the bibliographic rules examine: the entities sharing
// a surname (or an organization's words) beyond it are not candidates. A surname shared by
// thousands, at 1M people, lists the first textHits by Lucene's score.
const textHits = 300

// resolveLucene is the full-text query for the candidates of the bibliographic rules: any
// of the words, and, for a possible acronym, entities with words starting with each letter.
func resolveLucene(name string, labels []string) string {
	var clauses []string
	seen := map[string]bool{}
	for _, label := range labels {
		for _, w := range cryo.CandidateWords(label, name) {
			if w = luceneWord(w); w != "" && !seen[w] {
				seen[w] = true
				clauses = append(clauses, w)
			}
		}
		if label == "Organization" {
			if letters := cryo.AcronymLetters(name); letters != nil {
				var and []string
				for _, l := range letters {
					if l = luceneWord(l); l != "" {
						and = append(and, l+"*")
					}
				}
				if len(and) == len(letters) {
					clauses = append(clauses, "("+strings.Join(and, " AND ")+")")
				}
			}
		}
	}
	return strings.Join(clauses, " OR ")
}

// luceneWord keeps the letters and digits of a word, so Lucene syntax cannot be injected.
func luceneWord(w string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, w)
}

// resolveRanked finds and ranks the candidates of a name among entities of the labels.
func (s *Store) resolveRanked(ctx context.Context, name string, labels []string, limit int) ([]rankedCandidate, error) {
	var keys []map[string]any
	for _, label := range labels {
		for _, k := range cryo.NameKeys(label, name) {
			keys = append(keys, map[string]any{"key": k, "label": label})
		}
	}
	var recs []*neo4j.Record
	if len(keys) > 0 {
		res, err := s.read(ctx, "resolve_name", map[string]any{"keys": keys, "name": name, "limit": max(limit, 100)})
		if err != nil {
			return nil, err
		}
		recs = append(recs, res.Records...)
	}
	if lucene := resolveLucene(name, labels); lucene != "" {
		res, err := s.read(ctx, "resolve_text", map[string]any{"lucene": lucene, "name": name, "labels": labels, "hits": textHits})
		if err != nil {
			return nil, err
		}
		recs = append(recs, res.Records...)
	}
	out := []rankedCandidate{}
	seen := map[string]bool{}
	for _, rec := range recs {
		c := cryo.Candidate{ID: get[string](rec, "id"), Name: get[string](rec, "name"), Kind: get[string](rec, "label"),
			Country: get[string](rec, "country"), Exact: get[bool](rec, "exact"), Reasons: []string{}}
		if seen[c.ID] {
			continue
		}
		keys, aliases := strList(get[[]any](rec, "keys")), strList(get[[]any](rec, "aliases"))
		rank := 0
		seenName := map[string]bool{}
		switch {
		case c.Exact || len(keys) > 0:
			c.Match, rank = cryo.MatchVariant, cryo.MatchTier(cryo.MatchVariant)*100+len(keys)
			if c.Exact {
				c.Match, rank = cryo.MatchExact, cryo.MatchTier(cryo.MatchExact)*100
				c.Reasons = append(c.Reasons, fmt.Sprintf("%q is its name or one of its aliases", name))
			}
			// One reason per set of matching names; the several keys of one name (its word
			// orders) would only repeat it.
			sort.Strings(keys)
			byKey := cryo.NamesByKey(c.Kind, c.Name, aliases)
			var names []string
			for _, k := range keys {
				for _, n := range byKey[k] {
					if !seenName[n] {
						seenName[n] = true
						names = append(names, n)
					}
				}
			}
			if len(keys) > 0 {
				c.Reasons = append(c.Reasons, cryo.VariantReason(strings.Join(keys, ", "), []string{name}, names))
			}
		default:
			m, ok := cryo.MatchNames(c.Kind, name, append([]string{c.Name}, aliases...))
			if !ok {
				continue
			}
			c.Match, rank = m.Rule, m.Rank
			seenName[m.Name] = true
			c.Reasons = append(c.Reasons, fmt.Sprintf("%s match with %q: %s", m.Rule, m.Name, m.Detail))
		}
		seen[c.ID] = true
		for _, a := range get[[]any](rec, "aliasNotes") {
			am, ok := a.(map[string]any)
			if !ok {
				continue
			}
			if note := str(am["note"]); note != "" && seenName[str(am["alias"])] {
				c.AliasNotes = append(c.AliasNotes, fmt.Sprintf("alias %q (source %s): %s", str(am["alias"]), str(am["source"]), note))
			}
		}
		out = append(out, rankedCandidate{Candidate: c, rank: rank, typ: get[string](rec, "type")})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].rank != out[j].rank {
			return out[i].rank > out[j].rank
		}
		return out[i].ID < out[j].ID
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// sameNames tells whether two variant reasons differ only in their key.
func sameNames(a, b string) bool {
	cut := func(s string) string { i := strings.LastIndex(s, "(key"); return s[:max(i, 0)] }
	return cut(a) == cut(b)
}

// ruleDuplicatesMax is the most people and organizations Duplicates reads to pair them by
// the bibliographic name rules, in memory; a larger graph gets the name-key pairs only.
const ruleDuplicatesMax = 200_000

// Duplicates lists candidate duplicate pairs of one kind (or all), with reasons for and
// against: first the pairs that share a name key (most keys first), then the pairs that the
// bibliographic rules of cryo.MatchNames find (initials, nicknames, a middle name, "Last,
// First", an organization's words reordered), strongest rule first. The surname alone never
// makes a pair, nor an acronym alone: acronyms collide (the demo's "ISC" is the initials of
// two societies), and an acronym that is an alias already meets on its key.
func (s *Store) Duplicates(ctx context.Context, kind string, page cryo.Page) (cryo.DuplicateResult, error) {
	out := cryo.DuplicateResult{Limit: page.Limit, Offset: page.Offset, Pairs: []cryo.DuplicatePair{}}
	var label any
	if kind != "" {
		l, ok := cryo.ResolvableKinds[kind]
		if !ok {
			return out, cryo.Invalid("kind", "kind must be person or organization, got %q", kind)
		}
		label = l
	}
	res, err := s.read(ctx, "duplicate_candidates", map[string]any{
		"label": label, "offset": page.Offset, "limit": page.Limit, "maxFanout": 50,
	})
	if err != nil {
		return out, err
	}
	for _, rec := range res.Records {
		out.Total = int(get[int64](rec, "total"))
		if get[string](rec, "aId") == "" {
			continue
		}
		p := cryo.DuplicatePair{
			Kind:    get[string](rec, "label"),
			A:       cryo.Ref{ID: get[string](rec, "aId"), Name: get[string](rec, "aName")},
			B:       cryo.Ref{ID: get[string](rec, "bId"), Name: get[string](rec, "bName")},
			Reasons: []string{}, Against: []string{},
		}
		aNames := cryo.NamesByKey(p.Kind, p.A.Name, strList(get[[]any](rec, "aAliases")))
		bNames := cryo.NamesByKey(p.Kind, p.B.Name, strList(get[[]any](rec, "bAliases")))
		shared := strList(get[[]any](rec, "shared"))
		sort.Strings(shared)
		for _, key := range shared {
			r := cryo.VariantReason(key, aNames[key], bNames[key])
			if len(p.Reasons) == 0 || !sameNames(p.Reasons[len(p.Reasons)-1], r) {
				p.Reasons = append(p.Reasons, r)
			}
		}
		p.Against = against(func(f string) string { return get[string](rec, "a"+f) }, func(f string) string { return get[string](rec, "b"+f) })
		out.Pairs = append(out.Pairs, p)
	}
	rulePairs, err := s.ruleDuplicates(ctx, label)
	if err != nil {
		return out, err
	}
	keyTotal := out.Total
	out.Total += len(rulePairs)
	from := max(0, page.Offset-keyTotal)
	for i := from; i < len(rulePairs) && len(out.Pairs) < page.Limit; i++ {
		out.Pairs = append(out.Pairs, rulePairs[i])
	}
	return out, nil
}

// against lists the evidence that two entities differ, from their fields.
func against(a, b func(string) string) []string {
	out := []string{}
	for _, f := range []struct{ key, what string }{{"Orcid", "ORCID"}, {"Ror", "ROR id"}, {"Wikidata", "Wikidata id"}, {"Country", "country"}} {
		if x, y := a(f.key), b(f.key); x != "" && y != "" && x != y {
			out = append(out, fmt.Sprintf("different %s: %s vs %s", f.what, x, y))
		}
	}
	return out
}

// dupEntity is a person or organization as ruleDuplicates compares them.
type dupEntity struct {
	id, name, label string
	names           []string
	fields          map[string]string
	distinct        map[string]bool
	keys            map[string]bool
}

// ruleDuplicates pairs the entities that the bibliographic name rules match and no name key
// joins. Entities are compared within blocks (a surname, an organization's word or acronym)
// of at most 50, as the key pairs skip keys shared by more.
func (s *Store) ruleDuplicates(ctx context.Context, label any) ([]cryo.DuplicatePair, error) {
	res, err := s.read(ctx, "duplicate_names", map[string]any{"label": label, "max": ruleDuplicatesMax})
	if err != nil {
		return nil, err
	}
	if len(res.Records) > ruleDuplicatesMax {
		s.log.Warn("duplicates: too many people and organizations to pair by name rules; listing name-key pairs only", "max", ruleDuplicatesMax)
		return nil, nil
	}
	blocks := map[string][]*dupEntity{}
	for _, rec := range res.Records {
		e := &dupEntity{id: get[string](rec, "id"), name: get[string](rec, "name"), label: get[string](rec, "label"),
			fields: map[string]string{}, distinct: map[string]bool{}, keys: map[string]bool{}}
		e.names = append([]string{e.name}, strList(get[[]any](rec, "aliases"))...)
		for _, f := range []string{"country", "orcid", "ror", "wikidata"} {
			e.fields[strings.ToUpper(f[:1])+f[1:]] = get[string](rec, f)
		}
		for _, d := range strList(get[[]any](rec, "distinct")) {
			e.distinct[d] = true
		}
		for _, k := range cryo.EntityNameKeys(e.label, "", e.names) {
			e.keys[k.Key] = true
		}
		inBlock := map[string]bool{}
		for _, n := range e.names {
			words := cryo.CandidateWords(e.label, n)
			if e.label == "Organization" {
				if a := cryo.Acronym(n); a != "" {
					words = append(words, a)
				}
			}
			for _, w := range words {
				b := e.label + "|" + w
				if !inBlock[b] {
					inBlock[b] = true
					blocks[b] = append(blocks[b], e)
				}
			}
		}
	}
	type scored struct {
		p    cryo.DuplicatePair
		rank int
	}
	var pairs []scored
	done := map[string]bool{}
	for _, block := range blocks {
		if len(block) > 50 {
			continue
		}
		for i, x := range block {
			for _, y := range block[i+1:] {
				a, b := x, y
				if a.id > b.id {
					a, b = b, a
				}
				pk := a.id + "\x00" + b.id
				if a.id == b.id || done[pk] || a.distinct[b.id] {
					continue
				}
				done[pk] = true
				if sharesKey(a, b) {
					continue // a name-key pair already
				}
				best, found := cryo.MatchEntities(a.label, a.names, b.names)
				if !found || !pairRule(best.Rule) {
					continue
				}
				p := cryo.DuplicatePair{Kind: a.label, A: cryo.Ref{ID: a.id, Name: a.name}, B: cryo.Ref{ID: b.id, Name: b.name},
					Reasons: []string{fmt.Sprintf("%s match: %s", best.Rule, best.Detail)},
					Against: against(func(f string) string { return a.fields[f] }, func(f string) string { return b.fields[f] })}
				pairs = append(pairs, scored{p, best.Rank})
			}
		}
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i].rank != pairs[j].rank {
			return pairs[i].rank > pairs[j].rank
		}
		if pairs[i].p.A.ID != pairs[j].p.A.ID {
			return pairs[i].p.A.ID < pairs[j].p.A.ID
		}
		return pairs[i].p.B.ID < pairs[j].p.B.ID
	})
	out := make([]cryo.DuplicatePair, len(pairs))
	for i, p := range pairs {
		out[i] = p.p
	}
	return out, nil
}

// pairRule tells whether a rule is evidence enough to propose a duplicate pair.
func pairRule(rule string) bool { return rule != cryo.MatchSurname && rule != cryo.MatchAcronym }

func sharesKey(a, b *dupEntity) bool {
	for k := range a.keys {
		if b.keys[k] {
			return true
		}
	}
	return false
}

type relSnapshot struct {
	Type  string         `json:"type"`
	Out   bool           `json:"out"`
	Other string         `json:"other"`
	Props map[string]any `json:"props"`
}

type nodeSnapshot struct {
	Label string         `json:"label"`
	Props map[string]any `json:"props"`
	Rels  []relSnapshot  `json:"rels"`
}

func newMergeID() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return "merge:" + time.Now().UTC().Format("20060102T150405") + "-" + hex.EncodeToString(b[:])
}

// Merge absorbs one entity into another, in one transaction: the absorbed entity's
// relationships move to the kept one, its names become aliases, and a (:Merge) node records
// everything needed to undo it. Later imports of the absorbed id are redirected.
func (s *Store) Merge(ctx context.Context, req cryo.MergeRequest) (cryo.Merge, error) {
	m := cryo.Merge{ID: newMergeID(), Keep: req.Keep, Absorbed: req.Absorb, Reason: req.Reason, By: req.By,
		At: time.Now().UTC().Format(time.RFC3339), AddedName: []string{}}
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		m.Moved, m.AddedName = 0, []string{}
		recs, err := runTx(ctx, tx, s.Query("merge_read"), map[string]any{"keep": req.Keep, "gone": req.Absorb})
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 || get[string](recs[0], "keepLabel") == "" {
			return nil, &cryo.Error{Code: cryo.ECodeNotFound, Field: "keep", Message: fmt.Sprintf("no entity has id %q", req.Keep)}
		}
		rec := recs[0]
		if get[string](rec, "goneLabel") == "" {
			return nil, &cryo.Error{Code: cryo.ECodeNotFound, Field: "absorb", Message: fmt.Sprintf("no entity has id %q", req.Absorb)}
		}
		label := get[string](rec, "keepLabel")
		if gl := get[string](rec, "goneLabel"); gl != label {
			return nil, cryo.Invalid("absorb", "%s is a %s and %s a %s: only entities of one kind can be merged", req.Absorb, gl, req.Keep, label)
		}
		if label == "Source" || label == "Topic" {
			return nil, cryo.Invalid("absorb", "merging %s nodes is not supported", label)
		}
		snap := nodeSnapshot{Label: label, Props: get[map[string]any](rec, "goneProps")}
		for _, r := range get[[]any](rec, "rels") {
			rm := r.(map[string]any)
			props, _ := rm["props"].(map[string]any)
			snap.Rels = append(snap.Rels, relSnapshot{Type: str(rm["type"]), Out: rm["out"] == true, Other: str(rm["other"]), Props: props})
		}
		sort.Slice(snap.Rels, func(i, j int) bool {
			a, b := snap.Rels[i], snap.Rels[j]
			return a.Type+a.Other+fmt.Sprint(a.Out) < b.Type+b.Other+fmt.Sprint(b.Out)
		})
		// Names the kept entity gains.
		have := map[string]bool{}
		keepName := get[string](rec, "keepName")
		have[keepName] = true
		for _, a := range strList(get[[]any](rec, "keepAliases")) {
			have[a] = true
		}
		goneNames := append([]string{str(snap.Props["name"])}, strList(snap.Props["aliases"])...)
		for _, n := range goneNames {
			if n != "" && !have[n] {
				have[n] = true
				m.AddedName = append(m.AddedName, n)
			}
		}
		blob, err := json.Marshal(snap)
		if err != nil {
			return nil, err
		}
		for _, r := range snap.Rels {
			if r.Type == "HAS_NAME_KEY" || r.Other == req.Keep {
				continue // name keys are recomputed; links between the two vanish with the merge
			}
			q := "merge_move_rel"
			if _, keyed := r.Props["key"]; keyed {
				q = "merge_move_rel_keyed"
			}
			from, to := req.Keep, r.Other
			if !r.Out {
				from, to = r.Other, req.Keep
			}
			recs, err := runTx(ctx, tx, s.Query(q), map[string]any{
				"from": from, "to": to, "type": r.Type, "props": r.Props,
				"key": r.Props["key"], "mergeId": m.ID, "gone": req.Absorb,
			})
			if err != nil {
				return nil, err
			}
			if len(recs) == 1 && get[bool](recs[0], "moved") {
				m.Moved++
			}
		}
		keys := []string{}
		for _, k := range cryo.EntityNameKeys(label, "", m.AddedName) {
			keys = append(keys, k.Key)
		}
		if _, err := runTx(ctx, tx, s.Query("merge_apply"), map[string]any{
			"keep": req.Keep, "gone": req.Absorb, "mergeId": m.ID, "reason": req.Reason, "by": req.By,
			"at": m.At, "snapshot": string(blob), "added": m.AddedName, "nameKeys": keys, "moved": m.Moved,
		}); err != nil {
			return nil, err
		}
		return nil, nil
	})
	if err != nil {
		return cryo.Merge{}, mapErr("merge", err)
	}
	if err := s.refreshAfter(ctx); err != nil {
		return m, fmt.Errorf("merge %s is recorded, but refreshing the derived data failed (the next load, import or merge refreshes it): %w", m.ID, err)
	}
	return m, nil
}

// Unmerge undoes a merge: the absorbed entity comes back with its properties and
// relationships, and the kept one loses what the merge gave it.
func (s *Store) Unmerge(ctx context.Context, id, by string) (cryo.Merge, error) {
	var m cryo.Merge
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		recs, err := runTx(ctx, tx, "MATCH (m:Merge {id: $id}) OPTIONAL MATCH (g:Entity {id: m.gone}) RETURN m, g IS NOT NULL AS goneExists", map[string]any{"id": id})
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 {
			return nil, &cryo.Error{Code: cryo.ECodeNotFound, Field: "id", Message: fmt.Sprintf("no merge has id %q", id)}
		}
		node := get[neo4j.Node](recs[0], "m")
		m = mergeFromProps(node.Props)
		if m.UndoneAt != "" {
			return nil, cryo.Errorf(cryo.ECodeConflict, "merge %s was already undone at %s", id, m.UndoneAt)
		}
		if get[bool](recs[0], "goneExists") {
			return nil, cryo.Errorf(cryo.ECodeConflict, "an entity with id %s exists again; cannot restore it", m.Absorbed)
		}
		var snap nodeSnapshot
		if err := json.Unmarshal([]byte(str(node.Props["snapshot"])), &snap); err != nil {
			return nil, fmt.Errorf("merge %s: corrupt snapshot: %w", id, err)
		}
		name, _ := snap.Props["name"].(string)
		keys := []string{}
		for _, k := range cryo.EntityNameKeys(snap.Label, name, strList(snap.Props["aliases"])) {
			keys = append(keys, k.Key)
		}
		if _, err := runTx(ctx, tx, s.Query("unmerge_restore"), map[string]any{
			"id": id, "gone": m.Absorbed, "keep": m.Keep, "label": snap.Label, "props": snap.Props,
			"added": m.AddedName, "nameKeys": keys, "by": by, "at": time.Now().UTC().Format(time.RFC3339),
		}); err != nil {
			return nil, err
		}
		for _, r := range snap.Rels {
			if r.Type == "HAS_NAME_KEY" {
				continue
			}
			from, to := m.Absorbed, r.Other
			if !r.Out {
				from, to = r.Other, m.Absorbed
			}
			if _, err := runTx(ctx, tx, s.Query("unmerge_rel"), map[string]any{
				"from": from, "to": to, "type": r.Type, "props": r.Props,
			}); err != nil {
				return nil, err
			}
		}
		m.UndoneAt = time.Now().UTC().Format(time.RFC3339)
		return nil, nil
	})
	if err != nil {
		return cryo.Merge{}, mapErr("unmerge", err)
	}
	if err := s.refreshAfter(ctx); err != nil {
		return m, fmt.Errorf("merge %s is undone, but refreshing the derived data failed (the next load, import or merge refreshes it): %w", m.ID, err)
	}
	return m, nil
}

// Merges lists merge records, newest first.
func (s *Store) Merges(ctx context.Context, page cryo.Page) ([]cryo.Merge, error) {
	res, err := s.read(ctx, "merges_list", map[string]any{"offset": page.Offset, "limit": page.Limit})
	if err != nil {
		return nil, err
	}
	out := []cryo.Merge{}
	for _, rec := range res.Records {
		out = append(out, mergeFromProps(get[neo4j.Node](rec, "m").Props))
	}
	return out, nil
}
