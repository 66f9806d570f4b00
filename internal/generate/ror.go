package generate

import (
	"archive/zip"
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strings"
)

// RORSyntheticPrefix starts the ids of synthetic ROR records (https://ror.org/synthetic-NNNNNN):
// real ROR ids are 9 characters, 0 then digits and lower-case letters, so such an id can never
// be a real one (docs/ror.md, "Synthetic records"). It is the same prefix as
// ror.SyntheticPrefix; generate does not import the ingest.
const RORSyntheticPrefix = "synthetic-"

// RORSchemaEntry is the name of the JSON entry of a synthetic dump written as a .zip, after
// the *_schema_v2.json entry of ROR's release archives.
const RORSchemaEntry = "synthetic-ror-data_schema_v2.json"

// RORStats counts what a synthetic ROR dump holds.
type RORStats struct {
	Records       int `json:"records"`
	Relationships int `json:"relationships"` // as listed, both sides counted
	Inactive      int `json:"inactive"`
	Withdrawn     int `json:"withdrawn"`
}

// rorRecord is one record of ROR schema v2, with the fields a dump carries.
type rorRecord struct {
	ID            string        `json:"id"`
	Names         []rorName     `json:"names"`
	Types         []string      `json:"types"`
	Status        string        `json:"status"`
	Established   *int          `json:"established"`
	Domains       []string      `json:"domains"`
	Locations     []rorLocation `json:"locations"`
	Relationships []rorRel      `json:"relationships"`
	ExternalIDs   []rorExtID    `json:"external_ids"`
	Links         []rorLink     `json:"links"`
	Admin         rorAdmin      `json:"admin"`
}

type rorName struct {
	Value string   `json:"value"`
	Lang  *string  `json:"lang"`
	Types []string `json:"types"`
}

type rorLocation struct {
	GeonamesID      int         `json:"geonames_id"`
	GeonamesDetails rorGeonames `json:"geonames_details"`
}

type rorGeonames struct {
	Name            string  `json:"name"`
	CountryCode     string  `json:"country_code"`
	CountryName     string  `json:"country_name"`
	SubdivisionCode string  `json:"country_subdivision_code"`
	SubdivisionName string  `json:"country_subdivision_name"`
	ContinentCode   string  `json:"continent_code"`
	ContinentName   string  `json:"continent_name"`
	Lat             float64 `json:"lat"`
	Lng             float64 `json:"lng"`
}

type rorRel struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Type  string `json:"type"`
}

type rorExtID struct {
	Type      string   `json:"type"`
	All       []string `json:"all"`
	Preferred *string  `json:"preferred"`
}

type rorLink struct {
	Type  string `json:"type"`
	Value string `json:"value"`
}

type rorDate struct {
	Date          string `json:"date"`
	SchemaVersion string `json:"schema_version"`
}

type rorAdmin struct {
	Created      rorDate `json:"created"`
	LastModified rorDate `json:"last_modified"`
}

// rorPlace is a made-up city in one of the generator's countries.
type rorPlace struct {
	c                country
	city, subdiv     string
	geonamesID       int
	lat, lon         float64
	countryName, cnt string
}

var countryNames = map[string][2]string{
	"CN": {"China", "AS"}, "US": {"United States", "NA"}, "DE": {"Germany", "EU"}, "GB": {"United Kingdom", "EU"},
	"FR": {"France", "EU"}, "NL": {"The Netherlands", "EU"}, "JP": {"Japan", "AS"}, "KR": {"South Korea", "AS"},
	"CA": {"Canada", "NA"}, "AU": {"Australia", "OC"}, "IT": {"Italy", "EU"}, "ES": {"Spain", "EU"},
	"SE": {"Sweden", "EU"}, "CH": {"Switzerland", "EU"}, "IN": {"India", "AS"}, "BR": {"Brazil", "SA"},
	"SG": {"Singapore", "AS"}, "UA": {"Ukraine", "EU"},
}

var continentNames = map[string]string{"AS": "Asia", "NA": "North America", "EU": "Europe", "OC": "Oceania", "SA": "South America"}

// rorKinds are (ROR types, English pattern, Chinese suffix); %s is the made-up root name.
var rorKinds = []struct {
	types   []string
	pattern string
	zh      string
}{
	{[]string{"education"}, "%s University", "大学"},
	{[]string{"education", "funder"}, "University of %s", "大学"},
	{[]string{"healthcare"}, "%s Cryomedicine Hospital", "医院"},
	{[]string{"facility"}, "%s Low Temperature Laboratory", "低温实验室"},
	{[]string{"nonprofit"}, "%s Society for Cryobiology", "学会"},
	{[]string{"company"}, "%s Cryo Systems", "公司"},
	{[]string{"government"}, "%s Ministry of Science", "科学部"},
	{[]string{"funder", "government"}, "%s Research Council", "研究理事会"},
	{[]string{"archive"}, "%s Biobank Archive", "生物样本库"},
	{[]string{"other"}, "%s Cryogenics Consortium", "联盟"},
}

// childPatterns name sub-units (facility, education) of a parent.
var childPatterns = []string{"Institute of %s of %s", "%s Department, %s", "%s Centre of %s"}

// WriteROR streams a synthetic ROR data dump (schema v2, a JSON array, one record a line) of n
// records to w: made-up names (English, with a Chinese label for Chinese places, and an
// acronym), ROR types, GeoNames-shaped locations with coordinates, parent/child, related and
// predecessor/successor relationships among the records (listed on both sides, as ROR does),
// external ids and links on reserved or synthetic values, establishment years, statuses (about
// 4 % inactive, 2 % withdrawn) and admin dates. The same seed gives the same bytes.
func WriteROR(w io.Writer, n int, seed uint64) (RORStats, error) {
	if n < 1 {
		return RORStats{}, fmt.Errorf("ror: records must be at least 1")
	}
	r := rand.New(rand.NewPCG(seed, seed^0x5851f42d4c957f2d))
	id := func(i int) string { return fmt.Sprintf("https://ror.org/%s%06d", RORSyntheticPrefix, i+1) }

	// Places: a few made-up cities per country, with a subdivision and coordinates near the
	// country's anchor.
	var places []rorPlace
	for ci, c := range countries {
		for k := 0; k < 6; k++ {
			cn := countryNames[c.code]
			places = append(places, rorPlace{c: c,
				city:       syllA[(ci+k*3)%len(syllA)] + syllB[(ci*5+k)%len(syllB)] + " City",
				subdiv:     syllA[(ci*7+k)%len(syllA)] + syllC[(ci+k)%len(syllC)] + " Province",
				geonamesID: 90_000_000 + ci*100 + k,
				lat:        math.Round((c.lat+r.NormFloat64()*0.8)*1e5) / 1e5, lon: math.Round((c.lon+r.NormFloat64()*0.8)*1e5) / 1e5,
				countryName: cn[0], cnt: cn[1]})
		}
	}

	// The structure first (small: a few ints a record), so that each record lists both sides
	// of its relationships: about a quarter of records are units of an earlier top-level one.
	parent := make([]int32, n)
	place := make([]int32, n)
	kind := make([]int8, n)
	status := make([]int8, n) // 0 active, 1 inactive, 2 withdrawn
	children := map[int32][]int32{}
	related := map[int32][]int32{}
	succ := map[int32]int32{} // predecessor -> successor
	pred := map[int32]int32{}
	var tops []int32
	for i := 0; i < n; i++ {
		parent[i] = -1
		switch x := r.Float64(); {
		case x < 0.04:
			status[i] = 1
		case x < 0.06:
			status[i] = 2
		}
		if len(tops) > 0 && r.Float64() < 0.25 {
			p := tops[r.IntN(len(tops))]
			parent[i], place[i] = p, place[p]
			children[p] = append(children[p], int32(i))
			kind[i] = -1 // a unit
		} else {
			place[i] = int32(r.IntN(len(places)))
			kind[i] = int8(r.IntN(len(rorKinds)))
			tops = append(tops, int32(i))
		}
	}
	for i := 1; i < n; i++ {
		if r.Float64() < 0.05 { // related to an earlier record in the same country
			j := int32(r.IntN(i))
			if j != int32(i) && parent[i] != j && parent[j] != int32(i) && places[place[j]].c.code == places[place[i]].c.code {
				related[int32(i)] = append(related[int32(i)], j)
				related[j] = append(related[j], int32(i))
			}
		}
		if status[i] == 0 && r.Float64() < 0.03 { // succeeded an earlier inactive record
			j := int32(r.IntN(i))
			if _, taken := succ[j]; !taken && status[j] == 1 {
				succ[j], pred[int32(i)] = int32(i), j
			}
		}
	}

	// Names: a root made of syllables, unique within the dump by its index.
	root := func(i int) string {
		return syllA[i%len(syllA)] + syllB[(i/len(syllA))%len(syllB)] + syllC[(i/(len(syllA)*len(syllB)))%len(syllC)] +
			fmt.Sprintf(" %d", i+1)
	}
	var display func(i int) string
	display = func(i int) string {
		if parent[i] >= 0 {
			p := int(parent[i])
			return fmt.Sprintf(childPatterns[i%len(childPatterns)], topicWords[i%len(topicWords)]+" "+root(i), display(p))
		}
		return fmt.Sprintf(rorKinds[kind[i]].pattern, root(i))
	}

	bw := bufio.NewWriterSize(w, 1<<20)
	st := RORStats{}
	en, zh := "en", "zh"
	_, _ = bw.WriteString("[\n")
	for i := 0; i < n; i++ {
		pl := places[place[i]]
		name := display(i)
		rec := rorRecord{ID: id(i), Domains: []string{}}
		rec.Names = []rorName{{Value: name, Lang: &en, Types: []string{"ror_display", "label"}}}
		if pl.c.chinese {
			suffix := "研究所"
			if parent[i] < 0 {
				suffix = rorKinds[kind[i]].zh
			}
			rec.Names = append(rec.Names, rorName{Value: "合成" + hanSurnames[i%len(hanSurnames)][0] + hanGiven[(i/7)%len(hanGiven)][0] +
				suffix + fmt.Sprint(i+1), Lang: &zh, Types: []string{"label"}})
		}
		rec.Names = append(rec.Names, rorName{Value: acronym(name), Types: []string{"acronym"}})
		if r.Float64() < 0.3 {
			rec.Names = append(rec.Names, rorName{Value: "The " + name, Lang: &en, Types: []string{"alias"}})
		}
		if parent[i] >= 0 {
			rec.Types = []string{"facility"}
			if r.IntN(2) == 0 {
				rec.Types = []string{"education"}
			}
		} else {
			rec.Types = rorKinds[kind[i]].types
		}
		rec.Status = []string{"active", "inactive", "withdrawn"}[status[i]]
		switch status[i] {
		case 1:
			st.Inactive++
		case 2:
			st.Withdrawn++
		}
		if r.Float64() < 0.85 {
			y := 1850 + r.IntN(172)
			rec.Established = &y
		}
		rec.Locations = []rorLocation{{GeonamesID: pl.geonamesID, GeonamesDetails: rorGeonames{
			Name: pl.city, CountryCode: pl.c.code, CountryName: pl.countryName, SubdivisionName: pl.subdiv,
			SubdivisionCode: pl.c.code + "-" + strings.ToUpper(pl.subdiv[:2]), ContinentCode: pl.cnt, ContinentName: continentNames[pl.cnt],
			Lat: pl.lat, Lng: pl.lon}}}
		rel := func(j int32, typ string) {
			rec.Relationships = append(rec.Relationships, rorRel{ID: id(int(j)), Label: display(int(j)), Type: typ})
		}
		if parent[i] >= 0 {
			rel(parent[i], "parent")
		}
		for _, c := range children[int32(i)] {
			rel(c, "child")
		}
		for _, j := range related[int32(i)] {
			rel(j, "related")
		}
		if j, ok := succ[int32(i)]; ok {
			rel(j, "successor")
		}
		if j, ok := pred[int32(i)]; ok {
			rel(j, "predecessor")
		}
		if rec.Relationships == nil {
			rec.Relationships = []rorRel{}
		}
		st.Relationships += len(rec.Relationships)
		syn := fmt.Sprintf("%s%06d", RORSyntheticPrefix, i+1)
		rec.ExternalIDs = []rorExtID{{Type: "grid", All: []string{"grid." + syn}, Preferred: ptr("grid." + syn)}}
		if r.Float64() < 0.6 {
			rec.ExternalIDs = append(rec.ExternalIDs, rorExtID{Type: "wikidata", All: []string{fmt.Sprintf("Q0%09d", i+1)}})
		}
		if r.Float64() < 0.3 {
			rec.ExternalIDs = append(rec.ExternalIDs, rorExtID{Type: "isni", All: []string{"isni-" + syn}})
		}
		if hasStr(rec.Types, "funder") {
			rec.ExternalIDs = append(rec.ExternalIDs, rorExtID{Type: "fundref", All: []string{"fundref-" + syn}})
		}
		rec.Links = []rorLink{{Type: "website", Value: "https://" + syn + ".example"}}
		if r.Float64() < 0.4 {
			rec.Links = append(rec.Links, rorLink{Type: "wikipedia", Value: "https://en.wikipedia.invalid/wiki/" + syn})
		}
		created := fmt.Sprintf("%04d-%02d-%02d", 2018+r.IntN(4), 1+r.IntN(12), 1+r.IntN(28))
		rec.Admin = rorAdmin{Created: rorDate{created, "1.0"},
			LastModified: rorDate{fmt.Sprintf("%04d-%02d-%02d", 2024+r.IntN(3), 1+r.IntN(12), 1+r.IntN(28)), "2.1"}}
		if i > 0 {
			_, _ = bw.WriteString(",\n")
		}
		b, err := json.Marshal(rec)
		if err != nil {
			return st, err
		}
		if _, err := bw.Write(b); err != nil {
			return st, err
		}
		st.Records++
	}
	if _, err := bw.WriteString("\n]\n"); err != nil {
		return st, err
	}
	return st, bw.Flush()
}

// WriteRORZip writes the dump of WriteROR as a zip archive with one entry, RORSchemaEntry.
func WriteRORZip(w io.Writer, n int, seed uint64) (RORStats, error) {
	zw := zip.NewWriter(w)
	ew, err := zw.Create(RORSchemaEntry)
	if err != nil {
		return RORStats{}, err
	}
	st, err := WriteROR(ew, n, seed)
	if err != nil {
		return st, err
	}
	return st, zw.Close()
}

// acronym takes the capitals of a name's words (at most 8).
func acronym(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		if c := w[0]; c >= 'A' && c <= 'Z' && b.Len() < 8 {
			b.WriteByte(c)
		}
	}
	return b.String()
}

func ptr(s string) *string { return &s }

func hasStr(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}
