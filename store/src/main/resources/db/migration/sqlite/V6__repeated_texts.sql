-- Every decision names all the packs in force (1.8 KB of its ~3 KB document) and so does every public entry (1.4 KB
-- of ~2.3 KB): until V6 each request's row held that list twice, which made the row ~5.6 KB, two pages of the file
-- (bench/StoreWrites: 16.4 KB written per request, 12.4 KB with the list kept once). From V6 a text that recurs in
-- every row (the gateway names them: the packs in force, as the decision and as the entry write them) is kept once in
-- repeated_texts; a row stores its decision or entry without it, and where it goes: decision_part_at is a character
-- offset into decision_json, entry_part_at a byte offset into ledger_entry. Reading puts it back, so what is read is
-- byte for byte what was stored (the commitment in the ledger covers the decision's exact text). Rows without a part
-- hold the whole text, as before.
CREATE TABLE repeated_texts (
  id   INTEGER PRIMARY KEY,
  text TEXT NOT NULL CHECK (length(text) > 0)  -- a handful of rows, looked up by value when a gateway starts
) STRICT;
ALTER TABLE requests ADD COLUMN decision_part INTEGER REFERENCES repeated_texts (id);
ALTER TABLE requests ADD COLUMN decision_part_at INTEGER CHECK (decision_part_at >= 0);
ALTER TABLE requests ADD COLUMN entry_part INTEGER REFERENCES repeated_texts (id);
ALTER TABLE requests ADD COLUMN entry_part_at INTEGER CHECK (entry_part_at >= 0);
