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
import {IPoolOracle} from "../../src/interfaces/IPoolOracle.sol";
import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";

/// @notice A source that forwards to another without declaring itself direct: the router then calls it, i.e. runs the
///         wrapped adapter's own latestPrice(), the reference the router's direct read is compared against.
contract CalledThrough is IPriceSource {
    IPriceSource internal immutable _inner;

    constructor(IPriceSource inner) {
        _inner = inner;
    }

    function asset() external view returns (address) {
        return _inner.asset();
    }

    function latestPrice() external view returns (uint256, uint256) {
        return _inner.latestPrice();
    }

    function kind() external view returns (Kind) {
        return _inner.kind();
    }

    function underlying() external view returns (address) {
        return _inner.underlying();
    }
}

/// @notice The router reads a PoolTwapAdapter's pool (and its quote) itself (direct TWAP, see
///         PriceRouter._configData), and getPrices shares reads between assets. Both must give exactly the verdicts
///         of calling the adapter: a pool with no history, a zero TWAP, an observation time from the future, a stale
///         or broken quote, a product that rounds to zero or overflows each count the source out, as before.
contract PriceRouterDirectTwapTest is Test {
    address internal constant TOKEN0 = address(0x7070);
    address internal constant WETH = address(0xE7E7);
    uint32 internal constant WINDOW = 30 minutes;
    uint256 internal constant NOW = 1_700_000_000;

    MockPoolOracle internal pool;
    MockAggregator internal quoteFeed;
    ChainlinkAdapter internal quoteFeedSource; // a direct feed: recorded as the quote's feed word
    ScriptedPriceSource internal quoteScripted; // not direct: called
    PriceRouter internal direct; // the TWAP adapter as a source: read directly
    PriceRouter internal called; // the same adapter behind CalledThrough: its own latestPrice() runs

    function setUp() public {
        vm.warp(NOW);
        pool = new MockPoolOracle();
        quoteFeed = new MockAggregator(8);
        quoteFeed.setAnswer(1e8);
        quoteFeedSource = new ChainlinkAdapter(TOKEN0, quoteFeed, 1 hours, AggregatorV3Interface(address(0)), 0);
        quoteScripted = new ScriptedPriceSource(TOKEN0, 1e18);
        direct = new PriceRouter(address(this));
        called = new PriceRouter(address(this));
    }

    /// @dev Sources [TWAP adapter, a feed at 1 wei], quorum 2, bound 50%: an unhealthy TWAP reverts QuorumNotMet, a
    ///      healthy one at price p > 1 reverts SourcesDisagree(asset, 1, p, ...): the verdict names p exactly.
    function _configure(PoolTwapAdapter a, address asset) internal {
        ScriptedPriceSource probe = new ScriptedPriceSource(asset, 1);
        IPriceSource[] memory s = new IPriceSource[](2);
        (s[0], s[1]) = (a, probe);
        direct.setSources(asset, s, 2, 0.5e18);
        s[0] = new CalledThrough(a);
        called.setSources(asset, s, 2, 0.5e18);
    }

    function _verdict(PriceRouter r, address asset) internal view returns (bool ok, bytes memory data) {
        return address(r).staticcall(abi.encodeCall(PriceRouter.getPrice, (asset)));
    }

    function _assertSameVerdict(address asset) internal view {
        (bool okA, bytes memory a) = _verdict(direct, asset);
        (bool okB, bytes memory b) = _verdict(called, asset);
        vm.assertEq(okA, okB, "same success");
        vm.assertEq(a, b, "same price or same revert");
        // getPrices over the same asset (twice: the second reads through the memo) agrees as well
        address[] memory list = new address[](2);
        (list[0], list[1]) = (asset, asset);
        (bool okC, bytes memory c) = address(direct).staticcall(abi.encodeCall(PriceRouter.getPrices, (list)));
        vm.assertEq(okC, okA, "getPrices: same success");
        if (okA) {
            uint256[] memory prices = abi.decode(c, (uint256[]));
            vm.assertEq(prices[0], abi.decode(a, (uint256)), "getPrices[0]");
            vm.assertEq(prices[1], prices[0], "getPrices[1]");
        } else {
            vm.assertEq(c, a, "getPrices: same revert");
        }
    }

    function test_directTwap_recordsPoolAndSkipsTheAdapter() public {
        pool.setTwap(WETH, WINDOW, 2_500e18);
        PoolTwapAdapter a = new PoolTwapAdapter(pool, TOKEN0, WETH, WINDOW, quoteFeedSource);
        _configure(a, WETH);
        // the adapter itself is never called on the direct path: with its code replaced by INVALID it would count out
        vm.etch(address(a), hex"fe");
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.SourcesDisagree.selector, WETH, 1, 2_500e18, 0.5e18));
        direct.getPrice(WETH);
    }

    function testFuzz_directTwapMatchesAdapter(
        uint256 twap,
        uint8 twapCase,
        uint32 observedAgo,
        bool future,
        uint8 quoteMode,
        int256 quoteAnswer,
        uint32 quoteAge,
        uint8 scriptedMode,
        bool isToken0
    ) public {
        // a TWAP that is unset (the pool reverts), zero, small, ordinary or huge (the product may overflow)
        twapCase %= 5;
        if (twapCase == 1) twap = 0;
        else if (twapCase == 2) twap = bound(twap, 1, 1e6);
        else if (twapCase == 3) twap = bound(twap, 1e12, 1e30);
        address asset = isToken0 ? TOKEN0 : WETH;
        if (twapCase != 0) pool.setTwap(WETH, WINDOW, twap);
        pool.setLastObservationTime(future ? uint32(NOW + 1 + observedAgo % 1000) : uint32(NOW - observedAgo % NOW));

        IPriceSource quote;
        quoteMode %= 3;
        if (quoteMode == 1) {
            quote = quoteFeedSource;
            quoteAnswer = quoteAnswer % 2 == 0 ? int256(bound(uint256(quoteAnswer), 0, 3e8)) : quoteAnswer;
            quoteFeed.setRoundData(2, quoteAnswer, NOW, NOW - quoteAge % 2 hours, 2);
        } else if (quoteMode == 2) {
            quote = quoteScripted;
            uint256 qp = uint256(quoteAnswer);
            if (scriptedMode % 4 == 0) qp = bound(qp, 0, 1e18);
            // a quote time from the future counts for the product only through the minimum (the adapter's rule)
            quoteScripted.set(qp, NOW + 10 - quoteAge % 20);
            quoteScripted.setMode(ScriptedPriceSource.Mode(scriptedMode % 6));
        }
        PoolTwapAdapter a = new PoolTwapAdapter(pool, TOKEN0, asset, WINDOW, quote);
        _configure(a, asset);
        _assertSameVerdict(asset);
    }

    /// @dev getPrices(list)[i] == getPrice(list[i]) over a router whose assets share a pool and a quote feed (the
    ///      bench's layout); a failing asset makes getPrices revert with that asset's error, as the first getPrice
    ///      failure in list order would.
    function testFuzz_getPricesMatchesGetPrice(uint256 seed, uint8 failing, uint8 order) public {
        address[4] memory assets = [TOKEN0, WETH, address(0xB7C), address(0x11A)];
        // token 0: three feeds, quorum 2, so it survives its first feed (the TWAPs' quote) going stale while the
        // TWAPs over that quote do not: a shared read must carry its failure, not only its price
        IPriceSource[] memory s = new IPriceSource[](3);
        s[0] = quoteFeedSource;
        for (uint256 k = 1; k < 3; ++k) {
            MockAggregator other = new MockAggregator(8);
            other.setAnswer(1e8);
            s[k] = new ChainlinkAdapter(TOKEN0, other, 1 hours, AggregatorV3Interface(address(0)), 0);
        }
        direct.setSources(TOKEN0, s, 2, 0.05e18);
        s = new IPriceSource[](2);
        MockAggregator[4] memory feeds;
        for (uint256 i = 1; i < 4; ++i) {
            uint256 price = 1e18 + (uint256(keccak256(abi.encode(seed, i))) % 5000e18);
            pool.setTwap(assets[i], WINDOW, price);
            feeds[i] = new MockAggregator(8);
            // within 3% of the TWAP, or (one in three) 10% off: then that asset's sources disagree
            uint256 off = uint256(keccak256(abi.encode(seed, i, "off"))) % 3 == 0 ? 110 : 97 + i;
            feeds[i].setAnswer(int256(price * off / 100 / 1e10));
            (s[0], s[1]) =
            (
                new ChainlinkAdapter(assets[i], feeds[i], 1 hours, AggregatorV3Interface(address(0)), 0),
                new PoolTwapAdapter(pool, TOKEN0, assets[i], WINDOW, quoteFeedSource)
            );
            direct.setSources(assets[i], s, 2, 0.05e18);
        }
        failing %= 6; // 1..3: that asset's feed goes stale; 0 and 4: the quote feed (token 0's first); 5: none
        if (failing < 4 && failing > 0) feeds[failing].setUpdatedAt(NOW - 2 hours);
        if (failing == 0 || failing == 4) quoteFeed.setUpdatedAt(NOW - 2 hours);
        address[] memory list = new address[](4);
        for (uint256 i; i < 4; ++i) {
            list[i] = assets[(i + order) % 4];
        }
        bytes memory firstFailure;
        uint256[] memory expected = new uint256[](4);
        for (uint256 i; i < 4; ++i) {
            (bool ok, bytes memory ret) = _verdict(direct, list[i]);
            if (!ok) {
                firstFailure = ret;
                break;
            }
            expected[i] = abi.decode(ret, (uint256));
        }
        (bool okAll, bytes memory all) = address(direct).staticcall(abi.encodeCall(PriceRouter.getPrices, (list)));
        if (firstFailure.length != 0) {
            vm.assertFalse(okAll, "getPrices fails when a getPrice fails");
            vm.assertEq(all, firstFailure, "with the first failure's error");
        } else {
            vm.assertTrue(okAll, "getPrices succeeds when every getPrice does");
            uint256[] memory prices = abi.decode(all, (uint256[]));
            for (uint256 i; i < 4; ++i) {
                vm.assertEq(prices[i], expected[i], "getPrices[i] == getPrice(list[i])");
            }
        }
    }

    /// @dev getPrices reads every feed once: the quote feed (token 0's first source and the quote of two TWAPs, marked
    ///      shared at configuration) through the memo, the feeds read by one source each directly, and the pool's
    ///      newest observation time once for both TWAPs.
    function test_getPrices_readsEachFeedOnce() public {
        MockAggregator own = new MockAggregator(8);
        own.setAnswer(1e8);
        IPriceSource[] memory s = new IPriceSource[](2);
        (s[0], s[1]) =
        (quoteFeedSource, new ChainlinkAdapter(TOKEN0, own, 1 hours, AggregatorV3Interface(address(0)), 0));
        direct.setSources(TOKEN0, s, 2, 0.05e18);
        address[] memory list = new address[](3);
        (list[0], list[1], list[2]) = (TOKEN0, WETH, address(0xB7C));
        MockAggregator[3] memory feeds;
        for (uint256 i = 1; i < 3; ++i) {
            pool.setTwap(list[i], WINDOW, 2_000e18);
            feeds[i] = new MockAggregator(8);
            feeds[i].setAnswer(2_000e8);
            (s[0], s[1]) =
            (
                new ChainlinkAdapter(list[i], feeds[i], 1 hours, AggregatorV3Interface(address(0)), 0),
                new PoolTwapAdapter(pool, TOKEN0, list[i], WINDOW, quoteFeedSource)
            );
            direct.setSources(list[i], s, 2, 0.05e18);
        }
        bytes memory read = abi.encodeCall(AggregatorV3Interface.latestRoundData, ());
        vm.expectCall(address(quoteFeed), read, 1);
        vm.expectCall(address(own), read, 1);
        vm.expectCall(address(feeds[1]), read, 1);
        vm.expectCall(address(feeds[2]), read, 1);
        vm.expectCall(address(pool), abi.encodeCall(IPoolOracle.lastObservationTime, ()), 1);
        uint256[] memory prices = direct.getPrices(list);
        (uint256 a, uint256 b, uint256 c) = (prices[0], prices[1], prices[2]);
        vm.assertEq(a, 1e18, "token 0: the primary of its two feeds");
        vm.assertEq(b, 2_000e18, "WETH: its feed, agreeing with the TWAP");
        vm.assertEq(c, 2_000e18, "third asset likewise");
    }

    /// @dev getPrices == getPrice asset by asset (getPrice keeps no memo) when many feed words repeat across assets, as
    ///      sources and as TWAP quotes, some stale: more shared reads than the memo keeps (MEMO_ENTRIES) and keys that
    ///      collide in its table, so a shared read carries its failure and a read beyond the memo is made again, each
    ///      with getPrice's verdict.
    function testFuzz_getPricesMatchesGetPrice_manySharedFeeds(uint256 seed) public {
        uint256 k = 14; // feeds
        MockAggregator[] memory feeds = new MockAggregator[](k);
        for (uint256 f; f < k; ++f) {
            feeds[f] = new MockAggregator(8);
            feeds[f].setAnswer(int256(1e8 + _pick(seed, f, "answer", 5e5))); // within 0.5%: most verdicts served
            if (_pick(seed, f, "stale", 5) == 0) feeds[f].setUpdatedAt(NOW - 2 hours);
        }
        uint256 n = 11; // assets
        address[] memory list = new address[](n);
        for (uint256 i; i < n; ++i) {
            list[i] = address(uint160(0xA55E7000 + i));
            pool.setTwap(list[i], WINDOW, 1e18);
            uint256 f0 = _pick(seed, i, "f0", k);
            uint256 f1 = (f0 + 1 + _pick(seed, i, "f1", k - 1)) % k; // another feed: no duplicate underlying
            IPriceSource quote = new ChainlinkAdapter(
                TOKEN0, feeds[_pick(seed, i, "quote", k)], 1 hours, AggregatorV3Interface(address(0)), 0
            );
            IPriceSource[] memory s = new IPriceSource[](3);
            (s[0], s[1], s[2]) =
            (
                new ChainlinkAdapter(list[i], feeds[f0], 1 hours, AggregatorV3Interface(address(0)), 0),
                new ChainlinkAdapter(list[i], feeds[f1], 1 hours, AggregatorV3Interface(address(0)), 0),
                new PoolTwapAdapter(pool, TOKEN0, list[i], WINDOW, quote)
            );
            direct.setSources(list[i], s, 2, 0.05e18);
        }
        uint256 rotate = _pick(seed, 0, "rotate", n);
        address[] memory served = new address[](n);
        uint256[] memory expected = new uint256[](n);
        uint256 count;
        bytes memory firstFailure;
        address[] memory rotated = new address[](n);
        for (uint256 i; i < n; ++i) {
            rotated[i] = list[(i + rotate) % n];
            (bool ok, bytes memory ret) = _verdict(direct, rotated[i]);
            if (ok) (served[count], expected[count++]) = (rotated[i], abi.decode(ret, (uint256)));
            else if (firstFailure.length == 0) firstFailure = ret;
        }
        (bool okAll, bytes memory all) = address(direct).staticcall(abi.encodeCall(PriceRouter.getPrices, (rotated)));
        vm.assertEq(okAll, firstFailure.length == 0, "getPrices fails exactly when a getPrice fails");
        if (!okAll) vm.assertEq(all, firstFailure, "with the first failure's error");
        assembly ("memory-safe") {
            mstore(served, count)
        }
        uint256[] memory prices = direct.getPrices(served); // the served assets alone: every price through the memo
        for (uint256 i; i < count; ++i) {
            vm.assertEq(prices[i], expected[i], "getPrices[i] == getPrice(list[i])");
        }
    }

    function _pick(uint256 seed, uint256 i, string memory what, uint256 range) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode(seed, i, what))) % range;
    }

    /// @dev Attack: a pool TWAP pushed 20% (inside no bound of 5%) beside an honest feed is refused on the direct
    ///      path exactly as through the adapter: both-must-agree still holds when the router reads the pool itself.
    function test_pushedTwap_refusedOnDirectPath() public {
        MockAggregator feed = new MockAggregator(8);
        feed.setAnswer(2_500e8);
        pool.setTwap(WETH, WINDOW, 3_000e18); // pushed +20%
        IPriceSource[] memory s = new IPriceSource[](2);
        (s[0], s[1]) =
        (
            new ChainlinkAdapter(WETH, feed, 1 hours, AggregatorV3Interface(address(0)), 0),
            new PoolTwapAdapter(pool, TOKEN0, WETH, WINDOW, quoteFeedSource)
        );
        direct.setSources(WETH, s, 2, 0.05e18);
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.SourcesDisagree.selector, WETH, 2_500e18, 3_000e18, 0.05e18));
        direct.getPrice(WETH);
        address[] memory list = new address[](1);
        list[0] = WETH;
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.SourcesDisagree.selector, WETH, 2_500e18, 3_000e18, 0.05e18));
        direct.getPrices(list);
    }

    /// @dev Attack: a pool nobody has traded for a day keeps an old observation time; with a stale quote feed the
    ///      TWAP source is counted out on the direct path (quorum 2 not met), not priced from the old pool alone.
    function test_staleQuote_countsTwapOutOnDirectPath() public {
        MockAggregator feed = new MockAggregator(8);
        feed.setAnswer(2_500e8);
        pool.setTwap(WETH, WINDOW, 2_500e18);
        pool.setLastObservationTime(uint32(NOW - 1 days));
        quoteFeed.setUpdatedAt(NOW - 2 hours); // past its 1-hour heartbeat
        IPriceSource[] memory s = new IPriceSource[](2);
        (s[0], s[1]) =
        (
            new ChainlinkAdapter(WETH, feed, 1 hours, AggregatorV3Interface(address(0)), 0),
            new PoolTwapAdapter(pool, TOKEN0, WETH, WINDOW, quoteFeedSource)
        );
        direct.setSources(WETH, s, 2, 0.05e18);
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.QuorumNotMet.selector, WETH, 1, 2));
        direct.getPrice(WETH);
    }
}
