package httpapi

// POST /api/v1/ingest/ror: ROR records (one, an array, or a dump's JSON) loaded through
// package ror, which writes them with importer.LoadAndRefresh.

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/ingest/ror"
	"github.com/gin-gonic/gin"
)

// POST /api/v1/ingest/ror?ids=...&country=CC&related_to=ID&dry_run=true
// The body is spooled to a temporary file, so the ingest's two passes stream from disk.
func handleIngestROR(sink importer.RefreshingSink) gin.HandlerFunc {
	return func(c *gin.Context) {
		opts := ror.Options{Importer: importer.Options{MemoryLimit: importTableBytes}}
		var err error
		if opts.Importer.DryRun, err = boolParam(c, "dry_run"); err != nil {
			_ = c.Error(err)
			return
		}
		if ids := c.Query("ids"); ids != "" {
			opts.Filter.IDs = strings.Split(ids, ",")
		}
		opts.Filter.Country = c.Query("country")
		opts.Filter.RelatedTo = c.Query("related_to")
		tmp, err := spoolUpload(c, "cryograph-ror-upload-*.json", "ingest dumps with `cryograph ingest ror`",
			"the body is empty: send a ROR record, an array of records or a dump's JSON")
		if err != nil {
			_ = c.Error(err)
			return
		}
		defer os.Remove(tmp.Name())
		defer tmp.Close()
		in := ror.File(tmp.Name())
		in.Name = "upload"
		if name := c.Query("name"); name != "" {
			in.Name = name + " (upload)"
			in.Version, in.Date = ror.File(name).Version, ror.File(name).Date
		}
		if opts.Importer.Change, err = changeMeta(c, cryo.ChangeIngest, "ingest ROR records from "+in.Name, "ROR: "+in.Name); err != nil {
			_ = c.Error(err)
			return
		}
		res, err := ror.Ingest(c.Request.Context(), sink, []ror.Input{in}, opts)
		var rep *importer.Report
		if res != nil {
			rep = res.Report
		}
		writeIngestResult(c, res, rep, err, shapeOf[*ror.ShapeError](err))
	}
}

// writeIngestResult answers an ingest (ROR, OpenAlex, ORCID): 200 with its result; 400 when
// the input's shape is wrong (shape, the package's ShapeError), 422 rows_rejected with the
// result when rows were rejected, nothing being written in either case; the error otherwise.
// The audit record of the request names the ingest's changeset.
func writeIngestResult(c *gin.Context, res any, rep *importer.Report, err, shape error) {
	if rep != nil && rep.Changeset != "" {
		c.Set(changesetKey, rep.Changeset)
	}
	var refreshErr *importer.RefreshError
	switch {
	case shape != nil:
		_ = c.Error(cryo.Invalid("body", "%s; nothing was written", shape.Error()))
	case errors.Is(err, importer.ErrRejected) && rep != nil:
		writeJSON(c, http.StatusUnprocessableEntity, gin.H{
			"error":  ErrorDetail{Code: "rows_rejected", Message: fmt.Sprintf("%d rows rejected; nothing was written", rep.Rejected), RequestID: c.GetString(requestIDKey)},
			"result": res,
		})
	case errors.As(err, &refreshErr):
		_ = c.Error(fmt.Errorf("the rows were written, but refreshing the derived data failed (the next import refreshes it): %w", refreshErr.Err))
	case err != nil:
		_ = c.Error(err)
	default:
		writeJSON(c, http.StatusOK, gin.H{"result": res})
	}
}

// shapeOf is err's shape error of type T (an ingest package's *ShapeError), or nil.
func shapeOf[T error](err error) error {
	var se T
	if errors.As(err, &se) {
		return se
	}
	return nil
}
