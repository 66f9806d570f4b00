package httpapi_test

import (
	"github.com/cryograph/cryograph/internal/httpapi"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/mock"
)

// The fakes of internal/mock must keep the method sets of the interfaces they stand in for.
var (
	_ httpapi.ExpertFinder     = (*mock.ExpertFinder)(nil)
	_ httpapi.GraphReader      = (*mock.GraphReader)(nil)
	_ httpapi.ReadinessChecker = (*mock.ReadinessChecker)(nil)
	_ httpapi.CypherRunner     = (*mock.CypherRunner)(nil)
	_ httpapi.SavedQueryStore  = (*mock.SavedQueryStore)(nil)
	_ httpapi.Resolver         = (*mock.Resolver)(nil)
	_ httpapi.Merger           = (*mock.Merger)(nil)
	_ importer.Sink            = (*mock.Sink)(nil)
	_ importer.Sink            = (*mock.RefreshingSink)(nil)
	_ httpapi.DerivedRefresher = (*mock.RefreshingSink)(nil)
	_ httpapi.TokenStore       = (*mock.TokenStore)(nil)
	_ httpapi.Auditor          = (*mock.Auditor)(nil)
	_ httpapi.AuditLogReader   = (*mock.AuditLogReader)(nil)
)
