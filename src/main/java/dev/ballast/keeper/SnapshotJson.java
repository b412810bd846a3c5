package dev.ballast.keeper;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ballast.policy.Asset;
import dev.ballast.policy.PortfolioSnapshot;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The snapshot a decision was made from, as journaled JSON (exact integers as strings). Written with Jackson's
 * streaming generator rather than a tree: the same text, without building a node per field for each of a fleet's
 * vaults at every head.
 */
final class SnapshotJson {
    private static final JsonFactory JSON = new JsonFactory();

    private SnapshotJson() {}

    static String of(PortfolioSnapshot s) {
        StringWriter text = new StringWriter(128 + 160 * s.assets().size());
        try (JsonGenerator g = JSON.createGenerator(text)) {
            g.writeStartObject();
            g.writeNumberField("time", s.time());
            g.writeNumberField("lastRebalance", s.lastRebalanceTime());
            g.writeNumberField("gasPriceWei", s.gas().gasPriceWei());
            g.writeNumberField("nativePrice", s.gas().nativePrice()); // value units per native token: the dashboard's gas in numeraire
            g.writeArrayFieldStart("assets");
            for (Asset a : s.assets()) {
                g.writeStartObject();
                g.writeStringField("id", a.id());
                g.writeStringField("balance", String.valueOf(a.balance()));
                g.writeNumberField("decimals", a.decimals());
                g.writeStringField("price", String.valueOf(a.price()));
                g.writeNumberField("value", a.value());
                g.writeNumberField("targetWeight", a.targetWeight());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing a snapshot to a string", e); // a StringWriter does not fail
        }
        return text.toString();
    }
}
