package dev.ballast.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import org.web3j.crypto.Hash;

/**
 * A mined rebalance's cost as its receipt tells it: the effective gas price, and navBefore - navAfter of the vault's
 * {@code Rebalanced} event (both valued at the vault's router prices of that block: the execution cost against the
 * oracle). Decoded by hand from the event's head words so the dashboard needs no contract wrapper (wrappers carry
 * deploy and send methods the dashboard must not reach).
 */
final class ChainCosts {
    static final String REBALANCED_TOPIC = Hash.sha3String("Rebalanced(address,(address,address,address,uint256)[],"
            + "uint256[],uint256[],uint256,uint256,uint256,uint256)");
    /** Head words of the event's data: legs, amountsOut, prices (offsets), driftBefore, driftAfter, navBefore, navAfter. */
    private static final int NAV_BEFORE_WORD = 5;
    private static final int NAV_AFTER_WORD = 6;

    private ChainCosts() {}

    static Optional<VaultHistory.ChainCost> of(JsonNode receipt, String vaultAddress) {
        String priceHex = receipt.path("effectiveGasPrice").asText("");
        double price = priceHex.startsWith("0x") ? new BigInteger(priceHex.substring(2), 16).doubleValue() : 0;
        for (JsonNode log : receipt.path("logs")) {
            if (!log.path("address").asText().equalsIgnoreCase(vaultAddress)) continue;
            JsonNode topics = log.path("topics");
            if (topics.isEmpty() || !REBALANCED_TOPIC.equalsIgnoreCase(topics.get(0).asText())) continue;
            String data = log.path("data").asText("");
            if (data.length() < 2 + 64 * (NAV_AFTER_WORD + 1)) continue;
            BigInteger before = word(data, NAV_BEFORE_WORD);
            BigInteger after = word(data, NAV_AFTER_WORD);
            return Optional.of(new VaultHistory.ChainCost(price,
                    new BigDecimal(before.subtract(after), 18).doubleValue()));
        }
        // a reverted rebalance moved nothing: it cost its gas only
        return "0x0".equals(receipt.path("status").asText()) ? Optional.of(new VaultHistory.ChainCost(price, 0))
                : Optional.empty();
    }

    private static BigInteger word(String data, int i) {
        return new BigInteger(data.substring(2 + 64 * i, 2 + 64 * (i + 1)), 16);
    }
}
