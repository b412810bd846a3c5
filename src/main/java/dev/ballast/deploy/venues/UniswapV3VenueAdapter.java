package dev.ballast.deploy.venues;

import dev.ballast.contracts.UniswapV3Venue;
import java.util.List;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;

/** UniswapV3Venue(address pool): one venue per Uniswap V3 pool (its tokens read from the pool). */
public record UniswapV3VenueAdapter(String pool) implements VenueAdapter {
    @Override
    public String contract() {
        return "UniswapV3Venue";
    }

    @Override
    public String binary() {
        return UniswapV3Venue.BINARY;
    }

    @Override
    public List<Type<?>> constructorArgs() {
        return List.of(new Address(pool));
    }
}
