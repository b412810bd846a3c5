package dev.ballast.keeper;

import dev.ballast.config.BatchConfig;
import dev.ballast.contracts.BatchRebalancer;
import dev.ballast.contracts.RebalancingVault;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * Which vaults the keeper batches, and through which BatchRebalancer, found at start-up from {@code batch} in the
 * config: a vault is batched by the first configured contract that holds the keeper role on it; it nets its first leg
 * through that contract when it also allows the contract as a venue and the contract's venue is the vault's Ballast
 * venue (the one the keeper routes its unrouted legs through). A vault no contract keeps is sent alone, and the
 * start-up log says how to grant the role.
 *
 * @param maxVaults most vaults in one batch transaction
 * @param routes    vault (lower case) → its batch contract; absent: sent alone
 */
record Batching(int maxVaults, Map<String, Route> routes) {
    private static final Logger log = LoggerFactory.getLogger("keeper");
    static final Batching OFF = new Batching(1, Map.of());

    /** @param nets whether the vault's first leg goes through the contract (crossed against opposite legs) */
    record Route(String contract, boolean nets) {}

    Batching {
        routes = Map.copyOf(routes);
    }

    Optional<Route> route(String vault) {
        return Optional.ofNullable(routes.get(vault.toLowerCase(Locale.ROOT)));
    }

    boolean on() {
        return !routes.isEmpty();
    }

    /**
     * Reads each contract's venue and operators and each vault's keepers and venues. Refuses to start when the signer
     * may not send batches to a contract (every batch would revert {@code NotOperator}); a vault no contract keeps is
     * only warned about, with the grant it needs.
     */
    static Batching discover(Web3j web3j, TransactionManager reads, String signer, BatchConfig config,
            List<ManagedVault> vaults) {
        if (!config.enabled()) return OFF;
        Map<String, String> venueOf = new HashMap<>();
        for (String c : config.contracts()) {
            BatchRebalancer b = BatchRebalancer.load(c, web3j, reads, new DefaultGasProvider());
            try {
                boolean operator = b.isOperator(signer).send() || b.owner().send().equalsIgnoreCase(signer);
                if (!operator) {
                    throw new KeeperSetupException("batch.contract " + c + ": the keeper's signer " + signer + " is not an"
                            + " operator of this BatchRebalancer; its owner must call setOperator(" + signer + ", true)");
                }
                venueOf.put(c, b.venue().send());
            } catch (KeeperSetupException e) {
                throw e;
            } catch (Exception e) {
                throw new KeeperSetupException("batch.contract " + c + " does not answer as a BatchRebalancer: " + e.getMessage(), e);
            }
        }
        Map<String, Route> routes = new HashMap<>();
        List<String> unbatched = new ArrayList<>();
        for (ManagedVault v : vaults) {
            RebalancingVault vault = RebalancingVault.load(v.address(), web3j, reads, new DefaultGasProvider());
            try {
                for (String c : config.contracts()) {
                    if (!vault.isKeeper(c).send()) continue;
                    boolean nets = venueOf.get(c).equalsIgnoreCase(v.venue()) && vault.isVenue(c).send();
                    routes.put(v.address().toLowerCase(Locale.ROOT), new Route(c, nets));
                    break;
                }
            } catch (Exception e) {
                throw new KeeperSetupException("vault " + v.label() + ": reading its keepers for batching failed: " + e.getMessage(), e);
            }
            if (!routes.containsKey(v.address().toLowerCase(Locale.ROOT))) unbatched.add(v.label());
        }
        if (!unbatched.isEmpty()) {
            log.warn("batch: no configured BatchRebalancer ({}) holds the keeper role on {} vault(s): {}; they are sent one"
                    + " transaction each. Grant it through each vault's timelock: the owner proposes setKeeper(<batch"
                    + " contract>, true) and executes it after the delay (README \"Batching in the keeper\")",
                    String.join(", ", config.contracts()), unbatched.size(), String.join(", ", unbatched));
        }
        long netting = routes.values().stream().filter(Route::nets).count();
        log.info("batch: {} of {} vault(s) batched (at most {} per transaction), {} netting their first leg",
                routes.size(), vaults.size(), config.maxVaults(), netting);
        return new Batching(config.maxVaults(), routes);
    }
}
