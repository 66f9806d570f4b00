package cryo

// NodeUpsert writes one node keyed on ID; Props replace the node's properties.
type NodeUpsert struct {
	ID      string
	Label   string
	Props   map[string]any
	Sources []string
	Hash    string
}

// LinkUpsert writes one relationship keyed on (From, Rel, To, Key).
type LinkUpsert struct {
	Rel   string
	From  string
	To    string
	Key   string
	Props map[string]any
	Hash  string
}

// UpsertCounts says what a batch did.
type UpsertCounts struct {
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
}

// Add sums counts.
func (c *UpsertCounts) Add(o UpsertCounts) {
	c.Created += o.Created
	c.Updated += o.Updated
	c.Unchanged += o.Unchanged
}

// MigrationState compares the schema migrations shipped in the binary with those recorded in
// the graph.
type MigrationState struct {
	Applied []string `json:"applied"`
	Pending []string `json:"pending"`
}
