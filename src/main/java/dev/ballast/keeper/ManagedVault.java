package dev.ballast.keeper;

/**
 * A vault the keeper manages, with what it found at start-up: the venue it trades through and the pool behind it.
 *
 * @param minTradeValue     smallest leg worth sending, value units (policy {@code ValueUnits})
 * @param correctionBenefit value of correcting one unit of misplaced value, 18-decimal fraction
 * @param gasBudget         most one rebalance may spend on gas, value units (0: no budget)
 * @param bandFloor         the keeper's own band (18 decimals); the effective band is the larger of it and the vault's
 */
public record ManagedVault(String name, String address, String venue, String pool, long minTradeValue,
        long correctionBenefit, long bandFloor, long gasBudget) {
    public String label() {
        return name == null || name.isBlank() ? address : name;
    }
}
