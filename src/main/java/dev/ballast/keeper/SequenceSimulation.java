package dev.ballast.keeper;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.utils.Numeric;

/**
 * {@code eth_simulateV1} (geth, Reth, Nethermind, Erigon, Anvil) of a head's batches in the order they will be sent:
 * each call runs on the state the calls before it leave, so the second batch of a pool is simulated on the pool the
 * first one moved, exactly as the chain will run them under consecutive nonces of one signer. Calls are put into
 * simulated blocks as a miner packs them (in order, up to the block gas limit each), so a call is never refused for
 * block gas it would not meet on chain either. One request for the whole head: one execution per batch, no
 * transaction broadcast before the last one was simulated.
 */
final class SequenceSimulation {
    /** One transaction of the sequence, at exactly the gas limit it is signed with. */
    record Call(String to, String data, BigInteger gas) {}

    /** What a call did: {@code ok} its status; {@code returnData} its return value (ok) or revert data (not ok). */
    record Outcome(boolean ok, String returnData) {}

    /** The node refused the request as a whole (method unknown, over its RPC gas cap, malformed): not about one call. */
    static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    private SequenceSimulation() {}

    /** Simulates {@code calls} from {@code from} at the latest block, in order; one outcome per call. */
    static List<Outcome> run(Web3j web3j, String from, List<Call> calls, BigInteger blockGasLimit) throws IOException {
        List<Map<String, Object>> blocks = new ArrayList<>();
        List<Map<String, Object>> current = new ArrayList<>();
        BigInteger used = BigInteger.ZERO;
        for (Call c : calls) {
            if (!current.isEmpty() && used.add(c.gas()).compareTo(blockGasLimit) > 0) {
                blocks.add(Map.of("calls", current));
                current = new ArrayList<>();
                used = BigInteger.ZERO;
            }
            Map<String, Object> call = new LinkedHashMap<>();
            call.put("from", from);
            call.put("to", c.to());
            call.put("gas", Numeric.toHexStringWithPrefix(c.gas()));
            call.put("input", c.data());
            current.add(call);
            used = used.add(c.gas());
        }
        if (!current.isEmpty()) blocks.add(Map.of("calls", current));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("blockStateCalls", blocks);
        payload.put("validation", false); // fees and nonces are the signer's business; the trades are what is simulated
        Request<?, Answer> request = new Request<>("eth_simulateV1", List.of(payload, DefaultBlockParameterName.LATEST.getValue()),
                null, Answer.class);
        // sent through a batch so that it travels over the keeper's failover transport like every other read
        BatchResponse batch = web3j.newBatch().add(request).send();
        Answer answer = batch.getResponses().stream().filter(r -> r.getId() == request.getId()).map(Answer.class::cast)
                .findFirst().orElseThrow(() -> new IOException("the node's batch answer lacks the eth_simulateV1 request"));
        if (answer.hasError()) throw new Refused("eth_simulateV1 refused: " + answer.getError().getMessage());
        if (answer.getResult() == null) throw new Refused("eth_simulateV1 returned no blocks");
        List<Outcome> out = new ArrayList<>();
        for (SimBlock b : answer.getResult()) {
            if (b.calls() == null) throw new IOException("eth_simulateV1 returned a block without its calls");
            for (SimCall c : b.calls()) {
                boolean ok = "0x1".equals(c.status());
                String data = ok || c.error() == null || c.error().data() == null ? c.returnData() : c.error().data();
                out.add(new Outcome(ok, data == null ? "0x" : data));
            }
        }
        if (out.size() != calls.size()) {
            throw new IOException("eth_simulateV1 returned " + out.size() + " call results for " + calls.size() + " calls");
        }
        return out;
    }

    /** The answer: one simulated block per block state call. */
    public static final class Answer extends Response<List<SimBlock>> {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SimBlock(List<SimCall> calls) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SimCall(String status, String returnData, SimError error) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SimError(Long code, String message, String data) {}
}
