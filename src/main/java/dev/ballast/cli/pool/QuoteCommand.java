package dev.ballast.cli.pool;

import dev.ballast.cli.UserInputException;
import dev.ballast.contracts.WeightedPool;
import dev.ballast.deploy.TokenAmounts;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "quote", mixinStandardHelpOptions = true,
        description = {"Reads the pool, sends nothing. Always prints tokens, balances, weights, fee, LP supply and each",
                "token's spot price in token 0 without and with the fee. Add a swap (--in, --out, --amount-in or",
                "--amount-out), a join (--join-lp, --join-single TOKEN AMOUNT) or an exit (--exit-lp [--exit-single TOKEN])",
                "to quote it through the pool's own query functions."})
final class QuoteCommand implements Callable<Integer> {
    private static final MathContext MC = new MathContext(12);

    @Spec CommandSpec spec;
    @Mixin ChainOptions chain;

    @Mixin
    PoolOption pool;

    @Option(names = "--in", paramLabel = "TOKEN", description = "Swap: token paid.")
    String tokenIn;

    @Option(names = "--out", paramLabel = "TOKEN", description = "Swap: token received.")
    String tokenOut;

    @Option(names = "--amount-in", paramLabel = "AMOUNT", description = "Swap: exact amount paid.")
    String amountIn;

    @Option(names = "--amount-out", paramLabel = "AMOUNT", description = "Swap: exact amount received.")
    String amountOut;

    @Option(names = "--join-lp", paramLabel = "AMOUNT", description = "Proportional join minting this much LP.")
    String joinLp;

    @Option(names = "--join-single", arity = "2", paramLabel = "TOKEN AMOUNT", description = "Single-asset join.")
    List<String> joinSingle;

    @Option(names = "--exit-lp", paramLabel = "AMOUNT", description = "Exit burning this much LP.")
    String exitLp;

    @Option(names = "--exit-single", paramLabel = "TOKEN", description = "With --exit-lp: all in this token.")
    String exitSingle;

    @Override
    public Integer call() throws Exception {
        return Reverts.named(this::run);
    }

    private Integer run() throws Exception {
        try (Session session = Session.open(chain)) {
            PoolView view = PoolView.load(session, pool.address, false);
            PrintWriter out = spec.commandLine().getOut();
            summary(out, view);
            if (tokenIn != null || tokenOut != null || amountIn != null || amountOut != null) swap(out, view);
            if (joinLp != null) {
                BigInteger lp = view.parseLp("--join-lp", joinLp);
                List<BigInteger> in = Quotes.join(view, lp);
                out.println("join " + view.showLp(lp) + " pays " + amounts(view, in));
            }
            if (joinSingle != null) {
                PoolView.Token t = view.resolve("--join-single", joinSingle.get(0));
                BigInteger amount = view.parse("--join-single", joinSingle.get(1), t);
                out.println("join with " + view.show(amount, t) + " mints "
                        + view.showLp(view.query(view.pool().queryJoinSingle(t.address(), amount))));
            }
            if (exitSingle != null && exitLp == null) throw new UserInputException("--exit-single: needs --exit-lp");
            if (exitLp != null) {
                BigInteger lp = view.parseLp("--exit-lp", exitLp);
                if (exitSingle != null) {
                    PoolView.Token t = view.resolve("--exit-single", exitSingle);
                    out.println("exit " + view.showLp(lp) + " to " + t.symbol() + " sends "
                            + view.show(view.query(view.pool().queryExitSingle(t.address(), lp)), t));
                } else {
                    out.println("exit " + view.showLp(lp) + " sends " + amounts(view, Quotes.exit(view, lp)));
                }
            }
            out.flush();
            return 0;
        }
    }

    private static void summary(PrintWriter out, PoolView view) throws Exception {
        WeightedPool p = view.pool();
        List<BigInteger> balances = view.balances();
        List<BigInteger> weights = view.weights();
        BigDecimal fee = TokenAmounts.fromWad(p.swapFee().send());
        out.println("pool " + view.address() + "  fee " + percent(fee) + "  LP supply " + view.showLp(p.totalSupply().send()));
        PoolView.Token quote = view.token(0);
        for (PoolView.Token t : view.tokens()) {
            String line = "  " + t.index() + " " + t.symbol() + " " + t.address() + "  weight "
                    + percent(TokenAmounts.fromWad(weights.get(t.index()))) + "  balance " + view.show(balances.get(t.index()), t);
            if (t.index() > 0) {
                line += "  price " + price(p.getSpotPrice(t.address(), quote.address()).send()) + " " + quote.symbol()
                        + " (" + price(p.getSpotPriceWithFee(t.address(), quote.address()).send()) + " with fee)";
            }
            out.println(line);
        }
    }

    private void swap(PrintWriter out, PoolView view) throws Exception {
        if (tokenIn == null || tokenOut == null) throw new UserInputException("--in/--out: a swap quote needs both");
        if ((amountIn == null) == (amountOut == null)) {
            throw new UserInputException("--amount-in/--amount-out: give exactly one for a swap quote");
        }
        PoolView.Token in = view.resolve("--in", tokenIn);
        PoolView.Token o = view.resolve("--out", tokenOut);
        if (in.index() == o.index()) throw new UserInputException("--out: same token as --in (" + in.symbol() + ")");
        WeightedPool p = view.pool();
        BigInteger paid;
        BigInteger received;
        if (amountIn != null) {
            paid = view.parse("--amount-in", amountIn, in);
            received = view.query(p.querySwapExactIn(in.address(), o.address(), paid));
        } else {
            received = view.parse("--amount-out", amountOut, o);
            paid = view.query(p.querySwapExactOut(in.address(), o.address(), received));
        }
        BigDecimal spot = TokenAmounts.fromWad(p.getSpotPrice(o.address(), in.address()).send());
        BigDecimal spotWithFee = TokenAmounts.fromWad(p.getSpotPriceWithFee(o.address(), in.address()).send());
        out.println("swap pays " + view.show(paid, in) + ", receives " + view.show(received, o));
        out.println("  spot price " + spot.round(MC).toPlainString() + " " + in.symbol() + " per " + o.symbol()
                + " (" + spotWithFee.round(MC).toPlainString() + " with fee)");
        if (received.signum() > 0) {
            BigDecimal effective = TokenAmounts.fromRaw(paid, in.decimals())
                    .divide(TokenAmounts.fromRaw(received, o.decimals()), MC);
            out.println("  effective price " + effective.toPlainString() + " " + in.symbol() + " per " + o.symbol()
                    + ", " + percent(effective.divide(spot, MC).subtract(BigDecimal.ONE)) + " above spot");
        }
    }

    private static String amounts(PoolView view, List<BigInteger> raw) {
        return String.join(", ", view.tokens().stream().map(t -> view.show(raw.get(t.index()), t)).toList());
    }

    private static String price(BigInteger wad) {
        return TokenAmounts.fromWad(wad).round(MC).stripTrailingZeros().toPlainString();
    }

    static String percent(BigDecimal fraction) {
        return fraction.movePointRight(2).setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString() + "%";
    }
}
