-- The public ledger entry of a request, kept with it from the moment it is stored until its ledger index is
-- recorded: the index is recorded after the answer (not waited for), so after a crash the gateway finds on start the
-- requests whose index is missing, looks for their entries in the log from ledger_floor (the log's size when the
-- request was stored: its entry cannot sit lower) and appends those the log does not hold.
ALTER TABLE requests ADD COLUMN ledger_entry BYTEA;
ALTER TABLE requests ADD COLUMN ledger_floor BIGINT;
CREATE INDEX requests_unlogged ON requests (ledger_floor) WHERE ledger_entry IS NOT NULL;
