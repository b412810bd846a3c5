package dev.ballast.chain;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A JSON-RPC node on a local port that can be told to answer, fail with HTTP 500, hang or revert. */
final class FakeRpcServer implements AutoCloseable {
    enum Mode { ANSWER, HTTP_500, HANG, REVERT }

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    private static final Pattern METHOD = Pattern.compile("\"method\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong blockNumber = new AtomicLong(100);
    private volatile Mode mode = Mode.ANSWER;

    FakeRpcServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    int port() {
        return server.getAddress().getPort();
    }

    FakeRpcServer mode(Mode next) {
        mode = next;
        return this;
    }

    FakeRpcServer blockNumber(long number) {
        blockNumber.set(number);
        return this;
    }

    int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Matcher id = ID.matcher(body);
        String requestId = id.find() ? id.group(1) : "1";
        Matcher method = METHOD.matcher(body);
        String name = method.find() ? method.group(1) : "";
        switch (mode) {
            case HTTP_500 -> reply(exchange, 500, "{\"oops\":true}");
            case HANG -> {
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
            }
            case REVERT -> reply(exchange, 200, "{\"jsonrpc\":\"2.0\",\"id\":" + requestId
                    + ",\"error\":{\"code\":3,\"message\":\"execution reverted\",\"data\":\"0x12345678\"}}");
            case ANSWER -> reply(exchange, 200, "{\"jsonrpc\":\"2.0\",\"id\":" + requestId + ",\"result\":"
                    + result(name) + "}");
        }
    }

    private String result(String method) {
        return switch (method) {
            case "eth_blockNumber" -> "\"0x" + Long.toHexString(blockNumber.get()) + "\"";
            case "eth_chainId" -> "\"0x7a69\"";
            default -> "\"0x\"";
        };
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
