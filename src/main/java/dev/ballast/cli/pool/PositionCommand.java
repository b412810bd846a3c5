package dev.ballast.cli.pool;

import dev.ballast.cli.UserInputException;
import dev.ballast.contracts.WeightedPool;
import dev.ballast.deploy.TokenAmounts;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "position", mixinStandardHelpOptions = true,
        description = {"A holder's LP position: share of the pool, the tokens it is worth, its value at --prices",
                "(SYMBOL=USD,...) or else at the pool's own TWAP in token 0; the value of the tokens deposited had",
                "they been held (--deposited, or the holder's Join events, pro-rated when LP has left since) and the",
                "difference: impermanent loss (fees earned included) in each token and in percent."})
final class PositionCommand implements Callable<Integer> {
    private static final MathContext MC = new MathContext(40);

    @Spec CommandSpec spec;
    @Mixin ChainOptions chain;

    @Mixin
    PoolOption pool;

    @Option(names = "--holder", paramLabel = "ADDRESS", description = "LP holder (default: the signer of --key-env).")
    String holder;

    @Option(names = "--prices", paramLabel = "SYM=USD,...", description = "Token prices; every pool token needs one.")
    String prices;

    @Option(names = "--twap-window", defaultValue = "1800", paramLabel = "SECONDS",
            description = "TWAP window when --prices is absent (default ${DEFAULT-VALUE}).")
    long twapWindow;

    @Option(names = "--deposited", paramLabel = "AMOUNTS",
            description = "What the holder put in: A,B,... in token order or SYM=AMOUNT,... (default: from Join events).")
    String deposited;

    @Option(names = "--from-block", defaultValue = "0", paramLabel = "N",
            description = "First block searched for Join events (default ${DEFAULT-VALUE}).")
    long fromBlock;

    @Override
    public Integer call() throws Exception {
        return Reverts.named(this::run);
    }

    private Integer run() throws Exception {
        try (Session session = Session.open(chain)) {
            PoolView view = PoolView.load(session, pool.address, false);
            String who = holder != null ? session.address("--holder", holder, false) : session.signerAddressIfAny();
            if (who == null) throw new UserInputException("--holder: give the LP holder's address (no signer key is set)");
            WeightedPool p = view.pool();
            BigInteger lp = p.balanceOf(who).send();
            BigInteger supply = p.totalSupply().send();
            List<BigInteger> balances = view.balances();
            List<BigDecimal> price = prices != null ? parsePrices(view) : twapPrices(view);
            String unit = prices != null ? "USD" : view.token(0).symbol();
            List<BigInteger> held = deposited != null ? view.parseAmounts("--deposited", deposited, true)
                    : fromJoins(session, view, who, lp);
            PrintWriter out = spec.commandLine().getOut();
            BigDecimal share = supply.signum() == 0 ? BigDecimal.ZERO : new BigDecimal(lp).divide(new BigDecimal(supply), MC);
            out.println("holder " + who + "  " + view.showLp(lp) + " of " + view.showLp(supply) + " ("
                    + QuoteCommand.percent(share) + ")");
            out.println("prices in " + unit + (prices != null ? " (--prices)" : " (pool TWAP over " + twapWindow + " s)"));
            BigDecimal value = BigDecimal.ZERO;
            BigDecimal holdValue = BigDecimal.ZERO;
            for (PoolView.Token t : view.tokens()) {
                // the holder's claim rounds down, as an exit would
                BigInteger mine = supply.signum() == 0 ? BigInteger.ZERO : balances.get(t.index()).multiply(lp).divide(supply);
                BigInteger put = held.get(t.index());
                BigDecimal px = price.get(t.index());
                value = value.add(TokenAmounts.fromRaw(mine, t.decimals()).multiply(px, MC));
                holdValue = holdValue.add(TokenAmounts.fromRaw(put, t.decimals()).multiply(px, MC));
                out.println("  " + t.symbol() + ": in pool " + view.show(mine, t) + ", deposited " + view.show(put, t)
                        + ", difference " + signed(mine.subtract(put), t, view) + "  @ " + money(px) + " " + unit);
            }
            out.println("value in pool      " + money(value) + " " + unit);
            out.println("value if held      " + money(holdValue) + " " + unit);
            BigDecimal diff = value.subtract(holdValue);
            out.println("impermanent loss   " + money(diff) + " " + unit
                    + (holdValue.signum() > 0 ? " (" + QuoteCommand.percent(diff.divide(holdValue, MC)) + ")" : ""));
            out.flush();
            return 0;
        }
    }

    private List<BigDecimal> parsePrices(PoolView view) {
        BigDecimal[] result = new BigDecimal[view.tokens().size()];
        for (String part : prices.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) throw new UserInputException("--prices: '" + part + "' is not SYMBOL=PRICE");
            PoolView.Token t = view.resolve("--prices", part.substring(0, eq));
            try {
                result[t.index()] = new BigDecimal(part.substring(eq + 1).strip());
            } catch (NumberFormatException e) {
                throw new UserInputException("--prices: '" + part.substring(eq + 1) + "' (" + t.symbol() + ") is not a number");
            }
            if (result[t.index()].signum() <= 0) {
                throw new UserInputException("--prices: " + t.symbol() + " price must be greater than zero");
            }
        }
        for (PoolView.Token t : view.tokens()) {
            if (result[t.index()] == null) throw new UserInputException("--prices: no price for " + t.symbol());
        }
        return List.of(result);
    }

    private List<BigDecimal> twapPrices(PoolView view) {
        if (twapWindow <= 0 || twapWindow > 0xFFFF_FFFFL) {
            throw new UserInputException("--twap-window: " + twapWindow + " must be between 1 and 4294967295 seconds");
        }
        List<BigDecimal> result = new ArrayList<>();
        result.add(BigDecimal.ONE);
        for (int i = 1; i < view.tokens().size(); i++) {
            try {
                result.add(TokenAmounts.fromWad(view.pool().getTwap(view.token(i).address(), BigInteger.valueOf(twapWindow)).send()));
            } catch (Exception e) {
                throw new UserInputException("--twap-window: the pool's oracle cannot give a " + twapWindow
                        + " s TWAP of " + view.token(i).symbol() + " (too little history?); give a shorter window or --prices", e);
            }
        }
        return result;
    }

    /** Sum of the holder's joins, scaled down by the LP the holder no longer has (exits, transfers). */
    private List<BigInteger> fromJoins(Session session, PoolView view, String who, BigInteger lpNow) throws Exception {
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(fromBlock)),
                DefaultBlockParameterName.LATEST, view.address());
        filter.addSingleTopic(EventEncoder.encode(WeightedPool.JOIN_EVENT));
        filter.addNullTopic();
        filter.addSingleTopic("0x" + TypeEncoder.encode(new Address(who)));
        List<BigInteger> sum = new ArrayList<>(view.tokens().stream().map(t -> BigInteger.ZERO).toList());
        BigInteger lpJoined = BigInteger.ZERO;
        for (EthLog.LogResult<?> result : session.web3j().ethGetLogs(filter).send().getLogs()) {
            WeightedPool.JoinEventResponse join = WeightedPool.getJoinEventFromLog((Log) result.get());
            for (int i = 0; i < sum.size(); i++) sum.set(i, sum.get(i).add(join.amountsIn.get(i)));
            lpJoined = lpJoined.add(join.lpOut);
        }
        if (lpJoined.signum() == 0) {
            throw new UserInputException("--deposited: no Join events to " + who + " since block " + fromBlock
                    + "; give the deposited amounts");
        }
        if (lpNow.compareTo(lpJoined) >= 0) return sum;
        BigInteger joined = lpJoined;
        return sum.stream().map(a -> a.multiply(lpNow).divide(joined)).toList();
    }

    private static String signed(BigInteger raw, PoolView.Token t, PoolView view) {
        return (raw.signum() >= 0 ? "+" : "-") + view.show(raw.abs(), t);
    }

    private static String money(BigDecimal v) {
        return v.setScale(v.abs().compareTo(BigDecimal.ONE) >= 0 ? 2 : 8, RoundingMode.HALF_EVEN).toPlainString();
    }
}
