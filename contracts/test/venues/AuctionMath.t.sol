// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "../utils/Test.sol";
import {AuctionMath} from "../../src/venues/AuctionMath.sol";
import {VaultMath} from "../../src/vault/VaultMath.sol";

/// @notice The auction's curve against the vault's own checks: whatever the prices and decimals, a point of the curve
///         passes the vault's spot-vs-oracle bound and min-out when the oracle has not moved since opening.
contract AuctionMathTest is Test {
    function test_discount_linear_roundedDown_cappedAtTheEnd() public pure {
        vm.assertEq(AuctionMath.discountDown(1e16, 0, 4 hours), 0, "starts at the oracle price");
        vm.assertEq(AuctionMath.discountDown(1e16, 1 hours, 4 hours), 0.25e16, "a quarter in");
        vm.assertEq(AuctionMath.discountDown(1e16, 1, 3), 3333333333333333, "rounded down");
        vm.assertEq(AuctionMath.discountDown(1e16, 5 hours, 4 hours), 1e16, "capped");
        vm.assertEq(AuctionMath.maxDiscount(1e16, 2e16), 1e16, "slippage bound the smaller");
        vm.assertEq(AuctionMath.maxDiscount(3e16, 2e16), 2e16, "venue bound the smaller");
    }

    /// @dev The vault refuses a venue whose spot differs from the oracle by more than maxOracleVenueDeviation,
    ///      rounded up: the curve's price, rounded up, never does at a discount within that bound.
    function testFuzz_price_withinTheVaultsSpotBound(uint256 pBase, uint256 pQuote, uint256 discount) public pure {
        pBase = bound(pBase, 1e6, 1e30);
        pQuote = bound(pQuote, 1e6, 1e30);
        discount = bound(discount, 0, 1e17);
        uint256 oracle = VaultMath.crossPrice(pBase, pQuote);
        vm.assume(oracle > 0);
        uint256 price = AuctionMath.priceUp(pBase, pQuote, discount);
        vm.assertLe(price, oracle, "never above the oracle");
        vm.assertLe(VaultMath.relDiffUp(price, oracle), discount, "inside the bound the vault checks");
    }

    /// @dev At unchanged prices a payment at any discount up to maxSlippage meets the vault's min-out.
    function testFuzz_payment_neverBelowTheVaultsMinOut(
        uint256 amountIn,
        uint256 pIn,
        uint256 pOut,
        uint8 decIn,
        uint8 decOut,
        uint256 slippage,
        uint256 discount
    ) public pure {
        amountIn = bound(amountIn, 1, 1e30);
        pIn = bound(pIn, 1e6, 1e26);
        pOut = bound(pOut, 1e6, 1e26);
        uint256 sIn = 10 ** bound(decIn, 0, 18);
        uint256 sOut = 10 ** bound(decOut, 0, 18);
        slippage = bound(slippage, 1e14, 1e17);
        discount = bound(discount, 0, slippage);
        uint256 payment = AuctionMath.paymentUp(amountIn, pIn, sIn, pOut, sOut, discount);
        uint256 minOut = VaultMath.minAmountOutUp(amountIn, pIn, sIn, pOut, sOut, slippage);
        vm.assertGe(payment, minOut, "meets min-out");
        // and never more than the oracle value of the input, bar the rounding up of each step (at most 1 raw unit each)
        uint256 fair = VaultMath.minAmountOutUp(amountIn, pIn, sIn, pOut, sOut, 0);
        vm.assertLe(payment, fair, "never above the oracle value");
    }
}
