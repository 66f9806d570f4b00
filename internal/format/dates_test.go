package format

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestImpossibleDatesAreRejectedOnTheirOwnField(t *testing.T) {
	for _, tc := range []struct{ date, why string }{
		{"2022-13", "month 13 does not exist"},
		{"2022-00", "month 00 does not exist"},
		{"2022-02-30", "2022-02 has 28 days"},
		{"2022-00-00", "month 00 does not exist"},
		{"2022-99-99", "month 99 does not exist"},
		{"2022-04-31", "2022-04 has 30 days"},
		{"2023-02-29", "2023-02 has 28 days"},
		{"1900-02-29", "1900-02 has 28 days"},
		{"2022-01-00", "2022-01 has 31 days"},
		{"2024-02-29", ""},
		{"2000-02-29", ""},
		{"2022-12-31", ""},
		{"2022", ""},
		{"2022-12", ""},
	} {
		assert.Equal(t, tc.why, impossibleDate(tc.date), tc.date)
	}

	for _, tc := range []struct{ row, field, reason string }{
		{`"start":"2022-13","end":"2022-01"`, "start", `"2022-13" is not a date: month 13 does not exist`},
		{`"start":"2022-13","end":"2022-02-30"`, "end", `"2022-02-30" is not a date: 2022-02 has 28 days`},
		{`"start":"2022-00-00"`, "start", `"2022-00-00" is not a date: month 00 does not exist`},
		{`"start":"2022-01","end":"2022-99-99"`, "end", `"2022-99-99" is not a date: month 99 does not exist`},
	} {
		_, err := Parse(1, decode(t, `{"type":"event","id":"event:e","name":"E","kind":"visit",`+tc.row+`,"sources":["src:s"]}`))
		var fe FieldError
		if assert.ErrorAs(t, err, &fe, tc.row) {
			assert.Equal(t, FieldError{tc.field, tc.reason}, fe, "the impossible date is named on its own field, not as a range error")
		}
	}
}
