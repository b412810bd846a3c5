package dev.ballast.config;

import static dev.ballast.config.ConfigTestSupport.MINIMAL;
import static dev.ballast.config.ConfigTestSupport.parse;
import static dev.ballast.config.ConfigTestSupport.problems;
import static dev.ballast.config.ConfigTestSupport.single;
import static dev.ballast.config.ConfigTestSupport.vaultPolicy;
import static dev.ballast.config.ConfigTestSupport.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.config.PolicyConfig.Mode;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final String KEY = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    @TempDir
    Path dir;
    private final Map<String, String> noEnv = Map.of();

    @Test
    void minimalFileGetsDocumentedDefaults() {
        KeeperConfig c = parse(MINIMAL, dir, noEnv);
        assertThat(c.chainId()).isEqualTo(31337);
        assertThat(c.vaults().getFirst().policy()).isEqualTo(PolicySection.BUILT_IN);
        assertThat(c.vaults().getFirst().address()).isEqualTo("0x5FbDB2315678afecb367f032d93F642f64180aa3");
        assertThat(c.prices()).isEmpty();
        assertThat(c.gas().maxFeeWei()).isEqualTo(new BigInteger("200000000000"));
        assertThat(c.gas().replacementBumpPercent()).isEqualTo(12);
        assertThat(c.confirmations()).isEqualTo(2);
        assertThat(c.pollInterval()).isEqualTo(Duration.ofSeconds(12));
        assertThat(c.journalPath()).isEqualTo(dir.resolve("ballast-journal.db"));
        assertThat(c.rpc().privateSubmissionUrl()).isEmpty();
    }

    @Test
    void lowercaseAddressIsAcceptedAndChecksummed() {
        KeeperConfig c = parse(MINIMAL.replace("0x5FbDB2315678afecb367f032d93F642f64180aa3",
                "0x5fbdb2315678afecb367f032d93f642f64180aa3"), dir, noEnv);
        assertThat(c.vaults().getFirst().address()).isEqualTo("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    }

    // ---- syntax and structure ----

    @Test
    void yamlSyntaxErrorNamesTheLineWithoutEchoingIt() {
        String yaml = "chainId: 1\nrpc:\n  endpoints: [\n    secret: " + KEY + "\n";
        ConfigProblem p = problems(yaml, dir, noEnv).getFirst();
        assertThat(p.origin()).as("the unclosed [ is noticed at the end of input").startsWith("line 5");
        assertThat(p.message()).startsWith("YAML syntax error: ");
        assertThat(p.toString()).doesNotContain(KEY);
    }

    @Test
    void badIndentationNamesTheLine() {
        ConfigProblem p = problems("chainId: 1\n  rpc: 2\n", dir, noEnv).getFirst();
        assertThat(p.toString()).contains("line 2").contains("YAML syntax error: mapping values are not allowed here");
    }

    @Test
    void unknownKeyIsAnErrorWithSuggestion() {
        single(with("gas:\n  maxFeeGwie: 5\n"), dir, noEnv, "gas.maxFeeGwie", "(line 11)",
                "unknown key (did you mean maxFeeGwei?)", "allowed keys here: feeHistoryBlocks");
    }

    @Test
    void unknownTopLevelKey() {
        single(with("pollinterval: 5s\n"), dir, noEnv, "pollinterval", "did you mean pollInterval?");
    }

    @Test
    void duplicateKeyIsAnError() {
        single(with("confirmations: 1\nconfirmations: 2\n"), dir, noEnv, "confirmations",
                "duplicate key (first given on line 10)");
    }

    @Test
    void sectionMustBeAMapping() {
        single(with("gas: 5\n"), dir, noEnv, "gas", "must be a mapping with keys");
    }

    @Test
    void valueMustBeScalar() {
        single(MINIMAL.replace("chainId: 31337", "chainId: [1]"), dir, noEnv, "chainId", "must be a single value");
    }

    @Test
    void emptyFileListsEveryRequiredKey() {
        List<ConfigProblem> ps = problems("", dir, noEnv);
        assertThat(ps).extracting(ConfigProblem::path).containsExactly("chainId", "rpc.endpoints", "signer", "vaults");
    }

    @Test
    void manyProblemsAreReportedTogether() {
        String yaml = """
                chainId: -5
                rpc:
                  endpoints:
                    - http: ftp://node
                      ws: http://node
                signer:
                  privateKeyEnv: KEEPER_KEY
                policy:
                  band: 0.7
                vaults:
                  - address: "0x1234"
                    name: main
                    policy:
                      maxSlippage: 0.5
                  - address: "0x5FbDB2315678afecb367f032d93F642f64180aa3"
                    name: main
                gas:
                  replacementBumpPercent: 5
                  colour: blue
                log:
                  format: xml
                """;
        List<ConfigProblem> ps = problems(yaml, dir, noEnv);
        assertThat(ps).extracting(ConfigProblem::path).containsExactlyInAnyOrder("chainId", "rpc.endpoints[0].http",
                "rpc.endpoints[0].ws", "policy.band", "vaults[0].address", "vaults[0].policy.maxSlippage",
                "vaults[1].name", "gas.replacementBumpPercent", "gas.colour", "log.format");
        ConfigProblem band = ps.stream().filter(p -> p.path().equals("policy.band")).findFirst().orElseThrow();
        assertThat(band.toString()).isEqualTo(
                "policy.band = \"0.7\" (line 9): must be a number in (0, 0.5], e.g. 0.05");
        assertThat(ps.stream().filter(p -> p.path().equals("vaults[1].name")).findFirst().orElseThrow().message())
                .isEqualTo("duplicate vault name (also at vaults[0].name)");
    }

    // ---- secrets ----

    @Test
    void privateKeyInTheFileIsRejectedWithoutEchoingIt() {
        String yaml = MINIMAL.replace("  privateKeyEnv: KEEPER_KEY", "  privateKey: 0x" + KEY);
        List<ConfigProblem> ps = problems(yaml, dir, noEnv);
        assertThat(ps).extracting(ConfigProblem::path).containsExactlyInAnyOrder("signer.privateKey",
                "signer.privateKey", "signer");
        assertThat(ps.toString()).doesNotContain(KEY).contains("looks like a private key").contains("<hidden>")
                .contains("did you mean privateKeyEnv?");
    }

    @Test
    void privateKeyInAKnownFieldIsRejectedOnce() {
        List<ConfigProblem> ps = problems(MINIMAL.replace("KEEPER_KEY", KEY), dir, noEnv);
        assertThat(ps).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("signer.privateKeyEnv");
            assertThat(p.toString()).doesNotContain(KEY).contains("looks like a private key");
        });
    }

    @Test
    void privateKeyViaInterpolationOrOverrideIsRejected() {
        ConfigProblem p = single(MINIMAL.replace("KEEPER_KEY", "${K}"), dir, Map.of("K", KEY),
                "signer.privateKeyEnv", "looks like a private key");
        assertThat(p.toString()).doesNotContain(KEY);
        ConfigProblem q = single(MINIMAL, dir, Map.of("BALLAST_SIGNER_PRIVATE_KEY_ENV", KEY),
                "signer.privateKeyEnv", "env BALLAST_SIGNER_PRIVATE_KEY_ENV", "looks like a private key");
        assertThat(q.toString()).doesNotContain(KEY);
    }

    @Test
    void seedPhraseIsRejected() {
        String words = "abandon ability able about above absent absorb abstract absurd abuse access accident";
        ConfigProblem p = single(with("journal:\n  path: " + words + "\n"), dir, noEnv, "journal.path",
                "12-word seed phrase");
        assertThat(p.toString()).doesNotContain("abandon");
    }

    @Test
    void signerValuesAreNeverEchoed() {
        ConfigProblem p = single(MINIMAL.replace("KEEPER_KEY", "hunter2 is my password"), dir, noEnv,
                "signer.privateKeyEnv", "NAME of an environment variable");
        assertThat(p.toString()).doesNotContain("hunter2").contains("<hidden>");
    }

    // ---- signer ----

    @Test
    void signerNeedsExactlyOneForm() {
        single(MINIMAL.replace("  privateKeyEnv: KEEPER_KEY", "  passwordEnv: PW"), dir, noEnv, "signer",
                "is required: set keystore");
        single(MINIMAL.replace("  privateKeyEnv: KEEPER_KEY", "  privateKeyEnv: K\n  keystore: k.json"), dir, noEnv,
                "signer", "not both");
    }

    @Test
    void keystoreNeedsPasswordEnvAndExistingFile() throws Exception {
        single(MINIMAL.replace("  privateKeyEnv: KEEPER_KEY", "  keystore: missing.json\n  passwordEnv: PW"), dir, noEnv,
                "signer.keystore", "does not exist");
        Files.writeString(dir.resolve("k.json"), "{}");
        single(MINIMAL.replace("  privateKeyEnv: KEEPER_KEY", "  keystore: k.json"), dir, noEnv,
                "signer.passwordEnv", "is required");
        KeeperConfig c = parse(MINIMAL.replace("  privateKeyEnv: KEEPER_KEY", "  keystore: k.json\n  passwordEnv: PW"),
                dir, noEnv);
        assertThat(c.signer()).isEqualTo(new SignerConfig.Keystore(dir.resolve("k.json"), "PW"));
    }

    @Test
    void passwordEnvWithoutKeystoreIsAnError() {
        single(MINIMAL.replace("  privateKeyEnv: KEEPER_KEY", "  privateKeyEnv: K\n  passwordEnv: PW"), dir, noEnv,
                "signer.passwordEnv", "only applies to a keystore");
    }

    // ---- values ----

    @Test
    void chainIdRules() {
        single(MINIMAL.replace("31337", "0"), dir, noEnv, "chainId", "must be in [1, 4503599627370476]");
        single(MINIMAL.replace("31337", "mainnet"), dir, noEnv, "chainId", "\"mainnet\"", "whole number");
        single(MINIMAL.replace("chainId: 31337\n", ""), dir, noEnv, "chainId", "is required");
    }

    @Test
    void rpcRules() {
        single(MINIMAL.replace("http://127.0.0.1:8545", "127.0.0.1:8545"), dir, noEnv, "rpc.endpoints[0].http",
                "absolute URL with a host, scheme http or https");
        single(MINIMAL.replace("  endpoints:\n    - http: http://127.0.0.1:8545", "  endpoints: []"), dir, noEnv,
                "rpc.endpoints", "0 entries", "must have 1 to 8 entries");
        single(MINIMAL.replace("- http: http://127.0.0.1:8545", "- ws: ws://127.0.0.1:8545"), dir, noEnv,
                "rpc.endpoints[0].http", "is required");
        single(MINIMAL.replace("- http: http://127.0.0.1:8545", "- http: http://a\n      ws: https://a"), dir, noEnv,
                "rpc.endpoints[0].ws", "scheme ws or wss");
        single(MINIMAL.replace("rpc:\n", "rpc:\n  privateSubmissionUrl: relay\n"), dir, noEnv,
                "rpc.privateSubmissionUrl", "absolute URL");
        single(MINIMAL.replace("  endpoints:\n    - http: http://127.0.0.1:8545", "  endpoints: http://a"), dir, noEnv,
                "rpc.endpoints",
                "must be a list");
    }

    @Test
    void vaultRules() {
        single(MINIMAL.replace("0x5FbDB2315678afecb367f032d93F642f64180aa3", "0x5FbDB2315678afecb367f032d93F642f64180aA3"),
                dir, noEnv, "vaults[0].address", "invalid EIP-55 checksum",
                "expected 0x5FbDB2315678afecb367f032d93F642f64180aa3");
        single(MINIMAL.replace("name: main", "name: \"main vault\""), dir, noEnv, "vaults[0].name", "1-64 characters");
        single(MINIMAL.replace("    name: main\n", ""), dir, noEnv, "vaults[0].name", "is required");
        single(MINIMAL + "  - address: \"0x5fbdb2315678afecb367f032d93f642f64180aa3\"\n    name: other\n", dir, noEnv,
                "vaults[1].address", "duplicate vault address (also at vaults[0].address)");
        single(MINIMAL.replace("vaults:\n  - address: \"0x5FbDB2315678afecb367f032d93F642f64180aa3\"\n    name: main\n",
                "vaults: []\n"), dir, noEnv, "vaults", "must have 1 to 10000 entries");
        single(MINIMAL.replace("    name: main\n", "    name: main\n    colour: red\n"), dir, noEnv,
                "vaults[0].colour", "unknown key");
    }

    @Test
    void policyRangeRules() {
        single(vaultPolicy("band: 0"), dir, noEnv, "vaults[0].policy.band", "(0, 0.5]");
        single(vaultPolicy("band: lots"), dir, noEnv, "vaults[0].policy.band", "\"lots\"", "(0, 0.5]");
        single(vaultPolicy("mode: weekly"), dir, noEnv, "vaults[0].policy.mode", "one of: band, calendar, both");
        single(vaultPolicy("maxSlippage: 0.2"), dir, noEnv, "vaults[0].policy.maxSlippage", "(0, 0.1]");
        single(vaultPolicy("maxTradeFraction: 1.01"), dir, noEnv, "vaults[0].policy.maxTradeFraction", "(0, 1]");
        single(vaultPolicy("minTradeValue: -1"), dir, noEnv, "vaults[0].policy.minTradeValue", "[0, 1000000000000]");
        single(vaultPolicy("gasBudget: 0"), dir, noEnv, "vaults[0].policy.gasBudget", "(0, 1000000000]");
        single(vaultPolicy("calendarInterval: 30s"), dir, noEnv, "vaults[0].policy.calendarInterval",
                "between 1m and 366d");
        single(vaultPolicy("cooldown: 31d"), dir, noEnv, "vaults[0].policy.cooldown", "between 0s and 30d");
    }

    @Test
    void durationsNeedAUnit() {
        single(vaultPolicy("cooldown: 3600"), dir, noEnv, "vaults[0].policy.cooldown", "\"3600\"",
                "written like 250ms, 90s, 5m, 1h30m, 7d or PT5M");
        KeeperConfig c = parse(vaultPolicy("cooldown: 1h30m\ncalendarInterval: PT48H"), dir, noEnv);
        assertThat(c.vaults().getFirst().policy().cooldown()).isEqualTo(Duration.ofMinutes(90));
        assertThat(c.vaults().getFirst().policy().calendarInterval()).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void cooldownLongerThanCalendarIntervalIsRefusedInCalendarModes() {
        single(vaultPolicy("mode: calendar\ncalendarInterval: 1h\ncooldown: 2h"), dir, noEnv,
                "vaults[0].policy.cooldown", "must not exceed calendarInterval (1h) in calendar mode");
        assertThat(parse(vaultPolicy("mode: band\ncalendarInterval: 1h\ncooldown: 2h"), dir, noEnv).vaults()
                .getFirst().policy().mode()).isEqualTo(Mode.BAND);
    }

    @Test
    void vaultOverridesMergeWithDefaults() {
        KeeperConfig c = parse(MINIMAL.replace("vaults:", "policy:\n  band: 0.1\n  cooldown: 2h\nvaults:")
                + "    policy:\n      band: 0.03\n", dir, noEnv);
        PolicyConfig p = c.vaults().getFirst().policy();
        assertThat(p.band()).isEqualByComparingTo("0.03");
        assertThat(p.cooldown()).isEqualTo(Duration.ofHours(2));
        assertThat(p.maxSlippage()).isEqualTo(PolicySection.BUILT_IN.maxSlippage());
    }

    private static final String PRICES = """
            prices:
              - asset: WETH
                address: "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2"
                quorum: 2
                http:
                  - name: coinbase
                    url: https://api.coinbase.com/v2/prices/ETH-USD/spot
                    path: data.amount
            """;

    @Test
    void pricesAreRead() {
        AssetPriceConfig a = parse(with(PRICES), dir, noEnv).prices().getFirst();
        assertThat(a.onChain()).isTrue();
        assertThat(a.quorum()).isEqualTo(2);
        assertThat(a.maxDisagreement()).isEqualByComparingTo("0.02");
        assertThat(a.http()).singleElement().isEqualTo(new AssetPriceConfig.HttpSource("coinbase",
                java.net.URI.create("https://api.coinbase.com/v2/prices/ETH-USD/spot"), "data.amount", false, 0,
                Duration.ofSeconds(3)));
    }

    @Test
    void aSourcesOwnTimestampPathIsReadAndChecked() {
        AssetPriceConfig a = parse(with(PRICES.replace("path: data.amount", "path: price\n        timestampPath: time")),
                dir, noEnv).prices().getFirst();
        assertThat(a.http().getFirst().timestampPath()).isEqualTo("time");
        assertThat(a.httpSpecs().getFirst().timestampPath()).map(Object::toString).hasValue("time");
        assertThat(parse(with(PRICES), dir, noEnv).prices().getFirst().httpSpecs().getFirst().timestampPath()).isEmpty();
        single(with(PRICES.replace("path: data.amount", "path: price\n        timestampPath: data..time")), dir, noEnv,
                "prices[0].http[0].timestampPath", "invalid at character");
    }

    @Test
    void quietRetentionIsADurationOrForever() {
        assertThat(parse(MINIMAL, dir, noEnv).quietRetention()).hasValue(KeeperConfig.DEFAULT_QUIET_RETENTION);
        assertThat(parse(with("journal:\n  quietRetention: 36h\n"), dir, noEnv).quietRetention())
                .hasValue(Duration.ofHours(36));
        assertThat(parse(with("journal:\n  quietRetention: forever\n"), dir, noEnv).quietRetention()).isEmpty();
        single(with("journal:\n  quietRetention: 5m\n"), dir, noEnv, "journal.quietRetention",
                "between 1h and", "or forever");
    }

    @Test
    void priceRules() {
        single(with(PRICES.replace("quorum: 2", "quorum: 3")), dir, noEnv, "prices[0].quorum",
                "exceeds the 2 configured source(s)");
        single(with(PRICES.replace("quorum: 2", "quorum: 1\n    onChain: false\n    http: []")
                .replace("    http:\n      - name: coinbase\n        url: https://api.coinbase.com/v2/prices/ETH-USD/spot\n"
                        + "        path: data.amount\n", "")), dir, noEnv, "prices[0]", "has no price source");
        single(with(PRICES.replace("path: data.amount", "path: data..amount")), dir, noEnv,
                "prices[0].http[0].path", "JSON path 'data..amount' is invalid at character 6");
        single(with(PRICES.replace("https://api", "file://api")), dir, noEnv, "prices[0].http[0].url",
                "scheme http or https");
        single(with(PRICES + "        decimals: 37\n"), dir, noEnv, "prices[0].http[0].decimals", "[0, 36]");
        single(with(PRICES + "        timeout: 50ms\n"), dir, noEnv, "prices[0].http[0].timeout",
                "between 100ms and 1m");
        single(with(PRICES + "        inverse: yes\n"), dir, noEnv, "prices[0].http[0].inverse", "true or false");
        single(with(PRICES.replace("quorum: 2", "quorum: 2\n    maxDisagreement: 0.6")), dir, noEnv,
                "prices[0].maxDisagreement", "(0, 0.5]");
        single(with(PRICES + "      - name: Coinbase\n        url: https://x.example\n        path: p\n"), dir, noEnv,
                "prices[0].http[1].name", "duplicate source name (also at prices[0].http[0].name)");
        single(with(PRICES + "      - name: again\n        url: https://api.coinbase.com/v2/prices/ETH-USD/spot\n"
                + "        path: data.amount\n"), dir, noEnv, "prices[0].http[1].url",
                "duplicate source URL (also at prices[0].http[0].url)");
        single(with(PRICES.replace("quorum: 2", "quorum: 0")), dir, noEnv, "prices[0].quorum", "[1, 9]");
        single(with(PRICES.replace("quorum: 2", "quorum: 2\n    maxAge: 0s")), dir, noEnv, "prices[0].maxAge",
                "between 1s and 2d");
        single(with(PRICES.replace("asset: WETH", "asset: \"W ETH\"")), dir, noEnv, "prices[0].asset", "1-64 characters");
        single(with(PRICES.replace("    address: \"0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\"\n", "")), dir, noEnv,
                "prices[0].address", "is required");
        single(with(PRICES + PRICES.substring("prices:\n".length()).replace("WETH", "ETH")), dir, noEnv,
                "prices[1].address", "duplicate address (also at prices[0].address)");
    }

    @Test
    void gasRules() {
        single(with("gas:\n  replacementBumpPercent: 9\n"), dir, noEnv, "gas.replacementBumpPercent", "[10, 100]");
        single(with("gas:\n  feeHistoryBlocks: 0\n"), dir, noEnv, "gas.feeHistoryBlocks", "[1, 1024]");
        single(with("gas:\n  priorityFeePercentile: 101\n"), dir, noEnv, "gas.priorityFeePercentile", "[0, 100]");
        single(with("gas:\n  maxFeeGwei: 0\n"), dir, noEnv, "gas.maxFeeGwei", "(0, 100000]");
        single(with("gas:\n  maxFeeGwei: 1.0000000001\n"), dir, noEnv, "gas.maxFeeGwei", "at most 9 decimals");
        single(with("gas:\n  minPriorityFeeGwei: 4\n  maxPriorityFeeGwei: 2\n"), dir, noEnv,
                "gas.minPriorityFeeGwei", "4 gwei", "must not exceed maxPriorityFeeGwei (2 gwei)");
        single(with("gas:\n  maxFeeGwei: 1\n"), dir, noEnv, "gas.maxPriorityFeeGwei",
                "must not exceed maxFeeGwei (1 gwei)");
        single(with("gas:\n  replacementWait: 1s\n"), dir, noEnv, "gas.replacementWait", "between 5s and 1h");
        KeeperConfig c = parse(with("gas:\n  maxFeeGwei: 0.000000001\n  minPriorityFeeGwei: 0\n"
                + "  maxPriorityFeeGwei: 0.000000001\n"), dir, noEnv);
        assertThat(c.gas().maxFeeWei()).isEqualTo(BigInteger.ONE);
    }

    @Test
    void miscRules() {
        single(with("confirmations: 129\n"), dir, noEnv, "confirmations", "[0, 128]");
        single(with("pollInterval: 500ms\n"), dir, noEnv, "pollInterval", "between 1s and 1h");
        single(with("log:\n  format: xml\n"), dir, noEnv, "log.format", "one of: text, json");
        single(with("journal:\n  path: nowhere/j.db\n"), dir, noEnv, "journal.path", "does not exist");
        assertThat(parse(with("log:\n  format: JSON\n"), dir, noEnv).logFormat()).isEqualTo(KeeperConfig.LogFormat.JSON);
    }

    @Test
    void unreadableFileIsAConfigException() {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("absent.yaml"), noEnv))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cannot read the config file");
    }
}
