package dev.ballast.deploy.plan;

/**
 * Gas per step kind, used by --dry-run where eth_estimateGas cannot run because a step's inputs are not deployed yet.
 * Gas used on Anvil when DeployCommandTest deploys deployment.example.yaml (it prints them: "gas used <item>"), rounded
 * up; the real cost varies a little with name lengths and asset counts. The factory alone is 13.2M (it stores the
 * pool's creation code in two data contracts).
 */
final class GasFigures {
    static final long MOCK_TOKEN = 680_000;
    static final long MOCK_FEED = 460_000;
    static final long FACTORY = 13_300_000;
    static final long POOL = 5_000_000;
    static final long CHAINLINK_ADAPTER = 800_000;
    static final long TWAP_ADAPTER = 470_000;
    static final long ROUTER = 1_420_000;
    static final long SET_SOURCES = 120_000;
    static final long VENUE = 460_000;
    /** Placeholder for the Uniswap/Balancer/multi-hop venue adapters until their deployment is measured here. */
    static final long VENUE_ADAPTER = 1_500_000;
    static final long VAULT = 7_900_000;
    static final long SET_KEEPER = 50_000;
    static final long PROPOSE = 90_000;
    static final long EXECUTE = 110_000;
    static final long TRANSFER_OWNERSHIP = 50_000;

    private GasFigures() {}
}
