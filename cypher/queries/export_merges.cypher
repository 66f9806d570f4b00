// Streams the merge records, oldest first: the export writes each as a merge row.
MATCH (m:Merge)
RETURN properties(m) AS props
ORDER BY m.at, m.id
