package dev.ballast.chain;

/**
 * A node answered the request with a JSON-RPC error that another node would give too (an execution revert, invalid
 * params): asking the next node would not help, so the node is not marked down. {@code data} is the revert data
 * (hex) when the node returned one.
 */
public class RpcRejectedException extends RuntimeException {
    private final int code;
    private final String data;

    public RpcRejectedException(String message, int code, String data) {
        super(message);
        this.code = code;
        this.data = data;
    }

    public int code() {
        return code;
    }

    /** Hex revert data, or null. */
    public String data() {
        return data;
    }

    /** The same rejection with another message (the failover prefixes the node's name); subclasses keep their type. */
    RpcRejectedException withMessage(String message) {
        return new RpcRejectedException(message, code, data);
    }
}
