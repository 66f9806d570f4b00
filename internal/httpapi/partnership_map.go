package httpapi

// The partnership map and timeline, and the encoded maps kept for the answers the store caches.

import (
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sync/atomic"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/gin-gonic/gin"
	gojson "github.com/goccy/go-json"
	lru "github.com/hashicorp/golang-lru/v2"
	"golang.org/x/sync/singleflight"
)

// PartnershipReader answers the partnership map and its timeline.
type PartnershipReader interface {
	PartnershipMap(ctx context.Context, q cryo.MapQuery) (cryo.PartnershipMap, error)
	PartnershipTimeline(ctx context.Context, q cryo.MapQuery) ([]cryo.YearCount, error)
}

func mapQuery(c *gin.Context) (cryo.MapQuery, error) {
	q := cryo.MapQuery{Topic: c.Query("topic"), Country: c.Query("country"), OrgKind: c.Query("orgKind"),
		Type: c.Query("type"), From: c.Query("from"), To: c.Query("to"), AsOf: c.Query("asOf"), Level: c.Query("level")}
	return q, q.Validate()
}

// GET /api/v1/partnerships/map?topic=&country=&orgKind=&type=&from=&to=&asOf=&level=institution
func handlePartnershipMap(g PartnershipReader, version string) gin.HandlerFunc {
	encoded := newEncodedMaps(version)
	return func(c *gin.Context) {
		q, err := mapQuery(c)
		if err != nil {
			_ = c.Error(err)
			return
		}
		res, err := g.PartnershipMap(c.Request.Context(), q)
		if err != nil || res.Revision == "" {
			respond(c, res, err)
			return
		}
		e, err := encoded.get(res)
		if err != nil {
			_ = c.Error(err)
			return
		}
		h := c.Writer.Header()
		h.Set("Cache-Control", "no-cache") // a load changes the map: ask again, If-None-Match
		h.Set("Content-Type", "application/json; charset=utf-8")
		h.Add("Vary", "Accept-Encoding")
		serveBytes(c, e.etag, e.body, e.gzipped)
	}
}

// encodedMaps keeps the JSON of the partnership maps the store has cached, by their Revision,
// plain and gzipped. The map of a whole field is megabytes of JSON (3.9 MB at 1M synthetic
// people, 0.36 MB gzipped), and encoding it again took most of the time of an answer the
// store had cached.
type encodedMaps struct {
	version   string // the server's, in the ETag: another build may encode the same map otherwise
	lru       *lru.Cache[string, encodedMap]
	flight    singleflight.Group
	encodings atomic.Int64 // maps encoded so far (tests)
}

type encodedMap struct {
	etag          string
	body, gzipped []byte
}

// encodedMapsMax bounds the maps kept (a few MB each at 1M people).
const encodedMapsMax = 8

func newEncodedMaps(version string) *encodedMaps {
	c, err := lru.New[string, encodedMap](encodedMapsMax)
	if err != nil {
		panic(err) // only for a size <= 0
	}
	return &encodedMaps{version: version, lru: c}
}

// get returns the map's bytes, encoding them on a miss; requests that miss together share
// one encoding (0.1-0.2 s for the map of a whole field at 1M people, gzip included).
func (m *encodedMaps) get(res cryo.PartnershipMap) (encodedMap, error) {
	if e, ok := m.lru.Get(res.Revision); ok {
		return e, nil
	}
	v, err, _ := m.flight.Do(res.Revision, func() (any, error) {
		if e, ok := m.lru.Get(res.Revision); ok { // a flight that just ended kept it
			return e, nil
		}
		body, err := gojson.Marshal(res)
		if err != nil {
			return nil, fmt.Errorf("encode the answer: %w", err)
		}
		sum := sha256.Sum256([]byte(m.version + "\x00" + res.Revision))
		e := encodedMap{etag: `"` + hex.EncodeToString(sum[:12]) + `"`, body: body, gzipped: gzipOf(body, gzip.DefaultCompression)}
		m.lru.Add(res.Revision, e)
		m.encodings.Add(1)
		return e, nil
	})
	if err != nil {
		return encodedMap{}, err
	}
	return v.(encodedMap), nil
}

// GET /api/v1/partnerships/timeline with the map's filters
func handlePartnershipTimeline(g PartnershipReader) gin.HandlerFunc {
	return func(c *gin.Context) {
		q, err := mapQuery(c)
		if err != nil {
			_ = c.Error(err)
			return
		}
		res, err := g.PartnershipTimeline(c.Request.Context(), q)
		respond(c, gin.H{"years": res}, err)
	}
}
