package dev.ballast.cli.pool;

import picocli.CommandLine.Option;

/** The pool a command reads or trades: one definition for every {@code pool} subcommand that names one. */
final class PoolOption {
    @Option(names = "--pool", required = true, paramLabel = "ADDRESS", description = "The weighted pool.")
    String address;
}
