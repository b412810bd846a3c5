package dev.ballast.dashboard;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ballast.chain.DepositCapUse;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * Each vault's deposit cap (the capped first allocation: the cap on the share supply, 0 = uncapped) and its share
 * supply, read from the chain with {@code eth_call}. A vault deployed before the cap has no {@code depositCap()}: the
 * call reverts and the vault shows "no cap (older vault)" rather than an error. Read by the refresh thread; each
 * vault's entry is replaced whole, never edited.
 */
final class DepositCaps {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String DEPOSIT_CAP = FunctionEncoder.encode(uint256Getter("depositCap"));
    private static final String TOTAL_SUPPLY = FunctionEncoder.encode(uint256Getter("totalSupply"));

    /**
     * Vaults read per refresh at most, and how old a read must be before it is repeated: a cap changes only through
     * the timelock and the supply with deposits, so a thousand vaults need not cost two thousand calls a second.
     */
    private static final int VAULTS_PER_REFRESH = 20;
    private static final long REREAD_NANOS = 10_000_000_000L;

    private final Map<String, ObjectNode> byAddress = new ConcurrentHashMap<>();
    private final Map<String, Long> readAt = new ConcurrentHashMap<>();

    /** Re-reads the caps and supplies not read lately (a bounded number); returns whether any vault's entry changed. */
    boolean refresh(ReadOnlyRpc rpc, List<DashboardSettings.Vault> vaults) {
        boolean changed = false;
        int budget = VAULTS_PER_REFRESH;
        long now = System.nanoTime();
        for (DashboardSettings.Vault v : vaults) {
            if (budget == 0) break;
            Long last = readAt.get(v.address());
            if (last != null && now - last < REREAD_NANOS) continue;
            budget--;
            readAt.put(v.address(), now);
            ObjectNode entry = read(rpc, v.address());
            if (!entry.equals(byAddress.put(v.address(), entry))) changed = true;
        }
        return changed;
    }

    /** The vault's entry ({@code text} is what the page shows); empty before the first read. */
    Optional<ObjectNode> json(String address) {
        return Optional.ofNullable(byAddress.get(address));
    }

    static ObjectNode read(ReadOnlyRpc rpc, String vault) {
        ObjectNode o = NODES.objectNode();
        try {
            BigInteger supply = uint256(rpc.ethCall(vault, TOTAL_SUPPLY), "totalSupply()");
            BigInteger cap;
            try {
                cap = uint256(rpc.ethCall(vault, DEPOSIT_CAP), "depositCap()");
            } catch (ReadOnlyRpc.Reverted e) {
                return o.put("state", "unsupported").put("supply", DepositCapUse.shares(supply)).put("text", "no cap (older vault)");
            }
            return describe(o, cap, supply);
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            return o.put("state", "error").put("error", why).put("text", "unreadable: " + why);
        }
    }

    /** The same figures and wording as {@code ballast status} ({@link DepositCapUse}). */
    static ObjectNode describe(ObjectNode o, BigInteger cap, BigInteger supply) {
        DepositCapUse use = new DepositCapUse(cap, supply);
        o.put("cap", DepositCapUse.shares(cap)).put("supply", DepositCapUse.shares(supply));
        if (!use.capped()) return o.put("state", "uncapped").put("text", "uncapped (supply " + DepositCapUse.shares(supply) + ")");
        return o.put("state", "capped").put("usedPct", use.usedPct()).put("text", use.text());
    }

    private static BigInteger uint256(String hex, String what) throws IOException {
        List<Type> out = FunctionReturnDecoder.decode(hex, uint256Getter(what).getOutputParameters());
        // no code at the address answers "0x": nothing to decode
        if (out.isEmpty()) throw new IOException(what + " returned nothing (no contract at the vault address?)");
        return ((Uint256) out.getFirst()).getValue();
    }

    private static Function uint256Getter(String name) {
        return new Function(name.replace("()", ""), List.<Type>of(), List.<TypeReference<?>>of(new TypeReference<Uint256>() {}));
    }
}
