// Package data embeds the demo dataset, real and sourced facts in the import format, so that
// the binary can load it without the repository beside it.
package data

import (
	"embed"
	"io/fs"
)

//go:embed demo/*.jsonl
var demo embed.FS

//go:embed ror/*.json
var ror embed.FS

// RORRetrieved is the date the records in ror/ were copied from ROR's published records
// (ror/README.md says from where): the retrieved date of their sources, fixed so that a second
// `up` changes nothing.
const RORRetrieved = "2026-12-07"

// ROR returns the ROR schema v2 records of the demo organizations that have one (ror/*.json;
// ror/README.md lists them and the organizations without a record), which `up` ingests after
// the demo dataset.
func ROR() fs.FS {
	sub, err := fs.Sub(ror, "ror")
	if err != nil {
		panic(err)
	}
	return sub
}

// Demo returns the demo dataset's files, loaded in name order.
func Demo() fs.FS {
	sub, err := fs.Sub(demo, "demo")
	if err != nil {
		panic(err)
	}
	return sub
}
