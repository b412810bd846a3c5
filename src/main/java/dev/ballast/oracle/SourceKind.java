package dev.ballast.oracle;

/**
 * What a price source rests on, as the contracts' {@code IPriceSource.Kind}: a reported FEED (a Chainlink-style feed,
 * an HTTP API, the router's own checked price) that no trade inside a block can move, or an on-chain pool TWAP, which
 * anyone can push at a cost and which must therefore never price an asset alone.
 */
public enum SourceKind {
    FEED,
    TWAP
}
