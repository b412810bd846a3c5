// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "../utils/Test.sol";
import {MockAggregator} from "../mocks/MockAggregator.sol";
import {MockBoundedAggregator} from "../mocks/MockBoundedAggregator.sol";
import {ChainlinkAdapter} from "../../src/oracle/ChainlinkAdapter.sol";
import {PriceRouter} from "../../src/oracle/PriceRouter.sol";
import {IPriceSource} from "../../src/interfaces/IPriceSource.sol";
import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";

/// @notice The router reads a ChainlinkAdapter's feed itself (direct source, see PriceRouter._configData). Every
///         guard of the adapter must hold on that path: the router accepts exactly the answers the adapter accepts,
///         at the same price. An attacker (or a broken feed) serving a stale, incomplete, negative, clamped or
///         overflowing answer gets the source counted out, as before.
contract PriceRouterDirectTest is Test {
    address internal constant ASSET = address(0xA55E7);
    uint256 internal constant NOW = 1_700_000_000;

    PriceRouter internal router;

    function setUp() public {
        vm.warp(NOW);
        router = new PriceRouter(address(this));
    }

    function _adapter(AggregatorV3Interface feed, uint256 heartbeat) internal returns (ChainlinkAdapter) {
        return new ChainlinkAdapter(ASSET, feed, heartbeat, AggregatorV3Interface(address(0)), 0);
    }

    /// @dev Sources [adapter under test, an always-stale feed], quorum 1: the router's price is the first source's
    ///      when the router finds it healthy, else QuorumNotMet.
    function _configure(ChainlinkAdapter a) internal {
        MockAggregator dead = new MockAggregator(8);
        dead.setRoundData(1, 1e8, 1, 1, 1); // updated at t = 1: always stale
        IPriceSource[] memory s = new IPriceSource[](2);
        (s[0], s[1]) = (a, _adapter(dead, 1 hours));
        router.setSources(ASSET, s, 1, 0.5e18);
    }

    function _assertSameVerdict(ChainlinkAdapter a) internal view {
        (bool adapterOk, uint256 adapterPrice) = _adapterPrice(a);
        try router.getPrice(ASSET) returns (uint256 price) {
            vm.assertTrue(adapterOk, "router priced an answer the adapter refuses");
            vm.assertEq(price, adapterPrice, "same price as the adapter");
        } catch (bytes memory reason) {
            vm.assertFalse(adapterOk, "router refused an answer the adapter accepts");
            vm.assertEq(bytes4(reason), PriceRouter.QuorumNotMet.selector, "the source was counted out");
        }
    }

    function _adapterPrice(ChainlinkAdapter a) internal view returns (bool ok, uint256 price) {
        try a.latestPrice() returns (uint256 p, uint256) {
            return (true, p);
        } catch {
            return (false, 0);
        }
    }

    function _boundInt(int256 x, int256 lo, int256 hi) internal pure returns (int256) {
        if (x >= lo && x <= hi) return x;
        // casting is safe: the span of [lo, hi] is positive and far below 2^255
        return lo + int256(uint256(x < 0 ? -(x + 1) : x) % uint256(hi - lo + 1));
    }

    function testFuzz_directReadMatchesAdapter(
        uint8 decimals,
        int256 answer,
        uint80 roundId,
        uint80 answeredInRound,
        uint256 age,
        uint32 heartbeat
    ) public {
        decimals = uint8(bound(decimals, 0, 36));
        heartbeat = uint32(bound(heartbeat, 1, 7 days));
        MockAggregator feed = new MockAggregator(decimals);
        ChainlinkAdapter a = _adapter(feed, heartbeat);
        _configure(a);
        // half the runs near the edges that matter: small answers, ages around the heartbeat, rounds around equal
        if (age % 2 == 0) {
            answer = _boundInt(answer, -2, 1e12);
            answeredInRound = uint80(bound(answeredInRound, roundId > 0 ? roundId - 1 : 0, uint256(roundId) + 1));
        }
        uint256 updatedAt = age % 3 == 0 ? NOW + (age % 5) : NOW - bound(age, 0, uint256(heartbeat) + 2);
        if (age % 7 == 0) updatedAt = 0;
        feed.setRoundData(roundId, answer, updatedAt, updatedAt, answeredInRound);
        _assertSameVerdict(a);
    }

    function testFuzz_directReadMatchesAdapter_bounds(int192 minAnswer, int192 maxAnswer, int256 answer) public {
        MockBoundedAggregator feed = new MockBoundedAggregator(8, minAnswer, maxAnswer);
        ChainlinkAdapter a = _adapter(feed, 1 hours);
        vm.assertTrue(a.checksBounds(), "bounded feed");
        _configure(a);
        feed.setAnswer(_boundInt(answer, -1, 1e12));
        _assertSameVerdict(a);
    }

    /// @dev The attack the bounds rule stops (LUNA): an aggregator clamped at its minimum while the market is below.
    ///      A direct source must still be counted out; with a quorum of 2 the asset is not priced at all.
    function test_direct_answerAtBound_countedOut() public {
        MockBoundedAggregator clamped = new MockBoundedAggregator(8, 0.1e8, 1000e8);
        clamped.setAnswer(0.1e8);
        MockAggregator other = new MockAggregator(8);
        other.setAnswer(0.1e8);
        IPriceSource[] memory s = new IPriceSource[](2);
        (s[0], s[1]) = (_adapter(clamped, 1 hours), _adapter(other, 1 hours));
        router.setSources(ASSET, s, 2, 0.02e18);
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.QuorumNotMet.selector, ASSET, 1, 2));
        router.getPrice(ASSET);
    }

    /// @dev A feed that stopped updating: a direct source past its heartbeat is counted out.
    function test_direct_stale_countedOut() public {
        MockAggregator a = new MockAggregator(8);
        MockAggregator b = new MockAggregator(8);
        a.setAnswer(2000e8);
        b.setAnswer(2000e8);
        IPriceSource[] memory s = new IPriceSource[](2);
        (s[0], s[1]) = (_adapter(a, 1 hours), _adapter(b, 1 hours));
        router.setSources(ASSET, s, 2, 0.02e18);
        vm.assertEq(router.getPrice(ASSET), 2000e18, "fresh");
        vm.warp(NOW + 1 hours);
        b.setAnswer(2000e8);
        vm.assertEq(router.getPrice(ASSET), 2000e18, "exactly at the heartbeat");
        vm.warp(NOW + 1 hours + 1);
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.QuorumNotMet.selector, ASSET, 1, 2));
        router.getPrice(ASSET);
    }

    /// @dev The router reads the feed, not the adapter; getPriceDetails still asks the adapter for its reason.
    function test_direct_readsFeedNotAdapter() public {
        MockAggregator a = new MockAggregator(8);
        MockAggregator b = new MockAggregator(8);
        a.setAnswer(2000e8);
        b.setAnswer(2001e8);
        IPriceSource[] memory s = new IPriceSource[](2);
        (s[0], s[1]) = (_adapter(a, 1 hours), _adapter(b, 1 hours));
        router.setSources(ASSET, s, 2, 0.02e18);
        vm.expectCall(address(s[0]), abi.encodeCall(IPriceSource.latestPrice, ()), 0);
        vm.expectCall(address(a), abi.encodeCall(AggregatorV3Interface.latestRoundData, ()), 1);
        vm.assertEq(router.getPrice(ASSET), 2000e18, "primary");
    }

    function test_direct_detailsStillGiveTheAdaptersReason() public {
        MockAggregator a = new MockAggregator(8);
        MockAggregator b = new MockAggregator(8);
        a.setAnswer(2000e8);
        b.setAnswer(2001e8);
        IPriceSource[] memory s = new IPriceSource[](2);
        (s[0], s[1]) = (_adapter(a, 1 hours), _adapter(b, 1 hours));
        router.setSources(ASSET, s, 2, 0.02e18);
        vm.warp(NOW + 2 hours);
        PriceRouter.SourceReading[] memory r = router.getPriceDetails(ASSET);
        vm.assertFalse(r[0].ok, "stale");
        vm.assertEq(r[0].errorSelector, ChainlinkAdapter.StalePrice.selector, "the adapter's own reason");
    }

    /// @dev An adapter that checks an L2 sequencer is not direct: the router keeps calling it, so a sequencer outage
    ///      still counts it out.
    function test_sequencerAdapter_notDirect() public {
        MockAggregator sequencer = new MockAggregator(0);
        sequencer.setRoundData(1, 0, NOW - 2 hours, NOW - 2 hours, 1); // up for two hours
        MockAggregator a = new MockAggregator(8);
        MockAggregator b = new MockAggregator(8);
        a.setAnswer(2000e8);
        b.setAnswer(2000e8);
        ChainlinkAdapter l2 = new ChainlinkAdapter(ASSET, a, 1 hours, sequencer, 1 hours);
        vm.expectRevert(abi.encodeWithSelector(ChainlinkAdapter.NotDirect.selector, address(sequencer)));
        l2.directFeed();
        IPriceSource[] memory s = new IPriceSource[](2);
        (s[0], s[1]) = (l2, _adapter(b, 1 hours));
        router.setSources(ASSET, s, 2, 0.02e18);
        vm.expectCall(address(l2), abi.encodeCall(IPriceSource.latestPrice, ()), 2); // both reads below
        vm.assertEq(router.getPrice(ASSET), 2000e18, "priced through the adapter");
        sequencer.setRoundData(2, 1, NOW, NOW, 2); // down
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.QuorumNotMet.selector, ASSET, 1, 2));
        router.getPrice(ASSET);
    }

    /// @dev Replacing and removing entries keeps every other entry's direct words in place (entries now vary in
    ///      size with their direct sources).
    function test_entriesWithDirectWordsSurviveReplaceAndRemove() public {
        address[3] memory assets = [address(0xA1), address(0xA2), address(0xA3)];
        for (uint256 k; k < 3; ++k) {
            IPriceSource[] memory s = new IPriceSource[](2);
            for (uint256 i; i < 2; ++i) {
                MockAggregator f = new MockAggregator(uint8(6 + 6 * k)); // 6, 12, 18 decimals
                f.setAnswer(int256((k + 1) * 10 ** (6 + 6 * k)));
                s[i] = new ChainlinkAdapter(assets[k], f, 1 hours, AggregatorV3Interface(address(0)), 0);
            }
            router.setSources(assets[k], s, 2, 0.02e18);
        }
        (IPriceSource[] memory first,,) = router.getConfig(assets[0]);
        router.setSources(assets[0], first, 1, 0.02e18); // replace: moves to the end
        router.removeAsset(assets[1]);
        vm.assertEq(router.getPrice(assets[0]), 1e18, "asset 0 (6 decimals)");
        vm.assertEq(router.getPrice(assets[2]), 3e18, "asset 2 (18 decimals)");
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.UnknownAsset.selector, assets[1]));
        router.getPrice(assets[1]);
    }
}
