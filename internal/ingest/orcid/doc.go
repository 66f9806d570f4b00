// Package orcid reads public ORCID records (https://orcid.org) and turns them into rows of
// CryoGraph's import format, which it writes through importer.LoadAndRefresh, the one write
// path: validation, reports, batching, idempotency and "nothing written on bad input" come
// from there.
//
// It owns: reading a record from the public API v3.0 JSON (/v3.0/<orcid>/record) or from the
// public data file's XML (record:record), one record or many (a directory, a JSON array, a
// .tar.gz of the data file), streamed (read.go, json.go, xml.go); checking each record's
// shape, so that a truncated file, a file that is no record or a bad ORCID checksum is
// refused with its file and ORCID (record.go); mapping a record to rows: the person, the
// dated affiliations of its employments and educations, its works matched by DOI
// (mapping.go); the ingest, two streaming passes around one look-up of the graph's merge
// keys (ingest.go); fetching records from the public API (fetch.go). docs/orcid.md
// describes the mapping.
package orcid
