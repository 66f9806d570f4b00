package httpapi

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	gojson "github.com/goccy/go-json"
)

// How answers are written: JSON encoded per request (writeJSON, respond), or bytes kept
// ready, with an ETag and a gzipped form (serveBytes: the web UI's files, the cached
// partnership maps). Errors go to the error middleware (errors.go).

// writeJSON answers with v as JSON. It encodes with goccy/go-json (as the importer decodes),
// about twice as fast as encoding/json on these answers and with the same bytes but for one
// thing: a float below 1e-6 is written 1e-07, not 1e-7 (the same number to every JSON
// reader). It encodes into a pooled buffer, not a new slice for each answer (39 KB for a
// page of experts), and sets Content-Length, so an answer is not sent in chunks.
func writeJSON(c *gin.Context, status int, v any) {
	buf := jsonBuffers.Get().(*bytes.Buffer)
	defer putJSONBuffer(buf)
	buf.Reset()
	if err := gojson.NewEncoder(buf).Encode(v); err != nil {
		_ = c.Error(fmt.Errorf("encode the answer: %w", err))
		return
	}
	b := bytes.TrimSuffix(buf.Bytes(), []byte("\n")) // Encode ends the value with a newline
	c.Header("Content-Length", strconv.Itoa(len(b)))
	c.Data(status, "application/json; charset=utf-8", b) // written before the buffer goes back
}

// jsonBuffers holds writeJSON's buffers; one that grew beyond maxPooledJSON (a large console
// result) is left to the garbage collector rather than kept.
var jsonBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

const maxPooledJSON = 1 << 20

func putJSONBuffer(b *bytes.Buffer) {
	if b.Cap() <= maxPooledJSON {
		jsonBuffers.Put(b)
	}
}

// respond writes v as JSON, or records err for the error middleware.
func respond(c *gin.Context, v any, err error) {
	if err != nil {
		_ = c.Error(err)
		return
	}
	writeJSON(c, http.StatusOK, v)
}

// serveBytes answers with body, or with gz (body gzipped; nil: none) when the client takes
// gzip, each named by its own ETag, through http.ServeContent: an If-None-Match that names
// it gets 304, and HEAD and ranges work.
func serveBytes(c *gin.Context, etag string, body, gz []byte) {
	if gz != nil && acceptsGzip(c.Request) {
		c.Header("Content-Encoding", "gzip")
		// The ETag names the representation: the gzipped bytes are another one.
		etag = strings.TrimSuffix(etag, `"`) + `-gz"`
		body = gz
	}
	c.Header("ETag", etag)
	http.ServeContent(c.Writer, c.Request, "", time.Time{}, bytes.NewReader(body))
}

// acceptsGzip reads Accept-Encoding: gzip unless its weight is 0.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(enc), "gzip") {
			continue
		}
		if k, v, ok := strings.Cut(strings.TrimSpace(params), "="); ok && strings.TrimSpace(k) == "q" {
			q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			return err == nil && q > 0
		}
		return true
	}
	return false
}

// gzipOf is body gzipped at level, or nil when that is not smaller.
func gzipOf(body []byte, level int) []byte {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, level) // an error only for an invalid level
	_, _ = w.Write(body)                   // a bytes.Buffer does not fail
	_ = w.Close()
	if b.Len() >= len(body) {
		return nil
	}
	return b.Bytes()
}
