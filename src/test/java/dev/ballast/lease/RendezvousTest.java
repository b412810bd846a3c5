package dev.ballast.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RendezvousTest {
    private static final List<String> VAULTS = IntStream.range(0, 3000)
            .mapToObj(i -> String.format("0x%040x", i * 7919L)).toList();

    @Test
    void vaultsSpreadEvenlyOverKeepers() {
        List<String> keepers = List.of("0xaaa1", "0xbbb2", "0xccc3");
        Map<String, Integer> counts = new HashMap<>();
        for (String v : VAULTS) counts.merge(Rendezvous.owner(v, keepers), 1, Integer::sum);
        assertThat(counts).containsOnlyKeys(keepers);
        counts.values().forEach(n -> assertThat(n).isBetween(850, 1150));
    }

    @Test
    void aKeeperLeavingMovesOnlyItsOwnVaultsAndJoiningTakesOnlyWhatItWins() {
        List<String> three = List.of("0xaaa1", "0xbbb2", "0xccc3");
        List<String> two = List.of("0xaaa1", "0xbbb2");
        int moved = 0;
        for (String v : VAULTS) {
            String before = Rendezvous.owner(v, three);
            String after = Rendezvous.owner(v, two);
            if (!before.equals("0xccc3")) assertThat(after).as(v).isEqualTo(before);
            else moved++;
        }
        assertThat(moved).isBetween(850, 1150); // about a third, and no other vault changed hands
    }

    @Test
    void theOwnerDoesNotDependOnOrderOrCase() {
        for (String v : VAULTS.subList(0, 100)) {
            assertThat(Rendezvous.owner(v, List.of("0xAAA1", "0xbbb2"))).isEqualToIgnoringCase(
                    Rendezvous.owner(v.toUpperCase().replace("0X", "0x"), List.of("0xbbb2", "0xaaa1")));
        }
    }
}
