package dev.ballast.dashboard;

import dev.ballast.paper.PaperConfig;
import dev.ballast.paper.PaperLedger;
import dev.ballast.paper.PaperRows;
import dev.ballast.policy.RebalanceMode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A paper run written by the real {@link PaperLedger} (through its migrations and batches, as {@code ballast paper}
 * writes it): one two-asset vault, 50/50, 5% band, one block every 12 s on a seeded random walk of B's price, a
 * simulated rebalance back to target whenever drift leaves the band (fees, impact, gas, every other one checked on a
 * fork), one refused rebalance and one gap.
 */
public final class PaperRunFixture {
    public static final String VAULT = "paper-eth";
    static final BigInteger HALF = BigInteger.TEN.pow(17).multiply(BigInteger.valueOf(5));
    static final String A = "0x00000000000000000000000000000000000000a1";
    static final String B = "0x00000000000000000000000000000000000000b2";
    static final PaperConfig.Gas GAS = new PaperConfig.Gas(400_000, 150_000, 3000_00000000L, BigInteger.ONE);
    static final PaperConfig.Vault CONFIG = new PaperConfig.Vault(VAULT, A, B,
            List.of(new PaperConfig.PaperAsset(A, HALF), new PaperConfig.PaperAsset(B, HALF)),
            new PaperConfig.Start(new BigDecimal("10000"), null), new PaperConfig.Policy(RebalanceMode.BAND,
            HALF.divide(BigInteger.TEN), 86_400, 60, 0, BigInteger.TEN.pow(16), HALF, 1800, BigInteger.TEN.pow(17),
            BigInteger.TEN.pow(17), 0, BigInteger.TEN.pow(16).longValueExact()));

    private PaperRunFixture() {}

    /** The dashboard's view of this run, as {@code ballast dashboard --paper-config} builds it from paper.yaml. */
    static PaperSource source(Path journal) {
        return new PaperSource(journal, GAS, List.of(new PaperSource.Vault(VAULT, PaperLedger.policy(CONFIG))));
    }

    /** Writes {@code blocks} blocks of the run into {@code journal}; returns the simulated rebalances it recorded. */
    public static int write(Path journal, int blocks, long seed) {
        Random random = new Random(seed);
        int rebalances = 0;
        try (PaperLedger ledger = PaperLedger.open(journal)) {
            double a = 5000, b = 2.5; // whole tokens; A at 1, B at 2000
            double priceB = 2000;
            long start = 1_700_000_000L;
            List<BigInteger> initial = List.of(BigInteger.valueOf(5000), BigInteger.valueOf(25).multiply(BigInteger.TEN.pow(17)));
            for (int i = 0; i < blocks; i++) {
                long block = 100 + i + (i >= blocks / 2 ? 20 : 0); // 20 blocks missed half-way: the gap
                long time = start + (block - 100) * 12;
                priceB *= Math.exp(random.nextGaussian() * 0.03);
                double nav = a + b * priceB;
                double drift = Math.abs(b * priceB / nav - 0.5);
                boolean rebalance = drift > 0.05;
                boolean refused = !rebalance && i == blocks / 3;
                double navAfter = nav, driftAfter = drift;
                PaperRows.RebalanceRow row = null;
                if (rebalance || refused) {
                    double traded = Math.abs(b * priceB - nav / 2);
                    double fee = traded * 0.003, impact = traded * 0.0007, gasValue = 550_000 * 20e-9 * 3000;
                    if (rebalance) {
                        navAfter = nav - fee - impact;
                        a = navAfter / 2;
                        b = navAfter / 2 / priceB;
                        driftAfter = 0;
                        rebalances++;
                    }
                    boolean forked = rebalance && rebalances % 2 == 0;
                    row = new PaperRows.RebalanceRow(VAULT, block, time, rebalance ? "FILLED" : "REFUSED",
                            rebalance ? "drift " + drift : "oracle and venue disagree", 1, rebalance ? traded : 0,
                            rebalance ? fee + impact : 0, rebalance ? fee : 0, rebalance ? impact : 0, 550_000,
                            BigInteger.valueOf(20_000_000_000L), rebalance ? gasValue : 0, nav, navAfter, drift, driftAfter,
                            forked ? "MINED" : null, forked ? 431_000L : null, forked ? -1.25 * rebalances : null);
                }
                final PaperRows.RebalanceRow r = row;
                final double navNow = navAfter, driftNow = driftAfter, p = priceB;
                final long bl = block, t = time;
                final List<BigInteger> balances = List.of(BigInteger.valueOf(Math.round(a)),
                        BigDecimal.valueOf(b).movePointRight(18).toBigInteger());
                final boolean gapHere = i == blocks / 2;
                ledger.write(batch -> {
                    if (gapHere) batch.gap(new PaperRows.Gap(VAULT, bl - 20, bl - 1, "node unreachable for 20 blocks"));
                    if (r != null) {
                        List<PaperRows.FillRow> fills = new ArrayList<>();
                        fills.add(new PaperRows.FillRow(0, B, A, BigInteger.TEN.pow(17), BigInteger.valueOf(199_000),
                                BigInteger.valueOf(200_000), BigInteger.valueOf(198_000), 30, 7, 37,
                                r.forkGasUsed() == null ? null : BigInteger.valueOf(198_990), r.forkDiffBps()));
                        batch.rebalance(r, fills);
                    }
                    batch.observe(new PaperRows.Observation(VAULT, bl, t, BigInteger.valueOf(20_000_000_000L - bl),
                            List.of(1.0, p), navNow, driftNow, r == null ? "SKIPPED" : r.status()));
                    batch.saveVault(new PaperRows.VaultRow(VAULT, List.of(A, B), List.of(0, 18), List.of(HALF, HALF), 100,
                            initial, balances, r != null && r.status().equals("FILLED") ? bl : 0, bl));
                });
            }
        }
        return rebalances;
    }
}
