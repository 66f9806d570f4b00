package store

// Curation: which entities a name may mean (Resolve) and candidate duplicates; explicit
// merges and their undoing are in curation_merges.go.

import (
	"context"
	"fmt"
	"sort"
	"strings"
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
