package dev.ballast.approval;

import java.time.Instant;

/** An operator's hold on a vault: the keeper decides nothing for it until it is released. */
public record Hold(String vault, String heldBy, String reason, Instant heldAt) {}
