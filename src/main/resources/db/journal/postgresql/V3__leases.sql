-- Several keepers on one journal: a lease per vault (holder, fencing token, expiry in database-clock milliseconds),
-- a heartbeat per keeper, and the token each intent was journaled under.
CREATE TABLE leases (
  lease_key TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  token BIGINT NOT NULL,
  expires_at BIGINT NOT NULL);
CREATE TABLE keepers (
  keeper_id TEXT PRIMARY KEY,
  heartbeat_at BIGINT NOT NULL);
ALTER TABLE tx_attempts ADD COLUMN lease_token BIGINT;
