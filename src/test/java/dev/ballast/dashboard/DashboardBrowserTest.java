package dev.ballast.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import dev.ballast.contracts.RebalancingVault;
import dev.ballast.keeper.KeeperEvents;
import dev.ballast.keeper.KeeperFixture;
import dev.ballast.keeper.KeeperRuntime;
import dev.ballast.web.Browser;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.EventEncoder;

/**
 * The dashboard in real Chromium against a keeper running on Anvil: the page loads with no rebalance, the vault is
 * pushed out of its band, and the keeper's rebalance appears on the open page by itself (live update), with its gas;
 * no console error, no request leaves the page's origin, and a screenshot is kept (target/browser-artifacts).
 */
@ExtendWith(AnvilExtension.class)
class DashboardBrowserTest {
    private final AnvilChain chain;
    @TempDir
    Path dir;

    DashboardBrowserTest(AnvilChain chain) {
        this.chain = chain;
    }

    @Test
    void aKeepersRebalanceAppearsOnTheOpenPage() throws Exception {
        KeeperFixture fixture = KeeperFixture.deploy(chain.web3j(), chain.rpc(), chain.rpcUrl());
        Path journal = dir.resolve("journal.db");
        String vault = fixture.stack.vault().getContractAddress();
        assertThat(ChainCosts.REBALANCED_TOPIC).isEqualTo(EventEncoder.encode(RebalancingVault.REBALANCED_EVENT));
        try (KeeperRuntime runtime = KeeperRuntime.create(fixture.settings(journal), KeeperEvents.NONE)) {
            runtime.start();
            KeeperFixture.await("the keeper's first decision in the journal", Duration.ofSeconds(60),
                    () -> {
                        if (!Files.exists(journal)) return false;
                        try (JournalReader r = JournalReader.open(journal)) {
                            return r.lastDecision().isPresent();
                        }
                    });
            DashboardSettings settings = new DashboardSettings(31337, List.of(new DashboardSettings.Endpoint("anvil",
                    URI.create(chain.rpcUrl()))), List.of(new DashboardSettings.Vault("demo", vault, 0.05)), journal,
                    "127.0.0.1", 0, Duration.ofDays(90), Optional.empty(), Optional.empty(), Optional.empty(),
                    Duration.ofMillis(500));
            try (DashboardServer server = DashboardServer.start(settings)) {
                CompletableFuture<Browser.PageCheck> page = CompletableFuture.supplyAsync(() -> {
                    try {
                        return Browser.open("http://127.0.0.1:" + server.port() + "/#demo",
                                "#detail:not([data-rebalances='0'])",
                                "({first: document.body.dataset.firstRebalances, now: document.getElementById('detail')"
                                        + ".dataset.rebalances, rows: document.querySelector('#rebalances tbody').innerText,"
                                        + " health: document.getElementById('health').innerText,"
                                        + " canvases: document.querySelectorAll('canvas').length})",
                                "dashboard-live", 1280, 150_000);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                // the page asks for the vault once it has rendered: only then move the market
                KeeperFixture.await("the page's first render", Duration.ofSeconds(90),
                        () -> server.vaultRequests() > 0 || page.isDone());
                fixture.shockWeth("4800");
                Browser.PageCheck check = page.get(200, TimeUnit.SECONDS);

                assertThat(check.pageErrors()).isEmpty();
                assertThat(check.consoleErrors()).isEmpty();
                assertThat(check.externalRequests()).isEmpty();
                JsonNode v = check.value();
                assertThat(v.get("first").asText()).as("no rebalance on the first render").isEqualTo("0");
                assertThat(v.get("now").asInt()).isGreaterThanOrEqualTo(1);
                assertThat(v.get("rows").asText()).as("the rebalance row with its gas").containsPattern("\\b[1-9][0-9]{4,6}\\b");
                assertThat(v.get("health").asText()).contains("chain 31337").contains("ok");
                assertThat(v.get("canvases").asInt()).isGreaterThanOrEqualTo(3);
                assertThat(Path.of("target/browser-artifacts/dashboard-live.png")).isNotEmptyFile();
                assertThat(fixture.rebalancedEvents()).isGreaterThanOrEqualTo(1);
            }
        }
    }
}
