package dev.ballast.deploy.plan;

/**
 * Gas per step kind, used by --dry-run where eth_estimateGas cannot run because a step's inputs are not deployed yet.
 * Measured on Anvil by DeployCommandTest (deploying deployment.example.yaml), rounded up; the real cost varies a
 * little with name lengths and asset counts.
 */
final class GasFigures {
    static final long MOCK_TOKEN = 700_000;
    static final long MOCK_FEED = 450_000;
    static final long FACTORY = 6_500_000;
    static final long POOL = 5_600_000;
    static final long CHAINLINK_ADAPTER = 450_000;
    static final long TWAP_ADAPTER = 550_000;
    static final long ROUTER = 1_400_000;
    static final long SET_SOURCES = 160_000;
    static final long VENUE = 450_000;
    static final long VAULT = 7_000_000;
    static final long SET_KEEPER = 50_000;
    static final long PROPOSE = 90_000;
    static final long EXECUTE = 90_000;
    static final long TRANSFER_OWNERSHIP = 50_000;

    private GasFigures() {}
}
