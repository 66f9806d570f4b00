package mock

import (
	"context"

	"github.com/cryograph/cryograph/internal/cryo"
)

// Reports stands in for httpapi.Reports.
type Reports struct {
	CreateReportFn func(ctx context.Context, req cryo.ReportRequest) (cryo.Report, error)
	ReportFn       func(ctx context.Context, id string) (cryo.Report, error)
	ReportsFn      func(ctx context.Context, q cryo.ReportQuery) (cryo.ReportList, error)
	DecideReportFn func(ctx context.Context, id string, d cryo.ReportDecision) (cryo.Report, error)
}

// CreateReport calls CreateReportFn.
func (r *Reports) CreateReport(ctx context.Context, req cryo.ReportRequest) (cryo.Report, error) {
	return r.CreateReportFn(ctx, req)
}

// Report calls ReportFn.
func (r *Reports) Report(ctx context.Context, id string) (cryo.Report, error) {
	return r.ReportFn(ctx, id)
}

// Reports calls ReportsFn.
func (r *Reports) Reports(ctx context.Context, q cryo.ReportQuery) (cryo.ReportList, error) {
	return r.ReportsFn(ctx, q)
}

// DecideReport calls DecideReportFn.
func (r *Reports) DecideReport(ctx context.Context, id string, d cryo.ReportDecision) (cryo.Report, error) {
	return r.DecideReportFn(ctx, id, d)
}
