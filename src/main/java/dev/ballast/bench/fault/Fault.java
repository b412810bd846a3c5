package dev.ballast.bench.fault;

/** What {@link FaultProxy} can do to one JSON-RPC request instead of forwarding it faithfully. */
public enum Fault {
    /** The connection is closed without an answer; the request is not forwarded. */
    DROP_CONNECTION,
    /** HTTP 500 with a JSON-RPC-looking body; the request is not forwarded. */
    HTTP_500,
    /** HTTP 502 (a gateway in front of the node); the request is not forwarded. */
    HTTP_502,
    /**
     * Forwarded, but the answer is withheld until the hang time has passed (past the client's timeout) and the
     * connection is then closed: for a broadcast, the node has the transaction and the sender never hears so.
     */
    HANG,
    /** HTTP 200 with a body that is not JSON. */
    GARBAGE,
    /** Forwarded; the node's answer is cut in half (HTTP 200, broken JSON). */
    TRUNCATED_JSON,
    /** Forwarded; the answer's ids are changed, so the client cannot match it to its request. */
    WRONG_ID,
    /**
     * Answers {@code {"result": null}} without forwarding: a node behind a load balancer that has not seen the block
     * yet (a receipt that trails the nonce count, a transaction it does not know).
     */
    NULL_RESULT,
    /** Forwarded, but "latest" means a block {@code lagBlocks} behind the node's head (a node that fell behind). */
    LAGGING_HEAD,
    /** eth_sendRawTransaction is forwarded (the node accepts it) but the answer is lost: dropped or HTTP 500. */
    SEND_ANSWER_LOST,
    /** eth_sendRawTransaction never reaches the node; the connection is dropped. */
    SEND_NOT_FORWARDED;

    /** Whether the fault applies to transaction broadcasts only. */
    boolean sendOnly() {
        return this == SEND_ANSWER_LOST || this == SEND_NOT_FORWARDED;
    }
}
