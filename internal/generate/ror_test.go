package generate_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cryograph/cryograph/internal/generate"
	"github.com/cryograph/cryograph/internal/ingest/ror"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWriteROR_ReadsAsROR2WithTheShapeOfADump(t *testing.T) {
	var a, b bytes.Buffer
	st, err := generate.WriteROR(&a, 3000, 5)
	require.NoError(t, err)
	_, err = generate.WriteROR(&b, 3000, 5)
	require.NoError(t, err)
	assert.Equal(t, a.String(), b.String(), "one seed, one dump")
	assert.Equal(t, 3000, st.Records)

	var raw []map[string]any
	require.NoError(t, json.Unmarshal(a.Bytes(), &raw), "a JSON array")
	require.Len(t, raw, 3000)

	byID := map[string]*ror.Record{}
	types := map[string]int{}
	statuses := map[string]int{}
	langs := map[string]int{}
	err = ror.Each(context.Background(), ror.Bytes("syn.json", a.Bytes()), func(i int, rec *ror.Record) error {
		byID[rec.ShortID()] = rec
		assert.True(t, ror.Synthetic(rec.ID), rec.ID)
		assert.True(t, strings.HasPrefix(rec.ID, "https://ror.org/synthetic-"), rec.ID)
		statuses[rec.Status]++
		for _, r := range rec.Relationships {
			types[r.Type]++
		}
		for _, n := range rec.Names {
			if n.Lang != nil {
				langs[*n.Lang]++
			}
		}
		require.Len(t, rec.Locations, 1)
		g := rec.Locations[0].GeonamesDetails
		assert.NotEmpty(t, g.Name)
		assert.NotEmpty(t, g.CountryCode)
		require.NotNil(t, g.Lat)
		require.NotNil(t, g.Lng)
		assert.NotEmpty(t, rec.ExternalIDs)
		assert.NotEmpty(t, rec.Links)
		assert.NotEmpty(t, rec.Admin.LastModified.Date)
		for _, l := range rec.Links {
			assert.Regexp(t, `^https://[^/]*\.(example|invalid)(/|$)`, l.Value, "links on reserved domains")
		}
		return nil
	})
	require.NoError(t, err, "every record passes the ingest's shape check")
	for _, typ := range []string{"parent", "child", "related", "predecessor", "successor"} {
		assert.Positive(t, types[typ], typ)
	}
	assert.Positive(t, statuses["inactive"])
	assert.Positive(t, statuses["withdrawn"])
	assert.Greater(t, statuses["active"], statuses["inactive"]+statuses["withdrawn"])
	assert.Positive(t, langs["zh"], "Chinese labels")

	// Every relationship is listed on both sides, with the inverse type, as ROR does.
	inverse := map[string]string{"parent": "child", "child": "parent", "related": "related", "predecessor": "successor", "successor": "predecessor"}
	for id, rec := range byID {
		for _, r := range rec.Relationships {
			other := byID[ror.ShortID(r.ID)]
			require.NotNil(t, other, "%s -> %s: within the dump", id, r.ID)
			found := false
			for _, back := range other.Relationships {
				found = found || (ror.ShortID(back.ID) == id && back.Type == inverse[r.Type])
			}
			assert.True(t, found, "%s %s %s listed back", id, r.Type, r.ID)
			assert.Equal(t, other.DisplayName(), r.Label)
		}
	}
}

func TestWriteRORZip_HasASchemaV2Entry(t *testing.T) {
	path := filepath.Join(t.TempDir(), "syn.zip")
	f, err := os.Create(path)
	require.NoError(t, err)
	_, err = generate.WriteRORZip(f, 50, 1)
	require.NoError(t, err)
	require.NoError(t, f.Close())
	zr, err := zip.OpenReader(path)
	require.NoError(t, err)
	defer zr.Close()
	require.Len(t, zr.File, 1)
	assert.True(t, strings.HasSuffix(zr.File[0].Name, "_schema_v2.json"))
	n := 0
	require.NoError(t, ror.Each(context.Background(), ror.File(path), func(int, *ror.Record) error { n++; return nil }))
	assert.Equal(t, 50, n)
}
