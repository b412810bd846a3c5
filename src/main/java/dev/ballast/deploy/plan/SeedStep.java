package dev.ballast.deploy.plan;

import dev.ballast.deploy.TokenAmounts;
import dev.ballast.deploy.plan.DeploymentSpec.Pool;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * The pool's first join with the described balances (mock tokens are minted to the deployer first; real tokens must
 * already be in the deployer's wallet). Done once the pool has any LP supply.
 */
final class SeedStep extends Step {
    private static final BigInteger FAR_FUTURE = BigInteger.valueOf(Long.MAX_VALUE);
    private final Pool pool;
    private final List<Boolean> mocks;

    SeedStep(Pool pool, List<Boolean> mocks) {
        super("pool." + pool.name() + ".seed");
        this.pool = pool;
        this.mocks = mocks;
    }

    @Override
    String describe() {
        return "seed pool " + pool.name() + " with " + pool.seed().stream().map(BigDecimal::toPlainString).toList()
                + " " + pool.tokens();
    }

    @Override
    Map<String, String> spec() {
        return Map.of("seed", pool.seed().toString());
    }

    @Override
    Status status(Context c) throws IOException {
        String address = c.address("pool." + pool.name()).orElse(null);
        if (address == null) return Status.MISSING;
        boolean seeded = Abi.word(c.chain.call(address, Abi.call("totalSupply")), 0).map(s -> s.signum() > 0).orElse(false);
        return seeded ? Status.DONE : Status.MISSING;
    }

    @Override
    Gas gas(Context c) {
        return Gas.fixed(transactions() * 60_000L + 250_000);
    }

    @Override
    void run(Context c) throws IOException {
        String address = c.require("pool." + pool.name());
        List<BigInteger> amounts = new ArrayList<>();
        for (int i = 0; i < pool.tokens().size(); i++) {
            String token = c.require("token." + pool.tokens().get(i));
            int decimals = Abi.word(c.chain.call(token, Abi.call("decimals")), 0)
                    .orElseThrow(() -> new DeployException(token + " does not answer decimals()")).intValueExact();
            BigInteger amount = TokenAmounts.toRaw(pool.seed().get(i), decimals);
            amounts.add(amount);
            if (mocks.get(i)) c.chain.send("mint " + pool.tokens().get(i), token, Abi.call("mint", Abi.address(c.chain.from()), new Uint256(amount)));
            c.chain.send("approve " + pool.tokens().get(i), token, Abi.call("approve", Abi.address(address), new Uint256(amount)));
        }
        ChainClient.Landed landed = c.chain.send(describe(), address, Abi.call("joinPool", Abi.uint(0), Abi.uints(amounts),
                Abi.address(c.chain.from()), new Uint256(FAR_FUTURE)));
        c.record.put(id, new DeploymentRecord.Item("seed", null, landed.hash(), landed.block(), spec(), null));
    }

    @Override
    int transactions() {
        return 1 + pool.tokens().size() + (int) mocks.stream().filter(m -> m).count();
    }
}
