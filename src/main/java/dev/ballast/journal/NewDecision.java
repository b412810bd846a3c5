package dev.ballast.journal;

/** A decision not yet journaled (see {@link Journal#recordDecisions}). */
public record NewDecision(String vault, long blockNumber, String snapshotJson, String decision, String reason) {}
