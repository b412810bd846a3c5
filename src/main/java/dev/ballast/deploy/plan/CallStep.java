package dev.ballast.deploy.plan;

import java.io.IOException;
import java.util.Map;

/** One configuration call on a deployed contract (setSources, setKeeper, transferOwnership...), checked on chain. */
final class CallStep extends Step {
    interface Data {
        String encode(Context c);
    }

    /** Reads the chain: DONE, MISSING, or CHANGED (configured differently). Target known when called. */
    interface Check {
        Status check(Context c, String target) throws IOException;
    }

    private final String kind;
    private final String description;
    private final String targetId;
    private final Map<String, String> spec;
    private final long fallbackGas;
    private final Data data;
    private final Check check;

    CallStep(String id, String kind, String description, String targetId, Map<String, String> spec, long fallbackGas,
            Data data, Check check) {
        super(id);
        this.kind = kind;
        this.description = description;
        this.targetId = targetId;
        this.spec = spec;
        this.fallbackGas = fallbackGas;
        this.data = data;
        this.check = check;
    }

    @Override
    String describe() {
        return description;
    }

    @Override
    Map<String, String> spec() {
        return spec;
    }

    @Override
    Status status(Context c) throws IOException {
        return c.address(targetId).isEmpty() ? Status.MISSING : check.check(c, c.require(targetId));
    }

    @Override
    Gas gas(Context c) throws IOException {
        try {
            return new Gas(c.chain.estimate(c.require(targetId), data.encode(c)), true);
        } catch (Unresolved e) {
            return Gas.fixed(fallbackGas);
        } catch (DeployException e) {
            // calls that depend on an earlier step of this same run (a keeper on a vault not yet configured) cannot
            // be simulated before it: use the figure
            return Gas.fixed(fallbackGas);
        }
    }

    @Override
    void run(Context c) throws IOException {
        ChainClient.Landed landed = c.chain.send(describe(), c.require(targetId), data.encode(c));
        c.record.put(id, new DeploymentRecord.Item(kind, null, landed.hash(), landed.block(), spec, null));
    }
}
