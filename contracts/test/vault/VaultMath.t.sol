// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Test} from "../utils/Test.sol";
import {VaultMath} from "../../src/vault/VaultMath.sol";
import {Drift} from "../../src/vault/Drift.sol";
import {IRebalancingVault} from "../../src/interfaces/IRebalancingVault.sol";

/// @notice Rounding directions of VaultMath and the agreement of Drift's two readings of the trigger rules.
contract VaultMathTest is Test {
    function testFuzz_upIsDownOrDownPlusOne(uint256 a, uint256 b, uint256 c) public pure {
        a = bound(a, 0, 1e36);
        b = bound(b, 0, 1e36);
        c = bound(c, 1, 1e36);
        uint256 down = VaultMath.mulDivDown(a, b, c);
        uint256 up = VaultMath.mulDivUp(a, b, c);
        vm.assertEq(down, a * b / c, "down is floor");
        vm.assertEq(up, down + (mulmod(a, b, c) == 0 ? 0 : 1), "up is ceil");
    }

    /// @dev The vault's min-out is never below the exact (1 - slippage) share of the router value of the input.
    function testFuzz_minAmountOutNeverBelowExact(
        uint256 amountIn,
        uint256 pIn,
        uint256 pOut,
        uint8 dIn,
        uint8 dOut,
        uint256 slip
    ) public pure {
        amountIn = bound(amountIn, 1, 1e27);
        pIn = bound(pIn, 1e6, 1e27);
        pOut = bound(pOut, 1e6, 1e27);
        uint256 sIn = 10 ** bound(dIn, 0, 18);
        uint256 sOut = 10 ** bound(dOut, 0, 18);
        slip = bound(slip, 1e14, 1e17);
        uint256 minOut = VaultMath.minAmountOutUp(amountIn, pIn, sIn, pOut, sOut, slip);
        // exact: amountIn * pIn / sIn * (1 - slip) * sOut / pOut, rounded up with 512-bit precision
        uint256 exactUp = Math.mulDiv(amountIn * pIn, (1e18 - slip) * sOut, sIn * 1e18 * pOut, Math.Rounding.Ceil);
        vm.assertGe(minOut, exactUp, "min-out never below the exact budget");
        // above it only by rounding: two value-wei (input value and slippage product, each rounded up) plus one unit
        vm.assertLe(minOut, exactUp + 1 + Math.mulDiv(2, sOut, pOut, Math.Rounding.Ceil), "only rounding above it");
    }

    /// @dev Proportional shares never ask for more than offered, and the owed amounts round up.
    function testFuzz_proportionalShares(uint256[4] memory offered, uint256[4] memory bal, uint256 supply) public view {
        supply = bound(supply, 1e6, 1e30);
        uint256[] memory amounts = new uint256[](4);
        uint256[] memory balances = new uint256[](4);
        for (uint256 i; i < 4; ++i) {
            amounts[i] = bound(offered[i], 0, 1e30);
            balances[i] = bound(bal[i], 1, 1e30);
        }
        uint256 shares = this.sharesFor(amounts, balances, supply);
        for (uint256 i; i < 4; ++i) {
            uint256 owed = VaultMath.proRataUp(balances[i], shares, supply);
            vm.assertLe(owed, amounts[i], "never more than offered");
            vm.assertGe(owed * supply, balances[i] * shares, "owed rounds up");
            vm.assertLe(
                VaultMath.proRataDown(balances[i], shares, supply) * supply, balances[i] * shares, "paid rounds down"
            );
        }
    }

    function sharesFor(uint256[] calldata amounts, uint256[] memory balances, uint256 supply)
        external
        pure
        returns (uint256)
    {
        return VaultMath.proportionalSharesDown(amounts, balances, supply);
    }

    function testFuzz_relDiffUpIsStrict(uint256 a, uint256 ref) public pure {
        a = bound(a, 0, 1e36);
        ref = bound(ref, 1, 1e36);
        uint256 d = VaultMath.relDiffUp(a, ref);
        uint256 diff = a > ref ? a - ref : ref - a;
        vm.assertGe(d * ref, diff * 1e18, "never understates a deviation");
    }

    function testFuzz_deviationsMatchWeights(uint256[3] memory v, uint256 t0) public pure {
        uint256[] memory values = new uint256[](3);
        uint256 total;
        for (uint256 i; i < 3; ++i) {
            values[i] = bound(v[i], 0, 1e30);
            total += values[i];
        }
        uint256[] memory targets = new uint256[](3);
        targets[0] = bound(t0, 1, 1e18 - 2);
        targets[1] = (1e18 - targets[0]) / 2;
        targets[2] = 1e18 - targets[0] - targets[1];
        (uint256 maxAbs, int256[] memory devs) = VaultMath.deviations(values, total, targets);
        uint256 seen;
        for (uint256 i; i < 3; ++i) {
            uint256 w = total == 0 ? 0 : values[i] * 1e18 / total;
            vm.assertEq(devs[i], total == 0 ? int256(0) : int256(w) - int256(targets[i]), "signed deviation");
            uint256 a = devs[i] < 0 ? uint256(-devs[i]) : uint256(devs[i]);
            if (a > seen) seen = a;
        }
        vm.assertEq(maxAbs, seen, "max abs");
    }

    // ---------------------------------------------------------------- Drift: checkDue agrees with isDue

    function checkDue(IRebalancingVault.Params memory p, uint256 d, uint256 last) external view {
        Drift.checkDue(p, d, last);
    }

    function testFuzz_checkDueAgreesWithIsDue(uint8 mode, uint256 d, uint256 band, uint256 last, uint256 interval)
        public
    {
        vm.warp(1_700_000_000);
        IRebalancingVault.Params memory p;
        p.mode = IRebalancingVault.DriftMode(mode % 4);
        p.band = uint64(bound(band, 1e15, 5e17));
        p.interval = uint32(bound(interval, 1 hours, 365 days));
        d = bound(d, 0, 1e18);
        last = bound(last, 0, block.timestamp);
        bool due = Drift.isDue(p, d, last);
        bool passes;
        try this.checkDue(p, d, last) {
            passes = true;
        } catch {}
        vm.assertEq(passes, due, "one reading of the rules");
        bool bandHit = d > p.band;
        bool calHit = block.timestamp >= last + p.interval;
        bool expected = [bandHit, calHit, bandHit || calHit, bandHit && calHit][mode % 4];
        vm.assertEq(due, expected, "mode semantics");
    }

    /// @dev The rebalance's allocation-free drift is the maximum of `deviations`, to the wei.
    function testFuzz_maxDeviation_equalsDeviationsMax(uint256[4] memory raw, uint256 seed) public pure {
        uint256[] memory values = new uint256[](4);
        uint256[] memory targets = new uint256[](4);
        uint256 total;
        uint256 left = 1e18;
        for (uint256 i; i < 4; ++i) {
            values[i] = bound(raw[i], 0, 1e40);
            total += values[i];
            targets[i] = i == 3 ? left : bound(uint256(keccak256(abi.encode(seed, i))), 1, left - (3 - i));
            left -= targets[i];
        }
        (uint256 expected,) = VaultMath.deviations(values, total, targets);
        vm.assertEq(VaultMath.maxDeviation(values, total, targets), expected, "max |weight - target|");
    }
}
