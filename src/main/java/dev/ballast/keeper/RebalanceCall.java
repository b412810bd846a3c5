package dev.ballast.keeper;

import dev.ballast.contracts.RebalancingVault;
import dev.ballast.policy.Leg;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;

/** Calldata of {@code vault.rebalance(legs)} for the legs of one vault call of a plan. */
final class RebalanceCall {
    private RebalanceCall() {}

    /** Every leg through {@code venue}. */
    static String encode(String venue, List<Leg> legs) {
        return encode(Collections.nCopies(legs.size(), venue), legs);
    }

    /** Leg i through {@code venues.get(i)}: the vault's Leg names its venue, so one call may use several. */
    static String encode(List<String> venues, List<Leg> legs) {
        if (venues.size() != legs.size()) throw new IllegalArgumentException(venues.size() + " venues for " + legs.size() + " legs");
        List<RebalancingVault.Leg> structs = new ArrayList<>();
        for (int i = 0; i < legs.size(); i++) {
            Leg l = legs.get(i);
            structs.add(new RebalancingVault.Leg(venues.get(i), l.sellAsset(), l.buyAsset(), l.sellAmount()));
        }
        return FunctionEncoder.encode(new Function(RebalancingVault.FUNC_REBALANCE,
                List.of(new DynamicArray<>(RebalancingVault.Leg.class, structs)), List.of()));
    }

    /** Calldata of {@code vault.rebalance(legs)} for legs already in the contract's form. */
    static String encodeLegs(List<RebalancingVault.Leg> legs) {
        return FunctionEncoder.encode(new Function(RebalancingVault.FUNC_REBALANCE,
                List.of(new DynamicArray<>(RebalancingVault.Leg.class, legs)), List.of()));
    }

    /**
     * The legs of {@code rebalance(legs)} calldata (what the approval gate would send), or empty when {@code data} is
     * another call: a batch carries exactly the legs the vault's lone transaction would have.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Optional<List<RebalancingVault.Leg>> decode(String data) {
        String selector = encodeLegs(List.of()).substring(0, 10);
        if (data == null || !data.toLowerCase(Locale.ROOT).startsWith(selector)) return Optional.empty();
        List<Type> out = FunctionReturnDecoder.decode("0x" + data.substring(10),
                (List) List.of(new TypeReference<DynamicArray<RebalancingVault.Leg>>() {}));
        if (out.isEmpty()) return Optional.empty();
        return Optional.of(List.copyOf(((DynamicArray<RebalancingVault.Leg>) out.getFirst()).getValue()));
    }

    /** The legs of the plan's first call: the vault caps what one call may move, later slices wait for later blocks. */
    static List<Leg> firstCall(List<Leg> plan) {
        return plan.stream().filter(l -> l.call() == 1).toList();
    }
}
