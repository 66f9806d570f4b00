// One page of people, in id order, with the names their name keys come from (store.RekeyPeople).
MATCH (n:Person)
WHERE n.id > $after
RETURN n.id AS id, n.name AS name, n.aliases AS aliases
ORDER BY n.id
LIMIT $limit
