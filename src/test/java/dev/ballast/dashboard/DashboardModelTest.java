package dev.ballast.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.bench.SyntheticJournal;
import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import dev.ballast.contracts.RebalancingVault;
import dev.ballast.deploy.DevStack;
import dev.ballast.journal.Journal;
import dev.ballast.keeper.KeeperFixture;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.datatypes.generated.Uint256;

/** The dashboard's figures and series from a journal whose every price and rebalance is known. */
class DashboardModelTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long END = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();
    @TempDir
    Path dir;

    static DashboardSettings settings(Path journal, int vaults, URI rpc, Optional<Path> backtest) {
        List<DashboardSettings.Vault> v = new ArrayList<>();
        for (int i = 0; i < vaults; i++) v.add(new DashboardSettings.Vault("v" + i, SyntheticJournal.address(i), 0.05));
        return new DashboardSettings(31337, List.of(new DashboardSettings.Endpoint("rpc[0]", rpc)), v, journal,
                "127.0.0.1", 0, Duration.ofDays(90), backtest, Optional.empty(), Optional.empty(), Duration.ofSeconds(1));
    }

    @Test
    void seriesAreTheJournalsSnapshotsAndTheFiguresCountItsRebalances() throws Exception {
        Path journal = dir.resolve("j.db");
        SyntheticJournal.Written w = SyntheticJournal.write(journal, 3, 10, 1, END, 7);
        Path report = dir.resolve("report.json");
        // turnover band far below anything a 5% band rebalancing hourly shocks does: every vault gets flagged
        Files.writeString(report, "{\"distributions\":[{\"name\":\"band 5%: turnover %/yr\",\"samples\":[1,2,3,4,\"NaN\"]},"
                + "{\"name\":\"band 5%: execution cost bps/yr\",\"samples\":[-1,0,1]}]}");
        try (FakeNode node = new FakeNode(31337, 5_000_000);
                DashboardModel model = DashboardModel.load(settings(journal, 3, node.url(), Optional.of(report)),
                        Clock.fixed(Instant.ofEpochMilli(END), ZoneOffset.UTC))) {
            model.refresh();
            model.loadHistories();
            JsonNode overview = JSON.readTree(model.overview(-1));
            assertThat(overview.get("vaults")).hasSize(3);
            long rebalances = 0;
            for (JsonNode v : overview.get("vaults")) {
                rebalances += v.get("rebalances").asLong();
                assertThat(v.get("turnoverPct").asDouble()).isGreaterThanOrEqualTo(0);
                assertThat(v.get("trackingErrorPct").isNumber()).isTrue();
                assertThat(v.get("flags").toString()).contains("turnover").doesNotContain("cost");
            }
            assertThat(rebalances).isEqualTo(w.rebalances()).isPositive();
            assertThat(overview.at("/backtest/bands/turnover %~1yr/p95").asDouble()).isCloseTo(3.85, within(1e-9));
            assertThat(overview.at("/health/chainHead").asLong()).isEqualTo(5_000_000);
            assertThat(overview.at("/health/signerBalance").asDouble()).isEqualTo(1.0);

            JsonNode d = JSON.readTree(model.vault("v0").orElseThrow());
            int n = d.get("t").size();
            assertThat(n).isEqualTo(10 * 24 + 1);
            double[] eth = ethPrices(journal, SyntheticJournal.address(0));
            double nav0 = d.get("nav").get(0).asDouble();
            assertThat(d.get("buyHold").get(0).asDouble()).isCloseTo(nav0, within(nav0 * 1e-5));
            // buy-and-hold: the first snapshot's holdings (USDC value, WETH value) at the last price
            double[] first = firstValues(journal, SyntheticJournal.address(0));
            assertThat(d.get("buyHold").get(n - 1).asDouble())
                    .isCloseTo(first[0] + first[1] * eth[n - 1] / eth[0], within(nav0 * 1e-4));
            double target = nav0;
            for (int k = 1; k < n; k++) target *= 1 + 0.5 * (eth[k] / eth[k - 1] - 1);
            assertThat(d.get("target").get(n - 1).asDouble()).isCloseTo(target, within(target * 1e-4));
            assertThat(d.get("rebalances").size()).isEqualTo(overview.get("vaults").get(0).get("rebalances").asInt());
            JsonNode r = d.get("rebalances").get(0);
            assertThat(r.get("gasUsed").asLong()).isEqualTo(251_000);
            // 251,000 gas at the quoted 20 gwei, in the numeraire at the journaled native price (ETH's)
            assertThat(r.get("gasNative").asDouble()).isCloseTo(251_000 * 20e-9, within(1e-12));
            assertThat(r.get("gasPriceSource").asText()).isEqualTo("quote");
            assertThat(r.get("gasNumeraire").asDouble()).isGreaterThan(0);
        }
    }

    @Test
    void longHistoryIsThinnedAndNewJournalRowsArriveOnRefresh() throws Exception {
        Path journal = dir.resolve("j.db");
        SyntheticJournal.write(journal, 2, 90, 1, END - 60_000, 3);
        try (FakeNode node = new FakeNode(31337, 1);
                DashboardModel model = DashboardModel.load(settings(journal, 2, node.url(), Optional.empty()),
                        Clock.fixed(Instant.ofEpochMilli(END), ZoneOffset.UTC))) {
            int before = JSON.readTree(model.vault("v1").orElseThrow()).get("t").size();
            assertThat(before).isBetween(VaultHistory.MAX_POINTS / 2, VaultHistory.MAX_POINTS + 1);
            long version = model.version();
            try (Journal j = Journal.open(journal)) {
                j.recordDecision(SyntheticJournal.address(1), 9_999_999, "{\"time\":" + END / 1000 + ",\"gasPriceWei\":1,"
                        + "\"assets\":[{\"id\":\"USDC\",\"price\":\"1000000000000000000\",\"value\":100000000,"
                        + "\"targetWeight\":500000000000000000},{\"id\":\"WETH\",\"price\":\"3000000000000000000000\","
                        + "\"value\":300000000,\"targetWeight\":500000000000000000}]}", "NOT_DUE", "skip");
            }
            assertThat(model.refresh()).isTrue();
            assertThat(model.version()).isGreaterThan(version);
            JsonNode d = JSON.readTree(model.vault("v1").orElseThrow());
            assertThat(d.get("t").size()).isEqualTo(before + 1);
            assertThat(d.get("weights").get(1).get("weight").asDouble()).isCloseTo(0.75, within(1e-9));
            assertThat(JSON.readTree(model.overview(model.version())).get("unchanged").asBoolean()).isTrue();
        }
    }

    @Test
    void beforeTheHistoryIsInThePageIsToldLoadingAndReadsArrivingMeanwhileFollowIt() throws Exception {
        Path journal = dir.resolve("j.db");
        SyntheticJournal.write(journal, 2, 10, 1, END - 60_000, 5);
        try (FakeNode node = new FakeNode(31337, 1);
                DashboardModel model = DashboardModel.load(settings(journal, 2, node.url(), Optional.empty()),
                        Clock.fixed(Instant.ofEpochMilli(END), ZoneOffset.UTC))) {
            JsonNode first = JSON.readTree(model.overview(-1));
            assertThat(first.at("/loading/rows").asBoolean()).isTrue();
            assertThat(first.get("vaults").get(0).has("nav")).isFalse();
            assertThat(first.get("vaults").get(0).get("figuresLoading").asBoolean()).isTrue();
            // a read journaled after start-up, before any history is loaded: the refresh holds it back
            try (Journal j = Journal.open(journal)) {
                j.recordDecision(SyntheticJournal.address(1), 9_999_999, "{\"time\":" + END / 1000 + ",\"gasPriceWei\":1,"
                        + "\"assets\":[{\"id\":\"USDC\",\"price\":\"1000000000000000000\",\"value\":100000000,"
                        + "\"targetWeight\":500000000000000000},{\"id\":\"WETH\",\"price\":\"3000000000000000000000\","
                        + "\"value\":300000000,\"targetWeight\":500000000000000000}]}", "NOT_DUE", "skip");
            }
            assertThat(model.refresh()).isTrue();
            JsonNode rowsIn = JSON.readTree(model.overview(-1));
            assertThat(rowsIn.at("/loading/rows").asBoolean()).as("newest reads not read yet").isTrue();
            // the page asks for v1's charts before the loader got to it: read on demand, the new read last
            JsonNode d = JSON.readTree(model.vault("v1").orElseThrow());
            int n = d.get("t").size();
            assertThat(n).isEqualTo(10 * 24 + 2);
            assertThat(d.get("t").get(n - 1).asLong()).isEqualTo(END / 1000);
            assertThat(d.get("weights").get(1).get("weight").asDouble()).isCloseTo(0.75, within(1e-9));
            assertThat(d.at("/row/figuresLoading").isMissingNode()).isTrue();
            model.loadHistories();
            JsonNode all = JSON.readTree(model.overview(-1));
            assertThat(all.at("/loading/rows").asBoolean()).isFalse();
            assertThat(all.at("/loading/histories").asInt()).isEqualTo(2);
            for (JsonNode v : all.get("vaults")) {
                assertThat(v.has("figuresLoading")).isFalse();
                assertThat(v.get("trackingErrorPct").isNumber()).as(v.toString()).isTrue();
            }
            assertThat(all.get("vaults").get(1).get("nav").asDouble()).isCloseTo(4.0, within(1e-9));
            JsonNode navs0 = JSON.readTree(model.vault("v0").orElseThrow()).get("nav");
            assertThat(all.get("vaults").get(0).get("nav").asDouble()).isEqualTo(navs0.get(navs0.size() - 1).asDouble());
            // every journal row read exactly once: the two histories plus the one the refresh brought
            assertThat(model.loadedRows()).isEqualTo(2L * (10 * 24 + 1));
        }
    }

    @Test
    @ExtendWith(AnvilExtension.class)
    void theDepositCapSetThroughTheTimelockIsReadFromAnvilAndAVaultWithoutOneSaysSo(AnvilChain chain) throws Exception {
        KeeperFixture fixture = KeeperFixture.deploy(chain.web3j(), chain.rpc(), chain.rpcUrl());
        RebalancingVault vault = fixture.stack.vault();
        BigInteger cap = new BigInteger("800000").multiply(BigInteger.TEN.pow(18));
        var proposed = RebalancingVault.getChangeProposedEvents(vault.propose(vault.getContractAddress(),
                DevStack.call("setDepositCap", new Uint256(cap))).send()).getFirst();
        chain.rpc().increaseTime(vault.timelockDelay().send().longValueExact() + 1);
        vault.execute(vault.getContractAddress(), proposed.call, proposed.nonce).send();
        BigInteger supply = vault.totalSupply().send();
        assertThat(vault.depositCap().send()).isEqualTo(cap);
        assertThat(supply).isPositive().isLessThan(cap);

        Path journal = dir.resolve("j.db");
        SyntheticJournal.write(journal, 1, 1, 1, END, 1);
        // an ERC-20 has totalSupply() but no depositCap(): on a real node the call reverts, like a vault from before the cap
        List<DashboardSettings.Vault> vaults = List.of(new DashboardSettings.Vault("capped", vault.getContractAddress(), 0.05),
                new DashboardSettings.Vault("older", fixture.stack.asset(0), 0.05));
        DashboardSettings base = settings(journal, 1, URI.create(chain.rpcUrl()), Optional.empty());
        DashboardSettings s = new DashboardSettings(base.chainId(), base.endpoints(), vaults, journal, base.bind(), 0,
                base.history(), Optional.empty(), Optional.empty(), Optional.empty(), base.refresh());
        try (DashboardModel model = DashboardModel.load(s, Clock.fixed(Instant.ofEpochMilli(END), ZoneOffset.UTC))) {
            assertThat(model.refresh()).isTrue();
            JsonNode rows = JSON.readTree(model.overview(-1)).get("vaults");
            JsonNode c = rows.get(0).get("depositCap");
            String supplyText = new BigDecimal(supply, 18).setScale(2, RoundingMode.DOWN).toPlainString();
            String used = new BigDecimal(supply).multiply(BigDecimal.valueOf(100)).divide(new BigDecimal(cap), 2,
                    RoundingMode.DOWN).toPlainString();
            assertThat(c.get("state").asText()).as(c.toString()).isEqualTo("capped");
            assertThat(c.get("cap").asText()).isEqualTo("800000.00");
            assertThat(c.get("supply").asText()).isEqualTo(supplyText);
            assertThat(c.get("text").asText()).isEqualTo("800000.00 shares, supply " + supplyText + " (" + used + "% used)");
            JsonNode older = rows.get(1).get("depositCap");
            assertThat(older.get("state").asText()).as(older.toString()).isEqualTo("unsupported");
            assertThat(older.get("text").asText()).isEqualTo("no cap (older vault)");
        }
    }

    private static double[] firstValues(Path journal, String vault) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + journal); var s = c.prepareStatement(
                "SELECT snapshot_json FROM decisions WHERE vault = ? ORDER BY recorded_at LIMIT 1")) {
            s.setString(1, vault);
            try (var rs = s.executeQuery()) {
                rs.next();
                JsonNode a = JSON.readTree(rs.getString(1)).get("assets");
                return new double[] {a.get(0).get("value").asDouble() / 1e8, a.get(1).get("value").asDouble() / 1e8};
            }
        }
    }

    private static double[] ethPrices(Path journal, String vault) throws Exception {
        List<Double> out = new ArrayList<>();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + journal);
                var s = c.prepareStatement("SELECT snapshot_json FROM decisions WHERE vault = ? ORDER BY recorded_at")) {
            s.setString(1, vault);
            try (var rs = s.executeQuery()) {
                while (rs.next()) out.add(JSON.readTree(rs.getString(1)).at("/assets/1/price").asDouble());
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
