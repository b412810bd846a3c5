package dev.ballast.deploy.venues;

import dev.ballast.contracts.BalancerV2Venue;
import java.util.List;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.utils.Numeric;

/** BalancerV2Venue(address vault, bytes32 poolId): one venue per Balancer V2 weighted pool. */
public record BalancerV2VenueAdapter(String vault, String poolId) implements VenueAdapter {
    @Override
    public String contract() {
        return "BalancerV2Venue";
    }

    @Override
    public String binary() {
        return BalancerV2Venue.BINARY;
    }

    @Override
    public List<Type<?>> constructorArgs() {
        return List.of(new Address(vault), new Bytes32(Numeric.hexStringToByteArray(poolId)));
    }
}
