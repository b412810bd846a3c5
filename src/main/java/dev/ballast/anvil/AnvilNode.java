package dev.ballast.anvil;

/** A running Anvil dev chain, wherever it runs (a local process, or a container where a Docker engine exists). */
public interface AnvilNode extends AutoCloseable {
    /** HTTP JSON-RPC endpoint, e.g. {@code http://127.0.0.1:8545}. */
    String rpcUrl();

    /** Stops the chain; idempotent. */
    @Override
    void close();
}
