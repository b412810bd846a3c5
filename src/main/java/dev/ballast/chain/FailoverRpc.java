package dev.ballast.chain;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;

/**
 * Several nodes in priority order behind one call API. Each call goes to the first node that is up (not in backoff)
 * and not lagging; when that node errors or times out it is put in exponential backoff and the call moves on to the
 * next. A node whose last known height is more than {@link FailoverPolicy#maxLagBlocks()} behind the best height seen
 * on any node is skipped: its reads would be stale. When every node fails, {@link RpcUnavailableException} lists each
 * node's last error.
 *
 * <p>Heights are learned from {@link #refreshHeights()} (one eth_blockNumber per node) and from {@link #noteHeight}
 * (e.g. a head subscription). Errors name the node, never its raw URL.
 *
 * <p>A node that refuses a batch for its size is not failing: {@link NodeHttpService} splits the batch on that node
 * and remembers its cap ({@link #batchCap}). A batch's timeout grows with its calls ({@link FailoverPolicy}).
 */
public final class FailoverRpc implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FailoverRpc.class);

    /** A unit of work against one node; any exception except {@link RpcRejectedException} means "try the next". */
    @FunctionalInterface
    public interface RpcCall<T> {
        T apply(Web3j web3j) throws Exception;
    }

    /**
     * Sees every attempt on a node and every failover (metrics). Called on the caller's thread: it must only record.
     */
    public interface Observer {
        Observer NONE = new Observer() {};

        /** One attempt on {@code endpoint} took {@code nanos}; {@code ok} unless it failed over (a revert is ok). */
        default void attempted(String endpoint, long nanos, boolean ok) {}

        /** {@code from} failed and the call moved on down the list. */
        default void failedOver(String from) {}
    }

    private volatile Observer observer = Observer.NONE;
    private final List<Node> nodes;
    private final FailoverPolicy policy;
    private final Clock clock;
    private final RpcStats stats = new RpcStats();
    private final Web3j failoverWeb3j;

    public FailoverRpc(List<RpcEndpoint> endpoints, FailoverPolicy policy) {
        this(endpoints, policy, Clock.systemUTC());
    }

    public FailoverRpc(List<RpcEndpoint> endpoints, FailoverPolicy policy, Clock clock) {
        if (endpoints.isEmpty()) throw new IllegalArgumentException("at least one RPC endpoint is required");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        OkHttpClient base = new OkHttpClient.Builder()
                .socketFactory(new NoDelaySocketFactory())
                .connectTimeout(policy.callTimeout())
                .readTimeout(policy.callTimeout())
                .writeTimeout(policy.callTimeout())
                .callTimeout(policy.callTimeout())
                .addInterceptor(chain -> {
                    stats.countHttpRequest();
                    return chain.proceed(chain.request());
                })
                .build();
        List<Node> built = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (RpcEndpoint endpoint : endpoints) {
            if (names.contains(endpoint.name())) {
                throw new IllegalArgumentException("duplicate RPC endpoint name '" + endpoint.name() + "'");
            }
            names.add(endpoint.name());
            NodeHttpService service = new NodeHttpService(endpoint.name(), endpoint.httpUrl().toString(), base, policy, stats);
            built.add(new Node(endpoint, service, Web3j.build(service)));
        }
        this.nodes = List.copyOf(built);
        this.failoverWeb3j = Web3j.build(new FailoverService(this));
    }

    /**
     * A client whose every request goes through this failover, for code written against plain web3j (nonces, fees,
     * simulation, receipts). A node that cannot be reached is skipped; a JSON-RPC error is the node's answer and is
     * returned as such, because every node would give it (a revert, a nonce too low).
     */
    public Web3j web3j() {
        return failoverWeb3j;
    }

    /**
     * Sends one typed web3j request with failover. A JSON-RPC error that every node would repeat (an execution
     * revert) is thrown as {@link RpcRejectedException} without marking the node down; any other error fails over.
     */
    public <R extends Response<?>> R send(String what, Function<Web3j, Request<?, R>> request) {
        return call(what, web3j -> {
            R response = request.apply(web3j).send();
            if (response.hasError()) {
                Response.Error error = response.getError();
                String message = what + " failed: JSON-RPC error " + error.getCode() + ": " + error.getMessage();
                if (isDeterministic(error)) {
                    throw new RpcRejectedException(message, error.getCode(), LensPayload.unquote(error.getData()));
                }
                throw new IOException(message);
            }
            return response;
        });
    }

    /** Runs {@code call} on the healthiest preferred node, moving down the list on failure. */
    public <T> T call(String what, RpcCall<T> call) {
        return onService(what, node -> call.apply(node.web3j));
    }

    /** Runs a raw transport call with the same node choice and failover as {@link #call}. */
    <T> T callService(String what, ServiceCall<T> call) {
        return onService(what, node -> call.apply(node.service));
    }

    @FunctionalInterface
    interface ServiceCall<T> {
        T apply(Web3jService service) throws Exception;
    }

    @FunctionalInterface
    private interface NodeCall<T> {
        T apply(Node node) throws Exception;
    }

    private <T> T onService(String what, NodeCall<T> call) {
        List<Node> tried = new ArrayList<>();
        for (Node node : nodes) {
            if (!usable(node)) continue;
            tried.add(node);
            long started = System.nanoTime();
            try {
                T result = call.apply(node);
                node.succeeded();
                observer.attempted(node.endpoint.name(), System.nanoTime() - started, true);
                return result;
            } catch (RpcRejectedException rejected) {
                node.succeeded();
                observer.attempted(node.endpoint.name(), System.nanoTime() - started, true);
                throw rejected.withMessage(node.endpoint.name() + ": " + node.endpoint.scrub(rejected.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RpcUnavailableException(what + " interrupted on " + node.endpoint.name());
            } catch (Exception e) {
                observer.attempted(node.endpoint.name(), System.nanoTime() - started, false);
                fail(node, what, e);
                observer.failedOver(node.endpoint.name());
            }
        }
        throw unavailable(what, tried);
    }

    /**
     * Asks every node that is not in backoff for its block number (one eth_blockNumber each) and returns the best
     * height; failures put the node in backoff as for any call.
     */
    public long refreshHeights() {
        for (Node node : nodes) {
            if (node.downUntil(clock) != null) continue;
            try {
                long height = node.web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
                node.succeeded();
                node.noteHeight(height);
            } catch (Exception e) {
                fail(node, "eth_blockNumber", e);
            }
        }
        return bestHeight();
    }

    /** Records a height seen on node {@code name} outside this class (a head notification). */
    public void noteHeight(String name, long height) {
        nodeNamed(name).noteHeight(height);
    }

    public long bestHeight() {
        return nodes.stream().mapToLong(Node::height).max().orElse(-1);
    }

    public List<EndpointStatus> status() {
        long best = bestHeight();
        Instant now = clock.instant();
        return nodes.stream().map(node -> node.status(now, best, policy.maxLagBlocks())).toList();
    }

    public List<RpcEndpoint> endpoints() {
        return nodes.stream().map(node -> node.endpoint).toList();
    }

    /** The client of one node, for callers that must stay on it (e.g. polling the node a subscription came from). */
    public Web3j web3jOf(String name) {
        return nodeNamed(name).web3j;
    }

    /** Replaces the observer of attempts and failovers (one at a time: the metrics of this process). */
    public void observe(Observer observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /**
     * The most calls node {@code name} takes in one JSON-RPC batch, learnt from its refusals; empty while it has
     * refused none. Batches to it are split to this size.
     */
    public OptionalInt batchCap(String name) {
        int cap = nodeNamed(name).service.batchCap();
        return cap == Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of(cap);
    }

    public RpcStats stats() {
        return stats;
    }

    public FailoverPolicy policy() {
        return policy;
    }

    @Override
    public void close() {
        nodes.forEach(node -> node.web3j.shutdown());
    }

    private boolean usable(Node node) {
        if (node.downUntil(clock) != null) return false;
        long lag = bestHeight() - node.height();
        return node.height() < 0 || lag <= policy.maxLagBlocks();
    }

    private void fail(Node node, String what, Exception e) {
        String reason = describe(node.endpoint, e);
        Instant until = node.failed(reason, clock, policy);
        log.warn("rpc {} failed on {}: {}; backing off until {}", what, node.endpoint.name(), reason, until);
    }

    private RpcUnavailableException unavailable(String what, List<Node> tried) {
        long best = bestHeight();
        StringBuilder message = new StringBuilder("no RPC endpoint could answer ").append(what).append(':');
        for (Node node : nodes) {
            message.append("\n  ").append(node.endpoint.describe()).append(": ");
            EndpointStatus status = node.status(clock.instant(), best, policy.maxLagBlocks());
            if (status.lagging()) {
                message.append("lagging ").append(best - status.height()).append(" blocks behind ").append(best);
            } else if (status.lastError() == null) {
                message.append("no error recorded");
            } else {
                message.append(status.lastError());
                if (!tried.contains(node)) message.append(" (in backoff until ").append(status.downUntil()).append(')');
            }
        }
        return new RpcUnavailableException(message.toString());
    }

    /** Exception class and message with the node's URL and credentials removed. */
    static String describe(RpcEndpoint endpoint, Throwable e) {
        Throwable root = e;
        String type = root.getClass().getSimpleName();
        String text = root.getMessage();
        if (text == null && root.getCause() != null) text = root.getCause().toString();
        return type + ": " + endpoint.scrub(text == null ? "(no message)" : text);
    }

    private static boolean isDeterministic(Response.Error error) {
        String message = error.getMessage() == null ? "" : error.getMessage().toLowerCase();
        return error.getCode() == 3 || message.contains("revert");
    }

    private Node nodeNamed(String name) {
        return nodes.stream()
                .filter(node -> node.endpoint.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no RPC endpoint named '" + name + "'"));
    }

    /** What an operator sees for one node. {@code downUntil} is null while the node is up. */
    public record EndpointStatus(
            String name, String url, Instant downUntil, int consecutiveFailures, String lastError, long height,
            boolean lagging) {}

    private static final class Node {
        final RpcEndpoint endpoint;
        final NodeHttpService service;
        final Web3j web3j;
        private Instant downUntil;
        private int consecutiveFailures;
        private String lastError;
        private long height = -1;

        Node(RpcEndpoint endpoint, NodeHttpService service, Web3j web3j) {
            this.endpoint = endpoint;
            this.service = service;
            this.web3j = web3j;
        }

        synchronized Instant downUntil(Clock clock) {
            return downUntil != null && clock.instant().isBefore(downUntil) ? downUntil : null;
        }

        synchronized void succeeded() {
            consecutiveFailures = 0;
            downUntil = null;
        }

        synchronized Instant failed(String reason, Clock clock, FailoverPolicy policy) {
            consecutiveFailures++;
            lastError = reason;
            downUntil = clock.instant().plus(policy.backoffAfter(consecutiveFailures));
            return downUntil;
        }

        synchronized void noteHeight(long seen) {
            height = Math.max(height, seen);
        }

        synchronized long height() {
            return height;
        }

        synchronized EndpointStatus status(Instant now, long best, long maxLag) {
            Instant until = downUntil != null && now.isBefore(downUntil) ? downUntil : null;
            boolean lagging = height >= 0 && best - height > maxLag;
            return new EndpointStatus(endpoint.name(), RpcEndpoint.redact(endpoint.httpUrl()), until,
                    consecutiveFailures, lastError, height, lagging);
        }
    }
}
