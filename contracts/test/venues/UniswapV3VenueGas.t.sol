// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IUniswapV3Pool} from "@uniswap/v3-core/contracts/interfaces/IUniswapV3Pool.sol";
import {UniswapV3Fixture} from "./UniswapV3Fixture.sol";
import {UniswapV3RouterPathVenue} from "./UniswapV3RouterPathVenue.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {UniswapV3Venue} from "../../src/venues/UniswapV3Venue.sol";

/// @notice Gas of one rebalance leg ($10k of WETH into USDC on a 0.05% pool, no tick crossed) through
///         UniswapV3Venue, against the same swap done directly on the pool and through the periphery SwapRouter.
///         Recorded with the snapshot cheatcodes in snapshots/UniswapV3VenueGasTest.json by
///         `scripts/contracts.sh test --match-path test/venues/UniswapV3VenueGas.t.sol`.
///         Each path trades on its own market (own tokens and pool, identical state, same direction), all prepared
///         in setUp, so each measured call starts cold like a fresh transaction whatever the order. A leg is what the
///         vault does: push the input to the venue (a transfer), then call swapExactIn; the direct baseline is a
///         contract holding the input that calls pool.swap and pays in the callback (what the vault would do without
///         an adapter). Figures are execution gas before refunds. The push makes the venue's input balance go
///         0 -> amountIn -> 0 inside the transaction, which EIP-3529 refunds at its end (20,000 - 100 = 19,900; any
///         rebalance transaction, > 100k gas, takes it whole under the 1/5 cap): the net overhead subtracts it.
contract UniswapV3VenueGasTest is UniswapV3Fixture {
    /// @dev The issue's bound on what the adapter may add to a leg, net of refunds.
    uint256 internal constant MAX_ADAPTER_OVERHEAD = 15_000;
    uint256 internal constant PUSH_REFUND = 19_900;
    uint256 internal constant AMOUNT_IN = 5e18; // $10k of WETH
    address internal constant RECIPIENT = address(0xFEE);

    struct Market {
        MockERC20 tokenIn; // 18 decimals, token 1
        MockERC20 tokenOut; // 6 decimals, token 0
        IUniswapV3Pool pool;
    }

    Market internal directMarket;
    Market internal venueMarket;
    Market internal routerMarket;
    UniswapV3Venue internal venue;
    UniswapV3RouterPathVenue internal routerVenue;

    function setUp() public {
        _deployUniswapV3();
        directMarket = _market();
        venueMarket = _market();
        routerMarket = _market();
        venue = new UniswapV3Venue(address(venueMarket.pool));
        routerVenue = new UniswapV3RouterPathVenue(router, routerMarket.pool);
        // the payer of each path holds the input (the vault for the venues, the swapper for the direct path)
        directMarket.tokenIn.mint(address(swapper), AMOUNT_IN);
        venueMarket.tokenIn.mint(address(this), AMOUNT_IN * 2);
        routerMarket.tokenIn.mint(address(this), AMOUNT_IN * 2);
        // one trade per pool in this block, so the measured swaps do not pay for the block's oracle write
        _advance(12);
        _trade(directMarket.pool, address(directMarket.tokenOut), 1_000e6);
        _trade(venueMarket.pool, address(venueMarket.tokenOut), 1_000e6);
        _trade(routerMarket.pool, address(routerMarket.tokenOut), 1_000e6);
    }

    /// @dev Fresh tokens (18 decimals above 6 decimals by address, as in every market) and a 0.05% pool at $2,000.
    function _market() private returns (Market memory m) {
        m.tokenOut = _token("USD", "USD", 6, address(0));
        m.tokenIn = _token("ETH", "ETH", 18, address(m.tokenOut));
        m.pool = _newPool(m.tokenIn, m.tokenOut, 500, ETH_USD);
        _addLiquidity(m.pool, 5_000e18, 4, 20);
        m.tokenOut.mint(RECIPIENT, 1e6); // the recipient already holds the output token, as a vault does
    }

    /// @dev All three paths in one test, each on its own cold market; the figures and the comparisons.
    function test_gas_legThroughVenue_vsDirect_vsRouter() public {
        (IUniswapV3Pool directPool, MockERC20 vIn, MockERC20 vOut, MockERC20 rIn, MockERC20 rOut) =
            (directMarket.pool, venueMarket.tokenIn, venueMarket.tokenOut, routerMarket.tokenIn, routerMarket.tokenOut);
        (UniswapV3Venue v, UniswapV3RouterPathVenue rv, address s) = (venue, routerVenue, address(swapper));

        vm.startSnapshotGas("v3_direct_pool_swap");
        uint256 directOut = swapper.swapExactIn(directPool, false, AMOUNT_IN, RECIPIENT);
        uint256 direct = vm.stopSnapshotGas();

        vm.startSnapshotGas("v3_venue_leg_push_and_swap");
        vIn.transfer(address(v), AMOUNT_IN);
        uint256 venueOut = v.swapExactIn(address(vIn), address(vOut), AMOUNT_IN, 0, RECIPIENT);
        uint256 leg = vm.stopSnapshotGas();

        vm.startSnapshotGas("v3_router_path_leg_push_and_swap");
        rIn.transfer(address(rv), AMOUNT_IN);
        uint256 routerOut = rv.swapExactIn(address(rIn), address(rOut), AMOUNT_IN, 0, RECIPIENT);
        uint256 viaRouter = vm.stopSnapshotGas();

        vm.assertEq(venueOut, directOut, "the same swap (venue)");
        vm.assertEq(routerOut, directOut, "the same swap (router)");
        vm.assertEq(vIn.balanceOf(address(v)) + directMarket.tokenIn.balanceOf(s), 0, "inputs all spent");
        uint256 gross = leg - direct;
        vm.snapshotValue("v3_venue_overhead_gross", gross);
        vm.snapshotValue("v3_venue_overhead_net_of_push_refund", gross - PUSH_REFUND);
        vm.snapshotValue("v3_router_path_extra_over_venue", viaRouter - leg);
        vm.assertLe(gross - PUSH_REFUND, MAX_ADAPTER_OVERHEAD, "adapter overhead per leg");
        vm.assertLt(leg, viaRouter, "the direct venue is the cheaper path");
    }

    /// @dev What growing a pool's observation ring costs per slot (the pool's own code; anyone may call it), for the
    ///      README's guidance on covering a vault's window.
    function test_gas_poolRingGrowthPerSlot() public {
        IUniswapV3Pool pool = directMarket.pool;
        vm.startSnapshotGas("v3_pool_increaseObservationCardinalityNext_1_to_101");
        pool.increaseObservationCardinalityNext(101);
        uint256 used = vm.stopSnapshotGas();
        vm.snapshotValue("v3_pool_ring_growth_per_slot", used / 100);
        vm.assertGt(used / 100, 20_000, "a fresh storage slot each");
    }

    function test_gas_quote() public {
        (UniswapV3Venue v, address tin, address tout) =
            (venue, address(venueMarket.tokenIn), address(venueMarket.tokenOut));
        vm.startSnapshotGas("v3_venue_quoteExactIn");
        uint256 q = v.quoteExactIn(tin, tout, AMOUNT_IN);
        vm.stopSnapshotGas();
        vm.assertGt(q, 0, "quoted");
    }

    function test_gas_prices() public {
        IUniswapV3Pool pool = venueMarket.pool;
        pool.increaseObservationCardinalityNext(10);
        for (uint256 k; k < 12; ++k) {
            _advance(12);
            _trade(
                pool, address(k % 2 == 0 ? venueMarket.tokenIn : venueMarket.tokenOut), k % 2 == 0 ? 10e18 : 20_000e6
            );
        }
        (UniswapV3Venue v, address tin, address tout) =
            (venue, address(venueMarket.tokenIn), address(venueMarket.tokenOut));
        vmx.cool(address(pool));
        vm.startSnapshotGas("v3_venue_spotPrice");
        v.spotPrice(tin, tout);
        vm.stopSnapshotGas();
        vm.startSnapshotGas("v3_venue_twapPrice_60s");
        v.twapPrice(tin, tout, 60);
        vm.stopSnapshotGas();
        vm.startSnapshotGas("v3_venue_guaranteedWindow");
        v.guaranteedWindow();
        vm.stopSnapshotGas();
    }
}
