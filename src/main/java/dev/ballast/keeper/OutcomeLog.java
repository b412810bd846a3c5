package dev.ballast.keeper;

import dev.ballast.policy.Decision;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keeper's one line per vault and block: every outcome goes to the observers, and is logged with its reason and
 * block number once per change of message, so a quiet vault does not repeat itself every block.
 */
final class OutcomeLog {
    private static final Logger log = LoggerFactory.getLogger("keeper");

    private final KeeperEvents events;
    private final Map<String, String> lastLine = new ConcurrentHashMap<>();

    OutcomeLog(KeeperEvents events) {
        this.events = events;
    }

    Keeper.Outcome say(ManagedVault vault, long block, Keeper.Outcome.Kind kind, String message, Decision decision) {
        return say(vault, block, kind, message, decision, new Object[0]);
    }

    /**
     * Also carries named fields for JSON logs ({@code vault}, {@code block}, {@code decision}, {@code reason}, then
     * {@code fields} as name/value pairs: {@code tx}, {@code nonce}, {@code gasUsed}), so log tools query them.
     */
    Keeper.Outcome say(ManagedVault vault, long block, Keeper.Outcome.Kind kind, String message, Decision decision,
            Object... fields) {
        Keeper.Outcome outcome = new Keeper.Outcome(vault, block, kind, message, decision);
        String key = kind + ":" + message;
        if (!key.equals(lastLine.put(vault.address(), key)) || kind != Keeper.Outcome.Kind.SKIPPED) {
            String decided = kind.name().toLowerCase();
            boolean policyReason = decision != null && (kind == Keeper.Outcome.Kind.SKIPPED || kind == Keeper.Outcome.Kind.SENT
                    || kind == Keeper.Outcome.Kind.REBALANCED || kind == Keeper.Outcome.Kind.PLANNED);
            var line = log.atInfo().addKeyValue("vault", vault.label()).addKeyValue("block", block)
                    .addKeyValue("decision", decided)
                    .addKeyValue("reason", policyReason ? decision.verdict().name().toLowerCase() : message);
            for (int i = 0; i + 1 < fields.length; i += 2) line = line.addKeyValue((String) fields[i], fields[i + 1]);
            line.log("block {} vault {} [{}] {}", block, vault.label(), decided, message);
        }
        events.decided(outcome);
        return outcome;
    }

    static String gwei(BigInteger wei) {
        return new BigDecimal(wei, 9).stripTrailingZeros().toPlainString();
    }
}
