// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";

import {IWeightedPoolErrors} from "./IWeightedPoolErrors.sol";

/// @title Immutable token configuration of a weighted pool
/// @notice 2..8 tokens, their normalized weights and decimal scaling factors, validated once and kept as individual
///         immutables (in the code, not in storage), so a swap pays no SLOAD to know what it trades.
/// @dev Unused slots hold address(0) / 0; a lookup of address(0) is refused before any comparison.
abstract contract PoolTokens is IWeightedPoolErrors {
    uint256 public constant MIN_TOKENS = 2;
    uint256 public constant MAX_TOKENS = 8;
    /// @notice Smallest weight a token may have (1%).
    uint256 public constant MIN_WEIGHT = 1e16;

    uint256 internal immutable _numTokens;

    address internal immutable _token0;
    address internal immutable _token1;
    address internal immutable _token2;
    address internal immutable _token3;
    address internal immutable _token4;
    address internal immutable _token5;
    address internal immutable _token6;
    address internal immutable _token7;

    /// @dev 10^(18 - decimals): raw amount * scale = 18-decimal amount. Tokens 0 and 1 (every trade of a 2-token
    ///      pool, and the oracle's quote token) have their own immutables.
    uint256 internal immutable _scale0;
    uint256 internal immutable _scale1;
    uint256 internal immutable _weight0;
    uint256 internal immutable _weight1;
    /// @dev All eight scales and weights, 64 bits each (both are at most 1e18 < 2^60), four per word: an index
    ///      lookup is a shift of one constant instead of a chain of eight (each constant is 33 bytes of code at every
    ///      place the lookup is inlined; the pool's runtime must stay under 24,576 bytes).
    uint256 private immutable _scalesLow;
    uint256 private immutable _scalesHigh;
    uint256 private immutable _weightsLow;
    uint256 private immutable _weightsHigh;

    constructor(IERC20[] memory tokens, uint256[] memory weights) {
        uint256 n = tokens.length;
        if (n < MIN_TOKENS || n > MAX_TOKENS) revert TokenCountOutOfRange(n, MIN_TOKENS, MAX_TOKENS);
        if (weights.length != n) revert LengthMismatch(n, weights.length);
        _validateWeights(weights);
        uint256[] memory scales = _validateTokens(tokens);

        // pad to 8 so every immutable is assigned from an in-range index
        address[8] memory t;
        uint256[8] memory s;
        uint256[8] memory w;
        for (uint256 i; i < n; ++i) {
            t[i] = address(tokens[i]);
            s[i] = scales[i];
            w[i] = weights[i];
        }
        _numTokens = n;
        (_token0, _token1, _token2, _token3, _token4, _token5, _token6, _token7) =
            (t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7]);
        (_scale0, _scale1, _weight0, _weight1) = (s[0], s[1], w[0], w[1]);
        (_scalesLow, _scalesHigh) = (_pack4(s, 0), _pack4(s, 4));
        (_weightsLow, _weightsHigh) = (_pack4(w, 0), _pack4(w, 4));
    }

    /// @notice Number of tokens in the pool.
    function numTokens() external view returns (uint256) {
        return _numTokens;
    }

    // ------------------------------------------------------------------ lookups

    /// @dev Index of `token`, or UnknownToken. Ordered so a 2-token pool pays two comparisons at most.
    function _indexOf(address token) internal view returns (uint256) {
        if (token != address(0)) {
            if (token == _token0) return 0;
            if (token == _token1) return 1;
            if (token == _token2) return 2;
            if (token == _token3) return 3;
            if (token == _token4) return 4;
            if (token == _token5) return 5;
            if (token == _token6) return 6;
            if (token == _token7) return 7;
        }
        revert UnknownToken(token);
    }

    function _tokenAt(uint256 i) internal view returns (address) {
        if (i == 0) return _token0;
        if (i == 1) return _token1;
        if (i == 2) return _token2;
        if (i == 3) return _token3;
        if (i == 4) return _token4;
        if (i == 5) return _token5;
        if (i == 6) return _token6;
        return _token7;
    }

    function _scaleAt(uint256 i) internal view returns (uint256) {
        return uint64((i < 4 ? _scalesLow : _scalesHigh) >> ((i & 3) << 6));
    }

    function _weightAt(uint256 i) internal view returns (uint256) {
        return uint64((i < 4 ? _weightsLow : _weightsHigh) >> ((i & 3) << 6));
    }

    function _pack4(uint256[8] memory v, uint256 from) private pure returns (uint256 word) {
        for (uint256 i; i < 4; ++i) {
            word |= v[from + i] << (i << 6);
        }
    }

    function _tokens() internal view returns (IERC20[] memory tokens) {
        uint256 n = _numTokens;
        tokens = new IERC20[](n);
        for (uint256 i; i < n; ++i) {
            tokens[i] = IERC20(_tokenAt(i));
        }
    }

    function _weights() internal view returns (uint256[] memory weights) {
        uint256 n = _numTokens;
        weights = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            weights[i] = _weightAt(i);
        }
    }

    // ------------------------------------------------------------------ validation

    function _validateWeights(uint256[] memory weights) private pure {
        uint256 sum;
        for (uint256 i; i < weights.length; ++i) {
            if (weights[i] < MIN_WEIGHT) revert WeightBelowMinimum(i, weights[i], MIN_WEIGHT);
            sum += weights[i];
        }
        if (sum != 1e18) revert WeightsDoNotSumToOne(sum);
    }

    function _validateTokens(IERC20[] memory tokens) private view returns (uint256[] memory scales) {
        uint256 n = tokens.length;
        scales = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            address token = address(tokens[i]);
            if (token == address(0)) revert ZeroAddressToken(i);
            for (uint256 j; j < i; ++j) {
                if (address(tokens[j]) == token) revert DuplicateToken(token);
            }
            uint8 decimals = IERC20Metadata(token).decimals();
            if (decimals > 18) revert TokenDecimalsTooHigh(token, decimals);
            scales[i] = 10 ** (18 - uint256(decimals));
        }
    }
}
