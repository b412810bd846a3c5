// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title Fixed-point and valuation math of the rebalancing vault
/// @notice Pure functions, no state. Rounding direction is in each name; every caller picks the direction that favours
///         the vault (shares and payouts down, amounts owed to the vault and guard thresholds up / stricter).
///         Products are plain checked 256-bit multiplications (no 512-bit mulDiv, to keep the vault small): they
///         revert rather than wrap, and stay far below 2^256 for any real vault (raw amounts and prices below 1e27,
///         values below 1e54 numeraire wei).
library VaultMath {
    uint256 internal constant ONE = 1e18;

    function mulDivDown(uint256 a, uint256 b, uint256 c) internal pure returns (uint256) {
        return a * b / c;
    }

    function mulDivUp(uint256 a, uint256 b, uint256 c) internal pure returns (uint256) {
        uint256 p = a * b;
        return p == 0 ? 0 : (p - 1) / c + 1;
    }

    function mulDown(uint256 a, uint256 b) internal pure returns (uint256) {
        return mulDivDown(a, b, ONE);
    }

    function mulUp(uint256 a, uint256 b) internal pure returns (uint256) {
        return mulDivUp(a, b, ONE);
    }

    function divDown(uint256 a, uint256 b) internal pure returns (uint256) {
        return mulDivDown(a, ONE, b);
    }

    /// @notice Value (numeraire, 18 dec) of `amount` raw units of a token whose one whole unit is `scale` raw units.
    function valueDown(uint256 amount, uint256 price, uint256 scale) internal pure returns (uint256) {
        return mulDivDown(amount, price, scale);
    }

    function valueUp(uint256 amount, uint256 price, uint256 scale) internal pure returns (uint256) {
        return mulDivUp(amount, price, scale);
    }

    /// @notice Raw token amount worth `value`, rounded down.
    function amountDown(uint256 value, uint256 price, uint256 scale) internal pure returns (uint256) {
        return mulDivDown(value, scale, price);
    }

    function amountUp(uint256 value, uint256 price, uint256 scale) internal pure returns (uint256) {
        return mulDivUp(value, scale, price);
    }

    /// @notice Per-asset values and their sum, each rounded down (NAV is never overstated).
    function valuesDown(uint256[] memory balances, uint256[] memory prices, uint256[] memory scales)
        internal
        pure
        returns (uint256 total, uint256[] memory values)
    {
        uint256 n = balances.length;
        values = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            values[i] = valueDown(balances[i], prices[i], scales[i]);
            total += values[i];
        }
    }

    /// @notice valuesDown for the assets in `mask` (bit i: asset i), written over `values`, and the sum of all of
    ///         `values` afterwards: the rebalance's hot path. Assembly with the checked code's reverts: Panic(0x11) on
    ///         an overflowing product or sum, Panic(0x32) when `prices` or `values` is shorter than `balances`.
    /// @param decimals Each asset's decimals, 8 bits each (asset i in bits [8i, 8i + 8)), at most 77 so that
    ///        10 ** decimals fits (the vault's are at most 18).
    function valuesDownPacked(
        uint256[] memory balances,
        uint256[] memory prices,
        uint256 decimals,
        uint256 mask,
        uint256[] memory values
    ) internal pure returns (uint256 total) {
        assembly ("memory-safe") {
            function panic(code) {
                mstore(0x00, 0x4e487b71)
                mstore(0x20, code)
                revert(0x1c, 0x24)
            }
            let n := mload(balances)
            if or(lt(mload(prices), n), lt(mload(values), n)) { panic(0x32) }
            for { let i := 0 } lt(i, n) { i := add(i, 1) } {
                let off := shl(5, add(i, 1))
                let v := mload(add(values, off))
                if and(shr(i, mask), 1) {
                    let b := mload(add(balances, off))
                    let p := mload(add(prices, off))
                    let prod := mul(b, p)
                    if iszero(or(iszero(b), eq(div(prod, b), p))) { panic(0x11) }
                    v := div(prod, exp(10, and(shr(shl(3, i), decimals), 0xff)))
                    mstore(add(values, off), v)
                }
                let t := add(total, v)
                if lt(t, total) { panic(0x11) }
                total := t
            }
        }
    }

    /// @notice Value weights, rounded down; all zero when the vault is empty.
    function weightsDown(uint256[] memory values, uint256 total) internal pure returns (uint256[] memory w) {
        uint256 n = values.length;
        w = new uint256[](n);
        if (total == 0) return w;
        for (uint256 i; i < n; ++i) {
            w[i] = mulDivDown(values[i], ONE, total);
        }
    }

    /// @notice Signed (weight - target) per asset and the largest absolute one.
    function deviations(uint256[] memory values, uint256 total, uint256[] memory targets)
        internal
        pure
        returns (uint256 maxAbs, int256[] memory devs)
    {
        uint256[] memory w = weightsDown(values, total);
        uint256 n = w.length;
        devs = new int256[](n);
        if (total == 0) return (0, devs);
        for (uint256 i; i < n; ++i) {
            // weights and targets are <= 1e18, so the casts cannot overflow
            int256 d = int256(w[i]) - int256(targets[i]);
            devs[i] = d;
            uint256 a = d < 0 ? uint256(-d) : uint256(d);
            if (a > maxAbs) maxAbs = a;
        }
    }

    /// @notice The largest |weight - target| of `deviations`, without building the arrays. The rebalance computes it
    ///         with TradeGuards.driftAndGapsDown, tested against this (VaultPackedMathTest).
    function maxDeviation(uint256[] memory values, uint256 total, uint256[] memory targets)
        internal
        pure
        returns (uint256 maxAbs)
    {
        if (total == 0) return 0;
        uint256 n = values.length;
        for (uint256 i; i < n; ++i) {
            uint256 w = mulDivDown(values[i], ONE, total);
            uint256 t = targets[i];
            uint256 a = w > t ? w - t : t - w;
            if (a > maxAbs) maxAbs = a;
        }
    }

    /// @notice |a - ref| / ref, rounded up so that a bound check on it is never more lenient than exact math.
    function relDiffUp(uint256 a, uint256 ref) internal pure returns (uint256) {
        if (ref == 0) return type(uint256).max;
        uint256 d = a > ref ? a - ref : ref - a;
        return mulDivUp(d, ONE, ref);
    }

    /// @notice Price of `base` in `quote` (whole units, 18 dec) from two numeraire prices.
    function crossPrice(uint256 basePrice, uint256 quotePrice) internal pure returns (uint256) {
        return mulDivDown(basePrice, ONE, quotePrice);
    }

    /// @notice Least acceptable output of a trade: the router value of the input less `maxSlippage`, in raw output
    ///         units, rounded up (the vault never accepts less than its budget allows).
    function minAmountOutUp(
        uint256 amountIn,
        uint256 priceIn,
        uint256 scaleIn,
        uint256 priceOut,
        uint256 scaleOut,
        uint256 maxSlippage
    ) internal pure returns (uint256) {
        uint256 valueIn = valueUp(amountIn, priceIn, scaleIn);
        return amountUp(mulUp(valueIn, ONE - maxSlippage), priceOut, scaleOut);
    }

    /// @notice Shares a proportional deposit of `amounts` earns: the smallest pro-rata ratio, rounded down.
    ///         Assets the vault holds none of cannot be part of a proportional deposit and are ignored.
    function proportionalSharesDown(uint256[] calldata amounts, uint256[] memory balances, uint256 supply)
        internal
        pure
        returns (uint256 shares)
    {
        shares = type(uint256).max;
        for (uint256 i; i < balances.length; ++i) {
            if (balances[i] == 0) continue;
            uint256 s = mulDivDown(amounts[i], supply, balances[i]);
            if (s < shares) shares = s;
        }
        if (shares == type(uint256).max) shares = 0;
    }

    /// @notice Raw amount of an asset that `shares` of `supply` correspond to, rounded up (owed to the vault).
    function proRataUp(uint256 balance, uint256 shares, uint256 supply) internal pure returns (uint256) {
        return mulDivUp(balance, shares, supply);
    }

    /// @notice Raw amount of an asset that `shares` of `supply` redeem for, rounded down (paid by the vault).
    function proRataDown(uint256 balance, uint256 shares, uint256 supply) internal pure returns (uint256) {
        return mulDivDown(balance, shares, supply);
    }
}
