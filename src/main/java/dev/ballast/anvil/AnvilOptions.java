package dev.ballast.anvil;

import java.util.ArrayList;
import java.util.List;

/**
 * How to start Anvil. {@code port} 0 picks a free port; {@code blockTimeSeconds} 0 means automine (a block per
 * transaction); {@code forkUrl} forks a live network for paper trading.
 */
public record AnvilOptions(int port, long chainId, int blockTimeSeconds, String forkUrl, List<String> extraArgs) {
    public static final long DEFAULT_CHAIN_ID = 31337;

    public AnvilOptions {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, got " + port);
        if (blockTimeSeconds < 0) throw new IllegalArgumentException("blockTimeSeconds must be >= 0");
        extraArgs = List.copyOf(extraArgs);
    }

    public static AnvilOptions defaults() {
        return new AnvilOptions(0, DEFAULT_CHAIN_ID, 0, null, List.of());
    }

    public AnvilOptions withForkUrl(String url) {
        return new AnvilOptions(port, chainId, blockTimeSeconds, url, extraArgs);
    }

    public AnvilOptions withBlockTime(int seconds) {
        return new AnvilOptions(port, chainId, seconds, forkUrl, extraArgs);
    }

    public AnvilOptions withExtraArgs(String... args) {
        List<String> all = new ArrayList<>(extraArgs);
        all.addAll(List.of(args));
        return new AnvilOptions(port, chainId, blockTimeSeconds, forkUrl, all);
    }

    /** Command-line arguments after the binary, for a given concrete port and host. */
    List<String> arguments(String host, int concretePort) {
        List<String> args = new ArrayList<>(List.of(
                "--host", host, "--port", Integer.toString(concretePort), "--chain-id", Long.toString(chainId),
                "--silent"));
        if (blockTimeSeconds > 0) args.addAll(List.of("--block-time", Integer.toString(blockTimeSeconds)));
        if (forkUrl != null) args.addAll(List.of("--fork-url", forkUrl));
        args.addAll(extraArgs);
        return args;
    }
}
