package dev.ballast.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.ballast.keeper.Keeper;
import dev.ballast.keeper.ManagedVault;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhook alerts POSTed to a local HTTP server: Slack-style body, rate limit per subject, no secret in the body. */
class WebhookAlertsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ManagedVault VAULT = new ManagedVault("eth-btc", "0x5FbDB2315678afecb367f032d93F642f64180aa3",
            "0xvenue", "0xpool", 0, 0, 0, 0);
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private HttpServer receiver;
    private WebhookAlerts alerts;

    @BeforeEach
    void listen() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            assertThat(exchange.getRequestMethod()).isEqualTo("POST");
            assertThat(exchange.getRequestHeaders().getFirst("Content-Type")).isEqualTo("application/json");
            received.add(JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        Clock clock = new Clock() {
            @Override
            public Instant instant() {
                return now.get();
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        alerts = new WebhookAlerts(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"),
                Duration.ofMinutes(10), clock);
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    @Test
    void aRefusalIsPostedOnceAndRepeatsWithinTheIntervalAreCountedInTheNextAlert() throws Exception {
        String rpcWithKey = "https://eth-mainnet.example.org/v2/SECRETAPIKEY123";
        Keeper.Outcome refused = new Keeper.Outcome(VAULT, 100, Keeper.Outcome.Kind.REFUSED,
                "no router price for 0xabc: rpc " + rpcWithKey + " timed out", null);
        alerts.decided(refused);
        alerts.decided(refused); // same subject 1 min later: suppressed
        now.set(now.get().plusSeconds(60));
        alerts.decided(new Keeper.Outcome(VAULT, 101, Keeper.Outcome.Kind.SKIPPED, "skip: not due", null)); // no alert
        now.set(now.get().plus(Duration.ofMinutes(11)));
        alerts.decided(new Keeper.Outcome(VAULT, 160, Keeper.Outcome.Kind.REFUSED, "no router price for 0xabc", null));
        alerts.drain(Duration.ofSeconds(10));

        assertThat(received).hasSize(2);
        JsonNode first = received.get(0);
        assertThat(first.get("text").asText()).startsWith("[ballast] vault eth-btc at block 100: refused: no router price")
                .contains("<url>").doesNotContain("SECRETAPIKEY123").doesNotContain("eth-mainnet.example.org");
        assertThat(first.get("event").asText()).isEqualTo("refused");
        assertThat(first.get("vault").asText()).isEqualTo("eth-btc");
        assertThat(first.get("block").asLong()).isEqualTo(100);
        assertThat(received.get(1).get("text").asText()).contains("block 160").contains("(1 similar alert(s) suppressed");
    }

    @Test
    void readinessAlertsOnlyWhenItChanges() throws Exception {
        Readiness.Report ok = new Readiness.Report(List.of(new Readiness.Check("chain", true, "head 5")),
                java.util.Optional.of(5L), java.util.Optional.empty());
        Readiness.Report down = new Readiness.Report(List.of(new Readiness.Check("chain", false, "no RPC endpoint answers")),
                java.util.Optional.empty(), java.util.Optional.empty());
        alerts.readiness(ok); // starting ready: nothing to say
        alerts.readiness(down);
        alerts.readiness(down); // still down: no repeat
        alerts.readiness(ok);
        alerts.drain(Duration.ofSeconds(10));

        assertThat(received).extracting(n -> n.get("event").asText()).containsExactly("unready", "ready");
        assertThat(received.get(0).get("text").asText()).contains("NOT ready: chain: no RPC endpoint answers");
    }

    /** Issue 19 §2: a proposal waits for a person, so it is posted like a refusal (and rate limited the same way). */
    @Test
    void aProposalIsPostedSoSomeoneApprovesItBeforeItExpires() throws Exception {
        alerts.decided(new Keeper.Outcome(VAULT, 200, Keeper.Outcome.Kind.PROPOSED,
                "proposed #3: sell 1 WETH; approve with `ballast approve 3`", null));
        alerts.decided(new Keeper.Outcome(VAULT, 201, Keeper.Outcome.Kind.WAITING, "proposal #3 awaits approval", null));
        alerts.drain(Duration.ofSeconds(10));

        assertThat(received).hasSize(1);
        assertThat(received.get(0).get("event").asText()).isEqualTo("proposed");
        assertThat(received.get(0).get("block").asLong()).isEqualTo(200);
        assertThat(received.get(0).get("text").asText()).contains("vault eth-btc").contains("ballast approve 3");
    }
}
