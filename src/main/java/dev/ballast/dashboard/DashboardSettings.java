package dev.ballast.dashboard;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything the dashboard is given: what to read and where to listen. Deliberately not the keeper's config: the CLI
 * copies out these fields, so no signer setting, key or credentials object is reachable from the dashboard's code
 * (DashboardReadOnlyTest checks the compiled classes).
 *
 * @param chainId         the chain the vaults live on (a node answering another id is shown as an error)
 * @param endpoints       RPC endpoints, read with {@link ReadOnlyRpc} only
 * @param vaults          the configured vaults (name, address, band)
 * @param journal         the keeper's journal file, opened read-only
 * @param bind            listen address (127.0.0.1 unless asked otherwise)
 * @param port            TCP port (0 picks a free one)
 * @param history         how far back the charts reach (default 90 days)
 * @param backtestReport  a {@code ballast backtest --monte-carlo N --out DIR} report.json to compare live figures with
 * @param backtestStrategy which strategy of that report the vaults run (default: the first with distributions)
 * @param auth            basic-auth credentials for the page and API, when set
 * @param refresh         how often the journal and the chain are re-read
 */
public record DashboardSettings(long chainId, List<Endpoint> endpoints, List<Vault> vaults, Path journal, String bind,
        int port, Duration history, Optional<Path> backtestReport, Optional<String> backtestStrategy,
        Optional<BasicAuth> auth, Duration refresh) {
    public static final int DEFAULT_PORT = 9465;
    public static final Duration DEFAULT_HISTORY = Duration.ofDays(90);

    public DashboardSettings {
        endpoints = List.copyOf(endpoints);
        vaults = List.copyOf(vaults);
        if (vaults.isEmpty()) throw new IllegalArgumentException("vaults: the config names no vault to show");
        if (endpoints.isEmpty()) throw new IllegalArgumentException("rpc.endpoints: at least one is needed");
    }

    /** An RPC endpoint: a display name and its URL (shown only redacted). */
    public record Endpoint(String name, URI http) {}

    /** A vault as configured: its name (the metrics' label), its address and its band (fraction, e.g. 0.05). */
    public record Vault(String name, String address, double band) {}

    /** Whether the listen address is this machine only. */
    public boolean loopback() {
        return bind.equals("127.0.0.1") || bind.equals("localhost") || bind.equals("::1");
    }
}
