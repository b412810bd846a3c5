package dev.ballast.oracle;

import java.util.Objects;

/**
 * One configured price source, as the router sees it at configuration.
 *
 * @param name        the name its readings carry ({@link PriceReading#source()})
 * @param kind        a reported feed or a manipulable TWAP
 * @param underlying  the data its price rests on (a feed, a pool, a URL): two sources with the same underlying are one
 *                    opinion counted twice
 */
public record SourceSpec(String name, SourceKind kind, String underlying) {
    public SourceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(underlying, "underlying");
    }

    /** A reported feed that is its own underlying (an HTTP source, the router's price). */
    public static SourceSpec feed(String name) {
        return new SourceSpec(name, SourceKind.FEED, name);
    }
}
