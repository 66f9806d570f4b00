// How many people store.RekeyPeople will re-link, for its progress messages.
MATCH (n:Person)
RETURN count(n) AS people
