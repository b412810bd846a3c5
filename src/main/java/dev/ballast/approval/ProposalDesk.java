package dev.ballast.approval;

import dev.ballast.config.ApprovalConfig;
import dev.ballast.journal.JournalException;
import dev.ballast.keeper.Approvals;
import dev.ballast.keeper.Keeper;
import dev.ballast.policy.Leg;
import dev.ballast.tx.RevertText;
import dev.ballast.tx.SimulatedRevertException;
import dev.ballast.venue.Route;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;

/**
 * The keeper's side of issue 19 §2 in {@code ballast run}: reads the operators' holds every block, and for a vault in
 * {@code mode: propose} journals a proposal (simulated first) instead of sending; for a Safe-held vault it also builds
 * the SafeTx and signs it as one owner when {@code safe.signAsOwner} is set.
 *
 * <p>One open proposal per vault: while one is open and unexpired, newer decisions are suppressed (logged as waiting),
 * not superseding it. An approver reviews a fixed object, Safe owners' signatures stay valid for the SafeTx they
 * signed, and staleness is bounded by the expiry and re-checked against the current block by {@code approve}.
 */
public final class ProposalDesk implements Approvals {
    private static final Logger log = LoggerFactory.getLogger("keeper");

    private final ApprovalJournal journal;
    private final Map<String, ApprovalConfig> vaults;
    private final ApprovalConfig.Rules rules;
    private final Web3j web3j;
    private final Credentials signer;
    private final long chainId;
    private final Clock clock;

    /** @param vaults vault address (any case) → its approval config; vaults not listed send as decided */
    public ProposalDesk(ApprovalJournal journal, Map<String, ApprovalConfig> vaults, ApprovalConfig.Rules rules,
            Web3j web3j, Credentials signer, long chainId, Clock clock) {
        this.journal = journal;
        this.vaults = new HashMap<>();
        vaults.forEach((k, v) -> this.vaults.put(k.toLowerCase(Locale.ROOT), v));
        this.rules = rules;
        this.web3j = web3j;
        this.signer = signer;
        this.chainId = chainId;
        this.clock = clock;
    }

    @Override
    public Map<String, String> holds() {
        return describe(journal.holds());
    }

    @Override
    public void settle(long block) {
        try {
            for (String line : SentSettlement.settle(journal)) log.info("block {}: {}", block, line);
        } catch (JournalException e) {
            // settling is bookkeeping: the proposal stays SENT and is settled at a later block; deciding goes on
            log.warn("block {}: settling sent proposals failed: {}", block, e.getMessage());
        }
    }

    /** Vault (lower case) → "held by WHO since WHEN: WHY", as the keeper reports a held vault. */
    public static Map<String, String> describe(Map<String, Hold> holds) {
        Map<String, String> out = new HashMap<>();
        holds.forEach((vault, h) -> out.put(vault, "held by " + h.heldBy() + " since " + h.heldAt() + ": " + h.reason()));
        return out;
    }

    @Override
    public Gate gate(Candidate plan) {
        ApprovalConfig config = vaults.getOrDefault(plan.vault().address().toLowerCase(Locale.ROOT), ApprovalConfig.SEND);
        if (config.mode() == ApprovalConfig.Mode.SEND) return Approvals.NONE.gate(plan);
        Instant now = clock.instant();
        Optional<Proposal> open = journal.openProposal(plan.vault().address());
        if (open.isPresent()) {
            Optional<String> expired = open.get().expiry(plan.block(), now);
            if (expired.isEmpty()) {
                return new Gate.Stop(Keeper.Outcome.Kind.WAITING, "proposal #" + open.get().id() + " awaits approval"
                        + " (expires after block " + open.get().expiresBlock() + " or at " + open.get().expiresAt()
                        + "); not proposing again", "proposal", open.get().id());
            }
            journal.transition(open.get().id(), ProposalStatus.OPEN, ProposalStatus.EXPIRED, expired.get(), "keeper", null);
            log.info("block {} vault {}: {}; never sent", plan.block(), plan.vault().label(), expired.get());
        }
        try {
            return propose(plan, config, now);
        } catch (SimulatedRevertException e) {
            return new Gate.Stop(Keeper.Outcome.Kind.REFUSED, "not proposed: simulation reverted with "
                    + RevertText.describe(e.revert(), RevertText.Tokens.NONE));
        } catch (IOException | RuntimeException e) {
            return new Gate.Stop(Keeper.Outcome.Kind.FAILED, "proposing failed: " + e.getMessage());
        }
    }

    private Gate propose(Candidate plan, ApprovalConfig config, Instant now) throws IOException, SimulatedRevertException {
        List<Leg> legs = plan.legs();
        String data = plan.rebalanceData();
        Optional<ApprovalConfig.SafeConfig> safe = config.safe();
        String caller = safe.map(ApprovalConfig.SafeConfig::address).orElse(plan.signer());
        BigInteger gas = Simulation.gas(web3j, caller, plan.vault().address(), data);
        List<BigInteger> expected = LegFigures.expected(legs, plan.routed().routes().stream()
                .map(r -> r.map(Route::expectedOut)).toList());
        List<BigInteger> oracle = legs.stream().map(l -> LegFigures.oracleOut(plan.state(), l)).toList();
        Optional<Proposal.SafePart> safePart = Optional.empty();
        SafeTx safeTx = null;
        if (safe.isPresent()) {
            BigInteger nonce = new SafeReader(web3j).nonce(safe.get().address());
            safeTx = new SafeTx(safe.get().address(), chainId, plan.vault().address(), data, nonce);
            safePart = Optional.of(new Proposal.SafePart(safe.get().address(), nonce, safeTx.hashHex()));
        }
        long expiresBlock = plan.block() + rules.expiryBlocks();
        Instant expiresAt = now.plus(rules.expiry());
        long id = journal.propose(new Proposal(0, plan.vault().address(), plan.vault().label(), plan.block(), legs,
                data, expected, oracle, gas, expiresBlock, expiresAt, safePart, ProposalStatus.OPEN, null, null, null, now));
        String signed = "";
        if (safeTx != null && safe.get().signAsOwner()) signed = signAsOwner(id, safe.get().address(), safeTx);
        String message = "proposed #" + id + ": " + LegFigures.describe(legs, expected, oracle) + "; gas " + gas
                + "; expires after block " + expiresBlock + " or at " + expiresAt + signed + "; approve with `ballast"
                + " approve " + id + "` or reject with `ballast reject " + id + "`";
        return new Gate.Stop(Keeper.Outcome.Kind.PROPOSED, message, "proposal", id, "expiresBlock", expiresBlock,
                "expiresAt", expiresAt.toString(), "gas", gas, "safeTxHash", safePart.map(Proposal.SafePart::safeTxHash).orElse(""));
    }

    /** Signs as one owner; a signer that is not an owner proposes unsigned and says so (config to fix, not a failure). */
    private String signAsOwner(long id, String safe, SafeTx tx) throws IOException {
        if (!new SafeReader(web3j).isOwner(safe, signer.getAddress())) {
            log.warn("vault safe.signAsOwner: signer {} is not an owner of Safe {}; proposal #{} is not signed",
                    signer.getAddress(), safe, id);
            return "; NOT signed: signer " + signer.getAddress() + " is not an owner of Safe " + safe;
        }
        journal.addSignature(id, signer.getAddress(), tx.sign(signer));
        return "; signed by owner " + signer.getAddress();
    }

    @Override
    public void close() {
        journal.close();
    }
}
