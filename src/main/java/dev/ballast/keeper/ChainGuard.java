package dev.ballast.keeper;

import dev.ballast.chain.BlockHead;
import dev.ballast.chain.HeadListener;
import dev.ballast.chain.Reorg;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses to act on a chain that is not the one the keeper has been following. A node restarted without its state
 * (a reset test network, a wiped Anvil) serves block 0 again with another genesis and no vault code; a node rolled
 * back serves heights the keeper has already passed. Both are said loudly (ERROR, with what was expected and what is
 * seen), nothing is decided, signed or journaled while they last, and the check is repeated on every head until the
 * node serves the known chain again (restarted with its state), then the keeper resumes by itself.
 *
 * <p>Only what does not fit the head watcher's own reorg handling is checked: a head below every remembered block,
 * and a reorg that connects to none of them. Ordinary reorgs pass through untouched.
 */
final class ChainGuard implements HeadListener {
    private static final Logger log = LoggerFactory.getLogger("keeper");
    /** How often a refusal that lasts is repeated in the log. */
    static final Duration REMIND_EVERY = Duration.ofSeconds(30);

    /** The chain facts the guard compares; implemented over JSON-RPC. */
    interface Probe {
        /** The hash of the block at {@code number}, or empty when the node has none. */
        Optional<String> blockHash(long number);

        /** Whether the node has contract code at {@code address} at the latest block. */
        boolean hasCode(String address);
    }

    private final Probe probe;
    private final List<ManagedVault> vaults;
    private final HeadListener next;
    private final Clock clock;
    private String genesis;
    private BlockHead highest;
    private volatile String refusal;
    private Instant lastReminder = Instant.EPOCH;

    ChainGuard(Probe probe, List<ManagedVault> vaults, HeadListener next, Clock clock) {
        this.probe = probe;
        this.vaults = List.copyOf(vaults);
        this.next = next;
        this.clock = clock;
    }

    @Override
    public void onBlock(BlockHead head) {
        onBlock(head, head.number());
    }

    @Override
    public void onBlock(BlockHead head, long newestSeen) {
        if (genesis == null) genesis = probe.blockHash(0).orElse(null);
        if (refusal != null && stillWrong(head)) return;
        if (highest == null || head.number() >= highest.number()) highest = head;
        next.onBlock(head, newestSeen);
    }

    @Override
    public void onReorg(Reorg reorg) {
        // a branch that connects to none of the remembered blocks may be another chain altogether: the journal's
        // receipts are only withdrawn for a reorg of the chain we know
        if (reorg.commonAncestor() < 0 && refuseIfWrong(reorg.newHead())) return;
        if (refusal != null) return;
        next.onReorg(reorg);
    }

    @Override
    public void onBehind(BlockHead seen, BlockHead last) {
        if (refusal != null) {
            stillWrong(seen);
            return;
        }
        if (!refuseIfWrong(seen)) {
            log.warn("the node's head #{} is below the blocks already followed (up to #{}); waiting for it to catch up",
                    seen.number(), last.number());
        }
    }

    /** Why the keeper refuses to act now, if it does. */
    Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }

    private boolean refuseIfWrong(BlockHead seen) {
        Optional<String> problem = problem(seen);
        if (problem.isEmpty()) return false;
        refusal = problem.get();
        lastReminder = clock.instant();
        log.error("CHAIN RESET OR ROLLBACK: {}; refusing to decide, sign or journal anything until the node serves the"
                + " chain the keeper was following (checking at every head)", refusal);
        return true;
    }

    /** While refusing: true (and a reminder now and then) if the chain is still wrong; false once it is back. */
    private boolean stillWrong(BlockHead seen) {
        Optional<String> problem = problem(seen);
        if (problem.isEmpty()) {
            log.warn("chain is back: the node serves the followed chain again at #{} ({}); resuming after: {}",
                    seen.number(), seen.hash(), refusal);
            refusal = null;
            return false;
        }
        refusal = problem.get();
        Instant now = clock.instant();
        if (Duration.between(lastReminder, now).compareTo(REMIND_EVERY) >= 0) {
            lastReminder = now;
            log.error("still refusing to act: {}", refusal);
        }
        return true;
    }

    private Optional<String> problem(BlockHead seen) {
        Optional<String> genesisNow = probe.blockHash(0);
        if (genesis != null && genesisNow.isPresent() && !genesis.equalsIgnoreCase(genesisNow.get())) {
            return Optional.of("the node's genesis block is " + genesisNow.get() + ", expected " + genesis
                    + " (the chain followed up to #" + highestText() + "); its head is #" + seen.number());
        }
        if (highest != null && seen.number() < highest.number()) {
            Optional<String> known = probe.blockHash(highest.number());
            if (known.isEmpty()) {
                return Optional.of("the node's head is #" + seen.number() + " but the keeper has already followed #"
                        + highestText() + "; the chain went backwards");
            }
        }
        for (ManagedVault vault : vaults) {
            if (!probe.hasCode(vault.address())) {
                return Optional.of("vault " + vault.label() + " has no contract code on the node (head #" + seen.number()
                        + "), expected the vault's code (present when the keeper started)");
            }
        }
        return Optional.empty();
    }

    private String highestText() {
        return highest == null ? "?" : highest.number() + " (" + highest.hash() + ")";
    }
}
