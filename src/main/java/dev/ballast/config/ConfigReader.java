package dev.ballast.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads scalar values by key path, applying environment overrides and {@code ${VAR}} interpolation, and collects
 * every problem instead of stopping at the first.
 *
 * <p>Override scheme: the key path upper-cased with camelCase split by '_', dots and list indices becoming '_',
 * prefixed by {@code BALLAST_}: {@code gas.maxFeeGwei} → {@code BALLAST_GAS_MAX_FEE_GWEI},
 * {@code rpc.endpoints[0].http} → {@code BALLAST_RPC_ENDPOINTS_0_HTTP}, {@code vaults[1].policy.band} →
 * {@code BALLAST_VAULTS_1_POLICY_BAND}. An override wins over the file.
 */
final class ConfigReader {
    static final String ENV_PREFIX = "BALLAST_";
    /** Override names starting with one of these must match a key; anything else under BALLAST_ is not ours. */
    private static final Set<String> SECTIONS = Set.of("CHAIN", "RPC", "SIGNER", "POLICY", "VAULTS", "PRICES", "GAS",
            "CONFIRMATIONS", "POLL", "JOURNAL", "LOG", "METRICS", "ALERTS", "APPROVALS");
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
    static final String HIDDEN = "<hidden>";

    /** A scalar's effective text, where it came from and how it may be shown in a message. */
    record Raw(String text, String origin, String shown) {
    }

    /** Marks a value that was present but already reported as a problem. */
    static final Raw INVALID = new Raw(null, "", "");

    private final Map<String, String> env;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Set<String> consumedEnv = new HashSet<>();
    private final Set<String> hiddenPaths = new HashSet<>();

    ConfigReader(Map<String, String> env) {
        this.env = env;
    }

    static String envName(String path) {
        String snake = path.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("\\[(\\d+)]", ".$1");
        return ENV_PREFIX + snake.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    void problem(String path, String shown, String origin, String message) {
        problems.add(new ConfigProblem(path, shown, origin, message));
    }

    List<ConfigProblem> problems() {
        return problems;
    }

    void hide(String path) {
        hiddenPaths.add(path);
    }

    boolean overridden(String path) {
        return env.containsKey(envName(path));
    }

    /** The effective scalar at {@code path}: env override, else the file's node; null when absent. */
    Raw raw(String path, YamlTree.Node node, boolean secret) {
        String var = envName(path);
        if (env.containsKey(var)) {
            consumedEnv.add(var);
            return checked(path, env.get(var), "env " + var, secret);
        }
        if (node == null || hiddenPaths.contains(path)) {
            return node == null ? null : INVALID;
        }
        if (!(node instanceof YamlTree.Scalar scalar)) {
            problem(path, null, "line " + node.line(), "must be a single value, not a "
                    + (node instanceof YamlTree.MapNode ? "mapping" : "list"));
            return INVALID;
        }
        if (scalar.text() == null) {
            return null;
        }
        String text = interpolate(path, scalar.text(), "line " + scalar.line());
        return text == null ? INVALID : checked(path, text, "line " + scalar.line(), secret);
    }

    private Raw checked(String path, String text, String origin, boolean secret) {
        SecretScan.Finding finding = SecretScan.scan(text);
        if (finding != null) {
            problem(path, HIDDEN, origin, finding.message());
            return INVALID;
        }
        return new Raw(text, origin, secret ? HIDDEN : "\"" + text + "\"");
    }

    /** Replaces ${VAR} and ${VAR:-default}; null (problem recorded) when a variable without default is unset. */
    private String interpolate(String path, String text, String origin) {
        Matcher m = INTERPOLATION.matcher(text);
        StringBuilder out = new StringBuilder();
        boolean ok = true;
        while (m.find()) {
            String value = env.get(m.group(1));
            if (value == null && m.group(2) == null) {
                problem(path, null, origin, "uses ${" + m.group(1) + "} but environment variable " + m.group(1)
                        + " is not set (write ${" + m.group(1) + ":-default} to give a default)");
                ok = false;
                value = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group(2)));
        }
        m.appendTail(out);
        return ok ? out.toString() : null;
    }

    /** Reads and parses; returns {@code dflt} when absent and not required, null when invalid. */
    <T> T read(String path, YamlTree.Node node, ValueParser<T> parser, T dflt, boolean required, boolean secret) {
        Raw raw = raw(path, node, secret);
        if (raw == INVALID) {
            return null;
        }
        if (raw == null) {
            if (required) {
                problem(path, null, "", "is required");
            }
            return dflt;
        }
        try {
            return parser.parse(raw.text());
        } catch (IllegalArgumentException e) {
            problem(path, raw.shown(), raw.origin(), e.getMessage());
            return null;
        }
    }

    /**
     * Overrides that look like config keys (BALLAST_GAS_..., BALLAST_VAULTS_...) but matched none are errors: a
     * typo in an override must not be silently ignored. {@code otherUses} are variables the config names for
     * other purposes (the signer's key and password).
     */
    void reportUnusedOverrides(Set<String> otherUses) {
        for (String var : new TreeSet<>(env.keySet())) {
            if (!var.startsWith(ENV_PREFIX) || consumedEnv.contains(var) || otherUses.contains(var)) {
                continue;
            }
            String section = var.substring(ENV_PREFIX.length()).split("_", 2)[0];
            if (SECTIONS.contains(section)) {
                problem(var, null, "environment", "matches no configuration key (list entries can only be "
                        + "overridden when they exist in the file)");
            }
        }
    }
}
