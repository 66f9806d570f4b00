// Package generate writes synthetic datasets in the import format, for scale tests and
// benchmarks. Every record is marked synthetic, every name is made up, every source points to
// the reserved example.invalid domain, and the output depends only on the options (the seed
// included), so runs are reproducible.
//
// Shapes follow what real research fields look like: organization sizes and collaboration
// degrees are heavy-tailed (preferential attachment), labs sit in schools in universities,
// the topic taxonomy is four levels deep, countries have coordinates, and partnerships spread
// over twenty years.
package generate

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
)

// Options size the dataset.
type Options struct {
	People int
	Seed   uint64
	// Progress, if set, is called now and then with rows written.
	Progress func(rows int)
}

// Stats counts what was written.
type Stats struct {
	Rows          int `json:"rows"`
	Nodes         int `json:"nodes"`
	Relationships int `json:"relationships"` // including SOURCED_FROM and derived ones
}

type country struct {
	code     string
	lat, lon float64
	chinese  bool
}

var countries = []country{
	{"CN", 31.2, 121.5, true}, {"CN", 39.9, 116.4, true}, {"CN", 31.8, 117.2, true}, {"CN", 36.7, 117.0, true},
	{"US", 42.4, -71.1, false}, {"US", 37.4, -122.2, false}, {"US", 44.9, -93.2, false}, {"US", 47.6, -122.3, false},
	{"DE", 52.5, 13.4, false}, {"GB", 51.5, -0.1, false}, {"FR", 48.9, 2.3, false}, {"NL", 52.1, 5.1, false},
	{"JP", 35.7, 139.7, false}, {"KR", 37.6, 127.0, false}, {"CA", 43.7, -79.4, false}, {"AU", -33.9, 151.2, false},
	{"IT", 45.5, 9.2, false}, {"ES", 40.4, -3.7, false}, {"SE", 59.3, 18.1, false}, {"CH", 47.4, 8.5, false},
	{"IN", 12.97, 77.6, false}, {"BR", -23.5, -46.6, false}, {"SG", 1.35, 103.8, false}, {"UA", 50.0, 36.2, false},
}

// Chinese surnames and given-name characters with their pinyin; combined at random they make
// made-up names.
var (
	hanSurnames = [][2]string{{"王", "Wang"}, {"李", "Li"}, {"张", "Zhang"}, {"刘", "Liu"}, {"陈", "Chen"}, {"杨", "Yang"},
		{"赵", "Zhao"}, {"黄", "Huang"}, {"周", "Zhou"}, {"吴", "Wu"}, {"徐", "Xu"}, {"孙", "Sun"}, {"胡", "Hu"}, {"朱", "Zhu"},
		{"高", "Gao"}, {"林", "Lin"}, {"何", "He"}, {"郭", "Guo"}, {"马", "Ma"}, {"罗", "Luo"}}
	hanGiven = [][2]string{{"伟", "wei"}, {"芳", "fang"}, {"娜", "na"}, {"敏", "min"}, {"静", "jing"}, {"丽", "li"},
		{"强", "qiang"}, {"磊", "lei"}, {"洋", "yang"}, {"艳", "yan"}, {"勇", "yong"}, {"军", "jun"}, {"杰", "jie"},
		{"涛", "tao"}, {"明", "ming"}, {"超", "chao"}, {"霞", "xia"}, {"平", "ping"}, {"刚", "gang"}, {"桂", "gui"},
		{"荣", "rong"}, {"晨", "chen"}, {"宇", "yu"}, {"欣", "xin"}, {"浩", "hao"}, {"然", "ran"}}
	syllA = []string{"Ka", "Lo", "Mi", "Ta", "Ve", "Ro", "Sa", "Ne", "Do", "Fi", "Ga", "Hu", "Ju", "Pe", "Qu", "Ri", "Su", "Wo", "Ze", "Ba"}
	syllB = []string{"ren", "vik", "lan", "dor", "mek", "sil", "tar", "bel", "nos", "rik", "mar", "len", "gus", "th", "vin", "zel"}
	syllC = []string{"a", "o", "is", "en", "ar", "ell", "uin", "ova", "ez", "ski", "berg", "ton", "ley", "son", "ard", "ic"}
)

var orgWords = []string{"Boreal", "Crystal", "Meridian", "Aurora", "Polar", "Glacier", "Frost", "Tundra", "Helix", "Cobalt", "Summit", "Harbor"}

// topicWords make the synthetic taxonomy's names.
var topicWords = []string{"cryoprotection", "rewarming", "ice control", "perfusion", "vitreous storage", "membrane transport",
	"thermal modelling", "tissue banking", "cell therapy logistics", "organ transport", "nucleation", "osmotic response"}

type gen struct {
	r     *rand.Rand
	w     *bufio.Writer
	enc   *json.Encoder
	stats Stats
	opts  Options
	err   error
}

func (g *gen) row(v map[string]any) {
	if g.err != nil {
		return
	}
	if err := g.enc.Encode(v); err != nil {
		g.err = err
		return
	}
	g.stats.Rows++
	if g.opts.Progress != nil && g.stats.Rows%100000 == 0 {
		g.opts.Progress(g.stats.Rows)
	}
}

func (g *gen) pick(n int) int { return g.r.IntN(n) }

// zipf draws an index in [0, n) with a heavy tail towards 0.
func (g *gen) zipf(n int) int {
	return min(n-1, int(math.Floor(float64(n)*math.Pow(g.r.Float64(), 2.5))))
}

func (g *gen) personName(chinese bool) (name string, aliases []string) {
	if chinese {
		s := hanSurnames[g.pick(len(hanSurnames))]
		a := hanGiven[g.pick(len(hanGiven))]
		han, py := s[0]+a[0], s[1]+" "+strings.ToUpper(a[1][:1])+a[1][1:]
		if g.r.IntN(2) == 0 {
			b := hanGiven[g.pick(len(hanGiven))]
			han += b[0]
			py += b[1]
		}
		given := py[len(s[1])+1:]
		return py, []string{han, given + " " + s[1]}
	}
	first := syllA[g.pick(len(syllA))] + syllC[g.pick(len(syllC))]
	last := syllA[g.pick(len(syllA))] + syllB[g.pick(len(syllB))] + syllC[g.pick(len(syllC))]
	return first + " " + last, nil
}

func date(year, month int) string { return fmt.Sprintf("%04d-%02d", year, month) }

// Write streams a synthetic dataset of about opts.People people to w.
func Write(w io.Writer, opts Options) (Stats, error) {
	if opts.People < 1 {
		return Stats{}, fmt.Errorf("people must be at least 1")
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	g := &gen{r: rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15)), w: bw, opts: opts}
	g.enc = json.NewEncoder(bw)
	g.enc.SetEscapeHTML(false)
	g.row(map[string]any{"format": "cryograph", "version": 1})

	// Sources: one per 2,000 people, each a made-up record on the reserved .invalid domain.
	nSources := max(1, opts.People/2000)
	for i := 0; i < nSources; i++ {
		g.row(map[string]any{"type": "source", "id": fmt.Sprintf("src:syn-%d", i), "url": fmt.Sprintf("https://example.invalid/synthetic/%d", i),
			"title": fmt.Sprintf("Synthetic record %d (generated, seed %d)", i, opts.Seed), "published": date(2006+i%20, 1+i%12)})
		g.stats.Nodes++
	}
	src := func() []string { return []string{fmt.Sprintf("src:syn-%d", g.pick(nSources))} }

	// Topics: a four-level taxonomy of made-up subject areas.
	var topics []string
	var topicNames []string
	var build func(parent string, prefix string, depth int)
	build = func(parent, prefix string, depth int) {
		n := []int{6, 5, 4, 3}[depth]
		for i := 0; i < n; i++ {
			id := fmt.Sprintf("topic:syn-%s%d", prefix, i)
			name := fmt.Sprintf("Synthetic %s %s%d", topicWords[(len(topics)+i)%len(topicWords)], prefix, i)
			row := map[string]any{"type": "topic", "id": id, "name": name, "synthetic": true}
			if parent != "" {
				row["parents"] = []string{parent}
				g.stats.Relationships++
			}
			g.row(row)
			g.stats.Nodes++
			topics = append(topics, id)
			topicNames = append(topicNames, name)
			if depth < 3 {
				build(id, fmt.Sprintf("%s%d.", prefix, i), depth+1)
			}
		}
	}
	build("", "", 0)

	// Organizations: universities with schools and labs, companies, hospitals, societies.
	type org struct {
		id      string
		country country
		kind    string
	}
	var units []org // where people work, heavy-tailed in size
	nUnis := max(2, opts.People/400)
	orgRow := func(id, name, kind string, c country, parent string) {
		row := map[string]any{"type": "organization", "id": id, "name": name, "kind": kind, "country": c.code,
			"lat": math.Round((c.lat+g.r.NormFloat64()*0.5)*1e4) / 1e4, "lon": math.Round((c.lon+g.r.NormFloat64()*0.5)*1e4) / 1e4,
			"founded": fmt.Sprint(1900 + g.pick(120)), "synthetic": true, "sources": src()}
		g.row(row)
		g.stats.Nodes++
		g.stats.Relationships++ // SOURCED_FROM
		if parent != "" {
			g.row(map[string]any{"type": "link", "rel": "PART_OF", "from": id, "to": parent, "synthetic": true, "sources": src()})
			g.stats.Relationships++
		}
	}
	for u := 0; u < nUnis; u++ {
		c := countries[g.pick(len(countries))]
		word := orgWords[g.pick(len(orgWords))]
		uid := fmt.Sprintf("org:syn-u%d", u)
		orgRow(uid, fmt.Sprintf("%s University of %s %d (synthetic)", word, c.code, u), "university", c, "")
		for s := 0; s < 1+g.pick(3); s++ {
			sid := fmt.Sprintf("%s-s%d", uid, s)
			orgRow(sid, fmt.Sprintf("School %d of %s University %d (synthetic)", s, word, u), "school", c, uid)
			for l := 0; l < 1+g.pick(4); l++ {
				lid := fmt.Sprintf("%s-l%d", sid, l)
				orgRow(lid, fmt.Sprintf("%s Lab %d.%d.%d (synthetic)", topicWords[g.pick(len(topicWords))], u, s, l), "lab", c, sid)
				units = append(units, org{lid, c, "lab"})
			}
		}
	}
	for i := 0; i < max(1, opts.People/1500); i++ {
		c := countries[g.pick(len(countries))]
		kind := []string{"company", "company", "hospital", "institute"}[g.pick(4)]
		id := fmt.Sprintf("org:syn-%s%d", kind[:1], i)
		orgRow(id, fmt.Sprintf("%s %s %d (synthetic)", orgWords[g.pick(len(orgWords))], map[string]string{"company": "Cryo Ltd", "hospital": "Hospital", "institute": "Institute"}[kind], i), kind, c, "")
		units = append(units, org{id, c, kind})
	}
	societies := max(1, opts.People/50000)
	for i := 0; i < societies; i++ {
		orgRow(fmt.Sprintf("org:syn-soc%d", i), fmt.Sprintf("Synthetic Society for Low-Temperature Science %d", i), "society", countries[g.pick(len(countries))], "")
	}

	// People: each in one or two units (preferential: big units grow bigger), on one to four
	// topics near each other in the taxonomy.
	people := make([]string, 0, opts.People)
	for p := 0; p < opts.People; p++ {
		u := units[g.zipf(len(units))]
		name, aliases := g.personName(u.country.chinese || g.r.IntN(10) == 0)
		id := fmt.Sprintf("person:syn-%d", p)
		row := map[string]any{"type": "person", "id": id, "name": name, "country": u.country.code, "synthetic": true, "sources": src()}
		if len(aliases) > 0 {
			row["aliases"] = aliases
		}
		g.row(row)
		g.stats.Nodes++
		g.stats.Relationships++
		people = append(people, id)
		since := 2000 + g.pick(24)
		g.row(map[string]any{"type": "link", "rel": "AFFILIATED_WITH", "from": id, "to": u.id, "title": []string{"professor", "researcher", "postdoc", "engineer", "director"}[g.pick(5)],
			"since": fmt.Sprint(since), "synthetic": true, "sources": src()})
		g.stats.Relationships++
		if g.r.IntN(5) == 0 {
			u2 := units[g.zipf(len(units))]
			if u2.id != u.id {
				g.row(map[string]any{"type": "link", "rel": "AFFILIATED_WITH", "from": id, "to": u2.id, "title": "visiting researcher",
					"since": fmt.Sprint(since + g.pick(3)), "synthetic": true, "sources": src()})
				g.stats.Relationships++
			}
		}
		if g.r.IntN(50) == 0 {
			g.row(map[string]any{"type": "link", "rel": "MEMBER_OF", "from": id, "to": fmt.Sprintf("org:syn-soc%d", g.pick(societies)), "synthetic": true, "sources": src()})
			g.stats.Relationships++
		}
		base := g.zipf(len(topics))
		seen := map[int]bool{}
		for k := 0; k < 1+g.pick(4); k++ {
			t := min(len(topics)-1, base+g.pick(4))
			if seen[t] {
				continue
			}
			seen[t] = true
			g.row(map[string]any{"type": "link", "rel": "WORKS_ON", "from": id, "to": topics[t], "synthetic": true, "sources": src()})
			g.stats.Relationships++
		}
	}

	// Publications: co-authorship with heavy-tailed degrees (authors drawn by preferential
	// attachment over the people so far).
	for i := 0; i < opts.People*3/4; i++ {
		id := fmt.Sprintf("pub:syn-%d", i)
		year := 2006 + g.pick(20)
		g.row(map[string]any{"type": "publication", "id": id, "title": fmt.Sprintf("Synthetic study %d on %s", i, topicWords[g.pick(len(topicWords))]),
			"published": fmt.Sprint(year), "synthetic": true, "sources": src()})
		g.stats.Nodes++
		g.stats.Relationships++
		var authors []int // a slice, not a map: the output order must not depend on map order
		for a := 0; a < 1+g.pick(4); a++ {
			if p := g.zipf(len(people)); !slices.Contains(authors, p) {
				authors = append(authors, p)
			}
		}
		for _, a := range authors {
			g.row(map[string]any{"type": "link", "rel": "AUTHORED", "from": people[a], "to": id, "synthetic": true, "sources": src()})
			g.stats.Relationships++
		}
		g.row(map[string]any{"type": "link", "rel": "ABOUT", "from": id, "to": topics[g.zipf(len(topics))], "synthetic": true, "sources": src()})
		g.stats.Relationships++
	}

	// Partnerships between units over twenty years, and the visits that led to some of them.
	kinds := []string{"visit_exchange", "research_cooperation", "cooperation_agreement", "mou", "joint_lab", "joint_grant", "supplier"}
	for i := 0; i < max(1, opts.People/20); i++ {
		a, b := units[g.zipf(len(units))], units[g.pick(len(units))]
		if a.id == b.id {
			continue
		}
		start := 2006 + g.pick(20)
		id := fmt.Sprintf("pship:syn-%d", i)
		row := map[string]any{"type": "partnership", "id": id, "name": fmt.Sprintf("Synthetic partnership %d", i),
			"kind": kinds[g.pick(len(kinds))], "status": []string{"agreed", "active", "ended"}[g.pick(3)], "start": date(start, 1+g.pick(12)),
			"parties":   []map[string]any{{"id": a.id}, {"id": b.id}, {"id": people[g.zipf(len(people))]}},
			"topics":    []string{topics[g.zipf(len(topics))]},
			"synthetic": true, "sources": src()}
		if row["status"] == "ended" {
			row["end"] = fmt.Sprint(min(2025, start+1+g.pick(5)))
		}
		g.row(row)
		g.stats.Nodes++
		g.stats.Relationships += 5
		if g.r.IntN(3) == 0 {
			eid := fmt.Sprintf("event:syn-%d", i)
			g.row(map[string]any{"type": "event", "id": eid, "name": fmt.Sprintf("Synthetic visit %d", i), "kind": "visit",
				"start": date(start, 1+g.pick(12)), "synthetic": true, "sources": src()})
			g.row(map[string]any{"type": "link", "rel": "RESULTED_IN", "from": eid, "to": id, "synthetic": true, "sources": src()})
			g.row(map[string]any{"type": "link", "rel": "PARTICIPATED_IN", "from": a.id, "to": eid, "role": "visitor", "synthetic": true, "sources": src()})
			g.stats.Nodes++
			g.stats.Relationships += 4
		}
	}
	if g.err == nil {
		g.err = bw.Flush()
	}
	return g.stats, g.err
}
