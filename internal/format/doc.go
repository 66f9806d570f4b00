// Package format owns CryoGraph's import format (docs/import-format.md), the contract between
// everything that writes rows and everything that reads them: the row types a line turns into,
// the allowed values of the enumerated fields, the link types and the labels they may join,
// the parsing of JSON Lines and CSV rows, the content hash stored on every node and
// relationship, and the one JSON encoder behind both that hash and the exporter's rows.
//
// It knows nothing of the graph store: the importer validates references and writes, the
// exporter writes rows back out, and the bulk loader and benchmarks read rows, all through
// this package.
package format
