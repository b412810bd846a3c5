package dev.ballast.deploy.plan;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * A contract the file names by address (a real token, feed, factory or venue pool): nothing to send, but it must have
 * code, and where a {@link Shape} is given, answer like that kind of contract.
 */
final class ExistingStep extends Step {
    /** Whether the code at an address answers like the named kind; empty when it does, else what it lacks. */
    interface Shape {
        Optional<String> mismatch(Context c, String address) throws IOException;
    }

    private final String kind;
    private final String address;
    private final String key;
    private final Shape shape;

    /** {@code key} is the file's key path, for the message when the address is empty. */
    ExistingStep(String id, String kind, String address, String key) {
        this(id, kind, address, key, null);
    }

    ExistingStep(String id, String kind, String address, String key, Shape shape) {
        super(id);
        this.kind = kind;
        this.address = address;
        this.key = key;
        this.shape = shape;
    }

    @Override
    String describe() {
        return "use existing " + kind + " " + address;
    }

    @Override
    Status status(Context c) throws IOException {
        if (!c.chain.hasCode(address)) {
            throw new DeployException(key + " = " + address + ": there is no contract at this address on chain "
                    + c.spec.chainId());
        }
        Optional<String> mismatch = shape == null ? Optional.empty() : shape.mismatch(c, address);
        if (mismatch.isPresent()) {
            throw new DeployException(key + " = " + address + ": not a " + kind + " (" + mismatch.get() + ")");
        }
        c.known(id, address);
        return new Status(State.DONE, "at " + address);
    }

    @Override
    Gas gas(Context c) {
        return Gas.fixed(0);
    }

    @Override
    void run(Context c) {
        remember(c);
    }

    @Override
    void remember(Context c) {
        if (c.record.get(id) == null) {
            c.record.put(id, new DeploymentRecord.Item("existing " + kind, address, null, null, Map.of("address", address), null));
        }
    }

    @Override
    int transactions() {
        return 0;
    }
}
