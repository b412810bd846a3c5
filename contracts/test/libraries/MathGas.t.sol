// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "../utils/Test.sol";
import {FixedPoint} from "../../src/libraries/FixedPoint.sol";
import {LogExpMath} from "../../src/libraries/LogExpMath.sol";
import {WeightedMath} from "../../src/libraries/WeightedMath.sol";
import {MathLog} from "./MathLog.sol";

/// @notice Gas of the hot math paths, measured inline (no call overhead) and written to snapshots/MathGasTest.json.
///         Inputs come from storage so the optimizer cannot fold them; each figure is also held to a budget so a
///         regression fails here rather than in the pool's 90k-per-swap budget.
contract MathGasTest is Test {
    uint256 internal x = 0.8123456789e18;
    uint256 internal y = 4.1234567e18;
    int256 internal xi = 3.5e18;
    uint256 internal bi = 1_000_000e18;
    uint256 internal bo = 250_000e18;
    uint256 internal wi = 0.8e18;
    uint256 internal wo = 0.2e18;
    uint256 internal amount = 1234.5678e18;
    uint256 internal swapFee = 0.003e18;

    function test_gas_lnWad() public {
        int256 a = xi;
        vm.startSnapshotGas("lnWad");
        int256 r = LogExpMath.lnWad(a);
        _report("lnWad", vm.stopSnapshotGas(), 1000);
        vm.assertGe(r, int256(1e18), "ln(3.5) >= 1");
    }

    function test_gas_expWad() public {
        int256 a = xi;
        vm.startSnapshotGas("expWad");
        int256 r = LogExpMath.expWad(a);
        _report("expWad", vm.stopSnapshotGas(), 600);
        vm.assertGe(r, int256(33e18), "e^3.5 >= 33");
    }

    function test_gas_pow() public {
        (uint256 a, uint256 b) = (x, y);
        vm.startSnapshotGas("pow");
        uint256 r = LogExpMath.pow(a, b);
        _report("pow", vm.stopSnapshotGas(), 1600);
        vm.assertLt(r, 1e18, "0.81^4.1 < 1");
    }

    function test_gas_powUp() public {
        (uint256 a, uint256 b) = (x, y);
        vm.startSnapshotGas("powUp");
        uint256 r = FixedPoint.powUp(a, b);
        _report("powUp", vm.stopSnapshotGas(), 1900);
        vm.assertLt(r, 1e18, "0.81^4.1 < 1");
    }

    function test_gas_calcOutGivenIn() public {
        (uint256 b1, uint256 w1, uint256 b2, uint256 w2, uint256 a) = (bi, wi, bo, wo, amount);
        vm.startSnapshotGas("calcOutGivenIn");
        uint256 r = WeightedMath.calcOutGivenIn(b1, w1, b2, w2, a);
        _report("calcOutGivenIn", vm.stopSnapshotGas(), 1700);
        vm.assertGt(r, 0, "out > 0");
    }

    function test_gas_calcOutGivenIn_equalWeights() public {
        (uint256 b1, uint256 b2, uint256 a) = (bi, bo, amount);
        uint256 w = wo;
        vm.startSnapshotGas("calcOutGivenIn_equalWeights");
        uint256 r = WeightedMath.calcOutGivenIn(b1, w, b2, w, a);
        _report("calcOutGivenIn (equal weights)", vm.stopSnapshotGas(), 600);
        vm.assertGt(r, 0, "out > 0");
    }

    function test_gas_calcInGivenOut() public {
        (uint256 b1, uint256 w1, uint256 b2, uint256 w2, uint256 a) = (bi, wi, bo, wo, amount);
        vm.startSnapshotGas("calcInGivenOut");
        uint256 r = WeightedMath.calcInGivenOut(b1, w1, b2, w2, a);
        _report("calcInGivenOut", vm.stopSnapshotGas(), 1700);
        vm.assertGt(r, 0, "in > 0");
    }

    function test_gas_calcInvariantDown_2tokens() public {
        uint256[] memory b = new uint256[](2);
        uint256[] memory w = new uint256[](2);
        (b[0], b[1], w[0], w[1]) = (bi, bo, wi, wo);
        vm.startSnapshotGas("calcInvariantDown_2tokens");
        uint256 r = WeightedMath.calcInvariantDown(b, w);
        _report("calcInvariantDown (2 tokens)", vm.stopSnapshotGas(), 3200);
        vm.assertGt(r, 0, "V > 0");
    }

    function test_gas_calcLpOutGivenExactTokenIn() public {
        (uint256 b1, uint256 w1, uint256 a, uint256 supply, uint256 fee) = (bi, wi, amount, bo, swapFee);
        vm.startSnapshotGas("calcLpOutGivenExactTokenIn");
        uint256 r = WeightedMath.calcLpOutGivenExactTokenIn(b1, w1, a, supply, fee);
        _report("calcLpOutGivenExactTokenIn", vm.stopSnapshotGas(), 1900);
        vm.assertGt(r, 0, "lp > 0");
    }

    function test_gas_calcTokenOutGivenExactLpIn() public {
        (uint256 b1, uint256 w1, uint256 a, uint256 supply, uint256 fee) = (bi, wi, amount, bo, swapFee);
        vm.startSnapshotGas("calcTokenOutGivenExactLpIn");
        uint256 r = WeightedMath.calcTokenOutGivenExactLpIn(b1, w1, a, supply, fee);
        _report("calcTokenOutGivenExactLpIn", vm.stopSnapshotGas(), 2050);
        vm.assertGt(r, 0, "out > 0");
    }

    function test_gas_baseline() public {
        int256 a = xi;
        vm.startSnapshotGas("baseline");
        uint256 g0 = gasleft();
        uint256 g1 = gasleft();
        uint256 g = vm.stopSnapshotGas();
        MathLog.log("baseline (two gasleft calls) gas", g);
        MathLog.log("gasleft diff", g0 - g1);
        g0 = gasleft();
        int256 r = LogExpMath.lnWad(a);
        g1 = gasleft();
        MathLog.log("lnWad via gasleft", g0 - g1);
        vm.assertGe(r, 0, "ln");
    }

    function _report(string memory name, uint256 gasUsed, uint256 budget) private view {
        MathLog.log(string.concat(name, " gas"), gasUsed);
        vm.assertLe(gasUsed, budget, string.concat(name, " over its gas budget"));
    }
}
