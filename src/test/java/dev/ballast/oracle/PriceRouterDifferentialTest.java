package dev.ballast.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import dev.ballast.contracts.MockPriceSource;
import dev.ballast.contracts.PriceRouter;
import dev.ballast.deploy.DevGas;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.utils.Numeric;

/**
 * One rule, two places: the same generated cases go through the Solidity PriceRouter on Anvil (setSources, then
 * getPrice) and through {@link PriceAggregator}, and the verdicts must be identical: the same configuration error, the
 * same refusal, or the same price to the wei. Cases cover TWAPs beside feeds, shared underlyings, quorums from 1 to
 * above the source count, failing sources and spreads around the bound.
 */
@ExtendWith(AnvilExtension.class)
class PriceRouterDifferentialTest {
    static final int CASES = 200;
    static final String ASSET = "0x000000000000000000000000000000000000a55e";
    static final BigDecimal[] BOUNDS = {new BigDecimal("0.01"), new BigDecimal("0.02"), new BigDecimal("0.05")};
    static final Map<String, String> ERRORS = Map.of(
            selector("QuorumOutOfRange(address,uint256,uint256)"), "config QUORUM_OUT_OF_RANGE",
            selector("DuplicateUnderlying(address,address)"), "config DUPLICATE_UNDERLYING",
            selector("QuorumTooLowForTwap(address,uint256,uint256)"), "config QUORUM_TOO_LOW_FOR_TWAP",
            selector("QuorumNotMet(address,uint256,uint256)"), "refused QUORUM_NOT_MET",
            selector("SourcesDisagree(address,uint256,uint256,uint256)"), "refused SOURCES_DISAGREE");

    record Source(BigInteger price, boolean down, SourceKind kind, int underlying) {}

    record Case(List<Source> sources, int quorum, BigDecimal bound) {}

    @Test
    void routerAndAggregatorGiveTheSameVerdictOnEveryCase(AnvilChain chain) throws Exception {
        String owner = chain.account(0).getAddress();
        PriceRouter router = PriceRouter.deploy(chain.web3j(), chain.txManager(0), DevGas.provider(31337), owner).send();
        List<MockPriceSource> mocks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            mocks.add(MockPriceSource.deploy(chain.web3j(), chain.txManager(0), DevGas.provider(31337), ASSET).send());
        }
        Map<String, Integer> verdicts = new TreeMap<>();
        Random rnd = new Random(0xD1FFL);
        for (int k = 0; k < CASES; k++) {
            Case c = generated(rnd);
            String onChain = onChain(chain, router, mocks, c);
            String offChain = offChain(mocks, c);
            assertThat(offChain).as("case %d: %s", k, c).isEqualTo(onChain);
            verdicts.merge(onChain.startsWith("price") ? "price" : onChain, 1, Integer::sum);
        }
        // every verdict the rules can give was reached, so the agreement is not vacuous
        assertThat(verdicts.getOrDefault("price", 0)).isGreaterThanOrEqualTo(30);
        assertThat(verdicts).containsKeys("price", "config QUORUM_OUT_OF_RANGE", "config DUPLICATE_UNDERLYING",
                "config QUORUM_TOO_LOW_FOR_TWAP", "refused QUORUM_NOT_MET", "refused SOURCES_DISAGREE");
        System.out.println("differential verdicts over " + CASES + " cases: " + verdicts);
    }

    private static Case generated(Random rnd) {
        int n = rnd.nextInt(2, 5);
        BigInteger center = BigInteger.valueOf(rnd.nextLong(1, 5000)).multiply(Wad.ONE);
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // within +-4% of the center plus wei noise: around every bound
            BigInteger price = center.add(center.multiply(BigInteger.valueOf(rnd.nextLong(-40_000, 40_001)))
                    .divide(BigInteger.valueOf(1_000_000))).add(BigInteger.valueOf(rnd.nextLong(0, 1000)));
            SourceKind kind = rnd.nextInt(3) == 0 ? SourceKind.TWAP : SourceKind.FEED;
            // now and then a source reads a feed an earlier one reads
            int underlying = i > 0 && rnd.nextInt(8) == 0 ? rnd.nextInt(i) : i;
            sources.add(new Source(price, rnd.nextInt(5) == 0, kind, underlying));
        }
        int quorum = rnd.nextInt(8) == 0 ? n + 1 : rnd.nextInt(1, n + 1);
        return new Case(sources, quorum, BOUNDS[rnd.nextInt(BOUNDS.length)]);
    }

    /** The router's verdict: its setSources error, its getPrice error, or "price <wad>". */
    private static String onChain(AnvilChain chain, PriceRouter router, List<MockPriceSource> mocks, Case c) throws Exception {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < c.sources().size(); i++) {
            Source s = c.sources().get(i);
            mocks.get(i).set(s.price(), s.down(), BigInteger.valueOf(s.kind().ordinal()),
                    mocks.get(s.underlying()).getContractAddress()).send();
            addresses.add(mocks.get(i).getContractAddress());
        }
        BigInteger bound = Wad.fromDecimalDown(c.bound());
        String configure = router.setSources(ASSET, addresses, BigInteger.valueOf(c.quorum()), bound).encodeFunctionCall();
        EthCall dry = call(chain, router.getContractAddress(), configure);
        if (dry.isReverted()) return verdict(dry);
        router.setSources(ASSET, addresses, BigInteger.valueOf(c.quorum()), bound).send();
        EthCall price = call(chain, router.getContractAddress(), router.getPrice(ASSET).encodeFunctionCall());
        return price.isReverted() ? verdict(price) : "price " + Numeric.toBigInt(price.getValue());
    }

    /** The aggregator's verdict on the same case, named as the router would name it. */
    private static String offChain(List<MockPriceSource> mocks, Case c) {
        List<SourceSpec> specs = new ArrayList<>();
        List<PriceReading> readings = new ArrayList<>();
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        for (int i = 0; i < c.sources().size(); i++) {
            Source s = c.sources().get(i);
            String name = "s" + i;
            specs.add(new SourceSpec(name, s.kind(), mocks.get(s.underlying()).getContractAddress()));
            readings.add(s.down() ? new PriceFailure(ASSET, name, PriceFailure.Problem.HTTP_STATUS, "down")
                    : new PriceQuote(ASSET, name, Wad.toDecimal(s.price()), now));
        }
        PriceAggregator aggregator;
        try {
            aggregator = new PriceAggregator(new AggregationRules(Duration.ofMinutes(10), c.quorum(), c.bound()), specs);
        } catch (InvalidSourcesException e) {
            return "config " + e.rule();
        }
        return switch (aggregator.aggregate(ASSET, readings, now)) {
            case Aggregation.Price p -> "price " + p.priceWad();
            case Aggregation.Refusal r -> "refused " + r.reason();
        };
    }

    private static EthCall call(AnvilChain chain, String to, String data) throws Exception {
        return chain.web3j().ethCall(Transaction.createEthCallTransaction(chain.account(0).getAddress(), to, data),
                DefaultBlockParameterName.LATEST).send();
    }

    private static String verdict(EthCall reverted) {
        String data = reverted.getError() == null ? reverted.getRevertReason() : String.valueOf(reverted.getError().getData());
        if (data != null) data = data.replace("\"", "");
        String sel = data == null || data.length() < 10 ? "none" : data.substring(0, 10).toLowerCase();
        return ERRORS.getOrDefault(sel, "unexpected revert " + data);
    }

    private static String selector(String signature) {
        return Hash.sha3String(signature).substring(0, 10);
    }
}
