package store_test

import (
	"context"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReportsAreStoredApartAndDecidedOnce(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	ctx := context.Background()
	before := neo4jtest.Checksum(t, st)

	req := cryo.ReportRequest{Subject: "person:xu_yi", Fact: "Affiliation", What: "<b>wrong</b> role", Correction: "professor", Contact: "a@example.org"}
	require.NoError(t, req.Validate())
	a, err := st.CreateReport(ctx, req)
	require.NoError(t, err)
	assert.Regexp(t, `^rep_[a-z2-7]{20}$`, a.ID)
	assert.Equal(t, cryo.ReportOpen, a.Status)
	assert.Equal(t, "person", a.SubjectKind)
	assert.NotEmpty(t, a.SubjectName, "the report names what it is about")
	assert.Equal(t, "<b>wrong</b> role", a.What, "the text is kept as typed; the UI shows it as text")
	assert.Equal(t, before, neo4jtest.Checksum(t, st), "a report changes no fact")

	_, err = st.CreateReport(ctx, cryo.ReportRequest{Subject: "person:nobody_here", What: "x"})
	assert.Equal(t, cryo.ECodeInvalid, cryo.ErrorCode(err), "a report about nothing is refused: %v", err)

	b, err := st.CreateReport(ctx, cryo.ReportRequest{Subject: "person:xu_yi", What: "the same again"})
	require.NoError(t, err)
	open, err := st.Reports(ctx, cryo.ReportQuery{Status: cryo.ReportOpen, Page: cryo.Page{Limit: 1}})
	require.NoError(t, err)
	assert.Equal(t, 2, open.Total)
	require.Len(t, open.Reports, 1, "one page")

	_, err = st.DecideReport(ctx, b.ID, cryo.ReportDecision{Status: cryo.ReportDuplicate, DuplicateOf: "rep_nosuchreport", By: "ed"})
	assert.Equal(t, cryo.ECodeInvalid, cryo.ErrorCode(err))
	got, err := st.DecideReport(ctx, b.ID, cryo.ReportDecision{Status: cryo.ReportDuplicate, DuplicateOf: a.ID, By: "ed"})
	require.NoError(t, err)
	assert.Equal(t, cryo.ReportDuplicate, got.Status)
	assert.Equal(t, a.ID, got.DuplicateOf)
	assert.Equal(t, "ed", got.ResolvedBy)

	_, err = st.DecideReport(ctx, b.ID, cryo.ReportDecision{Status: cryo.ReportRejected, Reason: "late", By: "ed"})
	assert.Equal(t, cryo.ECodeConflict, cryo.ErrorCode(err), "a decided report stays decided")
	_, err = st.DecideReport(ctx, "rep_nosuchreport", cryo.ReportDecision{Status: cryo.ReportAccepted, By: "ed"})
	assert.Equal(t, cryo.ECodeNotFound, cryo.ErrorCode(err))

	rej, err := st.DecideReport(ctx, a.ID, cryo.ReportDecision{Status: cryo.ReportRejected, Reason: "The source says so.", By: "ed"})
	require.NoError(t, err)
	again, err := st.Report(ctx, a.ID)
	require.NoError(t, err)
	assert.Equal(t, rej, again)
	assert.Equal(t, "a@example.org", again.Contact)
	all, err := st.Reports(ctx, cryo.ReportQuery{Status: "all", Page: cryo.Page{Limit: 10}})
	require.NoError(t, err)
	assert.Equal(t, 2, all.Total)
	assert.Equal(t, before, neo4jtest.Checksum(t, st), "deciding a report changes no fact by itself")
}
