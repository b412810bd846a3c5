package dev.ballast.keeper;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ballast.policy.Asset;
import dev.ballast.policy.GasQuote;
import dev.ballast.policy.PortfolioSnapshot;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The journaled snapshot is written with the streaming generator: on random snapshots (ids needing escapes,
 * value-only assets, extreme numbers) it must be the very text the Jackson tree wrote before, byte for byte, so the
 * dashboard and the audit trail read old and new rows alike.
 */
class SnapshotJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void theStreamedTextIsTheTreesText() {
        Random random = new Random(163);
        for (int n = 0; n < 500; n++) {
            PortfolioSnapshot s = snapshot(random);
            assertThat(SnapshotJson.of(s)).isEqualTo(tree(s));
        }
    }

    private static PortfolioSnapshot snapshot(Random random) {
        int size = 1 + random.nextInt(6);
        List<Asset> assets = new ArrayList<>();
        long left = 1_000_000_000_000_000_000L;
        for (int i = 0; i < size; i++) {
            long weight = i == size - 1 ? left : random.nextLong(left + 1);
            left -= weight;
            String id = switch (random.nextInt(3)) {
                case 0 -> String.format("0x%040x", new BigInteger(160, random));
                case 1 -> "tok\"en\\" + i + "\u00e9\n";
                default -> "T" + i;
            };
            assets.add(random.nextInt(4) == 0 ? Asset.valued(id, random.nextLong(Long.MAX_VALUE), weight)
                    : new Asset(id, random.nextLong(Long.MAX_VALUE), weight, new BigInteger(random.nextInt(90), random),
                            random.nextInt(19), BigInteger.ONE.add(new BigInteger(random.nextInt(40), random))));
        }
        return new PortfolioSnapshot(assets, random.nextLong(Long.MAX_VALUE), random.nextLong(Long.MAX_VALUE),
                new GasQuote(random.nextLong(Long.MAX_VALUE), random.nextInt(1_000_000), random.nextInt(200_000),
                        random.nextLong(Long.MAX_VALUE)));
    }

    /** The tree the journal built before (SnapshotJson at b707405). */
    private static String tree(PortfolioSnapshot s) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("time", s.time());
        root.put("lastRebalance", s.lastRebalanceTime());
        root.put("gasPriceWei", s.gas().gasPriceWei());
        root.put("nativePrice", s.gas().nativePrice());
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
