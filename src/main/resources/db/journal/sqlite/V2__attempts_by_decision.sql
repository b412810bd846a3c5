-- retention deletes a decision only if no attempt points at it: answered by this index, not a table scan
CREATE INDEX attempts_by_decision ON tx_attempts(decision_id);
