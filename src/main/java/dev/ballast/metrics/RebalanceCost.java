package dev.ballast.metrics;

import dev.ballast.contracts.RebalancingVault;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.Contract;

/**
 * What a mined rebalance cost at the vault's own oracle prices, from its {@code Rebalanced} event: navBefore and
 * navAfter are both valued at the router prices of that block, so their difference is the execution cost (slippage
 * and venue fees) the vault paid against the oracle, in numeraire units (the vault's NAV has 18 decimals).
 */
final class RebalanceCost {
    private static final String TOPIC = EventEncoder.encode(RebalancingVault.REBALANCED_EVENT);

    private RebalanceCost() {}

    static Optional<BigDecimal> of(TransactionReceipt receipt) {
        if (receipt.getLogs() == null) return Optional.empty();
        for (Log log : receipt.getLogs()) {
            if (log.getTopics() == null || log.getTopics().isEmpty() || !TOPIC.equalsIgnoreCase(log.getTopics().getFirst())) {
                continue;
            }
            var values = Contract.staticExtractEventParameters(RebalancingVault.REBALANCED_EVENT, log);
            if (values == null) continue;
            BigInteger before = (BigInteger) values.getNonIndexedValues().get(5).getValue();
            BigInteger after = (BigInteger) values.getNonIndexedValues().get(6).getValue();
            return Optional.of(new BigDecimal(before.subtract(after), 18));
        }
        return Optional.empty();
    }
}
