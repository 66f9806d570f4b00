// Derived data (docs/model.md, "Derived data"): one (:DerivedState {id: 'graph', version})
// node counts the refreshes; cached answers are keyed on its version.
CREATE CONSTRAINT derived_state_id IF NOT EXISTS FOR (v:DerivedState) REQUIRE v.id IS UNIQUE;
