package dev.ballast.deploy.plan;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** What steps share during one run: the chain, the record, and every address known so far by item id. */
final class Context {
    final ChainClient chain;
    final DeploymentRecord record;
    final DeploymentSpec spec;
    final PrintWriter out;
    private final Map<String, String> addresses = new HashMap<>();

    Context(ChainClient chain, DeploymentRecord record, DeploymentSpec spec, PrintWriter out) {
        this.chain = chain;
        this.record = record;
        this.spec = spec;
        this.out = out;
    }

    Optional<String> address(String id) {
        return Optional.ofNullable(addresses.get(id));
    }

    /** The address of item {@code id}; {@link Step.Unresolved} when it is not deployed yet. */
    String require(String id) {
        String a = addresses.get(id);
        if (a == null) throw new Step.Unresolved(id);
        return a;
    }

    void known(String id, String address) {
        addresses.put(id, address);
    }

    void forget(String id) {
        addresses.remove(id);
    }
}
