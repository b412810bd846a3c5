-- Issue 19 §1: the paper ledger, every table named paper_* so nothing in it can be taken for a real transaction.
-- IF NOT EXISTS: journals written before this migration already hold these tables (created by the paper runner
-- itself, with exactly these columns); they are adopted with their rows.
CREATE TABLE IF NOT EXISTS paper_vaults (
  name TEXT PRIMARY KEY,
  tokens TEXT NOT NULL,
  decimals TEXT NOT NULL,
  targets TEXT NOT NULL,
  start_block INTEGER NOT NULL,
  initial_balances TEXT NOT NULL,
  balances TEXT NOT NULL,
  last_rebalance INTEGER NOT NULL,
  last_block INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS paper_observations (
  vault TEXT NOT NULL,
  block INTEGER NOT NULL,
  time INTEGER NOT NULL,
  base_fee_wei TEXT NOT NULL,
  prices TEXT NOT NULL,
  nav REAL NOT NULL,
  max_drift REAL NOT NULL,
  verdict TEXT NOT NULL,
  PRIMARY KEY (vault, block));
CREATE TABLE IF NOT EXISTS paper_rebalances (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  vault TEXT NOT NULL,
  block INTEGER NOT NULL,
  time INTEGER NOT NULL,
  status TEXT NOT NULL,
  reason TEXT NOT NULL,
  legs INTEGER NOT NULL,
  traded_value REAL NOT NULL,
  cost_value REAL NOT NULL,
  fee_value REAL NOT NULL,
  impact_value REAL NOT NULL,
  gas_units INTEGER NOT NULL,
  gas_price_wei TEXT NOT NULL,
  gas_value REAL NOT NULL,
  nav_before REAL NOT NULL,
  nav_after REAL NOT NULL,
  drift_before REAL NOT NULL,
  drift_after REAL NOT NULL,
  fork_status TEXT,
  fork_gas_used INTEGER,
  fork_diff_bps REAL);
CREATE TABLE IF NOT EXISTS paper_fills (
  rebalance_id INTEGER NOT NULL REFERENCES paper_rebalances(id),
  leg INTEGER NOT NULL,
  token_in TEXT NOT NULL,
  token_out TEXT NOT NULL,
  amount_in TEXT NOT NULL,
  quoted_out TEXT NOT NULL,
  oracle_out TEXT NOT NULL,
  min_out TEXT NOT NULL,
  fee_bps REAL NOT NULL,
  impact_bps REAL NOT NULL,
  cost_bps REAL NOT NULL,
  forked_out TEXT,
  fork_diff_bps REAL,
  PRIMARY KEY (rebalance_id, leg));
CREATE TABLE IF NOT EXISTS paper_gaps (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  vault TEXT NOT NULL,
  from_block INTEGER NOT NULL,
  to_block INTEGER NOT NULL,
  reason TEXT NOT NULL);
