// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {VaultIntegrationFixture} from "./VaultIntegrationFixture.sol";
import {IWeightedPoolErrors} from "../../src/pool/IWeightedPoolErrors.sol";
import {IVenue} from "../../src/interfaces/IVenue.sol";
import {Oracle} from "../../src/libraries/Oracle.sol";

/// @notice WeightedPoolVenue forwards its callers' argument words to the pool (no ABI re-encoding): every answer and
///         every revert must be the pool's own, as a high-level call would give them.
contract WeightedPoolVenueTest is VaultIntegrationFixture {
    address internal constant TRADER = address(0x7EAD);

    function testFuzz_prices_areThePools(uint256 b, uint256 q, uint32 window) public view {
        (address base, address quote) = (assetList[b % 4], assetList[q % 4]);
        _assertSameOutcome(
            address(venue), abi.encodeCall(IVenue.spotPrice, (base, quote)),
            abi.encodeWithSignature("getSpotPrice(address,address)", base, quote)
        );
        _assertSameOutcome(
            address(venue), abi.encodeCall(IVenue.twapPrice, (base, quote, window)),
            abi.encodeWithSignature("getTwapPair(address,address,uint32)", base, quote, window)
        );
    }

    function test_twapPrice_bubblesThePoolsErrors() public {
        (address a0, address a1) = (assetList[0], assetList[1]);
        vm.expectRevert(IWeightedPoolErrors.ZeroWindow.selector);
        venue.twapPrice(a1, a0, 0);
        uint32 beyond = type(uint32).max;
        (bool ok, bytes memory reason) = address(pool).staticcall(
            abi.encodeWithSignature("getTwapPair(address,address,uint32)", a1, a0, beyond)
        );
        vm.assertFalse(ok, "the pool cannot cover ~136 years");
        vm.assertEq(bytes32(bytes4(reason)), bytes32(Oracle.OracleWindowNotCovered.selector), "the pool's own error");
        vm.expectRevert(reason);
        venue.twapPrice(a1, a0, beyond);
        vm.expectRevert(abi.encodeWithSelector(IWeightedPoolErrors.UnknownToken.selector, address(0xBAD)));
        venue.spotPrice(address(0xBAD), a0);
    }

    function test_forwardedArguments_mustBeClean() public view {
        // an address word with a high bit set: refused (by the venue's decoder or the pool's), never truncated
        bytes memory dirty = abi.encodeCall(IVenue.spotPrice, (assetList[1], assetList[0]));
        dirty[4] = 0x01;
        (bool ok,) = address(venue).staticcall(dirty);
        vm.assertFalse(ok, "dirty base refused");
        // short calldata: refused
        (ok,) = address(venue).staticcall(abi.encodeWithSelector(IVenue.twapPrice.selector, assetList[1]));
        vm.assertFalse(ok, "short calldata refused");
    }

    function testFuzz_swapExactIn_paysWhatThePoolPays(uint256 amount, bool generousMin) public {
        amount = bound(amount, 1e6, 100_000e6); // asset 1 has 6 decimals: $1 to $100k
        (address tIn, address tOut) = (assetList[1], assetList[0]);
        uint256 quoted = pool.querySwapExactIn(tIn, tOut, amount);
        tokens[1].mint(address(venue), amount); // the push: the input is already at the venue
        if (generousMin) {
            vm.expectRevert(
                abi.encodeWithSelector(IWeightedPoolErrors.AmountOutBelowMin.selector, quoted, quoted + 1)
            );
            vm.prank(TRADER);
            venue.swapExactIn(tIn, tOut, amount, quoted + 1, TRADER);
            return;
        }
        vm.prank(TRADER);
        uint256 out = venue.swapExactIn(tIn, tOut, amount, quoted, TRADER);
        vm.assertEq(out, quoted, "returns the pool's amount out");
        vm.assertEq(tokens[0].balanceOf(TRADER), quoted, "the recipient is paid by the pool");
        vm.assertEq(tokens[1].balanceOf(address(venue)), 0, "the venue keeps nothing");
    }

    function test_swapExactIn_withoutInput_revertsWithThePoolsReason() public {
        // nothing pushed: the pool's pull from the venue fails inside the token, and that revert comes back whole
        (address tIn, address tOut) = (assetList[1], assetList[0]);
        (bool ok, bytes memory viaVenue) =
            address(venue).call(abi.encodeCall(IVenue.swapExactIn, (tIn, tOut, 1e6, 0, TRADER)));
        vm.assertFalse(ok, "no input, no swap");
        vm.prank(address(venue));
        (bool direct, bytes memory viaPool) = address(pool).call(
            abi.encodeWithSignature(
                "swapExactIn(address,address,uint256,uint256,address,uint256)", tIn, tOut, 1e6, 0, TRADER, block.timestamp
            )
        );
        vm.assertFalse(direct, "the pool refuses it too");
        vm.assertEq(viaVenue, viaPool, "same revert data");
        vm.assertGt(viaVenue.length, 3, "a reason, not an empty revert");
    }

    function _assertSameOutcome(address target, bytes memory call, bytes memory poolCall) private view {
        (bool ok, bytes memory got) = target.staticcall(call);
        (bool poolOk, bytes memory want) = address(pool).staticcall(poolCall);
        vm.assertEq(ok, poolOk, "same success");
        vm.assertEq(got, want, "same bytes");
    }
}
