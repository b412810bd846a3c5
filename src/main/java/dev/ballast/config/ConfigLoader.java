package dev.ballast.config;

import dev.ballast.chain.VaultReaderOptions;
import dev.ballast.journal.JournalTarget;
import dev.ballast.journal.SharedJournal;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loads and validates keeper-config.yaml. Every problem in the file is collected and thrown together in one
 * {@link ConfigException}, each naming its key path, the offending value (never a secret) and what is allowed.
 * Unknown keys are errors, so a typo cannot silently fall back to a default.
 *
 * <p>Environment overrides: any scalar key can be set by {@code BALLAST_} + its path in UPPER_SNAKE case, list
 * indices as numbers ({@code BALLAST_GAS_MAX_FEE_GWEI}, {@code BALLAST_RPC_ENDPOINTS_0_HTTP},
 * {@code BALLAST_VAULTS_1_POLICY_BAND}); an override wins over the file. Values may also interpolate
 * {@code ${VAR}} or {@code ${VAR:-default}}. See {@link ConfigReader}.
 */
public final class ConfigLoader {
    private static final Set<String> ROOT_KEYS = Set.of("chainId", "rpc", "signer", "policy", "vaults", "prices",
            "gas", "confirmations", "pollInterval", "journal", "log", "metrics", "alerts", "approvals", "dashboard",
            "routing", "batch");
    private static final Set<String> RPC_KEYS = Set.of("endpoints", "privateSubmissionUrl", "callGasLimit",
            "maxReadCallsPerBlock");
    private static final Set<String> ENDPOINT_KEYS = Set.of("http", "ws");
    private static final Set<String> SIGNER_KEYS = Set.of("keystore", "passwordEnv", "privateKeyEnv");
    private static final Set<String> VAULT_KEYS = Set.of("address", "name", "policy", "mode", "safe");
    private static final Set<String> GAS_KEYS = Set.of("feeHistoryBlocks", "priorityFeePercentile", "maxFeeGwei",
            "minPriorityFeeGwei", "maxPriorityFeeGwei", "replacementBumpPercent", "replacementWait");
    /** Vaults one file may list. */
    static final int MAX_VAULTS = 10_000;
    /** EIP-2294's bound, so the chain id survives every client's signing code. */
    static final long MAX_CHAIN_ID = 4_503_599_627_370_476L;

    private final ConfigReader reader;
    private final Map<String, String> env;
    private final Path baseDir;
    private final Set<String> signerVariables = new HashSet<>();

    private ConfigLoader(Map<String, String> env, Path baseDir) {
        this.reader = new ConfigReader(env);
        this.env = env;
        this.baseDir = baseDir;
    }

    /** Loads {@code file} with overrides from the process environment. */
    public static KeeperConfig load(Path file) {
        return load(file, System.getenv());
    }

    public static KeeperConfig load(Path file, Map<String, String> env) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of(new ConfigProblem("", null, "",
                    "cannot read the config file: " + e.getClass().getSimpleName() + " " + e.getMessage())));
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, dir, file.toString(), env);
    }

    /**
     * Validates YAML text. Relative paths (keystore, journal) resolve against {@code baseDir}; {@code source}
     * names the text in the exception message.
     */
    public static KeeperConfig parse(String yaml, Path baseDir, String source, Map<String, String> env) {
        return new ConfigLoader(env, baseDir).read(yaml, source);
    }

    private KeeperConfig read(String yaml, String source) {
        List<ConfigProblem> problems = new ArrayList<>();
        YamlTree.Node root;
        try {
            root = YamlTree.parse(yaml, problems);
        } catch (YamlTree.SyntaxError e) {
            throw new ConfigException(source, List.of(new ConfigProblem("", null,
                    "line " + e.line + ", column " + e.column, "YAML syntax error: " + e.getMessage())));
        }
        problems.forEach(p -> reader.problem(p.path(), p.value(), p.origin(), p.message()));
        hideSecrets("", root);

        Section s = Section.of(reader, "", root, ROOT_KEYS);
        Long chainId = s.required("chainId", Values.integer(1, MAX_CHAIN_ID));
        RpcConfig rpc = rpc(s.section("rpc", RPC_KEYS));
        SignerConfig signer = signer(s.section("signer", SIGNER_KEYS));
        PolicyConfig defaults = PolicySection.read(s.section("policy", PolicySection.KEYS), PolicySection.BUILT_IN,
                reader);
        List<VaultConfig> vaults = vaults(s, defaults);
        List<AssetPriceConfig> prices = PriceSection.read(s, reader);
        GasConfig gas = gas(s.section("gas", GAS_KEYS));
        Long confirmations = s.optional("confirmations", Values.integer(0, 128), 2L);
        Duration poll = s.optional("pollInterval", Values.duration(Duration.ofSeconds(1), Duration.ofHours(1)),
                Duration.ofSeconds(12));
        Section journalSection = s.section("journal", Set.of("path", "quietRetention", "url", "leaseTtl"));
        Path journal = journal(journalSection);
        Optional<Duration> quietRetention = quietRetention(journalSection);
        Optional<SharedJournal> shared = sharedJournal(journalSection);
        KeeperConfig.LogFormat log = s.section("log", Set.of("format"))
                .optional("format", Values.oneOf(KeeperConfig.LogFormat.class), KeeperConfig.LogFormat.TEXT);
        MonitoringConfig monitoring = MonitoringConfig.read(s.section("metrics", Set.of("enabled", "bind", "port",
                "maxHeadLagBlocks", "minSignerBalance")), s.section("alerts", Set.of("webhookUrl", "minInterval")),
                s.section("dashboard", Set.of("enabled", "bind", "port", "backtestReport", "backtestStrategy")), baseDir);
        ApprovalConfig.Rules approvals = ApprovalSection.rules(s.section("approvals", ApprovalSection.RULE_KEYS));
        // the journal's credentials are read from these, never from the file
        signerVariables.addAll(Set.of(JournalTarget.USER_VARIABLE,
                JournalTarget.PASSWORD_VARIABLE));
        RoutingConfig routing = RoutingConfig.read(s.section("routing", Set.of("sliceImpactBps", "maxSlices",
                "maxSplitVenues")));
        BatchConfig batch = BatchConfig.read(s.section("batch", BatchConfig.KEYS), reader);
        reader.reportUnusedOverrides(signerVariables);
        if (!reader.problems().isEmpty()) {
            throw new ConfigException(source, reader.problems());
        }
        return new KeeperConfig(chainId, rpc, signer, vaults, prices, gas, confirmations.intValue(), poll, journal,
                log, quietRetention, monitoring, approvals, shared, routing, batch);
    }

    /** Reports every secret-looking value, wherever it is (unknown keys included), and never reads it again. */
    private void hideSecrets(String path, YamlTree.Node node) {
        switch (node) {
            case YamlTree.MapNode m -> m.entries().forEach((k, v) -> hideSecrets(path.isEmpty() ? k : path + "." + k, v));
            case YamlTree.ListNode l -> {
                for (int i = 0; i < l.items().size(); i++) {
                    hideSecrets(path + "[" + i + "]", l.items().get(i));
                }
            }
            case YamlTree.Scalar sc -> {
                SecretScan.Finding f = sc.text() == null ? null : SecretScan.scan(sc.text());
                if (f == null && path.equals("journal.url") && sc.text() != null && sc.text().contains("@")) {
                    reader.problem(path, ConfigReader.HIDDEN, "line " + sc.line(), "must not carry a user or password"
                            + " (it would end up in backups and repositories); set "
                            + JournalTarget.USER_VARIABLE + " and "
                            + JournalTarget.PASSWORD_VARIABLE + " (or PGUSER/PGPASSWORD)");
                    reader.hide(path);
                }
                if (f != null) {
                    reader.problem(path, ConfigReader.HIDDEN, "line " + sc.line(), f.message());
                    reader.hide(path);
                }
            }
        }
    }

    private RpcConfig rpc(Section s) {
        List<RpcConfig.Endpoint> endpoints = new ArrayList<>();
        List<YamlTree.Node> nodes = s.list("endpoints", 1, 8);
        for (int i = 0; i < nodes.size(); i++) {
            Section e = Section.of(reader, s.path("endpoints") + "[" + i + "]", nodes.get(i), ENDPOINT_KEYS);
            URI http = e.required("http", Values.url("http", "https"));
            URI ws = e.optional("ws", Values.url("ws", "wss"), null);
            endpoints.add(new RpcConfig.Endpoint(http, Optional.ofNullable(ws)));
        }
        URI privateUrl = s.optional("privateSubmissionUrl", Values.url("http", "https"), null);
        // the lens read: calls are sized from the measured gas per vault and this cap; the ceiling stops a runaway
        Long callGas = s.optional("callGasLimit", Values.integer(1_000_000, 1_000_000_000),
                VaultReaderOptions.DEFAULT_CALL_GAS_LIMIT);
        Long maxCalls = s.optional("maxReadCallsPerBlock", Values.integer(1, 1_000),
                (long) VaultReaderOptions.DEFAULT_MAX_CALLS_PER_BLOCK);
        return new RpcConfig(endpoints, Optional.ofNullable(privateUrl),
                callGas == null ? VaultReaderOptions.DEFAULT_CALL_GAS_LIMIT : callGas,
                maxCalls == null ? VaultReaderOptions.DEFAULT_MAX_CALLS_PER_BLOCK : maxCalls.intValue());
    }

    private SignerConfig signer(Section s) {
        boolean keystore = s.has("keystore");
        boolean keyEnv = s.has("privateKeyEnv");
        if (keystore == keyEnv) {
            reader.problem(s.path(), null, "", keystore
                    ? "set either keystore (+ passwordEnv) or privateKeyEnv, not both"
                    : "is required: set keystore (an encrypted JSON keystore file) + passwordEnv, or privateKeyEnv");
            return null;
        }
        if (keyEnv) {
            if (s.has("passwordEnv")) {
                reader.problem(s.path("passwordEnv"), null, "line " + s.line("passwordEnv"),
                        "only applies to a keystore; remove it or use keystore instead of privateKeyEnv");
            }
            String variable = s.secret("privateKeyEnv", Values.envName());
            signerVariables.add(variable);
            return new SignerConfig.PrivateKeyEnv(variable);
        }
        Path file = s.required("keystore", text -> {
            Path p = baseDir.resolve(text.strip()).normalize();
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("keystore file " + p + " does not exist");
            }
            return p;
        });
        String passwordEnv = s.has("passwordEnv") ? s.secret("passwordEnv", Values.envName())
                : s.required("passwordEnv", Values.envName());
        signerVariables.add(passwordEnv);
        return new SignerConfig.Keystore(file, passwordEnv);
    }

    private List<VaultConfig> vaults(Section root, PolicyConfig defaults) {
        List<VaultConfig> vaults = new ArrayList<>();
        Map<String, String> addresses = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        // 10,000: the fleet that several keepers share by lease (issue 16 §5) is listed whole in each keeper's file
        List<YamlTree.Node> nodes = root.list("vaults", 1, MAX_VAULTS);
        for (int i = 0; i < nodes.size(); i++) {
            Section v = Section.of(reader, "vaults[" + i + "]", nodes.get(i), VAULT_KEYS);
            String address = v.required("address", Values.address());
            String name = v.required("name", Values.name());
            PolicyConfig policy = PolicySection.read(v.section("policy", PolicySection.KEYS), defaults, reader);
            PriceSection.unique(reader, addresses, address, v.path("address"), "vault address");
            PriceSection.unique(reader, names, name, v.path("name"), "vault name");
            vaults.add(new VaultConfig(address, name, policy, ApprovalSection.vault(v, reader)));
        }
        return vaults;
    }

    private GasConfig gas(Section s) {
        Long blocks = s.optional("feeHistoryBlocks", Values.integer(1, 1024), 20L);
        BigDecimal percentile = s.optional("priorityFeePercentile", Values.decimal("0", false, "100", false, "50"),
                new BigDecimal("50"));
        BigInteger maxFee = s.optional("maxFeeGwei", Values.gwei("0", true, "100000"), gwei("200"));
        BigInteger minPrio = s.optional("minPriorityFeeGwei", Values.gwei("0", false, "10000"), gwei("0.01"));
        BigInteger maxPrio = s.optional("maxPriorityFeeGwei", Values.gwei("0", false, "10000"), gwei("3"));
        Long bump = s.optional("replacementBumpPercent", Values.integer(10, 100), 12L);
        Duration wait = s.optional("replacementWait", Values.duration(Duration.ofSeconds(5), Duration.ofHours(1)),
                Duration.ofSeconds(90));
        if (minPrio != null && maxPrio != null && minPrio.compareTo(maxPrio) > 0) {
            reader.problem(s.path("minPriorityFeeGwei"), gweiText(minPrio), "",
                    "must not exceed maxPriorityFeeGwei (" + gweiText(maxPrio) + ")");
        }
        if (maxPrio != null && maxFee != null && maxPrio.compareTo(maxFee) > 0) {
            reader.problem(s.path("maxPriorityFeeGwei"), gweiText(maxPrio), "",
                    "must not exceed maxFeeGwei (" + gweiText(maxFee) + ")");
        }
        return new GasConfig(blocks == null ? 0 : blocks.intValue(), percentile, maxFee, minPrio, maxPrio,
                bump == null ? 0 : bump.intValue(), wait);
    }

    private Path journal(Section s) {
        return s.optional("path", text -> {
            Path p = baseDir.resolve(text.strip()).normalize();
            if (p.getParent() != null && !Files.isDirectory(p.getParent())) {
                throw new IllegalArgumentException("folder " + p.getParent() + " does not exist");
            }
            return p;
        }, baseDir.resolve("ballast-journal.db"));
    }

    /** journal.url (postgresql://host:port/database, credentials from the environment) and journal.leaseTtl. */
    private Optional<SharedJournal> sharedJournal(Section s) {
        JournalTarget.Postgres target = s.optional("url",
                text -> JournalTarget.postgres(text, env), null);
        Duration ttl = s.optional("leaseTtl", Values.duration(Duration.ofSeconds(1), Duration.ofHours(1)),
                SharedJournal.DEFAULT_LEASE_TTL);
        if (target == null || ttl == null) return Optional.empty();
        return Optional.of(new SharedJournal(target, ttl));
    }

    /** journal.quietRetention: a duration from 1h to 3650d, or "forever" to keep every quiet decision. */
    private static Optional<Duration> quietRetention(Section s) {
        ValueParser<Duration> duration = Values.duration(Duration.ofHours(1), Duration.ofDays(3650));
        Optional<Duration> value = s.optional("quietRetention", text -> {
            if (text.strip().equalsIgnoreCase("forever")) return Optional.<Duration>empty();
            try {
                return Optional.of(duration.parse(text));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + ", or forever");
            }
        }, Optional.of(KeeperConfig.DEFAULT_QUIET_RETENTION));
        return value == null ? Optional.of(KeeperConfig.DEFAULT_QUIET_RETENTION) : value;
    }

    private static BigInteger gwei(String amount) {
        return new BigDecimal(amount).movePointRight(9).toBigIntegerExact();
    }

    private static String gweiText(BigInteger wei) {
        return new BigDecimal(wei).movePointLeft(9).stripTrailingZeros().toPlainString() + " gwei";
    }
}
