package dev.ballast.approval;

import dev.ballast.journal.Journal;
import dev.ballast.journal.TxAttempt;
import dev.ballast.journal.TxReceipt;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Settles SENT proposals from the keeper's journal: {@code approve} leaves a proposal SENT when its transaction was
 * not final when it returned, and the keeper (or a later {@code approve}/reconciliation) journals the receipt once it
 * is. A receipt with status 1 makes the proposal EXECUTED, status 0 FAILED; without one it stays SENT.
 */
public final class SentSettlement {
    private SentSettlement() {}

    /** {@link #settle(ApprovalJournal, Journal)} from the receipts of the journal the approval tables live in. */
    public static List<String> settle(ApprovalJournal approvals) {
        return settle(approvals, approvals.journal());
    }

    /** Moves every SENT proposal whose transaction has a journaled receipt; returns one line per proposal moved. */
    public static List<String> settle(ApprovalJournal approvals, Journal journal) {
        List<String> moved = new ArrayList<>();
        for (Proposal p : approvals.withStatus(ProposalStatus.SENT)) {
            if (p.txHash() == null) continue; // claimed by an approve still running: it records the hash itself
            Optional<Mined> mined = mined(journal, p.txHash());
            if (mined.isEmpty()) continue;
            TxReceipt r = mined.get().receipt();
            ProposalStatus to = r.success() ? ProposalStatus.EXECUTED : ProposalStatus.FAILED;
            String reason = (r.success() ? "mined" : "reverted on chain") + " in block " + r.blockNumber() + " (tx "
                    + mined.get().txHash() + ")";
            if (approvals.transition(p.id(), ProposalStatus.SENT, to, reason, "journal receipt", mined.get().txHash())) {
                moved.add("proposal #" + p.id() + " (" + p.vaultName() + "): " + to + ", " + reason);
            }
        }
        return moved;
    }

    private record Mined(String txHash, TxReceipt receipt) {}

    /**
     * The receipt of {@code txHash} or of a same-nonce replacement of it (a speed-up is a different hash); only
     * attempts of the same decision count, never another transaction that reused the nonce.
     */
    private static Optional<Mined> mined(Journal journal, String txHash) {
        Optional<TxReceipt> own = journal.receipt(txHash);
        if (own.isPresent()) return Optional.of(new Mined(txHash, own.get()));
        Optional<TxAttempt> attempt = journal.attempt(txHash);
        if (attempt.isEmpty()) return Optional.empty();
        for (TxAttempt sibling : journal.attemptsAtNonce(attempt.get().sender(), attempt.get().nonce())) {
            if (!Objects.equals(sibling.decisionId(), attempt.get().decisionId())) continue;
            Optional<TxReceipt> r = journal.receipt(sibling.txHash());
            if (r.isPresent()) return Optional.of(new Mined(sibling.txHash(), r.get()));
        }
        return Optional.empty();
    }
}
