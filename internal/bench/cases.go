package bench

import (
	"fmt"
	"strings"
)

// EndpointIDs are the entities the timed requests ask about.
type EndpointIDs struct {
	Person, Other string // a person for profile and suggestions; the path runs Person -> Other
	Topic         string // a topic id for expert search
	Query         string // one search-box word
	MapAsOf       string // the partnership map's as-of date; "" for no filter
}

// EndpointCases are the main endpoints, each with the Cypher it runs as the store runs it, so
// the API and the raw driver can be timed on the same work ('cryograph-bench api' and BenchmarkEndpoints).
func EndpointCases(id EndpointIDs) []Case {
	labels := []string{"Person", "Organization", "Topic", "Event", "Partnership"}
	mapPath := "/api/v1/partnerships/map"
	var asOf any
	if id.MapAsOf != "" {
		mapPath += "?asOf=" + id.MapAsOf
		asOf = id.MapAsOf
	}
	return []Case{
		{Name: "expert search", Method: "GET", Path: "/api/v1/experts?topic=" + id.Topic, Raw: []Query{
			{Name: "experts_by_topic", Params: map[string]any{"topic": id.Topic, "topicIds": []string{}, "personIds": []string{}, "offset": 0, "limit": 20,
				"country": nil, "organization": nil, "orgKind": nil, "since": nil, "ingestedKeys": []string{"openalex"}, "topWorks": 3, "maxIngestedSources": 20}}}},
		{Name: "profile", Method: "GET", Path: "/api/v1/people/" + id.Person, Raw: []Query{
			{Name: "person_profile", Params: map[string]any{"id": id.Person}}}},
		{Name: "suggestions", Method: "GET", Path: "/api/v1/people/" + id.Person + "/suggestions", Raw: []Query{
			{Name: "suggestions", Params: map[string]any{"id": id.Person, "topic": nil, "country": nil, "excludeOwn": true, "limit": 10, "fanout": 100, "perItem": 10}}}},
		{Name: "path", Method: "GET", Path: "/api/v1/paths?from=" + id.Person + "&to=" + id.Other, Raw: []Query{
			{Name: "paths", Params: map[string]any{"from": id.Person, "to": id.Other, "avoidHubs": false, "hubDegree": 25},
				// As store.Paths fills them for k=3: up to 10 candidates a path (pathCandidates).
				Fill: func(q string) string {
					return strings.NewReplacer("{K}", "3", "{CANDIDATES}", "30", "{MAXLEN}", "4").Replace(q)
				}}}},
		{Name: "partnership map", Method: "GET", Path: mapPath, Raw: []Query{
			{Name: "partnership_map", Params: map[string]any{"topic": nil, "country": nil, "orgKind": nil, "type": nil,
				"from": nil, "to": nil, "asOf": asOf, "level": "institution"}}}},
		{Name: "global search", Method: "GET", Path: "/api/v1/search?q=" + id.Query, Raw: []Query{
			{Name: "search", Params: map[string]any{"lucene": fmt.Sprintf("(%s^4 OR %s*^2 OR %s~1)", id.Query, id.Query, id.Query), "labels": labels, "limit": 10}}}},
	}
}
