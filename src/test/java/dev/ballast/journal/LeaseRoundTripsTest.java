package dev.ballast.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.bench.ThrowawayPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A lease renewal over many vaults costs a bounded number of round trips to PostgreSQL, not one or more per vault:
 * with 10,000 vaults the per-vault statements (three each, every block) were what made four keepers take ~500 s to
 * share the fleet. The journal reaches PostgreSQL through a TCP hop that counts the server's replies (each a round
 * trip's answer, give or take TCP segmenting).
 */
class LeaseRoundTripsTest {
    private static final int KEYS = 2_000;

    @Test
    void renewingThousandsOfLeasesTakesAFewRoundTripsNotSeveralPerLease() throws Exception {
        ThrowawayPostgres pg = ThrowawayPostgres.shared();
        JournalTarget.Postgres direct = pg.newDatabase("roundtrips");
        try (CountingHop hop = CountingHop.start(pg.port());
                Journal a = Journal.open(new JournalTarget.Postgres(direct.jdbcUrl().replace(":" + pg.port() + "/",
                        ":" + hop.port() + "/"), direct.user(), direct.password()), Clock.systemUTC());
                Journal b = Journal.open(direct, Clock.systemUTC())) {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < KEYS; i++) keys.add(String.format("0x%040x", i));
            List<String> bKeys = keys.subList(0, 100);
            assertThat(b.leases().renew("keeper-b", bKeys, List.of(), Duration.ofMinutes(1))).hasSize(100);

            long before = hop.replies();
            Map<String, Fence> taken = a.leases().renew("keeper-a", keys, List.of(), Duration.ofMinutes(1));
            long firstRenewal = hop.replies() - before;
            assertThat(taken).as("every lease but keeper b's live ones").hasSize(KEYS - 100)
                    .doesNotContainKeys(bKeys.toArray(String[]::new));
            assertThat(taken.values()).allSatisfy(f -> assertThat(f.token()).isEqualTo(1));

            before = hop.replies();
            Map<String, Fence> renewed = a.leases().renew("keeper-a", keys.subList(200, KEYS), keys.subList(100, 200),
                    Duration.ofMinutes(1));
            long secondRenewal = hop.replies() - before;
            assertThat(renewed).hasSize(KEYS - 200);
            assertThat(renewed.values()).as("renewed, same tokens").allSatisfy(f -> assertThat(f.token()).isEqualTo(1));
            Map<String, Fence> bNow = b.leases().renew("keeper-b", keys.subList(0, 200), List.of(), Duration.ofMinutes(1));
            assertThat(bNow).as("keeper b's own and the 100 keeper a released").hasSize(200);
            assertThat(bNow.get(keys.get(150)).token()).as("changed hands: a new token").isEqualTo(2);

            // per lease it was 3 statements (seed, take, token): 6,000 round trips for 2,000 leases
            assertThat(firstRenewal).as("round trips for %d leases", KEYS).isLessThan(KEYS / 10);
            assertThat(secondRenewal).as("round trips for %d leases and 100 releases", KEYS).isLessThan(KEYS / 10);
        }
    }

    /** A TCP hop to PostgreSQL that counts the chunks the server sends back. */
    private static final class CountingHop implements AutoCloseable {
        private final ServerSocket server;
        private final int upstreamPort;
        private final AtomicLong replies = new AtomicLong();

        private CountingHop(ServerSocket server, int upstreamPort) {
            this.server = server;
            this.upstreamPort = upstreamPort;
        }

        static CountingHop start(int upstreamPort) throws IOException {
            CountingHop hop = new CountingHop(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), upstreamPort);
            Thread t = new Thread(hop::accept, "counting-hop");
            t.setDaemon(true);
            t.start();
            return hop;
        }

        int port() {
            return server.getLocalPort();
        }

        long replies() {
            return replies.get();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                    pipe(client, upstream, null);
                    pipe(upstream, client, replies);
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        private static void pipe(Socket from, Socket to, AtomicLong chunks) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[65536];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    for (int n; (n = in.read(buf)) != -1; ) {
                        if (chunks != null) chunks.incrementAndGet();
                        out.write(buf, 0, n);
                        out.flush();
                    }
                } catch (IOException ignored) {
                    // either side closed
                } finally {
                    try {
                        from.close();
                        to.close();
                    } catch (IOException ignored) {
                        // already closed
                    }
                }
            }, "counting-hop-pipe");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
