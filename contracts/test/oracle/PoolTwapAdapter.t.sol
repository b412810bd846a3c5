// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "../utils/Test.sol";
import {MockAggregator} from "../mocks/MockAggregator.sol";
import {MockPoolOracle} from "../mocks/MockPoolOracle.sol";
import {ScriptedPriceSource} from "./ScriptedPriceSource.sol";
import {ChainlinkAdapter} from "../../src/oracle/ChainlinkAdapter.sol";
import {PoolTwapAdapter} from "../../src/oracle/PoolTwapAdapter.sol";
import {IPoolOracle} from "../../src/interfaces/IPoolOracle.sol";
import {IPriceSource} from "../../src/interfaces/IPriceSource.sol";
import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";

contract PoolTwapAdapterTest is Test {
    address internal constant TOKEN0 = address(0x7070);
    address internal constant WETH = address(0xE7E7);
    uint32 internal constant WINDOW = 30 minutes;
    uint256 internal constant NOW = 1_700_000_000;

    MockPoolOracle internal pool;
    MockAggregator internal token0Feed;
    ChainlinkAdapter internal token0Source;
    PoolTwapAdapter internal direct; // token 0 is the numeraire
    PoolTwapAdapter internal quoted; // token 0 priced by a Chainlink feed

    function setUp() public {
        vm.warp(NOW);
        pool = new MockPoolOracle();
        pool.setTwap(WETH, WINDOW, 2_500.5e18);
        token0Feed = new MockAggregator(8);
        token0Feed.setAnswer(0.998e8);
        token0Source = new ChainlinkAdapter(TOKEN0, token0Feed, 1 days, AggregatorV3Interface(address(0)), 0);
        direct = new PoolTwapAdapter(pool, TOKEN0, WETH, WINDOW, IPriceSource(address(0)));
        quoted = new PoolTwapAdapter(pool, TOKEN0, WETH, WINDOW, token0Source);
    }

    // ---- deployment ----

    function test_constructor_storesSettings() public view {
        vm.assertEq(address(quoted.pool()), address(pool), "pool");
        vm.assertEq(quoted.token0(), TOKEN0, "token0");
        vm.assertEq(quoted.asset(), WETH, "asset");
        vm.assertEq(uint256(quoted.window()), WINDOW, "window");
        vm.assertEq(address(quoted.quoteSource()), address(token0Source), "quote");
    }

    function test_constructor_rejectsZeroPool() public {
        vm.expectRevert(abi.encodeWithSelector(PoolTwapAdapter.ZeroPool.selector));
        new PoolTwapAdapter(IPoolOracle(address(0)), TOKEN0, WETH, WINDOW, IPriceSource(address(0)));
    }

    function test_constructor_rejectsZeroToken0() public {
        vm.expectRevert(abi.encodeWithSelector(PoolTwapAdapter.ZeroToken0.selector));
        new PoolTwapAdapter(pool, address(0), WETH, WINDOW, IPriceSource(address(0)));
    }

    function test_constructor_rejectsZeroAsset() public {
        vm.expectRevert(abi.encodeWithSelector(PoolTwapAdapter.ZeroAsset.selector));
        new PoolTwapAdapter(pool, TOKEN0, address(0), WINDOW, IPriceSource(address(0)));
    }

    function test_constructor_rejectsShortWindow() public {
        vm.expectRevert(
            abi.encodeWithSelector(PoolTwapAdapter.InvalidWindow.selector, uint32(299), uint32(300), uint32(7 days))
        );
        new PoolTwapAdapter(pool, TOKEN0, WETH, 299, IPriceSource(address(0)));
    }

    function test_constructor_rejectsLongWindow() public {
        uint32 w = 7 days + 1;
        vm.expectRevert(abi.encodeWithSelector(PoolTwapAdapter.InvalidWindow.selector, w, uint32(300), uint32(7 days)));
        new PoolTwapAdapter(pool, TOKEN0, WETH, w, IPriceSource(address(0)));
    }

    function test_constructor_rejectsQuoteSourceForAnotherAsset() public {
        ScriptedPriceSource wrong = new ScriptedPriceSource(WETH, 1e18);
        vm.expectRevert(
            abi.encodeWithSelector(PoolTwapAdapter.QuoteSourceWrongAsset.selector, address(wrong), TOKEN0, WETH)
        );
        new PoolTwapAdapter(pool, TOKEN0, WETH, WINDOW, wrong);
    }

    // ---- prices ----

    function test_latestPrice_directIsTheTwapAtThePoolsLastObservation() public {
        pool.setLastObservationTime(uint32(NOW + 20));
        vm.warp(NOW + 77);
        (uint256 price, uint256 updatedAt) = direct.latestPrice();
        vm.assertEq(price, 2_500.5e18, "price = twap");
        vm.assertEq(updatedAt, NOW + 20, "updatedAt = the pool's newest observation, not now");
    }

    function test_latestPrice_quotedTakesThePoolsTimeWhenOlderThanTheQuote() public {
        pool.setLastObservationTime(uint32(NOW - 3_000));
        vm.warp(NOW + 600);
        (, uint256 updatedAt) = quoted.latestPrice();
        vm.assertEq(updatedAt, NOW - 3_000, "the pool's older observation");
    }

    function test_latestPrice_quotedMultipliesAndTakesOlderTimestamp() public {
        vm.warp(NOW + 600);
        (uint256 price, uint256 updatedAt) = quoted.latestPrice();
        vm.assertEq(price, 2_495.499e18, "2500.5 * 0.998");
        vm.assertEq(updatedAt, NOW, "quote's older updatedAt");
    }

    function test_latestPrice_quotedRoundsDown() public {
        pool.setTwap(WETH, WINDOW, 3); // 3 wei
        token0Feed.setAnswer(0.5e8); // * 0.5 = 1.5 wei
        (uint256 price,) = quoted.latestPrice();
        vm.assertEq(price, 1, "1.5 wei rounds down to 1");
    }

    function test_latestPrice_token0IsOneWithoutCallingPool() public {
        PoolTwapAdapter self = new PoolTwapAdapter(pool, TOKEN0, TOKEN0, WINDOW, IPriceSource(address(0)));
        (uint256 price, uint256 updatedAt) = self.latestPrice(); // the mock has no TWAP for TOKEN0: would revert
        vm.assertEq(price, 1e18, "token0 in itself");
        vm.assertEq(updatedAt, NOW, "now");
    }

    function test_latestPrice_token0WithQuoteIsTheQuote() public {
        PoolTwapAdapter self = new PoolTwapAdapter(pool, TOKEN0, TOKEN0, WINDOW, token0Source);
        (uint256 price,) = self.latestPrice();
        vm.assertEq(price, 0.998e18, "token0 in numeraire");
    }

    function test_revert_poolErrorPropagates() public {
        pool.clearTwap(WETH, WINDOW);
        pool.setOldestObservationAge(600);
        vm.expectRevert(abi.encodeWithSelector(MockPoolOracle.MockTwapUnavailable.selector, WETH, WINDOW, uint32(600)));
        direct.latestPrice();
    }

    function test_revert_zeroTwap() public {
        pool.setTwap(WETH, WINDOW, 0);
        vm.expectRevert(abi.encodeWithSelector(PoolTwapAdapter.ZeroTwap.selector, address(pool), WETH, WINDOW));
        direct.latestPrice();
    }

    function test_revert_quoteSourceErrorPropagates() public {
        vm.warp(NOW + 1 days + 1);
        vm.expectRevert(abi.encodeWithSelector(ChainlinkAdapter.StalePrice.selector, address(token0Feed), NOW, 1 days));
        quoted.latestPrice();
    }

    function test_revert_productRoundsToZero() public {
        pool.setTwap(WETH, WINDOW, 1);
        token0Feed.setAnswer(0.5e8);
        vm.expectRevert(abi.encodeWithSelector(PoolTwapAdapter.PriceRoundsToZero.selector, address(pool), 1, 0.5e18));
        quoted.latestPrice();
    }

    // ---- fuzz ----

    /// @dev price = floor(twap * quote / 1e18): price * 1e18 <= twap * quote < (price + 1) * 1e18.
    function testFuzz_quotedPriceIsFlooredProduct(uint256 twap, uint256 quote) public {
        twap = bound(twap, 1, type(uint128).max);
        quote = bound(quote, 1e18 / twap + 1, type(uint112).max); // product >= 1e18, so price >= 1
        ScriptedPriceSource q = new ScriptedPriceSource(TOKEN0, quote);
        PoolTwapAdapter a = new PoolTwapAdapter(pool, TOKEN0, WETH, WINDOW, q);
        pool.setTwap(WETH, WINDOW, twap);
        (uint256 price,) = a.latestPrice();
        vm.assertLe(price * 1e18, twap * quote, "not rounded up");
        vm.assertGt((price + 1) * 1e18, twap * quote, "floor");
    }
}
