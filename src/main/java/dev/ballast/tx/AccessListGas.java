package dev.ballast.tx;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.utils.Numeric;

/**
 * The answer of {@code eth_createAccessList} (geth, Erigon, Nethermind, Besu, Reth, Anvil), read for its
 * {@code gasUsed}: one execution of the call, where {@code eth_estimateGas} runs it once per step of a binary search
 * (on Anvil ~8 executions of a 700k-gas rebalance, most of the keeper's head -> broadcast time).
 */
public final class AccessListGas extends Response<AccessListGas.Result> {
    /** The fields used; {@code error} is set (geth) when the call reverted inside an otherwise answered request. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Result(String gasUsed, String error) {}

    /**
     * The request for a JSON-RPC batch (the batch's service sends it: it carries none of its own), at the latest block.
     */
    static Request<?, AccessListGas> request(Transaction call) {
        return new Request<>("eth_createAccessList", List.of(call, DefaultBlockParameterName.LATEST.getValue()), null,
                AccessListGas.class);
    }

    /** The gas the call used, or empty when the node did not answer it (method unknown, reverted, malformed). */
    Optional<BigInteger> gasUsed() {
        Result r = getResult();
        if (hasError() || r == null || r.error() != null || r.gasUsed() == null) return Optional.empty();
        try {
            return Optional.of(Numeric.decodeQuantity(r.gasUsed())).filter(g -> g.signum() > 0);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
