// Derived data: counts the refreshes. Answers the store caches (the partnership map) are keyed
// on this version, so they are recomputed once the facts changed and the derived data was
// refreshed. Run last by (*Store).RefreshDerived.
MERGE (v:DerivedState {id: 'graph'})
SET v.version = coalesce(v.version, 0) + 1, v.refreshedAt = datetime()
