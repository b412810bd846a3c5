package dev.ballast.deploy.venues;

import dev.ballast.contracts.UniswapV3TwapSource;
import java.util.List;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint32;

/**
 * UniswapV3TwapSource(address pool, address asset, uint32 window, address quoteSource): an IPriceSource (Kind.TWAP)
 * from a V3 pool's own observe; {@code quoteSource} prices the pool's other token, address(0) when that token is the
 * numeraire. Not a venue, but deployed the same way (its contract lands with the venue contracts).
 */
public record UniswapV3TwapSourceAdapter(String pool, String asset, long window, String quoteSource) implements VenueAdapter {
    @Override
    public String contract() {
        return "UniswapV3TwapSource";
    }

    @Override
    public String binary() {
        return UniswapV3TwapSource.BINARY;
    }

    @Override
    public List<Type<?>> constructorArgs() {
        return List.of(new Address(pool), new Address(asset), new Uint32(window), new Address(quoteSource));
    }
}
