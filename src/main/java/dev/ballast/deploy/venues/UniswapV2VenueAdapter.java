package dev.ballast.deploy.venues;

import dev.ballast.contracts.UniswapV2Venue;
import java.util.List;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;

/** UniswapV2Venue(address pair): one venue per Uniswap V2 pair. */
public record UniswapV2VenueAdapter(String pair) implements VenueAdapter {
    @Override
    public String contract() {
        return "UniswapV2Venue";
    }

    @Override
    public String binary() {
        return UniswapV2Venue.BINARY;
    }

    @Override
    public List<Type<?>> constructorArgs() {
        return List.of(new Address(pair));
    }
}
