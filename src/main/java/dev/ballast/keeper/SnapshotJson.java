package dev.ballast.keeper;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ballast.policy.Asset;
import dev.ballast.policy.PortfolioSnapshot;

/** The snapshot a decision was made from, as journaled JSON (exact integers as strings). */
final class SnapshotJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SnapshotJson() {}

    static String of(PortfolioSnapshot s) {
        ObjectNode root = JSON.createObjectNode();
        root.put("time", s.time());
        root.put("lastRebalance", s.lastRebalanceTime());
        root.put("gasPriceWei", s.gas().gasPriceWei());
        root.put("nativePrice", s.gas().nativePrice()); // value units per native token: the dashboard's gas in numeraire
        ArrayNode assets = root.putArray("assets");
        for (Asset a : s.assets()) {
            ObjectNode n = assets.addObject();
            n.put("id", a.id());
            n.put("balance", String.valueOf(a.balance()));
            n.put("decimals", a.decimals());
            n.put("price", String.valueOf(a.price()));
            n.put("value", a.value());
            n.put("targetWeight", a.targetWeight());
        }
        return root.toString();
    }
}
