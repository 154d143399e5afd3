-- Until V7 a request's row kept its public ledger entry for good, though the store reads it only while the entry's
-- index is not recorded (after a crash, to find the entry in the log or append it); once recorded, the log holds it.
-- From V7 the entry is stored with its ledger_pending row, which goes when the index is recorded (on SQLite the entry
-- made each row ~2.4 KB, one to a 4 KB page; see the SQLite migration). Rows of requests stored before V7 keep
-- theirs in requests.ledger_entry (read by nothing any more).
ALTER TABLE ledger_pending
  ADD COLUMN entry BYTEA,
  ADD COLUMN entry_part BIGINT REFERENCES repeated_texts (id),
  ADD COLUMN entry_part_at INTEGER CHECK (entry_part_at >= 0);
UPDATE ledger_pending p SET entry = r.ledger_entry, entry_part = r.entry_part, entry_part_at = r.entry_part_at
  FROM requests r WHERE r.id = p.request_id;
