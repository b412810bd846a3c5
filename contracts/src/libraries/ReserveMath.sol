// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title ReserveMath
/// @notice Prices and amounts of the external pools the venues trade on, in the venues' units: 18-decimal whole quote
///         per whole base. Every function rounds down (a venue's price is compared with the oracle both ways, so
///         neither direction favours anyone; down is the one Uniswap and Balancer use for amounts out).
library ReserveMath {
    uint256 internal constant ONE = 1e18;

    /// @notice Uniswap V2's getAmountOut (v2-periphery `UniswapV2Library`): a 0.3% fee on the input, then x * y = k,
    ///         rounded down exactly as the pair's K check expects.
    function constantProductOutDown(uint256 amountIn, uint256 reserveIn, uint256 reserveOut)
        internal
        pure
        returns (uint256)
    {
        uint256 amountInWithFee = amountIn * 997;
        return amountInWithFee * reserveOut / (reserveIn * 1000 + amountInWithFee);
    }

    /// @notice Spot price of base in quote from two balances and their weights (a constant product pool has equal
    ///         weights): (balanceQuote / weightQuote) / (balanceBase / weightBase), each balance scaled by its token's
    ///         `10 ** decimals`, fee excluded, 18 decimals.
    /// @dev One full-width mulDiv: the numerator balanceQuote * weightBase * baseUnit * 1e18 may exceed 256 bits.
    function weightedSpotDown(
        uint256 balanceBase,
        uint256 baseUnit,
        uint256 weightBase,
        uint256 balanceQuote,
        uint256 quoteUnit,
        uint256 weightQuote
    ) internal pure returns (uint256) {
        return Math.mulDiv(balanceQuote * weightBase, baseUnit * ONE, balanceBase * quoteUnit * weightQuote);
    }

    /// @notice a * b of two 18-decimal prices, rounded down.
    function mulDown(uint256 a, uint256 b) internal pure returns (uint256) {
        return Math.mulDiv(a, b, ONE);
    }
}
