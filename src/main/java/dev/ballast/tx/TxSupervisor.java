package dev.ballast.tx;

import dev.ballast.gas.FeeQuote;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
    /** What the supervisor did, for the journal and the log, and what it asks the journal. */
    public interface Listener {
        /** Called with the signed replacement before it is broadcast (to journal its hash first). */
        default void replacing(SentTx previous, SignedTx replacement) {}

        default void replaced(SentTx previous, SentTx replacement) {}

        /** The node answered the replacement's broadcast with an error: it never entered a pool. */
        default void replacementRejected(SignedTx replacement, String nodeMessage) {}

        /** The replacement's broadcast answer was lost: the node may hold it, so it is followed like the others. */
        default void replacementUnknown(SignedTx replacement, String why) {}

        default void atFeeCap(SentTx pending) {}

        default void mined(SentTx tx, TransactionReceipt receipt) {}

        /**
         * Every hash ever journaled at {@code nonce} (every replacement of every decision), so a nonce the chain used
         * is checked against all of them before it is called foreign.
         */
        default List<String> journaledHashes(BigInteger nonce) {
            return List.of();
        }
    }

    /**
     * Gives the replacement fees for a pending quote, or empty when the cap leaves no valid bump. The keeper's bumper
     * prices from the current base fee, so a replacement after a fee spike is includable, not just 12% above a stale
     * price.
     */
    public interface FeeBumper extends UnaryOperator<FeeQuote> {
        default Optional<FeeQuote> bump(FeeQuote previous) {
            return Optional.ofNullable(apply(previous));
        }
    }

    /** Consecutive polls that must see the nonce used with none of our hashes known before calling it foreign. */
    static final int FOREIGN_NONCE_POLLS = 3;

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
        Instant lastReplacement = first.sentAt();
        boolean warnedCap = false;
        int foreignPolls = 0;
        while (clock.instant().isBefore(deadline)) {
            Optional<TxOutcome> mined = minedMember(family, deadline);
            if (mined.isPresent()) return mined.get();
            SentTx latest = family.get(family.size() - 1);
            if (nonces.minedCount().compareTo(first.nonce()) > 0) {
                // the nonce is used: by one of ours unless no hash journaled at it is known to the node, poll after poll
                Optional<TxOutcome> ours = journaledMember(first, deadline);
                if (ours.isPresent()) return ours.get();
                foreignPolls = anyInBlock(family, first.nonce()) ? 0 : foreignPolls + 1;
                if (foreignPolls >= FOREIGN_NONCE_POLLS) return new TxOutcome.NonceTakenElsewhere(latest);
                Thread.sleep(pollInterval.toMillis());
                continue;
            }
            foreignPolls = 0;
            if (Duration.between(lastReplacement, clock.instant()).compareTo(replacementWait) >= 0) {
                lastReplacement = clock.instant();
                // above the best-paying member: that is the one a node's pool holds at this nonce
                Optional<FeeQuote> bumped = bumper.bump(highestFees(family));
                if (bumped.isPresent()) {
                    SignedTx signed = sender.signReplacement(latest, bumped.get());
                    listener.replacing(latest, signed);
                    try {
                        SentTx replacement = sender.broadcast(signed);
                        family.add(replacement);
                        listener.replaced(latest, replacement);
                    } catch (TxRejectedException e) {
                        listener.replacementRejected(signed, e.getMessage());
                    } catch (IOException e) {
                        listener.replacementUnknown(signed, e.getMessage());
                        family.add(new SentTx(signed.nonce(), signed.hash(), signed.to(), signed.data(), signed.gasLimit(),
                                signed.fees(), clock.instant()));
                    }
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

    private Optional<TxOutcome> minedMember(List<SentTx> family, Instant deadline) throws IOException, InterruptedException {
        for (SentTx tx : family) {
            Optional<TransactionReceipt> receipt = web3j.ethGetTransactionReceipt(tx.hash()).send().getTransactionReceipt();
            if (receipt.isPresent()) {
                listener.mined(tx, receipt.get());
                return Optional.of(confirm(tx, receipt.get(), deadline));
            }
        }
        return Optional.empty();
    }

    /** A receipt for any hash journaled at the nonce, including attempts this supervision did not send. */
    private Optional<TxOutcome> journaledMember(SentTx first, Instant deadline) throws IOException, InterruptedException {
        List<SentTx> journaled = new ArrayList<>();
        for (String hash : listener.journaledHashes(first.nonce())) {
            journaled.add(new SentTx(first.nonce(), hash, first.to(), first.data(), first.gasLimit(), first.fees(), first.sentAt()));
        }
        return minedMember(journaled, deadline);
    }

    /** Whether the node knows one of our hashes at this nonce as included in a block (its receipt may trail). */
    private boolean anyInBlock(List<SentTx> family, BigInteger nonce) throws IOException {
        Set<String> hashes = new LinkedHashSet<>();
        family.forEach(tx -> hashes.add(tx.hash()));
        hashes.addAll(listener.journaledHashes(nonce));
        for (String hash : hashes) {
            var tx = web3j.ethGetTransactionByHash(hash).send().getTransaction();
            if (tx.isPresent() && tx.get().getBlockHash() != null) return true;
        }
        return false;
    }

    private static FeeQuote highestFees(List<SentTx> family) {
        FeeQuote best = family.get(0).fees();
        for (SentTx tx : family) {
            if (tx.fees().maxFeePerGas().compareTo(best.maxFeePerGas()) > 0) best = tx.fees();
        }
        return best;
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
