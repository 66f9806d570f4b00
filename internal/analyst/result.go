package analyst

import (
	"encoding/json"
	"time"
)

// Reasons a result was cut short.
const (
	TruncatedRows  = "row_limit"
	TruncatedBytes = "byte_limit"
)

// Result is the answer to one run: the columns, the rows of typed JSON values, and the
// distinct nodes and relationships found anywhere in the rows, for drawing.
type Result struct {
	Columns []string `json:"columns"`
	Rows    [][]any  `json:"rows"`
	// Truncated says the query had more to give than the caps let through; TruncatedReason
	// says which cap: "row_limit" or "byte_limit".
	Truncated       bool   `json:"truncated"`
	TruncatedReason string `json:"truncatedReason,omitempty"`
	Graph           Graph  `json:"graph"`
	Stats           Stats  `json:"stats"`
}

// Graph is the nodes and relationships of a result, each once. A relationship's ends may be
// missing from Nodes when the query returned the relationship but not its nodes.
type Graph struct {
	Nodes         []Node         `json:"nodes"`
	Relationships []Relationship `json:"relationships"`
}

// Stats describe a run.
type Stats struct {
	Rows int   `json:"rows"`
	Ms   int64 `json:"ms"`
	// Bytes is the size of the encoded rows and graph view, which the byte cap bounds.
	Bytes int `json:"bytes"`
}

// Collector receives a result's records one at a time, as the driver streams them, and stops
// the stream at the row cap or the byte cap. Feed it a record's values converted to this
// package's types; it keeps them in their typed JSON form.
type Collector struct {
	res      *Result
	limit    int
	maxBytes int
	gs       graphSet
}

// NewCollector starts the result of a query with the given columns.
func NewCollector(columns []string, limit, maxBytes int) *Collector {
	if columns == nil {
		columns = []string{}
	}
	res := &Result{Columns: columns, Rows: [][]any{}, Graph: Graph{Nodes: []Node{}, Relationships: []Relationship{}}}
	return &Collector{res: res, limit: limit, maxBytes: maxBytes,
		gs: graphSet{nodes: map[string]bool{}, rels: map[string]bool{}, g: &res.Graph}}
}

// Add takes one record. It returns false when the record did not fit (the row cap was
// already reached, or the record would pass the byte cap): the result is then marked
// truncated, and the caller should stop reading.
func (c *Collector) Add(values []any) bool {
	if c.res.Truncated {
		return false
	}
	if len(c.res.Rows) >= c.limit {
		c.truncate(TruncatedRows)
		return false
	}
	add := newPending()
	row := make([]any, len(values))
	for i, v := range values {
		row[i] = c.gs.encode(v, add)
	}
	size := jsonSize(row) + 1 // the comma, or for the first row the brackets around the rows
	if len(c.res.Rows) == 0 {
		size++
	}
	if len(add.Nodes) > 0 || len(add.Relationships) > 0 {
		size += jsonSize(add.Nodes) + jsonSize(add.Relationships)
	}
	if c.res.Stats.Bytes+size > c.maxBytes {
		c.truncate(TruncatedBytes)
		return false
	}
	c.res.Stats.Bytes += size
	c.gs.commit(add)
	c.res.Rows = append(c.res.Rows, row)
	c.res.Stats.Rows = len(c.res.Rows)
	return true
}

func (c *Collector) truncate(reason string) {
	c.res.Truncated, c.res.TruncatedReason = true, reason
}

// Result returns the result so far, with its duration.
func (c *Collector) Result(elapsed time.Duration) *Result {
	c.res.Stats.Ms = elapsed.Milliseconds()
	return c.res
}

func jsonSize(v any) int {
	b, err := json.Marshal(v)
	if err != nil {
		return 0
	}
	return len(b)
}
