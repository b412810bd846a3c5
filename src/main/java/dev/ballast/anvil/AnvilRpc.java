package dev.ballast.anvil;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.utils.Numeric;

/** Anvil's test-only JSON-RPC methods (snapshots, mining, time, fees) that web3j has no typed call for. */
public final class AnvilRpc {
    private final Web3jService service;

    public AnvilRpc(Web3jService service) {
        this.service = service;
    }

    /** The connection, for callers that batch Anvil's methods (e.g. thousands of {@code anvil_setStorageAt}). */
    public Web3jService service() {
        return service;
    }

    /** Saves the chain state; {@link #revert(String)} returns to it (and consumes the snapshot). */
    public String snapshot() {
        return call("evm_snapshot", List.of()).toString();
    }

    public void revert(String snapshotId) {
        Object ok = call("evm_revert", List.of(snapshotId));
        if (!Boolean.TRUE.equals(ok)) throw new AnvilException("evm_revert(" + snapshotId + ") returned " + ok);
    }

    public void mine(int blocks) {
        call("anvil_mine", List.of(Numeric.toHexStringWithPrefix(BigInteger.valueOf(blocks))));
    }

    public void setAutomine(boolean enabled) {
        call("evm_setAutomine", List.of(enabled));
    }

    /** Moves the next block's timestamp forward; it applies when the next block is mined. */
    public void increaseTime(long seconds) {
        call("evm_increaseTime", List.of(Numeric.toHexStringWithPrefix(BigInteger.valueOf(seconds))));
    }

    public void setNextBlockTimestamp(long epochSeconds) {
        call("evm_setNextBlockTimestamp", List.of(Numeric.toHexStringWithPrefix(BigInteger.valueOf(epochSeconds))));
    }

    public void setNextBlockBaseFee(BigInteger wei) {
        call("anvil_setNextBlockBaseFeePerGas", List.of(Numeric.toHexStringWithPrefix(wei)));
    }

    public void setBalance(String address, BigInteger wei) {
        call("anvil_setBalance", List.of(address, Numeric.toHexStringWithPrefix(wei)));
    }

    /**
     * Replaces the last {@code depth} blocks with as many empty ones (a reorg). Their transactions are gone, not back
     * in the pool: a real network's mempool would re-add them, so a test re-sends them to mimic it.
     */
    public void reorg(int depth) {
        call("anvil_reorg", List.of(depth, List.of()));
    }

    /** Drops a transaction from the mempool (to simulate a node that forgot it). */
    public void dropTransaction(String txHash) {
        call("anvil_dropTransaction", List.of(txHash));
    }

    private Object call(String method, List<?> params) {
        try {
            Response<?> response = new Request<>(method, params, service, GenericResponse.class).send();
            if (response.hasError()) {
                throw new AnvilException(method + " failed: " + response.getError().getMessage());
            }
            return response.getResult();
        } catch (IOException e) {
            throw new AnvilException(method + " failed: " + e.getMessage(), e);
        }
    }

    /** Untyped JSON-RPC response: these methods return a bool, a hex id or null. */
    public static final class GenericResponse extends Response<Object> {}
}
