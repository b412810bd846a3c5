package dev.ballast.chain;

/**
 * The node refused a JSON-RPC batch for its size (a batch-request limit, a response-size limit): the node is up and
 * answered, so this is not a reason to fail over. The transport splits the batch and remembers the node's cap; this
 * reaches a caller only when even a single call is refused for its size.
 */
public final class BatchRefusedException extends RpcRejectedException {
    private final int calls;

    public BatchRefusedException(int calls, int code, String nodeMessage) {
        this(describe(calls, nodeMessage), calls, code);
    }

    /** The message a refusal of {@code calls} calls carries; the transport also logs it when it splits a batch. */
    static String describe(int calls, String nodeMessage) {
        return "the node refused a batch of " + calls + " call" + (calls == 1 ? "" : "s") + ": " + nodeMessage;
    }

    private BatchRefusedException(String message, int calls, int code) {
        super(message, code, null);
        this.calls = calls;
    }

    /** How many calls the refused request carried. */
    public int calls() {
        return calls;
    }

    @Override
    RpcRejectedException withMessage(String message) {
        return new BatchRefusedException(message, calls, code());
    }
}
