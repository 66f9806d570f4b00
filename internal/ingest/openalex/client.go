package openalex

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/cenkalti/backoff/v5"
)

// DefaultBase is the OpenAlex API.
const DefaultBase = "https://api.openalex.org"

// PerPage is the page size asked for (the API's largest).
const PerPage = 200

// Client fetches works from the OpenAlex API page by page with cursor paging, politely
// (mailto or API key), with back-off and retries, into an on-disk cache of responses keyed
// by URL; a run that stops part-way resumes from its last cursor.
type Client struct {
	Base     string // default DefaultBase
	Mailto   string // the polite pool's contact address
	APIKey   string
	HTTP     *http.Client
	CacheDir string // required
	// MaxTries is the attempts per page (default 6); MaxWait caps one wait, including a
	// Retry-After (default 2 minutes); InitialWait is the first back-off (default 1 s).
	MaxTries    uint
	MaxWait     time.Duration
	InitialWait time.Duration
	// Refresh starts the query again and asks the API even for pages in the cache.
	Refresh bool
	// MaxPages stops after that many pages (0: all); the run can be resumed.
	MaxPages int
	// Log, if set, is told of retries and pages.
	Log func(format string, args ...any)
}

// Fetched is what a fetch produced: the pages on disk, in order, and the date of the run's
// first page (the retrieval date of its records, kept across resumes).
type Fetched struct {
	Pages     []string `json:"pages"`
	Retrieved string   `json:"retrieved"`
	Count     int      `json:"count"` // the API's count of matching works
	Resumed   bool     `json:"resumed"`
	Requests  int      `json:"requests"` // HTTP requests made (cache hits make none)
	Done      bool     `json:"done"`
}

// runState is the state file of a query's run: where to go on.
type runState struct {
	Query     string   `json:"query"`
	Cursor    string   `json:"cursor"`
	Pages     []string `json:"pages"`
	Retrieved string   `json:"retrieved"`
	Count     int      `json:"count"`
	Done      bool     `json:"done"`
}

func (c *Client) logf(format string, args ...any) {
	if c.Log != nil {
		c.Log(format, args...)
	}
}

func hashOf(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:12])
}

// Fetch pages through the works the query selects.
func (c *Client) Fetch(ctx context.Context, q Query) (*Fetched, error) {
	params, err := q.Params()
	if err != nil {
		return nil, err
	}
	if c.CacheDir == "" {
		return nil, errors.New("openalex: no cache directory")
	}
	base := strings.TrimRight(c.Base, "/")
	if base == "" {
		base = DefaultBase
	}
	if c.Mailto != "" {
		params.Set("mailto", c.Mailto)
	}
	params.Set("per-page", strconv.Itoa(PerPage))
	query := base + "/works?" + params.Encode()
	statePath := filepath.Join(c.CacheDir, "runs", hashOf(query)+".json")
	st := &runState{Query: query, Cursor: "*"}
	out := &Fetched{}
	if !c.Refresh {
		if b, err := os.ReadFile(statePath); err == nil && json.Unmarshal(b, st) == nil && st.Query == query {
			out.Resumed = !st.Done && len(st.Pages) > 0
		} else {
			st = &runState{Query: query, Cursor: "*"}
		}
	}
	if st.Retrieved == "" {
		st.Retrieved = time.Now().UTC().Format("2006-01-02")
	}
	for n := 0; !st.Done && (c.MaxPages == 0 || n < c.MaxPages); n++ {
		page, path, err := c.page(ctx, query+"&cursor="+url.QueryEscape(st.Cursor), out)
		if err != nil {
			c.fill(out, st)
			return out, err
		}
		st.Pages = append(st.Pages, path)
		st.Count = page.Meta.Count
		st.Cursor = page.Meta.NextCursor
		st.Done = st.Cursor == "" || len(page.Results) == 0
		if err := writeAtomic(statePath, st); err != nil {
			return out, err
		}
		c.logf("openalex: page %d, %d works of %d", len(st.Pages), len(page.Results), page.Meta.Count)
	}
	c.fill(out, st)
	return out, nil
}

func (c *Client) fill(out *Fetched, st *runState) {
	out.Pages, out.Retrieved, out.Count, out.Done = st.Pages, st.Retrieved, st.Count, st.Done
}

// page is an API answer, as much as the client checks of it.
type page struct {
	Meta struct {
		Count      int    `json:"count"`
		NextCursor string `json:"next_cursor"`
	} `json:"meta"`
	Results []json.RawMessage `json:"results"`
}

// page returns one page: from the cache, else from the API (with retries), then cached.
func (c *Client) page(ctx context.Context, u string, out *Fetched) (*page, string, error) {
	path := filepath.Join(c.CacheDir, "pages", hashOf(u)+".json")
	if !c.Refresh {
		if b, err := os.ReadFile(path); err == nil {
			if p, err := parsePage(b); err == nil {
				return p, path, nil
			}
		}
	}
	var body []byte
	op := func() (*page, error) {
		out.Requests++
		b, err := c.get(ctx, u)
		if err != nil {
			return nil, err
		}
		p, err := parsePage(b)
		if err != nil {
			c.logf("openalex: %s: %v; retrying", redact(u), err)
			return nil, err
		}
		body = b
		return p, nil
	}
	tries := c.MaxTries
	if tries == 0 {
		tries = 6
	}
	bo := backoff.NewExponentialBackOff()
	bo.InitialInterval = c.InitialWait
	if bo.InitialInterval == 0 {
		bo.InitialInterval = time.Second
	}
	bo.MaxInterval = c.maxWait()
	p, err := backoff.Retry(ctx, op, backoff.WithBackOff(bo), backoff.WithMaxTries(tries), backoff.WithMaxElapsedTime(0),
		backoff.WithNotify(func(err error, d time.Duration) { c.logf("openalex: %v; next try in %s", err, d) }))
	if err != nil {
		return nil, "", fmt.Errorf("openalex: %s: gave up after %d tries: %w", redact(u), out.Requests, err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, "", err
	}
	if err := writeFileAtomic(path, body); err != nil {
		return nil, "", err
	}
	return p, path, nil
}

func (c *Client) maxWait() time.Duration {
	if c.MaxWait > 0 {
		return c.MaxWait
	}
	return 2 * time.Minute
}

// get makes one request. 429 waits for Retry-After; 5xx and transport errors are retried;
// another status is final.
func (c *Client) get(ctx context.Context, u string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, backoff.Permanent(err)
	}
	req.Header.Set("User-Agent", "cryograph (https://github.com/cryograph/cryograph)")
	if c.APIKey != "" {
		q := req.URL.Query()
		q.Set("api_key", c.APIKey)
		req.URL.RawQuery = q.Encode()
	}
	hc := c.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: 2 * time.Minute}
	}
	resp, err := hc.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, backoff.Permanent(ctx.Err())
		}
		return nil, err
	}
	defer resp.Body.Close()
	body, rerr := io.ReadAll(io.LimitReader(resp.Body, 256<<20))
	switch {
	case resp.StatusCode == http.StatusTooManyRequests:
		secs, _ := strconv.Atoi(strings.TrimSpace(resp.Header.Get("Retry-After")))
		secs = max(1, min(secs, int(c.maxWait()/time.Second)))
		c.logf("openalex: 429 Too Many Requests; waiting %d s (Retry-After)", secs)
		return nil, backoff.RetryAfter(secs)
	case resp.StatusCode >= 500:
		return nil, fmt.Errorf("HTTP %d", resp.StatusCode)
	case resp.StatusCode != http.StatusOK:
		msg := strings.TrimSpace(string(body))
		if len(msg) > 300 {
			msg = msg[:300]
		}
		return nil, backoff.Permanent(fmt.Errorf("HTTP %d: %s", resp.StatusCode, msg))
	}
	if rerr != nil {
		return nil, fmt.Errorf("reading the body: %w", rerr)
	}
	return body, nil
}

// parsePage checks that a body is a whole API page: JSON with meta and results.
func parsePage(b []byte) (*page, error) {
	var p page
	if err := json.Unmarshal(b, &p); err != nil {
		return nil, fmt.Errorf("a truncated or invalid body (%d bytes): %w", len(b), err)
	}
	if p.Results == nil {
		return nil, fmt.Errorf("a body without results (%d bytes)", len(b))
	}
	return &p, nil
}

// redact drops the API key and mailto from a URL for messages.
func redact(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return u
	}
	q := p.Query()
	q.Del("api_key")
	q.Del("mailto")
	p.RawQuery = q.Encode()
	return p.String()
}

func writeAtomic(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return writeFileAtomic(path, b)
}

func writeFileAtomic(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}
