package dev.ballast.cli.pool;

import dev.ballast.cli.UserInputException;
import dev.ballast.tx.RevertDecoder;
import dev.ballast.tx.RevertText;
import java.util.concurrent.Callable;
import org.web3j.tx.exceptions.ContractCallException;

/**
 * A pool view call that reverts (a quote above the 30% ratio limit, an amount too small to mint) comes back as one
 * line naming the pool's error: the amount the user typed is what to change, so it is bad input (exit code 2).
 */
final class Reverts {
    private Reverts() {}

    static Integer named(Callable<Integer> command) throws Exception {
        try {
            return command.call();
        } catch (ContractCallException e) {
            throw new UserInputException("the pool refused the call: " + RevertText.describe(RevertDecoder.forBallast().decode(e.getMessage()), RevertText.Tokens.NONE), e);
        }
    }
}
