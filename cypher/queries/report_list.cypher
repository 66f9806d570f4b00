// The review queue: reports of one status ($status, or 'all'), newest first, one page.
MATCH (r:Report)
WHERE $status = 'all' OR r.status = $status
WITH r ORDER BY r.created DESC, r.id
WITH collect(r) AS rs
CALL {
  WITH rs
  UNWIND rs[$offset..($offset + $limit)] AS r
  OPTIONAL MATCH (e:Entity {id: r.subject})
  WITH r, e ORDER BY r.created DESC, r.id
  RETURN collect(r {.*, subjectName: coalesce(e.name, e.title)}) AS page
}
RETURN size(rs) AS total, page
