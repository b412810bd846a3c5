package dev.ballast.keeper;

import dev.ballast.contracts.RebalancingVault;
import dev.ballast.policy.Leg;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;

/** Calldata of {@code vault.rebalance(legs)} for the legs of one vault call of a plan. */
final class RebalanceCall {
    private RebalanceCall() {}

    static String encode(String venue, List<Leg> legs) {
        List<RebalancingVault.Leg> structs = legs.stream()
                .map(l -> new RebalancingVault.Leg(venue, l.sellAsset(), l.buyAsset(), l.sellAmount()))
                .toList();
        return FunctionEncoder.encode(new Function(RebalancingVault.FUNC_REBALANCE,
                List.of(new DynamicArray<>(RebalancingVault.Leg.class, structs)), List.of()));
    }

    /** The legs of the plan's first call: the vault caps what one call may move, later slices wait for later blocks. */
    static List<Leg> firstCall(List<Leg> plan) {
        return plan.stream().filter(l -> l.call() == 1).toList();
    }
}
