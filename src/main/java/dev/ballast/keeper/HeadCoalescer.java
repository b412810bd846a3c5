package dev.ballast.keeper;

import dev.ballast.chain.BlockHead;
import dev.ballast.chain.HeadListener;
import dev.ballast.chain.Reorg;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the keeper decide only from the newest head. Blocks arrive one by one even when the keeper was busy for
 * several of them (following its own rebalance to a receipt) or the node was away: deciding each of those old
 * blocks in turn would read vaults as they were before the keeper's own trade and plan it all over again (the vault's
 * cooldown was the only thing refusing it), and after an outage would replay every missed block. A block that is
 * not the newest the node has reported is passed over; the head watcher still tracks it for reorgs.
 */
final class HeadCoalescer implements HeadListener {
    private static final Logger log = LoggerFactory.getLogger("keeper");

    private final HeadListener keeper;
    private final Runnable afterDecision;
    private final AtomicLong passedOver = new AtomicLong();
    private long lastPassedOverLogged = -1;

    /** @param afterDecision runs after each decided head (journal upkeep that must not delay a decision) */
    HeadCoalescer(HeadListener keeper, Runnable afterDecision) {
        this.keeper = keeper;
        this.afterDecision = afterDecision;
    }

    @Override
    public void onBlock(BlockHead head) {
        onBlock(head, head.number());
    }

    @Override
    public void onBlock(BlockHead head, long newestSeen) {
        if (head.number() < newestSeen) {
            passedOver.incrementAndGet();
            if (newestSeen != lastPassedOverLogged) {
                lastPassedOverLogged = newestSeen;
                log.debug("block {}: not deciding, the node is already at block {}", head.number(), newestSeen);
            }
            return;
        }
        keeper.onBlock(head);
        afterDecision.run();
    }

    @Override
    public void onReorg(Reorg reorg) {
        keeper.onReorg(reorg);
    }

    @Override
    public void onBehind(BlockHead seen, BlockHead last) {
        keeper.onBehind(seen, last);
    }

    /** Heads not decided because a newer one was already known. */
    long passedOver() {
        return passedOver.get();
    }
}
