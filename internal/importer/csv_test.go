package importer_test

import (
	"context"
	"testing"

	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sheet = `type,id,name,kind,country,aliases,sources,url,title,uncertain,note,parties,topics,status,lat,lon
source,src:sheet,,,,,,https://example.org/sheet,A spreadsheet of partners,,,,,,,
organization,org:sheet_lab,Sheet Lab,lab,DE,"Labor Blatt; SL",src:sheet,,,,,,,,52.5,13.4
organization,org:sheet_co,"Sheet Co, Inc.",company,US,,src:sheet,,,yes,only a logo on a slide,,,,,
partnership,pship:sheet,Sheet MoU,mou,,,src:sheet,,,,,org:sheet_lab=lab; org:sheet_co=company,topic:t,agreed,,
topic,topic:t,Test topic,,,,,,,,,,,,,
`

func TestCSVImport(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	ctx := context.Background()

	rep, err := importer.Load(ctx, st, []importer.Input{importer.Bytes("partners.csv", []byte(sheet))}, importer.Options{})
	require.NoError(t, err, "%+v", rep.Errors)
	assert.Equal(t, 5, rep.Rows)
	assert.Equal(t, int64(1), neo4jtest.Count(t, st, "MATCH (o:Organization {id: 'org:sheet_lab', lat: 52.5}) WHERE 'Labor Blatt' IN o.aliases RETURN count(o)"))
	assert.Equal(t, int64(1), neo4jtest.Count(t, st, "MATCH (o:Organization {id: 'org:sheet_co', uncertain: true, name: 'Sheet Co, Inc.'}) RETURN count(o)"))
	assert.Equal(t, int64(2), neo4jtest.Count(t, st, "MATCH (:Organization)-[r:PARTY_TO]->(:Partnership {id: 'pship:sheet'}) WHERE r.role IN ['lab', 'company'] RETURN count(r)"))

	again, err := importer.Load(ctx, st, []importer.Input{importer.Bytes("partners.csv", []byte(sheet))}, importer.Options{})
	require.NoError(t, err)
	assert.Zero(t, again.Totals().Created, "re-importing a spreadsheet duplicates nothing")

	bad := "type,id,name,kind,sources,uncertain\norganization,org:x,X,lab,src:sheet,perhaps\norganization,org:y,Y,lab\n"
	rep, err = importer.Load(ctx, st, []importer.Input{importer.Bytes("bad.csv", []byte(bad))}, importer.Options{})
	require.ErrorIs(t, err, importer.ErrRejected)
	require.Len(t, rep.Errors, 2)
	assert.Equal(t, 2, rep.Errors[0].Line)
	assert.Equal(t, "uncertain", rep.Errors[0].Field)
	assert.Equal(t, 3, rep.Errors[1].Line)
	assert.Contains(t, rep.Errors[1].Reason, "4 cells, the header has 6")
}
