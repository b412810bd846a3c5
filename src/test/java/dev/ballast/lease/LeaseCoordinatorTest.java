package dev.ballast.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.journal.Fence;
import dev.ballast.journal.Journal;
import dev.ballast.journal.JournalTarget;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A keeper whose block outlasts its lease keeps its vaults: asking for a fence late in the block renews first. */
class LeaseCoordinatorTest {
    private static final String VAULT = "0x00000000000000000000000000000000000000aa";
    private static final Duration TTL = Duration.ofMillis(800);

    @TempDir
    Path dir;

    @Test
    void aFenceAskedForAfterHalfTheLeaseRenewsItSoNoOtherKeeperTakesTheVault() throws Exception {
        try (Journal a = Journal.open(new JournalTarget.Sqlite(dir.resolve("j.db")), Clock.systemUTC());
                Journal b = Journal.open(new JournalTarget.Sqlite(dir.resolve("j.db")), Clock.systemUTC())) {
            LeaseCoordinator keeper = new LeaseCoordinator(a.leases(), "keeper-a", List.of(VAULT), TTL);
            assertThat(keeper.renew()).containsExactly(VAULT);
            Fence first = keeper.fence(VAULT).orElseThrow();

            Thread.sleep(TTL.toMillis() * 5 / 8); // one long block: past half the lease taken at its start
            Optional<Fence> late = keeper.fence(VAULT);
            assertThat(late).as("renewed while still live: same holder, same token").contains(first);
            Thread.sleep(TTL.toMillis() * 3 / 8 + 100); // past the first renewal's expiry, not the second's
            assertThat(b.leases().renew("keeper-b", List.of(VAULT), List.of(), TTL))
                    .as("the lease was renewed, so another keeper cannot take it").isEmpty();
        }
    }

    @Test
    void aLeaseThatLapsedInsideTheBlockGivesNoFenceEvenWhenTakenBack() throws Exception {
        try (Journal a = Journal.open(new JournalTarget.Sqlite(dir.resolve("j.db")), Clock.systemUTC())) {
            LeaseCoordinator keeper = new LeaseCoordinator(a.leases(), "keeper-a", List.of(VAULT), TTL);
            keeper.renew();
            Fence first = keeper.fence(VAULT).orElseThrow();
            Thread.sleep(TTL.toMillis() + 200); // frozen past the lease: another keeper could have acted meanwhile
            assertThat(keeper.fence(VAULT)).as("decided under a lease that lapsed: not sent").isEmpty();
            assertThat(keeper.renew()).as("the next block takes it back").containsExactly(VAULT);
            assertThat(keeper.fence(VAULT).orElseThrow().token()).isGreaterThan(first.token());
        }
    }

    @Test
    void aFenceWithinHalfTheLeaseIsServedWithoutARenewal() throws Exception {
        try (Journal a = Journal.open(new JournalTarget.Sqlite(dir.resolve("j.db")), Clock.systemUTC())) {
            LeaseCoordinator keeper = new LeaseCoordinator(a.leases(), "keeper-a", List.of(VAULT), Duration.ofMinutes(1));
            keeper.renew();
            Thread.sleep(400);
            assertThat(keeper.fence(VAULT)).isPresent();
            // a renewal would have written a fresh heartbeat
            assertThat(a.leases().liveKeepers(Duration.ofMillis(300))).as("no renewal for a fresh lease").isEmpty();
            assertThat(a.leases().liveKeepers(Duration.ofMinutes(1))).containsExactly("keeper-a");
        }
    }
}
