package dev.ballast.approval;

import dev.ballast.keeper.Approvals;
import dev.ballast.keeper.Keeper;
import dev.ballast.policy.Leg;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.web3j.protocol.Web3j;

/**
 * The gate of {@code ballast approve ID}: the keeper decides the proposal's vault afresh at the current block (so a
 * drift back inside the band, a cooldown or a pause stop it before this gate), then this re-checks the PROPOSED legs:
 * not expired, prices within the guards, each leg's expected output not worse than proposed by more than the
 * tolerance, and for a Safe the nonce unchanged and the owners' signatures at the threshold. Only then does the keeper's
 * own pipeline simulate, journal and send (the vault's {@code rebalance}, or the Safe's {@code execTransaction}).
 * No hold applies: an approval is itself a manual act.
 */
public final class Approver implements Approvals {
    private final ApprovalJournal journal;
    private final long proposalId;
    private final BigDecimal tolerance;
    private final Web3j web3j;
    private final Clock clock;
    private final String approvedBy;
    private final long chainId;

    public Approver(ApprovalJournal journal, long proposalId, BigDecimal tolerance, Web3j web3j, long chainId, Clock clock,
            String approvedBy) {
        this.chainId = chainId;
        this.journal = journal;
        this.proposalId = proposalId;
        this.tolerance = tolerance;
        this.web3j = web3j;
        this.clock = clock;
        this.approvedBy = approvedBy;
    }

    @Override
    public Gate gate(Candidate plan) {
        Proposal p = journal.proposal(proposalId).orElseThrow();
        if (!p.vault().equalsIgnoreCase(plan.vault().address())) {
            return new Gate.Stop(Keeper.Outcome.Kind.SKIPPED, "not the vault of proposal #" + p.id());
        }
        if (p.status() != ProposalStatus.OPEN) return refuse("proposal #" + p.id() + " is " + p.status());
        Optional<String> expired = p.expiry(plan.block(), clock.instant());
        if (expired.isPresent()) {
            journal.transition(p.id(), ProposalStatus.OPEN, ProposalStatus.EXPIRED, expired.get(), approvedBy, null);
            return refuse(expired.get() + "; it is never sent");
        }
        Optional<String> prices = plan.check().apply(p.legs());
        if (prices.isPresent()) return refuse("prices are outside the vault's guards now: " + prices.get());
        Optional<String> worse = worseThanProposed(p, plan.quote().apply(p.legs()));
        if (worse.isPresent()) return refuse(worse.get());
        String data = p.calldata();
        String to = p.vault();
        if (p.safe().isPresent()) {
            try {
                Proposal.SafePart safe = p.safe().get();
                SafeReader reader = new SafeReader(web3j);
                BigInteger nonce = reader.nonce(safe.address());
                if (!nonce.equals(safe.nonce())) {
                    return refuse("Safe " + safe.address() + " is at nonce " + nonce + ", the proposal was signed for nonce "
                            + safe.nonce() + " (another Safe transaction ran); reject it and let the keeper propose again");
                }
                SafeTx tx = new SafeTx(safe.address(), chainId, p.vault(), data, safe.nonce());
                Map<String, String> signatures = SafeSignatures.valid(tx, journal.signatures(p.id()), reader.owners(safe.address()));
                BigInteger threshold = reader.threshold(safe.address());
                if (BigInteger.valueOf(signatures.size()).compareTo(threshold) < 0) {
                    return new Gate.Stop(Keeper.Outcome.Kind.WAITING, "proposal #" + p.id() + " has " + signatures.size()
                            + " of the " + threshold + " owner signatures Safe " + safe.address() + " needs; not executed"
                            + " (another owner: ballast approve " + p.id() + " --sign --owner-key-env VAR)",
                            "proposal", p.id());
                }
                to = safe.address();
                data = tx.execTransaction(signatures);
            } catch (IOException e) {
                return new Gate.Stop(Keeper.Outcome.Kind.FAILED, "reading Safe " + p.safe().get().address() + " failed: "
                        + e.getMessage());
            }
        }
        // claimed before the send: a second approve of the same proposal finds it SENT and refuses
        if (!journal.transition(p.id(), ProposalStatus.OPEN, ProposalStatus.SENT, "approved", approvedBy, null)) {
            return refuse("proposal #" + p.id() + " is no longer open (approved or rejected meanwhile)");
        }
        return new Gate.Send(to, data, "; approved proposal #" + p.id() + " by " + approvedBy);
    }

    /** The first leg whose expected output now falls below {@code proposed × (1 − tolerance)} (rounded up), if any. */
    private Optional<String> worseThanProposed(Proposal p, List<Optional<BigInteger>> quoted) {
        List<BigInteger> now = LegFigures.expected(p.legs(), quoted);
        for (int i = 0; i < p.legs().size(); i++) {
            BigInteger proposed = p.expectedOut().get(i);
            BigInteger floor = new BigDecimal(proposed).multiply(BigDecimal.ONE.subtract(tolerance))
                    .setScale(0, RoundingMode.CEILING).toBigIntegerExact();
            if (now.get(i).compareTo(floor) < 0) {
                Leg leg = p.legs().get(i);
                return Optional.of("leg " + (i + 1) + " (sell " + leg.sellAmount() + " " + leg.sellAsset() + ") now expects "
                        + now.get(i) + " " + leg.buyAsset() + ", worse than the proposed " + proposed + " by more than the"
                        + " tolerance " + tolerance.stripTrailingZeros().toPlainString() + " (approvals.tolerance)");
            }
        }
        return Optional.empty();
    }

    private static Gate refuse(String why) {
        return new Gate.Stop(Keeper.Outcome.Kind.REFUSED, "not sent: " + why);
    }

    @Override
    public void close() {
        journal.close();
    }
}
