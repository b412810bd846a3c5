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
import java.util.concurrent.CopyOnWriteArrayList;

/** A JSON-RPC node that answers the read methods with fixed values and records every method it is asked. */
final class FakeNode implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    final List<String> methods = new CopyOnWriteArrayList<>();
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
                    default -> "null";
                };
                byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":" + result + "}").getBytes(StandardCharsets.UTF_8);
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
