// Removes the name keys of a page of people before store.RekeyPeople links the new ones.
UNWIND $ids AS id
MATCH (n:Person {id: id})-[h:HAS_NAME_KEY]->(:NameKey)
DELETE h
