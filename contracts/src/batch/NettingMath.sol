// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title Oracle-price conversion and the split of a netted pair's proceeds
/// @notice Pure functions; the rounding direction is in each name and always leaves the remainder with the batch's
///         last payee rather than with the contract (nothing stays behind).
library NettingMath {
    /// @notice `amountIn` raw units of a token worth `priceIn` (18-dec numeraire per whole token, `scaleIn` raw units
    ///         per whole token) expressed in raw units of a token worth `priceOut`, rounded down.
    function convertDown(uint256 amountIn, uint256 priceIn, uint256 scaleIn, uint256 priceOut, uint256 scaleOut)
        internal
        pure
        returns (uint256)
    {
        return Math.mulDiv(amountIn, priceIn * scaleOut, priceOut * scaleIn);
    }

    /// @notice Value in the numeraire of `amount` raw units, rounded down.
    function valueDown(uint256 amount, uint256 price, uint256 scale) internal pure returns (uint256) {
        return Math.mulDiv(amount, price, scale);
    }

    /// @notice `surplus` shared in proportion to `weight` of `totalWeight`, rounded down (the caller gives the last
    ///         payee what rounding left, so the sum is exact).
    function shareDown(uint256 surplus, uint256 weight, uint256 totalWeight) internal pure returns (uint256) {
        return Math.mulDiv(surplus, weight, totalWeight);
    }
}
