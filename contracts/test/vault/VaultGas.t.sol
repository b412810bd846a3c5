// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {VaultIntegrationFixture} from "./VaultIntegrationFixture.sol";
import {IRebalancingVault} from "../../src/interfaces/IRebalancingVault.sol";

/// @notice Gas of the vault's hot paths on the real stack: 4 assets, WeightedPool venue, PriceRouter with two
///         ChainlinkAdapters per asset. Figures land in snapshots/VaultGasTest.json.
contract VaultGasTest is VaultIntegrationFixture {
    address internal constant BOB = address(0xB0B);

    function setUp() public override {
        super.setUp();
        for (uint256 i; i < 4; ++i) {
            tokens[i].mint(BOB, _amountFor(i, 100_000e18));
            vm.prank(BOB);
            tokens[i].approve(address(vault), type(uint256).max);
        }
    }

    function test_gas_deposit() public {
        uint256[] memory amounts = new uint256[](4);
        for (uint256 i; i < 4; ++i) {
            amounts[i] = _amountFor(i, 10_000e18);
        }
        vm.prank(BOB);
        vm.startSnapshotGas("vault_deposit_4_assets");
        (uint256 shares,) = vault.deposit(amounts, 0, BOB);
        uint256 gas = vm.stopSnapshotGas();
        vm.assertGt(shares, 0, "minted");
        vm.assertGt(gas, 0, "measured");
    }

    function test_gas_depositSingle() public {
        uint256 amount = _amountFor(0, 10_000e18);
        vm.prank(BOB);
        vm.startSnapshotGas("vault_depositSingle_8_price_sources");
        uint256 shares = vault.depositSingle(assetList[0], amount, 0, BOB);
        vm.stopSnapshotGas();
        vm.assertGt(shares, 0, "minted");
    }

    function test_gas_withdraw() public {
        uint256 shares = vault.balanceOf(ALICE) / 4;
        vm.prank(ALICE);
        vm.startSnapshotGas("vault_withdraw_4_assets");
        uint256[] memory out = vault.withdraw(shares, new uint256[](0), ALICE);
        vm.stopSnapshotGas();
        vm.assertGt(out[3], 0, "paid");
    }

    function test_gas_rebalanceOneLeg() public {
        _retarget();
        IRebalancingVault.Leg[] memory legs = _leg(1, 0, 40_000e18);
        vm.prank(KEEPER);
        vm.startSnapshotGas("vault_rebalance_4_assets_1_leg");
        vault.rebalance(legs);
        vm.stopSnapshotGas();
        vm.assertGt(vault.lastRebalance(), 0, "rebalanced");
    }

    /// @dev The planner's own plan for a 40/20/20/20 re-target: three legs (each of assets 1..3 into asset 0).
    function test_gas_rebalanceThreeLegsViaUpkeep() public {
        IRebalancingVault.Params memory p = params();
        p.maxTradeFraction = 5e16;
        _setParams(p);
        _retarget();
        vm.startSnapshotGas("vault_checkUpkeep_4_assets");
        (bool needed, bytes memory data) = vault.checkUpkeep("");
        vm.stopSnapshotGas();
        vm.assertTrue(needed, "due");
        vm.assertEq(abi.decode(data, (IRebalancingVault.Leg[])).length, 3, "three legs");
        vm.prank(KEEPER);
        vm.startSnapshotGas("vault_performUpkeep_4_assets_3_legs");
        vault.performUpkeep(data);
        vm.stopSnapshotGas();
        vm.assertGt(vault.lastRebalance(), 0, "rebalanced");
    }
}
