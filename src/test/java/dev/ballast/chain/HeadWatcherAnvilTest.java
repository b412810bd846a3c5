package dev.ballast.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import dev.ballast.bench.fault.TcpCutProxy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AnvilExtension.class)
class HeadWatcherAnvilTest {
    private static final HeadWatcherOptions FAST = new HeadWatcherOptions(Duration.ofMillis(100), Duration.ofMillis(100),
            Duration.ofMillis(400), Duration.ofSeconds(30), 64);

    private static final class Recorder implements HeadListener {
        final List<BlockHead> blocks = Collections.synchronizedList(new ArrayList<>());
        final List<Reorg> reorgs = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onBlock(BlockHead head) {
            blocks.add(head);
        }

        @Override
        public void onReorg(Reorg reorg) {
            reorgs.add(reorg);
        }

        long lastNumber() {
            synchronized (blocks) {
                return blocks.isEmpty() ? -1 : blocks.getLast().number();
            }
        }
    }

    private static long height(AnvilChain chain) throws Exception {
        return chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(20);
        }
    }

    private static void assertConsecutiveOnce(List<BlockHead> blocks) {
        synchronized (blocks) {
            for (int i = 1; i < blocks.size(); i++) {
                assertThat(blocks.get(i).number()).isEqualTo(blocks.get(i - 1).number() + 1);
                assertThat(blocks.get(i).parentHash()).isEqualTo(blocks.get(i - 1).hash());
            }
        }
    }

    private static String wsUrl(int port) {
        return "ws://127.0.0.1:" + port;
    }

    @Test
    void pollingDeliversEveryBlockOnceInOrderWithBaseFee(AnvilChain chain) throws Exception {
        Recorder recorder = new Recorder();
        try (FailoverRpc rpc = new FailoverRpc(List.of(RpcEndpoint.http("anvil", chain.rpcUrl())), FailoverPolicy.defaults());
                HeadWatcher watcher = new HeadWatcher(rpc, FAST, recorder)) {
            watcher.start();
            long start = height(chain);
            await("first block", () -> recorder.lastNumber() == start);

            chain.rpc().mine(1);
            chain.rpc().mine(7); // one poll sees only the latest: the 6 before it are fetched by number
            await("8 more blocks", () -> recorder.lastNumber() == start + 8);

            assertThat(watcher.source()).isEqualTo(HeadWatcher.Source.POLLING);
            assertThat(recorder.blocks).hasSize(9);
            assertConsecutiveOnce(recorder.blocks);
            assertThat(recorder.blocks).allSatisfy(b -> assertThat(b.baseFeePerGas()).isPresent());
            assertThat(recorder.reorgs).isEmpty();
        }
    }

    @Test
    void webSocketSubscriptionDeliversHeads(AnvilChain chain) throws Exception {
        Recorder recorder = new Recorder();
        URI http = URI.create(chain.rpcUrl());
        RpcEndpoint endpoint = RpcEndpoint.withWs("anvil", chain.rpcUrl(), wsUrl(http.getPort()));
        HeadWatcherOptions slowPoll = new HeadWatcherOptions(Duration.ofSeconds(30), Duration.ofMillis(100),
                Duration.ofMillis(400), Duration.ofSeconds(30), 64);
        try (FailoverRpc rpc = new FailoverRpc(List.of(endpoint), FailoverPolicy.defaults());
                HeadWatcher watcher = new HeadWatcher(rpc, slowPoll, recorder)) {
            watcher.start();
            long start = height(chain);
            await("subscription", () -> watcher.source() == HeadWatcher.Source.WEBSOCKET);
            await("first block", () -> recorder.lastNumber() == start);
            long pollsBefore = rpc.stats().calls("eth_getBlockByNumber");

            for (int i = 0; i < 5; i++) chain.rpc().mine(1);
            await("5 blocks over WebSocket", () -> recorder.lastNumber() == start + 5);

            assertConsecutiveOnce(recorder.blocks);
            assertThat(rpc.stats().calls("eth_getBlockByNumber")).as("no polling while subscribed").isEqualTo(pollsBefore);
            assertThat(recorder.blocks.getLast().baseFeePerGas()).isPresent();
        }
    }

    @Test
    void droppedWebSocketFallsBackToPollingAndReconnects(AnvilChain chain) throws Exception {
        Recorder recorder = new Recorder();
        int port = URI.create(chain.rpcUrl()).getPort();
        try (TcpCutProxy proxy = TcpCutProxy.start(URI.create(chain.rpcUrl()).getHost(), port);
                FailoverRpc rpc = new FailoverRpc(
                        List.of(RpcEndpoint.withWs("anvil", chain.rpcUrl(), wsUrl(proxy.port()))), FailoverPolicy.defaults());
                HeadWatcher watcher = new HeadWatcher(rpc, FAST, recorder)) {
            watcher.start();
            await("subscription", () -> watcher.source() == HeadWatcher.Source.WEBSOCKET);
            long start = height(chain);

            proxy.cut(); // drops the subscription and refuses reconnections
            await("fallback to polling", () -> watcher.source() == HeadWatcher.Source.POLLING);
            chain.rpc().mine(3);
            await("blocks while polling", () -> recorder.lastNumber() == start + 3);

            proxy.restore();
            await("reconnected", () -> watcher.source() == HeadWatcher.Source.WEBSOCKET);
            chain.rpc().mine(2);
            await("blocks after reconnect", () -> recorder.lastNumber() == start + 5);

            assertConsecutiveOnce(recorder.blocks);
        }
    }

    @Test
    void unreachableWebSocketStillDeliversByPolling(AnvilChain chain) throws Exception {
        Recorder recorder = new Recorder();
        int deadPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        try (FailoverRpc rpc = new FailoverRpc(List.of(RpcEndpoint.withWs("anvil", chain.rpcUrl(), wsUrl(deadPort))),
                        FailoverPolicy.defaults());
                HeadWatcher watcher = new HeadWatcher(rpc, FAST, recorder)) {
            watcher.start();
            long start = height(chain);
            chain.rpc().mine(2);
            await("2 blocks by polling", () -> recorder.lastNumber() == start + 2);
            assertThat(watcher.source()).isEqualTo(HeadWatcher.Source.POLLING);
        }
    }

    @Test
    void reportsAReorgWhenTheChainIsReplaced(AnvilChain chain) throws Exception {
        Recorder recorder = new Recorder();
        try (FailoverRpc rpc = new FailoverRpc(List.of(RpcEndpoint.http("anvil", chain.rpcUrl())), FailoverPolicy.defaults());
                HeadWatcher watcher = new HeadWatcher(rpc, FAST, recorder)) {
            long base = height(chain);
            String snapshot = chain.rpc().snapshot();
            watcher.start();
            await("first block", () -> recorder.lastNumber() == base);
            chain.rpc().mine(3);
            await("old branch", () -> recorder.lastNumber() == base + 3);
            List<String> oldHashes = recorder.blocks.stream().skip(1).map(BlockHead::hash).toList();

            chain.rpc().revert(snapshot);
            chain.rpc().increaseTime(100); // different timestamps, so different hashes
            chain.rpc().mine(4);
            await("new branch", () -> recorder.lastNumber() == base + 4);

            assertThat(recorder.reorgs).singleElement().satisfies(r -> {
                assertThat(r.commonAncestor()).isEqualTo(base);
                assertThat(r.dropped()).extracting(BlockHead::hash).containsExactlyElementsOf(oldHashes);
            });
            List<BlockHead> newBranch = recorder.blocks.subList(4, recorder.blocks.size());
            assertThat(newBranch).extracting(BlockHead::number).containsExactly(base + 1, base + 2, base + 3, base + 4);
            assertThat(newBranch.getFirst().parentHash()).isEqualTo(recorder.blocks.getFirst().hash());
            assertConsecutiveOnce(newBranch);
        }
    }
}
