package dev.ballast.config;

import dev.ballast.oracle.AggregationRules;
import dev.ballast.oracle.HttpSourceSpec;
import dev.ballast.oracle.JsonPath;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Price sources and aggregation rules for one asset.
 *
 * @param asset            symbol used in logs (e.g. WETH)
 * @param address          the token contract, EIP-55 checksummed
 * @param onChain          whether the vault's on-chain router counts as one source
 * @param maxAge           quotes older than this are stale
 * @param quorum           healthy sources needed (on-chain counts as one)
 * @param maxDisagreement  largest (max - min) / min accepted among healthy prices
 * @param http             off-chain HTTP sources
 */
public record AssetPriceConfig(String asset, String address, boolean onChain, Duration maxAge, int quorum,
                               BigDecimal maxDisagreement, List<HttpSource> http) {
    public AssetPriceConfig {
        http = List.copyOf(http);
    }

    /** The aggregator's rules; the on-chain router's price is passed to it as one more quote when onChain. */
    public AggregationRules aggregationRules() {
        return new AggregationRules(maxAge, quorum, maxDisagreement);
    }

    /** One spec per HTTP source, ready for {@link dev.ballast.oracle.HttpPriceSource}. */
    public List<HttpSourceSpec> httpSpecs() {
        return http.stream().map(h -> new HttpSourceSpec(asset, h.name(), h.url(), JsonPath.parse(h.path()),
                h.inverse(), h.decimals(), h.timeout(), Optional.ofNullable(h.timestampPath())
                        .map(JsonPath::parse))).toList();
    }

    /** Number of sources, on-chain included. */
    public int sourceCount() {
        return http.size() + (onChain ? 1 : 0);
    }

    /**
     * @param path      where the number is in the JSON answer: data.amount, price, [0].price
     * @param inverse   the endpoint quotes asset per numeraire: use 1 / value
     * @param decimals  the value is an integer scaled by 10^decimals
     * @param timestampPath where the source's own time of the value is in the JSON answer, or null (none)
     */
    public record HttpSource(String name, URI url, String path, boolean inverse, int decimals, Duration timeout,
                             String timestampPath) {
        /** A source without a timestamp of its own. */
        public HttpSource(String name, URI url, String path, boolean inverse, int decimals, Duration timeout) {
            this(name, url, path, inverse, decimals, timeout, null);
        }
    }
}
