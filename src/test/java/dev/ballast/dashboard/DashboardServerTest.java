package dev.ballast.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.bench.SyntheticJournal;
import dev.ballast.web.Browser;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;

/** The server: one page and its JSON, read-only methods only, optional basic auth, and a node asked only to read. */
class DashboardServerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @TempDir
    Path dir;

    @Test
    void servesThePageAndJsonAndRefusesEveryMethodThatCouldChangeSomething() throws Exception {
        Path journal = dir.resolve("j.db");
        SyntheticJournal.write(journal, 2, 3, 1, System.currentTimeMillis(), 1);
        try (FakeNode node = new FakeNode(31337, 42);
                DashboardServer server = DashboardServer.start(DashboardModelTest.settings(journal, 2, node.url(),
                        Optional.empty()))) {
            HttpResponse<String> page = get(server, "/", null);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("uPlot").contains("<title>Ballast dashboard</title>");
            assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("connect-src 'self'")
                    .contains("default-src 'none'");
            var overview = new ObjectMapper().readTree(get(server, "/api/overview", null).body());
            assertThat(overview.get("vaults")).hasSize(2);
            assertThat(get(server, "/api/vault?name=v1", null).statusCode()).isEqualTo(200);
            assertThat(get(server, "/api/vault?name=nope", null).statusCode()).isEqualTo(404);
            assertThat(get(server, "/api/paper", null).body()).as("no --paper-config: no paper runs").isEqualTo("{\"vaults\":[]}");
            for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri(server, "/api/overview"))
                        .method(method, HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(method).isEqualTo(405);
            }
            assertThat(node.methods).isNotEmpty();
            assertThat(ReadOnlyRpc.ALLOWED).containsAll(node.methods);
        }
    }

    @Test
    void paperRunsAreServedReadOnlyAtApiPaper() throws Exception {
        Path journal = dir.resolve("j.db");
        SyntheticJournal.write(journal, 1, 1, 6, System.currentTimeMillis(), 1);
        Path paper = dir.resolve("paper.db");
        PaperRunFixture.write(paper, 30, 2);
        try (DashboardServer server = DashboardServer.start(DashboardModelTest.settings(journal, 1,
                URI.create("http://127.0.0.1:1/"), Optional.empty()), Optional.of(PaperRunFixture.source(paper)))) {
            JsonNode vaults = new ObjectMapper().readTree(get(server, "/api/paper", null).body()).get("vaults");
            assertThat(vaults).hasSize(1);
            assertThat(vaults.get(0).get("name").asText()).isEqualTo(PaperRunFixture.VAULT);
            assertThat(vaults.get(0).get("paper").get("final NAV").asDouble()).isPositive();
            HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(uri(server, "/api/paper"))
                    .method("POST", HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
        }
    }

    @Test
    void theNodeIsNeverAskedToSendOrSign() throws Exception {
        try (FakeNode node = new FakeNode(1, 1)) {
            ReadOnlyRpc rpc = new ReadOnlyRpc(node.url());
            for (String m : new String[] {"eth_sendRawTransaction", "eth_sendTransaction", "eth_sign", "personal_sign",
                    "eth_signTransaction", "anvil_setBalance", "eth_estimateGas", "debug_traceCall"}) {
                assertThatThrownBy(() -> rpc.call(m, "0x00")).as(m).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("read-only");
            }
            assertThat(node.methods).isEmpty();
            assertThat(rpc.blockNumber()).isEqualTo(1);
            assertThat(node.methods).containsExactly("eth_blockNumber");
        }
    }

    @Test
    void eachVaultsDepositCapIsReadFromTheChainAndShownOnThePage() throws Exception {
        Path journal = dir.resolve("j.db");
        SyntheticJournal.write(journal, 3, 1, 1, System.currentTimeMillis(), 1);
        String cap = FunctionEncoder.encode(new Function("depositCap", List.of(), List.of()));
        String supply = FunctionEncoder.encode(new Function("totalSupply", List.of(), List.of()));
        try (FakeNode node = new FakeNode(31337, 42)) {
            // v0: 100,000 shares cap, 25,000 issued; v1: cap 0 (uncapped); v2: deployed before the cap (call reverts)
            answer(node, 0, cap, new BigInteger("100000").multiply(BigInteger.TEN.pow(18)));
            answer(node, 0, supply, new BigInteger("25000").multiply(BigInteger.TEN.pow(18)));
            answer(node, 1, cap, BigInteger.ZERO);
            answer(node, 1, supply, new BigInteger("1234567").multiply(BigInteger.TEN.pow(16)));
            node.calls.put(key(2, cap), FakeNode.REVERT);
            answer(node, 2, supply, BigInteger.TEN.pow(18));
            try (DashboardServer server = DashboardServer.start(DashboardModelTest.settings(journal, 3, node.url(),
                    Optional.empty()))) {
                // the server answers before its first refresh has read the caps: the row has none until then (the page
                // shows "…"), so wait for them
                JsonNode vaults = new ObjectMapper().readTree(get(server, "/api/overview", null).body()).get("vaults");
                for (long until = System.nanoTime() + 10_000_000_000L; !vaults.get(2).has("depositCap")
                        && System.nanoTime() < until; ) {
                    Thread.sleep(50);
                    vaults = new ObjectMapper().readTree(get(server, "/api/overview", null).body()).get("vaults");
                }
                JsonNode capped = vaults.get(0).get("depositCap");
                assertThat(capped.get("state").asText()).isEqualTo("capped");
                assertThat(capped.get("cap").asText()).isEqualTo("100000.00");
                assertThat(capped.get("supply").asText()).isEqualTo("25000.00");
                assertThat(capped.get("usedPct").asText()).isEqualTo("25.00");
                assertThat(capped.get("text").asText()).isEqualTo("100000.00 shares, supply 25000.00 (25.00% used)");
                assertThat(vaults.get(1).at("/depositCap/state").asText()).isEqualTo("uncapped");
                assertThat(vaults.get(1).at("/depositCap/text").asText()).isEqualTo("uncapped (supply 12345.67)");
                assertThat(vaults.get(2).at("/depositCap/state").asText()).isEqualTo("unsupported");
                assertThat(vaults.get(2).at("/depositCap/text").asText()).isEqualTo("no cap (older vault)");
                assertThat(node.methods).contains("eth_call");

                Browser.PageCheck page = Browser.open("http://127.0.0.1:" + server.port() + "/", "body[data-ready]",
                        "[...document.querySelectorAll('#vaults tbody tr')].map(r => r.innerText).join('\\n')"
                                + " + '\\n' + document.querySelector('#vaults thead').innerText");
                assertThat(page.pageErrors()).isEmpty();
                String text = page.value().asText();
                assertThat(text).contains("deposit cap").contains("100000.00 shares, supply 25000.00 (25.00% used)")
                        .contains("uncapped (supply 12345.67)").contains("no cap (older vault)");
            }
        }
    }

    private static String key(int vault, String data) {
        return (SyntheticJournal.address(vault) + "|" + data).toLowerCase(Locale.ROOT);
    }

    private static void answer(FakeNode node, int vault, String data, BigInteger value) {
        node.calls.put(key(vault, data), TypeEncoder.encode(new Uint256(value)).replaceFirst("^", "0x"));
    }

    @Test
    void basicAuthFromTheEnvironmentGuardsPageAndApi() throws Exception {
        Path journal = dir.resolve("j.db");
        SyntheticJournal.write(journal, 1, 1, 1, System.currentTimeMillis(), 1);
        BasicAuth auth = BasicAuth.fromEnvironment(Map.of(BasicAuth.USER_ENV, "ops", BasicAuth.PASSWORD_ENV, "s3cret"))
                .orElseThrow();
        DashboardSettings base = DashboardModelTest.settings(journal, 1, URI.create("http://127.0.0.1:1/"), Optional.empty());
        DashboardSettings withAuth = new DashboardSettings(base.chainId(), base.endpoints(), base.vaults(), base.journal(),
                base.bind(), 0, base.history(), Optional.empty(), Optional.empty(), Optional.of(auth), base.refresh());
        try (DashboardServer server = DashboardServer.start(withAuth)) {
            assertThat(get(server, "/", null).statusCode()).isEqualTo(401);
            assertThat(get(server, "/api/overview", "ops:wrong").statusCode()).isEqualTo(401);
            assertThat(get(server, "/api/overview", "ops:s3cre").statusCode()).isEqualTo(401);
            assertThat(get(server, "/api/overview", "ops:s3cret").statusCode()).isEqualTo(200);
            assertThat(get(server, "/", "ops:s3cret").statusCode()).isEqualTo(200);
        }
        assertThat(BasicAuth.fromEnvironment(Map.of())).isEmpty();
        assertThatThrownBy(() -> BasicAuth.fromEnvironment(Map.of(BasicAuth.USER_ENV, "ops")))
                .hasMessageContaining(BasicAuth.PASSWORD_ENV);
    }

    private static URI uri(DashboardServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static HttpResponse<String> get(DashboardServer server, String path, String userPassword) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(server, path));
        if (userPassword != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
