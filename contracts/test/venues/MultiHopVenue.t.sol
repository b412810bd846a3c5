// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {VenueFixture} from "./VenueFixture.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {IVenue} from "../../src/interfaces/IVenue.sol";
import {IUniswapV2Pair} from "../../src/venues/external/IUniswapV2Pair.sol";
import {UniswapV2Venue} from "../../src/venues/UniswapV2Venue.sol";
import {BalancerV2Venue} from "../../src/venues/BalancerV2Venue.sol";
import {MultiHopVenue} from "../../src/venues/MultiHopVenue.sol";

/// @notice A -> WETH -> B across the real protocols: USDC/WETH on a Uniswap V2 pair ($30M a side), WETH/WBTC on
///         a 50/50 Balancer V2 pool ($60M a side), and a direct USDC/WBTC V2 pair only $50k deep.
contract MultiHopVenueTest is VenueFixture {
    IUniswapV2Pair internal ethUsdc;
    UniswapV2Venue internal v2EthUsdc;
    BalancerV2Venue internal balEthBtc;
    UniswapV2Venue internal directBtcUsdc;
    MultiHopVenue internal usdcToBtc; // USDC -> WETH (V2) -> WBTC (Balancer)
    MultiHopVenue internal btcToUsdc; // WBTC -> WETH (Balancer) -> USDC (V2)

    function setUp() public override {
        super.setUp();
        ethUsdc = _v2Pair(weth, 10_000e18, usdc, 30_000_000e6);
        v2EthUsdc = new UniswapV2Venue(address(ethUsdc));
        MockERC20[] memory t = new MockERC20[](2);
        (t[0], t[1]) = (weth, wbtc);
        uint256[] memory w = new uint256[](2);
        (w[0], w[1]) = (50e16, 50e16);
        uint256[] memory a = new uint256[](2);
        (a[0], a[1]) = (20_000e18, 1_000e8);
        balEthBtc = new BalancerV2Venue(address(balancer), _balancerPool(t, w, a));
        directBtcUsdc = new UniswapV2Venue(address(_v2Pair(wbtc, 0.4166e8, usdc, 25_000e6)));
        usdcToBtc = new MultiHopVenue(address(v2EthUsdc), address(balEthBtc), address(weth));
        btcToUsdc = new MultiHopVenue(address(balEthBtc), address(v2EthUsdc), address(weth));
    }

    function test_swap_bothWays_quoteEqualsSwap() public {
        uint256 mid = v2EthUsdc.quoteExactIn(address(usdc), address(weth), 60_000e6);
        uint256 quoted = usdcToBtc.quoteExactIn(address(usdc), address(wbtc), 60_000e6);
        vm.assertEq(quoted, balEthBtc.quoteExactIn(address(weth), address(wbtc), mid), "the quotes chain");
        vm.assertEq(_pushSwap(usdcToBtc, usdc, wbtc, 60_000e6, quoted), quoted, "USDC -> WETH -> WBTC");
        vm.assertApproxEqRel(quoted, 0.991e8, 2e15, "$60k ~ 1 WBTC less two 0.3% fees and 0.3% impact");

        quoted = btcToUsdc.quoteExactIn(address(wbtc), address(usdc), 1e8);
        vm.assertEq(_pushSwap(btcToUsdc, wbtc, usdc, 1e8, quoted), quoted, "WBTC -> WETH -> USDC");
        vm.assertEq(weth.balanceOf(address(usdcToBtc)) + weth.balanceOf(address(btcToUsdc)), 0, "no mid token kept");
        vm.assertEq(weth.balanceOf(address(v2EthUsdc)) + weth.balanceOf(address(balEthBtc)), 0, "hops keep none");
    }

    /// @dev The first hop runs with a min-out of 0; the path's min-out still binds. A sandwich that moves the first
    ///      hop's pool (WETH bought up on the V2 pair) makes the whole path refuse the trade at the caller's min-out.
    function test_minOut_checkedOnWholePath_firstHopManipulated() public {
        uint256 amountIn = 60_000e6;
        uint256 fair = usdcToBtc.quoteExactIn(address(usdc), address(wbtc), amountIn);
        uint256 minOut = fair * 99 / 100;
        // front-run: buy WETH with $3M on the V2 pair (the first hop), pushing WETH ~20% up
        _pushSwap(v2EthUsdc, usdc, weth, 3_000_000e6, 0);
        uint256 now_ = usdcToBtc.quoteExactIn(address(usdc), address(wbtc), amountIn);
        vm.assertLt(now_, minOut, "the path now pays less than the min-out");
        usdc.mint(address(usdcToBtc), amountIn);
        vm.expectRevert(bytes("BAL#507")); // the second hop's limit = the path's min-out
        usdcToBtc.swapExactIn(address(usdc), address(wbtc), amountIn, minOut, RECIPIENT);
    }

    /// @dev With the V2 pair second, the path's min-out surfaces as its InsufficientOutput; one wei above the
    ///      quote is refused, the quote itself is paid.
    function test_minOut_oneWeiAboveQuote_reverts() public {
        uint256 quoted = btcToUsdc.quoteExactIn(address(wbtc), address(usdc), 1e8);
        wbtc.mint(address(btcToUsdc), 1e8);
        vm.expectRevert(abi.encodeWithSelector(UniswapV2Venue.InsufficientOutput.selector, quoted, quoted + 1));
        btcToUsdc.swapExactIn(address(wbtc), address(usdc), 1e8, quoted + 1, RECIPIENT);
        btcToUsdc.swapExactIn(address(wbtc), address(usdc), 1e8, quoted, RECIPIENT);
        vm.assertEq(usdc.balanceOf(RECIPIENT), quoted, "paid the quote");
    }

    /// @dev The direct USDC/WBTC pair is too shallow for a $60k leg: it pays far below the oracle value and a 1%
    ///      oracle min-out refuses it; the path through WETH fills the same leg inside the budget.
    function test_shallowDirectPool_pathFillsTheLeg() public {
        uint256 amountIn = 60_000e6;
        uint256 oracleOut = 1e8; // $60k at $60,000 per WBTC
        uint256 minOut = oracleOut * 99 / 100; // two 0.3% fees and the deep pools' impact fit in 1%
        uint256 direct = directBtcUsdc.quoteExactIn(address(usdc), address(wbtc), amountIn);
        vm.assertLt(direct, oracleOut * 30 / 100, "the direct pair pays < 30% of the value");
        usdc.mint(address(directBtcUsdc), amountIn);
        vm.expectRevert(abi.encodeWithSelector(UniswapV2Venue.InsufficientOutput.selector, direct, minOut));
        directBtcUsdc.swapExactIn(address(usdc), address(wbtc), amountIn, minOut, RECIPIENT);
        uint256 got = _pushSwap(usdcToBtc, usdc, wbtc, amountIn, minOut);
        vm.assertGe(got, minOut, "the path fills inside the budget");
    }

    /// @dev Hand-computed: WBTC in WETH is 20,000 / 1,000 = 20 on the 50/50 pool, WETH in USDC 30M / 10,000 = 3,000 on the pair, so
    ///      WBTC in USDC is 60,000 through WETH; the other way 1/3,000 (rounded down) x 1/20.
    function test_spot_isProductOfHopSpots() public view {
        vm.assertEq(btcToUsdc.spotPrice(address(wbtc), address(usdc)), 60_000e18, "WBTC in USDC");
        uint256 usdcInEth = uint256(1e18) / 3_000;
        vm.assertEq(usdcToBtc.spotPrice(address(usdc), address(wbtc)), usdcInEth * 5e16 / 1e18, "USDC in WBTC");
    }

    function test_twap_unsupportedWhenAHopIsSpotOnly() public {
        vm.assertEq(uint256(usdcToBtc.guaranteedWindow()), 0, "spot-only hops: no guarantee");
        vm.expectRevert(IVenue.TwapUnsupported.selector);
        usdcToBtc.twapPrice(address(usdc), address(wbtc), 30 minutes);
    }

    function test_invalidPath_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(MultiHopVenue.InvalidPath.selector, address(weth), address(wbtc)));
        usdcToBtc.quoteExactIn(address(weth), address(wbtc), 1e18);
        vm.expectRevert(abi.encodeWithSelector(MultiHopVenue.InvalidPath.selector, address(usdc), address(usdc)));
        usdcToBtc.spotPrice(address(usdc), address(usdc));
        // the path has one direction: WBTC is not on the first hop's pair
        vm.expectRevert(abi.encodeWithSelector(UniswapV2Venue.NotPairTokens.selector, address(wbtc), address(weth)));
        usdcToBtc.quoteExactIn(address(wbtc), address(usdc), 1e8);
    }

    function test_zeroAddress_refused() public {
        vm.expectRevert(MultiHopVenue.ZeroAddress.selector);
        new MultiHopVenue(address(v2EthUsdc), address(0), address(weth));
    }
}
