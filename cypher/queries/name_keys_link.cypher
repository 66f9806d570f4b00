// Links a page of people to their name keys (store.RekeyPeople), sorted by key as the
// loader's import_create_name_keys is; a key a merge added keeps that merge's id.
UNWIND $rows AS row
MERGE (k:NameKey {key: row.key})
WITH k, row
MATCH (n:Person {id: row.id})
CREATE (n)-[h:HAS_NAME_KEY]->(k)
SET h.mergeId = row.mergeId
RETURN count(h) AS linked
