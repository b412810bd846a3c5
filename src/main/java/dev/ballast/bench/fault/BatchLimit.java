package dev.ballast.bench.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A node's limit on JSON-RPC batches, answered the way real nodes answer a batch over it (see {@link Shape}). Used by
 * {@link FaultProxy#batchLimit}.
 *
 * @param calls the most calls a batch may carry (0: the node takes no batches at all)
 * @param shape how the node says no
 */
public record BatchLimit(int calls, Shape shape) {
    /** How a node refuses a batch over its limit. */
    public enum Shape {
        /**
         * geth's --rpc.batch-request-limit (rpc/handler.go respondWithBatchTooLarge): an array holding ONE error,
         * code -32600 "batch too large", under the id of the batch's first call; the other calls get no answer.
         */
        GETH,
        /**
         * Erigon's --rpc.batch.limit before it was fixed (erigontech/erigon#17245) and providers that behave alike:
         * a single error object instead of an array, id null, code -32000.
         */
        SINGLE_OBJECT,
        /**
         * geth's --rpc.batch-response-max-size: the batch is run, the first {@code calls} answers are kept and every
         * later call is answered with code -32003 "response too large".
         */
        RESPONSE_TOO_LARGE
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public BatchLimit {
        Objects.requireNonNull(shape, "shape");
        if (calls < 0) throw new IllegalArgumentException("calls must be >= 0, got " + calls);
    }

    /** Whether {@code request} is a batch over the limit. */
    public boolean exceededBy(JsonNode request) {
        return request.isArray() && request.size() > calls;
    }

    /** The node's whole answer to a batch over the limit that it does not run ({@link Shape#GETH}, {@link Shape#SINGLE_OBJECT}). */
    public JsonNode refusal(JsonNode batch) {
        ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0");
        ObjectNode error = JSON.createObjectNode();
        if (shape == Shape.GETH) {
            answer.set("id", batch.path(0).path("id"));
            error.put("code", -32600).put("message", "batch too large");
            answer.set("error", error);
            return JSON.createArrayNode().add(answer);
        }
        answer.putNull("id");
        error.put("code", -32000).put("message", "batch limit " + calls + " exceeded: " + batch.size() + " requests given");
        answer.set("error", error);
        return answer;
    }

    /** The node's answers to a batch it ran, with every answer past the limit replaced by "response too large". */
    public JsonNode trimmed(JsonNode answers) {
        ArrayNode out = JSON.createArrayNode();
        for (int i = 0; i < answers.size(); i++) {
            if (i < calls) {
                out.add(answers.get(i));
                continue;
            }
            ObjectNode tooLarge = out.addObject().put("jsonrpc", "2.0");
            tooLarge.set("id", answers.get(i).path("id"));
            tooLarge.putObject("error").put("code", -32003).put("message", "response too large");
        }
        return out;
    }
}
