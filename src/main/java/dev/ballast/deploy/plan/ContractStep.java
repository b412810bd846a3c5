package dev.ballast.deploy.plan;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Map;
import org.web3j.crypto.Keys;

/**
 * Creates one contract. Reused when the record holds its address and the chain has code there that answers like
 * this kind of contract; a recorded address without code (a reset dev chain) is deployed again; recorded code of
 * another kind stops the run.
 */
final class ContractStep extends Step {
    interface Creation {
        String data(Context c);
    }

    interface KindCheck {
        boolean matches(Context c, String address) throws IOException;
    }

    interface Init {
        void run(Context c, String address) throws IOException;
    }

    private final String kind;
    private final String description;
    private final Map<String, String> spec;
    private final long fallbackGas;
    private final Creation creation;
    private final KindCheck check;
    private final Init init;

    ContractStep(String id, String kind, String description, Map<String, String> spec, long fallbackGas,
            Creation creation, KindCheck check, Init init) {
        super(id);
        this.kind = kind;
        this.description = description;
        this.spec = spec;
        this.fallbackGas = fallbackGas;
        this.creation = creation;
        this.check = check;
        this.init = init;
    }

    @Override
    String describe() {
        return "deploy " + kind + " " + description;
    }

    @Override
    Map<String, String> spec() {
        return spec;
    }

    @Override
    Status status(Context c) throws IOException {
        DeploymentRecord.Item item = c.record.get(id);
        if (item == null || item.address() == null) return Status.MISSING;
        if (!c.chain.hasCode(item.address())) {
            return new Status(State.MISSING, "recorded at " + item.address() + " but there is no code there (reset chain?)");
        }
        c.known(id, item.address());
        if (!check.matches(c, item.address())) {
            throw new DeployException(id + ": the record says " + item.address() + " is a " + kind + " but the contract"
                    + " there does not answer like one; check the --out file belongs to this chain");
        }
        String changes = changes(item.spec(), spec);
        return changes.isEmpty() ? new Status(State.DONE, "at " + item.address())
                : new Status(State.CHANGED, "at " + item.address() + ": " + changes);
    }

    @Override
    Gas gas(Context c) throws IOException {
        try {
            return new Gas(c.chain.estimate(null, creation.data(c)).add(init == null ? BigInteger.ZERO
                    : BigInteger.valueOf(fallbackGas / 10)), true);
        } catch (Unresolved e) {
            // inputs not deployed yet
            return Gas.fixed(fallbackGas);
        }
    }

    @Override
    void run(Context c) throws IOException {
        ChainClient.Landed landed = c.chain.send(describe(), null, creation.data(c));
        String address = landed.contract().orElseThrow(() -> new DeployException(describe() + ": receipt has no contract address"));
        address = Keys.toChecksumAddress(address);
        verify(c, address);
        c.known(id, address);
        if (init != null) init.run(c, address);
        c.record.put(id, new DeploymentRecord.Item(kind, address, landed.hash(), landed.block(), spec, null));
    }

    private void verify(Context c, String address) throws IOException {
        if (!c.chain.hasCode(address)) throw new DeployException(describe() + ": no code at " + address + " after deployment");
        if (!check.matches(c, address)) throw new DeployException(describe() + ": " + address + " does not answer like a " + kind);
    }

    @Override
    int transactions() {
        return init == null ? 1 : 2;
    }
}
