package dev.ballast.config;

import dev.ballast.oracle.JsonPath;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads {@code prices:}, the per-asset sources and aggregation rules. */
final class PriceSection {
    static final Set<String> ASSET_KEYS = Set.of("asset", "address", "onChain", "maxAge", "quorum",
            "maxDisagreement", "http");
    static final Set<String> HTTP_KEYS = Set.of("name", "url", "path", "inverse", "decimals", "timeout",
            "timestampPath");

    private PriceSection() {
    }

    static List<AssetPriceConfig> read(Section root, ConfigReader reader) {
        List<AssetPriceConfig> assets = new ArrayList<>();
        Map<String, String> seenSymbols = new HashMap<>();
        Map<String, String> seenAddresses = new HashMap<>();
        List<YamlTree.Node> nodes = root.list("prices", 0, 64);
        for (int i = 0; i < nodes.size(); i++) {
            Section s = Section.of(reader, "prices[" + i + "]", nodes.get(i), ASSET_KEYS);
            AssetPriceConfig a = asset(s, reader);
            unique(reader, seenSymbols, a.asset(), s.path("asset"), "asset");
            unique(reader, seenAddresses, a.address(), s.path("address"), "address");
            assets.add(a);
        }
        return assets;
    }

    private static AssetPriceConfig asset(Section s, ConfigReader reader) {
        String symbol = s.required("asset", Values.name());
        String address = s.required("address", Values.address());
        boolean onChain = Boolean.TRUE.equals(s.optional("onChain", Values.bool(), true));
        Duration maxAge = s.optional("maxAge", Values.duration(Duration.ofSeconds(1), Duration.ofDays(2)),
                Duration.ofMinutes(10));
        Long quorum = s.optional("quorum", Values.integer(1, 9), 2L);
        BigDecimal maxDisagreement = s.optional("maxDisagreement", Values.decimal("0", true, "0.5", false, "0.02"),
                new BigDecimal("0.02"));
        List<AssetPriceConfig.HttpSource> http = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<String, String> urls = new HashMap<>();
        List<YamlTree.Node> nodes = s.list("http", 0, 8);
        for (int j = 0; j < nodes.size(); j++) {
            Section h = Section.of(reader, s.path("http") + "[" + j + "]", nodes.get(j), HTTP_KEYS);
            AssetPriceConfig.HttpSource src = httpSource(h);
            unique(reader, names, src.name(), h.path("name"), "source name");
            // one endpoint twice is one opinion counted twice (the router's DuplicateUnderlying rule)
            unique(reader, urls, src.url() == null ? null : src.url().toString(), h.path("url"), "source URL");
            http.add(src);
        }
        AssetPriceConfig a = new AssetPriceConfig(symbol, address, onChain, maxAge, quorum == null ? 0 : quorum.intValue(),
                maxDisagreement, http);
        if (a.sourceCount() == 0) {
            reader.problem(s.path(), null, "line " + s.line("asset"), "has no price source: set onChain: true or"
                    + " add http sources");
        } else if (quorum != null && quorum > a.sourceCount()) {
            reader.problem(s.path("quorum"), quorum.toString(), "", "exceeds the " + a.sourceCount()
                    + " configured source(s) (on-chain counts as one): the price could never be trusted");
        }
        return a;
    }

    private static AssetPriceConfig.HttpSource httpSource(Section h) {
        String name = h.required("name", Values.name());
        URI url = h.required("url", Values.url("http", "https"));
        String path = h.required("path", text -> {
            JsonPath.parse(text);
            return text;
        });
        boolean inverse = Boolean.TRUE.equals(h.optional("inverse", Values.bool(), false));
        Long decimals = h.optional("decimals", Values.integer(0, 36), 0L);
        Duration timeout = h.optional("timeout", Values.duration(Duration.ofMillis(100), Duration.ofSeconds(60)),
                Duration.ofSeconds(3));
        String timestampPath = h.optional("timestampPath", text -> {
            JsonPath.parse(text);
            return text;
        }, null);
        return new AssetPriceConfig.HttpSource(name, url, path, inverse, decimals == null ? 0 : decimals.intValue(),
                timeout, timestampPath);
    }

    static void unique(ConfigReader reader, Map<String, String> seen, String value, String path, String what) {
        if (value == null) {
            return;
        }
        String first = seen.putIfAbsent(value.toLowerCase(Locale.ROOT), path);
        if (first != null) {
            reader.problem(path, "\"" + value + "\"", "", "duplicate " + what + " (also at " + first + ")");
        }
    }
}
