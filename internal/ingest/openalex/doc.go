// Package openalex reads works, authors and institutions of OpenAlex (https://openalex.org,
// CC0) and turns them into rows of CryoGraph's import format, which it writes through
// importer.LoadAndRefresh, the one write path: validation, row-level reports, batching,
// idempotency and "nothing written on bad input" come from there.
//
// It owns: reading snapshot parts (JSON Lines, gzipped or not), single records, API pages and
// arrays as a stream with bounded memory (read.go); the records' shapes and ids (record.go);
// the crosswalk from OpenAlex topics and keywords to CryoGraph's topics (crosswalk.go,
// data/openalex/crosswalk.json); the rows of a work, author or institution (mapping.go); the
// ingest, two streaming passes with a look-up of the ids the graph already holds between them
// (ingest.go, emit.go); and the API client: a query's filter (query.go), cursor paging,
// polite use, back-off and retries, the on-disk cache and resuming (client.go).
// docs/openalex.md describes the mapping.
package openalex
