package dev.ballast.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The dashboard's only way to the chain: JSON-RPC over HTTP restricted to a fixed list of read methods. Anything
 * else (eth_sendRawTransaction, eth_sendTransaction, eth_sign, personal_*, anvil_*) is refused before a byte is
 * sent, so the dashboard cannot change chain state even through a node that holds unlocked accounts.
 */
public final class ReadOnlyRpc {
    /**
     * The read methods the dashboard needs; nothing that signs, sends or changes node state ({@code eth_call} runs a
     * call against a copy of the state and discards it).
     */
    public static final Set<String> ALLOWED = Set.of("eth_chainId", "eth_blockNumber", "eth_getBalance",
            "eth_getTransactionReceipt", "eth_call");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final URI url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public ReadOnlyRpc(URI url) {
        this.url = url;
    }

    /**
     * One call; the result node (JSON null when the node answers null).
     *
     * @throws IllegalArgumentException for a method outside {@link #ALLOWED}
     * @throws IOException              when the node does not answer, or answers with an error
     */
    public JsonNode call(String method, Object... params) throws IOException {
        if (!ALLOWED.contains(method)) {
            throw new IllegalArgumentException("the dashboard is read-only: " + method + " is not one of " + ALLOWED);
        }
        ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 1).put("method", method);
        ArrayNode p = request.putArray("params");
        for (Object o : params) {
            if (o instanceof JsonNode n) p.add(n);
            else p.add(String.valueOf(o));
        }
        HttpRequest r = HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build();
        HttpResponse<String> response;
        try {
            response = http.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() != 200) throw new IOException("HTTP " + response.statusCode());
        JsonNode body = JSON.readTree(response.body());
        if (body.hasNonNull("error")) {
            JsonNode error = body.get("error");
            String message = error.path("message").asText("RPC error");
            // geth and Anvil answer a reverted eth_call with code 3 or a message saying so
            if (error.path("code").asInt() == 3 || message.toLowerCase(Locale.ROOT).contains("revert")) {
                throw new Reverted(message);
            }
            throw new IOException(message);
        }
        return body.path("result");
    }

    public long blockNumber() throws IOException {
        return quantity(call("eth_blockNumber")).longValueExact();
    }

    public long chainId() throws IOException {
        return quantity(call("eth_chainId")).longValueExact();
    }

    public BigInteger balance(String address) throws IOException {
        return quantity(call("eth_getBalance", address, "latest"));
    }

    public Optional<JsonNode> receipt(String txHash) throws IOException {
        JsonNode r = call("eth_getTransactionReceipt", txHash);
        return r.isNull() || r.isMissingNode() ? Optional.empty() : Optional.of(r);
    }

    /**
     * {@code eth_call} of {@code data} to {@code to} at the latest block: the returned bytes as hex.
     *
     * @throws Reverted    when the call reverts (for example a function the contract does not have)
     * @throws IOException when the node does not answer
     */
    public String ethCall(String to, String data) throws IOException {
        ObjectNode tx = JSON.createObjectNode().put("to", to).put("data", data);
        return call("eth_call", tx, "latest").asText("");
    }

    /** The node ran the call and it reverted: an answer about the contract, not a failure of the node. */
    public static final class Reverted extends IOException {
        Reverted(String message) {
            super(message);
        }
    }

    static BigInteger quantity(JsonNode hex) throws IOException {
        String s = hex.asText("");
        if (!s.startsWith("0x") || s.length() < 3) throw new IOException("not a quantity: " + hex);
        return new BigInteger(s.substring(2), 16);
    }
}
