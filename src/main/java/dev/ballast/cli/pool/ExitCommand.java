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

@Command(name = "exit", mixinStandardHelpOptions = true,
        description = {"Removes liquidity: burns --lp AMOUNT (or --all of the signer's LP) for each token's share,",
                "or with --single TOKEN for that token alone (the swap fee applies to the non-proportional part).",
                "Each amount out is at least the quote less --slippage."})
final class ExitCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ChainOptions chain;
    @Mixin SendOptions send;

    @Mixin
    PoolOption pool;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Amount amount;

    static final class Amount {
        @Option(names = "--lp", paramLabel = "AMOUNT", description = "LP tokens to burn.")
        String lp;

        @Option(names = "--all", description = "Burn all the signer's LP tokens.")
        boolean all;
    }

    @Option(names = "--single", paramLabel = "TOKEN", description = "Take everything in this one token.")
    String single;

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
            BigInteger lp = amount.all ? p.balanceOf(signer).send() : view.parseLp("--lp", amount.lp);
            if (lp.signum() == 0) throw new UserInputException("--all: " + signer + " holds no LP tokens of this pool");
            List<Transactions.Payment> burn = List.of(new Transactions.Payment(null, lp));
            if (single != null) {
                PoolView.Token token = view.resolve("--single", single);
                BigInteger quoted = view.query(p.queryExitSingle(token.address(), lp));
                BigInteger min = Amounts.minusSlippage(quoted, bps);
                return Transactions.run(out, send, view, signer, "Single-asset exit",
                        List.of("burn " + view.showLp(lp), "receive " + view.show(quoted, token) + " (at least "
                                + view.show(min, token) + ")", "recipient " + to),
                        burn, () -> p.exitSingle(token.address(), lp, min, to, deadline).send(),
                        r -> printExit(out, view, r));
            }
            List<BigInteger> quoted = Quotes.exit(view, lp);
            List<BigInteger> min = quoted.stream().map(a -> Amounts.minusSlippage(a, bps)).toList();
            List<String> lines = new ArrayList<>();
            lines.add("burn " + view.showLp(lp));
            for (PoolView.Token t : view.tokens()) {
                lines.add("receive " + view.show(quoted.get(t.index()), t) + " (at least " + view.show(min.get(t.index()), t) + ")");
            }
            lines.add("recipient " + to);
            return Transactions.run(out, send, view, signer, "Proportional exit", lines, burn,
                    () -> p.exitPool(lp, min, to, deadline).send(), r -> printExit(out, view, r));
        }
    }

    static void printExit(PrintWriter out, PoolView view, TransactionReceipt r) {
        for (WeightedPool.ExitEventResponse e : WeightedPool.getExitEvents(r)) {
            List<String> got = new ArrayList<>();
            for (PoolView.Token t : view.tokens()) {
                if (e.amountsOut.get(t.index()).signum() != 0) got.add(view.show(e.amountsOut.get(t.index()), t));
            }
            out.println("exited: burnt " + view.showLp(e.lpIn) + ", sent " + String.join(", ", got) + " to " + e.recipient);
        }
    }
}
