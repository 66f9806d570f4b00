// Full-text (Lucene) index for free-text and typo-tolerant search over names and aliases.
// aliasText holds the aliases joined into one string, since the index reads strings.
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS
FOR (n:Person|Organization|Topic|Event|Partnership)
ON EACH [n.name, n.aliasText]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}};
