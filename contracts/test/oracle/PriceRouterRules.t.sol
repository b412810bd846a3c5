// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "../utils/Test.sol";
import {MockAggregator} from "../mocks/MockAggregator.sol";
import {MockPoolOracle} from "../mocks/MockPoolOracle.sol";
import {ScriptedPriceSource} from "./ScriptedPriceSource.sol";
import {ChainlinkAdapter} from "../../src/oracle/ChainlinkAdapter.sol";
import {PoolTwapAdapter} from "../../src/oracle/PoolTwapAdapter.sol";
import {PriceRouter} from "../../src/oracle/PriceRouter.sol";
import {IPriceSource} from "../../src/interfaces/IPriceSource.sol";
import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";

/// @notice The configurations that defeat the median, each shown as the attack it allowed and refused now: a pushed
///         TWAP alone under quorum 1, one feed counted twice, and the midpoint of two moved by half a push.
contract PriceRouterRulesTest is Test {
    address internal constant USDC = address(0x05DC);
    address internal constant WETH = address(0xE7E7);
    uint32 internal constant WINDOW = 30 minutes;
    uint256 internal constant NOW = 1_700_000_000;
    uint256 internal constant BOUND = 0.05e18;

    PriceRouter internal router;
    MockPoolOracle internal pool;
    MockAggregator internal usdcFeed;
    MockAggregator internal ethFeed;
    ChainlinkAdapter internal usdcSource;
    ChainlinkAdapter internal ethSource;
    PoolTwapAdapter internal ethTwap;

    function setUp() public {
        vm.warp(NOW);
        router = new PriceRouter(address(this));
        pool = new MockPoolOracle();
        usdcFeed = new MockAggregator(8);
        usdcFeed.setAnswer(1e8);
        ethFeed = new MockAggregator(8);
        ethFeed.setAnswer(3000e8);
        usdcSource = _feed(USDC, usdcFeed);
        ethSource = _feed(WETH, ethFeed);
        pool.setTwap(WETH, WINDOW, 3000e18);
        ethTwap = new PoolTwapAdapter(pool, USDC, WETH, WINDOW, usdcSource);
    }

    function _feed(address asset, MockAggregator agg) internal returns (ChainlinkAdapter) {
        return new ChainlinkAdapter(asset, agg, 1 hours + 10 minutes, AggregatorV3Interface(address(0)), 0);
    }

    function _two(IPriceSource a, IPriceSource b) internal pure returns (IPriceSource[] memory s) {
        s = new IPriceSource[](2);
        (s[0], s[1]) = (a, b);
    }

    // ---- a TWAP never prices alone ----

    /// @dev The review's case: quorum 1 over {feed, TWAP}; the feed goes 1 s stale and a +40% pushed TWAP alone
    ///      priced WETH. That configuration is refused now; with the quorum of 2 it needs, the same moment is refused.
    function test_quorumOneWithTwap_refusedAtConfiguration() public {
        IPriceSource[] memory s = _two(ethSource, ethTwap);
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.QuorumTooLowForTwap.selector, WETH, 1, 2));
        router.setSources(WETH, s, 1, BOUND);
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.QuorumTooLowForTwap.selector, WETH, 1, 2));
        router.validateSources(WETH, s, 1, BOUND);

        router.setSources(WETH, s, 2, BOUND);
        vm.warp(NOW + 1 hours + 10 minutes + 1); // the feed is 1 s past its heartbeat
        usdcFeed.setAnswer(1e8);
        pool.setTwap(WETH, WINDOW, 4200e18); // +40%
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.QuorumNotMet.selector, WETH, 1, 2));
        router.getPrice(WETH);
    }

    function test_quorumOne_stillAllowedForFeedsOnly() public {
        MockAggregator second = new MockAggregator(8);
        second.setAnswer(3001e8);
        router.setSources(WETH, _two(ethSource, _feed(WETH, second)), 1, BOUND);
        vm.assertEq(router.getPrice(WETH), 3000e18, "primary feed");
    }

    // ---- one feed counted twice ----

    /// @dev The example's USDC "TWAP": token 0 priced by the USDC/USD adapter, beside that same adapter's feed.
    function test_tokenZeroTwapOverItsOwnFeed_refused() public {
        PoolTwapAdapter usdcTwap = new PoolTwapAdapter(pool, USDC, USDC, WINDOW, usdcSource);
        vm.assertEq(usdcTwap.underlying(), address(usdcFeed), "token 0's TWAP is its quote feed");
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.DuplicateUnderlying.selector, USDC, address(usdcFeed)));
        router.setSources(USDC, _two(usdcSource, usdcTwap), 2, BOUND);
    }

    function test_twoAdaptersOverOneFeed_refused() public {
        ChainlinkAdapter again = new ChainlinkAdapter(WETH, ethFeed, 2 hours, AggregatorV3Interface(address(0)), 0);
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.DuplicateUnderlying.selector, WETH, address(ethFeed)));
        router.setSources(WETH, _two(ethSource, again), 2, BOUND);
        // the attack it stops: with one feed "twice", quorum 2 is met by one opinion; a single bad answer prices
        // the asset with no second opinion at all
    }

    function test_twoTwapsOnOnePool_refused() public {
        PoolTwapAdapter longer = new PoolTwapAdapter(pool, USDC, WETH, 2 * WINDOW, usdcSource);
        IPriceSource[] memory s = new IPriceSource[](3);
        (s[0], s[1], s[2]) = (ethSource, ethTwap, longer);
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.DuplicateUnderlying.selector, WETH, address(pool)));
        router.setSources(WETH, s, 2, BOUND);
    }

    // ---- two sources: both must agree, the feed prices ----

    /// @dev Before: a TWAP pushed +4% inside a 5% bound moved the midpoint +2%. Now the feed's price stands.
    function test_twoSources_pushInsideBound_movesNothing() public {
        router.setSources(WETH, _two(ethTwap, ethSource), 2, BOUND); // TWAP listed first: the feed still prices
        pool.setTwap(WETH, WINDOW, 3120e18);
        vm.assertEq(router.getPrice(WETH), 3000e18, "feed price, not the 3060 midpoint");
    }

    /// @dev A push beyond the bound reverts instead of moving the price by half of it.
    function test_twoSources_pushBeyondBound_reverts() public {
        router.setSources(WETH, _two(ethSource, ethTwap), 2, BOUND);
        pool.setTwap(WETH, WINDOW, 3200e18); // +6.7%
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.SourcesDisagree.selector, WETH, 3000e18, 3200e18, BOUND));
        router.getPrice(WETH);
    }

    /// @dev Three sources, one down: the two left follow the two-source rule (feed prices), not the midpoint.
    function test_threeSourcesOneDown_primaryOfTheTwo() public {
        ScriptedPriceSource extra = new ScriptedPriceSource(WETH, 3100e18);
        IPriceSource[] memory s = new IPriceSource[](3);
        (s[0], s[1], s[2]) = (IPriceSource(address(extra)), ethTwap, ethSource);
        extra.setIdentity(IPriceSource.Kind.TWAP, address(0xBEEF));
        router.setSources(WETH, s, 2, BOUND);
        vm.assertEq(router.getPrice(WETH), 3000e18, "median of three");
        pool.setTwap(WETH, WINDOW, 3100e18);
        vm.assertEq(router.getPrice(WETH), 3100e18, "median of three moves only with two pushed");
        extra.setMode(ScriptedPriceSource.Mode.RevertCustom);
        vm.assertEq(router.getPrice(WETH), 3000e18, "two left: the feed's price");
    }

    function test_kindsAndUnderlyings() public view {
        vm.assertEq(uint256(ethSource.kind()), uint256(IPriceSource.Kind.FEED), "feed kind");
        vm.assertEq(ethSource.underlying(), address(ethFeed), "feed underlying");
        vm.assertEq(uint256(ethTwap.kind()), uint256(IPriceSource.Kind.TWAP), "twap kind");
        vm.assertEq(ethTwap.underlying(), address(pool), "twap underlying");
    }
}
