UNWIND $ids AS id
MATCH (s:Source {id: id})
RETURN s.id AS id, s.url AS url, s.title AS title, s.publisher AS publisher, s.published AS published
ORDER BY id
