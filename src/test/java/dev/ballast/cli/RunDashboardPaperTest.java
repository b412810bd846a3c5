package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.config.DashboardConfig;
import dev.ballast.config.KeeperConfig;
import dev.ballast.dashboard.DashboardServer;
import dev.ballast.dashboard.PaperRunFixture;
import dev.ballast.journal.Journal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ballast run --dashboard --paper-config paper.yaml}: the page the keeper serves shows the paper runs that
 * {@code ballast dashboard --paper-config} shows; without the dashboard the option is refused rather than ignored.
 */
class RunDashboardPaperTest {
    @TempDir
    Path dir;

    @Test
    void theKeepersDashboardServesThePaperRunsOfPaperConfig() throws Exception {
        PaperRunFixture.write(dir.resolve("paper.db"), 30, 2);
        Path paper = paperYaml();
        Path keeper = keeperYaml();
        Journal.open(dir.resolve("journal.db")).close(); // `run` has opened the keeper's journal before the page starts
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs("-c", keeper.toString(), "--dashboard", "--paper-config", paper.toString());
        KeeperConfig config = run.options.load();
        DashboardConfig d = config.monitoring().dashboard();
        try (DashboardServer page = run.page(config, new DashboardConfig(true, d.bind(), 0, Optional.empty(),
                Optional.empty()))) {
            HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + page.port() + "/api/paper")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
            JsonNode vaults = new ObjectMapper().readTree(reply.body()).get("vaults");
            assertThat(vaults).as(reply.body()).hasSize(1);
            assertThat(vaults.get(0).get("name").asText()).isEqualTo(PaperRunFixture.VAULT);
            assertThat(vaults.get(0).get("paper").get("final NAV").asDouble()).as(reply.body()).isPositive();
        }
    }

    @Test
    void paperConfigWithoutTheDashboardIsRefused() throws Exception {
        CliRun refused = CliRun.run("run", "-c", keeperYaml().toString(), "--paper-config", paperYaml().toString());
        assertThat(refused.exit()).as(refused.out() + refused.err()).isEqualTo(2);
        assertThat(refused.err()).contains("--paper-config: only applies with --dashboard");
    }

    private Path paperYaml() throws Exception {
        return Files.writeString(dir.resolve("paper.yaml"), """
                rpc: http://127.0.0.1:1
                journal: paper.db
                vaults:
                  - name: %s
                    priceRouter: "0x00000000000000000000000000000000000000a1"
                    venue: "0x00000000000000000000000000000000000000b2"
                    assets:
                      - {token: "0x00000000000000000000000000000000000000a1", target: 0.5}
                      - {token: "0x00000000000000000000000000000000000000b2", target: 0.5}
                    start:
                      notional: 10000
                """.formatted(PaperRunFixture.VAULT));
    }

    private Path keeperYaml() throws Exception {
        return Files.writeString(dir.resolve("keeper.yaml"), """
                chainId: 31337
                rpc:
                  endpoints:
                    - http: http://127.0.0.1:1
                signer:
                  privateKeyEnv: KEEPER_KEY
                vaults:
                  - address: "0x5FbDB2315678afecb367f032d93F642f64180aa3"
                    name: main
                journal:
                  path: %s
                """.formatted(dir.resolve("journal.db")));
    }
}
