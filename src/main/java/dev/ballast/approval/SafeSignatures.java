package dev.ballast.approval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which journaled signatures of a SafeTx still count: each must recover to its owner, who must still be an owner. */
final class SafeSignatures {
    private SafeSignatures() {}

    static Map<String, String> valid(SafeTx tx, Map<String, String> journaled, List<String> owners) {
        Map<String, String> out = new LinkedHashMap<>();
        journaled.forEach((owner, sig) -> {
            String recovered;
            try {
                recovered = tx.signer(sig);
            } catch (IllegalArgumentException e) {
                return; // a corrupt row counts for nothing; execTransaction would refuse it anyway (GS026)
            }
            if (recovered.equalsIgnoreCase(owner) && owners.stream().anyMatch(o -> o.equalsIgnoreCase(owner))) {
                out.put(owner, sig);
            }
        });
        return out;
    }
}
