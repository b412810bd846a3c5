package dev.ballast.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class HeadTrackerTest {
    /** A canonical chain the tracker fetches from; {@link #fork} replaces its tail with another branch. */
    private static final class Chain {
        final Map<Long, BlockHead> canonical = new HashMap<>();
        int fetches;

        Chain(long height) {
            extend("a", 0, height);
        }

        void extend(String branch, long from, long to) {
            for (long n = from; n <= to; n++) {
                String parent = n == 0 ? "0xgenesisparent" : canonical.get(n - 1).hash();
                canonical.put(n, new BlockHead(n, "0x" + branch + n, parent, 1000 + 12 * n, Optional.of(BigInteger.TEN)));
            }
        }

        /** Keeps blocks up to {@code ancestor} and builds {@code branch} blocks up to {@code height}. */
        void fork(String branch, long ancestor, long height) {
            canonical.keySet().removeIf(n -> n > ancestor);
            extend(branch, ancestor + 1, height);
        }

        BlockHead at(long n) {
            return canonical.get(n);
        }

        Optional<BlockHead> fetch(long n) {
            fetches++;
            return Optional.ofNullable(canonical.get(n));
        }
    }

    private static final class Recorder implements HeadListener {
        final List<BlockHead> blocks = new ArrayList<>();
        final List<Reorg> reorgs = new ArrayList<>();

        @Override
        public void onBlock(BlockHead head) {
            blocks.add(head);
        }

        @Override
        public void onReorg(Reorg reorg) {
            reorgs.add(reorg);
        }

        List<Long> numbers() {
            return blocks.stream().map(BlockHead::number).toList();
        }
    }

    private final Chain chain = new Chain(20);
    private final Recorder recorder = new Recorder();
    private final HeadTracker tracker = new HeadTracker(chain::fetch, recorder, 8);

    @Test
    void deliversConsecutiveHeadsOnceInOrder() {
        tracker.observe(chain.at(10));
        tracker.observe(chain.at(11));
        tracker.observe(chain.at(11));
        tracker.observe(chain.at(10));
        tracker.observe(chain.at(12));

        assertThat(recorder.numbers()).containsExactly(10L, 11L, 12L);
        assertThat(recorder.reorgs).isEmpty();
        assertThat(chain.fetches).isZero();
    }

    @Test
    void fillsGapsByNumber() {
        tracker.observe(chain.at(10));
        tracker.observe(chain.at(14));

        assertThat(recorder.numbers()).containsExactly(10L, 11L, 12L, 13L, 14L);
        assertThat(recorder.blocks).containsExactly(chain.at(10), chain.at(11), chain.at(12), chain.at(13), chain.at(14));
    }

    @Test
    void reportsAReorgAndDeliversTheNewBranch() {
        for (long n = 10; n <= 14; n++) tracker.observe(chain.at(n));
        chain.fork("b", 12, 15);

        tracker.observe(chain.at(15));

        assertThat(recorder.reorgs).hasSize(1);
        Reorg reorg = recorder.reorgs.get(0);
        assertThat(reorg.commonAncestor()).isEqualTo(12);
        assertThat(reorg.dropped()).extracting(BlockHead::hash).containsExactly("0xa13", "0xa14");
        assertThat(reorg.newHead().hash()).isEqualTo("0xb15");
        assertThat(recorder.blocks.subList(5, recorder.blocks.size()))
                .extracting(BlockHead::hash).containsExactly("0xb13", "0xb14", "0xb15");
    }

    @Test
    void reorgToALowerHeadDropsTheBlocksAboveIt() {
        for (long n = 10; n <= 14; n++) tracker.observe(chain.at(n));
        chain.fork("b", 11, 12);

        tracker.observe(chain.at(12));

        assertThat(recorder.reorgs).singleElement().satisfies(r -> {
            assertThat(r.commonAncestor()).isEqualTo(11);
            assertThat(r.depth()).isEqualTo(3);
        });
        assertThat(recorder.blocks.getLast().hash()).isEqualTo("0xb12");
    }

    @Test
    void aHeadOnTheTipWithAForeignParentIsAReorg() {
        for (long n = 10; n <= 12; n++) tracker.observe(chain.at(n));
        chain.fork("b", 11, 13);

        tracker.observe(chain.at(13));

        assertThat(recorder.reorgs).singleElement().extracting(Reorg::commonAncestor).isEqualTo(11L);
        assertThat(recorder.blocks).extracting(BlockHead::hash).containsExactly("0xa10", "0xa11", "0xa12", "0xb12", "0xb13");
    }

    @Test
    void blocksFilledInAGapCarryTheNewestHeadSoAListenerCanPassOverThem() {
        List<long[]> seen = new ArrayList<>(); // {block, newest seen when it was delivered}
        HeadTracker subject = new HeadTracker(chain::fetch, new HeadListener() {
            @Override
            public void onBlock(BlockHead head) {
                throw new AssertionError("the two-argument form is called");
            }

            @Override
            public void onBlock(BlockHead head, long newestSeen) {
                seen.add(new long[] {head.number(), newestSeen});
            }
        }, 8, () -> 17);
        subject.observe(chain.at(10));
        subject.observe(chain.at(15)); // 11..14 are filled in while 15 (and, reported meanwhile, 17) is known

        assertThat(seen).extracting(e -> e[0]).containsExactly(10L, 11L, 12L, 13L, 14L, 15L);
        assertThat(seen).extracting(e -> e[1]).containsExactly(17L, 17L, 17L, 17L, 17L, 17L);
        HeadTracker filling = new HeadTracker(chain::fetch, new HeadListener() {
            @Override
            public void onBlock(BlockHead head) {
            }

            @Override
            public void onBlock(BlockHead head, long newestSeen) {
                seen.add(new long[] {head.number(), newestSeen});
            }
        }, 8);
        seen.clear();
        filling.observe(chain.at(3));
        filling.observe(chain.at(6));
        assertThat(seen).extracting(e -> e[1]).as("the head being caught up to").containsExactly(3L, 6L, 6L, 6L);
    }

    @Test
    void aHeadBelowTheHistoryIsReportedAsBehindNotDelivered() {
        List<long[]> behind = new ArrayList<>();
        HeadTracker subject = new HeadTracker(chain::fetch, new HeadListener() {
            @Override
            public void onBlock(BlockHead head) {
                recorder.onBlock(head);
            }

            @Override
            public void onBehind(BlockHead seenHead, BlockHead last) {
                behind.add(new long[] {seenHead.number(), last.number()});
            }
        }, 8);
        for (long n = 5; n <= 20; n++) subject.observe(chain.at(n));
        subject.observe(new BlockHead(2, "0xreset2", "0xreset1", 1, Optional.empty()));

        assertThat(behind).singleElement().satisfies(b -> assertThat(b).containsExactly(2L, 20L));
        assertThat(recorder.blocks.getLast().number()).isEqualTo(20);
    }

    @Test
    void headsOlderThanTheHistoryAreIgnored() {
        for (long n = 5; n <= 20; n++) tracker.observe(chain.at(n));
        chain.fork("b", 2, 20);

        tracker.observe(chain.at(4));

        assertThat(recorder.reorgs).isEmpty();
        assertThat(recorder.blocks.getLast().number()).isEqualTo(20);
    }

    @Test
    void aReorgDeeperThanTheHistoryRestartsFromTheNewHead() {
        for (long n = 5; n <= 20; n++) tracker.observe(chain.at(n));
        chain.fork("b", 2, 21);

        tracker.observe(chain.at(21));

        assertThat(recorder.reorgs).singleElement().satisfies(r -> {
            assertThat(r.commonAncestor()).isEqualTo(-1);
            assertThat(r.depth()).isEqualTo(8);
        });
        assertThat(recorder.blocks.getLast().hash()).isEqualTo("0xb21");
        tracker.observe(chain.at(21));
        tracker.observe(new BlockHead(22, "0xb22", "0xb21", 0, Optional.empty()));
        assertThat(recorder.blocks.getLast().hash()).isEqualTo("0xb22");
    }

    @Test
    void aThrowingListenerDoesNotStopDelivery() {
        List<Long> seen = new ArrayList<>();
        HeadTracker fragile = new HeadTracker(chain::fetch, head -> {
            seen.add(head.number());
            if (head.number() == 11) throw new IllegalStateException("listener bug");
        }, 8);

        fragile.observe(chain.at(10));
        fragile.observe(chain.at(13));

        assertThat(seen).containsExactly(10L, 11L, 12L, 13L);
    }

    /**
     * Random observation orders (repeats, gaps, stale heads) with random reorgs: whatever arrives, the delivered
     * blocks since the last reorg are exactly the canonical chain from the first delivered block, each once.
     */
    @RepeatedTest(100)
    void deliveredBlocksAlwaysFormTheCanonicalChain(RepetitionInfo info) {
        long seed = 0xBA11A57L + info.getCurrentRepetition();
        SplittableRandom random = new SplittableRandom(seed);
        Chain live = new Chain(5);
        Recorder seen = new Recorder();
        HeadTracker subject = new HeadTracker(live::fetch, seen, 16);
        long height = 5;
        for (int step = 0; step < 60; step++) {
            if (random.nextInt(10) == 0 && height > 8) {
                long ancestor = height - 1 - random.nextInt(5);
                long newHeight = ancestor + 1 + random.nextInt(6);
                live.fork("f" + step + "x", ancestor, newHeight);
                height = newHeight;
            } else if (random.nextBoolean()) {
                height += 1 + random.nextInt(3);
                live.extend("s" + step + "x", live.canonical.size(), height); // fresh hashes on every branch
            }
            long observed = Math.max(0, height - random.nextInt(3));
            subject.observe(live.at(observed));
        }
        subject.observe(live.at(height));

        int start = 0;
        for (int i = 0; i < seen.blocks.size(); i++) {
            if (i > 0 && !seen.blocks.get(i).parentHash().equals(seen.blocks.get(i - 1).hash())) start = i;
        }
        List<BlockHead> tail = seen.blocks.subList(start, seen.blocks.size());
        long first = tail.get(0).number();
        List<BlockHead> expected = new ArrayList<>();
        for (long n = first; n <= height; n++) expected.add(live.at(n));
        assertThat(tail).as("seed %d", seed).containsExactlyElementsOf(expected);
        for (int i = 1; i < seen.blocks.size(); i++) {
            BlockHead previous = seen.blocks.get(i - 1);
            BlockHead current = seen.blocks.get(i);
            if (!current.parentHash().equals(previous.hash())) {
                assertThat(seen.reorgs).as("seed %d: a break in the chain at %s is a reported reorg", seed, current)
                        .anyMatch(r -> r.commonAncestor() == current.number() - 1 || r.commonAncestor() == -1);
            }
        }
    }
}
