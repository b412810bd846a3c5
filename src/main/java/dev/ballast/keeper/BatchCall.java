package dev.ballast.keeper;

import dev.ballast.contracts.BatchRebalancer;
import dev.ballast.contracts.RebalancingVault;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Calldata and results of {@code BatchRebalancer.rebalanceBatch(orders)}: many vaults' rebalances in one transaction,
 * each still guarded by its own vault (contracts/src/batch). Pure encoding and decoding; who sends it decides when.
 *
 * <p>Legs routed through the batch contract itself ("crossing legs") are netted against opposite legs of other vaults
 * in the same batch at each vault's own router price; a vault that has not allowed the batch contract as a venue keeps
 * its own venue and is only batched, not netted.
 */
public final class BatchCall {
    private static final String VAULT_RESULT_TOPIC = EventEncoder.encode(BatchRebalancer.VAULTRESULT_EVENT);

    /** One vault's part of a batch: the legs its own {@code rebalance} would take. */
    public record Order(String vault, List<RebalancingVault.Leg> legs) {
        public Order {
            legs = List.copyOf(legs);
            if (legs.isEmpty()) throw new IllegalArgumentException("order for " + vault + " has no legs");
        }

        /** The same legs with every venue replaced by {@code venue} (the batch contract, to be netted). */
        public Order through(String venue) {
            return new Order(vault, legs.stream().map(l -> new RebalancingVault.Leg(venue, l.tokenIn, l.tokenOut, l.amountIn)).toList());
        }

        /**
         * Only the plan's first leg. A batch nets a vault's first crossing leg only: the vault pushes its second leg
         * after its first was paid, which is after the batch cleared, so a second leg trades alone on the venue (no
         * cheaper than a lone rebalance). The planner's first leg pairs the most overweight asset with the most
         * underweight one, so it lowers the drift on its own; the rest of the plan waits for the vault's next turn.
         */
        public Order firstLegOnly() {
            return new Order(vault, legs.subList(0, 1));
        }

        /** The first leg's pair, direction-free, so opposite trades of one pair sort next to each other. */
        String pairKey() {
            RebalancingVault.Leg first = legs.getFirst();
            String a = first.tokenIn.toLowerCase(Locale.ROOT);
            String b = first.tokenOut.toLowerCase(Locale.ROOT);
            return a.compareTo(b) < 0 ? a + b : b + a;
        }
    }

    /** A vault's outcome in a mined batch: its VaultResult event; {@code reason} is its revert data (hex) when refused. */
    public record VaultResult(String vault, boolean ok, String reason) {}

    private BatchCall() {}

    /** Calldata of {@code rebalanceBatch(orders)}. */
    public static String encode(List<Order> orders) {
        List<DynamicStruct> structs = new ArrayList<>();
        for (Order o : orders) {
            structs.add(new DynamicStruct(new Address(o.vault()), new DynamicArray<>(RebalancingVault.Leg.class, o.legs())));
        }
        return FunctionEncoder.encode(new Function(BatchRebalancer.FUNC_REBALANCEBATCH,
                List.of(new DynamicArray<>(DynamicStruct.class, structs)), List.of()));
    }

    /** Per order, whether its vault rebalanced: the return value of an eth_call of {@link #encode}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static List<Boolean> decodeOk(String returned) {
        List<Type> decoded = FunctionReturnDecoder.decode(returned,
                (List) List.of(new TypeReference<DynamicArray<Bool>>() {}));
        if (decoded.isEmpty()) throw new IllegalArgumentException("rebalanceBatch returned no outcome array: " + returned);
        return ((DynamicArray<Bool>) decoded.getFirst()).getValue().stream().map(Bool::getValue).toList();
    }

    /** Each vault's VaultResult in a mined batch's receipt, in emission order; a vault re-run after a roll-back appears once. */
    public static List<VaultResult> results(TransactionReceipt receipt, String batchContract) {
        Map<String, VaultResult> byVault = new LinkedHashMap<>();
        for (Log log : receipt.getLogs()) {
            if (!log.getAddress().equalsIgnoreCase(batchContract) || log.getTopics().size() < 2
                    || !VAULT_RESULT_TOPIC.equals(log.getTopics().getFirst())) {
                continue;
            }
            String vault = "0x" + log.getTopics().get(1).substring(26);
            @SuppressWarnings({"unchecked", "rawtypes"})
            List<Type> data = FunctionReturnDecoder.decode(log.getData(),
                    (List) List.of(new TypeReference<Bool>() {}, new TypeReference<DynamicBytes>() {}));
            boolean ok = ((Bool) data.get(0)).getValue();
            String reason = Numeric.toHexString(((DynamicBytes) data.get(1)).getValue());
            byVault.put(vault.toLowerCase(Locale.ROOT), new VaultResult(vault, ok, reason));
        }
        return List.copyOf(byVault.values());
    }

    /**
     * Splits {@code orders} into batches of at most {@code maxVaults}, opposite trades of one pair kept next to each
     * other (sorted by pair, then alternating direction) so that they land in the same batch and net.
     */
    public static List<List<Order>> chunks(List<Order> orders, int maxVaults) {
        if (maxVaults < 1) throw new IllegalArgumentException("batch.maxVaults must be >= 1, got " + maxVaults);
        Map<String, List<Order>> byPair = new LinkedHashMap<>();
        for (Order o : orders) byPair.computeIfAbsent(o.pairKey(), k -> new ArrayList<>()).add(o);
        List<Order> sorted = new ArrayList<>();
        for (List<Order> pair : byPair.values()) sorted.addAll(interleave(pair));
        List<List<Order>> chunks = new ArrayList<>();
        for (int from = 0; from < sorted.size(); from += maxVaults) {
            chunks.add(List.copyOf(sorted.subList(from, Math.min(sorted.size(), from + maxVaults))));
        }
        return chunks;
    }

    /** One pair's orders, the two directions alternating, so a chunk cut anywhere holds both. */
    private static List<Order> interleave(List<Order> pair) {
        Comparator<Order> byDirection = Comparator.comparing(o -> o.legs().getFirst().tokenIn.toLowerCase(Locale.ROOT));
        List<Order> sorted = pair.stream().sorted(byDirection).toList();
        String firstIn = sorted.getFirst().legs().getFirst().tokenIn;
        List<Order> one = sorted.stream().filter(o -> o.legs().getFirst().tokenIn.equals(firstIn)).toList();
        List<Order> other = sorted.stream().filter(o -> !o.legs().getFirst().tokenIn.equals(firstIn)).toList();
        List<Order> out = new ArrayList<>();
        for (int i = 0; i < Math.max(one.size(), other.size()); i++) {
            if (i < one.size()) out.add(one.get(i));
            if (i < other.size()) out.add(other.get(i));
        }
        return out;
    }
}
