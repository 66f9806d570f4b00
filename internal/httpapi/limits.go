package httpapi

// Limits: per-caller rate limits and request-body caps.

import (
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"golang.org/x/time/rate"
)

// RateLimit is a token bucket: PerSecond requests a second on average, bursts of Burst.
// PerSecond 0 turns the limit off.
type RateLimit struct {
	PerSecond float64
	Burst     int
}

// RateLimits are the buckets of every caller: one for all of /api/v1, and a stricter one
// that the Cypher endpoints pass as well.
type RateLimits struct {
	General RateLimit
	Cypher  RateLimit
	// FailedAuth bounds the failed authentications per client IP: past it, a request with a
	// token gets 429 before the token is looked at. Zero takes DefaultFailedAuthLimit; a
	// negative PerSecond turns it off.
	FailedAuth RateLimit
	// Reports bounds the error reports a caller may send (POST /api/v1/reports), anonymous
	// readers included. Zero takes DefaultReportLimit; a negative PerSecond turns it off.
	Reports RateLimit
}

// DefaultReportLimit lets a caller send 5 reports at once and then one a minute: a reader
// who found several errors is not stopped, a robot is.
var DefaultReportLimit = RateLimit{PerSecond: 1.0 / 60, Burst: 5}

// ReportBodyBytes caps a report's body: its text fields are capped at a few thousand
// characters (cryo.MaxReportText), so 64 KiB is ample.
const ReportBodyBytes = 64 << 10

// DefaultFailedAuthLimit lets a client IP fail authentication 10 times at once and then
// once a second: a person who mistyped a token never notices, a guesser gets 429s.
var DefaultFailedAuthLimit = RateLimit{PerSecond: 1, Burst: 10}

// DefaultMaxBodyBytes caps request bodies, except imports, which have their own cap.
const DefaultMaxBodyBytes = 1 << 20

const (
	codeRateLimited = "rate_limited"
	codeTooLarge    = "too_large"
)

// limiterSet holds one bucket per caller: per token id, or per client IP for anonymous callers.
type limiterSet struct {
	limit RateLimit
	now   func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
	sweptAt time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

// idleBucket is how long an unused bucket is kept; a full bucket forgets nothing by going.
const idleBucket = 10 * time.Minute

func newLimiterSet(l RateLimit) *limiterSet {
	if l.Burst < 1 {
		l.Burst = max(1, int(math.Ceil(l.PerSecond)))
	}
	return &limiterSet{limit: l, now: time.Now, buckets: map[string]*bucket{}}
}

// take spends one request of key's bucket, or says how long to wait for one.
func (s *limiterSet) take(key string) (ok bool, wait time.Duration) {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	// Anonymous callers are keyed by IP, so the map must forget idle keys to stay bounded.
	if now.Sub(s.sweptAt) > idleBucket {
		for k, b := range s.buckets {
			if now.Sub(b.seen) > idleBucket {
				delete(s.buckets, k)
			}
		}
		s.sweptAt = now
	}
	b, found := s.buckets[key]
	if !found {
		b = &bucket{lim: rate.NewLimiter(rate.Limit(s.limit.PerSecond), s.limit.Burst)}
		s.buckets[key] = b
	}
	b.seen = now
	r := b.lim.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

// blocked says whether key's bucket is empty, without spending from it, and how long until
// it holds one request again.
func (s *limiterSet) blocked(key string) (bool, time.Duration) {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.buckets[key]
	if !ok || b.lim.TokensAt(now) >= 1 {
		return false, 0
	}
	missing := 1 - b.lim.TokensAt(now)
	return true, time.Duration(missing / s.limit.PerSecond * float64(time.Second))
}

// tooMany answers 429 with Retry-After (at least 1 s) and msg.
func tooMany(c *gin.Context, wait time.Duration, msg string) {
	secs := max(1, int(math.Ceil(wait.Seconds())))
	c.Header("Retry-After", strconv.Itoa(secs))
	_ = c.Error(apiError(http.StatusTooManyRequests, codeRateLimited, fmt.Sprintf("%s; retry in %d s", msg, secs)))
	c.Abort()
}

// rateLimit answers 429 with Retry-After when the caller's bucket is empty. It runs after
// authenticate, so a token's requests share one bucket wherever they come from.
func rateLimit(s *limiterSet) gin.HandlerFunc {
	if s == nil || s.limit.PerSecond <= 0 {
		return func(c *gin.Context) { c.Next() }
	}
	return func(c *gin.Context) {
		p := principalFrom(c)
		key := "token:" + p.TokenID
		if p.TokenID == "" {
			key = "ip:" + c.ClientIP()
		}
		if ok, wait := s.take(key); !ok {
			secs := max(1, int(math.Ceil(wait.Seconds())))
			c.Header("Retry-After", strconv.Itoa(secs))
			_ = c.Error(apiError(http.StatusTooManyRequests, codeRateLimited,
				fmt.Sprintf("too many requests: at most %g a second (bursts of %d); retry in %d s", s.limit.PerSecond, s.limit.Burst, secs)))
			c.Abort()
			return
		}
		c.Next()
	}
}

// limitBody caps the request body at max bytes: 413 at once when Content-Length says more, and
// 413 as well (in place of whatever the handler made of the cut body) when a body without a
// length turns out too long.
func limitBody(max int64) gin.HandlerFunc {
	tooLarge := apiError(http.StatusRequestEntityTooLarge, codeTooLarge,
		fmt.Sprintf("the request body may be at most %d bytes", max))
	return func(c *gin.Context) {
		if c.Request.ContentLength > max {
			_ = c.Error(tooLarge)
			c.Abort()
			return
		}
		if c.Request.Body == nil || c.Request.Body == http.NoBody {
			c.Next()
			return
		}
		body := &cappedBody{ReadCloser: http.MaxBytesReader(c.Writer, c.Request.Body, max)}
		c.Request.Body = body
		c.Next()
		if body.tripped && !c.Writer.Written() {
			c.Errors = c.Errors[:0]
			_ = c.Error(tooLarge)
		}
	}
}

// cappedBody remembers that the cap was hit, whatever the reader above it did with the error.
type cappedBody struct {
	io.ReadCloser
	tripped bool
}

func (b *cappedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		b.tripped = true
	}
	return n, err
}
