package httpapi

// POST /api/v1/ingest/openalex: OpenAlex works, authors and institutions (a record, an API
// page, or snapshot JSON Lines, gzipped or not) loaded through package openalex, which writes
// them with importer.LoadAndRefresh.

import (
	"os"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/ingest/openalex"
	"github.com/gin-gonic/gin"
)

// POST /api/v1/ingest/openalex?dry_run=true&name=works.jsonl&retrieved=YYYY-MM-DD
// The body is spooled to a temporary file, so the ingest's two passes stream from disk.
func handleIngestOpenAlex(sink importer.RefreshingSink) gin.HandlerFunc {
	return func(c *gin.Context) {
		opts := openalex.Options{Importer: importer.Options{MemoryLimit: importTableBytes}, Retrieved: c.Query("retrieved")}
		var err error
		if opts.Importer.DryRun, err = boolParam(c, "dry_run"); err != nil {
			_ = c.Error(err)
			return
		}
		tmp, err := spoolUpload(c, "cryograph-openalex-upload-*", "ingest snapshots with `cryograph ingest openalex --file`",
			"the body is empty: send an OpenAlex record, an API page, or JSON Lines of records (gzipped or not)")
		if err != nil {
			_ = c.Error(err)
			return
		}
		defer os.Remove(tmp.Name())
		defer tmp.Close()
		in := openalex.File(tmp.Name())
		in.Name = "upload"
		if name := c.Query("name"); name != "" {
			in.Name = name + " (upload)"
		}
		if opts.Importer.Change, err = changeMeta(c, cryo.ChangeIngest, "ingest OpenAlex records from "+in.Name, "OpenAlex: "+in.Name); err != nil {
			_ = c.Error(err)
			return
		}
		res, err := openalex.Ingest(c.Request.Context(), sink, []openalex.Input{in}, opts)
		var rep *importer.Report
		if res != nil {
			rep = res.Report
		}
		writeIngestResult(c, res, rep, err, shapeOf[*openalex.ShapeError](err))
	}
}
