package dev.ballast.cli.pool;

import picocli.CommandLine.Option;

/** Options of the commands that send transactions. */
final class SendOptions {
    @Option(names = {"-y", "--yes"}, description = "Send without asking for confirmation.")
    boolean yes;

    @Option(names = "--deadline", defaultValue = "600", paramLabel = "SECONDS",
            description = "The transaction fails if mined later than this after the latest block (default ${DEFAULT-VALUE}).")
    long deadlineSeconds;

    @Option(names = "--to", paramLabel = "ADDRESS", description = "Recipient of the output (default: the signer).")
    String recipient;

    @Option(names = "--approve",
            description = "Approve the pool for exactly the amount needed when its allowance is short (sent first).")
    boolean approve;
}
