package dev.ballast.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The keeper's health as seen from outside it: each RPC endpoint's head and latency, how far the keeper's last
 * journaled block is behind the chain, pending transactions and the signer's balance (its address from the journal;
 * the dashboard never has the key). Written by the refresh thread, read under the model's lock.
 */
final class KeeperHealth {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final DashboardSettings settings;
    private final List<ReadOnlyRpc> rpcs = new ArrayList<>();
    /** Replaced whole by the refresh thread, read by page requests: volatile, never edited in place. */
    private volatile ObjectNode json = NODES.objectNode().put("status", "starting");
    private volatile ReadOnlyRpc answering;

    KeeperHealth(DashboardSettings settings) {
        this.settings = settings;
        for (DashboardSettings.Endpoint e : settings.endpoints()) rpcs.add(new ReadOnlyRpc(e.http()));
    }

    /** The first endpoint that answered the last probe (receipts, balances); the first configured before that. */
    ReadOnlyRpc rpc() {
        return answering != null ? answering : rpcs.getFirst();
    }

    void probe(JournalReader journal) throws SQLException {
        ObjectNode o = NODES.objectNode();
        ArrayNode endpoints = o.putArray("endpoints");
        long head = -1;
        ReadOnlyRpc answering = null;
        for (int i = 0; i < rpcs.size(); i++) {
            DashboardSettings.Endpoint e = settings.endpoints().get(i);
            ObjectNode x = endpoints.addObject().put("name", e.name()).put("url", redact(e.http()));
            long started = System.nanoTime();
            try {
                long block = rpcs.get(i).blockNumber();
                long chainId = rpcs.get(i).chainId();
                x.put("ok", chainId == settings.chainId()).put("block", block)
                        .put("latencyMs", (System.nanoTime() - started) / 1_000_000);
                if (chainId != settings.chainId()) {
                    x.put("error", "chain id " + chainId + ", config says " + settings.chainId());
                } else {
                    head = Math.max(head, block);
                    if (answering == null) answering = rpcs.get(i);
                }
            } catch (IOException | RuntimeException ex) {
                // a refused connection has no message: its type says what happened
                String why = ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
                x.put("ok", false).put("error", why.replace(e.http().toString(), "<url>"));
            }
        }
        if (head >= 0) o.put("chainHead", head);
        Optional<JournalReader.Last> last = journal.lastDecision();
        last.ifPresent(l -> {
            o.put("keeperBlock", l.block()).put("lastDecisionAgeSeconds",
                    Math.max(0, (System.currentTimeMillis() - l.recordedAt()) / 1000));
        });
        if (head >= 0 && last.isPresent()) o.put("lagBlocks", Math.max(0, head - last.get().block()));
        JournalReader.Pending pending = journal.pending();
        o.put("pendingTxs", pending.count());
        if (pending.count() > 0) {
            o.put("oldestPendingSeconds", Math.max(0, (System.currentTimeMillis() - pending.oldestCreatedAt()) / 1000));
        }
        Optional<String> signer = journal.signer();
        if (signer.isPresent()) {
            o.put("signer", signer.get());
            if (answering != null) {
                try {
                    BigInteger wei = answering.balance(signer.get());
                    o.put("signerBalance", new BigDecimal(wei, 18).doubleValue());
                } catch (IOException ex) {
                    o.put("signerBalanceError", ex.getMessage());
                }
            }
        }
        o.put("status", head < 0 ? "no endpoint answers" : "ok");
        this.answering = answering;
        json = o;
    }

    void journalError(String message) {
        json = json.deepCopy().put("status", "journal unreadable: " + message);
    }

    ObjectNode json() {
        return json;
    }

    /** The URL without userinfo, query or path (providers put API keys there): scheme, host and port only. */
    static String redact(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "")
                + (url.getRawPath() == null || url.getRawPath().isEmpty() || url.getRawPath().equals("/") ? "" : "/…");
    }
}
