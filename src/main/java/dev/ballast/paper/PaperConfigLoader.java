package dev.ballast.paper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ballast.config.ConfigException;
import dev.ballast.config.ConfigProblem;
import dev.ballast.policy.RebalanceMode;
import dev.ballast.policy.ValueUnits;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads paper.yaml. Every problem is collected with its key path ({@code vaults[0].policy.band}), the value and what
 * is allowed, and all of them are thrown together as one {@link ConfigException}; unknown keys are errors.
 */
public final class PaperConfigLoader {
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final BigInteger WAD = BigInteger.TEN.pow(18);

    private final List<ConfigProblem> problems = new ArrayList<>();
    private final String source;

    private PaperConfigLoader(String source) {
        this.source = source;
    }

    public static PaperConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of(new ConfigProblem("(file)", file.toString(), "",
                    "cannot be read: " + e.getMessage())));
        }
        return parse(text, file.toAbsolutePath().getParent(), file.toString());
    }

    /** Parses {@code yaml}; a relative journal path is resolved against {@code base}. */
    public static PaperConfig parse(String yaml, Path base, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new ConfigException(source, List.of(new ConfigProblem("(file)", null, "", "is not valid YAML: "
                    + e.getMessage().lines().findFirst().orElse(""))));
        }
        return new PaperConfigLoader(source).read(root, base);
    }

    private PaperConfig read(JsonNode root, Path base) {
        if (root == null || !root.isObject()) {
            throw new ConfigException(source, List.of(new ConfigProblem("(file)", null, "", "must be a mapping")));
        }
        known(root, "", Set.of("rpc", "chainId", "journal", "pollInterval", "maxCatchUpBlocks", "gas", "vaults"));
        String rpc = required(root, "", "rpc");
        if (rpc != null && !rpc.matches("(?i)(https?|wss?)://.+")) problem("rpc", rpc, "must be an http(s) URL");
        long chainId = integer(root, "", "chainId", 0, 0, 4_503_599_627_370_476L);
        String journal = text(root, "journal", "paper-journal.db");
        Duration poll = duration(root, "", "pollInterval", Duration.ofSeconds(2));
        int catchUp = (int) integer(root, "", "maxCatchUpBlocks", 256, 1, 100_000);
        PaperConfig.Gas gas = gas(root.get("gas"));
        List<PaperConfig.Vault> vaults = new ArrayList<>();
        JsonNode list = root.get("vaults");
        if (list == null || !list.isArray() || list.isEmpty()) {
            problem("vaults", null, "is required: a list of 1 to 1000 paper vaults");
        } else if (list.size() > 1000) {
            problem("vaults", String.valueOf(list.size()), "at most 1000 paper vaults");
        } else {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                PaperConfig.Vault v = vault(list.get(i), "vaults[" + i + "]");
                if (v != null && !names.add(v.name())) problem("vaults[" + i + "].name", v.name(), "is used twice");
                vaults.add(v);
            }
        }
        if (!problems.isEmpty()) throw new ConfigException(source, problems);
        Path journalPath = base == null ? Path.of(journal) : base.resolve(journal);
        return new PaperConfig(rpc, chainId, journalPath, poll, catchUp, gas, vaults);
    }

    private PaperConfig.Gas gas(JsonNode node) {
        String path = "gas";
        if (node != null && !node.isObject()) problem(path, node.asText(), "must be a mapping");
        JsonNode n = node == null || !node.isObject() ? null : node;
        if (n != null) known(n, path, Set.of("perRebalance", "perSwap", "nativePrice", "tipGwei"));
        long perRebalance = integer(n, path, "perRebalance", 400_000, 0, 30_000_000);
        long perSwap = integer(n, path, "perSwap", 150_000, 0, 30_000_000);
        BigDecimal nativePrice = decimal(n, path, "nativePrice", new BigDecimal("3000"), BigDecimal.ZERO, new BigDecimal("1e9"));
        BigDecimal tip = decimal(n, path, "tipGwei", BigDecimal.ONE, BigDecimal.ZERO, new BigDecimal("10000"));
        return new PaperConfig.Gas(perRebalance, perSwap, valueUnits(nativePrice),
                tip.movePointRight(9).setScale(0, RoundingMode.DOWN).toBigIntegerExact());
    }

    private PaperConfig.Vault vault(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            problem(path, null, "must be a mapping with name, priceRouter, venue, assets, start, policy");
            return null;
        }
        known(node, path, Set.of("name", "priceRouter", "venue", "assets", "start", "policy"));
        String name = required(node, path, "name");
        if (name != null && !NAME.matcher(name).matches()) problem(path + ".name", name, "1-64 of letters, digits, '.', '_', '-'");
        String router = address(node, path, "priceRouter");
        String venue = address(node, path, "venue");
        List<PaperConfig.PaperAsset> assets = new ArrayList<>();
        JsonNode list = node.get("assets");
        if (list == null || !list.isArray() || list.size() < 2 || list.size() > 8) {
            problem(path + ".assets", list == null ? null : list.toString(), "is required: 2 to 8 entries of {token, target}");
        } else {
            BigInteger sum = BigInteger.ZERO;
            for (int i = 0; i < list.size(); i++) {
                String p = path + ".assets[" + i + "]";
                JsonNode a = list.get(i);
                if (!a.isObject()) {
                    problem(p, a.asText(), "must be a mapping {token, target}");
                    continue;
                }
                known(a, p, Set.of("token", "target"));
                String token = address(a, p, "token");
                BigInteger target = fraction(a, p, "target", null, false);
                if (target != null) sum = sum.add(target);
                assets.add(new PaperConfig.PaperAsset(token, target));
            }
            if (assets.stream().map(PaperConfig.PaperAsset::token).filter(t -> t != null).map(t -> t.toLowerCase(Locale.ROOT))
                    .distinct().count() != assets.size() && assets.stream().noneMatch(a -> a.token() == null)) {
                problem(path + ".assets", null, "a token is listed twice");
            }
            if (assets.stream().noneMatch(a -> a.target() == null) && !sum.equals(WAD)) {
                problem(path + ".assets[*].target", new BigDecimal(sum, 18).stripTrailingZeros().toPlainString(), "targets must sum to exactly 1");
            }
        }
        PaperConfig.Start start = start(node.get("start"), path + ".start", assets.size());
        PaperConfig.Policy policy = policy(node.get("policy"), path + ".policy");
        return new PaperConfig.Vault(name, router, venue, assets, start, policy);
    }

    private PaperConfig.Start start(JsonNode node, String path, int assets) {
        if (node == null || !node.isObject()) {
            problem(path, null, "is required: {notional: N} (numeraire, split at target weights) or {basket: [whole tokens...]}");
            return null;
        }
        known(node, path, Set.of("notional", "basket"));
        boolean hasNotional = node.has("notional");
        boolean hasBasket = node.has("basket");
        if (hasNotional == hasBasket) {
            problem(path, node.toString(), "give exactly one of notional and basket");
            return null;
        }
        if (hasNotional) {
            BigDecimal n = decimal(node, path, "notional", null, new BigDecimal("0.00000001"), new BigDecimal("1e11"));
            return new PaperConfig.Start(n, null);
        }
        JsonNode list = node.get("basket");
        if (!list.isArray() || list.size() != assets) {
            problem(path + ".basket", list.toString(), "must list one whole-token amount per asset (" + assets + ")");
            return null;
        }
        List<BigDecimal> amounts = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            BigDecimal v = parseDecimal(path + ".basket[" + i + "]", list.get(i).asText());
            if (v != null && v.signum() < 0) problem(path + ".basket[" + i + "]", v.toPlainString(), "must be >= 0");
            amounts.add(v == null ? BigDecimal.ZERO : v);
        }
        return new PaperConfig.Start(null, amounts);
    }

    private PaperConfig.Policy policy(JsonNode node, String path) {
        if (node != null && !node.isObject()) problem(path, node.asText(), "must be a mapping");
        JsonNode n = node == null || !node.isObject() ? null : node;
        if (n != null) {
            known(n, path, Set.of("mode", "band", "calendarInterval", "cooldown", "minTradeValue", "maxSlippage",
                    "maxTradeFraction", "twapWindow", "maxSpotTwapDeviation", "maxOracleVenueDeviation", "gasBudget",
                    "correctionBenefit"));
        }
        String modeText = text(n, "mode", "band");
        RebalanceMode mode = switch (modeText) {
            case "band" -> RebalanceMode.BAND;
            case "calendar" -> RebalanceMode.CALENDAR;
            case "both" -> RebalanceMode.BAND_OR_CALENDAR;
            default -> {
                problem(path + ".mode", modeText, "one of band, calendar, both");
                yield RebalanceMode.BAND;
            }
        };
        // the virtual vault must be one that could be deployed: the contract's own bounds (VaultConfig.sol)
        BigInteger band = within(path + ".band", fraction(n, path, "band", "0.05", true), "0.001", "0.5");
        long interval = within(path + ".calendarInterval", duration(n, path, "calendarInterval", Duration.ofDays(7)), Duration.ofHours(1),
                Duration.ofDays(365));
        long cooldown = within(path + ".cooldown", duration(n, path, "cooldown", Duration.ofHours(1)), Duration.ofMinutes(1),
                Duration.ofDays(30));
        BigDecimal minTrade = decimal(n, path, "minTradeValue", new BigDecimal("100"), BigDecimal.ZERO, new BigDecimal("1e12"));
        BigInteger slippage = within(path + ".maxSlippage", fraction(n, path, "maxSlippage", "0.005", true), "0.0001", "0.1");
        BigInteger tradeFraction = within(path + ".maxTradeFraction", fraction(n, path, "maxTradeFraction", "0.5", true), "0.001", "1");
        long twap = within(path + ".twapWindow", duration(n, path, "twapWindow", Duration.ofMinutes(30)), Duration.ofMinutes(5),
                Duration.ofDays(1));
        BigInteger spotTwap = within(path + ".maxSpotTwapDeviation", fraction(n, path, "maxSpotTwapDeviation", "0.02", true), "0.0001", "1");
        BigInteger oracleVenue = within(path + ".maxOracleVenueDeviation", fraction(n, path, "maxOracleVenueDeviation", "0.03", true),
                "0.0001", "1");
        BigDecimal budget = decimal(n, path, "gasBudget", new BigDecimal("25"), BigDecimal.ZERO, new BigDecimal("1e9"));
        BigInteger benefit = fraction(n, path, "correctionBenefit", "0.01", false);
        return new PaperConfig.Policy(mode, band, interval, cooldown, valueUnits(minTrade), slippage, tradeFraction, twap,
                spotTwap, oracleVenue, valueUnits(budget), benefit == null ? 0 : benefit.longValueExact());
    }

    private BigInteger within(String path, BigInteger wad, String min, String max) {
        if (wad == null) return null;
        BigDecimal x = new BigDecimal(wad, 18);
        if (x.compareTo(new BigDecimal(min)) < 0 || x.compareTo(new BigDecimal(max)) > 0) {
            problem(path, x.stripTrailingZeros().toPlainString(), "the vault allows " + min + ".." + max);
        }
        return wad;
    }

    private long within(String path, Duration d, Duration min, Duration max) {
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            problem(path, d.toString(), "the vault allows " + human(min) + ".." + human(max));
        }
        return d.toSeconds();
    }

    private static String human(Duration d) {
        if (d.toDays() > 0 && d.toHours() % 24 == 0) return d.toDays() + "d";
        if (d.toHours() > 0 && d.toMinutes() % 60 == 0) return d.toHours() + "h";
        return d.toMinutes() + "m";
    }

    private void known(JsonNode node, String path, Set<String> keys) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!keys.contains(key)) {
                problem(join(path, key), null, "unknown key; allowed keys here: " + new TreeSet<>(keys));
            }
        }
    }

    private String required(JsonNode node, String path, String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            problem(join(path, key), null, "is required");
            return null;
        }
        return v.asText();
    }

    private String address(JsonNode node, String path, String key) {
        JsonNode v = node.get(key);
        if (v != null && v.isNumber()) {
            problem(join(path, key), v.asText(), "must be a quoted \"0x...\" address (unquoted YAML reads it as a number)");
            return null;
        }
        String text = required(node, path, key);
        if (text != null && !ADDRESS.matcher(text).matches()) {
            problem(join(path, key), text, "must be an address: 0x and 40 hex digits");
            return null;
        }
        return text;
    }

    private static String text(JsonNode node, String key, String fallback) {
        JsonNode v = node == null ? null : node.get(key);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    private long integer(JsonNode node, String path, String key, long fallback, long min, long max) {
        JsonNode v = node == null ? null : node.get(key);
        if (v == null || v.isNull()) return fallback;
        try {
            long x = Long.parseLong(v.asText().replace("_", ""));
            if (x < min || x > max) {
                problem(join(path, key), v.asText(), "range " + min + ".." + max);
                return fallback;
            }
            return x;
        } catch (NumberFormatException e) {
            problem(join(path, key), v.asText(), "must be a whole number in " + min + ".." + max);
            return fallback;
        }
    }

    private BigDecimal decimal(JsonNode node, String path, String key, BigDecimal fallback, BigDecimal min, BigDecimal max) {
        JsonNode v = node == null ? null : node.get(key);
        if (v == null || v.isNull()) {
            if (fallback == null) problem(join(path, key), null, "is required");
            return fallback;
        }
        BigDecimal x = parseDecimal(join(path, key), v.asText());
        if (x == null) return fallback;
        if (x.compareTo(min) < 0 || x.compareTo(max) > 0) {
            problem(join(path, key), v.asText(), "range " + min.toPlainString() + ".." + max.toPlainString());
            return fallback;
        }
        return x;
    }

    private BigDecimal parseDecimal(String path, String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            problem(path, text, "must be a decimal number");
            return null;
        }
    }

    /** A fraction (0.05 = 5%) as 18 decimals; {@code positive} refuses 0. Above 1 is always refused. */
    private BigInteger fraction(JsonNode node, String path, String key, String fallback, boolean positive) {
        BigDecimal x = decimal(node, path, key, fallback == null ? null : new BigDecimal(fallback), BigDecimal.ZERO, BigDecimal.ONE);
        if (x == null) return null;
        if (x.scale() > 18) {
            problem(join(path, key), x.toPlainString(), "at most 18 decimals");
            return null;
        }
        if (positive && x.signum() == 0) {
            problem(join(path, key), x.toPlainString(), "must be above 0");
            return null;
        }
        return x.movePointRight(18).toBigIntegerExact();
    }

    private Duration duration(JsonNode node, String path, String key, Duration fallback) {
        JsonNode v = node == null ? null : node.get(key);
        if (v == null || v.isNull()) return fallback;
        Matcher m = DURATION.matcher(v.asText().trim());
        if (!m.matches()) {
            problem(join(path, key), v.asText(), "must be a duration like 250ms, 90s, 5m, 1h, 7d (a bare number is refused)");
            return fallback;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static long valueUnits(BigDecimal numeraire) {
        return numeraire.movePointRight(ValueUnits.DECIMALS).setScale(0, RoundingMode.DOWN).longValueExact();
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private void problem(String path, String value, String message) {
        problems.add(new ConfigProblem(path, value, "", message));
    }
}
