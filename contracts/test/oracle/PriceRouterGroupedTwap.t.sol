// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "../utils/Test.sol";
import {MockAggregator} from "../mocks/MockAggregator.sol";
import {MockPoolOracle} from "../mocks/MockPoolOracle.sol";
import {CalledThrough} from "./PriceRouterDirectTwap.t.sol";
import {ChainlinkAdapter} from "../../src/oracle/ChainlinkAdapter.sol";
import {PoolTwapAdapter} from "../../src/oracle/PoolTwapAdapter.sol";
import {PriceRouter} from "../../src/oracle/PriceRouter.sol";
import {IPriceSource} from "../../src/interfaces/IPriceSource.sol";
import {IPoolOracle} from "../../src/interfaces/IPoolOracle.sol";
import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";

/// @notice A pool oracle without a usable getTwaps: it burns all the gas it is given, as a contract whose fallback
///         hits INVALID would. A router that grouped its reads through it would run out of gas.
contract NoBatchPoolOracle is MockPoolOracle {
    function getTwaps(address[] calldata, uint32) external pure override returns (uint256[] memory) {
        assembly ("memory-safe") {
            invalid()
        }
    }
}

/// @notice getPrices reads the direct TWAP sources that share a (pool, window) with one `getTwaps` call (the group
///         table PriceRouter writes at setSources, PriceRouter._withGroups). Every verdict must equal reading them one
///         by one: getPrice (which never groups) and a router calling the adapters themselves, bit for bit, in price
///         and in revert data, whatever fails (a TWAP the pool cannot serve, a zero TWAP, a pushed TWAP, a stale asset
///         feed or quote, an observation time from the future), in any order and for lists that leave group members
///         out or repeat them.
contract PriceRouterGroupedTwapTest is Test {
    address internal constant TOKEN0 = address(0x7070);
    uint32 internal constant WINDOW = 30 minutes;
    uint256 internal constant NOW = 1_700_000_000;
    uint256 internal constant N = 5; // token 0 and four TWAP-priced assets

    MockPoolOracle internal pool;
    MockPoolOracle internal otherPool;
    MockAggregator internal quoteFeed;
    ChainlinkAdapter internal quoteSource;
    PriceRouter internal grouped; // TWAP adapters as sources: direct, grouped by (pool, window)
    PriceRouter internal called; // the same adapters behind CalledThrough: each one's latestPrice() runs
    address[N] internal assets;
    MockAggregator[N] internal feeds;

    function setUp() public {
        vm.warp(NOW);
        pool = new MockPoolOracle();
        otherPool = new MockPoolOracle();
        quoteFeed = new MockAggregator(8);
        quoteFeed.setAnswer(1e8);
        quoteSource = new ChainlinkAdapter(TOKEN0, quoteFeed, 1 hours, AggregatorV3Interface(address(0)), 0);
        grouped = new PriceRouter(address(this));
        called = new PriceRouter(address(this));
        assets = [TOKEN0, address(0xA1), address(0xA2), address(0xA3), address(0xA4)];
        // token 0: three feeds (the first is the TWAPs' quote), quorum 2
        IPriceSource[] memory s = new IPriceSource[](3);
        s[0] = quoteSource;
        for (uint256 k = 1; k < 3; ++k) {
            MockAggregator other = new MockAggregator(8);
            other.setAnswer(1e8);
            s[k] = new ChainlinkAdapter(TOKEN0, other, 1 hours, AggregatorV3Interface(address(0)), 0);
        }
        grouped.setSources(TOKEN0, s, 2, 0.05e18);
        called.setSources(TOKEN0, s, 2, 0.05e18);
    }

    /// @dev Asset i: its feed at `price` (x `off` / 100) and a TWAP of `twapPool` over `window`, quorum 2, bound 5%.
    function _configure(uint256 i, MockPoolOracle twapPool, uint32 window, uint256 price, uint256 off) internal {
        feeds[i] = new MockAggregator(8);
        feeds[i].setAnswer(int256(price * off / 100 / 1e10));
        PoolTwapAdapter twap = new PoolTwapAdapter(twapPool, TOKEN0, assets[i], window, quoteSource);
        IPriceSource[] memory s = new IPriceSource[](2);
        (s[0], s[1]) = (new ChainlinkAdapter(assets[i], feeds[i], 1 hours, AggregatorV3Interface(address(0)), 0), twap);
        grouped.setSources(assets[i], s, 2, 0.05e18);
        s[1] = new CalledThrough(twap);
        called.setSources(assets[i], s, 2, 0.05e18);
    }

    function _prices(PriceRouter r, address[] memory list) internal view returns (bool ok, bytes memory data) {
        return address(r).staticcall(abi.encodeCall(PriceRouter.getPrices, (list)));
    }

    /// @dev getPrices on the grouped router == getPrices through the adapters == getPrice one by one (first failure).
    function _assertSameVerdicts(address[] memory list) internal view {
        (bool okG, bytes memory g) = _prices(grouped, list);
        (bool okC, bytes memory c) = _prices(called, list);
        vm.assertEq(okG, okC, "grouped vs adapters: same success");
        vm.assertEq(g, c, "grouped vs adapters: same prices or same revert");
        bytes memory firstFailure;
        uint256[] memory expected = new uint256[](list.length);
        for (uint256 i; i < list.length; ++i) {
            (bool ok, bytes memory ret) = address(grouped).staticcall(abi.encodeCall(PriceRouter.getPrice, (list[i])));
            if (!ok) {
                firstFailure = ret;
                break;
            }
            expected[i] = abi.decode(ret, (uint256));
        }
        if (firstFailure.length != 0) {
            vm.assertFalse(okG, "getPrices fails when a getPrice fails");
            vm.assertEq(g, firstFailure, "with the first failure's error");
        } else {
            vm.assertTrue(okG, "getPrices succeeds when every getPrice does");
            vm.assertEq(g, abi.encode(expected), "getPrices[i] == getPrice(list[i])");
        }
    }

    function _word(uint256 seed, string memory tag) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode(seed, tag)));
    }

    function _word(uint256 seed, uint256 i, string memory tag) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode(seed, i, tag)));
    }

    /// @dev The differential fuzz. Assets 1..3 share (pool, WINDOW) (one group); asset 4 reads either the same group,
    ///      another window of that pool, or another pool. Each asset's TWAP is normal, unset (the pool reverts, so the
    ///      group's getTwaps fails and every member falls back to its own getTwap), zero, or pushed 20% (its sources
    ///      then disagree); its feed may be stale; the quote feed may be stale; the pool's observation time may be in
    ///      the future. The list is 1..6 assets drawn from all five, so group members are left out or repeated.
    function testFuzz_groupedMatchesOneByOne(uint256 seed) public {
        uint256 layout = _word(seed, "layout") % 3;
        for (uint256 i = 1; i < N; ++i) {
            uint256 price = 1e18 + _word(seed, i, "price") % 5000e18;
            MockPoolOracle p = i == 4 && layout == 2 ? otherPool : pool;
            uint32 window = i == 4 && layout == 1 ? 2 * WINDOW : WINDOW;
            _configure(i, p, window, price, 97 + i);
            uint256 twapCase = _word(seed, i, "case") % 6; // 0..2 normal, 3 unset, 4 zero, 5 pushed
            if (twapCase < 3) p.setTwap(assets[i], window, price);
            else if (twapCase == 4) p.setTwap(assets[i], window, 0);
            else if (twapCase == 5) p.setTwap(assets[i], window, price * 120 / 100);
            if (_word(seed, i, "stale") % 8 == 0) feeds[i].setUpdatedAt(NOW - 2 hours);
        }
        if (_word(seed, "quote") % 8 == 0) quoteFeed.setUpdatedAt(NOW - 2 hours);
        if (_word(seed, "future") % 8 == 0) pool.setLastObservationTime(uint32(NOW + 1));
        uint256 n = 1 + _word(seed, "n") % 6;
        address[] memory list = new address[](n);
        for (uint256 i; i < n; ++i) {
            list[i] = assets[_word(seed, i, "pick") % N];
        }
        _assertSameVerdicts(list);
    }

    /// @dev Three assets on one (pool, window): getPrices makes one getTwaps call for them and no getTwap call.
    function test_group_oneGetTwapsCall() public {
        for (uint256 i = 1; i < 4; ++i) {
            _configure(i, pool, WINDOW, (i + 1) * 1e18, 100);
            pool.setTwap(assets[i], WINDOW, (i + 1) * 1e18);
        }
        address[] memory list = new address[](4);
        for (uint256 i; i < 4; ++i) {
            list[i] = assets[i];
        }
        address[] memory members = new address[](3);
        (members[0], members[1], members[2]) = (assets[1], assets[2], assets[3]);
        vm.expectCall(address(pool), abi.encodeCall(IPoolOracle.getTwaps, (members, WINDOW)), 1);
        vm.expectCall(address(pool), abi.encodeWithSelector(IPoolOracle.getTwap.selector), 0);
        uint256[] memory prices = grouped.getPrices(list);
        vm.assertEq(prices[1], 2e18, "asset 1");
        vm.assertEq(prices[2], 3e18, "asset 2");
        vm.assertEq(prices[3], 4e18, "asset 3");
    }

    /// @dev One member's TWAP cannot be served (the pool reverts for it): the group call fails, each member falls back
    ///      to its own getTwap, and only that member's TWAP is counted out (its quorum of 2 is then not met).
    function test_group_failingMemberCountsOnlyItselfOut() public {
        for (uint256 i = 1; i < 4; ++i) {
            _configure(i, pool, WINDOW, (i + 1) * 1e18, 100);
            if (i != 2) pool.setTwap(assets[i], WINDOW, (i + 1) * 1e18);
        }
        address[] memory list = new address[](2);
        (list[0], list[1]) = (assets[1], assets[3]);
        uint256[] memory prices = grouped.getPrices(list);
        vm.assertEq(prices[0], 2e18, "asset 1 priced");
        vm.assertEq(prices[1], 4e18, "asset 3 priced");
        list = new address[](3);
        (list[0], list[1], list[2]) = (assets[1], assets[2], assets[3]);
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.QuorumNotMet.selector, assets[2], 1, 2));
        grouped.getPrices(list);
        _assertSameVerdicts(list);
    }

    /// @dev Attack through the grouped path: one member's TWAP pushed +20% beside its honest feed (bound 5%) is refused
    ///      with the same SourcesDisagree as read alone; the other members of its group are unaffected.
    function test_pushedTwap_refusedOnGroupedPath() public {
        for (uint256 i = 1; i < 4; ++i) {
            _configure(i, pool, WINDOW, 2_500e18, 100);
            pool.setTwap(assets[i], WINDOW, i == 2 ? 3_000e18 : 2_500e18);
        }
        address[] memory list = new address[](3);
        (list[0], list[1], list[2]) = (assets[1], assets[2], assets[3]);
        vm.expectRevert(
            abi.encodeWithSelector(PriceRouter.SourcesDisagree.selector, assets[2], 2_500e18, 3_000e18, 0.05e18)
        );
        grouped.getPrices(list);
        (list[0], list[1], list[2]) = (assets[3], assets[1], assets[3]);
        uint256[] memory prices = grouped.getPrices(list);
        vm.assertEq(prices[0], 2_500e18, "an honest member is still priced");
        list[1] = assets[2];
        _assertSameVerdicts(list);
    }

    /// @dev A pool whose getTwaps does not answer (here: burns all gas) is never grouped (setSources probes it), so
    ///      getPrices reads it one by one and pays nothing for a call that cannot succeed.
    function test_poolWithoutGetTwaps_isNotGrouped() public {
        NoBatchPoolOracle noBatch = new NoBatchPoolOracle();
        for (uint256 i = 1; i < 4; ++i) {
            _configure(i, noBatch, WINDOW, (i + 1) * 1e18, 100);
            noBatch.setTwap(assets[i], WINDOW, (i + 1) * 1e18);
        }
        address[] memory list = new address[](3);
        (list[0], list[1], list[2]) = (assets[1], assets[2], assets[3]);
        vm.expectCall(address(noBatch), abi.encodeWithSelector(IPoolOracle.getTwaps.selector), 0);
        uint256[] memory prices = grouped.getPrices{gas: 2_000_000}(list);
        vm.assertEq(prices[2], 4e18, "read one by one");
    }

    /// @dev The table is rebuilt at every write: after a member is removed, re-pointed to another pool, or added back,
    ///      the verdicts still equal the one-by-one reads; asset 0 (the table's header) is never a configured asset.
    function test_table_followsEveryWrite() public {
        for (uint256 i = 1; i < N; ++i) {
            _configure(i, pool, WINDOW, (i + 1) * 1e18, 100);
            pool.setTwap(assets[i], WINDOW, (i + 1) * 1e18);
            otherPool.setTwap(assets[i], WINDOW, (i + 1) * 1e18 * 101 / 100);
        }
        address[] memory list = new address[](N);
        for (uint256 i; i < N; ++i) {
            list[i] = assets[i];
        }
        _assertSameVerdicts(list);
        grouped.removeAsset(assets[2]);
        called.removeAsset(assets[2]);
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.UnknownAsset.selector, assets[2]));
        grouped.getPrices(list);
        list[2] = assets[4];
        _assertSameVerdicts(list);
        _configure(3, otherPool, WINDOW, 4e18, 100); // asset 3 leaves the group for another pool
        _assertSameVerdicts(list);
        _configure(2, pool, WINDOW, 3e18, 100); // back, now after asset 4 in the configuration
        list[2] = assets[2];
        _assertSameVerdicts(list);
        vm.assertFalse(grouped.isSupported(address(0)), "asset 0 is not configured");
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.UnknownAsset.selector, address(0)));
        grouped.getPrice(address(0));
        (IPriceSource[] memory s, uint8 q,) = grouped.getConfig(address(0));
        vm.assertEq(s.length, 0, "no sources for asset 0");
        vm.assertEq(q, 0, "no quorum for asset 0");
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.UnknownAsset.selector, address(0)));
        grouped.removeAsset(address(0));
        // the maxDeviation read back is the one set (the entry's size shares its header word)
        uint256 d;
        (, q, d) = grouped.getConfig(assets[1]);
        vm.assertEq(q, 2, "quorum");
        vm.assertEq(d, 0.05e18, "maxDeviation");
    }
}
