package dev.ballast.bench;

import dev.ballast.anvil.AnvilOptions;
import dev.ballast.anvil.AnvilProcess;
import dev.ballast.anvil.AnvilRpc;
import dev.ballast.anvil.DevAccounts;
import dev.ballast.bench.fault.TcpCutProxy;
import dev.ballast.contracts.RebalancingVault;
import dev.ballast.deploy.DevGas;
import dev.ballast.journal.Journal;
import dev.ballast.journal.JournalTarget;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.web3j.abi.EventEncoder;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * Several keeper processes ({@code ballast run}, separate JVMs, one signer each) on one PostgreSQL journal and one
 * Anvil fleet, attacked the ways a keeper dies: each episode moves every vault out of its band and, at a random moment
 * while the keepers are at work, kills a keeper that holds leases with SIGKILL (it is restarted after the episode, so
 * it also rejoins mid-episode), or freezes one with SIGSTOP for longer than its lease and wakes it, or cuts one
 * keeper's database connection (a TCP hop that drops). Counts {@code Rebalanced} events per vault and episode (each
 * must be exactly 1) and measures takeover: blocks from the kill to the first rebalance by another keeper of a vault
 * the killed keeper held.
 */
public final class FailoverBenchmark {
    static final long CHAIN_ID = AnvilOptions.DEFAULT_CHAIN_ID;
    private static final String KEY_ENV = "BALLAST_FAILOVER_KEY";

    /**
     * @param kills       episodes whose fault is a SIGKILL of a lease holder
     * @param freezeFor   the one SIGSTOP episode's pause (longer than the lease); zero skips it
     * @param cutFor      the one database-cut episode's outage; zero skips it
     * @param blockMillis Anvil mines an empty block this often (the keepers' heads)
     */
    public record Options(int keepers, int vaults, int pools, int kills, Duration leaseTtl, Duration freezeFor,
            Duration cutFor, long seed, long blockMillis, Duration episodeTimeout) {
        public Options {
            if (keepers < 2) throw new IllegalArgumentException("--keepers must be >= 2, got " + keepers);
            if (keepers > 8) throw new IllegalArgumentException("--keepers must be <= 8 (dev accounts), got " + keepers);
            if (vaults < 1) throw new IllegalArgumentException("--vaults must be >= 1, got " + vaults);
            if (kills < 0) throw new IllegalArgumentException("--kills must be >= 0, got " + kills);
        }
    }

    /** One episode: its fault, the rebalances it should cause and those seen, and takeover blocks if measured. */
    public record Episode(String fault, int expected, Map<String, Integer> rebalancedPerVault, Long takeoverBlocks,
            double seconds) {
        public int duplicates() {
            return (int) rebalancedPerVault.values().stream().filter(n -> n > 1).count();
        }

        public int missing() {
            return expected - (int) rebalancedPerVault.values().stream().filter(n -> n >= 1).count();
        }
    }

    public record Result(List<Episode> episodes, long journalMinedDecisions, long journalDecisionsMinedTwice,
            long revertedAttempts, long rebalancedEvents) {
        public List<Long> takeovers() {
            return episodes.stream().map(Episode::takeoverBlocks).filter(Objects::nonNull).sorted().toList();
        }
    }

    private FailoverBenchmark() {}

    public static Result run(PrintStream out, Options o, JournalTarget.Postgres journal, int postgresPort)
            throws Exception {
        Random random = new Random(o.seed());
        Path dir = Files.createTempDirectory("ballast-failover");
        try (AnvilProcess anvil = AnvilProcess.start(AnvilOptions.defaults().withExtraArgs("--prune-history", "64"));
                TcpCutProxy dbHop = TcpCutProxy.start("127.0.0.1", postgresPort);
                Journal observer = Journal.open(journal, Clock.systemUTC())) {
            HttpService service = new HttpService(anvil.rpcUrl());
            Web3j web3j = Web3j.build(service);
            AnvilRpc rpc = new AnvilRpc(service);
            Credentials deployer = DevAccounts.get(0);
            List<Credentials> signers = new ArrayList<>();
            for (int i = 0; i < o.keepers(); i++) signers.add(DevAccounts.get(1 + i));
            long started = System.nanoTime();
            KeeperFleet fleet = KeeperFleet.deploy(web3j, rpc, DevGas.txManager(web3j, deployer, CHAIN_ID), deployer,
                    CHAIN_ID, signers.getFirst().getAddress(), o.vaults(), o.pools());
            fleet.addKeepers(signers.subList(1, signers.size()).stream().map(Credentials::getAddress).toList());
            out.printf("%d vault(s) over %d pool(s), %d keepers deployed in %.1f s%n", o.vaults(), fleet.pools(),
                    o.keepers(), (System.nanoTime() - started) / 1e9);
            List<String> vaults = fleet.vaults().stream().map(v -> v.address().toLowerCase(Locale.ROOT)).toList();

            // the last keeper reaches the database through the hop that the cut episode drops
            List<KeeperProcess> keepers = new ArrayList<>();
            for (int i = 0; i < o.keepers(); i++) {
                int port = i == o.keepers() - 1 ? dbHop.port() : postgresPort;
                keepers.add(new KeeperProcess(dir, i, signers.get(i), KeeperProcess.config(dir, i, anvil.rpcUrl(),
                        journal.jdbcUrl().replace(":" + postgresPort + "/", ":" + port + "/").replace("jdbc:", ""),
                        o.leaseTtl(), vaults), journal.user()));
            }
            BlockMiner miner = BlockMiner.start(rpc, o.blockMillis());
            List<Episode> episodes = new ArrayList<>();
            try {
                keepers.forEach(KeeperProcess::start);
                awaitAllLeased(observer, vaults, o.keepers(), Duration.ofSeconds(300)); // JVM start, discovery, migrations
                List<String> faults = new ArrayList<>();
                for (int i = 0; i < o.kills(); i++) faults.add("kill");
                if (!o.freezeFor().isZero()) faults.add(Math.min(faults.size(), 1), "freeze");
                if (!o.cutFor().isZero()) faults.add(Math.min(faults.size(), 2), "cut");
                for (int e = 0; e < faults.size(); e++) {
                    Episode ep = episode(fleet, web3j, observer, keepers, dbHop, vaults, faults.get(e), o, random);
                    episodes.add(ep);
                    out.printf("episode %2d %-6s rebalanced %d/%d, duplicates %d, takeover %s, %.1f s%n", e + 1,
                            ep.fault(), ep.expected() - ep.missing(), ep.expected(), ep.duplicates(),
                            ep.takeoverBlocks() == null ? "-" : ep.takeoverBlocks() + " blocks", ep.seconds());
                }
            } finally {
                miner.close();
                keepers.forEach(KeeperProcess::kill);
                web3j.shutdown();
            }
            long events = rebalanced(web3j(anvil), vaults, 0).values().stream().mapToLong(Integer::longValue).sum();
            Journal.MinedDecisions mined = observer.minedDecisions();
            long reverted = observer.revertedAttempts();
            Result result = new Result(episodes, mined.decisions(), mined.withSeveral(), reverted, events);
            print(out, o, result);
            return result;
        }
    }

    private static Web3j web3j(AnvilProcess anvil) {
        return Web3j.build(new HttpService(anvil.rpcUrl()));
    }

    private static Episode episode(KeeperFleet fleet, Web3j web3j, Journal observer, List<KeeperProcess> keepers,
            TcpCutProxy dbHop, List<String> vaults, String fault, Options o, Random random) throws Exception {
        long t0 = System.nanoTime();
        long from = fleet.blockNumber() + 1;
        fleet.shock();
        Thread.sleep(random.nextInt(1500)); // a random moment while the keepers decide, sign and send
        Long takeover = null;
        KeeperProcess victim = switch (fault) {
            case "cut" -> keepers.getLast();
            default -> holder(observer, keepers, random);
        };
        long faultBlock = fleet.blockNumber();
        Set<String> victimVaults = observer.leases().held(victim.id()).keySet();
        switch (fault) {
            case "kill" -> victim.kill();
            case "freeze" -> victim.signal("STOP");
            case "cut" -> dbHop.cut();
            default -> throw new IllegalArgumentException(fault);
        }
        long deadline = System.nanoTime() + o.episodeTimeout().toNanos();
        boolean resumed = false;
        long resumeAt = System.nanoTime() + (fault.equals("freeze") ? o.freezeFor() : o.cutFor()).toNanos();
        Map<String, Integer> seen = Map.of();
        while (System.nanoTime() < deadline) {
            if (!resumed && !fault.equals("kill") && System.nanoTime() >= resumeAt) {
                if (fault.equals("freeze")) victim.signal("CONT");
                else dbHop.restore();
                resumed = true;
            }
            seen = rebalanced(web3j, vaults, from);
            if (seen.size() == vaults.size() && (resumed || fault.equals("kill"))) break;
            Thread.sleep(250);
        }
        if (!resumed && fault.equals("freeze")) victim.signal("CONT");
        if (!resumed && fault.equals("cut")) dbHop.restore();
        Thread.sleep(2 * o.blockMillis()); // a late duplicate would land here
        Map<String, List<Rebalance>> blocks = rebalancedBlocks(web3j, vaults, from);
        for (String v : victimVaults) {
            for (Rebalance r : blocks.getOrDefault(v, List.of())) {
                // the victim's own transaction, sent before the fault and mined after it, is not a takeover
                if (r.block() > faultBlock && !sender(web3j, r.txHash()).equals(victim.id())) {
                    takeover = takeover == null ? r.block() - faultBlock : Math.min(takeover, r.block() - faultBlock);
                }
            }
        }
        if (fault.equals("kill")) victim.start(); // it rejoins while the next episode runs
        Map<String, Integer> counts = new TreeMap<>();
        blocks.forEach((v, bs) -> counts.put(v, bs.size()));
        return new Episode(fault, vaults.size(), counts, victimVaults.isEmpty() ? null : takeover,
                (System.nanoTime() - t0) / 1e9);
    }

    /** A random keeper that holds at least one lease now (the one worth killing). */
    private static KeeperProcess holder(Journal observer, List<KeeperProcess> keepers, Random random) {
        List<KeeperProcess> holders = keepers.stream().filter(KeeperProcess::alive)
                .filter(k -> !observer.leases().held(k.id()).isEmpty()).toList();
        List<KeeperProcess> pool = holders.isEmpty() ? keepers : holders;
        return pool.get(random.nextInt(pool.size()));
    }

    static void awaitAllLeased(Journal observer, List<String> vaults, int keepers, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (observer.leases().liveKeepers(Duration.ofSeconds(30)).size() == keepers) {
                int held = 0;
                for (String k : observer.leases().liveKeepers(Duration.ofSeconds(30))) held += observer.leases().held(k).size();
                if (held == vaults.size()) return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the keepers did not start and share the vaults within " + timeout.toSeconds() + " s");
    }

    /** Rebalanced events since {@code from}, counted per vault. */
    static Map<String, Integer> rebalanced(Web3j web3j, List<String> vaults, long from) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        rebalancedBlocks(web3j, vaults, from).forEach((v, bs) -> counts.put(v, bs.size()));
        return counts;
    }

    /** A Rebalanced event: the block it is in and the transaction that emitted it. */
    private record Rebalance(long block, String txHash) {}

    private static String sender(Web3j web3j, String txHash) throws Exception {
        return web3j.ethGetTransactionByHash(txHash).send().getTransaction().orElseThrow().getFrom().toLowerCase(Locale.ROOT);
    }

    private static Map<String, List<Rebalance>> rebalancedBlocks(Web3j web3j, List<String> vaults, long from)
            throws Exception {
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
                DefaultBlockParameterName.LATEST, vaults);
        filter.addSingleTopic(EventEncoder.encode(RebalancingVault.REBALANCED_EVENT));
        Map<String, List<Rebalance>> out = new HashMap<>();
        for (EthLog.LogResult<?> r : web3j.ethGetLogs(filter).send().getLogs()) {
            var log = (EthLog.LogObject) r.get();
            out.computeIfAbsent(log.getAddress().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(new Rebalance(log.getBlockNumber().longValueExact(), log.getTransactionHash()));
        }
        return out;
    }

    private static void print(PrintStream out, Options o, Result r) {
        int expected = r.episodes().stream().mapToInt(Episode::expected).sum();
        int duplicates = r.episodes().stream().mapToInt(Episode::duplicates).sum();
        int missing = r.episodes().stream().mapToInt(Episode::missing).sum();
        List<Long> t = r.takeovers();
        out.printf("%nfailover: %d keepers, %d vaults, lease %d s, a block every %d ms%n", o.keepers(), o.vaults(),
                o.leaseTtl().toSeconds(), o.blockMillis());
        out.printf("  episodes %d (kills %d), rebalances expected %d, Rebalanced events %d, duplicates %d, missing %d%n",
                r.episodes().size(), r.episodes().stream().filter(e -> e.fault().equals("kill")).count(), expected,
                r.rebalancedEvents(), duplicates, missing);
        out.printf("  journal: %d decisions mined, %d mined twice, %d reverted attempts%n", r.journalMinedDecisions(),
                r.journalDecisionsMinedTwice(), r.revertedAttempts());
        if (!t.isEmpty()) {
            out.printf("  takeover (kill/freeze/cut -> first rebalance of a victim's vault by another keeper): %d samples,"
                    + " median %d blocks, max %d blocks%n", t.size(), t.get(t.size() / 2), t.getLast());
        }
    }

    /** Mines an empty block every {@code millis}: the keepers' heads, and the lease renewals that ride on them. */
    private static final class BlockMiner implements AutoCloseable {
        private final Thread thread;

        private BlockMiner(Thread thread) {
            this.thread = thread;
        }

        static BlockMiner start(AnvilRpc rpc, long millis) {
            Thread t = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        Thread.sleep(millis);
                        rpc.mine(1);
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        // Anvil busy or going away: the next tick tries again
                    }
                }
            }, "block-miner");
            t.setDaemon(true);
            t.start();
            return new BlockMiner(t);
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }

    /** One {@code ballast run} process: its config, its signer (from the environment) and its log. */
    static final class KeeperProcess {
        private final Path dir;
        private final int index;
        private final Credentials signer;
        private final Path config;
        private final String dbUser;
        private final String maxHeap;
        private Process process;
        private int starts;

        KeeperProcess(Path dir, int index, Credentials signer, Path config, String dbUser) {
            this(dir, index, signer, config, dbUser, "256m");
        }

        /** With the JVM's {@code -Xmx} (e.g. "512m"): a keeper of thousands of vaults needs more than the default. */
        KeeperProcess(Path dir, int index, Credentials signer, Path config, String dbUser, String maxHeap) {
            this.maxHeap = maxHeap;
            this.dir = dir;
            this.index = index;
            this.signer = signer;
            this.config = config;
            this.dbUser = dbUser;
        }

        long pid() {
            return process.pid();
        }

        String id() {
            return signer.getAddress().toLowerCase(Locale.ROOT);
        }

        boolean alive() {
            return process != null && process.isAlive();
        }

        void start() {
            ProcessBuilder b = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + maxHeap, "-XX:TieredStopAtLevel=1",
                    // the bench's temp folder (e.g. on tmpfs): SQLite unpacks its native library there
                    "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), "-cp", System.getProperty("java.class.path"),
                    // exits with this JVM, even one killed with SIGKILL (see ParentBoundMain)
                    ParentBoundMain.class.getName(), "run", "-c", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("keeper-" + index + ".log").toFile()));
            b.environment().put(KEY_ENV, Numeric.toHexStringWithPrefixZeroPadded(signer.getEcKeyPair().getPrivateKey(), 64));
            if (dbUser != null) b.environment().put(JournalTarget.USER_VARIABLE, dbUser);
            try {
                process = b.start();
                starts++;
            } catch (IOException e) {
                throw new IllegalStateException("cannot start keeper " + index + ": " + e.getMessage(), e);
            }
        }

        /** SIGKILL: no shutdown hook, no goodbye to the database. */
        void kill() {
            if (process == null) return;
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void signal(String name) {
            try {
                new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor(10, TimeUnit.SECONDS);
            } catch (IOException e) {
                throw new IllegalStateException("kill -" + name + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        static Path config(Path dir, int index, String rpcUrl, String journalUrl, Duration ttl, List<String> vaults)
                throws IOException {
            StringBuilder y = new StringBuilder();
            y.append("chainId: ").append(CHAIN_ID).append("\nrpc:\n  endpoints:\n    - http: ").append(rpcUrl)
                    .append("\nsigner:\n  privateKeyEnv: ").append(KEY_ENV)
                    .append("\npolicy:\n  band: 0.05\nvaults:\n");
            for (int i = 0; i < vaults.size(); i++) {
                y.append("  - address: \"").append(Keys.toChecksumAddress(vaults.get(i)))
                        .append("\"\n    name: v").append(i).append('\n');
            }
            y.append("pollInterval: 1s\nconfirmations: 0\njournal:\n  url: ").append(journalUrl)
                    .append("\n  leaseTtl: ").append(ttl.toSeconds()).append("s\nmetrics:\n  enabled: false\n");
            Path file = dir.resolve("keeper-" + index + ".yaml");
            Files.writeString(file, y);
            return file;
        }
    }
}
