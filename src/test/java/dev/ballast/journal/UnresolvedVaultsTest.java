package dev.ballast.journal;

import static dev.ballast.journal.JournalFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The keeper reads {@link Journal#unresolvedVaults} once per round and asks {@link Journal#hasUnresolved} only for the
 * vaults in it: on a random journal of lone and batch attempts in every status, that set must hold every vault
 * hasUnresolved answers true for (whatever the case of the address asked), or a pending vault would be decided again.
 */
@ParameterizedClass
@EnumSource(JournalEngine.class)
class UnresolvedVaultsTest {
    @Parameter
    JournalEngine engine;
    @TempDir
    Path dir;
    private Journal journal;

    @BeforeEach
    void open() {
        journal = Journal.open(engine.newTarget(dir), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        journal.close();
    }

    @Test
    void theRoundsOneReadHoldsEveryVaultThatHasSomethingUnresolved() {
        Random random = new Random(16_3);
        List<String> vaults = new ArrayList<>();
        for (int i = 0; i < 40; i++) vaults.add(String.format("0x%040X", 0xA000 + i).replace("0X", "0x"));
        int seed = 1;
        for (int n = 0; n < 60; n++, seed++) {
            String hash = hash(seed);
            if (random.nextInt(3) == 0) { // a batch listing a few members, sent from the batch contract's address
                List<BatchJournal.Member> members = new ArrayList<>();
                for (int m = 0; m < 1 + random.nextInt(4); m++) {
                    String v = vaults.get(random.nextInt(vaults.size()));
                    if (members.stream().noneMatch(x -> x.vault().equalsIgnoreCase(v))) {
                        members.add(new BatchJournal.Member(random.nextBoolean() ? v : v.toLowerCase(Locale.ROOT),
                                journal.recordDecision(v, 10, "{}", "REBALANCE", "drift")));
                    }
                }
                journal.batches().recordIntent(intent(null, "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0", n, seed, 30),
                        members, List.of());
            } else {
                journal.recordIntent(intent(null, vaults.get(random.nextInt(vaults.size())), n, seed, 30));
            }
            switch (random.nextInt(5)) {
                case 0 -> {} // still an intent
                case 1 -> journal.markSent(hash);
                case 2 -> {
                    journal.markSent(hash);
                    journal.recordReceipt(hash, receipt(12, random.nextBoolean()));
                }
                case 3 -> journal.markDropped(hash, "nonce used elsewhere");
                default -> journal.markUnknown(hash, "lost response");
            }
        }
        Set<String> unresolved = journal.unresolvedVaults();
        int pending = 0;
        for (String v : vaults) {
            for (String asked : List.of(v, v.toLowerCase(Locale.ROOT))) {
                boolean has = journal.hasUnresolved(asked);
                if (has) pending++;
                assertThat(!has || unresolved.contains(asked.toLowerCase(Locale.ROOT)))
                        .as("%s has an unresolved attempt but is not in the round's read %s", asked, unresolved).isTrue();
            }
            // the set is no looser than it needs to be for the vaults themselves: in it means pending under its own case
            if (unresolved.contains(v.toLowerCase(Locale.ROOT))) assertThat(journal.hasUnresolved(v)).as(v).isTrue();
        }
        assertThat(pending).as("the random journal has pending and settled vaults both").isBetween(2, 2 * vaults.size() - 2);
    }
}
