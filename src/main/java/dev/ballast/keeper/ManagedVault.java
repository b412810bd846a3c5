package dev.ballast.keeper;

import java.util.List;

/**
 * A vault the keeper manages, with what it found at start-up: the venue it trades through and the pool behind it.
 *
 * @param venue             the vault's Ballast pool venue: modelled exactly from the pool's state in the block read,
 *                          and the venue of every leg the router does not place elsewhere
 * @param quotedVenues      the vault's other allowed venues that swap on demand (Uniswap V3/V2, Balancer, multi-hop;
 *                          never its auction), quoted per leg with {@code quoteExactIn} in one eth_call
 * @param minTradeValue     smallest leg worth sending, value units (policy {@code ValueUnits})
 * @param correctionBenefit value of correcting one unit of misplaced value, 18-decimal fraction
 * @param gasBudget         most one rebalance may spend on gas, value units (0: no budget)
 * @param bandFloor         the keeper's own band (18 decimals); the effective band is the larger of it and the vault's
 */
public record ManagedVault(String name, String address, String venue, String pool, List<String> quotedVenues,
        long minTradeValue, long correctionBenefit, long bandFloor, long gasBudget) {
    public ManagedVault {
        quotedVenues = List.copyOf(quotedVenues);
    }

    /** A vault trading through its Ballast venue alone. */
    public ManagedVault(String name, String address, String venue, String pool, long minTradeValue,
            long correctionBenefit, long bandFloor, long gasBudget) {
        this(name, address, venue, pool, List.of(), minTradeValue, correctionBenefit, bandFloor, gasBudget);
    }

    public String label() {
        return name == null || name.isBlank() ? address : name;
    }
}
