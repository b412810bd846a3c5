package dev.ballast.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import dev.ballast.config.MonitoringConfig;
import dev.ballast.contracts.RebalancingVault;
import dev.ballast.keeper.KeeperFixture;
import dev.ballast.keeper.KeeperRuntime;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/** The keeper running on Anvil with its metrics served: /metrics scraped over HTTP and checked against the chain. */
@ExtendWith(AnvilExtension.class)
class MetricsAnvilTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final AnvilChain chain;
    @TempDir
    Path dir;
    private KeeperFixture fixture;
    private KeeperRuntime runtime;
    private MetricsServer served;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger keeperLog = (Logger) LoggerFactory.getLogger("keeper");

    MetricsAnvilTest(AnvilChain chain) {
        this.chain = chain;
    }

    @BeforeEach
    void deploy() throws Exception {
        fixture = KeeperFixture.deploy(chain.web3j(), chain.rpc(), chain.rpcUrl());
        logs.start();
        keeperLog.addAppender(logs);
    }

    @AfterEach
    void stop() throws Exception {
        keeperLog.detachAppender(logs);
        if (served != null) served.close();
        if (runtime != null) runtime.close();
    }

    @Test
    void aRebalanceIsCountedAsMinedAndTheGaugesAreTheVaultsOwnFigures() throws Exception {
        KeeperRuntime.Settings settings = fixture.settings(dir.resolve("journal.db"));
        Monitoring monitoring = new Monitoring(MonitoringConfig.DEFAULTS.withPort(0));
        runtime = KeeperRuntime.create(settings, monitoring);
        served = monitoring.serve(runtime, settings);
        runtime.start();
        KeeperFixture.await("a first vault read in /metrics", Duration.ofSeconds(30),
                () -> Scrape.of(served.port()).value("ballast_vault_observed_block", "vault", "demo") != null);
        Scrape quiet = Scrape.of(served.port());
        assertThat(quiet.valueOr0("ballast_rebalances_total", "vault", "demo", "outcome", "mined")).isZero();
        assertThat(get("/readyz").statusCode()).as(get("/readyz").body()).isEqualTo(200);

        fixture.shockWeth("4800");
        KeeperFixture.await("a mined rebalance in /metrics", Duration.ofSeconds(90),
                () -> Scrape.of(served.port()).valueOr0("ballast_rebalances_total", "vault", "demo", "outcome", "mined") >= 1);
        // two hours later the vault has a second hourly sample: the rolling figures are defined and count the trade
        chain.rpc().increaseTime(2 * 3600);
        chain.rpc().mine(1);
        KeeperFixture.await("rolling turnover in /metrics", Duration.ofSeconds(60),
                () -> Scrape.of(served.port()).valueOr0("ballast_vault_turnover_annualised_ratio", "vault", "demo") > 0);
        runtime.stop(Duration.ofSeconds(10)); // no new read: the gauges hold the last observed block

        Scrape s = Scrape.of(served.port());
        assertThat(s.valueOr0("ballast_rebalances_total", "vault", "demo", "outcome", "sent")).isGreaterThanOrEqualTo(1);
        assertThat(s.valueOr0("ballast_rebalance_gas_used_count", "vault", "demo")).isGreaterThanOrEqualTo(1);
        assertThat(s.valueOr0("ballast_rebalance_slippage_bps_count", "vault", "demo")).isGreaterThanOrEqualTo(1);
        assertThat(s.valueOr0("ballast_head_to_broadcast_seconds_count")).isGreaterThanOrEqualTo(1);
        // gas in the numeraire: the native cost at the keeper's native price (3000 in the fixture)
        double gasNative = s.value("ballast_rebalance_gas_cost_native_sum", "vault", "demo");
        assertThat(s.value("ballast_rebalance_gas_cost_numeraire_sum", "vault", "demo"))
                .isCloseTo(gasNative * 3000, within(gasNative * 3000 * 1e-9));
        assertThat(s.value("ballast_vault_tracking_error_annualised_ratio", "vault", "demo")).isNotNull();
        assertThat(s.has("ballast_vault_sharpe_ratio")).isTrue();
        assertThat(s.value("ballast_vault_execution_cost_bps_per_year", "vault", "demo")).isGreaterThanOrEqualTo(0);
        assertThat(s.valueOr0("ballast_rpc_requests_total", "endpoint", "anvil")).isPositive();
        assertThat(s.has("jvm_memory_used_bytes")).isTrue();

        long observed = s.value("ballast_vault_observed_block", "vault", "demo").longValue();
        RebalancingVault vault = RebalancingVault.load(fixture.stack.vault().getContractAddress(), chain.web3j(),
                new ReadonlyTransactionManager(chain.web3j(), chain.account(0).getAddress()), new DefaultGasProvider());
        vault.setDefaultBlockParameter(DefaultBlockParameter.valueOf(BigInteger.valueOf(observed)));
        var drift = vault.drift().send();
        List<String> assets = vault.assets().send();
        for (int i = 0; i < assets.size(); i++) {
            double onChain = drift.component2().get(i).doubleValue() / 1e18;
            assertThat(s.value("ballast_vault_drift_ratio", "vault", "demo", "asset", assets.get(i).toLowerCase()))
                    .as("drift of asset %d at block %d", i, observed).isCloseTo(onChain, within(1e-15));
        }
        assertThat(s.value("ballast_vault_max_drift_ratio", "vault", "demo"))
                .isCloseTo(drift.component1().doubleValue() / 1e18, within(1e-15));
        double nav = new java.math.BigDecimal(vault.nav().send(), 18).doubleValue();
        assertThat(s.value("ballast_vault_nav_numeraire", "vault", "demo")).isCloseTo(nav, within(nav * 1e-9));
        assertThat(s.value("ballast_vault_band_ratio", "vault", "demo")).isEqualTo(0.05);
    }

    @Test
    void jsonLogLinesCarryTheDecisionAsNamedFields() throws Exception {
        KeeperRuntime.Settings settings = fixture.settings(dir.resolve("journal.db"));
        runtime = KeeperRuntime.create(settings, dev.ballast.keeper.KeeperEvents.NONE);
        fixture.shockWeth("4800");
        runtime.keeper().tick(fixture.blockNumber());

        ILoggingEvent mined = logs.list.stream().filter(e -> e.getFormattedMessage().contains("[rebalanced]"))
                .findFirst().orElseThrow(() -> new AssertionError("no rebalanced line in " + logs.list));
        // the same encoder `ballast run --json` installs (cli.LogFormat)
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        encoder.setWithFormattedMessage(true);
        encoder.start();
        JsonNode line = new ObjectMapper().readTree(new String(encoder.encode(mined), StandardCharsets.UTF_8));
        Map<String, String> fields = new HashMap<>();
        line.get("kvpList").forEach(kv -> kv.fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue().asText())));
        assertThat(fields).containsEntry("vault", "demo").containsEntry("decision", "rebalanced")
                .containsEntry("reason", "rebalance").containsKeys("block", "tx", "nonce", "gasUsed");
        assertThat(Long.parseLong(fields.get("block"))).isPositive();
        assertThat(fields.get("tx")).matches("0x[0-9a-f]{64}");
        assertThat(new BigInteger(fields.get("gasUsed"))).isPositive();
        assertThat(line.get("formattedMessage").asText()).contains("vault demo [rebalanced]");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + served.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
