package dev.ballast.chain;

import io.reactivex.disposables.Disposable;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthSubscribe;
import org.web3j.protocol.websocket.WebSocketService;

/**
 * Delivers new blocks to a {@link HeadListener}: through an eth_subscribe("newHeads") WebSocket on the first endpoint
 * that has one, re-opened with exponential backoff when it drops, and through HTTP polling of the latest block (via
 * {@link FailoverRpc}) whenever no subscription is live. Every block is delivered once and in order, gaps are filled
 * by number and reorgs are reported ({@link HeadTracker}).
 *
 * <p>All heads, from either source, are handled on one thread, which is also the thread the listener runs on.
 */
public final class HeadWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HeadWatcher.class);

    /** Where heads currently come from. */
    public enum Source { WEBSOCKET, POLLING }

    private final FailoverRpc rpc;
    private final HeadWatcherOptions options;
    private final Clock clock;
    private final HeadTracker tracker;
    private final List<RpcEndpoint> wsEndpoints;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(daemon("heads"));
    private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(daemon("heads-ws"));

    // Subscription state: written on the connector thread, read by the worker.
    private volatile Source source = Source.POLLING;
    private volatile Instant lastWsHead = Instant.EPOCH;
    private volatile WebSocketService socket;
    private volatile Disposable subscription;
    private volatile RpcEndpoint wsEndpoint;
    private volatile long generation;
    private int reconnectAttempts;
    private int nextWsEndpoint;
    private volatile boolean closed;
    /** The head number the node reported last (WebSocket or poll); not a maximum, so a reset chain lowers it. */
    private volatile long newestReported = -1;

    public HeadWatcher(FailoverRpc rpc, HeadWatcherOptions options, HeadListener listener) {
        this(rpc, options, listener, Clock.systemUTC());
    }

    HeadWatcher(FailoverRpc rpc, HeadWatcherOptions options, HeadListener listener, Clock clock) {
        this.rpc = Objects.requireNonNull(rpc, "rpc");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = clock;
        this.tracker = new HeadTracker(this::fetchBlock, listener, options.history(), () -> newestReported);
        this.wsEndpoints = rpc.endpoints().stream().filter(e -> e.wsUrl().isPresent()).toList();
    }

    /** Starts polling at once and, if an endpoint has a WebSocket URL, tries to subscribe. */
    public void start() {
        long pollMs = options.pollInterval().toMillis();
        worker.scheduleWithFixedDelay(this::pollIfNeeded, 0, pollMs, TimeUnit.MILLISECONDS);
        if (!wsEndpoints.isEmpty()) connector.execute(this::connect);
    }

    public Source source() {
        return source;
    }

    /** The last block delivered, read on the listener's thread. */
    public Optional<BlockHead> lastDelivered() {
        try {
            return worker.submit(tracker::last).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /**
     * Stops taking up heads, lets the listener finish the one in hand for up to {@code grace}, then interrupts it.
     * Returns whether it finished in time.
     */
    public boolean stop(Duration grace) {
        closed = true;
        connector.shutdownNow();
        dropSocket();
        worker.shutdown(); // the periodic poll is cancelled, queued heads see `closed`; the running one continues
        try {
            if (worker.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) return true;
            worker.shutdownNow();
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
        return false;
    }

    @Override
    public void close() {
        closed = true;
        connector.shutdownNow();
        worker.shutdownNow();
        dropSocket();
    }

    // ---------------------------------------------------------------- polling

    private void pollIfNeeded() {
        if (closed) return;
        boolean subscriptionLive = source == Source.WEBSOCKET
                && Duration.between(lastWsHead, clock.instant()).compareTo(options.stallTimeout()) < 0;
        if (subscriptionLive) return;
        if (source == Source.WEBSOCKET) {
            long stalled = generation;
            RpcEndpoint endpoint = wsEndpoint;
            connector.execute(() -> lost(stalled, endpoint, new TimeoutException(
                    "no new head for " + options.stallTimeout().toSeconds() + " s")));
        }
        try {
            EthBlock.Block latest = rpc.send("eth_getBlockByNumber(latest)",
                    w -> w.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)).getBlock();
            if (latest != null) {
                BlockHead head = BlockHead.of(latest);
                newestReported = head.number();
                tracker.observe(head);
            }
        } catch (RuntimeException e) {
            log.warn("polling for the latest block failed: {}", e.getMessage());
        }
    }

    private Optional<BlockHead> fetchBlock(long number) {
        EthBlock.Block block = rpc.send("eth_getBlockByNumber(" + number + ")",
                w -> w.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false))
                .getBlock();
        return Optional.ofNullable(block).map(BlockHead::of);
    }

    // ---------------------------------------------------------------- WebSocket

    /** On the connector thread: opens a socket to the next WebSocket endpoint and subscribes to new heads. */
    private void connect() {
        if (closed) return;
        RpcEndpoint endpoint = wsEndpoints.get(nextWsEndpoint % wsEndpoints.size());
        long myGeneration;
        synchronized (this) {
            myGeneration = ++generation;
        }
        wsEndpoint = endpoint;
        try {
            WebSocketService service = new WebSocketService(endpoint.wsUrl().orElseThrow().toString(), false);
            service.connect(message -> {}, error -> lost(myGeneration, endpoint, error), () -> lost(myGeneration,
                    endpoint, null));
            socket = service;
            Request<?, EthSubscribe> request = new Request<>("eth_subscribe", List.of("newHeads"), service,
                    EthSubscribe.class);
            subscription = service.subscribe(request, "eth_unsubscribe", HeadNotification.class)
                    .subscribe(n -> onWsHead(myGeneration, endpoint, n), error -> lost(myGeneration, endpoint, error));
            rpc.stats().countCall("eth_subscribe");
            reconnectAttempts = 0;
            lastWsHead = clock.instant();
            source = Source.WEBSOCKET;
            log.info("new heads: subscribed over WebSocket to {}", endpoint.name());
        } catch (Exception e) {
            lost(myGeneration, endpoint, e);
        }
    }

    private void onWsHead(long fromGeneration, RpcEndpoint endpoint, HeadNotification notification) {
        if (fromGeneration != generation || closed) return;
        lastWsHead = clock.instant();
        BlockHead head = notification.getParams().getResult().toBlockHead();
        newestReported = head.number(); // before queueing: heads still in the queue are stale once a newer one is known
        rpc.noteHeight(endpoint.name(), head.number());
        worker.execute(() -> {
            if (closed) return;
            try {
                tracker.observe(head);
            } catch (RuntimeException e) {
                log.warn("handling head {} from {} failed: {}", head, endpoint.name(), e.getMessage());
            }
        });
    }

    /** The subscription of {@code lostGeneration} is gone: poll meanwhile and schedule a reconnect (once). */
    private void lost(long lostGeneration, RpcEndpoint endpoint, Throwable error) {
        if (closed) return;
        synchronized (this) {
            if (lostGeneration != generation) return;
            generation++; // later callbacks of the lost socket are ignored
        }
        source = Source.POLLING;
        dropSocket();
        nextWsEndpoint++;
        Duration wait = backoff(++reconnectAttempts);
        log.warn("new heads: WebSocket to {} lost ({}); polling every {} ms, reconnecting in {} ms", endpoint.name(),
                error == null ? "closed" : FailoverRpc.describe(endpoint, error), options.pollInterval().toMillis(),
                wait.toMillis());
        try {
            connector.schedule(this::connect, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException ignored) {
            // closing
        }
    }

    private Duration backoff(int attempts) {
        Duration wait = options.reconnectInitial().multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(options.reconnectMax()) > 0 ? options.reconnectMax() : wait;
    }

    private void dropSocket() {
        Disposable sub = subscription;
        subscription = null;
        if (sub != null) sub.dispose();
        WebSocketService service = socket;
        socket = null;
        if (service != null) {
            try {
                service.close();
            } catch (RuntimeException ignored) {
                // already broken
            }
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, "ballast-" + name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
