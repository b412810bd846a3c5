package dev.ballast.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code batch} section: the running keeper sends the rebalances one block decides as {@code rebalanceBatch}
 * transactions of a BatchRebalancer (README "Batch rebalancing and netting") instead of one transaction per vault.
 * Off by default. Each contract must hold the keeper role on the vaults it batches (granted through each vault's
 * timelock) and have the keeper's signer as an operator; the keeper checks both at start-up.
 *
 * @param enabled   batch at all; false keeps one transaction per vault
 * @param contracts the BatchRebalancer(s), in order of preference: a vault is batched by the first one that is its
 *                  keeper (one contract per venue lets each pool's vaults net their opposite legs)
 * @param maxVaults most vaults in one batch transaction (each vault's rebalance costs ~0.3–0.7M gas: 40 fit a 30M block)
 */
public record BatchConfig(boolean enabled, List<String> contracts, int maxVaults) {
    public static final int DEFAULT_MAX_VAULTS = 40;
    public static final BatchConfig DISABLED = new BatchConfig(false, List.of(), DEFAULT_MAX_VAULTS);
    static final Set<String> KEYS = Set.of("enabled", "contract", "contracts", "maxVaults");

    public BatchConfig {
        contracts = List.copyOf(contracts);
        if (enabled && contracts.isEmpty()) throw new IllegalArgumentException("batch.contract: required when batch.enabled");
        if (maxVaults < 1) throw new IllegalArgumentException("batch.maxVaults must be >= 1, got " + maxVaults);
    }

    /** Reads the section; problems name {@code batch.<key>}. Absent: {@link #DISABLED}. */
    static BatchConfig read(Section s, ConfigReader reader) {
        Boolean enabled = s.optional("enabled", Values.bool(), false);
        Long max = s.optional("maxVaults", Values.integer(1, 200), (long) DEFAULT_MAX_VAULTS);
        List<String> contracts = new ArrayList<>();
        String one = s.optional("contract", Values.address(), null);
        if (one != null) contracts.add(one);
        List<YamlTree.Node> many = s.list("contracts", 0, 64);
        if (one != null && !many.isEmpty()) {
            reader.problem(s.path("contracts"), null, "line " + s.line("contracts"),
                    "give either batch.contract (one BatchRebalancer) or batch.contracts (a list), not both");
        }
        for (int i = 0; i < many.size(); i++) {
            String a = reader.read(s.path("contracts") + "[" + i + "]", many.get(i), Values.address(), null, true, false);
            if (a != null) contracts.add(a);
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String c : contracts) {
            if (!seen.add(c.toLowerCase(Locale.ROOT))) {
                reader.problem(s.path("contracts"), c, "line " + s.line("contracts"), "lists " + c + " twice");
            }
        }
        boolean on = Boolean.TRUE.equals(enabled);
        if (on && contracts.isEmpty() && reader.problems().stream().noneMatch(p -> p.path().startsWith(s.path("contract")))) {
            reader.problem(s.path("contract"), null, "",
                    "is required when batch.enabled is true: the address of the BatchRebalancer that holds the keeper role on the vaults");
        }
        if (!on || contracts.isEmpty()) return new BatchConfig(false, List.copyOf(contracts), max == null ? DEFAULT_MAX_VAULTS : max.intValue());
        return new BatchConfig(true, contracts, max == null ? DEFAULT_MAX_VAULTS : max.intValue());
    }
}
