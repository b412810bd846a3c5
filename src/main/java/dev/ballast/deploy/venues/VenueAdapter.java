package dev.ballast.deploy.venues;

import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Type;
import org.web3j.utils.Numeric;

/**
 * One venue adapter contract (IVenue, contracts/src/venues/) to deploy: its name, its creation code and its
 * constructor arguments, with the constructor signatures fixed in the venue interface's design (IVenue v2). One
 * record per kind; the deploy plan and the demo both deploy through these.
 */
public sealed interface VenueAdapter permits BallastVenueAdapter, UniswapV2VenueAdapter, UniswapV3VenueAdapter,
        BalancerV2VenueAdapter, MultiHopVenueAdapter, UniswapV3TwapSourceAdapter {

    /** The contract's name (and its generated wrapper's class name in dev.ballast.contracts). */
    String contract();

    /** The contract's creation code (0x-prefixed). */
    String binary();

    List<Type<?>> constructorArgs();

    /** Creation code followed by the ABI-encoded constructor arguments: a deploy transaction's data. */
    default String creationData() {
        return Numeric.prependHexPrefix(binary()) + FunctionEncoder.encodeConstructor(List.copyOf(constructorArgs()));
    }
}
