// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "../utils/Test.sol";
import {MockAggregator} from "../mocks/MockAggregator.sol";
import {ChainlinkAdapter} from "../../src/oracle/ChainlinkAdapter.sol";
import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";

contract ChainlinkAdapterTest is Test {
    address internal constant ASSET = address(0xA55E7);
    uint256 internal constant HEARTBEAT = 1 hours;
    uint256 internal constant GRACE = 1 hours;
    uint256 internal constant NOW = 1_700_000_000;

    MockAggregator internal feed;
    MockAggregator internal sequencer;
    ChainlinkAdapter internal adapter; // no sequencer
    ChainlinkAdapter internal l2Adapter; // with sequencer

    function setUp() public {
        vm.warp(NOW);
        feed = new MockAggregator(8);
        feed.setAnswer(2000e8);
        sequencer = new MockAggregator(0);
        sequencer.setRoundData(1, 0, NOW - 2 days, NOW - 2 days, 1);
        adapter = _adapter(feed);
        l2Adapter = new ChainlinkAdapter(ASSET, feed, HEARTBEAT, sequencer, GRACE);
    }

    function _adapter(MockAggregator f) internal returns (ChainlinkAdapter) {
        return new ChainlinkAdapter(ASSET, f, HEARTBEAT, AggregatorV3Interface(address(0)), 0);
    }

    function _expect(bytes memory err) internal {
        vm.expectRevert(err);
    }

    // ---- deployment ----

    function test_constructor_storesSettings() public view {
        vm.assertEq(l2Adapter.asset(), ASSET, "asset");
        vm.assertEq(address(l2Adapter.feed()), address(feed), "feed");
        vm.assertEq(l2Adapter.heartbeat(), HEARTBEAT, "heartbeat");
        vm.assertEq(address(l2Adapter.sequencerFeed()), address(sequencer), "sequencer");
        vm.assertEq(l2Adapter.gracePeriod(), GRACE, "grace");
        vm.assertEq(uint256(l2Adapter.feedDecimals()), 8, "decimals");
    }

    function test_constructor_rejectsZeroAsset() public {
        _expect(abi.encodeWithSelector(ChainlinkAdapter.ZeroAsset.selector));
        new ChainlinkAdapter(address(0), feed, HEARTBEAT, AggregatorV3Interface(address(0)), 0);
    }

    function test_constructor_rejectsZeroFeed() public {
        _expect(abi.encodeWithSelector(ChainlinkAdapter.ZeroFeed.selector));
        new ChainlinkAdapter(ASSET, AggregatorV3Interface(address(0)), HEARTBEAT, AggregatorV3Interface(address(0)), 0);
    }

    function test_constructor_rejectsZeroHeartbeat() public {
        _expect(abi.encodeWithSelector(ChainlinkAdapter.InvalidHeartbeat.selector, 0, 7 days));
        new ChainlinkAdapter(ASSET, feed, 0, AggregatorV3Interface(address(0)), 0);
    }

    function test_constructor_rejectsHeartbeatAboveMax() public {
        _expect(abi.encodeWithSelector(ChainlinkAdapter.InvalidHeartbeat.selector, 7 days + 1, 7 days));
        new ChainlinkAdapter(ASSET, feed, 7 days + 1, AggregatorV3Interface(address(0)), 0);
    }

    function test_constructor_rejectsGraceWithoutSequencer() public {
        _expect(abi.encodeWithSelector(ChainlinkAdapter.InvalidGracePeriod.selector, address(0), 1, 1 days));
        new ChainlinkAdapter(ASSET, feed, HEARTBEAT, AggregatorV3Interface(address(0)), 1);
    }

    function test_constructor_rejectsGraceAboveMax() public {
        _expect(
            abi.encodeWithSelector(ChainlinkAdapter.InvalidGracePeriod.selector, address(sequencer), 1 days + 1, 1 days)
        );
        new ChainlinkAdapter(ASSET, feed, HEARTBEAT, sequencer, 1 days + 1);
    }

    function test_constructor_rejectsDecimalsAbove36() public {
        MockAggregator f = new MockAggregator(37);
        _expect(abi.encodeWithSelector(ChainlinkAdapter.UnsupportedDecimals.selector, address(f), uint8(37)));
        _adapter(f);
    }

    // ---- happy path and normalisation ----

    function test_latestPrice_happyPath8Decimals() public {
        vm.warp(NOW + 100);
        (uint256 price, uint256 updatedAt) = adapter.latestPrice();
        vm.assertEq(price, 2000e18, "price");
        vm.assertEq(updatedAt, NOW, "updatedAt is the feed's");
    }

    function test_normalize_6Decimals() public {
        vm.assertEq(_priceWith(6, 1_000_123), 1.000123e18, "6 dec");
    }

    function test_normalize_8Decimals() public {
        vm.assertEq(_priceWith(8, 6_543_210_987_654), 65_432.10987654e18, "8 dec");
    }

    function test_normalize_18Decimals() public {
        vm.assertEq(_priceWith(18, 3_141_592_653_589_793_238), 3_141_592_653_589_793_238, "18 dec");
    }

    function test_normalize_24DecimalsRoundsDown() public {
        // 1.234567890123456789999999 -> the last six digits are dropped
        vm.assertEq(_priceWith(24, 1_234_567_890_123_456_789_999_999), 1_234_567_890_123_456_789, "24 dec");
    }

    function test_normalize_0And36Decimals() public {
        vm.assertEq(_priceWith(0, 42), 42e18, "0 dec");
        vm.assertEq(_priceWith(36, 7e36), 7e18, "36 dec");
    }

    function test_normalize_revertsWhenRoundingToZero() public {
        MockAggregator f = new MockAggregator(24);
        f.setAnswer(999_999); // 0.999999 wei at 18 decimals
        ChainlinkAdapter a = _adapter(f);
        _expect(
            abi.encodeWithSelector(ChainlinkAdapter.PriceRoundsToZero.selector, address(f), int256(999_999), uint8(24))
        );
        a.latestPrice();
    }

    function test_normalize_revertsOnOverflow() public {
        MockAggregator f = new MockAggregator(0);
        int256 huge = type(int256).max;
        f.setAnswer(huge);
        ChainlinkAdapter a = _adapter(f);
        _expect(abi.encodeWithSelector(ChainlinkAdapter.PriceOverflow.selector, address(f), huge, uint8(0)));
        a.latestPrice();
    }

    function _priceWith(uint8 decimals, int256 answer) internal returns (uint256 price) {
        MockAggregator f = new MockAggregator(decimals);
        f.setAnswer(answer);
        (price,) = _adapter(f).latestPrice();
    }

    // ---- round checks ----

    function test_revert_zeroAnswer() public {
        feed.setAnswer(0);
        _expect(abi.encodeWithSelector(ChainlinkAdapter.NonPositivePrice.selector, address(feed), int256(0)));
        adapter.latestPrice();
    }

    function test_revert_negativeAnswer() public {
        feed.setAnswer(-1);
        _expect(abi.encodeWithSelector(ChainlinkAdapter.NonPositivePrice.selector, address(feed), int256(-1)));
        adapter.latestPrice();
    }

    function test_revert_roundNotUpdated() public {
        feed.setRoundData(5, 2000e8, NOW, 0, 5);
        _expect(abi.encodeWithSelector(ChainlinkAdapter.RoundNotUpdated.selector, address(feed), uint80(5)));
        adapter.latestPrice();
    }

    function test_revert_incompleteRound() public {
        feed.setRoundData(5, 2000e8, NOW, NOW, 4);
        _expect(abi.encodeWithSelector(ChainlinkAdapter.IncompleteRound.selector, address(feed), uint80(5), uint80(4)));
        adapter.latestPrice();
    }

    function test_revert_updatedInFuture() public {
        feed.setUpdatedAt(NOW + 1);
        _expect(abi.encodeWithSelector(ChainlinkAdapter.UpdatedInFuture.selector, address(feed), NOW + 1, NOW));
        adapter.latestPrice();
    }

    function test_heartbeat_exactlyHeartbeatOldIsAccepted() public {
        vm.warp(NOW + HEARTBEAT);
        (uint256 price, uint256 updatedAt) = adapter.latestPrice();
        vm.assertEq(price, 2000e18, "price at boundary");
        vm.assertEq(updatedAt, NOW, "updatedAt");
    }

    function test_heartbeat_oneSecondOverIsStale() public {
        vm.warp(NOW + HEARTBEAT + 1);
        _expect(abi.encodeWithSelector(ChainlinkAdapter.StalePrice.selector, address(feed), NOW, HEARTBEAT));
        adapter.latestPrice();
    }

    // ---- L2 sequencer ----

    function test_sequencer_upAndPastGraceServesPrice() public view {
        (uint256 price,) = l2Adapter.latestPrice();
        vm.assertEq(price, 2000e18, "price");
    }

    function test_sequencer_down() public {
        sequencer.setRoundData(2, 1, NOW - 10, NOW - 10, 2);
        _expect(abi.encodeWithSelector(ChainlinkAdapter.SequencerDown.selector, address(sequencer)));
        l2Adapter.latestPrice();
    }

    function test_sequencer_downIsReportedBeforeStaleFeed() public {
        sequencer.setRoundData(2, 1, NOW, NOW, 2);
        vm.warp(NOW + HEARTBEAT + 1);
        _expect(abi.encodeWithSelector(ChainlinkAdapter.SequencerDown.selector, address(sequencer)));
        l2Adapter.latestPrice();
    }

    function test_sequencer_gracePeriodBoundary() public {
        uint256 upSince = NOW - GRACE; // now == upSince + grace: still in grace
        sequencer.setRoundData(3, 0, upSince, upSince, 3);
        _expect(
            abi.encodeWithSelector(ChainlinkAdapter.SequencerGracePeriod.selector, address(sequencer), upSince, GRACE)
        );
        l2Adapter.latestPrice();

        sequencer.setStartedAt(upSince - 1); // one second longer up: served
        (uint256 price,) = l2Adapter.latestPrice();
        vm.assertEq(price, 2000e18, "price after grace");
    }

    function test_sequencer_justBackUp() public {
        sequencer.setRoundData(3, 0, NOW, NOW, 3);
        _expect(abi.encodeWithSelector(ChainlinkAdapter.SequencerGracePeriod.selector, address(sequencer), NOW, GRACE));
        l2Adapter.latestPrice();
    }

    function test_sequencer_unknownStatus() public {
        sequencer.setRoundData(3, 2, NOW - 2 days, NOW - 2 days, 3);
        _expect(
            abi.encodeWithSelector(
                ChainlinkAdapter.SequencerStatusInvalid.selector, address(sequencer), int256(2), NOW - 2 days
            )
        );
        l2Adapter.latestPrice();
    }

    function test_sequencer_startedAtZeroIsInvalid() public {
        sequencer.setRoundData(3, 0, 0, NOW, 3);
        _expect(
            abi.encodeWithSelector(ChainlinkAdapter.SequencerStatusInvalid.selector, address(sequencer), int256(0), 0)
        );
        l2Adapter.latestPrice();
    }

    // ---- fuzz ----

    /// @dev For <= 18 decimals nothing is lost: the price divides back to the answer exactly.
    function testFuzz_normalizationExactUpTo18(uint8 decimals, uint256 rawAnswer) public {
        decimals = uint8(bound(decimals, 0, 18));
        uint256 factor = 10 ** (18 - decimals);
        int256 answer = int256(bound(rawAnswer, 1, uint256(type(int256).max) / factor));
        uint256 price = _priceWith(decimals, answer);
        vm.assertEq(price % factor, 0, "no fractional part");
        vm.assertEq(price / factor, uint256(answer), "divides back to the answer");
    }

    /// @dev Above 18 decimals the price is the answer rounded down: price * f <= answer < (price + 1) * f.
    function testFuzz_normalizationRoundsDownAbove18(uint8 decimals, uint256 rawAnswer) public {
        decimals = uint8(bound(decimals, 19, 36));
        uint256 factor = 10 ** (decimals - 18);
        int256 answer = int256(bound(rawAnswer, factor, uint256(type(int256).max)));
        uint256 price = _priceWith(decimals, answer);
        vm.assertLe(price * factor, uint256(answer), "not rounded up");
        vm.assertGt((price + 1) * factor, uint256(answer), "at most one unit down");
    }

    function testFuzz_staleIffOlderThanHeartbeat(uint256 age) public {
        age = bound(age, 0, 3 * HEARTBEAT);
        vm.warp(NOW + age);
        if (age > HEARTBEAT) {
            _expect(abi.encodeWithSelector(ChainlinkAdapter.StalePrice.selector, address(feed), NOW, HEARTBEAT));
        }
        (uint256 price,) = adapter.latestPrice();
        if (age <= HEARTBEAT) vm.assertEq(price, 2000e18, "fresh price");
    }
}
