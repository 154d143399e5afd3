-- Until V7 a request's row kept its public ledger entry for good, though the store reads it only while the entry's
-- index is not recorded (after a crash, to find the entry in the log or append it); once recorded, the log holds it.
-- The entry (~0.9 KB without the packs list) made a decided request's row ~2.4 KB, so a 4 KB page of the file held
-- one row and written pages were 40% empty. From V7 the entry is stored with its ledger_pending row, which goes when
-- the index is recorded; rows of requests stored before V7 keep theirs in requests.ledger_entry (read by nothing any
-- more). ledger_pending becomes a rowid table: WITHOUT ROWID, a row of more than ~1,000 bytes spills to an overflow
-- page of its own (bench/StoreWrites: 12.5 KB written per request before V7; with that layout 15.5-16.2 KB).
CREATE TABLE ledger_pending_v7 (
  request_id    TEXT NOT NULL PRIMARY KEY REFERENCES requests (id),
  floor         INTEGER NOT NULL,  -- the log's size when the request was stored: its entry cannot sit lower
  entry         BLOB,              -- the public entry, without its kept part; NULL only for rows from before V7
  entry_part    INTEGER REFERENCES repeated_texts (id),
  entry_part_at INTEGER CHECK (entry_part_at >= 0)
) STRICT;
INSERT INTO ledger_pending_v7 (request_id, floor, entry, entry_part, entry_part_at)
  SELECT p.request_id, p.floor, r.ledger_entry, r.entry_part, r.entry_part_at
  FROM ledger_pending p JOIN requests r ON r.id = p.request_id;
DROP TABLE ledger_pending;
ALTER TABLE ledger_pending_v7 RENAME TO ledger_pending;
