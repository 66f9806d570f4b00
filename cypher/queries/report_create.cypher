// A reader's report of an error about the entity $subject; nothing if there is no such entity.
// A report is never a fact: it changes no data by itself.
MATCH (e:Entity {id: $subject})
CREATE (r:Report {id: $id, status: 'open', subject: $subject, subjectKind: $kind, fact: $fact,
  what: $what, correction: $correction, evidence: $evidence, contact: $contact,
  created: $now, updated: $now})
RETURN r {.*, subjectName: coalesce(e.name, e.title)} AS report
