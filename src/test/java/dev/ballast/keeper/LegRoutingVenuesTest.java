package dev.ballast.keeper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.chain.AssetState;
import dev.ballast.chain.PoolState;
import dev.ballast.chain.PriceReading;
import dev.ballast.chain.VaultState;
import dev.ballast.chain.VenueQuoteReader;
import dev.ballast.policy.GasQuote;
import dev.ballast.policy.Leg;
import dev.ballast.policy.ValueUnits;
import dev.ballast.venue.Route;
import dev.ballast.venue.RoutingParams;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The keeper's routing over several venues: the Ballast pool modelled, two other venues quoted (here by constant
 * product pairs computed by hand, standing in for VenueQuoteLens). What it asks, what it picks, the legs it sends.
 */
class LegRoutingVenuesTest {
    private static final String USDC = "0x00000000000000000000000000000000000000c1";
    private static final String WETH = "0x00000000000000000000000000000000000000e1";
    private static final String POOL = "0x00000000000000000000000000000000000000b1";
    private static final String BALLAST = "0x00000000000000000000000000000000000000a1";
    private static final String DEEP = "0x00000000000000000000000000000000000000d1";
    private static final String SHALLOW = "0x00000000000000000000000000000000000000d2";
    private static final BigInteger E18 = BigInteger.TEN.pow(18);
    private static final BigInteger HALF = E18.divide(BigInteger.TWO);
    private static final ManagedVault VAULT = new ManagedVault("v", "0x00000000000000000000000000000000000000f1", BALLAST, POOL,
            List.of(DEEP, SHALLOW), 0, 0, 0, 0);
    private static final GasQuote GAS = new GasQuote(20_000_000_000L, 400_000, 150_000, ValueUnits.ofWhole(3000));
    private static final VaultState STATE = new VaultState(VAULT.address(), true, false, BigInteger.ZERO, null, BigInteger.ONE,
            null, List.of(asset(USDC, 6, E18), asset(WETH, 18, E18.multiply(BigInteger.valueOf(3000)))), Set.of(), BALLAST,
            List.of(), BigInteger.ZERO);

    private static AssetState asset(String address, int decimals, BigInteger price) {
        return new AssetState(address, decimals, BigInteger.ONE, BigInteger.ONE, HALF, new PriceReading(PriceReading.Status.OK, price),
                false, false);
    }

    /** The Ballast pool: $1M a side (333 WETH / 1M USDC), 0.3%. */
    private static PoolState pool() {
        PriceReading none = new PriceReading(PriceReading.Status.NOT_READ, null);
        return new PoolState(POOL, true, new BigInteger("3000000000000000"), 1, 0, List.of(
                new PoolState.PoolTokenState(USDC, BigInteger.valueOf(1_000_000).multiply(BigInteger.TEN.pow(6)), HALF, none, none),
                new PoolState.PoolTokenState(WETH, new BigInteger("333333333333333333333"), HALF, none, none)), Set.of());
    }

    /** Sell {@code weth} WETH for USDC. */
    private static Leg sell(long weth) {
        BigInteger amount = E18.multiply(BigInteger.valueOf(weth));
        return new Leg(1, WETH, 0, USDC, ValueUnits.ofWhole(3000 * weth), amount, ValueUnits.ofWhole(2970 * weth),
                BigInteger.valueOf(2970 * weth).multiply(BigInteger.TEN.pow(6)), 1, 1);
    }

    /** V2's getAmountOut (0.3%) on a WETH/USDC pair holding {@code usd} a side. */
    private static BigInteger v2Out(BigInteger in, long usd) {
        BigInteger rIn = E18.multiply(BigInteger.valueOf(usd / 3000));
        BigInteger rOut = BigInteger.valueOf(usd).multiply(BigInteger.TEN.pow(6));
        BigInteger inFee = in.multiply(BigInteger.valueOf(997));
        return inFee.multiply(rOut).divide(rIn.multiply(BigInteger.valueOf(1000)).add(inFee));
    }

    /** Quotes as the lens would give them: DEEP a $30M pair, SHALLOW a $3M pair; what it was asked is recorded. */
    private static final class FakeQuoter implements LegRouting.Quoter {
        final List<VenueQuoteReader.Request> asked = new ArrayList<>();
        long block;

        @Override
        public List<List<BigInteger>> quote(long at, List<VenueQuoteReader.Request> requests) {
            block = at;
            asked.addAll(requests);
            return requests.stream().map(r -> r.amountsIn().stream()
                    .map(a -> v2Out(a, r.venue().equals(DEEP) ? 30_000_000 : 3_000_000)).toList()).toList();
        }
    }

    @Test
    void everyLegIsQuotedOnEveryOtherVenueInOneReadAndTheBestVenueCarriesIt() {
        FakeQuoter quoter = new FakeQuoter();
        LegRouting routing = new LegRouting(new RoutingParams(0, 1, 400_000, 1), 150_000, quoter);
        routing.startRound(100, List.of(pool()));
        LegRouting.Routed r = routing.route(VAULT, STATE, List.of(sell(10), sell(2)), GAS);
        assertThat(quoter.block).isEqualTo(100);
        assertThat(quoter.asked).as("2 legs x 2 quoted venues, one call").hasSize(4);
        assertThat(quoter.asked.getFirst().amountsIn()).hasSize(LegRouting.LADDER).last().isEqualTo(E18.multiply(BigInteger.TEN));
        assertThat(r.venues()).as("single best venue, the deep pair, for both legs").containsExactly(DEEP, DEEP);
        assertThat(r.legs()).containsExactly(sell(10), sell(2));
        assertThat(r.routes().getFirst().orElseThrow().expectedOut()).isEqualTo(v2Out(E18.multiply(BigInteger.TEN), 30_000_000));
        assertThat(r.summary()).contains("single venue: " + DEEP + " (quoted)");
    }

    @Test
    void aSplitPaysWhenOneVenueAloneMovesTooFar_andBecomesOneVaultLegPerVenue() {
        FakeQuoter quoter = new FakeQuoter();
        LegRouting routing = new LegRouting(new RoutingParams(0, 1, 400_000, 3), 150_000, quoter);
        routing.startRound(100, List.of(pool()));
        Leg big = sell(400); // $1.2M: every venue alone pays a lot of impact
        LegRouting.Routed r = routing.route(VAULT, STATE, List.of(big), GAS);
        Route route = r.routes().getFirst().orElseThrow();
        assertThat(route.kind()).isEqualTo(Route.Kind.SPLIT);
        assertThat(r.legs()).hasSameSizeAs(route.fills()).hasSizeGreaterThan(1);
        assertThat(r.venues()).containsExactlyElementsOf(route.venues());
        assertThat(r.legs().stream().map(Leg::sellAmount).reduce(BigInteger.ZERO, BigInteger::add)).isEqualTo(big.sellAmount());
        assertThat(r.legs()).allSatisfy(l -> assertThat(l.sellAsset()).isEqualTo(WETH));
        BigInteger deepAlone = v2Out(big.sellAmount(), 30_000_000);
        assertThat(route.expectedOut()).as("the split beats the deepest venue alone").isGreaterThan(deepAlone);
        assertThat(r.legsThrough(BALLAST)).as("the Ballast venue's share is checked against its read prices")
                .hasSize(r.venues().stream().filter(BALLAST::equals).toList().size());
    }

    @Test
    void failingQuotesLeaveTheBallastVenueAndSaySo() {
        LegRouting routing = new LegRouting(new RoutingParams(0, 1, 400_000, 3), 150_000, (b, q) -> {
            throw new IllegalStateException("node refused the eth_call");
        });
        routing.startRound(100, List.of(pool()));
        LegRouting.Routed r = routing.route(VAULT, STATE, List.of(sell(10)), GAS);
        assertThat(r.venues()).containsExactly(BALLAST);
        assertThat(r.summary()).contains("quotes of 2 venues failed (node refused the eth_call); routed over the Ballast venue alone");
    }

    @Test
    void aVenueThatCannotTradeThePairIsLeftOut() {
        LegRouting routing = new LegRouting(new RoutingParams(0, 1, 400_000, 3), 150_000,
                (b, q) -> q.stream().map(r -> r.amountsIn().stream().map(a -> BigInteger.ZERO).toList()).toList());
        routing.startRound(100, List.of(pool()));
        LegRouting.Routed r = routing.route(VAULT, STATE, List.of(sell(10)), GAS);
        assertThat(r.venues()).containsExactly(BALLAST);
        assertThat(r.routes().getFirst().orElseThrow().kind()).isEqualTo(Route.Kind.SINGLE);
    }
}
