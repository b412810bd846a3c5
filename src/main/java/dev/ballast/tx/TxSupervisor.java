package dev.ballast.tx;

import dev.ballast.gas.FeeQuote;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Follows a broadcast transaction until it is final: replaces it (same nonce, fees bumped by at least what nodes
 * require) when it is not mined within the wait, tracks every replacement until one of them is mined, waits for the
 * confirmations, and checks the receipt's block is still canonical (a reorganised receipt is reported, not trusted).
 */
public final class TxSupervisor {
    /** What the supervisor did, for the journal and the log. */
    public interface Listener {
        /** Called with the signed replacement before it is broadcast (to journal its hash first). */
        default void replacing(SentTx previous, SignedTx replacement) {}

        default void replaced(SentTx previous, SentTx replacement) {}

        default void atFeeCap(SentTx pending) {}

        default void mined(SentTx tx, TransactionReceipt receipt) {}
    }

    /** Gives the replacement fees for a pending quote, or empty when the cap leaves no valid bump. */
    public interface FeeBumper extends UnaryOperator<FeeQuote> {
        default Optional<FeeQuote> bump(FeeQuote previous) {
            return Optional.ofNullable(apply(previous));
        }
    }

    private final Web3j web3j;
    private final TxSender sender;
    private final NonceManager nonces;
    private final FeeBumper bumper;
    private final Duration replacementWait;
    private final int confirmations;
    private final Duration pollInterval;
    private final Clock clock;
    private final Listener listener;

    public TxSupervisor(Web3j web3j, TxSender sender, NonceManager nonces, FeeBumper bumper, Duration replacementWait,
            int confirmations, Duration pollInterval, Clock clock, Listener listener) {
        this.web3j = web3j;
        this.sender = sender;
        this.nonces = nonces;
        this.bumper = bumper;
        this.replacementWait = replacementWait;
        this.confirmations = Math.max(1, confirmations);
        this.pollInterval = pollInterval;
        this.clock = clock;
        this.listener = listener;
    }

    /** Supervises {@code first} (and the replacements it spawns) for at most {@code timeout}. */
    public TxOutcome await(SentTx first, Duration timeout) throws IOException, InterruptedException {
        List<SentTx> family = new ArrayList<>(List.of(first));
        Instant deadline = clock.instant().plus(timeout);
        boolean warnedCap = false;
        while (clock.instant().isBefore(deadline)) {
            for (SentTx tx : family) {
                Optional<TransactionReceipt> receipt = web3j.ethGetTransactionReceipt(tx.hash()).send().getTransactionReceipt();
                if (receipt.isPresent()) {
                    listener.mined(tx, receipt.get());
                    return confirm(tx, receipt.get(), deadline);
                }
            }
            SentTx latest = family.get(family.size() - 1);
            if (nonces.minedCount().compareTo(first.nonce()) > 0) {
                // the nonce is used, yet none of our hashes has a receipt: re-check once (a receipt can trail the count)
                if (anyReceipt(family).isEmpty()) return new TxOutcome.NonceTakenElsewhere(latest);
                continue;
            }
            if (Duration.between(latest.sentAt(), clock.instant()).compareTo(replacementWait) >= 0) {
                Optional<FeeQuote> bumped = bumper.bump(latest.fees());
                if (bumped.isPresent()) {
                    SignedTx signed = sender.signReplacement(latest, bumped.get());
                    listener.replacing(latest, signed);
                    SentTx replacement = sender.broadcast(signed);
                    family.add(replacement);
                    listener.replaced(latest, replacement);
                    warnedCap = false;
                } else if (!warnedCap) {
                    listener.atFeeCap(latest);
                    warnedCap = true;
                }
            }
            Thread.sleep(pollInterval.toMillis());
        }
        return new TxOutcome.TimedOut(family.get(family.size() - 1));
    }

    private Optional<SentTx> anyReceipt(List<SentTx> family) throws IOException {
        for (SentTx tx : family) {
            if (web3j.ethGetTransactionReceipt(tx.hash()).send().getTransactionReceipt().isPresent()) return Optional.of(tx);
        }
        return Optional.empty();
    }

    private TxOutcome confirm(SentTx tx, TransactionReceipt receipt, Instant deadline)
            throws IOException, InterruptedException {
        BigInteger target = receipt.getBlockNumber().add(BigInteger.valueOf(confirmations - 1L));
        while (web3j.ethBlockNumber().send().getBlockNumber().compareTo(target) < 0) {
            if (!clock.instant().isBefore(deadline)) return new TxOutcome.TimedOut(tx);
            Thread.sleep(pollInterval.toMillis());
        }
        EthBlock.Block canonical = web3j.ethGetBlockByNumber(
                DefaultBlockParameter.valueOf(receipt.getBlockNumber()), false).send().getBlock();
        if (canonical == null || !canonical.getHash().equalsIgnoreCase(receipt.getBlockHash())) {
            return new TxOutcome.Reorged(tx, receipt.getBlockHash());
        }
        return new TxOutcome.Confirmed(tx, receipt);
    }
}
