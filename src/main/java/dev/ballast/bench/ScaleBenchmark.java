package dev.ballast.bench;

import dev.ballast.anvil.AnvilOptions;
import dev.ballast.anvil.AnvilProcess;
import dev.ballast.anvil.AnvilRpc;
import dev.ballast.anvil.DevAccounts;
import dev.ballast.deploy.DevGas;
import dev.ballast.journal.Journal;
import dev.ballast.journal.JournalTarget;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.OkHttpClient;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * Issue 16 §5: a large fleet ({@link KeeperFleet}, copies of normally deployed vaults) shared by several {@code ballast
 * run} processes on one PostgreSQL journal with leases. Each keeper reaches Anvil through its own
 * {@link CountingRpcProxy}, which counts its lens reads and stamps its broadcasts. {@code trading} vaults, spread over
 * the fleet, keep the 5% band; every other vault gets a 45% band, so a shock of the WETH feed puts exactly the trading
 * vaults out of band while every keeper still reads all the vaults it leases each block. Prints per keeper: vaults
 * leased, lens reads per block, heap (the JVM's own {@code jvm_memory_used_bytes{area="heap"}} from its /metrics, and
 * the peak sampled), and head -> broadcast measured two ways: from the moment the shocked block was mined to the
 * broadcast reaching the proxy (what an operator sees; includes the keeper's 1 s head poll), and the keeper's own
 * {@code ballast_head_to_broadcast_seconds} histogram (head taken up -> broadcast). Then the journal's write latency
 * on PostgreSQL vs SQLite while the keepers run ({@link JournalLatencyBenchmark}).
 */
public final class ScaleBenchmark {
    static final long CHAIN_ID = AnvilOptions.DEFAULT_CHAIN_ID;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Block gas limit: {@link KeeperFleet#shockInTwoBlocks} sends up to 5 transactions of 3M gas per pool per block. */
    private static final long SHOCK_BLOCK_GAS = 2_000_000_000L;

    /**
     * @param trading vaults that keep the 5% band (the rest get 45%): the out-of-band vaults of each shock
     * @param shocks  measured shocks (each moves the trading vaults out of band once)
     */
    public record Options(int vaults, int keepers, int pools, int trading, int shocks, String keeperHeap, int writes) {
        public Options {
            if (vaults < 1) throw new IllegalArgumentException("--vaults must be >= 1, got " + vaults);
            if (keepers < 1 || keepers > 8) throw new IllegalArgumentException("--keepers must be 1..8, got " + keepers);
            // a shock's feed block is 5 transactions per pool, and must stay within one RawPipeline window (200)
            if (pools < 1 || pools > 40) throw new IllegalArgumentException("--pools must be 1..40, got " + pools);
            if (trading < 1 || trading > vaults) throw new IllegalArgumentException("--trading must be 1..vaults, got " + trading);
            if (shocks < 1) throw new IllegalArgumentException("--shocks must be >= 1, got " + shocks);
        }
    }

    /** One keeper's figures. */
    public record KeeperFigures(String keeper, int leased, double lensReadsPerBlock, long lensBlocks, long heapNowBytes,
            long heapPeakBytes, long broadcasts) {}

    public record Result(List<KeeperFigures> keepers, Latency minedToBroadcast, double keeperP50Seconds,
            double keeperP99Seconds, long keeperBroadcasts, long earlyBroadcasts) {}

    private ScaleBenchmark() {}

    public static Result run(PrintStream out, Options o, ThrowawayPostgres pg) throws Exception {
        Path dir = Files.createTempDirectory("ballast-scale");
        JournalTarget.Postgres journal = pg.newDatabase("scale");
        out.printf("scale benchmark: %,d vaults over %d pools, %d keeper processes on one PostgreSQL journal, %d trading "
                + "vaults, %d shocks; %d CPU(s); load average %s%n", o.vaults(), o.pools(), o.keepers(), o.trading(),
                o.shocks(), Runtime.getRuntime().availableProcessors(), MetricsBenchmark.loadAverage());
        try (AnvilProcess anvil = AnvilProcess.start(AnvilOptions.defaults().withExtraArgs("--prune-history", "64",
                // the two-block shock puts every pool's swap, then every feed update, in one block each
                "--gas-limit", Long.toString(SHOCK_BLOCK_GAS)));
                Journal observer = Journal.open(journal, Clock.systemUTC())) {
            // the bench's own calls (deploy, shocks, anvil_mine) wait behind 4 keepers reading 10,000 vaults: at web3j's
            // default 10 s read timeout an anvil_mine timed out and ended the first run with a working fix
            HttpService service = new HttpService(anvil.rpcUrl(), new OkHttpClient.Builder()
                    .readTimeout(Duration.ofMinutes(5)).build());
            Web3j web3j = Web3j.build(service);
            Credentials deployer = DevAccounts.get(0);
            List<Credentials> signers = new ArrayList<>();
            for (int i = 0; i < o.keepers(); i++) signers.add(DevAccounts.get(1 + i));
            long started = System.nanoTime();
            KeeperFleet fleet = KeeperFleet.deploy(web3j, new AnvilRpc(service), DevGas.txManager(web3j, deployer, CHAIN_ID),
                    deployer, CHAIN_ID, signers.getFirst().getAddress(), o.vaults(), o.pools(), false,
                    signers.subList(1, signers.size()).stream().map(Credentials::getAddress).toList());
            out.printf("fleet of %,d vaults (%d keepers each) deployed in %.1f s%n", o.vaults(), o.keepers(),
                    (System.nanoTime() - started) / 1e9);
            List<String> vaults = fleet.vaults().stream().map(v -> v.address().toLowerCase(Locale.ROOT)).toList();

            List<CountingRpcProxy> proxies = new ArrayList<>();
            List<FailoverBenchmark.KeeperProcess> keepers = new ArrayList<>();
            List<Integer> metricsPorts = new ArrayList<>();
            Thread killKeepers = new Thread(() -> keepers.forEach(FailoverBenchmark.KeeperProcess::kill), "scale-keepers-kill");
            try {
                for (int i = 0; i < o.keepers(); i++) {
                    CountingRpcProxy proxy = CountingRpcProxy.start(anvil.rpcUrl());
                    proxies.add(proxy);
                    int port = freePort();
                    metricsPorts.add(port);
                    keepers.add(new FailoverBenchmark.KeeperProcess(dir, i, signers.get(i), config(dir, i, proxy.url(),
                            journal.jdbcUrl().replace("jdbc:", ""), port, vaults, o.trading()), journal.user(), o.keeperHeap()));
                }
                started = System.nanoTime();
                Runtime.getRuntime().addShutdownHook(killKeepers); // SIGTERM or Ctrl-C mid-run: no keeper outlives us
                keepers.forEach(FailoverBenchmark.KeeperProcess::start);
                FailoverBenchmark.awaitAllLeased(observer, vaults, o.keepers(), Duration.ofMinutes(20));
                out.printf("keepers started and shared the vaults in %.1f s%n", (System.nanoTime() - started) / 1e9);
                fleet.shockInTwoBlocks(); // warm-up: JIT, first rebalances; not measured
                Thread.sleep(10_000);
                proxies.forEach(p -> {
                    p.takeCounts();
                    p.takeBroadcastTimes();
                });
                Map<Integer, Double> before = keeperHistogramTotals(metricsPorts);

                List<Double> minedToBroadcast = new ArrayList<>();
                long early = 0;
                long[] heapPeak = new long[o.keepers()];
                long[] broadcasts = new long[o.keepers()];
                for (int s = 0; s < o.shocks(); s++) {
                    fleet.shockInTwoBlocks();
                    long mined = System.nanoTime();
                    long deadline = mined + Duration.ofSeconds(30).toNanos();
                    int seen = 0;
                    while (System.nanoTime() < deadline && seen < o.trading()) {
                        Thread.sleep(250);
                        for (int k = 0; k < proxies.size(); k++) {
                            for (long t : proxies.get(k).takeBroadcastTimes()) {
                                broadcasts[k]++;
                                seen++;
                                if (t < mined) early++;
                                else minedToBroadcast.add((t - mined) / 1e6);
                            }
                        }
                    }
                    for (int k = 0; k < o.keepers(); k++) heapPeak[k] = Math.max(heapPeak[k], heap(metricsPorts.get(k)));
                    Thread.sleep(2_000); // receipts, so the next shock finds no pending rebalance
                }
                List<KeeperFigures> figures = new ArrayList<>();
                for (int k = 0; k < o.keepers(); k++) {
                    CountingRpcProxy.Counts c = proxies.get(k).takeCounts();
                    long heapNow = heap(metricsPorts.get(k));
                    figures.add(new KeeperFigures(keepers.get(k).id(), observer.leases().held(keepers.get(k).id()).size(),
                            c.lensBlocks() == 0 ? 0 : (double) c.of(CountingRpcProxy.LENS_READ) / c.lensBlocks(),
                            c.lensBlocks(), heapNow, Math.max(heapPeak[k], heapNow), broadcasts[k]));
                }
                double[] keeperQuantiles = keeperQuantiles(metricsPorts, before);
                Result result = new Result(figures, Latency.of(minedToBroadcast), keeperQuantiles[0], keeperQuantiles[1],
                        (long) keeperQuantiles[2], early);
                print(out, o, result);
                JournalLatencyBenchmark.run(out, o.writes(), dir.resolve("latency.db"), pg.newDatabase("scalelatency"));
                out.printf("load average after: %s%n", MetricsBenchmark.loadAverage());
                return result;
            } finally {
                keepers.forEach(FailoverBenchmark.KeeperProcess::kill);
                try {
                    Runtime.getRuntime().removeShutdownHook(killKeepers);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running or ran: the keepers are being killed either way
                }
                proxies.forEach(CountingRpcProxy::close);
                web3j.shutdown();
            }
        }
    }

    private static void print(PrintStream out, Options o, Result r) {
        out.printf("%n%-44s %7s %18s %12s %12s %11s%n", "keeper", "leased", "lens reads/block", "heap now", "heap peak",
                "broadcasts");
        for (KeeperFigures k : r.keepers()) {
            out.printf("%-44s %7d %12.2f (%4d blk) %9.1f MB %9.1f MB %11d%n", k.keeper(), k.leased(), k.lensReadsPerBlock(),
                    k.lensBlocks(), k.heapNowBytes() / 1048576.0, k.heapPeakBytes() / 1048576.0, k.broadcasts());
        }
        out.printf("head -> broadcast, a vault out of band among %,d (mined -> broadcast at the node, incl. the 1 s head "
                + "poll): %s%n", o.vaults(), r.minedToBroadcast().format());
        out.printf("head -> broadcast, the keepers' own histogram (head taken up -> broadcast, interpolated in buckets, "
                + "n=%d): p50 %s  p99 %s%n", r.keeperBroadcasts(), Latency.ms(r.keeperP50Seconds() * 1000),
                Latency.ms(r.keeperP99Seconds() * 1000));
        if (r.earlyBroadcasts() > 0) {
            out.printf("(%d broadcasts arrived before their shock's last block was mined and are not in the figure)%n",
                    r.earlyBroadcasts());
        }
    }

    /** The keeper config: every vault, the trading ones at a 5% band, the rest at 45%; metrics on {@code port}. */
    static Path config(Path dir, int index, String rpcUrl, String journalUrl, int port, List<String> vaults, int trading)
            throws IOException {
        StringBuilder y = new StringBuilder();
        y.append("chainId: ").append(CHAIN_ID).append("\nrpc:\n  endpoints:\n    - http: ").append(rpcUrl)
                .append("\nsigner:\n  privateKeyEnv: BALLAST_FAILOVER_KEY\npolicy:\n  band: 0.45\nvaults:\n");
        int stride = Math.max(1, vaults.size() / trading);
        for (int i = 0; i < vaults.size(); i++) {
            y.append("  - address: \"").append(Keys.toChecksumAddress(vaults.get(i)))
                    .append("\"\n    name: v").append(i).append('\n');
            if (i % stride == stride - 1 && i / stride < trading) y.append("    policy:\n      band: 0.05\n");
        }
        y.append("pollInterval: 1s\nconfirmations: 0\njournal:\n  url: ").append(journalUrl)
                .append("\n  leaseTtl: 30s\nmetrics:\n  enabled: true\n  port: ").append(port).append('\n');
        Path file = dir.resolve("keeper-" + index + ".yaml");
        Files.writeString(file, y);
        return file;
    }

    private static long heap(int port) {
        double sum = 0;
        for (String line : scrape(port)) {
            if (line.startsWith("jvm_memory_used_bytes{area=\"heap\"")) sum += value(line);
        }
        return (long) sum;
    }

    /** Per bucket upper bound (seconds; +Inf as infinity), the sum over keepers of the cumulative count. */
    private static Map<Integer, Double> keeperHistogramTotals(List<Integer> ports) {
        Map<Integer, Double> byMillis = new TreeMap<>();
        for (int port : ports) {
            for (String line : scrape(port)) {
                if (!line.startsWith("ballast_head_to_broadcast_seconds_bucket{")) continue;
                String le = line.substring(line.indexOf("le=\"") + 4, line.indexOf('"', line.indexOf("le=\"") + 4));
                int ms = le.equals("+Inf") ? Integer.MAX_VALUE : (int) Math.round(Double.parseDouble(le) * 1000);
                byMillis.merge(ms, value(line), Double::sum);
            }
        }
        return byMillis;
    }

    /** p50, p99 (seconds, linear within a bucket) and the count of the keepers' histogram since {@code before}. */
    private static double[] keeperQuantiles(List<Integer> ports, Map<Integer, Double> before) {
        Map<Integer, Double> after = keeperHistogramTotals(ports);
        List<Integer> bounds = new ArrayList<>(after.keySet());
        double[] cumulative = new double[bounds.size()];
        for (int i = 0; i < bounds.size(); i++) {
            cumulative[i] = after.get(bounds.get(i)) - before.getOrDefault(bounds.get(i), 0.0);
        }
        double total = cumulative.length == 0 ? 0 : cumulative[cumulative.length - 1];
        return new double[] {quantile(bounds, cumulative, total, 0.50), quantile(bounds, cumulative, total, 0.99), total};
    }

    static double quantile(List<Integer> boundsMillis, double[] cumulative, double total, double q) {
        if (total == 0) return Double.NaN;
        double rank = q * total;
        for (int i = 0; i < cumulative.length; i++) {
            if (cumulative[i] >= rank) {
                double lower = i == 0 ? 0 : boundsMillis.get(i - 1);
                double below = i == 0 ? 0 : cumulative[i - 1];
                if (boundsMillis.get(i) == Integer.MAX_VALUE) return lower / 1000; // beyond the last bound: its floor
                double inBucket = cumulative[i] - below;
                return (lower + (boundsMillis.get(i) - lower) * (inBucket == 0 ? 1 : (rank - below) / inBucket)) / 1000;
            }
        }
        return Double.NaN;
    }

    private static List<String> scrape(int port) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            return r.body().lines().toList();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
