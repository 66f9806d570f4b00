package importer_test

import (
	"context"
	"errors"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeSink is an empty graph that accepts every write (or fails links with linkErr) and
// counts the refreshes of its derived data (failing them with refreshErr).
type fakeSink struct {
	linkErr    error
	refreshErr error
	refreshes  int
}

func (f *fakeSink) HasEntities(context.Context) (bool, error) { return false, nil }
func (f *fakeSink) Lookup(context.Context, []string) (map[string]cryo.GraphID, error) {
	return nil, nil
}
func (f *fakeSink) ExternalOwners(context.Context, []cryo.ExternalID) (map[cryo.ExternalID]string, error) {
	return nil, nil
}
func (f *fakeSink) UpsertNodes(_ context.Context, nodes []cryo.NodeUpsert) (map[string]cryo.UpsertCounts, error) {
	return map[string]cryo.UpsertCounts{"Source": {Created: len(nodes)}}, nil
}
func (f *fakeSink) UpsertLinks(context.Context, []cryo.LinkUpsert) (map[string]cryo.UpsertCounts, error) {
	return nil, f.linkErr
}
func (f *fakeSink) RefreshDerived(context.Context) error {
	f.refreshes++
	return f.refreshErr
}

const oneSource = `{"type":"source","id":"src:a","title":"A","url":"https://example.org/a"}` + "\n"

func TestLoadAndRefreshRefreshesOnlyWhenRowsMayHaveBeenWritten(t *testing.T) {
	ctx := context.Background()
	linkRow := `{"type":"link","rel":"PART_OF","from":"org:a","to":"org:b","sources":["src:a"]}` + "\n"
	orgs := `{"type":"organization","id":"org:a","name":"A","kind":"lab","sources":["src:a"]}` + "\n" +
		`{"type":"organization","id":"org:b","name":"B","kind":"lab","sources":["src:a"]}` + "\n"
	bad := `{"type":"planet","id":"p:x"}` + "\n"
	for _, tc := range []struct {
		name      string
		data      string
		opts      importer.Options
		linkErr   error
		refreshes int
		wantErr   error
	}{
		{"a load that applied its rows", oneSource, importer.Options{}, nil, 1, nil},
		{"a dry run writes nothing", oneSource, importer.Options{DryRun: true}, nil, 0, nil},
		{"a file rejected as a whole writes nothing", oneSource + bad, importer.Options{}, nil, 0, importer.ErrRejected},
		{"skip-invalid writes the valid rows", oneSource + bad, importer.Options{SkipInvalid: true}, nil, 1, importer.ErrRejected},
		{"a load that failed after committing batches", oneSource + orgs + linkRow, importer.Options{}, errors.New("boom"), 1, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sink := &fakeSink{linkErr: tc.linkErr}
			rep, err := importer.LoadAndRefresh(ctx, sink, []importer.Input{importer.Bytes("t.jsonl", []byte(tc.data))}, tc.opts)
			require.NotNil(t, rep)
			assert.Equal(t, tc.refreshes, sink.refreshes)
			switch {
			case tc.linkErr != nil:
				assert.ErrorIs(t, err, tc.linkErr, "the load's own error comes first")
			case tc.wantErr != nil:
				assert.ErrorIs(t, err, tc.wantErr)
			default:
				assert.NoError(t, err)
			}
		})
	}
}

func TestLoadAndRefreshReportsAFailedRefresh(t *testing.T) {
	cause := errors.New("no disk")
	sink := &fakeSink{refreshErr: cause}
	rep, err := importer.LoadAndRefresh(context.Background(), sink, []importer.Input{importer.Bytes("t.jsonl", []byte(oneSource))}, importer.Options{})
	require.Error(t, err)
	assert.True(t, rep.Applied)
	var re *importer.RefreshError
	require.ErrorAs(t, err, &re)
	assert.ErrorIs(t, err, cause)
	assert.Equal(t, "the rows were written, but refreshing the derived data failed (load again to retry): no disk", err.Error())

	// A load error wins over a failed refresh.
	sink = &fakeSink{linkErr: errors.New("boom"), refreshErr: cause}
	_, err = importer.LoadAndRefresh(context.Background(), sink, []importer.Input{importer.Bytes("t.jsonl", []byte(oneSource+
		`{"type":"organization","id":"org:a","name":"A","kind":"lab","sources":["src:a"]}`+"\n"+
		`{"type":"organization","id":"org:b","name":"B","kind":"lab","sources":["src:a"]}`+"\n"+
		`{"type":"link","rel":"PART_OF","from":"org:a","to":"org:b","sources":["src:a"]}`+"\n"))}, importer.Options{})
	assert.NotErrorAs(t, err, &re)
	assert.Contains(t, err.Error(), "boom")
	assert.Equal(t, 1, sink.refreshes)
}
