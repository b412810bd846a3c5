package dev.ballast.keeper;

import static dev.ballast.keeper.VaultRulesWorld.BAND;
import static dev.ballast.keeper.VaultRulesWorld.COOLDOWN;
import static dev.ballast.keeper.VaultRulesWorld.E18;
import static dev.ballast.keeper.VaultRulesWorld.INTERVAL;
import static dev.ballast.keeper.VaultRulesWorld.MAX_ORACLE_VENUE;
import static dev.ballast.keeper.VaultRulesWorld.MAX_SPOT_TWAP;
import static dev.ballast.keeper.VaultRulesWorld.TARGETS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import dev.ballast.chain.ChainSnapshot;
import dev.ballast.chain.FailoverPolicy;
import dev.ballast.chain.FailoverRpc;
import dev.ballast.chain.RpcEndpoint;
import dev.ballast.chain.VaultReader;
import dev.ballast.chain.VaultReaderOptions;
import dev.ballast.chain.VaultState;
import dev.ballast.policy.GasQuote;
import dev.ballast.policy.Leg;
import dev.ballast.policy.PortfolioSnapshot;
import dev.ballast.policy.RebalancePolicy;
import dev.ballast.policy.VaultMath;
import dev.ballast.policy.Verdict;
import dev.ballast.tx.RevertDecoder;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.utils.Numeric;

/**
 * The keeper's copies of on-chain rules against the contract itself: the same generated cases (seeded random, plus
 * every edge: zero and huge prices, deviations exactly at their bound and one wei either side, every DriftMode,
 * lastRebalance 0, the cooldown's end and the calendar's due time to the second, drift equal to the band and one wei
 * either side) are judged by the REAL vault, {@code eth_call} of {@code rebalance(legs)} from its keeper at the case's
 * block and time, and by the keeper's Java: the lens read of that block, {@link PortfolioReader},
 * {@link RebalancePolicy#vaultRefusal} / {@link RebalancePolicy#decide} and {@link ManipulationCheck}. The verdicts
 * (the error's name, or "pass" for a rebalance that goes through) must be identical. Because the Solidity side is
 * the deployed vault, this stays true however its internals are refactored.
 */
@ExtendWith(AnvilExtension.class)
class VaultRulesDifferentialTest {
    private static final long SEED = Long.getLong("ballast.differential.seed", 20261206L);
    private static final int RANDOM_PRICE_CASES = 160;
    private static final BigInteger MAX = VaultMath.MAX_UINT256;
    private static final RevertDecoder ERRORS = RevertDecoder.forBallast();
    /** Vault index of the BAND_OR_CALENDAR vault never rebalanced: always due (calendar), so its legs are judged. */
    private static final int ALWAYS_DUE = 4;

    /**
     * One case: router prices, the venue's spot and TWAP for the leg's pair, the leg (sell 1 whole token of
     * {@code from} for {@code to}; null spot: the venue reverts), and the time: seconds after the vault's lastRebalance
     * (after the block's time for a vault that never rebalanced), null for the block's own time.
     */
    record Case(String label, int vault, BigInteger[] prices, int from, int to, BigInteger spot, BigInteger twap, Long since) {
        @Override
        public String toString() {
            return label + " (vault " + vault + ", prices " + List.of(prices) + ", " + from + "->" + to + ", spot " + spot
                    + ", twap " + twap + ", time " + since + ")";
        }
    }

    @Test
    void javaCopiesGiveTheVaultsVerdictOnEveryCase(AnvilChain chain) throws Exception {
        System.out.println("VaultRulesDifferentialTest seed " + SEED + " (-Dballast.differential.seed=N to rerun)");
        VaultRulesWorld world = VaultRulesWorld.deploy(chain);
        List<Case> cases = new ArrayList<>(driftCases(world, new Random(SEED)));
        cases.addAll(priceEdgeCases());
        cases.addAll(randomPriceCases(new Random(SEED + 1)));

        Map<String, Integer> verdicts = run(chain, world, world.venue.getContractAddress(), cases);
        // the cases reach every verdict, so agreement is not agreement on one answer
        assertThat(verdicts.keySet()).contains("pass", "CooldownActive", "DriftWithinBand", "CalendarNotDue",
                "RebalanceNotDue", "SpotTwapDeviation", "OracleSpotDeviation", "OracleTwapDeviation", "Panic(0x11)",
                "SettableVenuePriceUnset");

        // the same cases through a venue the vaults allowed as spot-only: held to the oracle alone, on both sides
        Map<String, Integer> spotOnly = run(chain, world, world.spotOnlyVenue.getContractAddress(), cases);
        assertThat(spotOnly.keySet()).contains("pass", "OracleSpotDeviation", "SettableVenuePriceUnset")
                .doesNotContain("SpotTwapDeviation", "OracleTwapDeviation");
    }

    /** Every case through {@code venue}, the keeper's verdict against the vault's; returns the vault's verdict counts. */
    private static Map<String, Integer> run(AnvilChain chain, VaultRulesWorld world, String venue, List<Case> cases)
            throws Exception {
        Map<String, Integer> verdicts = new TreeMap<>();
        List<String> disagreements = new ArrayList<>();
        long started = System.nanoTime();
        try (FailoverRpc rpc = new FailoverRpc(List.of(RpcEndpoint.http("anvil", chain.rpcUrl())), FailoverPolicy.defaults())) {
            VaultReader reader = new VaultReader(rpc, VaultReaderOptions.defaults());
            for (Case c : cases) {
                world.setRouterPrices(c.prices());
                world.setVenuePrices(c.from(), c.to(), c.spot(), c.twap());
                long block = chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
                VaultRulesWorld.Vault vault = world.vaults.get(c.vault());
                ChainSnapshot snapshot = reader.readWithVenues(block,
                        List.of(new VaultReader.VaultQuery(vault.address(), venue)), List.of());
                VaultState state = snapshot.vaults().getFirst();
                long time = c.since() == null ? snapshot.timestamp()
                        : (vault.rebalanced() ? state.lastRebalance().longValueExact() : snapshot.timestamp()) + c.since();
                String java = javaVerdict(world, venue, state, c, time);
                String solidity = vaultVerdict(chain, world, venue, vault, c, block, time);
                verdicts.merge(solidity, 1, Integer::sum);
                if (!java.equals(solidity)) disagreements.add(c + ": vault " + solidity + ", keeper " + java);
            }
        }
        System.out.printf("venue %s: %d cases in %.1f s, verdicts %s%n", venue, cases.size(),
                (System.nanoTime() - started) / 1e9, verdicts);
        assertThat(disagreements).as("cases where the keeper's copy and the vault disagree, venue " + venue).isEmpty();
        return verdicts;
    }

    /** The keeper's verdict: the policy's pre-leg refusal (checked against its decision), then the venue guard. */
    private static String javaVerdict(VaultRulesWorld world, String venue, VaultState state, Case c, long time) {
        PortfolioReader.Result read = PortfolioReader.read(state, time, GasQuote.FREE);
        assertThat(read.refusal()).as(c.label()).isNull();
        PortfolioSnapshot portfolio = read.snapshot().orElseThrow();
        ManagedVault config = new ManagedVault("v", state.address(), venue, "0x0", 0, 0, 0, 0);
        RebalancePolicy policy = new RebalancePolicy(PortfolioReader.params(state.params(), config));
        var refusal = policy.vaultRefusal(portfolio);
        Verdict verdict = policy.decide(portfolio).verdict();
        assertThat(verdict == Verdict.NOT_DUE || verdict == Verdict.COOLDOWN).as("%s: decision %s, refusal %s", c, verdict, refusal)
                .isEqualTo(refusal.isPresent());
        if (refusal.isPresent()) return refusal.get();
        return ManipulationCheck.check(state, venue, List.of(leg(world, c)))
                .map(ManipulationCheck.Refusal::error).orElse("pass");
    }

    /** The vault's verdict: {@code eth_call} of rebalance(legs) from the keeper at {@code block}, at {@code time}. */
    private static String vaultVerdict(AnvilChain chain, VaultRulesWorld world, String venue, VaultRulesWorld.Vault vault, Case c,
            long block, long time) throws Exception {
        String data = RebalanceCall.encode(venue, List.of(leg(world, c)));
        Map<String, String> tx = Map.of("from", world.keeper, "to", vault.address(), "data", data);
        EthCall result = new Request<>("eth_call", List.of(tx, Numeric.toHexStringWithPrefix(BigInteger.valueOf(block)), Map.of(),
                Map.of("time", Numeric.toHexStringWithPrefix(BigInteger.valueOf(time)))), new org.web3j.protocol.http.HttpService(chain.rpcUrl()), EthCall.class).send();
        if (!result.hasError()) return "pass";
        String revert = String.valueOf(result.getError().getData()).replace("\"", "");
        RevertDecoder.DecodedRevert decoded = ERRORS.decode(revert);
        if (decoded.name().equals("Panic")) return String.format("Panic(0x%02x)", (BigInteger) decoded.args().getFirst());
        return decoded.name();
    }

    private static Leg leg(VaultRulesWorld world, Case c) {
        return new Leg(c.from(), world.assets.get(c.from()), c.to(), world.assets.get(c.to()), 1,
                BigInteger.TEN.pow(VaultRulesWorld.DECIMALS[c.from()]), 0, BigInteger.ZERO, 1, 1);
    }

    // ---------------------------------------------------------------- the cases

    /**
     * Every vault (each DriftMode, never and once rebalanced) with drift at band − 1, band, band + 1 wei, a few wei
     * above the band and random drifts either side, at the block's time and at the cooldown's end and calendar due time to the second. Asset 0
     * is overweight and asset 1 underweight by the drift, asset 2 on target, so the leg (0 → 1) reduces the drift and
     * the venue quoting the router's price lets a due rebalance pass.
     */
    private static List<Case> driftCases(VaultRulesWorld world, Random random) {
        List<Case> cases = new ArrayList<>();
        for (int v = 0; v < world.vaults.size(); v++) {
            List<BigInteger> drifts = new ArrayList<>(List.of(BAND.subtract(BigInteger.ONE), BAND, BAND.add(BigInteger.ONE)));
            drifts.add(randomBelow(random, BAND).max(BigInteger.ONE));
            drifts.add(BAND.add(randomBelow(random, BAND)));
            List<Long> times = new ArrayList<>();
            times.add(null);
            times.add(INTERVAL + 1 + random.nextInt(86_400));
            if (world.vaults.get(v).rebalanced()) {
                times.addAll(List.of(COOLDOWN - 1, COOLDOWN, INTERVAL - 1, INTERVAL, INTERVAL + 1));
            }
            List<BigInteger[]> priceSets = new ArrayList<>();
            for (BigInteger drift : drifts) priceSets.add(new BigInteger[] {TARGETS[0].add(drift), TARGETS[1].subtract(drift), TARGETS[2]});
            // the band exceeded by a few wei of weight, far below the policy's value unit (1e-8): only exact math sees it
            priceSets.add(new BigInteger[] {TARGETS[0].add(BAND).add(BigInteger.TEN), TARGETS[1].subtract(BAND), TARGETS[2]});
            for (BigInteger[] prices : priceSets) {
                BigInteger cross = VaultMath.crossPrice(prices[0], prices[1]);
                for (Long t : times) {
                    cases.add(new Case("drift at " + (t == null ? "now" : "+" + t), v, prices, 0, 1, cross, cross, t));
                }
            }
        }
        return cases;
    }

    /** The venue guard's edges, on the always-due vault with the router on target (0.5 / 0.3 / 0.2). */
    private static List<Case> priceEdgeCases() {
        List<Case> cases = new ArrayList<>();
        BigInteger[] prices = {TARGETS[0].add(BAND.multiply(BigInteger.TWO)), TARGETS[1].subtract(BAND), TARGETS[2]};
        BigInteger oracle = VaultMath.crossPrice(prices[0], prices[1]);
        BigInteger spotTwapGap = mulDown(oracle, MAX_SPOT_TWAP);
        BigInteger oracleGap = mulDown(oracle, MAX_ORACLE_VENUE);
        BigInteger half = mulDown(oracle, MAX_ORACLE_VENUE.divide(BigInteger.TWO));
        for (int d = -1; d <= 1; d++) {
            BigInteger wei = BigInteger.valueOf(d);
            cases.add(edge("spot/TWAP at bound " + d, prices, oracle.add(spotTwapGap).add(wei), oracle));
            cases.add(edge("TWAP/spot below at bound " + d, prices, oracle, oracle.add(spotTwapGap).add(wei)));
            cases.add(edge("spot/oracle above at bound " + d, prices, oracle.add(oracleGap).add(wei), oracle.add(oracleGap).add(wei)));
            cases.add(edge("spot/oracle below at bound " + d, prices, oracle.subtract(oracleGap).add(wei), oracle.subtract(oracleGap).add(wei)));
            cases.add(edge("TWAP/oracle at bound " + d, prices, oracle.add(half), oracle.add(oracleGap).add(wei)));
        }
        cases.add(edge("equal prices", prices, oracle, oracle));
        cases.add(edge("zero spot", prices, BigInteger.ZERO, oracle));
        cases.add(edge("zero TWAP", prices, oracle, BigInteger.ZERO));
        cases.add(edge("zero spot and TWAP", prices, BigInteger.ZERO, BigInteger.ZERO));
        cases.add(edge("max spot", prices, MAX, oracle));
        cases.add(edge("max TWAP", prices, oracle, MAX));
        cases.add(edge("max spot and TWAP", prices, MAX, MAX));
        cases.add(edge("huge spot, no overflow", prices, BigInteger.TWO.pow(190), oracle));
        cases.add(edge("spot one wei", prices, BigInteger.ONE, BigInteger.ONE));
        // a router cross price that rounds to zero: base worth 1 wei, quote 2e18
        BigInteger[] dust = {BigInteger.ONE, E18.multiply(BigInteger.TWO), TARGETS[2]};
        cases.add(new Case("zero oracle price", ALWAYS_DUE, dust, 0, 1, BigInteger.ONE, BigInteger.ONE, null));
        cases.add(new Case("zero oracle, zero venue", ALWAYS_DUE, dust, 0, 1, BigInteger.ZERO, BigInteger.ZERO, null));
        // huge router prices (1e24 per whole token) with a venue that agrees
        BigInteger[] huge = {BigInteger.TEN.pow(24), BigInteger.TEN.pow(20), BigInteger.TEN.pow(20)};
        BigInteger hugeCross = VaultMath.crossPrice(huge[0], huge[1]);
        cases.add(new Case("huge router prices", ALWAYS_DUE, huge, 0, 1, hugeCross, hugeCross, null));
        // a pair the venue was never given prices for reverts inside the venue
        cases.add(new Case("venue reverts", ALWAYS_DUE, prices, 0, 2, null, null, null));
        return cases;
    }

    private static Case edge(String label, BigInteger[] prices, BigInteger spot, BigInteger twap) {
        return new Case(label, ALWAYS_DUE, prices, 0, 1, spot, twap, null);
    }

    /**
     * Random router prices with one random asset overweight and another underweight (the third on target), the leg
     * between them, and spot and TWAP within about ±5 % of the router's cross price (around the 2 % / 3 % bounds).
     */
    private static List<Case> randomPriceCases(Random random) {
        List<Case> cases = new ArrayList<>();
        for (int k = 0; k < RANDOM_PRICE_CASES; k++) {
            int from = random.nextInt(3);
            int to = (from + 1 + random.nextInt(2)) % 3;
            int other = 3 - from - to;
            BigInteger drift = BAND.add(randomBelow(random, BAND.multiply(BigInteger.TWO)));
            BigInteger[] prices = new BigInteger[3];
            prices[from] = TARGETS[from].add(drift);
            prices[to] = TARGETS[to].subtract(drift.min(TARGETS[to].subtract(BigInteger.ONE)));
            prices[other] = TARGETS[other];
            BigInteger oracle = VaultMath.crossPrice(prices[from], prices[to]);
            BigInteger twap = shift(random, oracle);
            BigInteger spot = shift(random, twap);
            cases.add(new Case("random " + k, ALWAYS_DUE, prices, from, to, spot, twap, null));
        }
        return cases;
    }

    /** {@code x} moved by a random fraction in (−5 %, +5 %), to the wei. */
    private static BigInteger shift(Random random, BigInteger x) {
        BigInteger fraction = randomBelow(random, E18.divide(BigInteger.TEN)).subtract(E18.divide(BigInteger.valueOf(20)));
        return x.add(x.multiply(fraction).divide(E18)).max(BigInteger.ZERO);
    }

    private static BigInteger randomBelow(Random random, BigInteger bound) {
        BigInteger r;
        do {
            r = new BigInteger(bound.bitLength(), random);
        } while (r.compareTo(bound) >= 0);
        return r;
    }

    private static BigInteger mulDown(BigInteger a, BigInteger fraction) {
        return a.multiply(fraction).divide(E18);
    }
}
