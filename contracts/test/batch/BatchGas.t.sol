// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {BatchFixture} from "./BatchFixture.sol";
import {IRebalancingVault} from "../../src/interfaces/IRebalancingVault.sol";
import {BatchRebalancer} from "../../src/batch/BatchRebalancer.sol";

/// @notice Transaction gas of a lone rebalance against a vault's share of a netted batch (40 vaults, 20 each way):
///         execution gas (forge) plus the 21,000 intrinsic and the calldata gas a real transaction pays, so the
///         comparison is what a keeper pays per vault. Figures land in snapshots/BatchGasTest.json.
contract BatchGasTest is BatchFixture {
    uint256 internal constant FLEET = 40;
    uint256 internal constant TX_BASE = 21_000;
    /// @dev lone_rebalance_2_assets_tx when the target was checked (each test is its own cold transaction, so one test
    ///      cannot measure both without warming one for the other); re-read it from the snapshot when the vault changes.
    uint256 internal constant LONE_TX = 210_313;

    function setUp() public override {
        super.setUp();
        // vaults 0..39: 20 each way (netted); 40..79: all selling WETH (one direction). Both fleets are deployed here
        // so that every measurement starts cold: what a test function deploys is warm for the rest of that test.
        uint256[] memory v0 = new uint256[](2 * FLEET);
        uint256[] memory v1 = new uint256[](2 * FLEET);
        for (uint256 k; k < 2 * FLEET; ++k) {
            uint256 d = 60_000e18 + (k % FLEET) * 1_000e18;
            bool sell = k >= FLEET || k % 2 == 0;
            (v0[k], v1[k]) = sell ? (500_000e18 + d, 500_000e18 - d) : (500_000e18 - d, 500_000e18 + d);
        }
        _deployFleet(v0, v1);
    }

    function test_gas_loneRebalance() public {
        IRebalancingVault.Leg[] memory legs = _planLeg(vaults[0], address(venue));
        uint256 data = _calldataGas(abi.encodeCall(IRebalancingVault.rebalance, (legs)));
        vm.prank(KEEPER);
        vm.startSnapshotGas("lone_rebalance_2_assets_exec");
        vaults[0].rebalance(legs);
        uint256 exec = vm.stopSnapshotGas();
        vm.snapshotValue("lone_rebalance_2_assets_tx", exec + TX_BASE + data);
        // The batch tests hold a vault's share to 60% of LONE_TX; this keeps LONE_TX at most the lone figure, so that
        // a cheaper lone rebalance cannot leave those checks looser than 60% of what a lone rebalance really costs.
        vm.assertGe(exec + TX_BASE + data, LONE_TX, "lone rebalance below LONE_TX: lower LONE_TX to the new figure");
        vm.assertGt(vaults[0].lastRebalance(), 0, "rebalanced");
    }

    /// @dev A vault's share of the batch, measured on the same cold start as test_gas_loneRebalance (each test is its
    ///      own transaction; measuring both in one test would warm one for the other). The ratio to the lone figure
    ///      is read from snapshots/BatchGasTest.json and measured on Anvil by `ballast bench batch` from receipts; this
    ///      test holds the batch to the issue's target, 60% of the lone figure (LONE_TX), so that a regression (an
    ///      extra external read per fill) fails it.
    function test_gas_batchPerVault_netted() public {
        BatchRebalancer.Order[] memory orders = _orders(0, FLEET);
        uint256 data = _calldataGas(abi.encodeCall(BatchRebalancer.rebalanceBatch, (orders)));
        vm.prank(OPERATOR);
        vm.startSnapshotGas("batch_40_vaults_netted_exec");
        uint256 succeeded = _count(batch.rebalanceBatch(orders));
        uint256 exec = vm.stopSnapshotGas();
        vm.assertEq(succeeded, FLEET, "all rebalanced");
        uint256 perVault = (exec + TX_BASE + data) / FLEET;
        vm.snapshotValue("batch_40_vaults_netted_tx_per_vault", perVault);
        vm.assertLe(perVault, LONE_TX * 60 / 100, "per vault <= 60% of a lone rebalance");
    }

    /// @dev 40 vaults all selling WETH: nothing to net, one pooled venue swap, no router read by the batch. Its fleet is
    ///      deployed in setUp like the others: deployed in this test it would be warm (~40k a vault cheaper, not real).
    function test_gas_batchPerVault_oneDirection() public {
        BatchRebalancer.Order[] memory orders = _orders(FLEET, 2 * FLEET);
        uint256 data = _calldataGas(abi.encodeCall(BatchRebalancer.rebalanceBatch, (orders)));
        vm.prank(OPERATOR);
        vm.startSnapshotGas("batch_40_vaults_one_direction_exec");
        uint256 succeeded = _count(batch.rebalanceBatch(orders));
        uint256 exec = vm.stopSnapshotGas();
        vm.assertEq(succeeded, FLEET, "all rebalanced");
        uint256 perVault = (exec + TX_BASE + data) / FLEET;
        vm.snapshotValue("batch_40_vaults_one_direction_tx_per_vault", perVault);
        vm.assertLe(perVault, LONE_TX * 60 / 100, "per vault <= 60% of a lone rebalance");
    }

    function _calldataGas(bytes memory data) internal pure returns (uint256 gas) {
        for (uint256 i; i < data.length; ++i) {
            gas += data[i] == 0 ? 4 : 16;
        }
    }
}
