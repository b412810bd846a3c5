package dev.ballast.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import dev.ballast.deploy.DevPool.DevToken;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.protocol.core.methods.response.EthSendTransaction;

/**
 * {@link Arbitrageur#plan}: every swap planned at once and mined in one block (as the scale bench's shock does) lands
 * the pool on the prices asked. Each swap trades against token 0, so a plan that priced each token on the balances
 * before any swap would leave the later tokens off by the first swap's move of token 0 (~25% here).
 */
@ExtendWith(AnvilExtension.class)
class ArbitrageurPlanAnvilTest {
    static final BigInteger QUARTER = BigInteger.TEN.pow(18).divide(BigInteger.valueOf(4));
    static final List<DevToken> TOKENS = List.of(
            new DevToken("USDC", 6, "3000000", QUARTER),
            new DevToken("WETH", 18, "1000", QUARTER),
            new DevToken("WBTC", 8, "50", QUARTER),
            new DevToken("LINK", 18, "200000", QUARTER));
    static final BigInteger FEE = BigInteger.valueOf(3_000_000_000_000_000L); // 0.3%

    private final AnvilChain chain;

    ArbitrageurPlanAnvilTest(AnvilChain chain) {
        this.chain = chain;
    }

    @Test
    void aPlanSentInOneBlockLandsEveryTokenOnItsPrice() throws Exception {
        String me = chain.account(0).getAddress();
        DevPool dev = DevPool.deploy(chain.web3j(), chain.txManager(0), DevGas.provider(31337), me, TOKENS, FEE, 10);
        // WETH 3,000 -> 4,800 (+60%), WBTC 60,000 -> 48,000 (-20%), LINK unchanged at 15
        List<BigDecimal> target = List.of(BigDecimal.ONE, new BigDecimal("4800"), new BigDecimal("48000"), new BigDecimal("15"));
        List<Arbitrageur.Swap> swaps = new Arbitrageur(dev, me).plan(target);
        assertThat(swaps).as("WETH and WBTC moved; LINK's price in USDC moves with USDC's balance").hasSizeGreaterThanOrEqualTo(2);

        chain.rpc().setAutomine(false);
        try {
            for (Arbitrageur.Swap swap : swaps) {
                EthSendTransaction sent = chain.txManager(0).sendTransaction(BigInteger.valueOf(10_000_000_000L),
                        BigInteger.valueOf(1_000_000), dev.pool().getContractAddress(), swap.call().encodeFunctionCall(),
                        BigInteger.ZERO);
                assertThat(sent.hasError()).as("%s sent", swap.description()).isFalse();
            }
            chain.rpc().mine(1);
        } finally {
            chain.rpc().setAutomine(true);
        }
        for (int i = 1; i < TOKENS.size(); i++) {
            BigDecimal spot = TokenAmounts.fromWad(dev.pool().getSpotPrice(dev.address(i), dev.address(0)).send());
            BigDecimal off = spot.divide(target.get(i), MathContext.DECIMAL64).subtract(BigDecimal.ONE).abs();
            // within the swap fee the bot ignores, plus its 0.1% tolerance
            assertThat(off).as("%s: pool %s vs %s", TOKENS.get(i).symbol(), spot, target.get(i))
                    .isLessThan(new BigDecimal("0.005"));
        }
    }
}
