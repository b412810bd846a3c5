// SPDX-License-Identifier: GPL-2.0-or-later
pragma solidity 0.8.37;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title Uniswap V3 price math: sqrt prices, ticks and 18-decimal prices
/// @notice `sqrtRatioAtTick` is Uniswap v3-core 1.0.1 `TickMath.getSqrtRatioAtTick` (GPL-2.0-or-later; its package
///         pins solidity <0.8.0, so it cannot be imported) ported to 0.8 with `unchecked` and a custom error; the
///         constants are byte for byte the original's. The rest turns a Q64.96 sqrt price into the 18-decimal
///         "whole quote per whole base" price the venue and the oracle speak, with the rounding direction in the name.
library UniswapV3Math {
    /// @dev TickMath.MIN_TICK / MAX_TICK: log base 1.0001 of 2**-128 and 2**128.
    int24 internal constant MIN_TICK = -887272;
    int24 internal constant MAX_TICK = 887272;
    /// @dev TickMath.MIN_SQRT_RATIO / MAX_SQRT_RATIO: the bounds of any sqrt price a pool can hold.
    uint160 internal constant MIN_SQRT_RATIO = 4295128739;
    uint160 internal constant MAX_SQRT_RATIO = 1461446703485210103287273052203988822378723970342;

    uint256 internal constant Q64 = 1 << 64;
    uint256 internal constant Q96 = 1 << 96;
    uint256 internal constant Q128 = 1 << 128;
    uint256 internal constant WAD = 1e18;
    /// @notice Largest token decimals the price functions accept: with both sides <= 18 no result can overflow.
    uint8 internal constant MAX_DECIMALS = 18;

    error TickOutOfRange(int24 tick);

    /// @notice sqrt(1.0001^tick) * 2^96, rounded up (TickMath.getSqrtRatioAtTick).
    function sqrtRatioAtTick(int24 tick) internal pure returns (uint160 sqrtPriceX96) {
        unchecked {
            uint256 absTick = tick < 0 ? uint256(-int256(tick)) : uint256(int256(tick));
            if (absTick > uint256(int256(MAX_TICK))) revert TickOutOfRange(tick);

            uint256 ratio =
                absTick & 0x1 != 0 ? 0xfffcb933bd6fad37aa2d162d1a594001 : 0x100000000000000000000000000000000;
            if (absTick & 0x2 != 0) ratio = (ratio * 0xfff97272373d413259a46990580e213a) >> 128;
            if (absTick & 0x4 != 0) ratio = (ratio * 0xfff2e50f5f656932ef12357cf3c7fdcc) >> 128;
            if (absTick & 0x8 != 0) ratio = (ratio * 0xffe5caca7e10e4e61c3624eaa0941cd0) >> 128;
            if (absTick & 0x10 != 0) ratio = (ratio * 0xffcb9843d60f6159c9db58835c926644) >> 128;
            if (absTick & 0x20 != 0) ratio = (ratio * 0xff973b41fa98c081472e6896dfb254c0) >> 128;
            if (absTick & 0x40 != 0) ratio = (ratio * 0xff2ea16466c96a3843ec78b326b52861) >> 128;
            if (absTick & 0x80 != 0) ratio = (ratio * 0xfe5dee046a99a2a811c461f1969c3053) >> 128;
            if (absTick & 0x100 != 0) ratio = (ratio * 0xfcbe86c7900a88aedcffc83b479aa3a4) >> 128;
            if (absTick & 0x200 != 0) ratio = (ratio * 0xf987a7253ac413176f2b074cf7815e54) >> 128;
            if (absTick & 0x400 != 0) ratio = (ratio * 0xf3392b0822b70005940c7a398e4b70f3) >> 128;
            if (absTick & 0x800 != 0) ratio = (ratio * 0xe7159475a2c29b7443b29c7fa6e889d9) >> 128;
            if (absTick & 0x1000 != 0) ratio = (ratio * 0xd097f3bdfd2022b8845ad8f792aa5825) >> 128;
            if (absTick & 0x2000 != 0) ratio = (ratio * 0xa9f746462d870fdf8a65dc1f90e061e5) >> 128;
            if (absTick & 0x4000 != 0) ratio = (ratio * 0x70d869a156d2a1b890bb3df62baf32f7) >> 128;
            if (absTick & 0x8000 != 0) ratio = (ratio * 0x31be135f97d08fd981231505542fcfa6) >> 128;
            if (absTick & 0x10000 != 0) ratio = (ratio * 0x9aa508b5b7a84e1c677de54f3e99bc9) >> 128;
            if (absTick & 0x20000 != 0) ratio = (ratio * 0x5d6af8dedb81196699c329225ee604) >> 128;
            if (absTick & 0x40000 != 0) ratio = (ratio * 0x2216e584f5fa1ea926041bedfe98) >> 128;
            if (absTick & 0x80000 != 0) ratio = (ratio * 0x48a170391f7dc42444e8fa2) >> 128;

            if (tick > 0) ratio = type(uint256).max / ratio;

            // this divides by 1<<32 rounding up to go from a Q128.128 to a Q128.96.
            // we then downcast because we know the result always fits within 160 bits due to our tick input constraint
            // we round up in the division so getTickAtSqrtRatio of the output price is always consistent

            // divides by 1<<32 rounding up to go from a Q128.128 to a Q128.96 (as the original)
            sqrtPriceX96 = uint160((ratio >> 32) + (ratio % (1 << 32) == 0 ? 0 : 1));
        }
    }

    /// @notice Whole token 1 per whole token 0, 18 decimals, rounded down: sqrtP^2 / 2^192 * 10^dec0 / 10^dec1.
    /// @dev Two mulDivs, so no intermediate overflows for any sqrtP < 2^160: sqrtP^2 / 2^64 < 2^256, and the result
    ///      is below 2^128 * 10^36 < 2^248 for decimals <= 18. The first floor costs under one wei of the result
    ///      (it is scaled by 1e18 * 10^dec0 / (2^128 * 10^dec1) < 1), so the result is within 2 wei below the exact
    ///      value.
    /// @param scale0 10^decimals of token 0; @param scale1 10^decimals of token 1.
    function price0In1Down(uint160 sqrtPriceX96, uint256 scale0, uint256 scale1) internal pure returns (uint256) {
        uint256 ratioX128 = Math.mulDiv(sqrtPriceX96, sqrtPriceX96, Q64);
        return Math.mulDiv(ratioX128, WAD * scale0, Q128 * scale1);
    }

    /// @notice Whole token 0 per whole token 1, 18 decimals, rounded down: 2^192 / sqrtP^2 * 10^dec1 / 10^dec0.
    /// @dev floor(2^192 / sqrtP) < 2^160 since sqrtP >= MIN_SQRT_RATIO > 2^32, so the second mulDiv's result stays
    ///      below 2^128 * 10^36. The first floor, carried through, costs under one wei of the result when
    ///      sqrtP >= 10^36 (>= 1e18 * scale1 / scale0), and under a relative 2^-72 otherwise (the floored quotient then
    ///      exceeds 2^72).
    function price1In0Down(uint160 sqrtPriceX96, uint256 scale0, uint256 scale1) internal pure returns (uint256) {
        uint256 inverseX96 = Math.mulDiv(Q96, Q96, sqrtPriceX96);
        return Math.mulDiv(inverseX96, WAD * scale1, uint256(sqrtPriceX96) * scale0);
    }

    /// @notice The arithmetic mean tick over `window` seconds from two tick accumulators, rounded toward negative
    ///         infinity (as OracleLibrary.consult): the geometric-mean price's tick.
    function meanTickDown(int56 tickCumulativeStart, int56 tickCumulativeEnd, uint32 window)
        internal
        pure
        returns (int24 meanTick)
    {
        int56 delta = tickCumulativeEnd - tickCumulativeStart;
        int56 w = int56(uint56(window));
        meanTick = int24(delta / w);
        if (delta < 0 && delta % w != 0) meanTick--;
    }
}
