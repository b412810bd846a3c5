package dev.ballast.paper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.bench.PaperMarket;
import dev.ballast.policy.Leg;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * The vault's execution guards as the paper engine applies them (PaperGuards, on the venue's quote) against the real
 * vault on a fork of the same block (ForkVerifier): both must fill, or both must refuse with the same error. A single
 * leg on block N's pool is also the case where the quote must equal the real fill to the wei.
 */
class PaperGuardsForkTest {
    private static final BigInteger E18 = BigInteger.TEN.pow(18);
    private static PaperMarket market;
    private static Web3j web3j;

    @BeforeAll
    static void start() throws Exception {
        market = PaperMarket.start(11, 0.0, 600);
        web3j = Web3j.build(new HttpService(market.rpcUrl()));
        for (int i = 0; i < 4; i++) market.idle(); // the pool's TWAP window fills
    }

    @AfterAll
    static void stop() {
        if (web3j != null) web3j.shutdown();
        if (market != null) market.close();
    }

    @Test
    void aLegWithinTheGuardsFillsOnTheForkExactlyAsQuoted(@TempDir Path dir) throws Exception {
        Result r = run(dir, "0.02", "0.5", "5000");
        assertThat(r.paper().error()).isEmpty();
        assertThat(r.fork().status()).isEqualTo("MINED");
        assertThat(r.fork().amountsOut()).containsExactly(r.quote());
        assertThat(r.fork().gasUsed()).isGreaterThan(100_000);
    }

    @Test
    void aQuoteBelowTheMinOutIsRefusedAsTheVaultRevertsIt(@TempDir Path dir) throws Exception {
        Result r = run(dir, "0.001", "0.5", "5000"); // the pool's 0.3% fee alone is below a 0.1% min-out
        assertThat(r.paper().error()).contains("SlippageExceeded");
        // the vault hands its min-out to the venue, whose own check reverts first (the vault's is the backstop)
        assertThat(r.fork().status()).isIn("REVERTED AmountOutBelowMin", "REVERTED SlippageExceeded");
    }

    @Test
    void aLegAboveTheTradeCapIsRefusedAsTheVaultRevertsIt(@TempDir Path dir) throws Exception {
        Result r = run(dir, "0.02", "0.05", "6000"); // 6% of a $100,000 vault against a 5% cap
        assertThat(r.paper().error()).contains("TradeTooLarge");
        assertThat(r.fork().status()).isEqualTo("REVERTED TradeTooLarge");
    }

    private record Result(PaperGuards.Outcome paper, ForkCheck.Result fork, BigInteger quote) {}

    /** A $100,000 vault at 80/10/10 (targets 60/20/20) selling {@code usdc} USDC for WETH at the current block. */
    private Result run(Path dir, String maxSlippage, String maxTradeFraction, String usdc) throws Exception {
        PaperConfig base = market.config(dir.resolve("j.db"), 1, E18.divide(BigInteger.valueOf(20)));
        PaperConfig.Vault b = base.vaults().getFirst();
        PaperConfig.Policy p = b.policy();
        PaperConfig.Policy policy = new PaperConfig.Policy(p.mode(), p.band(), p.calendarInterval(), p.cooldown(), p.minTradeValue(),
                wad(maxSlippage), wad(maxTradeFraction), p.twapWindow(), p.maxSpotTwapDeviation(), p.maxOracleVenueDeviation(),
                p.gasBudget(), p.correctionBenefit());
        PaperConfig.Vault v = new PaperConfig.Vault("guards", b.priceRouter(), b.venue(), b.assets(),
                new PaperConfig.Start(null, List.of(new BigDecimal("80000"), new BigDecimal("3.3333"), new BigDecimal("0.16666"))), policy);
        PaperChain chain = new PaperChain(web3j);
        long block = market.head();
        MarketRead read = chain.read(block, List.of(v));
        List<Integer> decimals = List.of(6, 18, 8);
        List<BigInteger> balances = VirtualVault.startingBalances(v, decimals, read).orElseThrow();
        List<BigInteger> prices = v.assets().stream().map(a -> read.routerPrice(v.priceRouter(), a.token()).price().orElseThrow()).toList();
        BigInteger amountIn = new BigDecimal(usdc).movePointRight(6).toBigIntegerExact();
        Leg leg = new Leg(0, v.assets().get(0).token(), 1, v.assets().get(1).token(), 1, amountIn, 0, BigInteger.ZERO, 1, 1);
        BigInteger quote = chain.quote(block, List.of(new PaperChain.QuoteRequest(v.venue(), leg.sellAsset(), leg.buyAsset(), amountIn)))
                .getFirst();
        PaperGuards.Outcome paper = PaperGuards.apply(new PaperGuards.Book(balances, prices, decimals,
                v.assets().stream().map(PaperConfig.PaperAsset::target).toList()), List.of(leg), List.of(0), List.of(1), List.of(quote),
                policy.maxSlippage(), policy.maxTradeFraction());
        ForkCheck.Result fork = new ForkVerifier(market.rpcUrl()).replay(block, v, balances, List.of(leg));
        return new Result(paper, fork, quote);
    }

    private static BigInteger wad(String fraction) {
        return new BigDecimal(fraction).movePointRight(18).toBigIntegerExact();
    }
}
