// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IUniswapV3Pool} from "@uniswap/v3-core/contracts/interfaces/IUniswapV3Pool.sol";
import {UniswapV3Fixture} from "../venues/UniswapV3Fixture.sol";
import {ScriptedPriceSource} from "./ScriptedPriceSource.sol";
import {IPriceSource} from "../../src/interfaces/IPriceSource.sol";
import {PriceRouter} from "../../src/oracle/PriceRouter.sol";
import {UniswapV3TwapSource} from "../../src/oracle/UniswapV3TwapSource.sol";
import {UniswapV3Venue} from "../../src/venues/UniswapV3Venue.sol";
import {UniswapV3Oracle} from "../../src/libraries/UniswapV3Oracle.sol";

/// @notice UniswapV3TwapSource over the real V3 pools: the TWAP it reports, the quote-source product and freshness,
///         its configuration errors, and its place in a PriceRouter median beside a feed.
contract UniswapV3TwapSourceTest is UniswapV3Fixture {
    uint32 internal constant WINDOW = 10 minutes;

    IUniswapV3Pool internal wethUsdc; // token0 USDC, token1 WETH
    IUniswapV3Pool internal wbtcWeth; // token0 WETH, token1 WBTC
    UniswapV3Venue internal ethVenue;
    UniswapV3Venue internal btcEthVenue;
    ScriptedPriceSource internal ethFeed; // WETH in USD, a reported feed

    function setUp() public {
        _deployUniswapV3();
        wethUsdc = _newPool(weth, usdc, 500, ETH_USD);
        wbtcWeth = _newPool(wbtc, weth, 3000, BTC_ETH);
        _addLiquidity(wethUsdc, 5_000e18, 4, 20);
        _addLiquidity(wbtcWeth, 300e8, 4, 10);
        wethUsdc.increaseObservationCardinalityNext(100);
        wbtcWeth.increaseObservationCardinalityNext(100);
        ethVenue = new UniswapV3Venue(address(wethUsdc));
        btcEthVenue = new UniswapV3Venue(address(wbtcWeth));
        // 20 minutes of history with a trade a minute, alternating sides
        for (uint256 k; k < 20; ++k) {
            _advance(60);
            _trade(wethUsdc, k % 2 == 0 ? address(weth) : address(usdc), k % 2 == 0 ? 20e18 : 30_000e6);
            _trade(wbtcWeth, k % 2 == 0 ? address(wbtc) : address(weth), k % 2 == 0 ? 1e8 : 12e18);
        }
        ethFeed = new ScriptedPriceSource(address(weth), ETH_USD);
    }

    function test_latestPrice_numeraireIsTheOtherToken() public {
        UniswapV3TwapSource src = new UniswapV3TwapSource(address(wethUsdc), address(weth), WINDOW, address(0));
        (uint256 price, uint256 updatedAt) = src.latestPrice();
        vm.assertEq(price, ethVenue.twapPrice(address(weth), address(usdc), WINDOW), "the pool's TWAP, WETH in USDC");
        vm.assertApproxEqRel(price, ETH_USD, 2e16, "about $2,000");
        vm.assertEq(updatedAt, block.timestamp, "observe extrapolates to now");
    }

    /// @dev Token 0 priced too (the inverse direction), times the other token's feed price.
    function test_latestPrice_token0_timesQuoteSource() public {
        UniswapV3TwapSource src = new UniswapV3TwapSource(address(wethUsdc), address(usdc), WINDOW, address(ethFeed));
        (uint256 price,) = src.latestPrice();
        uint256 usdcInWeth = ethVenue.twapPrice(address(usdc), address(weth), WINDOW);
        vm.assertEq(price, Math.mulDiv(usdcInWeth, ETH_USD, 1e18), "TWAP x feed, rounded down");
        vm.assertApproxEqRel(price, 1e18, 2e16, "about $1");
    }

    /// @dev WBTC from the WBTC/WETH pool times a WETH feed 50 s old: the product is as old as the feed.
    function test_latestPrice_quoteSourceBoundsUpdatedAt() public {
        UniswapV3TwapSource src = new UniswapV3TwapSource(address(wbtcWeth), address(wbtc), WINDOW, address(ethFeed));
        ethFeed.set(ETH_USD, block.timestamp - 50);
        (uint256 price, uint256 updatedAt) = src.latestPrice();
        uint256 twap = btcEthVenue.twapPrice(address(wbtc), address(weth), WINDOW);
        vm.assertEq(src.twapInQuoteToken(), twap, "TWAP in WETH");
        vm.assertEq(price, Math.mulDiv(twap, ETH_USD, 1e18), "TWAP x feed");
        vm.assertApproxEqRel(price, BTC_USD, 2e16, "about $30,000");
        vm.assertEq(updatedAt, block.timestamp - 50, "as old as the feed");
        ethFeed.setMode(ScriptedPriceSource.Mode.RevertCustom);
        vm.expectRevert(abi.encodeWithSelector(ScriptedPriceSource.ScriptedFailure.selector, 7));
        src.latestPrice();
    }

    /// @dev A push inside the block moves the spot ~10% but not the TWAP: observe weighs the new tick by the 0 s it
    ///      has stood.
    function test_latestPrice_sameBlockPushDoesNotMoveIt() public {
        UniswapV3TwapSource src = new UniswapV3TwapSource(address(wethUsdc), address(weth), WINDOW, address(0));
        (uint256 before,) = src.latestPrice();
        uint256 spotBefore = ethVenue.spotPrice(address(weth), address(usdc));
        _advance(12);
        (uint256 settled,) = src.latestPrice();
        _trade(wethUsdc, address(usdc), 3_000_000e6);
        vm.assertGt(ethVenue.spotPrice(address(weth), address(usdc)), spotBefore * 105 / 100, "spot pushed > 5%");
        (uint256 afterPush,) = src.latestPrice();
        vm.assertEq(afterPush, settled, "same-block push: TWAP unchanged");
        vm.assertApproxEqRel(settled, before, 1e15, "and only 12 s of drift");
    }

    function test_window_notCoveredByThePool_reverts() public {
        UniswapV3TwapSource src = new UniswapV3TwapSource(address(wbtcWeth), address(wbtc), 2 hours, address(0));
        uint32 age = UniswapV3Oracle.oldestObservationAge(wbtcWeth);
        vm.assertTrue(age >= 20 minutes && age < 2 hours, "the ring reaches back 20 minutes, not 2 hours");
        vm.expectRevert(
            abi.encodeWithSelector(UniswapV3Oracle.TwapWindowNotCovered.selector, address(wbtcWeth), 2 hours, age)
        );
        src.latestPrice();
    }

    function test_identity() public {
        UniswapV3TwapSource src = new UniswapV3TwapSource(address(wbtcWeth), address(wbtc), WINDOW, address(ethFeed));
        vm.assertEq(uint256(src.kind()), uint256(IPriceSource.Kind.TWAP), "a TWAP");
        vm.assertEq(src.underlying(), address(wbtcWeth), "rests on the pool");
        vm.assertEq(src.asset(), address(wbtc), "asset");
        vm.assertEq(src.quoteToken(), address(weth), "quoted in the other token");
    }

    function test_constructor_refusesBadSettings() public {
        vm.expectRevert(UniswapV3TwapSource.ZeroPool.selector);
        new UniswapV3TwapSource(address(0), address(weth), WINDOW, address(0));
        vm.expectRevert(
            abi.encodeWithSelector(UniswapV3TwapSource.AssetNotInPool.selector, address(wethUsdc), address(wbtc))
        );
        new UniswapV3TwapSource(address(wethUsdc), address(wbtc), WINDOW, address(0));
        vm.expectRevert(
            abi.encodeWithSelector(UniswapV3TwapSource.InvalidWindow.selector, 4 minutes, 5 minutes, 7 days)
        );
        new UniswapV3TwapSource(address(wethUsdc), address(weth), 4 minutes, address(0));
        vm.expectRevert(abi.encodeWithSelector(UniswapV3TwapSource.InvalidWindow.selector, 8 days, 5 minutes, 7 days));
        new UniswapV3TwapSource(address(wethUsdc), address(weth), 8 days, address(0));
        // the quote source must price the pool's other token (WETH for WBTC here), not the asset itself
        ScriptedPriceSource btcFeed = new ScriptedPriceSource(address(wbtc), BTC_USD);
        vm.expectRevert(
            abi.encodeWithSelector(
                UniswapV3TwapSource.QuoteSourceWrongAsset.selector, address(btcFeed), address(weth), address(wbtc)
            )
        );
        new UniswapV3TwapSource(address(wbtcWeth), address(wbtc), WINDOW, address(btcFeed));
    }

    /// @dev A vault's router with a feed and this TWAP for WBTC: the router accepts the pair (a TWAP needs a second
    ///      opinion, which the feed is), prices from them, and refuses when they disagree.
    function test_inRouterMedian_besideAFeed() public {
        ScriptedPriceSource btcFeed = new ScriptedPriceSource(address(wbtc), BTC_USD);
        UniswapV3TwapSource twap = new UniswapV3TwapSource(address(wbtcWeth), address(wbtc), WINDOW, address(ethFeed));
        PriceRouter router_ = new PriceRouter(address(this));
        IPriceSource[] memory sources = new IPriceSource[](2);
        (sources[0], sources[1]) = (IPriceSource(address(btcFeed)), IPriceSource(address(twap)));
        router_.setSources(address(wbtc), sources, 2, 3e16);
        vm.assertEq(router_.getPrice(address(wbtc)), BTC_USD, "priced from the feed, confirmed by the TWAP");
        btcFeed.set(BTC_USD * 110 / 100, block.timestamp);
        (uint256 twapPrice,) = twap.latestPrice();
        vm.expectRevert(
            abi.encodeWithSelector(
                PriceRouter.SourcesDisagree.selector, address(wbtc), twapPrice, BTC_USD * 110 / 100, 3e16
            )
        );
        router_.getPrice(address(wbtc));
    }
}
