package dev.ballast.cli.pool;

import dev.ballast.cli.UserInputException;
import dev.ballast.tx.RevertDecoder;
import dev.ballast.tx.RevertText;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;

/**
 * The send path shared by every state-changing pool command: check the signer can pay (balance, then allowance),
 * show what will be sent, ask, send (approvals first), report. Nothing is sent until every check has passed.
 */
final class Transactions {
    /** The signer pays {@code amount} of {@code token} into the pool (null token: LP tokens, burnt without approval). */
    record Payment(PoolView.Token token, BigInteger amount) {}

    /** The call that does the work, run after confirmation. */
    @FunctionalInterface
    interface Action {
        TransactionReceipt send() throws Exception;
    }

    /** What the receipt means to the user, printed after the transaction is mined. */
    @FunctionalInterface
    interface Outcome {
        void print(TransactionReceipt receipt);
    }

    private Transactions() {}

    /** @return the exit code: 0 sent and mined, 1 declined at the prompt */
    static int run(PrintWriter out, SendOptions send, PoolView view, String signer, String title, List<String> lines,
            List<Payment> payments, Action action, Outcome outcome) throws Exception {
        List<Payment> approvals = checkFunds(view, signer, payments, send.approve);
        out.println(title + " (chain " + view.chainId() + ", pool " + view.address() + ", from " + signer + "):");
        for (String line : lines) out.println("  " + line);
        for (Payment a : approvals) {
            out.println("  first: approve the pool for " + view.show(a.amount(), a.token()));
        }
        if (!confirmed(out, send.yes)) {
            out.println("Aborted: nothing sent.");
            out.flush();
            return 1;
        }
        for (Payment a : approvals) {
            TransactionReceipt r = guarded(() -> a.token().erc20().approve(view.address(), a.amount()).send());
            out.println("approved " + a.token().symbol() + ": " + r.getTransactionHash());
        }
        TransactionReceipt receipt = guarded(action);
        out.println("sent: " + receipt.getTransactionHash() + " (block " + receipt.getBlockNumber() + ", gas "
                + receipt.getGasUsed() + ")");
        outcome.print(receipt);
        out.flush();
        return 0;
    }

    /** Approvals still needed; throws naming the token, the balance and the amount when the signer cannot pay. */
    private static List<Payment> checkFunds(PoolView view, String signer, List<Payment> payments, boolean approve)
            throws Exception {
        List<Payment> approvals = new ArrayList<>();
        for (Payment p : payments) {
            if (p.amount().signum() == 0) continue;
            if (p.token() == null) {
                BigInteger lp = view.pool().balanceOf(signer).send();
                if (lp.compareTo(p.amount()) < 0) {
                    throw new UserInputException("insufficient LP balance: " + signer + " holds " + view.showLp(lp)
                            + ", the exit needs " + view.showLp(p.amount()));
                }
                continue;
            }
            BigInteger balance = p.token().erc20().balanceOf(signer).send();
            if (balance.compareTo(p.amount()) < 0) {
                throw new UserInputException("insufficient " + p.token().symbol() + " balance: " + signer + " holds "
                        + view.show(balance, p.token()) + ", this needs up to " + view.show(p.amount(), p.token()));
            }
            BigInteger allowance = p.token().erc20().allowance(signer, view.address()).send();
            if (allowance.compareTo(p.amount()) < 0) {
                if (!approve) {
                    throw new UserInputException("insufficient " + p.token().symbol() + " allowance: the pool may take "
                            + view.show(allowance, p.token()) + " from " + signer + ", this needs up to "
                            + view.show(p.amount(), p.token()) + "; approve it, or re-run with --approve");
                }
                approvals.add(p);
            }
        }
        return approvals;
    }

    static boolean confirmed(PrintWriter out, boolean yes) throws IOException {
        if (yes) return true;
        if (!Terminal.interactive()) {
            throw new UserInputException("--yes: no console to ask for confirmation on; nothing sent. "
                    + "Re-run with --yes to send without asking");
        }
        out.print("Send? [y/N] ");
        out.flush();
        String answer = Terminal.readLine();
        return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
    }

    /** Runs a send; a revert comes back as one line naming the pool's error. */
    static TransactionReceipt guarded(Action action) throws Exception {
        try {
            return action.send();
        } catch (TransactionException e) {
            String reason = e.getTransactionReceipt().map(TransactionReceipt::getRevertReason).orElse(null);
            String decoded = reason == null ? e.getMessage() : RevertText.describe(RevertDecoder.forBallast().decode(reason), RevertText.Tokens.NONE);
            throw new IllegalStateException("transaction reverted: " + decoded, e);
        }
    }
}
