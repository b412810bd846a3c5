// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "../utils/Test.sol";
import {MockAggregator} from "../mocks/MockAggregator.sol";
import {ScriptedPriceSource} from "./ScriptedPriceSource.sol";
import {ChainlinkAdapter} from "../../src/oracle/ChainlinkAdapter.sol";
import {PriceRouter} from "../../src/oracle/PriceRouter.sol";
import {IPriceSource} from "../../src/interfaces/IPriceSource.sol";
import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";

/// @notice Code a vetted source can turn into (an upgrade, a self-destructed proxy target replaced): it burns all the
///         gas it is given.
contract GasBurner {
    fallback() external {
        while (true) {}
    }
}

/// @notice An honest feed that is expensive to read: it spends `spin` gas before answering (a deep proxy chain, a
///         ring search over cold storage).
contract CostlyAggregator {
    uint8 public constant decimals = 8;
    uint256 public spin;
    int256 public answer = 2_000e8;

    function setSpin(uint256 spin_) external {
        spin = spin_;
    }

    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        uint256 start = gasleft();
        while (start - gasleft() < spin) {}
        return (1, answer, block.timestamp, block.timestamp, 1);
    }
}

/// @notice Each read of a source gets at most SOURCE_READ_GAS. A source that turns hostile after it was vetted is
///         counted out at a bounded cost and the quorum decides, where it used to take 63/64 of the call's gas.
contract PriceRouterReadGasTest is Test {
    address internal constant ASSET = address(0xA55E7);
    uint256 internal constant CALL_GAS = 20_000_000;

    PriceRouter internal router;
    MockAggregator[3] internal feeds;

    function setUp() public {
        vm.warp(1_700_000_000);
        router = new PriceRouter(address(this));
        IPriceSource[] memory s = new IPriceSource[](3);
        for (uint256 i; i < 3; ++i) {
            feeds[i] = new MockAggregator(8);
            feeds[i].setAnswer(int256(2_000e8 + i * 1e8)); // 2,000 / 2,001 / 2,002
            s[i] = _adapter(AggregatorV3Interface(address(feeds[i])));
        }
        router.setSources(ASSET, s, 2, 0.05e18);
    }

    function test_hostileDirectFeed_isCountedOutAtABoundedCost() public {
        vm.etch(address(feeds[1]), address(new GasBurner()).code); // the middle feed turns hostile after vetting
        (uint256 price, uint256 used) = _priced();
        vm.assertEq(price, 2_000e18, "two healthy feeds: the primary, the first healthy feed");
        vm.assertLt(used, router.SOURCE_READ_GAS() + 100_000, "the hostile read cost at most its cap");

        address[] memory assets = new address[](1);
        assets[0] = ASSET;
        uint256 before = gasleft();
        uint256[] memory prices = router.getPrices{gas: CALL_GAS}(assets);
        vm.assertEq(prices[0], 2_000e18, "getPrices (the vault's path) agrees");
        vm.assertLt(before - gasleft(), router.SOURCE_READ_GAS() + 100_000, "getPrices' cost is bounded too");
    }

    function test_hostileSourceThroughLatestPrice_isCountedOutAtABoundedCost() public {
        ScriptedPriceSource s0 = new ScriptedPriceSource(ASSET, 2_000e18);
        IPriceSource[] memory s = new IPriceSource[](3);
        (s[0], s[1], s[2]) = (s0, _adapter(AggregatorV3Interface(address(feeds[1]))), _adapter(AggregatorV3Interface(address(feeds[2]))));
        router.setSources(ASSET, s, 2, 0.05e18);
        vm.etch(address(s0), address(new GasBurner()).code);
        (uint256 price, uint256 used) = _priced();
        vm.assertEq(price, 2_001e18, "the remaining two: the first healthy feed's price");
        vm.assertLt(used, router.SOURCE_READ_GAS() + 100_000, "the hostile read cost at most its cap");
    }

    function test_twoHostileFeeds_failClosedWithTheQuorumError_notOutOfGas() public {
        GasBurner burner = new GasBurner();
        vm.etch(address(feeds[0]), address(burner).code);
        vm.etch(address(feeds[2]), address(burner).code);
        uint256 before = gasleft();
        try router.getPrice{gas: CALL_GAS}(ASSET) returns (uint256) {
            revert("priced with one healthy source of a quorum of two");
        } catch (bytes memory reason) {
            vm.assertEq(reason, abi.encodeWithSelector(PriceRouter.QuorumNotMet.selector, ASSET, 1, 2), "quorum error");
        }
        vm.assertLt(before - gasleft(), 2 * router.SOURCE_READ_GAS() + 100_000, "two capped reads");
    }

    /// @dev The cap's boundary: an honest read just under it prices; one just over it is counted out.
    function test_costlyHonestRead_pricesUnderTheCap_andIsCountedOutOverIt() public {
        CostlyAggregator costly = new CostlyAggregator();
        MockAggregator stale = new MockAggregator(8);
        stale.setRoundData(1, 2_000e8, 1, 1, 1); // updated at t = 1: always stale
        IPriceSource[] memory s = new IPriceSource[](2);
        (s[0], s[1]) = (_adapter(AggregatorV3Interface(address(costly))), _adapter(AggregatorV3Interface(address(stale))));
        router.setSources(ASSET, s, 1, 0.05e18);

        costly.setSpin(router.SOURCE_READ_GAS() - 100_000);
        (uint256 price,) = _priced();
        vm.assertEq(price, 2_000e18, "a read that fits the cap counts");

        costly.setSpin(router.SOURCE_READ_GAS());
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.QuorumNotMet.selector, ASSET, 0, 1));
        router.getPrice{gas: CALL_GAS}(ASSET);
    }

    function _priced() internal view returns (uint256 price, uint256 used) {
        uint256 before = gasleft();
        price = router.getPrice{gas: CALL_GAS}(ASSET);
        used = before - gasleft();
    }

    function _adapter(AggregatorV3Interface feed) internal returns (ChainlinkAdapter) {
        return new ChainlinkAdapter(ASSET, feed, 1 hours, AggregatorV3Interface(address(0)), 0);
    }
}
