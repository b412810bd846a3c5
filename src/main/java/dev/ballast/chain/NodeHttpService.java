package dev.ballast.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.exceptions.ClientConnectionException;
import org.web3j.protocol.http.HttpService;

/**
 * web3j's HTTP transport to one node, counting every JSON-RPC call into an {@link RpcStats}, with batches sent our
 * own way:
 * <ul>
 *   <li>a batch is timed by its size ({@link FailoverPolicy#requestTimeout}): the node answers once it ran every call;
 *   <li>a node may refuse a batch for its size. geth (--rpc.batch-request-limit) answers with one error for the first
 *       call's id, Erigon and some providers with a single error object instead of an array, geth's response-size
 *       limit with an error for each call past the limit. web3j's parser reads the first as an answer to call 0 and
 *       throws ClassCastException on the second; here all three mean "send fewer calls at once": the refused calls
 *       are sent again in halves (calls the node did answer are kept), and the node's cap is remembered for every
 *       later batch. A refusal is the node working, not failing, so nothing here fails the node over;
 *   <li>at a cap of one, calls go as plain requests, so a node that takes no batches at all is still read.
 * </ul>
 * Answers are matched to their calls by id, not position (JSON-RPC lets a node answer a batch in any order).
 */
final class NodeHttpService extends HttpService {
    private static final Logger log = LoggerFactory.getLogger(NodeHttpService.class);

    private final String name;
    private final OkHttpClient client;
    private final FailoverPolicy policy;
    private final RpcStats stats;
    private final AtomicInteger batchCap = new AtomicInteger(Integer.MAX_VALUE);

    NodeHttpService(String name, String url, OkHttpClient client, FailoverPolicy policy, RpcStats stats) {
        super(url, client);
        this.name = name;
        this.client = client;
        this.policy = policy;
        this.stats = stats;
    }

    /** The most calls this node has taken in one batch since it refused more; {@code Integer.MAX_VALUE} until then. */
    int batchCap() {
        return batchCap.get();
    }

    @Override
    public <T extends Response> T send(Request request, Class<T> responseType) throws IOException {
        stats.countCall(request.getMethod());
        return super.send(request, responseType);
    }

    @Override
    public <T extends Response> CompletableFuture<T> sendAsync(Request request, Class<T> responseType) {
        stats.countCall(request.getMethod());
        return super.sendAsync(request, responseType);
    }

    @Override
    public BatchResponse sendBatch(BatchRequest batch) throws IOException {
        List<Request<?, ? extends Response<?>>> requests = batch.getRequests();
        for (Request<?, ? extends Response<?>> request : requests) stats.countCall(request.getMethod());
        Response<?>[] answers = new Response<?>[requests.size()];
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) pending.add(i);
        // each refusal at least halves the cap, so this ends after at most log2(calls) refusals per batch
        while (!pending.isEmpty()) {
            List<Integer> slice = List.copyOf(pending.subList(0, Math.min(batchCap.get(), pending.size())));
            List<Integer> refused = slice.size() == 1 ? sendAlone(requests, slice.getFirst(), answers)
                    : sendTogether(requests, slice, answers);
            List<Integer> next = new ArrayList<>(refused);
            next.addAll(pending.subList(slice.size(), pending.size()));
            pending = next;
        }
        return new BatchResponse(requests, List.of(answers));
    }

    /** One call as a plain request. Refused for its size even alone: nothing smaller can be sent. */
    private List<Integer> sendAlone(List<Request<?, ? extends Response<?>>> requests, int index, Response<?>[] answers)
            throws IOException {
        Request<?, ? extends Response<?>> request = requests.get(index);
        JsonNode answer = post(objectMapper.writeValueAsString(request), 1);
        if (!answer.isObject()) throw new IOException("the node answered a single call with a JSON " + answer.getNodeType());
        JsonNode error = answer.path("error");
        if (error.isObject() && isSizeRefusal(error, false)) {
            throw new BatchRefusedException(1, error.path("code").asInt(), error.path("message").asText(""));
        }
        answers[index] = objectMapper.treeToValue(answer, request.getResponseType());
        return List.of();
    }

    /** A batch of {@code slice}; returns the calls the node refused for the batch's size, to be sent again. */
    private List<Integer> sendTogether(List<Request<?, ? extends Response<?>>> requests, List<Integer> slice,
            Response<?>[] answers) throws IOException {
        List<Request<?, ? extends Response<?>>> sent = slice.stream().<Request<?, ? extends Response<?>>>map(requests::get).toList();
        JsonNode answer = post(objectMapper.writeValueAsString(sent), slice.size());
        if (answer.isObject()) {
            // one object for a whole batch: the node refused the batch as such (Erigon's batch limit, a provider cap)
            JsonNode error = answer.path("error");
            if (!error.isObject()) throw new IOException("the node answered a batch of " + slice.size() + " calls with one non-error object");
            lowerCap(slice.size(), slice.size() / 2, error);
            return slice;
        }
        if (!answer.isArray()) throw new IOException("the node answered a batch with a JSON " + answer.getNodeType());
        Map<Long, JsonNode> byId = new HashMap<>();
        JsonNode unmatchedError = null;
        for (JsonNode element : answer) {
            if (element.path("id").canConvertToLong()) byId.put(element.path("id").asLong(), element);
            else if (element.path("error").isObject()) unmatchedError = element.path("error");
        }
        List<Integer> refused = new ArrayList<>();
        List<Integer> missing = new ArrayList<>();
        JsonNode refusal = unmatchedError;
        int answered = 0;
        for (int index : slice) {
            JsonNode element = byId.get(requests.get(index).getId());
            if (element == null) {
                missing.add(index);
            } else if (element.path("error").isObject() && isSizeRefusal(element.path("error"), true)) {
                refused.add(index);
                refusal = element.path("error");
            } else {
                answers[index] = objectMapper.treeToValue(element, requests.get(index).getResponseType());
                answered++;
            }
        }
        if (refusal == null && !missing.isEmpty()) {
            throw new IOException("the node answered " + answered + " of the " + slice.size() + " calls of a batch");
        }
        if (refusal == null) return List.of();
        // geth's batch limit answers the first call's id only: the calls without an answer were refused with it
        refused.addAll(missing);
        refused.sort(null);
        lowerCap(slice.size(), answered > 0 ? answered : slice.size() / 2, refusal);
        return refused;
    }

    private void lowerCap(int sent, int cap, JsonNode error) {
        int lowered = Math.max(1, cap);
        int before = batchCap.getAndAccumulate(lowered, Math::min);
        if (lowered < before) {
            log.warn("rpc {}: {} (code {}); sending the refused calls again, at most {} per batch from now on", name,
                    BatchRefusedException.describe(sent, error.path("message").asText("")), error.path("code").asInt(), lowered);
        }
    }

    /**
     * Whether a node's error means "too much in one request", not "this call failed": a batch-size or response-size
     * limit, or (within a batch) geth's batch timeout, which answers every call it had no time for with -32002.
     * Matched on geth's codes and on the words providers use, since there is no standard code for it.
     */
    static boolean isSizeRefusal(JsonNode error, boolean inBatch) {
        int code = error.path("code").asInt();
        String message = error.path("message").asText("").toLowerCase(Locale.ROOT);
        // a revert is the call's own answer, whatever its reason string says ("batch size exceeded" from a contract)
        if (code == 3 || message.contains("revert")) return false;
        if (code == -32003 || message.contains("response too large") || message.contains("response size")) return true;
        if (inBatch && code == -32002 && message.contains("timed out")) return true;
        return message.contains("batch") && (message.contains("large") || message.contains("limit")
                || message.contains("exceed") || message.contains("size") || message.contains("too many"));
    }

    private JsonNode post(String payload, int calls) throws IOException {
        Duration timeout = policy.requestTimeout(calls);
        OkHttpClient sized = timeout.equals(policy.callTimeout()) ? client
                : client.newBuilder().readTimeout(timeout).writeTimeout(timeout).callTimeout(timeout).build();
        okhttp3.Request request = new okhttp3.Request.Builder().url(getUrl()).headers(Headers.of(getHeaders()))
                .post(RequestBody.create(payload, JSON_MEDIA_TYPE)).build();
        try (okhttp3.Response response = sized.newCall(request).execute()) {
            String body = response.body() == null ? "" : response.body().string();
            if (!response.isSuccessful()) {
                throw new ClientConnectionException("Invalid response received: " + response.code() + "; " + body);
            }
            return objectMapper.readTree(body);
        }
    }
}
