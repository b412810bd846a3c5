package dev.ballast.chain;

import java.util.List;

/**
 * The chain the keeper had seen was replaced: blocks after {@code commonAncestor} are gone ({@code dropped}, oldest
 * first) and {@code newHead} starts the new branch. Anything the keeper derived from a dropped block (a journaled
 * read, a transaction it saw included) must be re-checked.
 */
public record Reorg(long commonAncestor, List<BlockHead> dropped, BlockHead newHead) {
    public Reorg {
        dropped = List.copyOf(dropped);
    }

    public int depth() {
        return dropped.size();
    }
}
