package dev.ballast.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A local HTTP hop between the keeper and its node that counts what the node is asked, as a provider would bill it:
 * JSON-RPC calls by method (each call of a batch counts) and HTTP requests (a batch is one). An {@code eth_call}
 * without {@code to} runs creation code (the VaultLens state read) and is counted apart from a simulation of a
 * transaction. The keeper is measured through its unchanged code; the hop adds one loopback round trip per request.
 */
final class CountingRpcProxy implements AutoCloseable {
    static final String LENS_READ = "eth_call (lens read)";
    static final String SIMULATION = "eth_call (simulation)";
    static final String BROADCAST = "eth_sendRawTransaction";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads;
    private final HttpClient client;
    private final URI upstream;
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> upstreamNanos = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> lensByBlock = new ConcurrentHashMap<>();
    private final AtomicLong httpRequests = new AtomicLong();
    private final Queue<Long> broadcastNanos = new ConcurrentLinkedQueue<>();

    private CountingRpcProxy(HttpServer server, ExecutorService threads, HttpClient client, URI upstream) {
        this.server = server;
        this.threads = threads;
        this.client = client;
        this.upstream = upstream;
    }

    /** Listens on a free loopback port and forwards every POST to {@code upstreamUrl}. */
    static CountingRpcProxy start(String upstreamUrl) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "rpc-proxy");
            t.setDaemon(true);
            return t;
        });
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CountingRpcProxy proxy = new CountingRpcProxy(server, threads, client, URI.create(upstreamUrl));
        server.createContext("/", proxy::forward);
        server.setExecutor(threads);
        server.start();
        return proxy;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The calls counted since the last reset, by label, and resets the counters. */
    Counts takeCounts() {
        Map<String, Long> byLabel = new TreeMap<>();
        calls.forEach((label, adder) -> byLabel.put(label, adder.sumThenReset()));
        byLabel.values().removeIf(n -> n == 0);
        Map<String, Long> nanos = new TreeMap<>();
        upstreamNanos.forEach((label, adder) -> nanos.put(label, adder.sumThenReset()));
        nanos.values().removeIf(n -> n == 0);
        long maxLensAtOneBlock = 0;
        int lensBlocks = lensByBlock.size();
        for (var it = lensByBlock.values().iterator(); it.hasNext(); ) {
            maxLensAtOneBlock = Math.max(maxLensAtOneBlock, it.next().sum());
            it.remove();
        }
        return new Counts(byLabel, httpRequests.getAndSet(0), nanos, maxLensAtOneBlock, lensBlocks);
    }

    /**
     * JSON-RPC calls by label, the HTTP requests that carried them, and the time the node took to answer them
     * (a batch's time goes to its first call's label), and the most lens reads made at any one block (a keeper tick
     * that sends in rounds reads once per round, each at a newer block), and at how many distinct blocks it read.
     */
    record Counts(Map<String, Long> byLabel, long httpRequests, Map<String, Long> upstreamNanosByLabel,
            long maxLensAtOneBlock, int lensBlocks) {
        long of(String label) {
            return byLabel.getOrDefault(label, 0L);
        }

        long total() {
            return byLabel.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            httpRequests.incrementAndGet();
            String label = count(body);
            HttpRequest request = HttpRequest.newBuilder(upstream)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<byte[]> response;
            long started = System.nanoTime();
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                upstreamNanos.computeIfAbsent(label, k -> new LongAdder()).add(System.nanoTime() - started);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(503, -1);
                return;
            } catch (IOException e) {
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    /** {@link System#nanoTime()} of each broadcast that arrived since the last call, and forgets them. */
    List<Long> takeBroadcastTimes() {
        List<Long> out = new ArrayList<>();
        for (Long t; (t = broadcastNanos.poll()) != null; ) out.add(t);
        return out;
    }

    /** Counts the calls in a request body; returns the first call's label. */
    private String count(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            String first = null;
            Iterable<JsonNode> all = root.isArray() ? root : List.of(root);
            for (JsonNode call : all) {
                String label = label(call);
                calls.computeIfAbsent(label, k -> new LongAdder()).increment();
                if (label.equals(BROADCAST)) broadcastNanos.add(System.nanoTime());
                if (label.equals(LENS_READ)) {
                    lensByBlock.computeIfAbsent(call.path("params").path(1).asText(), k -> new LongAdder()).increment();
                }
                if (first == null) first = label;
            }
            return first == null ? "(empty batch)" : first;
        } catch (IOException e) {
            calls.computeIfAbsent("(unparsable request)", k -> new LongAdder()).increment();
            return "(unparsable request)";
        }
    }

    static String label(JsonNode call) {
        String method = call.path("method").asText("(no method)");
        if (!method.equals("eth_call")) return method;
        JsonNode to = call.path("params").path(0).path("to");
        return to.isMissingNode() || to.isNull() || to.asText().isEmpty() ? LENS_READ : SIMULATION;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        client.close();
    }
}
