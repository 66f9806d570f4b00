package cryo

// NodeUpsert writes one node keyed on ID; Props replace the node's properties.
type NodeUpsert struct {
	ID      string
	Label   string
	Props   map[string]any
	Sources []string
	Hash    string
	// NameKeys link the node to the NameKey nodes that its name variants share.
	NameKeys []NameKey
	// Derived lists, as "TYPE|other id|key", the relationships the row defines itself (a
	// partnership's parties and topics, a topic's parents, sourced aliases); other
	// relationships of those kinds are removed, so a re-import updates them.
	Derived []string
	// New says the id was not in the graph when the load was validated: the node is created,
	// with nothing stale to clean up (a concurrent creation fails on the unique id instead).
	New bool
}

// NameKey is one normalised key and the names of the entity that produce it. Only the key is
// stored (a HAS_NAME_KEY relationship to a NameKey node); the names are derived again when
// they are shown (NamesByKey), since storing them on 2M relationships cost a fifth of the
// loader's node phase.
type NameKey struct {
	Key   string
	Names []string
}

// EntityNameKeys computes the name keys of an entity's name and aliases.
func EntityNameKeys(label, name string, aliases []string) []NameKey {
	if label != "Person" && label != "Organization" {
		return nil
	}
	byKey := map[string][]string{}
	var order []string
	for _, n := range append([]string{name}, aliases...) {
		for _, k := range NameKeys(label, n) {
			if _, ok := byKey[k]; !ok {
				order = append(order, k)
			}
			byKey[k] = append(byKey[k], n)
		}
	}
	out := make([]NameKey, 0, len(order))
	for _, k := range order {
		out = append(out, NameKey{Key: k, Names: byKey[k]})
	}
	return out
}

// NamesByKey maps each name key of an entity to those of its names (its name, then its
// aliases, the names merged into it included) that produce it: why each of its HAS_NAME_KEY
// relationships exists.
func NamesByKey(label, name string, aliases []string) map[string][]string {
	keys := EntityNameKeys(label, name, aliases)
	out := make(map[string][]string, len(keys))
	for _, k := range keys {
		out[k.Key] = k.Names
	}
	return out
}

// LinkUpsert writes one relationship keyed on (From, Rel, To, Key).
type LinkUpsert struct {
	Rel   string
	From  string
	To    string
	Key   string
	Props map[string]any
	Hash  string
	// New says an end of the link is a node this load creates: the link cannot exist yet.
	New bool
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

// GraphID is what the graph knows of an id: the label of its node and, when an explicit
// merge absorbed it, the id of the node it lives on now.
type GraphID struct {
	Label  string
	Target string
}

// ExternalID is an identifier from an outside registry (ORCID, ROR, Wikidata): a merge key.
type ExternalID struct {
	Label string
	Prop  string
	Value string
}

// EmptyList is a list property whose value is the empty list, on the node NodeID or on the
// relationship Rel {key: Key} from From to To. An offline bulk import cannot write one (an
// empty cell is no property), so they are set once the import is done.
type EmptyList struct {
	NodeID             string
	Rel, From, To, Key string
	Prop               string
}

// OrgNames is what matching against a registry reads of an organization: its names and place.
type OrgNames struct {
	ID      string
	Name    string
	Aliases []string
	Country string
	City    string
}

// RegistryIDMatch is a ROR id to write onto an organization that holds none, with the
// source row that records how it was matched (`cryograph ingest ror --match --apply`).
type RegistryIDMatch struct {
	Org    string
	ROR    string
	Source string
}

// Planned says what an upsert would do to one node or relationship, for a dry run's plan.
type Planned struct {
	// Kind is the node's label or the relationship's type.
	Kind string
	// ID is the node's id, or "from -[TYPE]-> to" for a relationship.
	ID string
	// Action is "create", "update" or "unchanged".
	Action string
	// Changed lists, for an update, the fields whose values would change, sorted.
	Changed []string
}

// MergeReplay is a merge row to load: the record of an explicit merge as an export wrote it.
// Loading it merges the absorbed entity, restored from Snapshot, into the kept one again,
// under the record's id; a merge that was undone only gets its record back.
type MergeReplay struct {
	Merge
	UndoneBy string
	Snapshot string
}
