package store

// Expert search: the people who work on a topic or match free text, with their evidence.

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// ExpertsByTopic lists the people who work on a topic or its subtopics, with their current
// institutions and the sourced evidence for each match. The topic is resolved by the same
// query that ranks the experts, so a question by topic is one round trip; free text (q) adds
// the search box's query before it. What the free text searches and how its hits count is
// the query's to say (cryo.ExpertQuery.TextSearch, TextMatches); the store runs the queries.
func (s *Store) ExpertsByTopic(ctx context.Context, q cryo.ExpertQuery) (cryo.ExpertResult, error) {
	out := cryo.ExpertResult{Limit: q.Limit, Offset: q.Offset, Experts: []cryo.Expert{}, Topics: []cryo.Ref{}}
	searched, personIDs := []cryo.Ref{}, []string{}
	if sq, ok := q.TextSearch(); ok {
		hits, err := s.Search(ctx, sq)
		if err != nil {
			return out, err
		}
		searched, personIDs = q.TextMatches(hits)
	}
	searchedIDs := make([]string, len(searched))
	for i, t := range searched {
		searchedIDs[i] = t.ID
	}
	res, err := s.read(ctx, "experts_by_topic", map[string]any{
		"topic": orNull(q.Topic), "topicIds": searchedIDs, "personIds": personIDs, "offset": q.Offset, "limit": q.Limit,
		"country": orNull(q.Country), "organization": orNull(q.Organization), "orgKind": orNull(q.OrgKind), "since": orNull(q.Since),
		"ingestedKeys": cryo.IngestedKeys, "topWorks": cryo.MaxTopWorks, "maxIngestedSources": maxIngestedSources,
	})
	if err != nil {
		return out, err
	}
	if q.Topic != "" {
		// The query returns at least one row, each naming the resolved topic (null: none).
		if len(res.Records) == 0 || get[string](res.Records[0], "topicId") == "" {
			return out, &cryo.Error{Code: cryo.ECodeNotFound, Field: "topic",
				Message: fmt.Sprintf("no topic is named %q", q.Topic), Err: cryo.Named(cryo.ErrTopicNotFound, q.Topic)}
		}
		out.Topics = append(out.Topics, cryo.Ref{ID: get[string](res.Records[0], "topicId"), Name: get[string](res.Records[0], "topicName")})
	}
	out.Topics = append(out.Topics, searched...)
	out.Experts, out.Total = decodeExperts(res.Records)
	return out, nil
}

// maxIngestedSources bounds the sources an ingested WORKS_ON lists in an expert's evidence:
// they are its works' sources, which may be many; the top works list their own.
const maxIngestedSources = 20

// decodeExperts turns the query's rows into experts, and reads the total. Everything is sized
// from the rows, and an expert's sources are found by binary search: at one client, this
// work is on each request's path (docs/benchmarks.md).
func decodeExperts(recs []*neo4j.Record) ([]cryo.Expert, int) {
	experts, total := make([]cryo.Expert, 0, len(recs)), 0
	for _, rec := range recs {
		total = int(get[int64](rec, "total"))
		if get[string](rec, "id") == "" {
			continue // the empty page's (or no match's) placeholder row
		}
		insts, matched := get[[]any](rec, "institutions"), get[[]any](rec, "matchedTopics")
		evidence, topWorks := get[[]any](rec, "evidence"), get[[]any](rec, "topWorks")
		e := cryo.Expert{
			ID:           get[string](rec, "id"),
			Name:         get[string](rec, "name"),
			Country:      get[string](rec, "country"),
			Works:        int(get[int64](rec, "works")),
			LatestYear:   int(get[int64](rec, "latest")),
			TopicScore:   num(rec.AsMap()["worksScore"]),
			Institutions: make([]cryo.Institution, 0, len(insts)),
		}
		for _, m := range insts {
			e.Institutions = append(e.Institutions, decodeInstitution(m.(map[string]any)))
		}
		if len(matched) > 0 {
			e.MatchedTopics = make([]cryo.Ref, 0, len(matched))
		}
		for _, m := range matched {
			e.MatchedTopics = append(e.MatchedTopics, decodeRef(m))
		}
		for _, m := range get[[]any](rec, "workTopics") { // topics matched by works alone count too
			if r := decodeRef(m); !slices.ContainsFunc(e.MatchedTopics, func(x cryo.Ref) bool { return x.ID == r.ID }) {
				e.MatchedTopics = append(e.MatchedTopics, r)
			}
		}
		srcs := get[[]any](rec, "sources")
		sources := make([]cryo.Source, 0, len(srcs))
		for _, m := range srcs {
			sources = append(sources, decodeSource(m.(map[string]any)))
		}
		slices.SortFunc(sources, func(a, b cryo.Source) int { return strings.Compare(a.ID, b.ID) })
		if n := len(evidence) + len(topWorks); n > 0 {
			e.Evidence = make([]cryo.Evidence, 0, n)
		}
		for _, m := range evidence {
			ev := decodeEvidence(m.(map[string]any), sources)
			if !ev.Ingested {
				e.Facts++
			}
			e.TopicScore = max(e.TopicScore, ev.Score)
			e.Evidence = append(e.Evidence, ev)
		}
		e.EvidenceCount = e.Facts + e.Works
		sortExpert(&e)
		for _, m := range topWorks { // in the query's order: latest first
			e.Evidence = append(e.Evidence, decodeEvidence(m.(map[string]any), sources))
		}
		experts = append(experts, e)
	}
	return experts, total
}

// decodeEvidence reads one piece of an expert's evidence, its sources found by binary search
// in sources (sorted by id).
func decodeEvidence(mm map[string]any, sources []cryo.Source) cryo.Evidence {
	ids, _ := mm["sourceIds"].([]any)
	ev := cryo.Evidence{
		Via:       str(mm["via"]),
		Uncertain: mm["uncertain"] == true,
		Note:      str(mm["note"]),
		Ingested:  mm["ingested"] == true,
		Score:     num(mm["score"]),
		Sources:   make([]cryo.Source, 0, len(ids)),
	}
	if mm["topic"] != nil {
		t := decodeRef(mm["topic"])
		ev.Topic = &t
	}
	if mm["through"] != nil {
		r := decodeRef(mm["through"])
		ev.Through = &r
	}
	if w, ok := mm["work"].(map[string]any); ok {
		ev.Work = decodeWork(w)
	}
	for _, id := range ids {
		if i, ok := slices.BinarySearchFunc(sources, str(id), func(s cryo.Source, id string) int { return strings.Compare(s.ID, id) }); ok {
			ev.Sources = append(ev.Sources, sources[i])
		}
	}
	// A work's source may also be its authorship's: each once, in id order.
	slices.SortFunc(ev.Sources, func(a, b cryo.Source) int { return strings.Compare(a.ID, b.ID) })
	ev.Sources = slices.CompactFunc(ev.Sources, func(a, b cryo.Source) bool { return a.ID == b.ID })
	return ev
}

// sortExpert fixes the order of the lists Cypher's collect() leaves unordered, so equal
// questions get byte-identical answers.
func sortExpert(e *cryo.Expert) {
	slices.SortFunc(e.Institutions, func(a, b cryo.Institution) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(e.MatchedTopics, func(a, b cryo.Ref) int { return strings.Compare(a.ID, b.ID) })
	// Evidence by "topic\x00via\x00through" (the parts it has), each key built once.
	type keyed struct {
		key string
		ev  cryo.Evidence
	}
	ks := make([]keyed, len(e.Evidence))
	for i, ev := range e.Evidence {
		k := ev.Via
		if ev.Topic != nil {
			k = ev.Topic.ID + "\x00" + k
		}
		if ev.Through != nil {
			k += "\x00" + ev.Through.ID
		}
		ks[i] = keyed{k, ev}
	}
	slices.SortFunc(ks, func(a, b keyed) int { return strings.Compare(a.key, b.key) })
	for i := range ks {
		e.Evidence[i] = ks[i].ev
	}
}
