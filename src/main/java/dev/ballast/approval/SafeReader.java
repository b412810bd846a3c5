package dev.ballast.approval;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;

/** What the approval flow reads from a Safe: its nonce, threshold and owners (eth_call at the latest block). */
public final class SafeReader {
    private final Web3j web3j;

    public SafeReader(Web3j web3j) {
        this.web3j = web3j;
    }

    public BigInteger nonce(String safe) throws IOException {
        return uint(safe, "nonce");
    }

    public BigInteger threshold(String safe) throws IOException {
        return uint(safe, "getThreshold");
    }

    /** The owners, checksummed. */
    public List<String> owners(String safe) throws IOException {
        List<Type> out = call(safe, new Function("getOwners", List.of(),
                List.of(new TypeReference<DynamicArray<Address>>() {})));
        @SuppressWarnings("unchecked")
        List<Address> owners = ((DynamicArray<Address>) out.getFirst()).getValue();
        return owners.stream().map(a -> Keys.toChecksumAddress(a.getValue())).toList();
    }

    public boolean isOwner(String safe, String who) throws IOException {
        return owners(safe).stream().anyMatch(o -> o.equalsIgnoreCase(who));
    }

    private BigInteger uint(String safe, String name) throws IOException {
        return ((Uint256) call(safe, new Function(name, List.of(), List.of(new TypeReference<Uint256>() {}))).getFirst())
                .getValue();
    }

    @SuppressWarnings("rawtypes")
    private List<Type> call(String safe, Function f) throws IOException {
        EthCall r = web3j.ethCall(Transaction.createEthCallTransaction(null, safe, FunctionEncoder.encode(f)),
                DefaultBlockParameterName.LATEST).send();
        if (r.hasError() || r.isReverted() || r.getValue() == null || r.getValue().equals("0x")) {
            throw new IOException("Safe " + safe + " does not answer " + f.getName() + "()"
                    + (r.hasError() ? ": " + r.getError().getMessage() : " (is it a Safe?)"));
        }
        return FunctionReturnDecoder.decode(r.getValue(), f.getOutputParameters());
    }
}
