package dev.ballast.cli;

import dev.ballast.keeper.KeeperSetupException;
import dev.ballast.tx.RefusedBeforeSendException;
import picocli.CommandLine;

/**
 * A failure is one clear line on stderr (the cause chain, no stack trace); exit code 2 for bad input or set-up (a bad
 * value, a wrong chain id, a vault without code), 1 otherwise. {@code -Dballast.verbose=true} adds the trace.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        StringBuilder message = new StringBuilder("error: ").append(e.getMessage() == null ? e.toString() : e.getMessage());
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
                message.append("\n  caused by: ").append(cause.getMessage());
            }
        }
        cmd.getErr().println(message);
        if (Boolean.getBoolean("ballast.verbose")) e.printStackTrace(cmd.getErr());
        // a send refused before signing (it would revert, or the signer cannot pay) is set-up to fix, and cost nothing
        return e instanceof UserInputException || e instanceof KeeperSetupException
                || e instanceof RefusedBeforeSendException ? 2 : 1;
    }
}
