package dev.ballast.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JSON-RPC proxy in front of Anvil that replays the head race the 1,000-vault bench hit: it takes a batch of
 * eth_calls apart, forwards the first call as sent, lets the test mine a block ({@code between}), then forwards the
 * other calls as Anvil answers a call pinned to its head number when a block is mined during it: on the new head
 * ("latest"). Anvil does this for real (about 1 in 300 calls at the head while blocks are mined back to back), too
 * rarely for a test to wait for it. The first {@code faultedBatches} eth_call batches are raced; the rest pass through.
 */
final class HeadRaceProxy implements AutoCloseable {
    /** Runs between the first and the other calls of a raced batch; must mine at least one block. */
    interface Between {
        void run() throws Exception;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final HttpClient client = HttpClient.newHttpClient();
    private final URI node;
    private final Between between;
    private final AtomicInteger faultsLeft;
    private final AtomicInteger raced = new AtomicInteger();

    HeadRaceProxy(String nodeUrl, int faultedBatches, Between between) throws IOException {
        this.node = URI.create(nodeUrl);
        this.between = between;
        this.faultsLeft = new AtomicInteger(faultedBatches);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** Batches raced so far. */
    int raced() {
        return raced.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonNode request = JSON.readTree(body);
            String reply = isCallBatch(request) && faultsLeft.getAndDecrement() > 0 ? race((ArrayNode) request) : forward(body);
            byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (Exception e) {
            exchange.sendResponseHeaders(500, -1);
        }
    }

    private static boolean isCallBatch(JsonNode request) {
        if (!request.isArray() || request.size() < 2) return false;
        for (JsonNode r : request) if (!"eth_call".equals(r.path("method").asText())) return false;
        return true;
    }

    private String race(ArrayNode batch) throws Exception {
        ArrayNode replies = JSON.createArrayNode();
        replies.add(JSON.readTree(forward(JSON.writeValueAsString(batch.get(0)))));
        between.run();
        for (int i = 1; i < batch.size(); i++) {
            ObjectNode call = batch.get(i).deepCopy();
            ((ArrayNode) call.get("params")).set(1, JSON.getNodeFactory().textNode("latest"));
            replies.add(JSON.readTree(forward(JSON.writeValueAsString(call))));
        }
        raced.incrementAndGet();
        return JSON.writeValueAsString(replies);
    }

    private String forward(String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(node).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
