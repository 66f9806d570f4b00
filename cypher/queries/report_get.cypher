// One report by its id, with the current name of what it is about.
MATCH (r:Report {id: $id})
OPTIONAL MATCH (e:Entity {id: r.subject})
RETURN r {.*, subjectName: coalesce(e.name, e.title)} AS report
