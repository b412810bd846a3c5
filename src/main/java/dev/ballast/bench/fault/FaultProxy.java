package dev.ballast.bench.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A JSON-RPC hop between a keeper and its node that injects the faults of a provider's bad day ({@link Fault}):
 * dropped connections, 5xx, hangs, garbage, truncated JSON, wrong ids, a lagging head, and the two that matter most
 * for a sender: a broadcast the node accepted whose answer is lost, and a broadcast that never reached the node.
 *
 * <p>Each fault is given a probability, for every method or for one method; the draws come from one seeded
 * {@link Random}, so a run is repeatable from its seed (timing aside). With no fault set the proxy forwards
 * faithfully. It is a plain HTTP/1.1 server on a socket (not the JDK's HttpServer) so that it can close a connection
 * without an answer or cut an answer short, which is what real networks do.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.start(anvilUrl, seed)) {
 *     proxy.set(Fault.HTTP_500, 0.2);                                  // every method, 20%
 *     proxy.set("eth_sendRawTransaction", Fault.SEND_ANSWER_LOST, 1.0); // every broadcast
 *     keeperRpc = proxy.url();
 *     ...
 *     proxy.clear();                                                   // the fault clears
 * }
 * }</pre>
 */
public final class FaultProxy implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANY = "*";

    private final ServerSocket server;
    private final URI upstream;
    private final HttpClient client;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Random random;
    private final Map<String, EnumMap<Fault, Double>> odds = new ConcurrentHashMap<>();
    private final Map<Fault, AtomicLong> injected = new ConcurrentHashMap<>();
    private final AtomicLong forwarded = new AtomicLong();
    private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());
    private volatile Duration hang = Duration.ofSeconds(15);
    private volatile int lagBlocks = 5;
    private volatile BatchLimit batchLimit;
    private volatile Duration delayPerCall = Duration.ZERO;
    private final AtomicLong refusedBatches = new AtomicLong();
    private final AtomicLong largestBatchRun = new AtomicLong();
    private volatile boolean closed;

    private FaultProxy(ServerSocket server, URI upstream, long seed) {
        this.server = server;
        this.upstream = upstream;
        this.random = new Random(seed);
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Listens on a free loopback port and forwards to {@code upstreamUrl}; {@code seed} drives every fault draw. */
    public static FaultProxy start(String upstreamUrl, long seed) throws IOException {
        ServerSocket server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        FaultProxy proxy = new FaultProxy(server, URI.create(upstreamUrl), seed);
        proxy.threads.execute(proxy::accept);
        return proxy;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Injects {@code fault} into a fraction {@code probability} (0..1) of all requests. */
    public FaultProxy set(Fault fault, double probability) {
        return set(ANY, fault, probability);
    }

    /** Injects {@code fault} into a fraction {@code probability} (0..1) of requests calling {@code method}. */
    public FaultProxy set(String method, Fault fault, double probability) {
        if (!(probability >= 0 && probability <= 1)) throw new IllegalArgumentException("probability must be 0..1: " + probability);
        odds.computeIfAbsent(method, m -> new EnumMap<>(Fault.class)).put(fault, probability);
        return this;
    }

    /** Restarts the fault draws from {@code seed} (one trial of a suite, repeatable on its own). */
    public FaultProxy reseed(long seed) {
        synchronized (random) {
            random.setSeed(seed);
        }
        return this;
    }

    /** Forwards faithfully from now on. */
    public FaultProxy clear() {
        odds.clear();
        return this;
    }

    /** How long a {@link Fault#HANG} keeps the client waiting (default 15 s). */
    public FaultProxy hangFor(Duration duration) {
        this.hang = duration;
        return this;
    }

    /** How far behind a {@link Fault#LAGGING_HEAD} answers (default 5 blocks). */
    public FaultProxy lagBlocks(int blocks) {
        this.lagBlocks = blocks;
        return this;
    }

    /**
     * Answers batches over {@code limit.calls()} the way a node with that limit does ({@link BatchLimit.Shape}); null
     * lifts the limit. Applies to faithfully forwarded requests.
     */
    public FaultProxy batchLimit(BatchLimit limit) {
        this.batchLimit = limit;
        return this;
    }

    /** Holds every faithfully forwarded answer back {@code delay} per call it carries (a node under load). */
    public FaultProxy delayPerCall(Duration delay) {
        this.delayPerCall = delay;
        return this;
    }

    /** Batches refused for the batch limit so far. */
    public long refusedBatches() {
        return refusedBatches.get();
    }

    /** The most calls of any batch the node has run through this proxy (a refused batch is not run). */
    public long largestBatchRun() {
        return largestBatchRun.get();
    }

    /** How many times each fault was injected since the last call (counters restart at zero). */
    public Map<Fault, Long> takeInjected() {
        Map<Fault, Long> out = new EnumMap<>(Fault.class);
        injected.forEach((f, n) -> {
            long count = n.getAndSet(0);
            if (count > 0) out.put(f, count);
        });
        return out;
    }

    /** Requests forwarded to the node (faithfully or not). */
    public long forwarded() {
        return forwarded.get();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        synchronized (open) {
            open.forEach(FaultProxy::closeQuietly);
        }
        threads.shutdownNow();
        client.close();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                open.add(socket);
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                if (!closed) continue;
                return;
            }
        }
    }

    /** One keep-alive connection: request after request until the client closes it or a fault does. */
    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (!closed) {
                byte[] body = readRequest(in);
                if (body == null) return;
                if (!answer(body, out)) return;
            }
        } catch (IOException e) {
            // the client went away; nothing to answer
        } finally {
            open.remove(socket);
        }
    }

    /** Answers one request; false when the connection must be closed. */
    private boolean answer(byte[] body, OutputStream out) throws IOException {
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            return respond(out, 400, "{\"error\":\"unparsable request\"}".getBytes(StandardCharsets.UTF_8));
        }
        List<String> methods = methods(request);
        Fault fault = draw(methods);
        if (fault != null) injected.computeIfAbsent(fault, f -> new AtomicLong()).incrementAndGet();
        if (fault == null) return respond(out, 200, faithful(request, body));
        return switch (fault) {
            case DROP_CONNECTION, SEND_NOT_FORWARDED -> false;
            case HTTP_500 -> respond(out, 500, "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32603,\"message\":\"internal error\"}}"
                    .getBytes(StandardCharsets.UTF_8));
            case HTTP_502 -> respond(out, 502, "<html><body>502 Bad Gateway</body></html>".getBytes(StandardCharsets.UTF_8));
            case HANG -> {
                forward(body);
                sleep(hang);
                yield false;
            }
            case NULL_RESULT -> respond(out, 200, JSON.writeValueAsBytes(nullResults(request)));
            case GARBAGE -> respond(out, 200, "<html>upstream maintenance</html>".getBytes(StandardCharsets.UTF_8));
            case TRUNCATED_JSON -> {
                byte[] full = forward(body);
                yield respond(out, 200, Arrays.copyOf(full, full.length / 2));
            }
            case WRONG_ID -> respond(out, 200, JSON.writeValueAsBytes(shiftIds(JSON.readTree(forward(body)))));
            case LAGGING_HEAD -> respond(out, 200, lagging(request, body));
            case SEND_ANSWER_LOST -> {
                forward(body);
                boolean drop;
                synchronized (random) {
                    drop = random.nextBoolean();
                }
                yield drop ? false : respond(out, 500, "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32603,\"message\":\"upstream timeout\"}}"
                        .getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    /** The node's own answer, within its batch limit and after its delay. */
    private byte[] faithful(JsonNode request, byte[] body) throws IOException {
        BatchLimit limit = batchLimit;
        int calls = request.isArray() ? request.size() : 1;
        sleep(delayPerCall.multipliedBy(calls));
        if (limit != null && limit.exceededBy(request) && limit.shape() != BatchLimit.Shape.RESPONSE_TOO_LARGE) {
            refusedBatches.incrementAndGet();
            return JSON.writeValueAsBytes(limit.refusal(request));
        }
        if (request.isArray()) largestBatchRun.accumulateAndGet(calls, Math::max);
        byte[] answer = forward(body);
        if (limit == null || !limit.exceededBy(request)) return answer;
        refusedBatches.incrementAndGet();
        return JSON.writeValueAsBytes(limit.trimmed(JSON.readTree(answer)));
    }

    /** The fault for a request, if a draw picks one: a method's own odds first, then those for every method. */
    private Fault draw(List<String> methods) {
        if (odds.isEmpty()) return null;
        synchronized (random) {
            for (String method : methods) {
                for (String key : List.of(method, ANY)) {
                    EnumMap<Fault, Double> byFault = odds.get(key);
                    if (byFault == null) continue;
                    for (Map.Entry<Fault, Double> e : byFault.entrySet()) {
                        if (e.getKey().sendOnly() && !method.equals("eth_sendRawTransaction")) continue;
                        if (e.getKey() == Fault.LAGGING_HEAD && methods.size() != 1) continue;
                        if (random.nextDouble() < e.getValue()) return e.getKey();
                    }
                }
            }
        }
        return null;
    }

    private byte[] forward(byte[] body) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(upstream).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            forwarded.incrementAndGet();
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray()).body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** "latest" read as the block {@code lagBlocks} behind the node's head. */
    private byte[] lagging(JsonNode request, byte[] body) throws IOException {
        long head = Long.decode(JSON.readTree(forward("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_blockNumber\",\"params\":[]}"
                .getBytes(StandardCharsets.UTF_8))).path("result").asText());
        String behind = "0x" + Long.toHexString(Math.max(0, head - lagBlocks));
        String method = request.path("method").asText();
        if (method.equals("eth_blockNumber")) {
            ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0").put("result", behind);
            answer.set("id", request.path("id"));
            return JSON.writeValueAsBytes(answer);
        }
        ObjectNode rewritten = request.deepCopy();
        JsonNode params = rewritten.path("params");
        if (params instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual() && array.get(i).asText().equals("latest")) array.set(i, behind);
            }
        }
        return forward(JSON.writeValueAsBytes(rewritten));
    }

    private static JsonNode nullResults(JsonNode request) {
        ArrayNode answers = JSON.createArrayNode();
        Iterable<JsonNode> all = request.isArray() ? request : List.of(request);
        for (JsonNode call : all) {
            ObjectNode answer = answers.addObject().put("jsonrpc", "2.0");
            answer.set("id", call.path("id"));
            answer.putNull("result");
        }
        return request.isArray() ? answers : answers.get(0);
    }

    private static JsonNode shiftIds(JsonNode answer) {
        Iterable<JsonNode> all = answer.isArray() ? answer : List.of(answer);
        for (JsonNode call : all) {
            if (call instanceof ObjectNode o && o.path("id").canConvertToLong()) o.put("id", o.path("id").asLong() + 1_000_003);
        }
        return answer;
    }

    private static List<String> methods(JsonNode request) {
        List<String> methods = new ArrayList<>();
        Iterable<JsonNode> all = request.isArray() ? request : List.of(request);
        for (JsonNode call : all) methods.add(call.path("method").asText(""));
        return methods;
    }

    /** Reads one HTTP/1.1 request; returns its body, or null when the client closed the connection. */
    private static byte[] readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) return null;
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        int length = 0;
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) length = Integer.parseInt(line.substring(15).strip());
        }
        return in.readNBytes(length);
    }

    private static boolean respond(OutputStream out, int status, byte[] body) throws IOException {
        String head = "HTTP/1.1 " + status + " " + (status == 200 ? "OK" : "Error") + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: keep-alive\r\n\r\n";
        try {
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return true;
        } catch (SocketException e) {
            return false;
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
