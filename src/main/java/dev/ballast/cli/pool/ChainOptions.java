package dev.ballast.cli.pool;

import picocli.CommandLine.Option;

/** Options every pool command shares: where the chain is, who signs, how amounts are shown. */
final class ChainOptions {
    @Option(names = "--rpc", defaultValue = "${env:BALLAST_RPC_URL:-http://127.0.0.1:8545}", paramLabel = "URL",
            description = "JSON-RPC endpoint (default: $BALLAST_RPC_URL or ${DEFAULT-VALUE}).")
    String rpc;

    @Option(names = "--chain-id", paramLabel = "ID",
            description = "Expected chain id; the command refuses a node on another chain (default: the node's).")
    Long chainId;

    @Option(names = "--key-env", defaultValue = "BALLAST_PRIVATE_KEY", paramLabel = "NAME",
            description = "Environment variable holding the signer's private key, hex (default ${DEFAULT-VALUE}). "
                    + "The key is never printed.")
    String keyEnv;

    @Option(names = "--raw", description = "Amounts are entered and printed in raw integer units, not whole tokens.")
    boolean raw;
}
