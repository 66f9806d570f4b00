// A person's names now have one name key each, the least rotation of the name's letters
// (cryo.PersonNameKey), instead of one per rotation of its words. The keys are computed in
// Go (pinyin, accents), so this migration has no statement: store.RekeyPeople re-links every
// person of a graph migrated before to its new keys, and deletes the keys nothing links to
// any more. A graph with no migration applied yet (a new database, or the store bulk-load
// has just imported) holds no keys of the old kind and is left alone.
