// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "../utils/Test.sol";
import {MockAggregator} from "../mocks/MockAggregator.sol";
import {ChainlinkAdapter} from "../../src/oracle/ChainlinkAdapter.sol";
import {PriceRouter} from "../../src/oracle/PriceRouter.sol";
import {IPriceSource} from "../../src/interfaces/IPriceSource.sol";
import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";

/// @notice Gas of `getPrice` over Chainlink adapters, measured in a fresh transaction (cold storage and accounts,
///         as a keeper's or vault's first read in a block). Run with -vv to see the figures.
contract PriceRouterGasTest is Test {
    event log_named_uint(string key, uint256 val);

    address internal constant ASSET = address(0xA55E7);
    /// @dev Ceilings ~8% above the measured figures, so a regression fails; the figures themselves are logged.
    ///      Per cold source: adapter and feed accounts (2 x 2600), one router slot (2100) and the mock feed's five
    ///      cold slots (5 x 2100) -- a real proxy + OCR aggregator reads about three slots instead of five.
    uint256 internal constant BUDGET_BASE = 12_000;
    uint256 internal constant BUDGET_PER_SOURCE = 22_000;
    uint256 internal constant BUDGET_WARM_3 = 17_000;

    PriceRouter internal router;
    address internal constant ASSET2 = address(0xA55E8);

    function setUp() public {
        vm.warp(1_700_000_000);
        router = new PriceRouter(address(this));
        router.setSources(ASSET, _sources(ASSET, 2), 2, 0.02e18);
        router.setSources(ASSET2, _sources(ASSET2, 3), 2, 0.02e18);
    }

    function _sources(address asset, uint256 n) internal returns (IPriceSource[] memory s) {
        s = new IPriceSource[](n);
        for (uint256 i; i < n; ++i) {
            MockAggregator feed = new MockAggregator(8);
            feed.setAnswer(int256(2000e8 + i * 1e8));
            s[i] = new ChainlinkAdapter(asset, feed, 1 hours, AggregatorV3Interface(address(0)), 0);
        }
    }

    function test_gas_getPriceTwoChainlinkSources() public {
        uint256 before = gasleft();
        uint256 price = router.getPrice(ASSET);
        uint256 used = before - gasleft();
        emit log_named_uint("getPrice, 2 Chainlink sources (cold)", used);
        vm.assertEq(price, 2000e18, "primary of 2000 and 2001");
        vm.assertLt(used, BUDGET_BASE + 2 * BUDGET_PER_SOURCE, "gas budget");
    }

    function test_gas_getPriceThreeChainlinkSources() public {
        uint256 before = gasleft();
        uint256 price = router.getPrice(ASSET2);
        uint256 used = before - gasleft();
        emit log_named_uint("getPrice, 3 Chainlink sources (cold)", used);
        vm.assertEq(price, 2001e18, "median of 2000..2002");
        vm.assertLt(used, BUDGET_BASE + 3 * BUDGET_PER_SOURCE, "gas budget");
    }

    function test_gas_getPriceThreeChainlinkSourcesWarm() public {
        router.getPrice(ASSET2);
        uint256 before = gasleft();
        router.getPrice(ASSET2);
        uint256 used = before - gasleft();
        emit log_named_uint("getPrice, 3 Chainlink sources (warm, second read in a tx)", used);
        vm.assertLt(used, BUDGET_WARM_3, "warm gas budget");
    }
}
