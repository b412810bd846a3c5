package dev.ballast.deploy.plan;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One item of a deployment: a contract to create or a configuration call to make. A step knows how to tell whether
 * it is already done on chain, what it would cost, and how to do it.
 */
abstract class Step {
    enum State { DONE, MISSING, CHANGED, WAITING }

    /** What the chain says about this step; {@code note} explains a CHANGED or WAITING state (or a reuse). */
    record Status(State state, String note) {
        static final Status DONE = new Status(State.DONE, "");
        static final Status MISSING = new Status(State.MISSING, "");
    }

    /** Gas for the dry run: from eth_estimateGas, or the documented per-kind figure when its inputs do not exist yet. */
    record Gas(BigInteger amount, boolean estimated) {
        static Gas fixed(long gas) {
            return new Gas(BigInteger.valueOf(gas), false);
        }
    }

    /** The step needs an address that is not deployed yet (dry run): fall back to the per-kind gas figure. */
    static final class Unresolved extends RuntimeException {
        Unresolved(String id) {
            super(id + " is not deployed yet", null, false, false);
        }
    }

    final String id;

    Step(String id) {
        this.id = id;
    }

    abstract String describe();

    /** The described values this step was made from, compared on re-runs. */
    Map<String, String> spec() {
        return Map.of();
    }

    abstract Status status(Context c) throws IOException;

    abstract Gas gas(Context c) throws IOException;

    /** Sends what is missing; records the result in the deployment record. */
    abstract void run(Context c) throws IOException;

    /** For steps that send nothing (existing contracts): note them in the record. */
    void remember(Context c) {}

    /** Transactions {@link #run} sends, for the plan summary. */
    int transactions() {
        return 1;
    }

    static String changes(Map<String, String> recorded, Map<String, String> described) {
        StringBuilder sb = new StringBuilder();
        Set<String> keys = new TreeSet<>(described.keySet());
        if (recorded != null) keys.addAll(recorded.keySet());
        for (String k : keys) {
            String was = recorded == null ? null : recorded.get(k);
            String now = described.get(k);
            if (!Objects.equals(was, now)) {
                if (!sb.isEmpty()) sb.append(", ");
                sb.append(k).append(": deployed ").append(was).append(", file says ").append(now);
            }
        }
        return sb.toString();
    }
}
