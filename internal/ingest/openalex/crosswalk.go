package openalex

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	openalexdata "github.com/cryograph/cryograph/data/openalex"
)

// Crosswalk maps OpenAlex topics and keywords onto CryoGraph's topic ids
// (data/openalex/crosswalk.json is the shipped one).
type Crosswalk struct {
	Version string `json:"version"`
	// Topics maps OpenAlex topic ids (T10102) to topic ids.
	Topics map[string]string `json:"topics"`
	// TopicNames maps OpenAlex topic display names, lower-case, to topic ids.
	TopicNames map[string]string `json:"topic_names"`
	// Keywords maps OpenAlex keyword (and legacy concept) display names, lower-case, to
	// topic ids.
	Keywords map[string]string `json:"keywords"`
	// Terms map, in order, any topic, keyword or concept name that contains a term (lower
	// case) to a topic id: the general case the exact names above cannot list, such as
	// every topic name with "vitrif" in it. The first term that matches wins.
	Terms []Term `json:"terms"`
}

// Term maps names containing Contains to Topic.
type Term struct {
	Contains string `json:"contains"`
	Topic    string `json:"topic"`
}

// byName maps a topic, keyword or concept name: exactly (names), else by the first term it
// contains.
func (c *Crosswalk) byName(names map[string]string, name string) string {
	key := nameKey(name)
	if t := names[key]; t != "" {
		return t
	}
	for _, t := range c.Terms {
		if strings.Contains(key, t.Contains) {
			return t.Topic
		}
	}
	return ""
}

// DefaultCrosswalk is the shipped crosswalk.
func DefaultCrosswalk() (*Crosswalk, error) {
	return ParseCrosswalk(openalexdata.Crosswalk)
}

// ParseCrosswalk reads a crosswalk file and normalises its keys.
func ParseCrosswalk(data []byte) (*Crosswalk, error) {
	var c Crosswalk
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("openalex crosswalk: %w", err)
	}
	if c.Version == "" {
		return nil, fmt.Errorf("openalex crosswalk: no version")
	}
	norm := func(m map[string]string, key func(string) string) map[string]string {
		out := make(map[string]string, len(m))
		for k, v := range m {
			if !strings.HasPrefix(v, "topic:") {
				continue
			}
			out[key(k)] = v
		}
		return out
	}
	c.Topics = norm(c.Topics, ShortID)
	c.TopicNames = norm(c.TopicNames, nameKey)
	c.Keywords = norm(c.Keywords, nameKey)
	terms := c.Terms[:0]
	for _, t := range c.Terms {
		if t.Contains = nameKey(t.Contains); t.Contains != "" && strings.HasPrefix(t.Topic, "topic:") {
			terms = append(terms, t)
		}
	}
	c.Terms = terms
	return &c, nil
}

func nameKey(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(strings.ReplaceAll(s, "-", " "))), " ")
}

// Targets are the topic ids the crosswalk maps to, sorted.
func (c *Crosswalk) Targets() []string {
	set := map[string]bool{}
	for _, m := range []map[string]string{c.Topics, c.TopicNames, c.Keywords} {
		for _, v := range m {
			set[v] = true
		}
	}
	for _, t := range c.Terms {
		set[t.Topic] = true
	}
	out := make([]string, 0, len(set))
	for v := range set {
		out = append(out, v)
	}
	sort.Strings(out)
	return out
}

// Mapped is a CryoGraph topic a work is about, with the highest score of what mapped to it.
type Mapped struct {
	Topic string
	Score float64
}

// Map maps a work's topics and keywords: the CryoGraph topics (in the order first mapped)
// and the OpenAlex topics that mapped to none ("T10102 scientometrics and bibliometrics
// research"). ok tells whether a topic id is usable (it exists in the graph or the input).
func (c *Crosswalk) Map(rec *Record, ok func(string) bool) (mapped []Mapped, unmapped []string) {
	at := map[string]int{}
	add := func(topic string, score float64) bool {
		if topic == "" || !ok(topic) {
			return false
		}
		if i, seen := at[topic]; seen {
			mapped[i].Score = max(mapped[i].Score, score)
			return true
		}
		at[topic] = len(mapped)
		mapped = append(mapped, Mapped{topic, score})
		return true
	}
	for _, t := range rec.Topics {
		id := ShortID(t.ID)
		target := c.Topics[id]
		if target == "" {
			target = c.byName(c.TopicNames, t.DisplayName)
		}
		if !add(target, clamp(float64(t.Score))) {
			unmapped = append(unmapped, strings.TrimSpace(id+" "+t.DisplayName))
		}
	}
	for _, k := range rec.Keywords {
		target := c.byName(c.Keywords, k.DisplayName)
		if target == "" {
			if i := strings.LastIndex(k.ID, "/keywords/"); i >= 0 {
				target = c.byName(c.Keywords, k.ID[i+len("/keywords/"):])
			}
		}
		add(target, clamp(float64(k.Score)))
	}
	// Legacy concepts (works of older snapshots and of the API before topics) map like
	// keywords; those that map nothing are not kept (a work has dozens).
	for _, k := range rec.Concepts {
		add(c.byName(c.Keywords, k.DisplayName), clamp(float64(k.Score)))
	}
	return mapped, unmapped
}

func clamp(f float64) float64 {
	return min(max(f, 0), 1)
}
