package dev.ballast.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.oracle.PriceFailure.Problem;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpPriceSourceTest {
    private static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final OkHttpClient CLIENT = new OkHttpClient();
    private FixtureServer server;

    @BeforeEach
    void start() throws IOException {
        server = new FixtureServer()
                .fixture("/v2/prices/ETH-USD/spot", "coinbase-prices-eth-usd-spot.json")
                .fixture("/api/v3/ticker/price", "binance-ticker-price-ethusdt.json")
                .fixture("/api/v3/ticker/prices", "binance-ticker-price-symbols.json")
                .fixture("/v2/exchange-rates", "coinbase-exchange-rates-usd.json")
                .fixture("/api/v3/ticker/24hr", "binance-ticker-24hr-ethusdt.json")
                .fixture("/products/ETH-USD/ticker", "coinbase-exchange-ticker-eth-usd.json")
                .fixture("/api/v3/simple/price", "coingecko-simple-price-eth.json");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @AfterAll
    static void closeClient() {
        CLIENT.dispatcher().executorService().shutdown();
        CLIENT.connectionPool().evictAll();
    }

    private PriceReading fetch(String path, String jsonPath) {
        return fetch(server.uri(path), jsonPath, false, 0, Duration.ofSeconds(2));
    }

    private PriceReading fetch(URI uri, String jsonPath, boolean inverse, int decimals, Duration timeout) {
        HttpSourceSpec spec = new HttpSourceSpec("WETH", "test-src", uri, JsonPath.parse(jsonPath), inverse, decimals,
                timeout);
        return new HttpPriceSource(spec, CLIENT, CLOCK).fetch();
    }

    private static PriceFailure failure(PriceReading r, Problem expected) {
        assertThat(r).isInstanceOf(PriceFailure.class);
        PriceFailure f = (PriceFailure) r;
        assertThat(f.problem()).isEqualTo(expected);
        assertThat(f.source()).isEqualTo("test-src");
        assertThat(f.describe()).startsWith("price source test-src for WETH: " + expected);
        return f;
    }

    /** What the source says the value's time is, read at {@code now}. */
    private PriceReading stamped(String path, String jsonPath, String timestampPath, Instant now) {
        HttpSourceSpec spec = new HttpSourceSpec("WETH", "test-src", server.uri(path), JsonPath.parse(jsonPath), false, 0,
                Duration.ofSeconds(2), java.util.Optional.of(JsonPath.parse(timestampPath)));
        return new HttpPriceSource(spec, CLIENT, Clock.fixed(now, ZoneOffset.UTC)).fetch();
    }

    private static final Instant FIXTURE_TIME = Instant.parse("2025-11-30T09:00:00Z");

    @Test
    void binanceCloseTimeInMillisecondsIsTheQuotesTime() {
        PriceQuote q = (PriceQuote) stamped("/api/v3/ticker/24hr?symbol=ETHUSDT", "lastPrice", "closeTime", FIXTURE_TIME);
        assertThat(q.price()).isEqualByComparingTo("3011.91");
        assertThat(q.observedAt()).isEqualTo(Instant.parse("2025-11-30T08:59:00Z"));
    }

    @Test
    void coinbaseExchangeIsoTimeIsTheQuotesTime() {
        PriceQuote q = (PriceQuote) stamped("/products/ETH-USD/ticker", "price", "time", FIXTURE_TIME);
        assertThat(q.observedAt()).isEqualTo(Instant.parse("2025-11-30T08:59:00.123456Z"));
    }

    @Test
    void coingeckoUnixSecondsAreTheQuotesTime() {
        PriceQuote q = (PriceQuote) stamped("/api/v3/simple/price", "ethereum.usd", "ethereum.last_updated_at", FIXTURE_TIME);
        assertThat(q.price()).isEqualByComparingTo("3012.1");
        assertThat(q.observedAt()).isEqualTo(Instant.parse("2025-11-30T08:58:50Z"));
    }

    @Test
    void aSourceTimestampOlderThanMaxAgeIsStaleInTheAggregator() {
        // the exchange still answers HTTP 200 quickly, but its value is an hour old: only its own timestamp shows it
        PriceReading old = stamped("/api/v3/ticker/24hr?symbol=ETHUSDT", "lastPrice", "closeTime",
                Instant.parse("2025-11-30T09:59:00Z"));
        Aggregation a = new PriceAggregator(new AggregationRules(Duration.ofMinutes(5), 1, new BigDecimal("0.02")))
                .aggregate("WETH", java.util.List.of(old), Instant.parse("2025-11-30T09:59:00Z"));
        assertThat(a.toString()).contains("STALE");
    }

    @Test
    void aMissingOrUnreadableOrFutureTimestampIsAFailureNotAFreshPrice() {
        assertThat(failure(stamped("/api/v3/ticker/price?symbol=ETHUSDT", "price", "closeTime", FIXTURE_TIME),
                Problem.BAD_TIMESTAMP).detail()).contains("no timestamp at 'closeTime'");
        assertThat(failure(stamped("/products/ETH-USD/ticker", "price", "ask", FIXTURE_TIME), Problem.BAD_TIMESTAMP)
                .detail()).isNotBlank();
        assertThat(failure(stamped("/products/ETH-USD/ticker", "price", "trade_id", FIXTURE_TIME), Problem.BAD_TIMESTAMP)
                .detail()).isNotBlank();
        assertThat(failure(stamped("/products/ETH-USD/ticker", "price", "time", Instant.parse("2025-11-30T08:58:00Z")),
                Problem.BAD_TIMESTAMP).detail()).contains("ahead of this machine's clock");
        // a few seconds ahead is clock drift: the quote counts as observed now
        Instant now = Instant.parse("2025-11-30T08:58:59Z");
        assertThat(((PriceQuote) stamped("/products/ETH-USD/ticker", "price", "time", now)).observedAt()).isEqualTo(now);
    }

    @Test
    void coinbaseSpot() {
        assertThat(fetch("/v2/prices/ETH-USD/spot", "data.amount"))
                .isEqualTo(new PriceQuote("WETH", "test-src", new BigDecimal("3012.455"), NOW));
    }

    @Test
    void binanceTicker() {
        PriceQuote q = (PriceQuote) fetch("/api/v3/ticker/price?symbol=ETHUSDT", "price");
        assertThat(q.price()).isEqualByComparingTo("3011.91");
        assertThat(q.observedAt()).isEqualTo(NOW);
    }

    @Test
    void binanceArrayByIndex() {
        assertThat(((PriceQuote) fetch("/api/v3/ticker/prices", "[1].price")).price()).isEqualByComparingTo("97250.01");
    }

    @Test
    void inverseRateIsRoundedDownAt18Decimals() {
        PriceQuote q = (PriceQuote) fetch(server.uri("/v2/exchange-rates?currency=USD"), "data.rates.ETH", true, 0,
                Duration.ofSeconds(2));
        assertThat(q.price()).isEqualTo(new BigDecimal("3012.048192771084337349"));
    }

    @Test
    void scaledIntegerWithDecimals() {
        server.respond("/scaled", 200, "{\"answer\":\"301245500000\"}");
        PriceQuote q = (PriceQuote) fetch(server.uri("/scaled"), "answer", false, 8, Duration.ofSeconds(2));
        assertThat(q.price()).isEqualByComparingTo("3012.455");
    }

    @Test
    void jsonNumberIsReadExactly() {
        server.respond("/number", 200, "{\"price\": 3012.123456789012345678901}");
        assertThat(((PriceQuote) fetch("/number", "price")).price())
                .isEqualTo(new BigDecimal("3012.123456789012345678901"));
    }

    @Test
    void serverErrorIsTypedFailure() {
        server.respond("/err", 500, "{\"message\":\"internal\"}");
        assertThat(failure(fetch("/err", "price"), Problem.HTTP_STATUS).detail()).contains("HTTP 500");
    }

    @Test
    void notFoundIsTypedFailure() {
        assertThat(failure(fetch("/nowhere", "price"), Problem.HTTP_STATUS).detail()).contains("HTTP 404");
    }

    @Test
    void timeoutIsTypedFailure() {
        server.respond("/slow", 200, "{\"price\":\"1\"}", Duration.ofSeconds(3));
        long start = System.nanoTime();
        PriceReading r = fetch(server.uri("/slow"), "price", false, 0, Duration.ofMillis(300));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(failure(r, Problem.TIMEOUT).detail()).contains("300 ms");
    }

    @Test
    void connectionRefusedIsTypedFailure() {
        URI dead = server.uri("/v2/prices/ETH-USD/spot");
        server.close();
        failure(fetch(dead, "data.amount", false, 0, Duration.ofSeconds(2)), Problem.CONNECTION);
    }

    @Test
    void malformedJsonIsTypedFailure() {
        server.respond("/bad", 200, "{\"price\": \"3000\"");
        failure(fetch("/bad", "price"), Problem.MALFORMED_JSON);
    }

    @Test
    void htmlErrorPageIsTypedFailure() {
        server.respond("/html", 200, "<html>rate limited</html>");
        failure(fetch("/html", "price"), Problem.MALFORMED_JSON);
    }

    @Test
    void emptyBodyIsTypedFailure() {
        server.respond("/empty", 200, "");
        failure(fetch("/empty", "price"), Problem.MALFORMED_JSON);
    }

    @Test
    void missingPathIsTypedFailureNamingThePath() {
        assertThat(failure(fetch("/v2/prices/ETH-USD/spot", "data.price"), Problem.MISSING_PATH).detail())
                .contains("'data.price'");
    }

    @Test
    void indexOnObjectIsMissingPath() {
        failure(fetch("/v2/prices/ETH-USD/spot", "[0].amount"), Problem.MISSING_PATH);
    }

    @Test
    void nullValueIsMissingPath() {
        server.respond("/null", 200, "{\"price\":null}");
        failure(fetch("/null", "price"), Problem.MISSING_PATH);
    }

    @Test
    void objectAtPathIsNotANumber() {
        failure(fetch("/v2/prices/ETH-USD/spot", "data"), Problem.NOT_A_NUMBER);
    }

    @Test
    void nonNumericStringIsNotANumber() {
        server.respond("/text", 200, "{\"price\":\"NaN\"}");
        failure(fetch("/text", "price"), Problem.NOT_A_NUMBER);
    }

    @Test
    void negativePriceIsRejected() {
        server.respond("/neg", 200, "{\"price\":\"-3000.5\"}");
        assertThat(failure(fetch("/neg", "price"), Problem.NON_POSITIVE_PRICE).detail()).contains("-3000.5");
    }

    @Test
    void zeroPriceIsRejected() {
        server.respond("/zero", 200, "{\"price\":0}");
        failure(fetch("/zero", "price"), Problem.NON_POSITIVE_PRICE);
    }

    @Test
    void inverseOfHugeValueUnderflowsToRejection() {
        server.respond("/huge", 200, "{\"rate\":\"1e30\"}");
        failure(fetch(server.uri("/huge"), "rate", true, 0, Duration.ofSeconds(2)), Problem.NON_POSITIVE_PRICE);
    }

    @Test
    void oversizedBodyIsRejected() {
        server.respond("/big", 200, "{\"price\":\"1\",\"pad\":\"" + "x".repeat(HttpPriceSource.MAX_BODY_BYTES) + "\"}");
        failure(fetch("/big", "price"), Problem.RESPONSE_TOO_LARGE);
    }
}
