package dev.ballast.cli;

import dev.ballast.chain.FailoverRpc;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.utils.Numeric;

/**
 * Whether the configured signer holds the keeper role on a vault ({@code isKeeper}): without it every rebalance the
 * keeper plans would revert with NotKeeper, so plan and status say so next to the vault rather than leave it to a run.
 */
final class KeeperRole {
    private KeeperRole() {}

    static boolean holds(FailoverRpc rpc, String vault, String signer, long block) {
        String data = FunctionEncoder.encode(new Function("isKeeper", List.of(new Address(signer)), List.of()));
        String result = rpc.send("isKeeper", w -> w.ethCall(Transaction.createEthCallTransaction(null, vault, data),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(block)))).getValue();
        return result != null && Numeric.toBigInt(result).signum() != 0;
    }

    /** One line for the vault: the signer and whether it may rebalance. */
    static String describe(FailoverRpc rpc, String vault, String signer, long block) {
        String who = Keys.toChecksumAddress(signer);
        return holds(rpc, vault, signer, block)
                ? "signer " + who + " holds the keeper role"
                : "signer " + who + " does NOT hold the keeper role on this vault: its rebalances would revert with "
                        + "NotKeeper (the owner grants it through the timelock: setKeeper)";
    }
}
