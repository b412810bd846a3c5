-- Batch rebalancing (issue 16 §3): one transaction attempt carries many vaults. Each member row ties a vault and the
-- decision it carries out to the attempt; a fee replacement copies the rows to its own attempt, so a vault is
-- "pending" while any unresolved attempt lists it. outcome/reason: the vault's VaultResult once the batch is mined
-- (REBALANCED, or REFUSED with the vault's revert data), NULL before.
CREATE TABLE batch_members (
  attempt_id INTEGER NOT NULL REFERENCES tx_attempts(id),
  vault TEXT NOT NULL,
  decision_id INTEGER REFERENCES decisions(id),
  outcome TEXT,
  reason TEXT,
  PRIMARY KEY (attempt_id, vault));
CREATE INDEX batch_members_by_vault ON batch_members(vault, attempt_id);
