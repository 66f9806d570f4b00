package format

import "fmt"

// impossibleDate says why a date of the right shape names no day of the calendar
// ("2022-13", "2022-02-30", "2022-00-00"), or "" when it names one. Leap years count:
// 2024-02-29 is a day, 2023-02-29 and 1900-02-29 are not.
func impossibleDate(s string) string {
	if len(s) < 7 {
		return ""
	}
	month := int(s[5]-'0')*10 + int(s[6]-'0')
	if month < 1 || month > 12 {
		return fmt.Sprintf("month %s does not exist", s[5:7])
	}
	if len(s) < 10 {
		return ""
	}
	year := int(s[0]-'0')*1000 + int(s[1]-'0')*100 + int(s[2]-'0')*10 + int(s[3]-'0')
	day := int(s[8]-'0')*10 + int(s[9]-'0')
	days := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[month]
	if month == 2 && (year%4 == 0 && year%100 != 0 || year%400 == 0) {
		days = 29
	}
	if day < 1 || day > days {
		return fmt.Sprintf("%s-%s has %d days", s[:4], s[5:7], days)
	}
	return ""
}
