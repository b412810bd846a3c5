package dev.ballast.metrics;

import java.util.Locale;

/**
 * The bounded set of reasons a refusal is counted under (a metric label must not take free text): the keeper's
 * refusal messages are sorted into these by their wording, anything new lands in {@link #OTHER}.
 */
public enum RefusalReason {
    /** The vault's price router would not price an asset (stale or disagreeing feeds). */
    PRICE,
    /** The venue's spot and TWAP or the off-chain sources disagree: a manipulated or moving pool. */
    MANIPULATION,
    /** The simulation of the rebalance reverted; nothing was sent. */
    SIMULATION_REVERTED,
    /** A vault view could not be read. */
    UNREADABLE,
    /** No contract code at the vault's address (chain reset, wrong node). */
    NO_CODE,
    OTHER;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RefusalReason of(String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (m.contains("no router price")) return PRICE;
        if (m.contains("simulation reverted")) return SIMULATION_REVERTED;
        if (m.contains("refusing to trade")) return MANIPULATION;
        if (m.contains("unreadable")) return UNREADABLE;
        if (m.contains("no contract code")) return NO_CODE;
        return OTHER;
    }
}
