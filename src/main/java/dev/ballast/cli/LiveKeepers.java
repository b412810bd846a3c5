package dev.ballast.cli;

import dev.ballast.keeper.KeeperRuntime;
import java.util.List;
import java.util.Locale;

/**
 * The rule for a one-off sending command ({@code approve}, {@code rebalance}) on a shared journal: it sends under the
 * vault's lease, taken through the keeper's normal lease path with its signer as the keeper id. While keepers are
 * live, only one of them (its signer) may do so: any other signer's heartbeat would make it a keeper that rendezvous
 * hashing hands vaults to, and it would not be there to renew them.
 */
final class LiveKeepers {
    private LiveKeepers() {}

    /**
     * Refuses (bad input, exit 2) when keepers are live on the runtime's shared journal and its signer is none of them.
     *
     * @param field the argument named in the error ({@code ID}, {@code VAULT})
     * @param verb  the command, as the user would re-run it
     * @param noun  what is sent under the lease
     */
    static void requireSignerAmong(KeeperRuntime runtime, KeeperRuntime.Settings s, String field, String verb, String noun) {
        if (s.shared().isEmpty()) return;
        List<String> live = runtime.journal().leases().liveKeepers(s.shared().get().leaseTtl());
        String me = s.signer().getAddress().toLowerCase(Locale.ROOT);
        if (!live.isEmpty() && !live.contains(me)) {
            throw new UserInputException(field + ": keepers " + live + " are running on journal "
                    + s.journalTarget().display() + " and " + me + " is not one of them; " + verb + " with the config"
                    + " (signer) of the keeper that holds the vault's lease (`ballast status` there), so the " + noun
                    + " is sent under that lease");
        }
    }
}
