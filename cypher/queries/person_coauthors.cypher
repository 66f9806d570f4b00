// People who authored a publication with the person.
MATCH (p:Person {id: $id})-[:AUTHORED]->(pub:Publication)<-[:AUTHORED]-(co:Person)
WHERE co <> p
RETURN co.id AS id, co.name AS name, co.country AS country, count(DISTINCT pub) AS shared
ORDER BY shared DESC, name
