package orcid_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cryograph/cryograph/internal/mock"

	"github.com/cryograph/cryograph/internal/ingest/orcid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func records(t *testing.T, in orcid.Input) ([]*orcid.Record, error) {
	t.Helper()
	var out []*orcid.Record
	err := orcid.Each(context.Background(), in, func(_ int, rec *orcid.Record) error {
		out = append(out, rec)
		return nil
	})
	return out, err
}

func TestRead_JSONAndXMLGiveTheSameFields(t *testing.T) {
	recs, err := records(t, orcid.File(carberry))
	require.NoError(t, err)
	require.Len(t, recs, 1)
	r := recs[0]
	assert.Equal(t, "0000-0002-1825-0097", r.ORCID)
	assert.Equal(t, "Josiah", r.GivenNames)
	assert.Equal(t, "Carberry", r.FamilyName)
	assert.Equal(t, []string{"Josiah Stinkney Carberry", "J. Carberry", "J. S. Carberry"}, r.OtherNames)
	require.Len(t, r.Affiliations, 2)
	assert.Equal(t, orcid.Affiliation{Kind: "employment", PutCode: "4288", RoleTitle: "Professor", Department: "Psychoceramics",
		Start: orcid.Date{Year: "1930", Month: "02", Day: "29"},
		Org:   orcid.Org{Name: "Wesleyan University", City: "Middletown", Region: "CT", Country: "US", DisambiguatedID: "5468", Source: "RINGGOLD"}}, r.Affiliations[0])
	require.Len(t, r.Works, 6, "one work per group: the preferred summary")
	assert.Equal(t, []string{"10.5555/12345680"}, r.Works[0].DOIs, "the ISSN it is part of is not its DOI")

	xrecs, err := records(t, orcid.File("testdata/record-3.0.xml"))
	require.NoError(t, err)
	require.Len(t, xrecs, 1)
	x := xrecs[0]
	assert.Equal(t, "8888-8888-8888-8880", x.ORCID)
	assert.Equal(t, "credit-name", x.CreditName)
	assert.Equal(t, "2001-12-31", x.LastModified)
	require.Len(t, x.Affiliations, 2, "educations and employments; distinctions are not mapped")
	assert.Equal(t, "education", x.Affiliations[0].Kind)
	assert.Equal(t, orcid.Date{Year: "1948", Month: "02", Day: "02"}, x.Affiliations[0].Start)
	assert.Equal(t, orcid.Date{Year: "2025"}, x.Affiliations[1].End)
	assert.Equal(t, "GRID", x.Affiliations[1].Org.Source)
}

func TestRead_DirectoryAndTarGz(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"a/carberry.json": carberry, "b/synthetic.xml": "testdata/synthetic-9999-0000-0000-0019.xml"}
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for name, from := range files {
		data, err := os.ReadFile(from)
		require.NoError(t, err)
		require.NoError(t, os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), data, 0o600))
		require.NoError(t, tw.WriteHeader(&tar.Header{Name: "ORCID_summaries/" + name, Mode: 0o600, Size: int64(len(data)), Typeflag: tar.TypeReg}))
		_, err = tw.Write(data)
		require.NoError(t, err)
	}
	require.NoError(t, tw.Close())
	require.NoError(t, gz.Close())

	ins, err := orcid.Paths([]string{dir})
	require.NoError(t, err)
	assert.Len(t, ins, 2)

	tgz := filepath.Join(t.TempDir(), "ORCID_summaries.tar.gz")
	require.NoError(t, os.WriteFile(tgz, buf.Bytes(), 0o600))
	recs, err := records(t, orcid.File(tgz))
	require.NoError(t, err)
	assert.Len(t, recs, 2)

	t.Run("cut short", func(t *testing.T) {
		cut := filepath.Join(t.TempDir(), "cut.tar.gz")
		require.NoError(t, os.WriteFile(cut, buf.Bytes()[:buf.Len()/2], 0o600))
		sink := mock.NewMemGraph()
		_, err := ingest(t, sink, cut)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "cut.tar.gz")
		assert.Empty(t, sink.Nodes, "nothing written")
	})
}

func TestRead_BadInputWritesNothing(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(body), 0o600))
		return p
	}
	good, err := os.ReadFile(carberry)
	require.NoError(t, err)
	xml, err := os.ReadFile("testdata/synthetic-9999-0000-0000-0019.xml")
	require.NoError(t, err)
	for _, tc := range []struct {
		name, path, want string
	}{
		{"truncated JSON", write("trunc.json", string(good[:len(good)/2])), "trunc.json: record 0: the input ends inside this record (truncated?)"},
		{"truncated XML", write("trunc.xml", string(xml[:len(xml)/2])), "trunc.xml: record 0 (9999-0000-0000-0019): the input ends inside this record (truncated?)"},
		{"not JSON", write("a.csv", "orcid,name\n"), "a.csv: record 0: not JSON nor XML"},
		{"JSON that is no record", write("work.json", `{"put-code": 1, "title": {"title": {"value": "x"}}}`), "work.json: record 0: not an ORCID record"},
		{"XML that is no record", write("work.xml", `<?xml version="1.0"?><work:work xmlns:work="http://www.orcid.org/ns/work"/>`), "work.xml: record 0: not an ORCID record: the root element is <work>"},
		{"a bad ORCID checksum", write("bad.json", strings.ReplaceAll(string(good), "0000-0002-1825-0097", "0000-0002-1825-0098")), "bad.json: record 0 (0000-0002-1825-0098): ORCID 0000-0002-1825-0098 has a bad check character (8; expected 7)"},
		{"a record without a name", write("noname.json", `{"orcid-identifier": {"path": "0000-0002-1825-0097"}, "person": {"name": null}}`), "has no public name"},
		{"the same ORCID twice", write("twice.json", "["+string(good)+","+string(good)+"]"), "twice.json: record 0 (0000-0002-1825-0097): the same ORCID as testdata/carberry-0000-0002-1825-0097.json record 0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sink := mock.NewMemGraph()
			_, err := ingest(t, sink, carberry, tc.path)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			var se *orcid.ShapeError
			assert.True(t, errors.As(err, &se))
			assert.Empty(t, sink.Nodes, "nothing written, not even the good record")
		})
	}
}

func TestCheckORCIDAndDates(t *testing.T) {
	assert.Empty(t, orcid.CheckORCID("0000-0002-1825-0097"))
	assert.Empty(t, orcid.CheckORCID("0000-0002-1694-233X"), "X as check character")
	assert.Contains(t, orcid.CheckORCID("0000-0002-1825-009"), "not of the form")
	for _, tc := range []struct {
		d          orcid.Date
		want, note string
	}{
		{orcid.Date{Year: "2012"}, "2012", ""},
		{orcid.Date{Year: "2012", Month: "3"}, "2012-03", ""},
		{orcid.Date{Year: "2012", Month: "03", Day: "16"}, "2012-03-16", ""},
		{orcid.Date{Year: "2024", Month: "02", Day: "29"}, "2024-02-29", ""},
		{orcid.Date{Year: "1930", Month: "02", Day: "29"}, "1930-02", "not a day"},
		{orcid.Date{Year: "2012", Month: "13"}, "2012", "does not exist"},
		{orcid.Date{}, "", ""},
	} {
		got, note := tc.d.String()
		assert.Equal(t, tc.want, got, "%+v", tc.d)
		if tc.note == "" {
			assert.Empty(t, note)
		} else {
			assert.Contains(t, note, tc.note)
		}
	}
	assert.Equal(t, "10.1038/nbt.3889", orcid.NormalizeDOI("https://doi.org/10.1038/NBT.3889"))
	assert.Equal(t, "10.1038/nbt.3889", orcid.NormalizeDOI("doi:10.1038/nbt.3889"))
	assert.Empty(t, orcid.NormalizeDOI("work:doi"))
}
