package cryo

import (
	"fmt"
	"strings"
	"time"
)

// Role orders what a caller may do: each role may do everything the roles below it may.
type Role int

// Roles, lowest first.
const (
	RoleNone Role = iota
	RoleViewer
	RoleAnalyst
	RoleEditor
	RoleAdmin
)

var roleNames = []string{"none", "viewer", "analyst", "editor", "admin"}

func (r Role) String() string {
	if r < 0 || int(r) >= len(roleNames) {
		return fmt.Sprintf("role(%d)", int(r))
	}
	return roleNames[r]
}

// ParseRole reads a role name.
func ParseRole(s string) (Role, error) {
	for i, n := range roleNames {
		if i > 0 && strings.EqualFold(s, n) {
			return Role(i), nil
		}
	}
	return RoleNone, Invalid("role", "role must be viewer, analyst, editor or admin, got %q", s)
}

// Principal is who is calling: a named API token with a role, or the anonymous reader.
type Principal struct {
	TokenID string
	Name    string
	Role    Role
}

// Anonymous is the caller without a token, when anonymous reading is on.
var Anonymous = Principal{Name: "anonymous", Role: RoleViewer}

// AuditEntry records one Cypher run or one write: who, when, what, how long, how many rows.
type AuditEntry struct {
	At       time.Time     `json:"at"`
	Who      string        `json:"who"`
	TokenID  string        `json:"tokenId,omitempty"`
	Action   string        `json:"action"` // "cypher", "import", "merge", "unmerge", "saved_query.create", ...
	What     string        `json:"what"`   // the query text, the file name, the ids
	Duration time.Duration `json:"-"`
	Millis   int64         `json:"durationMs"`
	Rows     int           `json:"rows"`
	Outcome  string        `json:"outcome"` // "ok" or an error code
	// Changeset names the changeset the write recorded, if it recorded one.
	Changeset string `json:"changeset,omitempty"`
}

// MarshalText writes a role by name, so JSON and logs say "analyst" rather than 2.
func (r Role) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// UnmarshalText reads a role name.
func (r *Role) UnmarshalText(b []byte) error {
	v, err := ParseRole(string(b))
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// Allows tells whether a caller with role r may do what needs role need.
func (r Role) Allows(need Role) bool { return r >= need }
