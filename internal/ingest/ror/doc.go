// Package ror reads records of the Research Organization Registry (ROR, https://ror.org,
// CC0), schema v2, and turns them into rows of CryoGraph's import format, which it writes
// through importer.LoadAndRefresh, the one write path: validation, row-level reports,
// batching, idempotency and "nothing written on bad input" come from there.
//
// It owns: reading a single record, a JSON array of records or a ROR data dump (the release
// .zip or its *_schema_v2.json file) as a stream, with bounded memory (read.go); checking each
// record's shape, so that a v1 record or one without an id is refused by index and id
// (record.go); selecting records (--ids, --country, --related-to) and mapping them to rows
// (mapping.go); the ingest itself, two streaming passes over the input (ingest.go); proposing
// ROR ids for organizations that lack one (match.go). docs/ror.md describes the mapping.
package ror
