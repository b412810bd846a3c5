-- Issue 19 §2: proposals (vaults in mode: propose), their Safe owners' signatures, and operators' vault holds.
-- IF NOT EXISTS: journals written before this migration already hold these tables (created by the keeper itself,
-- with exactly these columns); they are adopted with their rows.
CREATE TABLE IF NOT EXISTS proposals (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  vault TEXT NOT NULL,
  vault_name TEXT NOT NULL,
  decision_id INTEGER,
  block_number INTEGER NOT NULL,
  legs_json TEXT NOT NULL,
  calldata TEXT NOT NULL,
  expected_out TEXT NOT NULL,
  oracle_out TEXT NOT NULL,
  gas_limit TEXT NOT NULL,
  expires_block INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  safe TEXT,
  safe_nonce TEXT,
  safe_tx_hash TEXT,
  status TEXT NOT NULL,
  status_reason TEXT,
  status_by TEXT,
  tx_hash TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL);
-- at most one OPEN proposal per vault: the keeper's suppression rule, enforced by the database itself
CREATE UNIQUE INDEX IF NOT EXISTS proposals_one_open ON proposals(vault) WHERE status = 'OPEN';
CREATE TABLE IF NOT EXISTS proposal_signatures (
  proposal_id INTEGER NOT NULL REFERENCES proposals(id),
  owner TEXT NOT NULL,
  signature TEXT NOT NULL,
  recorded_at INTEGER NOT NULL,
  PRIMARY KEY (proposal_id, owner));
CREATE TABLE IF NOT EXISTS vault_holds (
  vault TEXT PRIMARY KEY,
  held_by TEXT NOT NULL,
  reason TEXT NOT NULL,
  held_at INTEGER NOT NULL);
-- every hold and release, kept forever: who stopped the keeper for a vault, when and why
CREATE TABLE IF NOT EXISTS hold_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  vault TEXT NOT NULL,
  action TEXT NOT NULL,
  who TEXT NOT NULL,
  reason TEXT NOT NULL,
  recorded_at INTEGER NOT NULL);
