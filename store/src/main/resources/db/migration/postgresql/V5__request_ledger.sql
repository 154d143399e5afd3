-- Until V5 a request's ledger index was recorded by updating its row after the answer, which wrote every request's
-- row (its decision document and public entry, about six kilobytes) a second time: bench/StoreWrites measured 19.1 KB
-- written per request with the update (the write-ahead log and its checkpoint copies), 16.6 KB without. From V5 the
-- index goes to request_ledger, a narrow table written once per request, and the requests whose entry is still to be
-- looked for in the log (or appended) are listed in ledger_pending, inserted with the request and deleted when its
-- index is recorded. A request's row is written once; requests.ledger_entry keeps its public entry for good (kept in
-- ledger_pending instead, each entry's deletion rewrote its page: more written, not less).
CREATE TABLE request_ledger (
  request_id   TEXT NOT NULL PRIMARY KEY REFERENCES requests (id),
  ledger_index BIGINT NOT NULL UNIQUE,
  leaf_hash    BYTEA NOT NULL CHECK (octet_length(leaf_hash) = 32)
);
INSERT INTO request_ledger (request_id, ledger_index, leaf_hash)
  SELECT id, ledger_index, leaf_hash FROM requests WHERE ledger_index IS NOT NULL;
CREATE TABLE ledger_pending (
  request_id TEXT NOT NULL PRIMARY KEY REFERENCES requests (id),
  floor      BIGINT NOT NULL  -- the log's size when the request was stored: its entry cannot sit lower
);
INSERT INTO ledger_pending (request_id, floor)
  SELECT id, ledger_floor FROM requests WHERE ledger_entry IS NOT NULL AND ledger_index IS NULL;
DROP INDEX requests_unlogged;
DROP INDEX requests_ledger;
ALTER TABLE requests DROP COLUMN ledger_index, DROP COLUMN leaf_hash, DROP COLUMN ledger_floor;
