package orcid

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// PublicAPI is the base URL of ORCID's public API.
const PublicAPI = "https://pub.orcid.org/v3.0"

// Fetcher gets full records from the public API v3.0 (GET <base>/<orcid>/record, Accept:
// application/json), retrying 429 and 5xx answers and network errors.
type Fetcher struct {
	Base   string       // default PublicAPI
	Client *http.Client // default a client with a 30 s timeout
	// Tries is the number of attempts (default 4); Wait the first pause between them
	// (default 1 s, doubled each time; a Retry-After header is obeyed up to a minute).
	Tries int
	Wait  time.Duration
}

// Fetch returns the record of one ORCID iD as an Input named after its URL.
func (f Fetcher) Fetch(ctx context.Context, id string) (Input, error) {
	id = BareORCID(id)
	if why := CheckORCID(id); why != "" {
		return Input{}, fmt.Errorf("orcid: %s", why)
	}
	base := strings.TrimSuffix(f.Base, "/")
	if base == "" {
		base = PublicAPI
	}
	client := f.Client
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	tries, wait := f.Tries, f.Wait
	if tries <= 0 {
		tries = 4
	}
	if wait <= 0 {
		wait = time.Second
	}
	url := base + "/" + id + "/record"
	var last error
	for try := 1; try <= tries; try++ {
		body, retryAfter, err := get(ctx, client, url)
		if err == nil {
			return Bytes(url, body), nil
		}
		last = err
		if retryAfter < 0 || try == tries {
			break
		}
		pause := wait << (try - 1)
		if retryAfter > 0 {
			pause = min(retryAfter, time.Minute)
		}
		select {
		case <-ctx.Done():
			return Input{}, ctx.Err()
		case <-time.After(pause):
		}
	}
	return Input{}, fmt.Errorf("orcid: GET %s: %w", url, last)
}

// get does one request. retryAfter < 0 says the error is final (a 404, say); > 0 is the
// server's Retry-After.
func get(ctx context.Context, client *http.Client, url string) (body []byte, retryAfter time.Duration, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, -1, err
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "cryograph (https://github.com/cryograph/cryograph)")
	resp, err := client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, -1, ctx.Err()
		}
		return nil, 0, err
	}
	defer resp.Body.Close()
	body, err = io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	switch {
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
		return nil, time.Duration(secs) * time.Second, fmt.Errorf("HTTP %d", resp.StatusCode)
	case resp.StatusCode != http.StatusOK:
		return nil, -1, fmt.Errorf("HTTP %d", resp.StatusCode)
	case err != nil:
		return nil, 0, fmt.Errorf("reading the answer: %w", err)
	}
	return body, 0, nil
}
