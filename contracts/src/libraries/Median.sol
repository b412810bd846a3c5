// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title Median of a small set of prices
/// @notice Built for the price router's 2..8 sources: insertion sort is cheaper than anything cleverer at that size.
library Median {
    error EmptySet();

    /// @notice Sorts `values` ascending in place.
    function sortAscending(uint256[] memory values) internal pure {
        uint256 n = values.length;
        for (uint256 i = 1; i < n; ++i) {
            uint256 key = values[i];
            uint256 j = i;
            while (j > 0 && values[j - 1] > key) {
                values[j] = values[j - 1];
                --j;
            }
            values[j] = key;
        }
    }

    /// @notice Median of an ascending array; for an even count, the mean of the two middle values rounded down.
    /// @dev Rounding down is harmless here: both middle values were accepted as prices, and the error is < 1 wei.
    function medianOfSortedDown(uint256[] memory sorted) internal pure returns (uint256) {
        uint256 n = sorted.length;
        if (n == 0) revert EmptySet();
        uint256 mid = n / 2;
        if (n % 2 == 1) return sorted[mid];
        return midpointDown(sorted[mid - 1], sorted[mid]);
    }

    /// @notice floor((a + b) / 2) without the overflow of a + b.
    function midpointDown(uint256 a, uint256 b) internal pure returns (uint256) {
        return (a >> 1) + (b >> 1) + (a & b & 1);
    }
}
