// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "../utils/Test.sol";
import {VaultMath} from "../../src/vault/VaultMath.sol";
import {TradeGuards} from "../../src/vault/TradeGuards.sol";

/// @notice The rebalance's assembly passes (VaultMath.valuesDownPacked, TradeGuards.driftAndGapsDown) against the
///         checked library code they replace on that path (valuesDown, maxDeviation, gaps): the same figures to the
///         wei, and the same revert data (the same Panic) where the checked code reverts, including products and sums
///         that overflow.
contract VaultPackedMathTest is Test {
    // ------------------------------------------------------------ the two sides, called externally to catch reverts

    function checkedValues(uint256[] memory bal, uint256[] memory prices, uint256 decimals, uint256 mask, uint256[] memory values)
        external
        pure
        returns (uint256 total, uint256[] memory out)
    {
        // as the vault did before: every asset through valuesDown, or only the touched ones through valueDown
        uint256 n = bal.length;
        uint256[] memory scales = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            scales[i] = 10 ** ((decimals >> (8 * i)) & 0xff);
        }
        if (mask == type(uint256).max) return VaultMath.valuesDown(bal, prices, scales);
        out = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            out[i] = mask & (1 << i) != 0 ? VaultMath.valueDown(bal[i], prices[i], scales[i]) : values[i];
            total += out[i];
        }
    }

    function packedValues(uint256[] memory bal, uint256[] memory prices, uint256 decimals, uint256 mask, uint256[] memory values)
        external
        pure
        returns (uint256 total, uint256[] memory out)
    {
        total = VaultMath.valuesDownPacked(bal, prices, decimals, mask, values);
        out = values;
    }

    function checkedDrift(uint256[] memory values, uint256 total, uint256[] memory targets, bool withGaps)
        external
        pure
        returns (uint256 drift, int256[] memory gap)
    {
        drift = VaultMath.maxDeviation(values, total, targets);
        if (withGaps) gap = TradeGuards.gaps(values, total, targets);
    }

    function packedDrift(uint256[] memory values, uint256 total, uint256[] memory targets, bool withGaps)
        external
        pure
        returns (uint256 drift, int256[] memory gap)
    {
        (uint256 lo, uint256 hi) = _pack(targets);
        gap = new int256[](withGaps ? values.length : 0);
        drift = TradeGuards.driftAndGapsDown(values, total, lo, hi, gap);
    }

    // ------------------------------------------------------------ properties

    function testFuzz_valuesDownPacked_matchesValuesDown(
        uint256[8] memory rawBal,
        uint256[8] memory rawPrices,
        uint256[8] memory rawValues,
        uint256 seed,
        uint256 mask
    ) public view {
        uint256 n = bound(seed, 2, 8);
        if ((seed >> 12) % 3 == 0) mask = type(uint256).max; // the pass before the legs values every asset
        bool wild = (seed >> 8) % 4 == 0; // a quarter of the runs let products and sums overflow
        uint256[] memory bal = new uint256[](n);
        uint256[] memory prices = new uint256[](n);
        uint256[] memory values = new uint256[](n);
        uint256 decimals;
        for (uint256 i; i < n; ++i) {
            bal[i] = wild ? rawBal[i] : bound(rawBal[i], 0, type(uint128).max);
            prices[i] = wild ? rawPrices[i] : bound(rawPrices[i], 0, 1e27);
            values[i] = wild ? rawValues[i] : bound(rawValues[i], 0, 1e54);
            decimals |= bound(uint256(keccak256(abi.encode(seed, i))), 0, 18) << (8 * i);
        }
        _assertSame(
            abi.encodeCall(this.checkedValues, (bal, prices, decimals, mask, values)),
            abi.encodeCall(this.packedValues, (bal, prices, decimals, mask, values))
        );
    }

    function testFuzz_driftAndGapsDown_matchesMaxDeviationAndGaps(
        uint256[8] memory rawValues,
        uint256 rawTotal,
        uint256 seed
    ) public view {
        uint256 n = bound(seed, 2, 8);
        uint256 kind = (seed >> 8) % 4; // 0: unbounded values and total, 1: empty vault, else a real vault
        uint256[] memory values = new uint256[](n);
        uint256[] memory targets = new uint256[](n);
        uint256 total;
        uint256 left = 1e18;
        for (uint256 i; i < n; ++i) {
            values[i] = kind == 0 ? rawValues[i] : kind == 1 ? 0 : bound(rawValues[i], 0, 1e54);
            if (kind > 1) total += values[i];
            targets[i] = i == n - 1 ? left : bound(uint256(keccak256(abi.encode(seed, i))), 1, left - (n - 1 - i));
            left -= targets[i];
        }
        if (kind == 0) total = rawTotal;
        bool withGaps = (seed >> 16) % 3 != 0;
        _assertSame(
            abi.encodeCall(this.checkedDrift, (values, total, targets, withGaps)),
            abi.encodeCall(this.packedDrift, (values, total, targets, withGaps))
        );
    }

    /// @dev The overflow branches are reached: each side reverts with Panic(0x11) on the same input.
    function test_overflowsRevertAlike() public view {
        uint256[] memory bal = new uint256[](2);
        uint256[] memory prices = new uint256[](2);
        (bal[0], bal[1], prices[0], prices[1]) = (2, 1, type(uint256).max / 2 + 1, 1);
        uint256[] memory values = new uint256[](2);
        bytes memory err = _assertSame(
            abi.encodeCall(this.checkedValues, (bal, prices, 0, 3, values)),
            abi.encodeCall(this.packedValues, (bal, prices, 0, 3, values))
        );
        vm.assertEq(err, abi.encodeWithSignature("Panic(uint256)", 0x11), "product overflow");
        (bal[0], prices[0]) = (1, type(uint256).max);
        err = _assertSame(
            abi.encodeCall(this.checkedValues, (bal, prices, 0, 3, values)),
            abi.encodeCall(this.packedValues, (bal, prices, 0, 3, values))
        );
        vm.assertEq(err, abi.encodeWithSignature("Panic(uint256)", 0x11), "sum overflow");
        uint256[] memory targets = new uint256[](2);
        (targets[0], targets[1]) = (5e17, 5e17);
        (values[0], values[1]) = (type(uint256).max / 1e17, 0);
        err = _assertSame(
            abi.encodeCall(this.checkedDrift, (values, values[0], targets, true)),
            abi.encodeCall(this.packedDrift, (values, values[0], targets, true))
        );
        vm.assertEq(err, abi.encodeWithSignature("Panic(uint256)", 0x11), "weight overflow");
    }

    function _assertSame(bytes memory checkedCall, bytes memory packedCall) internal view returns (bytes memory) {
        (bool okChecked, bytes memory checked) = address(this).staticcall(checkedCall);
        (bool okPacked, bytes memory packed) = address(this).staticcall(packedCall);
        vm.assertEq(okPacked, okChecked, "both succeed or both revert");
        vm.assertEq(packed, checked, "same figures, or the same revert data");
        return okChecked ? bytes("") : checked;
    }

    function _pack(uint256[] memory targets) internal pure returns (uint256 lo, uint256 hi) {
        for (uint256 i; i < targets.length; ++i) {
            if (i < 4) lo |= targets[i] << (64 * i);
            else hi |= targets[i] << (64 * (i - 4));
        }
    }
}
