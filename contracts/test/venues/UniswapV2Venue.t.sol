// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {VenueFixture} from "./VenueFixture.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {IVenue} from "../../src/interfaces/IVenue.sol";
import {IUniswapV2Pair} from "../../src/venues/external/IUniswapV2Pair.sol";
import {UniswapV2Venue} from "../../src/venues/UniswapV2Venue.sol";

/// @notice UniswapV2Venue against the real v2-core pair: WETH/USDC (18/6) at $3,000 and WBTC/WETH (8/18) at 20 WETH.
contract UniswapV2VenueTest is VenueFixture {
    IUniswapV2Pair internal ethUsdc;
    IUniswapV2Pair internal btcEth;
    UniswapV2Venue internal ethUsdcVenue;
    UniswapV2Venue internal btcEthVenue;

    function setUp() public override {
        super.setUp();
        ethUsdc = _v2Pair(weth, 1_000e18, usdc, 3_000_000e6);
        btcEth = _v2Pair(wbtc, 100e8, weth, 2_000e18);
        ethUsdcVenue = new UniswapV2Venue(address(ethUsdc));
        btcEthVenue = new UniswapV2Venue(address(btcEth));
    }

    /// @dev v2-periphery's getAmountOut, written out independently of ReserveMath.
    function _expectedOut(IUniswapV2Pair pair, address tokenIn, uint256 amountIn) internal view returns (uint256) {
        (uint256 r0, uint256 r1,) = pair.getReserves();
        (uint256 rIn, uint256 rOut) = tokenIn == pair.token0() ? (r0, r1) : (r1, r0);
        return amountIn * 997 * rOut / (rIn * 1000 + amountIn * 997);
    }

    function test_swap_bothWays_6and18Decimals() public {
        uint256 expected = _expectedOut(ethUsdc, address(weth), 1e18);
        uint256 got = _pushSwap(ethUsdcVenue, weth, usdc, 1e18, 0);
        vm.assertEq(got, expected, "WETH -> USDC is getAmountOut");
        vm.assertApproxEqRel(got, 2_988e6, 1e14, "1 WETH = 3,000 x 0.997 x 1000/1001 (fee, then impact)");

        expected = _expectedOut(ethUsdc, address(usdc), 3_000e6);
        got = _pushSwap(ethUsdcVenue, usdc, weth, 3_000e6, 0);
        vm.assertEq(got, expected, "USDC -> WETH is getAmountOut");
        vm.assertApproxEqRel(got, 0.997e18, 2e15, "$3,000 ~ 1 WETH less 0.3%");
    }

    function test_swap_bothWays_8and18Decimals() public {
        uint256 expected = _expectedOut(btcEth, address(wbtc), 1e8);
        uint256 got = _pushSwap(btcEthVenue, wbtc, weth, 1e8, 0);
        vm.assertEq(got, expected, "WBTC -> WETH");
        vm.assertApproxEqRel(got, 19.74e18, 2e15, "1 WBTC ~ 20 WETH less fee and 1% impact");

        expected = _expectedOut(btcEth, address(weth), 20e18);
        got = _pushSwap(btcEthVenue, weth, wbtc, 20e18, 0);
        vm.assertEq(got, expected, "WETH -> WBTC");
    }

    function testFuzz_quote_equalsSwap(uint256 amountIn, bool ethIn) public {
        (MockERC20 tin, MockERC20 tout) = ethIn ? (weth, usdc) : (usdc, weth);
        amountIn = ethIn ? bound(amountIn, 1e9, 500e18) : bound(amountIn, 1, 1_500_000e6);
        uint256 quoted = ethUsdcVenue.quoteExactIn(address(tin), address(tout), amountIn);
        vm.assertEq(_pushSwap(ethUsdcVenue, tin, tout, amountIn, quoted), quoted, "quote == swap, to the wei");
    }

    function test_minOut_revertsOneWeiAboveQuote() public {
        uint256 quoted = ethUsdcVenue.quoteExactIn(address(weth), address(usdc), 1e18);
        weth.mint(address(ethUsdcVenue), 1e18);
        vm.expectRevert(abi.encodeWithSelector(UniswapV2Venue.InsufficientOutput.selector, quoted, quoted + 1));
        ethUsdcVenue.swapExactIn(address(weth), address(usdc), 1e18, quoted + 1, RECIPIENT);
        // the same amount at min-out == quote goes through (the revert above was the min-out, not the amount)
        ethUsdcVenue.swapExactIn(address(weth), address(usdc), 1e18, quoted, RECIPIENT);
        vm.assertEq(usdc.balanceOf(RECIPIENT), quoted, "paid the quote");
    }

    /// @dev A $150k leg on a $20k-deep pair: the pair fills it, but far below the oracle value, so the vault's
    ///      oracle-derived min-out (1% slippage) refuses it.
    function test_shallowPool_legRefusedByMinOut() public {
        MockERC20 dai = new MockERC20("Dai", "DAI", 18);
        UniswapV2Venue shallow = new UniswapV2Venue(address(_v2Pair(weth, 3.333e18, dai, 10_000e18)));
        uint256 amountIn = 50e18; // $150k of WETH
        uint256 oracleOut = 150_000e18;
        uint256 minOut = oracleOut * 99 / 100;
        uint256 quoted = shallow.quoteExactIn(address(weth), address(dai), amountIn);
        vm.assertLt(quoted, oracleOut / 10, "the pair would pay < 10% of the value");
        weth.mint(address(shallow), amountIn);
        vm.expectRevert(abi.encodeWithSelector(UniswapV2Venue.InsufficientOutput.selector, quoted, minOut));
        shallow.swapExactIn(address(weth), address(dai), amountIn, minOut, RECIPIENT);
    }

    /// @dev Hand-computed: 3,000,000 USDC / 1,000 WETH = 3,000 USDC per WETH; 2,000 WETH / 100 WBTC = 20.
    function test_spot_handComputed() public view {
        vm.assertEq(ethUsdcVenue.spotPrice(address(weth), address(usdc)), 3_000e18, "WETH in USDC");
        vm.assertEq(
            ethUsdcVenue.spotPrice(address(usdc), address(weth)), uint256(1e18) / 3_000, "USDC in WETH, rounded down"
        );
        vm.assertEq(btcEthVenue.spotPrice(address(wbtc), address(weth)), 20e18, "WBTC in WETH");
        vm.assertEq(btcEthVenue.spotPrice(address(weth), address(wbtc)), 5e16, "WETH in WBTC");
    }

    /// @dev Spot excludes the fee and follows the reserves after a trade: new reserves, same formula.
    function test_spot_afterSwap_isReserveRatio() public {
        _pushSwap(ethUsdcVenue, weth, usdc, 10e18, 0);
        (uint256 r0, uint256 r1,) = ethUsdc.getReserves();
        (uint256 rEth, uint256 rUsdc) = ethUsdc.token0() == address(weth) ? (r0, r1) : (r1, r0);
        vm.assertEq(
            ethUsdcVenue.spotPrice(address(weth), address(usdc)), rUsdc * 1e12 * 1e18 / rEth, "reserve ratio, scaled"
        );
        vm.assertLt(ethUsdcVenue.spotPrice(address(weth), address(usdc)), 3_000e18, "selling WETH lowered its price");
    }

    function test_twap_unsupported_spotOnly() public {
        vm.assertEq(uint256(ethUsdcVenue.guaranteedWindow()), 0, "no TWAP guarantee");
        vm.expectRevert(IVenue.TwapUnsupported.selector);
        ethUsdcVenue.twapPrice(address(weth), address(usdc), 30 minutes);
    }

    function test_notPairTokens_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(UniswapV2Venue.NotPairTokens.selector, address(wbtc), address(usdc)));
        ethUsdcVenue.quoteExactIn(address(wbtc), address(usdc), 1e8);
        vm.expectRevert(abi.encodeWithSelector(UniswapV2Venue.NotPairTokens.selector, address(weth), address(weth)));
        ethUsdcVenue.spotPrice(address(weth), address(weth));
    }

    /// @dev Nothing pushed, nothing to spend: a caller cannot trade on someone else's behalf.
    function test_swapWithoutPush_reverts() public {
        vm.expectRevert();
        ethUsdcVenue.swapExactIn(address(weth), address(usdc), 1e18, 0, RECIPIENT);
    }
}
