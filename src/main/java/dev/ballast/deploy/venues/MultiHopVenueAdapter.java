package dev.ballast.deploy.venues;

import dev.ballast.contracts.MultiHopVenue;
import java.util.List;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;

/** MultiHopVenue(address first, address second, address mid): tokenIn to mid on venue first, mid to tokenOut on second. */
public record MultiHopVenueAdapter(String first, String second, String mid) implements VenueAdapter {
    @Override
    public String contract() {
        return "MultiHopVenue";
    }

    @Override
    public String binary() {
        return MultiHopVenue.BINARY;
    }

    @Override
    public List<Type<?>> constructorArgs() {
        return List.of(new Address(first), new Address(second), new Address(mid));
    }
}
