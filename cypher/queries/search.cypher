// The search box: full-text (Lucene) over names and aliases of the given labels. $lucene is
// built by the store from the user's words (letters and digits only): each word as itself,
// as a prefix and, when long enough, fuzzily.
CALL db.index.fulltext.queryNodes('entity_names', $lucene, {limit: $limit * 5}) YIELD node, score
WITH node, score, [l IN labels(node) WHERE l <> 'Entity'][0] AS label
WHERE label IN $labels
RETURN node.id AS id, node.name AS name, label, node.kind AS type, node.country AS country,
       node.aliases AS aliases, score
ORDER BY score DESC, id
LIMIT $limit
