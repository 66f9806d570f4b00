package analyst

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
)

// WriteCSV writes a result as CSV: a header of the column names, then one line per row.
// Strings, numbers and booleans are written as they are, null as an empty cell, dates, times
// and durations as their ISO 8601 text, big integers as their digits, and everything else
// (nodes, relationships, paths, points, lists, maps, bytes) as its typed JSON text.
func WriteCSV(w io.Writer, r *Result) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(r.Columns); err != nil {
		return err
	}
	line := make([]string, len(r.Columns))
	for _, row := range r.Rows {
		for i := range line {
			line[i] = ""
			if i < len(row) {
				line[i] = cell(row[i])
			}
		}
		if err := cw.Write(line); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func cell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case json.Number:
		return x.String()
	case BigInt:
		return strconv.FormatInt(int64(x), 10)
	case Float:
		return floatText(float64(x))
	case Temporal:
		return x.Value
	}
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(b)
}
