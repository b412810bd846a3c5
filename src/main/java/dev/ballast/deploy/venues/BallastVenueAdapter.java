package dev.ballast.deploy.venues;

import dev.ballast.contracts.WeightedPoolVenue;
import java.util.List;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;

/** WeightedPoolVenue(address pool): a Ballast weighted pool. */
public record BallastVenueAdapter(String pool) implements VenueAdapter {
    @Override
    public String contract() {
        return "WeightedPoolVenue";
    }

    @Override
    public String binary() {
        return WeightedPoolVenue.BINARY;
    }

    @Override
    public List<Type<?>> constructorArgs() {
        return List.of(new Address(pool));
    }
}
