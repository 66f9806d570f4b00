// The derived-data version (derived_version_bump.cypher); no row before the first refresh.
MATCH (v:DerivedState {id: 'graph'})
RETURN v.version AS version
