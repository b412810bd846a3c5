package dev.ballast.cli.pool;

import picocli.CommandLine.Command;

/** {@code ballast pool ...}: create, provide liquidity to, trade with and inspect a weighted pool. */
@Command(name = "pool", mixinStandardHelpOptions = true,
        description = {"Weighted pool tools. Amounts are whole tokens (decimals respected) unless --raw. Commands that",
                "send print what they will send and ask first (--yes to skip; without a console they refuse).",
                "The signer's key is read from the environment variable named by --key-env (never printed)."},
        subcommands = {CreateCommand.class, JoinCommand.class, ExitCommand.class, SwapCommand.class, QuoteCommand.class,
                PositionCommand.class})
public final class PoolCommand {}
