package dev.ballast.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.keeper.Keeper;
import dev.ballast.keeper.KeeperEvents;
import dev.ballast.keeper.ManagedVault;
import dev.ballast.tx.TxOutcome;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts from the keeper itself, for a deployment without Prometheus: a JSON POST per event worth waking someone for
 * (a rebalance reverted or failed, a refusal, the keeper turning unready and ready again). The body's {@code text}
 * is what Slack's incoming webhooks and Discord's Slack-compatible URL ({@code .../slack}) show; {@code event},
 * {@code vault}, {@code block} are for generic receivers.
 *
 * <p>Rate limited per subject (event kind and vault): one alert per {@code minInterval}, the rest counted and
 * mentioned in the next one. Sent from one daemon thread with a small queue (full: the alert is dropped and logged),
 * so the keeper never waits on a slow receiver. No secret reaches the body: the keeper's messages carry no key, and
 * any URL in them (an RPC URL may hold an API key) is replaced by {@code <url>}.
 */
public final class WebhookAlerts implements KeeperEvents {
    private static final Logger log = LoggerFactory.getLogger("keeper");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?|wss?)://\\S+");

    private final URI url;
    private final Duration minInterval;
    private final Clock clock;
    private final HttpClient http;
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(64), r -> {
                Thread t = new Thread(r, "ballast-webhook");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.AbortPolicy());
    private final Map<String, Instant> lastSent = new ConcurrentHashMap<>();
    private final Map<String, Integer> suppressed = new ConcurrentHashMap<>();
    private volatile Boolean wasReady;

    public WebhookAlerts(URI url, Duration minInterval, Clock clock) {
        this.url = url;
        this.minInterval = minInterval;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public void decided(Keeper.Outcome outcome) {
        switch (outcome.kind()) {
            case REFUSED, FAILED -> alert(outcome.kind().name().toLowerCase(Locale.ROOT), outcome.vault().label(),
                    outcome.block(), "vault " + outcome.vault().label() + " at block " + outcome.block() + ": "
                            + outcome.kind().name().toLowerCase(Locale.ROOT) + ": " + outcome.message());
            // propose mode: someone has to approve (or reject) before the proposal expires
            case PROPOSED -> alert("proposed", outcome.vault().label(), outcome.block(), "vault " + outcome.vault().label()
                    + " at block " + outcome.block() + ": " + outcome.message());
            default -> { }
        }
    }

    @Override
    public void confirmed(ManagedVault vault, TxOutcome.Confirmed c) {
        if (c.succeeded()) return;
        long block = c.receipt().getBlockNumber().longValueExact();
        alert("reverted", vault.label(), block, "vault " + vault.label() + ": rebalance " + c.tx().hash()
                + " reverted on chain in block " + block + " (gas " + c.receipt().getGasUsed() + ")");
    }

    /** A readiness report from the background probe: alerts when readiness changes (not on every failing probe). */
    public void readiness(Readiness.Report report) {
        Boolean before = wasReady;
        wasReady = report.ready();
        if (before == null && report.ready() || before != null && before == report.ready()) return;
        String text = report.ready() ? "keeper is ready again" : "keeper is NOT ready: " + String.join("; ",
                report.failing().stream().map(c -> c.name() + ": " + c.detail()).toList());
        alert(report.ready() ? "ready" : "unready", "", -1, text);
    }

    /** Queues one alert unless its subject alerted within {@code minInterval}; returns whether it was queued. */
    boolean alert(String event, String vault, long block, String text) {
        String subject = event + "|" + vault;
        Instant now = clock.instant();
        Instant last = lastSent.get(subject);
        if (last != null && now.isBefore(last.plus(minInterval))) {
            suppressed.merge(subject, 1, Integer::sum);
            return false;
        }
        lastSent.put(subject, now);
        Integer quiet = suppressed.remove(subject);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", "[ballast] " + redact(text) + (quiet == null ? "" : " (" + quiet + " similar alert(s) suppressed"
                + " since the last one)"));
        body.put("event", event);
        if (!vault.isEmpty()) body.put("vault", vault);
        if (block >= 0) body.put("block", block);
        body.put("time", now.toString());
        try {
            String json = JSON.writeValueAsString(body);
            sender.execute(() -> post(json));
            return true;
        } catch (JsonProcessingException | RejectedExecutionException e) {
            log.warn("webhook alert dropped ({}): {}", e.getClass().getSimpleName(), event);
            return false;
        }
    }

    private void post(String json) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() >= 300) log.warn("webhook answered HTTP {}", response.statusCode());
        } catch (IOException e) {
            log.warn("webhook unreachable: {}", e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String redact(String text) {
        return URL.matcher(text).replaceAll("<url>");
    }

    /** Waits up to {@code timeout} for queued alerts to go out (tests, a clean stop). */
    public void drain(Duration timeout) throws InterruptedException {
        sender.shutdown();
        sender.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
