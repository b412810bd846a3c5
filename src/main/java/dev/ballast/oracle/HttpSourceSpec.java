package dev.ballast.oracle;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to read one off-chain price.
 *
 * @param asset     the asset priced
 * @param name      the source's name in logs and refusals (e.g. "coinbase")
 * @param url       GET endpoint answering JSON
 * @param path      where the number sits in the JSON (see {@link JsonPath})
 * @param inverse   the endpoint quotes the other way round (asset per numeraire): use 1 / value
 * @param decimals  the value is an integer scaled by 10^decimals (0 for a plain decimal string)
 * @param timeout   whole-call timeout (connect, send, wait, read)
 * @param timestampPath where the source's own time of the value sits in the JSON ({@link SourceTimestamp}); without
 *                  it the response time stands in, and the source's staleness cannot be judged
 */
public record HttpSourceSpec(String asset, String name, URI url, JsonPath path, boolean inverse, int decimals,
                             Duration timeout, Optional<JsonPath> timestampPath) {
    /** A source without a timestamp of its own. */
    public HttpSourceSpec(String asset, String name, URI url, JsonPath path, boolean inverse, int decimals,
            Duration timeout) {
        this(asset, name, url, path, inverse, decimals, timeout, Optional.empty());
    }

    public HttpSourceSpec {
        Objects.requireNonNull(timestampPath, "timestampPath");
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(timeout, "timeout");
        if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())) {
            throw new IllegalArgumentException("url must be http or https, was " + url.getScheme() + ":");
        }
        if (decimals < 0 || decimals > 36) {
            throw new IllegalArgumentException("decimals must be 0..36, was " + decimals);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
    }
}
