package dev.ballast.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.chain.FakeRpcServer.Mode;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FailoverRpcTest {
    private static final FailoverPolicy POLICY =
            new FailoverPolicy(Duration.ofMillis(1500), Duration.ofSeconds(1), Duration.ofSeconds(8), 3);

    private final MutableClock clock = new MutableClock();
    private FakeRpcServer primary;
    private FakeRpcServer backup;
    private FailoverRpc rpc;

    @BeforeEach
    void start() throws IOException {
        primary = new FakeRpcServer();
        backup = new FakeRpcServer();
        rpc = new FailoverRpc(List.of(RpcEndpoint.http("primary", primary.url()), RpcEndpoint.http("backup", backup.url())),
                POLICY, clock);
    }

    @AfterEach
    void stop() {
        rpc.close();
        primary.close();
        backup.close();
    }

    private long blockNumber() {
        return rpc.send("eth_blockNumber", w -> w.ethBlockNumber()).getBlockNumber().longValueExact();
    }

    @Test
    void prefersTheFirstHealthyEndpoint() {
        primary.blockNumber(7);
        backup.blockNumber(9);

        assertThat(blockNumber()).isEqualTo(7);
        assertThat(backup.requests()).isZero();
    }

    @Test
    void http500FailsOverAndBacksOffTheFailedEndpoint() {
        primary.mode(Mode.HTTP_500).blockNumber(7);
        backup.blockNumber(9);

        assertThat(blockNumber()).isEqualTo(9);
        assertThat(blockNumber()).isEqualTo(9);
        assertThat(primary.requests()).as("in backoff after the first failure").isEqualTo(1);
        assertThat(rpc.status().get(0).lastError()).contains("500");

        primary.mode(Mode.ANSWER);
        clock.advance(Duration.ofMillis(999));
        assertThat(blockNumber()).isEqualTo(9);
        clock.advance(Duration.ofMillis(1));
        assertThat(blockNumber()).as("retried once the backoff expired").isEqualTo(7);
        assertThat(rpc.status().get(0).consecutiveFailures()).isZero();
    }

    @Test
    void backoffDoublesPerConsecutiveFailureUpToTheCap() {
        primary.mode(Mode.HTTP_500);
        List<Long> backoffs = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            blockNumber();
            FailoverRpc.EndpointStatus status = rpc.status().get(0);
            backoffs.add(Duration.between(clock.instant(), status.downUntil()).toMillis());
            clock.advance(Duration.between(clock.instant(), status.downUntil()));
        }
        assertThat(backoffs).containsExactly(1000L, 2000L, 4000L, 8000L, 8000L, 8000L);
    }

    @Test
    void hungEndpointTimesOutAndFailsOver() {
        primary.mode(Mode.HANG);
        backup.blockNumber(9);

        long started = System.nanoTime();
        assertThat(blockNumber()).isEqualTo(9);
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(elapsedMs).as("bounded by the call timeout").isLessThan(8_000);
        assertThat(rpc.status().get(0).lastError()).containsIgnoringCase("timeout");
    }

    @Test
    void laggingEndpointIsSkippedUntilItCatchesUp() {
        primary.blockNumber(100);
        backup.blockNumber(104);

        assertThat(rpc.refreshHeights()).isEqualTo(104);
        assertThat(rpc.status().get(0).lagging()).isTrue();
        assertThat(blockNumber()).as("primary is 4 blocks behind, max lag 3").isEqualTo(104);

        primary.blockNumber(103);
        rpc.refreshHeights();
        assertThat(rpc.status().get(0).lagging()).isFalse();
        assertThat(blockNumber()).isEqualTo(103);
    }

    @Test
    void lagWithinTheLimitIsTolerated() {
        primary.blockNumber(101);
        backup.blockNumber(104);
        rpc.refreshHeights();

        assertThat(blockNumber()).isEqualTo(101);
    }

    @Test
    void revertIsRethrownWithoutMarkingTheEndpointDown() {
        primary.mode(Mode.REVERT);

        assertThatThrownBy(() -> rpc.send("eth_call", w -> w.ethBlockNumber()))
                .isInstanceOf(RpcRejectedException.class)
                .hasMessageContaining("primary")
                .satisfies(e -> assertThat(((RpcRejectedException) e).data()).isEqualTo("0x12345678"));
        assertThat(backup.requests()).isZero();
        assertThat(rpc.status().get(0).downUntil()).isNull();
    }

    @Test
    void allFailingListsEveryEndpointWithoutCredentials() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        primary.mode(Mode.HTTP_500);
        String secretUrl = "http://alice:hunter2@127.0.0.1:" + closedPort + "/v3/abcdefghijklmnopqrstuvwxyz123456?apikey=SECRETKEY";
        try (FailoverRpc failing = new FailoverRpc(
                List.of(RpcEndpoint.http("infura", primary.url() + "?key=SECRETKEY"), RpcEndpoint.http("alchemy", secretUrl)),
                POLICY, clock)) {
            assertThatThrownBy(() -> failing.send("eth_blockNumber", w -> w.ethBlockNumber()))
                    .isInstanceOf(RpcUnavailableException.class)
                    .hasMessageContaining("infura")
                    .hasMessageContaining("alchemy")
                    .hasMessageContaining("500")
                    .hasMessageContaining("ConnectException")
                    .satisfies(e -> assertThat(e.getMessage())
                            .doesNotContain("hunter2", "alice", "SECRETKEY", "abcdefghijklmnopqrstuvwxyz123456"));

            assertThatThrownBy(() -> failing.send("eth_blockNumber", w -> w.ethBlockNumber()))
                    .as("both in backoff: nothing is sent, the last errors are still listed")
                    .isInstanceOf(RpcUnavailableException.class)
                    .hasMessageContaining("in backoff until");
        }
    }

    @Test
    void countsCallsAndHttpRequests() {
        primary.mode(Mode.HTTP_500);
        blockNumber();
        blockNumber();

        assertThat(rpc.stats().calls("eth_blockNumber")).as("failed attempt counts").isEqualTo(3);
        assertThat(rpc.stats().httpRequests()).isEqualTo(3);
    }
}
