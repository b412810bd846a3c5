package dev.ballast.cli.pool;

import dev.ballast.cli.UserInputException;
import dev.ballast.contracts.WeightedPool;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "join", mixinStandardHelpOptions = true,
        description = {"Adds liquidity. Proportional: --lp (LP to mint; pays each token's share, at most --slippage more",
                "than quoted) or --amounts (the most of each token to pay; mints the LP the scarcest one buys).",
                "Single-asset: --single TOKEN AMOUNT (the swap fee applies to the part beyond its share)."})
final class JoinCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ChainOptions chain;
    @Mixin SendOptions send;

    @Mixin
    PoolOption pool;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    static final class Mode {
        @Option(names = "--lp", paramLabel = "AMOUNT", description = "LP tokens to mint, proportional join.")
        String lp;

        @Option(names = "--amounts", paramLabel = "AMOUNTS",
                description = "Most of each token to pay: A,B,... in token order or SYM=AMOUNT,...")
        String amounts;

        @Option(names = "--single", arity = "2", paramLabel = "TOKEN AMOUNT", description = "Join with one token.")
        List<String> single;
    }

    @Mixin
    SlippageOption slippage;

    @Override
    public Integer call() throws Exception {
        return Reverts.named(this::run);
    }

    private Integer run() throws Exception {
        int bps = slippage.bps();
        try (Session session = Session.open(chain)) {
            String signer = session.signer().getAddress();
            PoolView view = PoolView.load(session, pool.address, true);
            String to = send.recipient == null ? signer : session.address("--to", send.recipient, false);
            BigInteger deadline = session.deadline(send.deadlineSeconds);
            WeightedPool p = view.pool();
            var out = spec.commandLine().getOut();
            if (mode.single != null) {
                PoolView.Token token = view.resolve("--single", mode.single.get(0));
                BigInteger amount = view.parse("--single", mode.single.get(1), token);
                BigInteger quoted = view.query(p.queryJoinSingle(token.address(), amount));
                BigInteger minLp = Amounts.minusSlippage(quoted, bps);
                return Transactions.run(out, send, view, signer, "Single-asset join",
                        List.of("pay " + view.show(amount, token), "mint " + view.showLp(quoted) + " (at least "
                                + view.showLp(minLp) + ")", "recipient " + to),
                        List.of(new Transactions.Payment(token, amount)),
                        () -> p.joinSingle(token.address(), amount, minLp, to, deadline).send(),
                        r -> printJoin(out, view, r));
            }
            BigInteger lp;
            List<BigInteger> max;
            if (mode.lp != null) {
                lp = view.parseLp("--lp", mode.lp);
                max = Quotes.join(view, lp).stream().map(a -> Amounts.plusSlippage(a, bps)).toList();
            } else {
                max = view.parseAmounts("--amounts", mode.amounts, false);
                lp = lpFor(view, max);
            }
            List<BigInteger> quoted = Quotes.join(view, lp);
            List<String> lines = new ArrayList<>();
            List<Transactions.Payment> payments = new ArrayList<>();
            for (PoolView.Token t : view.tokens()) {
                lines.add("pay " + view.show(quoted.get(t.index()), t) + " (at most " + view.show(max.get(t.index()), t) + ")");
                payments.add(new Transactions.Payment(t, max.get(t.index())));
            }
            lines.add("mint " + view.showLp(lp));
            lines.add("recipient " + to);
            List<BigInteger> maxIn = max;
            return Transactions.run(out, send, view, signer, "Proportional join", lines, payments,
                    () -> p.joinPool(lp, maxIn, to, deadline).send(), r -> printJoin(out, view, r));
        }
    }

    /** The most LP that the given amounts pay for proportionally: the scarcest token decides. */
    private static BigInteger lpFor(PoolView view, List<BigInteger> amounts) throws Exception {
        BigInteger supply = view.pool().totalSupply().send();
        List<BigInteger> balances = view.balances();
        BigInteger lp = null;
        for (int t = 0; t < balances.size(); t++) {
            BigInteger candidate = amounts.get(t).multiply(supply).divide(balances.get(t));
            lp = lp == null ? candidate : lp.min(candidate);
        }
        if (lp == null || lp.signum() == 0) {
            throw new UserInputException("--amounts: too small to mint any LP at the pool's current balances");
        }
        return lp;
    }

    static void printJoin(PrintWriter out, PoolView view, TransactionReceipt r) {
        for (WeightedPool.JoinEventResponse e : WeightedPool.getJoinEvents(r)) {
            List<String> paid = new ArrayList<>();
            for (PoolView.Token t : view.tokens()) {
                if (e.amountsIn.get(t.index()).signum() != 0) paid.add(view.show(e.amountsIn.get(t.index()), t));
            }
            out.println("joined: paid " + String.join(", ", paid) + ", minted " + view.showLp(e.lpOut) + " to " + e.recipient);
        }
    }
}
