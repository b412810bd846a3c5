package dev.ballast.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A JSON-RPC hop between a keeper and Anvil that forwards faithfully, except that once armed it holds the first request
 * calling a given method (alone or inside a batch) until the test releases it: the keeper's thread stands still at that
 * very step, as a keeper stopped by SIGSTOP, a long GC pause or a starved CPU does, while its lease runs out and the
 * other keepers go on. Released, the request reaches the node as sent and the keeper carries on where it stood. It can
 * also answer one request with a node's refusal instead of forwarding it, and counts the requests per method.
 */
public final class HoldingRpcProxy implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClient.newHttpClient();
    private final URI node;
    private final AtomicReference<String> armed = new AtomicReference<>();
    private final CountDownLatch holding = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    /** The method whose next lone request is refused, and the node's message for it. */
    private final AtomicReference<String[]> refusing = new AtomicReference<>();
    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();

    public HoldingRpcProxy(String nodeUrl) throws IOException {
        this.node = URI.create(nodeUrl);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Holds the next request that calls {@code method} (once). */
    public void holdNext(String method) {
        armed.set(method);
    }

    /**
     * Answers the next request that calls {@code method} alone (not in a batch) with a JSON-RPC error carrying
     * {@code message}, as a node refusing it would; that request never reaches the node.
     */
    public void refuseNext(String method, String message) {
        refusing.set(new String[] {method, message});
    }

    /** How many calls of {@code method} came through (forwarded, held or refused), counting each call in a batch. */
    public int calls(String method) {
        AtomicInteger n = seen.get(method);
        return n == null ? 0 : n.get();
    }

    /** Waits until a request is being held; false if none came within {@code timeout}. */
    public boolean awaitHeld(Duration timeout) throws InterruptedException {
        return holding.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Lets the held request go on to the node. */
    public void release() {
        released.countDown();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        executor.shutdownNow();
        client.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode request = JSON.readTree(body);
            for (JsonNode call : request.isArray() ? request : List.of(request)) {
                seen.computeIfAbsent(call.path("method").asText(), m -> new AtomicInteger()).incrementAndGet();
            }
            String method = armed.get();
            if (method != null && calls(request, method) && armed.compareAndSet(method, null)) {
                holding.countDown();
                released.await();
            }
            String[] refusal = refusing.get();
            byte[] reply;
            if (refusal != null && !request.isArray() && calls(request, refusal[0]) && refusing.compareAndSet(refusal, null)) {
                reply = JSON.writeValueAsBytes(Map.of("jsonrpc", "2.0", "id", request.path("id"),
                        "error", Map.of("code", -32000, "message", refusal[1])));
            } else {
                reply = client.send(HttpRequest.newBuilder(node).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(500, -1);
        }
    }

    private static boolean calls(JsonNode request, String method) {
        for (JsonNode call : request.isArray() ? request : List.of(request)) {
            if (call.path("method").asText().equals(method)) return true;
        }
        return false;
    }
}
