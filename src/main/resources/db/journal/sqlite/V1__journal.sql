-- The journal as first released (it was schema_version 1 before Flyway; such files are baselined, not re-run).
CREATE TABLE decisions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  vault TEXT NOT NULL,
  block_number INTEGER NOT NULL,
  snapshot_json TEXT NOT NULL,
  decision TEXT NOT NULL,
  reason TEXT NOT NULL,
  recorded_at INTEGER NOT NULL);
CREATE INDEX decisions_by_vault ON decisions(vault, id);
CREATE TABLE tx_attempts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  decision_id INTEGER REFERENCES decisions(id),
  vault TEXT NOT NULL,
  sender TEXT NOT NULL,
  nonce INTEGER NOT NULL,
  tx_hash TEXT NOT NULL UNIQUE,
  raw_tx TEXT NOT NULL,
  max_fee_wei TEXT NOT NULL,
  priority_fee_wei TEXT NOT NULL,
  status TEXT NOT NULL,
  replaces_id INTEGER REFERENCES tx_attempts(id),
  error TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL);
CREATE INDEX attempts_by_status ON tx_attempts(status);
CREATE INDEX attempts_by_nonce ON tx_attempts(sender, nonce);
CREATE TABLE receipts (
  attempt_id INTEGER PRIMARY KEY REFERENCES tx_attempts(id),
  block_number INTEGER NOT NULL,
  block_hash TEXT NOT NULL,
  success INTEGER NOT NULL,
  gas_used TEXT NOT NULL,
  recorded_at INTEGER NOT NULL);
