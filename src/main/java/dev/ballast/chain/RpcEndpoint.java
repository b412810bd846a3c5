package dev.ballast.chain;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One configured node: a name used in every log line and error, its HTTP JSON-RPC URL and optionally a WebSocket
 * URL for new-head subscriptions. Provider URLs often carry an API key (in the userinfo, the query string or a long
 * path segment), so the URLs are only ever shown through {@link #redact(URI)}.
 */
public record RpcEndpoint(String name, URI httpUrl, Optional<URI> wsUrl) {
    /** A path segment this long and made of key-like characters is taken for an API key (Infura, Alchemy...). */
    private static final Pattern KEY_LIKE_SEGMENT = Pattern.compile("[A-Za-z0-9_-]{20,}");

    public RpcEndpoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(httpUrl, "httpUrl");
        Objects.requireNonNull(wsUrl, "wsUrl");
        if (name.isBlank()) throw new IllegalArgumentException("RPC endpoint name must not be blank");
        requireScheme(name, httpUrl, "http", "https");
        wsUrl.ifPresent(ws -> requireScheme(name, ws, "ws", "wss"));
    }

    public static RpcEndpoint http(String name, String httpUrl) {
        return new RpcEndpoint(name, URI.create(httpUrl), Optional.empty());
    }

    public static RpcEndpoint withWs(String name, String httpUrl, String wsUrl) {
        return new RpcEndpoint(name, URI.create(httpUrl), Optional.of(URI.create(wsUrl)));
    }

    /** What logs and errors show: "name (scheme://host:port/path)" with credentials removed. */
    public String describe() {
        return name + " (" + redact(httpUrl) + ")";
    }

    /** The URL without userinfo, query string, fragment and key-like path segments. */
    public static String redact(URI url) {
        StringBuilder out = new StringBuilder();
        out.append(url.getScheme()).append("://").append(url.getHost());
        if (url.getPort() >= 0) out.append(':').append(url.getPort());
        String path = url.getRawPath();
        if (path != null && !path.isEmpty()) {
            for (String segment : path.split("/", -1)) {
                if (segment.isEmpty()) continue;
                out.append('/').append(KEY_LIKE_SEGMENT.matcher(segment).matches() ? "***" : segment);
            }
            if (path.endsWith("/")) out.append('/');
        }
        if (url.getRawQuery() != null) out.append("?***");
        return out.toString();
    }

    /** Removes every spelling of this endpoint's URLs from a message a library produced (e.g. an OkHttp error). */
    String scrub(String message) {
        if (message == null) return "";
        String result = message;
        result = replaceUrl(result, httpUrl);
        if (wsUrl.isPresent()) result = replaceUrl(result, wsUrl.get());
        return result;
    }

    private static String replaceUrl(String message, URI url) {
        String result = message.replace(url.toString(), redact(url));
        if (url.getRawUserInfo() != null) result = result.replace(url.getRawUserInfo(), "***");
        if (url.getRawQuery() != null) result = result.replace(url.getRawQuery(), "***");
        String path = url.getRawPath();
        if (path != null) {
            for (String segment : path.split("/")) {
                if (KEY_LIKE_SEGMENT.matcher(segment).matches()) result = result.replace(segment, "***");
            }
        }
        return result;
    }

    private static void requireScheme(String name, URI url, String... allowed) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase();
        for (String ok : allowed) {
            if (ok.equals(scheme) && url.getHost() != null) return;
        }
        throw new IllegalArgumentException("RPC endpoint '" + name + "': URL must be " + String.join("/", allowed)
                + "://host..., got " + redact(url));
    }
}
