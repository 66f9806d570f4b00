package cryo

// Nicknames: the common English short forms of given names, each group one name and the
// forms bibliographies and staff pages write for it. Two given names are nicknames of each
// other when one group holds both ("Bill" and "William"; not "Alexander" and "Alexandra",
// although both are "Alex"). The table is small on purpose: a wrong entry adds candidates to
// every name it touches, a missing one only loses the "nickname" rule for that name.
var nicknameGroups = [][]string{
	{"alexander", "alex", "alec", "sandy"},
	{"alexandra", "alex", "sandra", "sandy"},
	{"andrew", "andy", "drew"},
	{"anthony", "tony"},
	{"benjamin", "ben", "benny"},
	{"catherine", "katherine", "kathryn", "cathy", "kathy", "kate", "katie"},
	{"charles", "charlie", "chuck"},
	{"christopher", "chris", "kit"},
	{"christine", "christina", "chris", "tina"},
	{"daniel", "dan", "danny"},
	{"david", "dave", "davy"},
	{"donald", "don"},
	{"douglas", "doug"},
	{"edward", "ed", "eddie", "ted", "ned"},
	{"elizabeth", "liz", "lizzie", "beth", "betty", "eliza"},
	{"ernest", "ernie"},
	{"frederick", "fred", "freddie"},
	{"gerald", "gerry", "jerry"},
	{"gregory", "greg"},
	{"james", "jim", "jimmy", "jamie"},
	{"jeffrey", "geoffrey", "jeff", "geoff"},
	{"jennifer", "jen", "jenny"},
	{"john", "jack", "johnny"},
	{"jonathan", "jon"},
	{"joseph", "joe", "joey"},
	{"joshua", "josh"},
	{"kenneth", "ken", "kenny"},
	{"lawrence", "laurence", "larry"},
	{"leonard", "len", "lenny", "leo"},
	{"margaret", "maggie", "meg", "peggy"},
	{"matthew", "matt"},
	{"michael", "mike", "mick", "mickey"},
	{"nathaniel", "nathan", "nate"},
	{"nicholas", "nick", "nicky"},
	{"patrick", "pat"},
	{"peter", "pete"},
	{"philip", "phillip", "phil"},
	{"raymond", "ray"},
	{"richard", "rick", "rich", "richie", "dick"},
	{"robert", "bob", "bobby", "rob", "robbie", "bert"},
	{"ronald", "ron", "ronnie"},
	{"samuel", "sam", "sammy"},
	{"sebastian", "seb"},
	{"stephen", "steven", "steve", "stevie"},
	{"susan", "sue", "susie"},
	{"thomas", "tom", "tommy"},
	{"timothy", "tim"},
	{"william", "bill", "billy", "will", "willy", "liam"},
}

// nicknameIndex maps each form to the groups it belongs to.
var nicknameIndex = func() map[string][]int {
	idx := map[string][]int{}
	for i, g := range nicknameGroups {
		for _, n := range g {
			idx[n] = append(idx[n], i)
		}
	}
	return idx
}()

// Nicknames tells whether two lower-case given names are one name by the nickname table.
func Nicknames(a, b string) bool {
	if a == b {
		return false
	}
	for _, i := range nicknameIndex[a] {
		for _, j := range nicknameIndex[b] {
			if i == j {
				return true
			}
		}
	}
	return false
}

// NicknameForms returns the other forms of a lower-case given name, for the search index.
func NicknameForms(name string) []string {
	var out []string
	seen := map[string]bool{name: true}
	for _, i := range nicknameIndex[name] {
		for _, n := range nicknameGroups[i] {
			if !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	return out
}
