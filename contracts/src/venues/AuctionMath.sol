// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {VaultMath} from "../vault/VaultMath.sol";

/// @title Dutch-auction price curve of the AuctionVenue
/// @notice The auction sells an asset the vault holds too much of at the opening oracle cross price less a discount
///         that grows linearly from 0 to `maxDiscount` over the auction. Every rounding favours the vault: the
///         discount is rounded down, the price and the payment up.
library AuctionMath {
    using VaultMath for uint256;

    uint256 internal constant ONE = 1e18;

    /// @notice The discount `elapsed` seconds into an auction of `duration` seconds, rounded down; capped at
    ///         `cap` (reached only at the end, when the auction is over).
    function discountDown(uint256 cap, uint256 elapsed, uint256 duration) internal pure returns (uint256) {
        if (elapsed >= duration) return cap;
        return cap * elapsed / duration;
    }

    /// @notice The discount the auction may give: the smaller of the vault's slippage bound (below it the vault's
    ///         min-out refuses the fill) and its oracle-vs-venue bound (beyond it the vault refuses the venue's spot).
    function maxDiscount(uint256 maxSlippage, uint256 maxOracleVenueDeviation) internal pure returns (uint256) {
        return maxSlippage < maxOracleVenueDeviation ? maxSlippage : maxOracleVenueDeviation;
    }

    /// @notice Whole `quote` per whole `base` the vault asks now: the opening cross price less `discount`, rounded up
    ///         (so that |oracle - price| / oracle, which the vault checks rounded up, never exceeds the discount).
    function priceUp(uint256 basePrice, uint256 quotePrice, uint256 discount) internal pure returns (uint256) {
        return VaultMath.crossPrice(basePrice, quotePrice).mulUp(ONE - discount);
    }

    /// @notice Raw units of the bought asset a bid for `amountIn` raw units of the sold asset pays: the opening value of
    ///         `amountIn` less `discount`, rounded up. The same formula as the vault's min-out (VaultMath.minAmountOutUp)
    ///         with `discount` for `maxSlippage`, so at unchanged prices a payment is never below the vault's min-out.
    function paymentUp(
        uint256 amountIn,
        uint256 priceIn,
        uint256 scaleIn,
        uint256 priceOut,
        uint256 scaleOut,
        uint256 discount
    ) internal pure returns (uint256) {
        return VaultMath.minAmountOutUp(amountIn, priceIn, scaleIn, priceOut, scaleOut, discount);
    }
}
