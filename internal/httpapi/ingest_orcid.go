package httpapi

// POST /api/v1/ingest/orcid: ORCID records (API v3.0 JSON or the data file's XML, one, a JSON
// array or a .tar.gz) loaded through package orcid, which writes them with
// importer.LoadAndRefresh.

import (
	"os"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/ingest/orcid"
	"github.com/gin-gonic/gin"
)

// POST /api/v1/ingest/orcid?dry_run=true&retrieved=YYYY-MM-DD
// The body is spooled to a temporary file, so the ingest's two passes stream from disk.
func handleIngestORCID(sink importer.RefreshingSink) gin.HandlerFunc {
	return func(c *gin.Context) {
		opts := orcid.Options{Importer: importer.Options{MemoryLimit: importTableBytes}, Retrieved: c.Query("retrieved")}
		var err error
		if opts.Importer.DryRun, err = boolParam(c, "dry_run"); err != nil {
			_ = c.Error(err)
			return
		}
		tmp, err := spoolUpload(c, "cryograph-orcid-upload-*", "ingest the public data file with `cryograph ingest orcid`",
			"the body is empty: send an ORCID record (API v3.0 JSON or XML), a JSON array of records or a .tar.gz")
		if err != nil {
			_ = c.Error(err)
			return
		}
		defer os.Remove(tmp.Name())
		defer tmp.Close()
		in := orcid.File(tmp.Name())
		in.Name = "upload"
		var magic [2]byte
		if n, _ := tmp.ReadAt(magic[:], 0); n == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
			in.Tar = true
		}
		if opts.Importer.Change, err = changeMeta(c, cryo.ChangeIngest, "ingest ORCID records from "+in.Name, "ORCID: "+in.Name); err != nil {
			_ = c.Error(err)
			return
		}
		res, err := orcid.Ingest(c.Request.Context(), sink, []orcid.Input{in}, opts)
		var rep *importer.Report
		if res != nil {
			rep = res.Report
		}
		writeIngestResult(c, res, rep, err, shapeOf[*orcid.ShapeError](err))
	}
}
