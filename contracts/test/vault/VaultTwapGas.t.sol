// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {VaultIntegrationFixture} from "./VaultIntegrationFixture.sol";
import {MockAggregator} from "../mocks/MockAggregator.sol";
import {ChainlinkAdapter} from "../../src/oracle/ChainlinkAdapter.sol";
import {PoolTwapAdapter} from "../../src/oracle/PoolTwapAdapter.sol";
import {PriceRouter} from "../../src/oracle/PriceRouter.sol";
import {IPriceSource} from "../../src/interfaces/IPriceSource.sol";
import {IPoolOracle} from "../../src/interfaces/IPoolOracle.sol";
import {IRebalancingVault} from "../../src/interfaces/IRebalancingVault.sol";

/// @notice The sources of `scripts/ballast bench gas` (DevStack): asset 0 (the pool's token 0) priced by two
///         independent feeds, every other asset by its feed and the pool's TWAP quoted through asset 0's first feed.
///         Figures land in snapshots/VaultTwapGasTest.json (one warm test transaction, as the other forge
///         snapshots); with `--isolate -vvvv` each call is its own transaction, cold as on chain, and the trace shows
///         where the rebalance's gas goes.
contract VaultTwapGasTest is VaultIntegrationFixture {
    function setUp() public override {
        super.setUp();
        IPriceSource quote;
        for (uint256 i; i < 4; ++i) {
            IPriceSource[] memory s = new IPriceSource[](2);
            (IPriceSource[] memory current,,) = router.getConfig(assetList[i]);
            s[0] = current[0];
            if (i == 0) {
                quote = current[0];
                s[1] = current[1];
            } else {
                s[1] = new PoolTwapAdapter(IPoolOracle(address(pool)), assetList[0], assetList[i], 30 minutes, quote);
            }
            _govern(address(router), abi.encodeCall(PriceRouter.setSources, (assetList[i], s, 2, 5e16)));
        }
        _advance(31 minutes);
    }

    function test_gas_rebalanceOneLeg_twapSources() public {
        _retarget();
        IRebalancingVault.Leg[] memory legs = _leg(1, 0, 40_000e18);
        vm.prank(KEEPER);
        vm.startSnapshotGas("vault_rebalance_4_assets_1_leg_twap_sources");
        vault.rebalance(legs);
        vm.stopSnapshotGas();
        vm.assertGt(vault.lastRebalance(), 0, "rebalanced");
    }
}
