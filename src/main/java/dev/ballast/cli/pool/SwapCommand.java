package dev.ballast.cli.pool;

import dev.ballast.cli.UserInputException;
import dev.ballast.contracts.WeightedPool;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.Callable;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "swap", mixinStandardHelpOptions = true,
        description = {"Swaps --in TOKEN for --out TOKEN: exactly --amount-in (receiving at least the quote less",
                "--slippage, or --min-out) or exactly --amount-out (paying at most the quote plus --slippage, or --max-in).",
                "Gas limit: the node's estimate plus 25,000, the most the pool's per-block oracle write can add when the",
                "estimate was taken in a block that had already written it."})
final class SwapCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ChainOptions chain;
    @Mixin SendOptions send;

    @Mixin
    PoolOption pool;

    @Option(names = "--in", required = true, paramLabel = "TOKEN", description = "Token paid (symbol or address).")
    String tokenIn;

    @Option(names = "--out", required = true, paramLabel = "TOKEN", description = "Token received (symbol or address).")
    String tokenOut;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Exact exact;

    static final class Exact {
        @Option(names = "--amount-in", paramLabel = "AMOUNT", description = "Exact amount paid.")
        String in;

        @Option(names = "--amount-out", paramLabel = "AMOUNT", description = "Exact amount received.")
        String out;
    }

    @Mixin
    SlippageOption slippage;

    @Option(names = "--min-out", paramLabel = "AMOUNT", description = "Explicit minimum received (exact-in).")
    String minOut;

    @Option(names = "--max-in", paramLabel = "AMOUNT", description = "Explicit maximum paid (exact-out).")
    String maxIn;

    @Override
    public Integer call() throws Exception {
        return Reverts.named(this::run);
    }

    private Integer run() throws Exception {
        int bps = slippage.bps();
        try (Session session = Session.open(chain)) {
            String signer = session.signer().getAddress();
            PoolView view = PoolView.load(session, pool.address, true);
            PoolView.Token in = view.resolve("--in", tokenIn);
            PoolView.Token out = view.resolve("--out", tokenOut);
            if (in.index() == out.index()) throw new UserInputException("--out: same token as --in (" + in.symbol() + ")");
            String to = send.recipient == null ? signer : session.address("--to", send.recipient, false);
            BigInteger deadline = session.deadline(send.deadlineSeconds);
            WeightedPool p = view.pool();
            var printer = spec.commandLine().getOut();
            if (exact.in != null) {
                if (maxIn != null) throw new UserInputException("--max-in: only with --amount-out");
                BigInteger amount = view.parse("--amount-in", exact.in, in);
                BigInteger quoted = view.query(p.querySwapExactIn(in.address(), out.address(), amount));
                BigInteger min = minOut != null ? view.parse("--min-out", minOut, out) : Amounts.minusSlippage(quoted, bps);
                return Transactions.run(printer, send, view, signer, "Swap exact in",
                        List.of("pay " + view.show(amount, in), "receive " + view.show(quoted, out) + " (at least "
                                + view.show(min, out) + ")", "recipient " + to),
                        List.of(new Transactions.Payment(in, amount)),
                        () -> OracleGasMargin.send(session, view.address(),
                                p.swapExactIn(in.address(), out.address(), amount, min, to, deadline).encodeFunctionCall()),
                        r -> printSwap(printer, view, r));
            }
            if (minOut != null) throw new UserInputException("--min-out: only with --amount-in");
            BigInteger amount = view.parse("--amount-out", exact.out, out);
            BigInteger quoted = view.query(p.querySwapExactOut(in.address(), out.address(), amount));
            BigInteger max = maxIn != null ? view.parse("--max-in", maxIn, in) : Amounts.plusSlippage(quoted, bps);
            return Transactions.run(printer, send, view, signer, "Swap exact out",
                    List.of("receive " + view.show(amount, out), "pay " + view.show(quoted, in) + " (at most "
                            + view.show(max, in) + ")", "recipient " + to),
                    List.of(new Transactions.Payment(in, max)),
                    () -> OracleGasMargin.send(session, view.address(),
                            p.swapExactOut(in.address(), out.address(), amount, max, to, deadline).encodeFunctionCall()),
                    r -> printSwap(printer, view, r));
        }
    }

    private static void printSwap(PrintWriter out, PoolView view, TransactionReceipt r) {
        for (WeightedPool.SwapEventResponse e : WeightedPool.getSwapEvents(r)) {
            PoolView.Token in = view.resolve("tokenIn", e.tokenIn);
            PoolView.Token o = view.resolve("tokenOut", e.tokenOut);
            out.println("swapped: paid " + view.show(e.amountIn, in) + ", received " + view.show(e.amountOut, o) + " to " + e.recipient);
        }
    }
}
