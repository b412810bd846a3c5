package dev.ballast.deploy.plan;

import dev.ballast.config.SignerConfig;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * A validated deployment description (see deployment.example.yaml). Items refer to each other by name; fractions are
 * already 18-decimal fixed point, durations seconds.
 */
public record DeploymentSpec(
        long chainId,
        SignerConfig signer,
        Optional<String> owner,
        String guardian,
        int confirmations,
        Optional<String> factory,
        List<Token> tokens,
        List<Feed> feeds,
        List<Pool> pools,
        List<Router> routers,
        List<Vault> vaults,
        List<Venue> venues) {

    /** The chain id of Anvil / Hardhat: the only chain where mock tokens and feeds are accepted. */
    public static final long DEV_CHAIN_ID = 31337;

    public boolean devChain() {
        return chainId == DEV_CHAIN_ID;
    }

    /** An ERC-20: an existing one at {@code address}, or (dev chains) a fresh open-mint mock. */
    public record Token(String name, Optional<String> address, Optional<MockToken> mock) {}

    public record MockToken(String symbol, int decimals) {}

    /** A Chainlink-style feed pricing {@code asset}, wrapped by a ChainlinkAdapter. */
    public record Feed(String name, String asset, Optional<String> address, Optional<MockFeed> mock, long heartbeat,
            Optional<String> sequencerFeed, long gracePeriod) {}

    /** A settable mock aggregator with its first answer (in USD). */
    public record MockFeed(int decimals, BigDecimal answer) {}

    /** A weighted pool created through the factory; {@code seed} is its first join, in whole tokens (may be empty). */
    public record Pool(String name, String lpName, String lpSymbol, List<String> tokens, List<BigInteger> weights,
            BigInteger swapFee, List<BigDecimal> seed, int observationCardinality) {}

    public record Router(String name, List<AssetSources> assets) {}

    public record AssetSources(String token, List<Source> sources, int quorum, BigInteger maxDeviation) {}

    public sealed interface Source {}

    /** The ChainlinkAdapter of feed {@code feed}. */
    public record ChainlinkSource(String feed) implements Source {}

    /** The pool's TWAP of the token against pool token 0, times {@code quoteFeed}'s price of token 0 (if given). */
    public record TwapSource(String pool, long window, Optional<String> quoteFeed) implements Source {}

    /**
     * UniswapV3TwapSource over the pool of univ3 venue {@code venue}: the token's TWAP against the pool's other token,
     * times {@code quoteFeed}'s price of that token (none when the other token is the numeraire).
     */
    public record UniswapV3TwapSource(String venue, long window, Optional<String> quoteFeed) implements Source {}

    /**
     * A vault. {@code venuePool}: the Ballast pool whose WeightedPoolVenue it trades on (null when it trades only on
     * {@code venues}); {@code venues}: names of {@link Venue} entries it allow-lists too; {@code depositCap}: the cap
     * on its share supply (18 decimals) set in its first timelock round, null for none.
     */
    public record Vault(String name, String shareName, String shareSymbol, String router, List<String> assets,
            List<BigInteger> weights, Params params, String venuePool, long timelockDelay, List<String> keepers,
            List<String> venues, BigInteger depositCap) {}

    /** A venue adapter (IVenue) to deploy, named so vaults can allow-list it. */
    public record Venue(String name, VenueTarget target) {}

    /** What a venue adapter trades through; addresses of existing protocol contracts are checksummed. */
    public sealed interface VenueTarget {}

    /** The WeightedPoolVenue of a Ballast pool of this file. */
    public record BallastPool(String pool) implements VenueTarget {}

    /** UniswapV2Venue(pair): an existing Uniswap V2 pair. */
    public record UniswapV2Pair(String pair) implements VenueTarget {}

    /** UniswapV3Venue(pool): an existing Uniswap V3 pool. */
    public record UniswapV3Pool(String pool) implements VenueTarget {}

    /** BalancerV2Venue(vault, poolId): an existing Balancer V2 weighted pool; {@code poolId} 0x + 64 hex digits. */
    public record BalancerPool(String vault, String poolId) implements VenueTarget {}

    /** MultiHopVenue(first, second, mid): sells on venue {@code first} for token {@code mid}, then on {@code second}. */
    public record MultiHop(String first, String second, String mid) implements VenueTarget {}

    /** The vault's guard parameters (IRebalancingVault.Params), fractions as 18-decimal fixed point. */
    public record Params(BigInteger band, int mode, long interval, long cooldown, BigInteger maxSlippage,
            BigInteger maxTradeFraction, long twapWindow, BigInteger maxSpotTwapDeviation,
            BigInteger maxOracleVenueDeviation, BigInteger singleAssetFee) {}
}
