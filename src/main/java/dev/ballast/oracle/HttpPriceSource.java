package dev.ballast.oracle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.oracle.PriceFailure.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Reads one price from an exchange's JSON endpoint. {@link #fetch()} never throws for anything the remote side
 * does: every failure comes back as a {@link PriceFailure} naming the source and the problem.
 */
public final class HttpPriceSource {
    /** Price endpoints answer a few hundred bytes; anything far larger is not what we asked for. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** Scale of an inverted price: the router's 18 decimals. */
    static final int INVERSE_SCALE = 18;
    /**
     * A source clock this far ahead of ours is still believed (clocks drift; the value is then taken as fresh as the
     * response); further ahead it is wrong, and a wrong clock could make a frozen price look fresh forever.
     */
    static final Duration MAX_CLOCK_AHEAD = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final HttpSourceSpec spec;
    private final OkHttpClient client;
    private final Clock clock;

    /** @param shared a client whose connection pool is shared by all sources; this source sets its own timeout */
    public HttpPriceSource(HttpSourceSpec spec, OkHttpClient shared, Clock clock) {
        this.spec = spec;
        this.client = shared.newBuilder().callTimeout(spec.timeout()).build();
        this.clock = clock;
    }

    public HttpSourceSpec spec() {
        return spec;
    }

    public PriceReading fetch() {
        Request request = new Request.Builder().url(spec.url().toString()).header("Accept", "application/json").get()
                .build();
        String body;
        try (Response response = client.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                return fail(Problem.HTTP_STATUS, "HTTP " + response.code() + " from " + spec.url());
            }
            Optional<String> text = readLimited(response.body().byteStream());
            if (text.isEmpty()) {
                return fail(Problem.RESPONSE_TOO_LARGE, "response body exceeds " + MAX_BODY_BYTES + " bytes");
            }
            body = text.get();
        } catch (InterruptedIOException e) {
            return fail(Problem.TIMEOUT, "no answer within " + spec.timeout().toMillis() + " ms from " + spec.url());
        } catch (IOException e) {
            return fail(Problem.CONNECTION, e.getClass().getSimpleName() + " talking to " + spec.url() + ": "
                    + e.getMessage());
        }
        return parse(body);
    }

    private PriceReading parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return fail(Problem.MALFORMED_JSON, "response is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            return fail(Problem.MALFORMED_JSON, "response body is empty");
        }
        Optional<JsonNode> node = spec.path().find(root);
        if (node.isEmpty() || node.get().isNull()) {
            return fail(Problem.MISSING_PATH, "no value at '" + spec.path() + "'");
        }
        Optional<BigDecimal> raw = number(node.get());
        if (raw.isEmpty()) {
            return fail(Problem.NOT_A_NUMBER, "value at '" + spec.path() + "' is not a decimal number");
        }
        BigDecimal value = raw.get().movePointLeft(spec.decimals());
        if (value.signum() <= 0) {
            return fail(Problem.NON_POSITIVE_PRICE, "value at '" + spec.path() + "' is " + value.toPlainString());
        }
        BigDecimal price = spec.inverse()
                ? BigDecimal.ONE.divide(value, INVERSE_SCALE, RoundingMode.DOWN).stripTrailingZeros()
                : value;
        if (price.signum() <= 0) {
            return fail(Problem.NON_POSITIVE_PRICE, "1 / " + value.toPlainString() + " is below 1e-18");
        }
        Instant now = clock.instant();
        if (spec.timestampPath().isEmpty()) return new PriceQuote(spec.asset(), spec.name(), price, now);
        JsonPath at = spec.timestampPath().get();
        Optional<JsonNode> stamp = at.find(root);
        if (stamp.isEmpty() || stamp.get().isNull()) {
            return fail(Problem.BAD_TIMESTAMP, "no timestamp at '" + at + "'");
        }
        Optional<Instant> observed = SourceTimestamp.parse(stamp.get());
        if (observed.isEmpty()) {
            return fail(Problem.BAD_TIMESTAMP, "value at '" + at + "' is neither Unix seconds/milliseconds nor ISO-8601: "
                    + stamp.get());
        }
        if (observed.get().isAfter(now.plus(MAX_CLOCK_AHEAD))) {
            return fail(Problem.BAD_TIMESTAMP, "timestamp " + observed.get() + " at '" + at + "' is more than "
                    + MAX_CLOCK_AHEAD.toSeconds() + " s ahead of this machine's clock (" + now + ")");
        }
        // the aggregator judges the age against the asset's maxAge; a slightly fast source clock counts as now
        return new PriceQuote(spec.asset(), spec.name(), price, observed.get().isAfter(now) ? now : observed.get());
    }

    /** Exchanges send prices as strings ("3012.55") or JSON numbers; both are parsed exactly. */
    private static Optional<BigDecimal> number(JsonNode node) {
        if (node.isNumber()) {
            return Optional.of(node.decimalValue());
        }
        if (node.isTextual()) {
            try {
                return Optional.of(new BigDecimal(node.textValue().trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<String> readLimited(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        return bytes.length > MAX_BODY_BYTES ? Optional.empty()
                : Optional.of(new String(bytes, StandardCharsets.UTF_8));
    }

    private PriceFailure fail(Problem problem, String detail) {
        return new PriceFailure(spec.asset(), spec.name(), problem, detail);
    }
}
