package dev.ballast.paper;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the chain's head block by block. On start it resumes from the ledger's last block: missed blocks are read
 * back (the node serves their state) up to {@code maxCatchUpBlocks}; older ones, or a block the node cannot serve, are
 * recorded as a gap and logged, never skipped silently. The head itself counts as one of the blocks read back.
 */
public final class PaperRunner {
    private static final Logger log = LoggerFactory.getLogger("paper");

    private final PaperEngine engine;
    private final PaperChain chain;
    private final int maxCatchUpBlocks;

    public PaperRunner(PaperEngine engine, PaperChain chain, int maxCatchUpBlocks) {
        this.engine = engine;
        this.chain = chain;
        this.maxCatchUpBlocks = maxCatchUpBlocks;
    }

    /** Handles every block up to the current head; returns the ticks it made. */
    public List<PaperEngine.Tick> catchUp() throws IOException {
        long head = chain.head();
        long last = engine.lastBlock();
        long from = last < 0 ? head : last + 1;
        List<PaperEngine.Tick> ticks = new ArrayList<>();
        if (last >= 0 && head - last > maxCatchUpBlocks) {
            long resumeAt = head - maxCatchUpBlocks + 1;
            engine.skip(from, resumeAt - 1, (resumeAt - from) + " block(s) missed while stopped, more than maxCatchUpBlocks "
                    + maxCatchUpBlocks);
            from = resumeAt;
        }
        for (long b = from; b <= head; b++) {
            try {
                ticks.add(engine.tick(b));
            } catch (IOException e) {
                if (b == head) throw e; // the head itself failing is the node's problem, not a gap: try again later
                engine.skip(b, b, "the node could not serve block " + b + ": " + e.getMessage());
            }
        }
        return ticks;
    }

    /** Follows the head until interrupted, polling every {@code poll}. */
    public void follow(Duration poll) throws InterruptedException {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                catchUp();
            } catch (IOException | RuntimeException e) {
                log.warn("paper: reading the chain failed ({}); retrying", e.getMessage());
            }
            Thread.sleep(poll.toMillis());
        }
    }
}
