package dev.ballast.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.anvil.AnvilOptions;
import dev.ballast.anvil.AnvilProcess;
import dev.ballast.anvil.AnvilRpc;
import dev.ballast.config.MonitoringConfig;
import dev.ballast.keeper.KeeperFixture;
import dev.ballast.keeper.KeeperRuntime;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/** /readyz against a keeper on its own Anvil, which the test then kills: unready, and the body says why. */
class ReadinessAnvilTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    @Test
    void readyzTurnsUnreadyNamingTheChainWhenTheNodeDies() throws Exception {
        AnvilProcess anvil = AnvilProcess.start(AnvilOptions.defaults());
        HttpService service = new HttpService(anvil.rpcUrl());
        KeeperFixture fixture = KeeperFixture.deploy(Web3j.build(service), new AnvilRpc(service), anvil.rpcUrl());
        KeeperRuntime.Settings settings = fixture.settings(dir.resolve("journal.db"));
        Monitoring monitoring = new Monitoring(MonitoringConfig.DEFAULTS.withPort(0));
        try (KeeperRuntime runtime = KeeperRuntime.create(settings, monitoring);
                MetricsServer served = monitoring.serve(runtime, settings)) {
            runtime.start();
            KeeperFixture.await("/readyz to pass", Duration.ofSeconds(30), () -> get(served, "/readyz").statusCode() == 200);
            JsonNode ready = JSON.readTree(get(served, "/readyz").body());
            assertThat(ready.get("ready").asBoolean()).isTrue();
            assertThat(ready.get("checks")).extracting(c -> c.get("name").asText())
                    .containsExactly("chain", "head", "journal", "signer");

            // a signer below the threshold is named with its balance
            Readiness demanding = new Readiness(runtime.rpc(), settings.signer().getAddress(), settings.journal(),
                    monitoring.metrics().orElseThrow()::headNumber, 5, BigInteger.TEN.pow(30));
            Readiness.Report poor = demanding.check();
            assertThat(poor.ready()).isFalse();
            assertThat(poor.failing()).singleElement().satisfies(c -> {
                assertThat(c.name()).isEqualTo("signer");
                assertThat(c.detail()).contains("below the minimum 1000000000000");
            });

            anvil.close();
            HttpResponse<String> down = get(served, "/readyz");
            assertThat(down.statusCode()).isEqualTo(503);
            JsonNode body = JSON.readTree(down.body());
            assertThat(body.get("ready").asBoolean()).isFalse();
            JsonNode chainCheck = body.get("checks").get(0);
            assertThat(chainCheck.get("name").asText()).isEqualTo("chain");
            assertThat(chainCheck.get("ok").asBoolean()).isFalse();
            // the endpoint as FailoverRpc names it everywhere: configured name and redacted URL (no key, query, userinfo)
            assertThat(chainCheck.get("detail").asText()).startsWith("no RPC endpoint answers")
                    .contains("anvil (http://127.0.0.1:")
                    // refused for a new connection, reset for a kept-alive one the dying node was still holding
                    .containsAnyOf("ConnectException", "SocketException: Connection reset");
            assertThat(get(served, "/healthz").statusCode()).as("the process itself is up").isEqualTo(200);
        } finally {
            anvil.close();
        }
    }

    private static HttpResponse<String> get(MetricsServer served, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + served.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
