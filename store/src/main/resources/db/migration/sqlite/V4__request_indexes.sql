-- Every index on requests is written for every request the gateway decides; keep only what a query reads.
-- requests_status indexed every request by status, but only held requests are ever looked up by it (the review
-- queue): it becomes a partial index of those. requests_ledger held an entry for every request, NULL ones too, and
-- the later ledger-index update moved it: now only recorded indexes, still unique. requests_requester was read by
-- no query.
DROP INDEX requests_status;
CREATE INDEX requests_held ON requests (received_at, id) WHERE status = 'HELD';
DROP INDEX requests_ledger;
CREATE UNIQUE INDEX requests_ledger ON requests (ledger_index) WHERE ledger_index IS NOT NULL;
DROP INDEX requests_requester;
