package dev.ballast.chain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns heads arriving in any order, with gaps and repeats (WebSocket notifications, polls, a different node after
 * failover) into a gap-free canonical sequence: missing blocks are fetched by number, repeats are dropped, and a head
 * that does not extend the last delivered block is a reorg, reported with the blocks it dropped. Not thread-safe:
 * {@link HeadWatcher} calls it from one thread.
 */
final class HeadTracker {
    private static final Logger log = LoggerFactory.getLogger(HeadTracker.class);

    private final LongFunction<Optional<BlockHead>> fetchByNumber;
    private final HeadListener listener;
    private final int history;
    private final LongSupplier newestReported;
    /** The head the current {@link #observe} call is catching up to. */
    private long target = -1;
    /** Delivered blocks by number, the last {@code history} of them. */
    private final TreeMap<Long, BlockHead> recent = new TreeMap<>();

    HeadTracker(LongFunction<Optional<BlockHead>> fetchByNumber, HeadListener listener, int history) {
        this(fetchByNumber, listener, history, () -> -1);
    }

    /** @param newestReported the head number the node reported last (also heads still queued for this tracker) */
    HeadTracker(LongFunction<Optional<BlockHead>> fetchByNumber, HeadListener listener, int history,
            LongSupplier newestReported) {
        this.newestReported = newestReported;
        if (history < 2) throw new IllegalArgumentException("history must keep at least 2 blocks, got " + history);
        this.fetchByNumber = fetchByNumber;
        this.listener = listener;
        this.history = history;
    }

    Optional<BlockHead> last() {
        Map.Entry<Long, BlockHead> entry = recent.lastEntry();
        return entry == null ? Optional.empty() : Optional.of(entry.getValue());
    }

    /** Handles one observed head; fetches what is missing through {@code fetchByNumber}. */
    void observe(BlockHead head) {
        target = head.number();
        BlockHead last = recent.isEmpty() ? null : recent.lastEntry().getValue();
        if (last == null) {
            deliver(head);
            return;
        }
        BlockHead known = recent.get(head.number());
        if (known != null && known.hash().equalsIgnoreCase(head.hash())) return; // repeat, or an older head
        if (head.number() < recent.firstKey()) {
            // older than our history: a lagging node, a rollback or a reset chain; nothing to deliver, the listener judges
            notify(() -> listener.onBehind(head, last));
            return;
        }
        if (head.number() <= last.number() || !extendsKnown(head)) {
            reorgTo(head);
            return;
        }
        fillGap(last.number() + 1, head.number() - 1);
        BlockHead tip = recent.lastEntry().getValue();
        if (tip.number() == head.number() - 1 && tip.hash().equalsIgnoreCase(head.parentHash())) {
            deliver(head);
        } else if (tip.number() == head.number() - 1) {
            reorgTo(head); // the chain moved while we filled the gap
        }
    }

    /** A head just above the tip must name the tip as parent; a head further up is checked once the gap is filled. */
    private boolean extendsKnown(BlockHead head) {
        BlockHead tip = recent.lastEntry().getValue();
        return head.number() > tip.number() + 1 || tip.hash().equalsIgnoreCase(head.parentHash());
    }

    private void fillGap(long from, long to) {
        for (long n = from; n <= to; n++) {
            Optional<BlockHead> block = fetchByNumber.apply(n);
            if (block.isEmpty()) return; // node does not have it yet; the next head retries
            BlockHead tip = recent.lastEntry().getValue();
            if (!tip.hash().equalsIgnoreCase(block.get().parentHash())) {
                reorgTo(block.get());
                return;
            }
            deliver(block.get());
        }
    }

    private void reorgTo(BlockHead head) {
        long ancestor = findCommonAncestor(head);
        List<BlockHead> dropped = new ArrayList<>(recent.tailMap(ancestor, false).values());
        recent.tailMap(ancestor, false).clear();
        Reorg reorg = new Reorg(ancestor, dropped, head);
        log.warn("reorg at block {}: {} block(s) dropped after #{}, new head {}", head.number(), dropped.size(), ancestor,
                head);
        notify(() -> listener.onReorg(reorg));
        if (recent.isEmpty()) {
            deliver(head); // deeper than our history: restart from the new head
            return;
        }
        fillGap(ancestor + 1, head.number() - 1);
        BlockHead tip = recent.lastEntry().getValue();
        if (tip.number() == head.number() - 1 && tip.hash().equalsIgnoreCase(head.parentHash())) deliver(head);
    }

    /**
     * Highest remembered block that is still canonical, found by walking the new branch's parents back through the
     * node; -1 when none of the remembered blocks is (the reorg is deeper than the history kept).
     */
    private long findCommonAncestor(BlockHead head) {
        long n = head.number() - 1;
        String expected = head.parentHash();
        while (n >= recent.firstKey()) {
            BlockHead known = recent.get(n);
            if (known != null && known.hash().equalsIgnoreCase(expected)) return n;
            Optional<BlockHead> canonical = fetchByNumber.apply(n);
            if (canonical.isEmpty()) break;
            if (known != null && known.hash().equalsIgnoreCase(canonical.get().hash())) return n;
            expected = canonical.get().parentHash();
            n--;
        }
        log.error("new head {} does not connect to any of the last {} blocks; restarting from it", head, recent.size());
        return -1;
    }

    private void deliver(BlockHead head) {
        recent.put(head.number(), head);
        while (recent.size() > history) recent.pollFirstEntry();
        long newest = Math.max(target, newestReported.getAsLong());
        notify(() -> listener.onBlock(head, newest));
    }

    /** A listener that throws must not stop the stream: the next block is still delivered. */
    private static void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.error("head listener failed", e);
        }
    }
}
