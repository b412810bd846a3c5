package dev.ballast.keeper;

import dev.ballast.contracts.WeightedPool;
import dev.ballast.contracts.WeightedPoolVenue;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;
import org.web3j.utils.Numeric;

/**
 * What a vault's allowed venues are to the keeper, found at start-up: the first Ballast pool venue (modelled from the
 * pool's state), the venues it quotes (every other venue that swaps for any caller), and the vault's own Dutch auction,
 * left out because its {@code swapExactIn} fills only inside its own bid (a leg through it reverts NotInBid).
 *
 * @param ballastVenue the first WeightedPoolVenue whose pool answers as a Ballast WeightedPool (null: none)
 * @param pool         that venue's pool
 * @param quoted       the other venues that swap on demand, in the vault's order
 * @param all          every allowed venue, for messages
 */
record VaultVenues(String ballastVenue, String pool, List<String> quoted, List<String> all) {
    /** {@code IAuctionVenue.vault()}: an auction names the vault it serves. */
    private static final String VAULT_SELECTOR = "0xfbfa77cf";
    /** {@code BatchRebalancer.isOperator(address(0))}. */
    private static final String IS_OPERATOR_ZERO = FunctionEncoder.encode(new Function(
            "isOperator", List.of(new Address("0x0000000000000000000000000000000000000000")), List.of()));

    /**
     * Reads per venue before a "no" is believed: a flaky node's garbage or null answer must not turn the Ballast venue
     * into a quoted one (or the auction into a swap venue), while a real "no" (a revert) costs only these extra calls
     * once, at start-up.
     */
    private static final int ATTEMPTS = 3;

    /**
     * Sorts {@code allowed} (the vault's venues) into its Ballast venue and pool and the venues to quote.
     * {@code poolOfVenue} remembers each Ballast venue's pool across calls: that is the venue's, not the vault's, so a
     * fleet of vaults sharing venues asks each venue once.
     */
    static VaultVenues discover(Web3j web3j, TransactionManager reads, String vault, List<String> allowed,
            Map<String, String> poolOfVenue) throws Exception {
        String ballast = null;
        String pool = null;
        List<String> quoted = new ArrayList<>();
        for (String venue : allowed) {
            if (ballast == null) { // the usual first venue: asked first, so a one-venue vault costs two reads
                String key = venue.toLowerCase(Locale.ROOT) + (allowed.size() > 1 ? "/checked" : "");
                String p = poolOfVenue.get(key);
                if (p == null) {
                    p = ballastPool(web3j, reads, venue, allowed.size() > 1);
                    if (p != null) poolOfVenue.put(key, p);
                }
                if (p != null) {
                    ballast = venue;
                    pool = p;
                    continue;
                }
            }
            if (!servesVault(web3j, venue, vault) && !batchContract(web3j, venue)) quoted.add(venue);
        }
        if (ballast == null && !quoted.isEmpty()) {
            // no venue passed the check (a node answering badly): the first swap venue, as before venues were quoted;
            // its pool() failing is the start-up error it always was
            ballast = quoted.removeFirst();
            pool = WeightedPoolVenue.load(ballast, web3j, reads, new DefaultGasProvider()).pool().send();
        }
        return new VaultVenues(ballast, pool, List.copyOf(quoted), List.copyOf(allowed));
    }

    /**
     * The venue's pool when it is a Ballast WeightedPoolVenue. V3 and Balancer venues have a pool() too, so among
     * several venues the pool must also answer getBalances(); a vault's only venue is trusted as before.
     */
    private static String ballastPool(Web3j web3j, TransactionManager reads, String venue, boolean ambiguous) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                String p = WeightedPoolVenue.load(venue, web3j, reads, new DefaultGasProvider()).pool().send();
                if (ambiguous) WeightedPool.load(p, web3j, reads, new DefaultGasProvider()).getBalances().send();
                return p;
            } catch (Exception notBallastOrFlaky) {
                // asked again: only a venue that says no every time is not a Ballast venue
            }
        }
        return null;
    }

    /**
     * Whether {@code venue} is a BatchRebalancer (it answers {@code isOperator(address)}): allowed by vaults that net
     * in batches, it refuses every swap outside one (NotInBatch), so a lone rebalance must never be routed through it.
     */
    private static boolean batchContract(Web3j web3j, String venue) {
        try {
            var answer = web3j.ethCall(Transaction.createEthCallTransaction(null, venue, IS_OPERATOR_ZERO),
                    DefaultBlockParameterName.LATEST).send();
            return !answer.hasError() && !answer.isReverted() && answer.getValue() != null
                    && Numeric.hexStringToByteArray(answer.getValue()).length == 32;
        } catch (IOException | RuntimeException flaky) {
            return false;
        }
    }

    private static boolean servesVault(Web3j web3j, String venue, String vault) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                var answer = web3j.ethCall(Transaction.createEthCallTransaction(null, venue, VAULT_SELECTOR),
                        DefaultBlockParameterName.LATEST).send();
                if (answer.hasError()) return false; // reverted: no vault() of its own
                if (answer.getValue() == null) continue;
                byte[] word = Numeric.hexStringToByteArray(answer.getValue());
                if (word.length != 32) continue;
                return Numeric.toHexStringWithPrefixZeroPadded(new BigInteger(1, word), 40).equalsIgnoreCase(vault);
            } catch (IOException | RuntimeException flaky) {
                // asked again
            }
        }
        return false;
    }
}
