package dev.ballast.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A JSON-RPC node that answers the read methods with fixed values and records every method it is asked. An
 * {@code eth_call} is answered from {@link #calls} (key {@code to + "|" + data}, lower case; value the returned hex or
 * {@link #REVERT}), "0x" (no code) otherwise.
 */
final class FakeNode implements AutoCloseable {
    static final String REVERT = "revert";
    private static final ObjectMapper JSON = new ObjectMapper();
    final List<String> methods = new CopyOnWriteArrayList<>();
    final Map<String, String> calls = new ConcurrentHashMap<>();
    private final HttpServer server;

    FakeNode(long chainId, long head) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                JsonNode request = JSON.readTree(exchange.getRequestBody());
                String method = request.path("method").asText();
                methods.add(method);
                String result = switch (method) {
                    case "eth_chainId" -> "\"0x" + Long.toHexString(chainId) + "\"";
                    case "eth_blockNumber" -> "\"0x" + Long.toHexString(head) + "\"";
                    case "eth_getBalance" -> "\"0xde0b6b3a7640000\""; // 1 ether
                    case "eth_call" -> {
                        JsonNode tx = request.path("params").path(0);
                        String key = (tx.path("to").asText() + "|" + tx.path("data").asText()).toLowerCase(Locale.ROOT);
                        yield "\"" + calls.getOrDefault(key, "0x") + "\"";
                    }
                    default -> "null";
                };
                String answer = result.equals("\"" + REVERT + "\"")
                        ? "\"error\":{\"code\":3,\"message\":\"execution reverted\"}" : "\"result\":" + result;
                byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":1," + answer + "}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
