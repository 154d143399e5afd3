-- Firebreak store, SQLite. Keep in step with ../postgresql/V1__schema.sql: same tables, columns and indexes;
-- only the types differ (times are fixed-width ISO-8601 UTC text, bytes are BLOB). STRICT tables refuse values
-- of the wrong type instead of storing them.

CREATE TABLE agencies (
  id           TEXT NOT NULL PRIMARY KEY,
  name         TEXT NOT NULL,
  level        TEXT NOT NULL,
  component    TEXT NOT NULL,
  jurisdiction TEXT NOT NULL
) STRICT;

CREATE TABLE users (
  id             TEXT NOT NULL PRIMARY KEY,
  agency_id      TEXT NOT NULL REFERENCES agencies (id),
  task_forces    TEXT NOT NULL,  -- JSON array of task force names
  certifications TEXT NOT NULL   -- JSON array
) STRICT;
CREATE INDEX users_agency ON users (agency_id);

CREATE TABLE user_roles (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role    TEXT NOT NULL CHECK (role IN ('REQUESTER', 'CUSTODIAN', 'AUDITOR', 'ADMIN')),
  PRIMARY KEY (user_id, role)
) STRICT;
CREATE INDEX user_roles_role ON user_roles (role);

-- API tokens: only their SHA-256.
CREATE TABLE credentials (
  token_hash BLOB NOT NULL PRIMARY KEY CHECK (length(token_hash) = 32),
  user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX credentials_user ON credentials (user_id);

CREATE TABLE sources (
  id           TEXT NOT NULL PRIMARY KEY,
  kind         TEXT NOT NULL,
  jurisdiction TEXT NOT NULL,
  agency_id    TEXT NOT NULL REFERENCES agencies (id)
) STRICT;
CREATE INDEX sources_agency ON sources (agency_id);

CREATE TABLE source_fields (
  source_id TEXT    NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
  field     TEXT    NOT NULL,
  category  TEXT    NOT NULL,
  position  INTEGER NOT NULL,
  PRIMARY KEY (source_id, field)
) STRICT;

CREATE TABLE source_searchable (
  source_id TEXT    NOT NULL,
  field     TEXT    NOT NULL,
  position  INTEGER NOT NULL,
  PRIMARY KEY (source_id, field),
  FOREIGN KEY (source_id, field) REFERENCES source_fields (source_id, field) ON DELETE CASCADE
) STRICT;

CREATE TABLE records (
  source_id   TEXT NOT NULL REFERENCES sources (id),
  record_id   TEXT NOT NULL,
  fields      TEXT NOT NULL,  -- JSON object field -> value
  ingested_at TEXT NOT NULL,
  PRIMARY KEY (source_id, record_id)
) STRICT;

-- The values of searchable fields: a lookup probes record_keys_lookup and reads only matching records.
CREATE TABLE record_keys (
  source_id TEXT NOT NULL,
  field     TEXT NOT NULL,
  value     TEXT NOT NULL,
  record_id TEXT NOT NULL,
  FOREIGN KEY (source_id, record_id) REFERENCES records (source_id, record_id) ON DELETE CASCADE
) STRICT;
CREATE UNIQUE INDEX record_keys_lookup ON record_keys (source_id, field, value, record_id);
CREATE INDEX record_keys_record ON record_keys (source_id, record_id);

-- The private full record of each request. The ledger holds its public projection and a salted commitment.
CREATE TABLE requests (
  id            TEXT NOT NULL PRIMARY KEY,
  requester_id  TEXT NOT NULL REFERENCES users (id),
  agency_id     TEXT NOT NULL REFERENCES agencies (id),
  body          BLOB NOT NULL,  -- the request as received, UTF-8
  received_at   TEXT NOT NULL,
  status        TEXT NOT NULL
                CHECK (status IN ('RECEIVED', 'DECIDED', 'HELD', 'RELEASED', 'DENIED', 'REJECTED')),
  decision      TEXT CHECK (decision IN ('PERMIT', 'DENY', 'REFER')),
  decision_json TEXT,
  decided_at    TEXT,
  rejection     TEXT,
  ledger_index  INTEGER,
  leaf_hash     BLOB CHECK (leaf_hash IS NULL OR length(leaf_hash) = 32),
  salt          BLOB NOT NULL CHECK (length(salt) = 32),
  CHECK ((ledger_index IS NULL) = (leaf_hash IS NULL)),
  CHECK ((status = 'REJECTED') = (rejection IS NOT NULL)),
  CHECK ((decision IS NULL) = (decision_json IS NULL) AND (decision IS NULL) = (decided_at IS NULL))
) STRICT;
CREATE INDEX requests_status ON requests (status, received_at);
CREATE INDEX requests_requester ON requests (requester_id, received_at);
CREATE INDEX requests_received ON requests (received_at);
CREATE UNIQUE INDEX requests_ledger ON requests (ledger_index);

CREATE TABLE releases (
  request_id TEXT NOT NULL REFERENCES requests (id),
  source_id  TEXT NOT NULL REFERENCES sources (id),
  record_id  TEXT NOT NULL,
  fields     TEXT NOT NULL,  -- JSON object: the released fields only
  PRIMARY KEY (request_id, source_id, record_id)
) STRICT;

CREATE TABLE reviews (
  id           TEXT NOT NULL PRIMARY KEY,
  request_id   TEXT NOT NULL REFERENCES requests (id),
  auditor_id   TEXT NOT NULL REFERENCES users (id),
  decision     TEXT NOT NULL CHECK (decision IN ('PERMIT', 'DENY')),
  note         TEXT NOT NULL,
  reviewed_at  TEXT NOT NULL,
  ledger_index INTEGER,
  leaf_hash    BLOB CHECK (leaf_hash IS NULL OR length(leaf_hash) = 32),
  CHECK ((ledger_index IS NULL) = (leaf_hash IS NULL))
) STRICT;
CREATE UNIQUE INDEX reviews_request ON reviews (request_id);
CREATE UNIQUE INDEX reviews_ledger ON reviews (ledger_index);

-- The ledger (DatabaseLedgerStorage): tlog-tiles files by path, and the journal of sequenced batches.
CREATE TABLE ledger_files (
  path       TEXT NOT NULL PRIMARY KEY,
  partial_of TEXT,  -- for X.p/W: X
  data       BLOB NOT NULL
) STRICT;
CREATE INDEX ledger_files_partial ON ledger_files (partial_of) WHERE partial_of IS NOT NULL;

CREATE TABLE ledger_journal (
  first_index INTEGER NOT NULL PRIMARY KEY,
  entry_count INTEGER NOT NULL CHECK (entry_count >= 0),
  batch       BLOB NOT NULL,
  crc         INTEGER NOT NULL
) STRICT;
