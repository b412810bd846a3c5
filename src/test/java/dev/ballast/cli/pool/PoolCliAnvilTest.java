package dev.ballast.cli.pool;

import dev.ballast.cli.CliRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import dev.ballast.cli.BallastCli;
import dev.ballast.contracts.MockERC20;
import dev.ballast.contracts.WeightedPool;
import dev.ballast.deploy.DevGas;
import dev.ballast.deploy.DevPool.DevToken;
import dev.ballast.deploy.DevPool;
import dev.ballast.deploy.TokenAmounts;
import dev.ballast.lp.ImpermanentLoss;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.utils.Numeric;

/** The {@code ballast pool} commands on Anvil through {@link BallastCli#execute}, stdout and stderr captured. */
@ExtendWith(AnvilExtension.class)
class PoolCliAnvilTest {
    static final BigInteger E16 = BigInteger.TEN.pow(16);
    static final List<DevToken> TOKENS = List.of(
            new DevToken("USDC", 6, "400000", E16.multiply(BigInteger.valueOf(50))),
            new DevToken("WETH", 18, "100", E16.multiply(BigInteger.valueOf(50))));
    static final BigInteger FEE = BigInteger.valueOf(3_000_000_000_000_000L); // 0.3%


    private final AnvilChain chain;
    private DevPool dev;
    private WeightedPool pool;
    private String me;

    PoolCliAnvilTest(AnvilChain chain) {
        this.chain = chain;
    }

    @BeforeEach
    void deploy() throws Exception {
        me = chain.account(0).getAddress();
        dev = DevPool.deploy(chain.web3j(), chain.txManager(0), DevGas.provider(31337), me, TOKENS, FEE, 10);
        pool = dev.pool();
        signAs(0, null);
    }

    @AfterEach
    void resetTerminal() {
        Terminal.reset();
    }

    private void signAs(int account, String answers) {
        Credentials c = chain.account(account);
        String key = Numeric.toHexStringNoPrefixZeroPadded(c.getEcKeyPair().getPrivateKey(), 64);
        Terminal.use(Map.of("BALLAST_PRIVATE_KEY", key), answers);
    }

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--rpc", chain.rpcUrl()));
        return CliRun.run(all.toArray(String[]::new));
    }

    private String poolAddress() {
        return pool.getContractAddress();
    }

    private BigInteger balance(int token, String who) throws Exception {
        return dev.tokens().get(token).balanceOf(who).send();
    }

    @Test
    void quotePrintsThePoolAndASwapAsThePoolQuotesIt() throws Exception {
        CliRun r = run("pool", "quote", "--pool", poolAddress(), "--in", "usdc", "--out", "WETH", "--amount-in", "1000");
        assertThat(r.exit()).as(r.err()).isZero();
        BigInteger out = pool.querySwapExactIn(dev.address(0), dev.address(1), BigInteger.valueOf(1_000_000_000L)).send();
        assertThat(r.out()).contains("weight 50%").contains("balance 400000 USDC").contains("balance 100 WETH")
                .contains("price 4000 USDC (4012.036108")
                .contains("swap pays 1000 USDC, receives " + Amounts.format(out, 18, false) + " WETH");
        CliRun join = run("pool", "quote", "--pool", poolAddress(), "--join-lp", "1", "--exit-lp", "1", "--exit-single", dev.address(1));
        List<BigInteger> in = (List<BigInteger>) pool.queryJoin(BigInteger.TEN.pow(18)).send();
        assertThat(join.out()).contains("join 1 LP pays " + Amounts.format(in.get(0), 6, false) + " USDC, "
                + Amounts.format(in.get(1), 18, false) + " WETH");
        BigInteger single = pool.queryExitSingle(dev.address(1), BigInteger.TEN.pow(18)).send();
        assertThat(join.out()).contains("exit 1 LP to WETH sends " + Amounts.format(single, 18, false) + " WETH");
    }

    @Test
    void swapExactInAndExactOutMoveTheBalancesAsQuoted() throws Exception {
        BigInteger quoted = pool.querySwapExactIn(dev.address(0), dev.address(1), BigInteger.valueOf(2_500_000_000L)).send();
        BigInteger wethBefore = balance(1, me);
        CliRun r = run("pool", "swap", "--pool", poolAddress(), "--in", "USDC", "--out", "WETH", "--amount-in", "2500",
                "--slippage", "1", "--yes");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("pay 2500 USDC").contains("(at least " + Amounts.format(Amounts.minusSlippage(quoted, 100), 18, false))
                .contains("recipient " + me).contains("swapped: paid 2500 USDC, received " + Amounts.format(quoted, 18, false) + " WETH");
        assertThat(balance(1, me).subtract(wethBefore)).isEqualTo(quoted);

        BigInteger out = new BigInteger("500000000000000000"); // 0.5 WETH
        BigInteger in = pool.querySwapExactOut(dev.address(0), dev.address(1), out).send();
        BigInteger usdcBefore = balance(0, me);
        CliRun exactOut = run("pool", "swap", "--pool", poolAddress(), "--in", dev.address(0), "--out", "weth",
                "--amount-out", "0.5", "--yes");
        assertThat(exactOut.exit()).as(exactOut.err()).isZero();
        assertThat(exactOut.out()).contains("at most " + Amounts.format(Amounts.plusSlippage(in, 50), 6, false) + " USDC");
        assertThat(usdcBefore.subtract(balance(0, me))).isEqualTo(in);
    }

    @Test
    void joinAndExitEveryWay() throws Exception {
        BigInteger lpBefore = pool.balanceOf(me).send();
        CliRun byLp = run("pool", "join", "--pool", poolAddress(), "--lp", "10", "--yes");
        assertThat(byLp.exit()).as(byLp.err()).isZero();
        assertThat(byLp.out()).contains("mint 10 LP").contains("joined: paid");
        assertThat(pool.balanceOf(me).send().subtract(lpBefore)).isEqualTo(BigInteger.TEN.pow(19));

        // 4000 USDC and 2 WETH: USDC is the scarce one (1% of the pool), so about 1 WETH is taken
        BigInteger wethBefore = balance(1, me);
        CliRun byAmounts = run("pool", "join", "--pool", poolAddress(), "--amounts", "USDC=4000,WETH=2", "--yes");
        assertThat(byAmounts.exit()).as(byAmounts.err()).isZero();
        BigInteger wethPaid = wethBefore.subtract(balance(1, me));
        assertThat(wethPaid).isBetween(new BigInteger("999990000000000000"), new BigInteger("1000000000000000000"));

        BigInteger quotedLp = pool.queryJoinSingle(dev.address(1), BigInteger.TEN.pow(18)).send();
        lpBefore = pool.balanceOf(me).send();
        CliRun single = run("pool", "join", "--pool", poolAddress(), "--single", "WETH", "1", "--yes");
        assertThat(single.exit()).as(single.err()).isZero();
        assertThat(pool.balanceOf(me).send().subtract(lpBefore)).isEqualTo(quotedLp);

        BigInteger quotedUsdc = pool.queryExitSingle(dev.address(0), quotedLp).send();
        BigInteger usdcBefore = balance(0, me);
        CliRun exitSingle = run("pool", "exit", "--pool", poolAddress(), "--lp", Amounts.format(quotedLp, 18, false),
                "--single", "USDC", "--yes");
        assertThat(exitSingle.exit()).as(exitSingle.err()).isZero();
        assertThat(balance(0, me).subtract(usdcBefore)).isEqualTo(quotedUsdc);

        CliRun all = run("pool", "exit", "--pool", poolAddress(), "--all", "--yes");
        assertThat(all.exit()).as(all.err()).isZero();
        assertThat(all.out()).contains("exited: burnt");
        assertThat(pool.balanceOf(me).send()).isZero();
    }

    @Test
    void createDeploysThroughTheFactory() throws Exception {
        CliRun r = run("pool", "create", "--factory", dev.factory().getContractAddress(), "--tokens",
                dev.address(1) + "," + dev.address(0), "--weights", "0.8,0.2", "--fee", "0.25", "--yes");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("token 0: WETH").contains("weight 0.8").contains("swap fee 0.25%");
        String created = r.out().lines().filter(l -> l.startsWith("pool: ")).findFirst().orElseThrow().substring(6);
        WeightedPool p = WeightedPool.load(created, chain.web3j(), chain.txManager(0), DevGas.provider(31337));
        assertThat(p.swapFee().send()).isEqualTo(new BigInteger("2500000000000000"));
        assertThat(((List<?>) p.getTokens().send()).getFirst().toString()).isEqualToIgnoringCase(dev.address(1));
        assertThat(dev.factory().isPool(created).send()).isTrue();

        CliRun badWeights = run("pool", "create", "--factory", dev.factory().getContractAddress(), "--tokens",
                dev.address(1) + "," + dev.address(0), "--weights", "0.8,0.3", "--fee", "0.25", "--yes");
        assertThat(badWeights.exit()).isEqualTo(2);
        assertThat(badWeights.err()).contains("--weights").contains("sum to 1.1");
    }

    @Test
    void badAmountsAreRefusedNamingTheField() {
        String[][] cases = {
                {"abc", "--amount-in: 'abc' is not a number"},
                {"-5", "--amount-in: -5 USDC must be greater than zero"},
                {"0", "--amount-in: 0 USDC must be greater than zero"},
                {"1.1234567", "--amount-in: 1.1234567 has more decimal places than USDC has (6)"}};
        for (String[] c : cases) {
            CliRun r = run("pool", "swap", "--pool", poolAddress(), "--in", "USDC", "--out", "WETH", "--amount-in", c[0], "--yes");
            assertThat(r.exit()).as(c[0]).isEqualTo(2);
            assertThat(r.err()).as(c[0]).contains(c[1]);
        }
        CliRun lp = run("pool", "join", "--pool", poolAddress(), "--lp", "0.0000000000000000001", "--yes");
        assertThat(lp.exit()).isEqualTo(2);
        assertThat(lp.err()).contains("--lp: 0.0000000000000000001 has more decimal places than LP has (18)");
        CliRun raw = run("pool", "swap", "--pool", poolAddress(), "--in", "USDC", "--out", "WETH", "--amount-in", "1.5", "--raw", "--yes");
        assertThat(raw.exit()).isEqualTo(2);
        assertThat(raw.err()).contains("not a whole number of raw units");
    }

    @Test
    void unknownTokensAndBadPoolsAreRefused() {
        CliRun token = run("pool", "swap", "--pool", poolAddress(), "--in", "DAI", "--out", "WETH", "--amount-in", "1", "--yes");
        assertThat(token.exit()).isEqualTo(2);
        assertThat(token.err()).contains("--in: unknown token 'DAI'; this pool holds USDC (").contains("WETH (");
        CliRun noCode = run("pool", "quote", "--pool", "0x000000000000000000000000000000000000bEEF");
        assertThat(noCode.exit()).isEqualTo(2);
        assertThat(noCode.err()).contains("--pool: no contract at 0x000000000000000000000000000000000000bEEF on chain 31337");
        CliRun notAddress = run("pool", "quote", "--pool", "0x1234");
        assertThat(notAddress.exit()).isEqualTo(2);
        assertThat(notAddress.err()).contains("--pool: '0x1234' is not an address");
        CliRun notPool = run("pool", "quote", "--pool", dev.address(0));
        assertThat(notPool.exit()).isEqualTo(2);
        assertThat(notPool.err()).contains("not a Ballast weighted pool");
        CliRun wrongChain = run("pool", "quote", "--pool", poolAddress(), "--chain-id", "1");
        assertThat(wrongChain.exit()).isEqualTo(2);
        assertThat(wrongChain.err()).contains("--chain-id: expected chain 1 but the node at");
    }

    @Test
    void insufficientBalanceAndAllowanceAreCaughtBeforeSending() throws Exception {
        String other = chain.account(1).getAddress();
        signAs(1, null);
        CliRun broke = run("pool", "swap", "--pool", poolAddress(), "--in", "USDC", "--out", "WETH", "--amount-in", "100", "--yes");
        assertThat(broke.exit()).isEqualTo(2);
        assertThat(broke.err()).contains("insufficient USDC balance: " + other + " holds 0 USDC, this needs up to 100 USDC");

        MockERC20 usdc = dev.tokens().getFirst();
        usdc.mint(other, BigInteger.valueOf(150_000_000L)).send();
        long nonce = chain.web3j().ethGetTransactionCount(other, DefaultBlockParameterName.LATEST).send().getTransactionCount().longValue();
        CliRun noAllowance = run("pool", "swap", "--pool", poolAddress(), "--in", "USDC", "--out", "WETH", "--amount-in", "100", "--yes");
        assertThat(noAllowance.exit()).isEqualTo(2);
        assertThat(noAllowance.err()).contains("insufficient USDC allowance: the pool may take 0 USDC from " + other
                + ", this needs up to 100 USDC; approve it, or re-run with --approve");
        CliRun lp = run("pool", "exit", "--pool", poolAddress(), "--lp", "1", "--yes");
        assertThat(lp.exit()).isEqualTo(2);
        assertThat(lp.err()).contains("insufficient LP balance: " + other + " holds 0 LP, the exit needs 1 LP");
        assertThat(chain.web3j().ethGetTransactionCount(other, DefaultBlockParameterName.LATEST).send().getTransactionCount().longValue())
                .as("nothing was sent").isEqualTo(nonce);

        CliRun approved = run("pool", "swap", "--pool", poolAddress(), "--in", "USDC", "--out", "WETH", "--amount-in", "100",
                "--approve", "--yes");
        assertThat(approved.exit()).as(approved.err()).isZero();
        assertThat(approved.out()).contains("first: approve the pool for 100 USDC").contains("approved USDC");
        assertThat(balance(0, other)).isEqualTo(BigInteger.valueOf(50_000_000L));
    }

    @Test
    void asksForConfirmationAndRefusesWithoutAConsole() throws Exception {
        BigInteger lp = pool.balanceOf(me).send();
        CliRun noConsole = run("pool", "exit", "--pool", poolAddress(), "--lp", "1");
        assertThat(noConsole.exit()).isEqualTo(2);
        assertThat(noConsole.err()).contains("no console to ask for confirmation on; nothing sent. Re-run with --yes");
        assertThat(noConsole.out()).contains("Proportional exit").contains("burn 1 LP");

        signAs(0, "n\n");
        CliRun declined = run("pool", "exit", "--pool", poolAddress(), "--lp", "1");
        assertThat(declined.exit()).isEqualTo(1);
        assertThat(declined.out()).contains("Send? [y/N]").contains("Aborted: nothing sent.");
        assertThat(pool.balanceOf(me).send()).isEqualTo(lp);

        signAs(0, "y\n");
        CliRun accepted = run("pool", "exit", "--pool", poolAddress(), "--lp", "1");
        assertThat(accepted.exit()).as(accepted.err()).isZero();
        assertThat(pool.balanceOf(me).send()).isEqualTo(lp.subtract(BigInteger.TEN.pow(18)));
        assertThat(accepted.out() + accepted.err()).doesNotContain(
                Numeric.toHexStringNoPrefixZeroPadded(chain.account(0).getEcKeyPair().getPrivateKey(), 64));
    }

    @Test
    void positionValuesTheShareAgainstTheDepositedTokens() throws Exception {
        run("pool", "swap", "--pool", poolAddress(), "--in", "USDC", "--out", "WETH", "--amount-in", "40000", "--yes");
        BigDecimal price = TokenAmounts.fromWad(pool.getSpotPrice(dev.address(1), dev.address(0)).send());
        String wethPrice = price.setScale(6, RoundingMode.DOWN).toPlainString();
        CliRun r = run("pool", "position", "--pool", poolAddress(), "--holder", me, "--prices", "USDC=1,WETH=" + wethPrice);
        assertThat(r.exit()).as(r.err()).isZero();
        // the first join (from its Join event) is what was deposited
        assertThat(r.out()).contains("USDC: in pool").contains("deposited 400000 USDC").contains("deposited 100 WETH");
        BigInteger lp = pool.balanceOf(me).send();
        BigInteger supply = pool.totalSupply().send();
        @SuppressWarnings("unchecked") List<BigInteger> balances = (List<BigInteger>) pool.queryExit(lp).send();
        BigDecimal px = new java.math.BigDecimal(wethPrice);
        BigDecimal value = new java.math.BigDecimal(balances.get(0), 6).add(new java.math.BigDecimal(balances.get(1), 18).multiply(px));
        BigDecimal hold = new java.math.BigDecimal("400000").add(new java.math.BigDecimal("100").multiply(px));
        assertThat(r.out()).contains("value in pool      " + value.setScale(2, RoundingMode.HALF_EVEN).toPlainString() + " USD")
                .contains("value if held      " + hold.setScale(2, RoundingMode.HALF_EVEN).toPlainString() + " USD");
        assertThat(supply.subtract(lp)).as("only the locked minimum is not ours").isEqualTo(BigInteger.valueOf(1_000_000));
        // 50/50 closed form for WETH's move, plus the 120 USDC fee the swap left in the pool
        BigDecimal ratio = px.divide(new java.math.BigDecimal("4000"), MathContext.DECIMAL128);
        BigDecimal closedForm = ImpermanentLoss.loss(
                List.of(new java.math.BigDecimal("0.5"), new java.math.BigDecimal("0.5")), List.of(BigDecimal.ONE, ratio));
        Matcher m = Pattern.compile("impermanent loss .*\\((-?[0-9.]+)%\\)").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        BigDecimal printed = new java.math.BigDecimal(m.group(1)).movePointLeft(2);
        assertThat(printed).isBetween(closedForm.subtract(new java.math.BigDecimal("0.00001")),
                closedForm.add(new java.math.BigDecimal("0.0003")));
        assertThat(closedForm).isLessThan(new java.math.BigDecimal("-0.004"));

        CliRun given = run("pool", "position", "--pool", poolAddress(), "--holder", me, "--prices", "USDC=1,WETH=" + wethPrice,
                "--deposited", "WETH=200");
        assertThat(given.out()).contains("deposited 0 USDC").contains("deposited 200 WETH");
        CliRun missing = run("pool", "position", "--pool", poolAddress(), "--prices", "USDC=1");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("--prices: no price for WETH");
    }

    @Test
    void positionFallsBackToThePoolTwap() throws Exception {
        chain.rpc().increaseTime(600);
        run("pool", "swap", "--pool", poolAddress(), "--in", "USDC", "--out", "WETH", "--amount-in", "40000", "--yes");
        chain.rpc().increaseTime(600);
        chain.rpc().mine(1);
        BigDecimal spot = TokenAmounts.fromWad(pool.getSpotPrice(dev.address(1), dev.address(0)).send());
        CliRun r = run("pool", "position", "--pool", poolAddress(), "--twap-window", "300");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("prices in USDC (pool TWAP over 300 s)");
        Matcher m = Pattern.compile("WETH: .*@ ([0-9.]+) USDC").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        assertThat(new java.math.BigDecimal(m.group(1))).isCloseTo(spot, Percentage.withPercentage(0.01));
        CliRun tooLong = run("pool", "position", "--pool", poolAddress(), "--twap-window", "100000");
        assertThat(tooLong.exit()).isEqualTo(2);
        assertThat(tooLong.err()).contains("--twap-window: the pool's oracle cannot give a 100000 s TWAP of WETH");
    }

    @Test
    void aQuoteThePoolRefusesNamesTheError() {
        CliRun r = run("pool", "quote", "--pool", poolAddress(), "--in", "USDC", "--out", "WETH", "--amount-in", "200000");
        assertThat(r.exit()).as(r.out()).isEqualTo(2);
        assertThat(r.err()).contains("the pool refused the call: MaxInRatio(");
    }

    @Test
    void missingKeyIsAClearError() {
        Terminal.use(Map.of(), null);
        CliRun r = run("pool", "swap", "--pool", poolAddress(), "--in", "USDC", "--out", "WETH", "--amount-in", "1", "--yes");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--key-env: environment variable BALLAST_PRIVATE_KEY is not set");
    }
}
