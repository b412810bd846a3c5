// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "../utils/Test.sol";
import {MockAggregator} from "../mocks/MockAggregator.sol";
import {MockBoundedAggregator} from "../mocks/MockBoundedAggregator.sol";
import {ChainlinkAdapter} from "../../src/oracle/ChainlinkAdapter.sol";
import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";

/// @notice An OCR aggregator clamps its answer to [minAnswer, maxAnswer]: an answer on a bound is refused, since the
///         market may be anywhere beyond it (LUNA/USD reported its $0.10 minimum while LUNA traded at a fraction).
contract ChainlinkAdapterBoundsTest is Test {
    address internal constant ASSET = address(0xA55E7);
    uint256 internal constant NOW = 1_700_000_000;

    MockBoundedAggregator internal bounded;
    ChainlinkAdapter internal adapter;

    function setUp() public {
        vm.warp(NOW);
        bounded = new MockBoundedAggregator(8, 0.1e8, 1000e8);
        bounded.setAnswer(5e8);
        adapter = new ChainlinkAdapter(ASSET, bounded, 1 hours, AggregatorV3Interface(address(0)), 0);
    }

    function test_boundsRead() public view {
        vm.assertTrue(adapter.checksBounds(), "bounds found behind the proxy");
        (bool ok, int256 lo, int256 hi) = adapter.answerBounds();
        vm.assertTrue(ok, "ok");
        vm.assertEq(lo, 0.1e8, "min");
        vm.assertEq(hi, 1000e8, "max");
        (uint256 price,) = adapter.latestPrice();
        vm.assertEq(price, 5e18, "inside the bounds");
    }

    function test_answerAtMinimum_refused() public {
        bounded.setAnswer(0.1e8); // the clamp: the market may be far lower
        vm.expectRevert(
            abi.encodeWithSelector(ChainlinkAdapter.AnswerAtBound.selector, address(bounded), 0.1e8, 0.1e8, 1000e8)
        );
        adapter.latestPrice();
        bounded.setAnswer(0.1e8 + 1);
        (uint256 price,) = adapter.latestPrice();
        vm.assertEq(price, (0.1e8 + 1) * 1e10, "one unit above the minimum is a price");
    }

    function test_answerAtMaximum_refused() public {
        bounded.setAnswer(1000e8);
        vm.expectRevert(
            abi.encodeWithSelector(ChainlinkAdapter.AnswerAtBound.selector, address(bounded), 1000e8, 0.1e8, 1000e8)
        );
        adapter.latestPrice();
    }

    function test_feedWithoutBounds_keepsWorking() public {
        MockAggregator plain = new MockAggregator(8);
        plain.setAnswer(1e8);
        ChainlinkAdapter a = new ChainlinkAdapter(ASSET, plain, 1 hours, AggregatorV3Interface(address(0)), 0);
        vm.assertFalse(a.checksBounds(), "no aggregator(): no bounds");
        (bool ok,,) = a.answerBounds();
        vm.assertFalse(ok, "none read");
        (uint256 price,) = a.latestPrice();
        vm.assertEq(price, 1e18, "served");
    }
}
