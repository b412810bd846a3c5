package dev.ballast.lease;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;

/**
 * Highest-random-weight (rendezvous) hashing: each vault goes to the live keeper with the highest score for the pair.
 * A keeper joining or leaving moves only the vaults it wins or held (about 1/n of them), and every keeper computes the
 * same assignment from the same list of live keepers without talking to the others.
 */
final class Rendezvous {
    private Rendezvous() {
    }

    /** The keeper among {@code keepers} that owns {@code vault}. */
    static String owner(String vault, Collection<String> keepers) {
        String best = null;
        long bestScore = 0;
        for (String k : keepers) {
            long score = score(k, vault);
            if (best == null || Long.compareUnsigned(score, bestScore) > 0
                    || (score == bestScore && k.compareTo(best) < 0)) {
                best = k;
                bestScore = score;
            }
        }
        return best;
    }

    /** FNV-1a over "keeper|vault", finished with SplitMix64's mixer so near-identical inputs spread well. */
    static long score(String keeper, String vault) {
        long h = 0xcbf29ce484222325L;
        for (byte b : (keeper.toLowerCase(Locale.ROOT) + "|" + vault.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }
}
