package dev.ballast.chain;

/** Receives blocks from a {@link HeadWatcher}, on one thread, in chain order. */
public interface HeadListener {
    /** Each block of the canonical chain once, parents before children. After a reorg, the new branch follows. */
    void onBlock(BlockHead head);

    /** Called before the first block of a new branch is delivered. */
    default void onReorg(Reorg reorg) {}
}
