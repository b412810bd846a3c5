package dev.ballast.chain;

import dev.ballast.contracts.VenueQuoteLens;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.utils.Numeric;

/**
 * {@code IVenue.quoteExactIn} ladders of many venues at one block in one eth_call, through VenueQuoteLens (creation
 * code run without {@code to}, nothing deployed). The keeper uses it for venues it cannot model from their state.
 */
public final class VenueQuoteReader {
    private final FailoverRpc rpc;
    private final long callGasLimit;
    private final byte[] lensCode;

    /** One ladder: {@code amountsIn} of {@code tokenIn} → {@code tokenOut} on {@code venue}. */
    public record Request(String venue, String tokenIn, String tokenOut, List<BigInteger> amountsIn) {
        public Request {
            Objects.requireNonNull(venue, "venue");
            amountsIn = List.copyOf(amountsIn);
            if (amountsIn.isEmpty()) throw new IllegalArgumentException("amountsIn of a quote on " + venue + " is empty");
        }
    }

    public VenueQuoteReader(FailoverRpc rpc, long callGasLimit) {
        this.rpc = Objects.requireNonNull(rpc, "rpc");
        this.callGasLimit = callGasLimit;
        this.lensCode = Numeric.hexStringToByteArray(VenueQuoteLens.BINARY);
    }

    /** Each request's quotes in order (0 where the venue could not fill), all at {@code blockNumber}. */
    public List<List<BigInteger>> quote(long blockNumber, List<Request> requests) {
        ByteArrayOutputStream initcode = new ByteArrayOutputStream();
        initcode.writeBytes(lensCode);
        initcode.writeBytes(Numeric.hexStringToByteArray(encode(requests)));
        Transaction tx = new Transaction(null, null, null, BigInteger.valueOf(callGasLimit), null, null,
                Numeric.toHexString(initcode.toByteArray()));
        DefaultBlockParameter block = DefaultBlockParameter.valueOf(BigInteger.valueOf(blockNumber));
        String what = requests.size() + " venue quote ladders";
        try {
            String value = rpc.send(what, w -> w.ethCall(tx, block)).getValue();
            throw new LensDecodingException("VenueQuoteLens returned instead of reverting with its payload: " + value);
        } catch (RpcRejectedException reverted) {
            byte[] payload = LensPayload.fromErrorData(reverted.data()).orElseThrow(() -> reverted);
            return decode(payload, requests);
        }
    }

    static String encode(List<Request> requests) {
        List<DynamicStruct> structs = new ArrayList<>();
        for (Request r : requests) {
            structs.add(new DynamicStruct(new Address(r.venue()), new Address(r.tokenIn()), new Address(r.tokenOut()),
                    new DynamicArray<>(Uint256.class, r.amountsIn().stream().map(Uint256::new).toList())));
        }
        return FunctionEncoder.encodeConstructor(List.of(new DynamicArray<>(DynamicStruct.class, structs)));
    }

    /** abi.decode(payload, (uint256[][])), checked against the ladders asked for. */
    static List<List<BigInteger>> decode(byte[] payload, List<Request> requests) {
        int outer = word(payload, 0).intValueExact();
        int n = word(payload, outer).intValueExact();
        if (n != requests.size()) throw new LensDecodingException("VenueQuoteLens answered " + n + " ladders for " + requests.size());
        int heads = outer + 32;
        List<List<BigInteger>> quotes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int at = heads + word(payload, heads + 32 * i).intValueExact();
            int m = word(payload, at).intValueExact();
            if (m != requests.get(i).amountsIn().size()) {
                throw new LensDecodingException("VenueQuoteLens answered " + m + " quotes for ladder " + i);
            }
            List<BigInteger> q = new ArrayList<>();
            for (int k = 0; k < m; k++) q.add(word(payload, at + 32 + 32 * k));
            quotes.add(List.copyOf(q));
        }
        return List.copyOf(quotes);
    }

    private static BigInteger word(byte[] data, int offset) {
        if (offset < 0 || offset + 32 > data.length) {
            throw new LensDecodingException("VenueQuoteLens payload too short: word at " + offset + " of " + data.length + " bytes");
        }
        return new BigInteger(1, Arrays.copyOfRange(data, offset, offset + 32));
    }
}
