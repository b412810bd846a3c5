package dev.ballast.journal;

import static dev.ballast.journal.JournalFixtures.VAULT;
import static dev.ballast.journal.JournalFixtures.hash;
import static dev.ballast.journal.JournalFixtures.intent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Leases and fencing tokens, on each engine: the statements several keepers coordinate with. */
@ParameterizedClass
@EnumSource(JournalEngine.class)
class LeasesTest {
    private static final String KEY = VAULT.toLowerCase(Locale.ROOT);
    private static final Duration TTL = Duration.ofMillis(600);
    @Parameter
    JournalEngine engine;
    @TempDir
    Path dir;
    private JournalTarget target;
    private Journal a;
    private Journal b;

    @BeforeEach
    void open() {
        target = engine.newTarget(dir);
        a = Journal.open(target, Clock.systemUTC());
        b = Journal.open(target, Clock.systemUTC()); // a second keeper process on the same journal
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    private Map<String, Fence> renew(Journal j, String holder, Duration ttl) {
        return j.leases().renew(holder, List.of(KEY), List.of(), ttl);
    }

    @Test
    void aLiveLeaseIsRenewedWithItsTokenAndRefusedToOthers() {
        Fence first = renew(a, "keeper-a", TTL).get(KEY);
        assertThat(first.token()).isEqualTo(1);
        assertThat(renew(a, "keeper-a", TTL).get(KEY)).as("renewed, same token").isEqualTo(first);
        assertThat(renew(b, "keeper-b", TTL)).as("held by a").isEmpty();
        assertThat(a.leases().held("keeper-a")).containsOnlyKeys(KEY);
        assertThat(a.leases().liveKeepers(Duration.ofMinutes(1))).containsExactly("keeper-a", "keeper-b");
    }

    @Test
    void anExpiredLeaseIsTakenWithAHigherTokenAndTheOldHoldersIntentIsRefused() throws Exception {
        Fence old = renew(a, "keeper-a", TTL).get(KEY);
        Thread.sleep(TTL.toMillis() + 200); // keeper a is frozen past its lease
        Fence taken = renew(b, "keeper-b", TTL).get(KEY);
        assertThat(taken.token()).isGreaterThan(old.token());

        long d = a.recordDecision(VAULT, 10, "{}", "REBALANCE", "drift");
        assertThatThrownBy(() -> a.recordIntent(intent(d, VAULT, 0, 1, 30), old))
                .isInstanceOf(LeaseLostException.class).hasMessageContaining("keeper-b");
        assertThat(a.pendingTransactions()).as("nothing journaled, so nothing may be sent").isEmpty();

        b.recordIntent(intent(d, VAULT, 0, 2, 30), taken);
        assertThat(b.pendingTransactions()).singleElement().satisfies(t -> assertThat(t.nonce()).isZero());
        // the old holder waking up cannot take the lease back while b renews it
        assertThat(renew(a, "keeper-a", TTL)).isEmpty();
    }

    @Test
    void anIntentUnderAnExpiredLeaseIsRefusedEvenIfNobodyTookIt() throws Exception {
        Fence f = renew(a, "keeper-a", TTL).get(KEY);
        Thread.sleep(TTL.toMillis() + 200);
        assertThatThrownBy(() -> a.recordIntent(intent(null, VAULT, 0, 1, 30), f))
                .isInstanceOf(LeaseLostException.class).hasMessageContaining("expired");
        assertThat(a.pendingTransactions()).isEmpty();
        Fence again = renew(a, "keeper-a", TTL).get(KEY);
        assertThat(again.token()).as("taken anew after lapsing: a new token").isEqualTo(f.token() + 1);
        a.recordIntent(intent(null, VAULT, 0, 1, 30), again);
        assertThat(a.pendingTransactions()).hasSize(1);
    }

    @Test
    void rejectedBytesAreReopenedAndOpenBytesPassOnlyUnderTheLeaseTheyWereDecidedUnder() throws Exception {
        Fence old = renew(a, "keeper-a", TTL).get(KEY);
        a.recordIntent(intent(null, VAULT, 0, 1, 30), old);
        a.markRejected(hash(1), "transaction underpriced");
        a.recordIntent(intent(null, VAULT, 1, 2, 30), old);
        a.markUnknown(hash(2), "broadcast answer lost");
        a.checkFences(List.of(old)); // held: passes
        Thread.sleep(TTL.toMillis() + 200); // keeper a is frozen past its lease
        renew(b, "keeper-b", TTL);

        assertThatThrownBy(() -> a.reopenRejected(hash(1), List.of(old)))
                .isInstanceOf(LeaseLostException.class).hasMessageContaining("keeper-b");
        assertThat(a.attempt(hash(1)).orElseThrow().status()).as("not reopened, so not sent again")
                .isEqualTo(AttemptStatus.REJECTED);
        assertThatThrownBy(() -> a.checkFences(List.of(old))).isInstanceOf(LeaseLostException.class);
        a.reopenRejected(hash(1), List.of()); // a lone keeper's journal: no lease to hold
        assertThat(a.attempt(hash(1)).orElseThrow().status()).isEqualTo(AttemptStatus.INTENT);
    }

    @Test
    void aReleasedLeaseIsTakenAtOnce() {
        Fence f = renew(a, "keeper-a", Duration.ofMinutes(5)).get(KEY);
        assertThat(a.leases().renew("keeper-a", List.of(), List.of(KEY), TTL)).isEmpty();
        Fence taken = renew(b, "keeper-b", TTL).get(KEY);
        assertThat(taken.token()).isEqualTo(f.token() + 1);
        assertThatThrownBy(() -> a.recordIntent(intent(null, VAULT, 0, 1, 30), f)).isInstanceOf(LeaseLostException.class);
    }

    @Test
    void ofManyKeepersRacingForOneLeaseExactlyOneGetsIt() throws Exception {
        int n = 6;
        List<Journal> journals = new ArrayList<>();
        for (int i = 0; i < n; i++) journals.add(Journal.open(target, Clock.systemUTC()));
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            for (int round = 0; round < 5; round++) {
                String key = "0xvault" + round;
                List<Future<Boolean>> got = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    Journal j = journals.get(i);
                    String holder = "keeper-" + i;
                    Callable<Boolean> take = () -> j.leases().renew(holder, List.of(key), List.of(), Duration.ofMinutes(1))
                            .containsKey(key);
                    got.add(pool.submit(take));
                }
                int winners = 0;
                for (Future<Boolean> f : got) winners += f.get() ? 1 : 0;
                assertThat(winners).as("round " + round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
            journals.forEach(Journal::close);
        }
    }
}
