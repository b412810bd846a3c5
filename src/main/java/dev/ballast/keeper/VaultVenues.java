package dev.ballast.keeper;

import dev.ballast.contracts.WeightedPool;
import dev.ballast.contracts.WeightedPoolVenue;
import java.util.ArrayList;
import java.util.List;
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

    static VaultVenues discover(Web3j web3j, TransactionManager reads, String vault, List<String> allowed) throws Exception {
        String ballast = null;
        String pool = null;
        List<String> quoted = new ArrayList<>();
        for (String venue : allowed) {
            if (servesVault(web3j, venue, vault)) continue;
            if (ballast == null) {
                String p = ballastPool(web3j, reads, venue);
                if (p != null) {
                    ballast = venue;
                    pool = p;
                    continue;
                }
            }
            quoted.add(venue);
        }
        return new VaultVenues(ballast, pool, List.copyOf(quoted), List.copyOf(allowed));
    }

    /** The venue's pool when it is a Ballast WeightedPoolVenue; V3 and Balancer venues have a pool() that is not one. */
    private static String ballastPool(Web3j web3j, TransactionManager reads, String venue) {
        try {
            String p = WeightedPoolVenue.load(venue, web3j, reads, new DefaultGasProvider()).pool().send();
            WeightedPool.load(p, web3j, reads, new DefaultGasProvider()).getBalances().send();
            return p;
        } catch (Exception notBallast) {
            return null;
        }
    }

    private static boolean servesVault(Web3j web3j, String venue, String vault) throws java.io.IOException {
        var answer = web3j.ethCall(Transaction.createEthCallTransaction(null, venue, VAULT_SELECTOR),
                DefaultBlockParameterName.LATEST).send();
        if (answer.hasError() || answer.getValue() == null) return false;
        byte[] word = Numeric.hexStringToByteArray(answer.getValue());
        if (word.length != 32) return false;
        return Numeric.toHexStringWithPrefixZeroPadded(new java.math.BigInteger(1, word), 40).equalsIgnoreCase(vault);
    }
}
