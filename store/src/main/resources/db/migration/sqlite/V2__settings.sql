-- Small facts the application remembers between starts, e.g. the digests of the rule packs last ledgered.
CREATE TABLE settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
