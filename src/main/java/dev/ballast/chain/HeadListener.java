package dev.ballast.chain;

/** Receives blocks from a {@link HeadWatcher}, on one thread, in chain order. */
public interface HeadListener {
    /** Each block of the canonical chain once, parents before children. After a reorg, the new branch follows. */
    void onBlock(BlockHead head);

    /**
     * {@link #onBlock(BlockHead)} with what the watcher knows of the chain beyond it: {@code newestSeen} is the
     * number of the head the node reported last, so a listener that only acts on the newest block can tell a block
     * delivered while catching up (after an outage, or while it was busy) from the tip.
     */
    default void onBlock(BlockHead head, long newestSeen) {
        onBlock(head);
    }

    /** Called before the first block of a new branch is delivered. */
    default void onReorg(Reorg reorg) {}

    /**
     * The node reported {@code seen}, a head below every block still remembered (the last delivered is {@code last}):
     * a node that fell far behind, a rollback, or a chain reset (a node restarted without its state). Nothing is
     * delivered for it; the listener decides how loud to be.
     */
    default void onBehind(BlockHead seen, BlockHead last) {}
}
