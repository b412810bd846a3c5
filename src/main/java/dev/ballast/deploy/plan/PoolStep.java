package dev.ballast.deploy.plan;

import dev.ballast.deploy.plan.DeploymentSpec.Pool;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * A weighted pool created through the factory (the pool's creation code is too large to deploy directly). Verified by
 * code at the address and the factory's {@code isPool}; its oracle ring is grown to the described cardinality.
 */
final class PoolStep extends Step {
    static final String POOL_CREATED = Hash.sha3String("PoolCreated(address,address,address[],uint256[],uint256)");
    static final long GAS = GasFigures.POOL;

    private final Pool pool;
    private final Map<String, String> spec;

    PoolStep(Pool pool) {
        super("pool." + pool.name());
        this.pool = pool;
        this.spec = Map.of("tokens", pool.tokens().toString(), "weights", pool.weights().toString(),
                "swapFee", pool.swapFee().toString(), "lpName", pool.lpName(), "lpSymbol", pool.lpSymbol(),
                "observationCardinality", Integer.toString(pool.observationCardinality()));
    }

    @Override
    String describe() {
        return "create WeightedPool " + pool.name() + " (" + String.join("/", pool.tokens()) + ") via the factory";
    }

    @Override
    Map<String, String> spec() {
        return spec;
    }

    private String createCall(Context c) {
        return Abi.call("create", new Utf8String(pool.lpName()), new Utf8String(pool.lpSymbol()),
                Abi.addresses(pool.tokens().stream().map(t -> c.require("token." + t)).toList()), Abi.uints(pool.weights()),
                new Uint256(pool.swapFee()));
    }

    private boolean isPool(Context c, String address) throws IOException {
        return Abi.word(c.chain.call(c.require("factory"), Abi.call("isPool", Abi.address(address))), 0)
                .map(w -> w.equals(BigInteger.ONE)).orElse(false);
    }

    @Override
    Status status(Context c) throws IOException {
        DeploymentRecord.Item item = c.record.get(id);
        if (item == null || item.address() == null) return Status.MISSING;
        if (!c.chain.hasCode(item.address())) {
            return new Status(State.MISSING, "recorded at " + item.address() + " but there is no code there (reset chain?)");
        }
        if (c.address("factory").isEmpty() || !isPool(c, item.address())) {
            throw new DeployException(id + ": the record says " + item.address() + " is a pool, but the factory's isPool"
                    + " does not know it; check the --out file belongs to this deployment");
        }
        c.known(id, item.address());
        String changes = changes(item.spec(), spec);
        return changes.isEmpty() ? new Status(State.DONE, "at " + item.address())
                : new Status(State.CHANGED, "at " + item.address() + ": " + changes);
    }

    @Override
    Gas gas(Context c) throws IOException {
        try {
            return new Gas(c.chain.estimate(c.require("factory"), createCall(c)).add(cardinalityGas()), true);
        } catch (Unresolved e) {
            return new Gas(BigInteger.valueOf(GAS).add(cardinalityGas()), false);
        }
    }

    private BigInteger cardinalityGas() {
        // each new ring slot is one fresh storage word; a pool of 3+ tokens keeps one ring per balance word (2 tokens)
        int n = pool.tokens().size();
        long rings = n == 2 ? 1 : (n + 1) / 2;
        return BigInteger.valueOf(25_000L * rings * (pool.observationCardinality() - 1));
    }

    @Override
    void run(Context c) throws IOException {
        ChainClient.Landed landed = c.chain.send(describe(), c.require("factory"), createCall(c));
        String address = poolAddress(landed.logs());
        if (!c.chain.hasCode(address) || !isPool(c, address)) {
            throw new DeployException(describe() + ": " + address + " has no code or is not a pool of the factory");
        }
        c.known(id, address);
        if (pool.observationCardinality() > 1) {
            c.chain.send("grow the oracle ring of " + pool.name(), address,
                    Abi.call("increaseObservationCardinality", new Uint16(pool.observationCardinality())));
        }
        c.record.put(id, new DeploymentRecord.Item("WeightedPool", address, landed.hash(), landed.block(), spec, null));
    }

    private String poolAddress(List<Log> logs) {
        for (Log log : logs) {
            if (log.getTopics().size() > 1 && log.getTopics().getFirst().equalsIgnoreCase(POOL_CREATED)) {
                return Abi.toAddress(Numeric.toBigInt(log.getTopics().get(1)));
            }
        }
        throw new DeployException(describe() + ": no PoolCreated event in the receipt");
    }

    @Override
    int transactions() {
        return pool.observationCardinality() > 1 ? 2 : 1;
    }
}
