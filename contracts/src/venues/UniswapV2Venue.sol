// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IVenue} from "../interfaces/IVenue.sol";
import {IUniswapV2Pair} from "./external/IUniswapV2Pair.sol";
import {ReserveMath} from "../libraries/ReserveMath.sol";

/// @title IVenue over one Uniswap V2 pair
/// @notice The push model is V2's own: the input the caller pushed here is forwarded to the pair, the output computed
///         from the reserves with the pair's 0.3% fee, and `pair.swap` pays the recipient directly. Holds no tokens
///         between transactions and no approvals, so anyone may use it.
/// @dev TWAP: none of its own (`guaranteedWindow() == 0`, `twapPrice` reverts TwapUnsupported). A V2 TWAP needs a
///      stored observation of the pair's cumulative price at the start of the window, written by someone at the right
///      time and readable for as long as the window lasts; a venue that kept one would need an updater and would still
///      guarantee no window to the vault. So a vault records this venue as spot-only and checks its spot against the
///      oracle (maxOracleVenueDeviation) on every leg; a fund that wants a V2-derived TWAP puts it in the price router.
contract UniswapV2Venue is IVenue {
    using SafeERC20 for IERC20;

    IUniswapV2Pair public immutable pair;
    address public immutable token0;
    address public immutable token1;
    uint256 internal immutable unit0; // 10 ** decimals
    uint256 internal immutable unit1;

    error ZeroPair();
    /// @notice `tokenIn`/`tokenOut` are not the pair's two tokens (in either order).
    error NotPairTokens(address tokenIn, address tokenOut);
    error ZeroAmountIn();
    /// @notice The pair would pay `amountOut`, below the caller's `minAmountOut`.
    error InsufficientOutput(uint256 amountOut, uint256 minAmountOut);
    /// @notice The pair has no liquidity on one side, so it has no price.
    error EmptyReserves();

    constructor(address pair_) {
        if (pair_ == address(0)) revert ZeroPair();
        pair = IUniswapV2Pair(pair_);
        (token0, token1) = (pair.token0(), pair.token1());
        unit0 = 10 ** IERC20Metadata(token0).decimals();
        unit1 = 10 ** IERC20Metadata(token1).decimals();
    }

    /// @inheritdoc IVenue
    /// @dev The output is computed from amountIn, not from what reached the pair: a fee-on-transfer input makes the
    ///      pair revert ("UniswapV2: K") rather than fill short.
    function swapExactIn(address tokenIn, address tokenOut, uint256 amountIn, uint256 minAmountOut, address recipient)
        external
        returns (uint256 amountOut)
    {
        bool zeroForOne = _zeroForOne(tokenIn, tokenOut);
        amountOut = _amountOutDown(zeroForOne, amountIn);
        if (amountOut < minAmountOut) revert InsufficientOutput(amountOut, minAmountOut);
        IERC20(tokenIn).safeTransfer(address(pair), amountIn);
        (uint256 out0, uint256 out1) = zeroForOne ? (uint256(0), amountOut) : (amountOut, uint256(0));
        pair.swap(out0, out1, recipient, "");
    }

    /// @inheritdoc IVenue
    /// @dev Exact: the same formula and reserves swapExactIn uses in the same block.
    function quoteExactIn(address tokenIn, address tokenOut, uint256 amountIn) external view returns (uint256) {
        return _amountOutDown(_zeroForOne(tokenIn, tokenOut), amountIn);
    }

    /// @inheritdoc IVenue
    function spotPrice(address base, address quote) external view returns (uint256) {
        bool baseIs0 = _zeroForOne(base, quote);
        (uint256 r0, uint256 r1,) = pair.getReserves();
        if (r0 == 0 || r1 == 0) revert EmptyReserves();
        return baseIs0
            ? ReserveMath.weightedSpotDown(r0, unit0, 1, r1, unit1, 1)
            : ReserveMath.weightedSpotDown(r1, unit1, 1, r0, unit0, 1);
    }

    /// @inheritdoc IVenue
    /// @dev This venue: it forwards what it holds.
    function payee() external view returns (address) {
        return address(this);
    }

    /// @inheritdoc IVenue
    /// @dev Always reverts: see the contract's note on TWAP.
    function twapPrice(address, address, uint32) external pure returns (uint256) {
        revert TwapUnsupported();
    }

    /// @inheritdoc IVenue
    function guaranteedWindow() external pure returns (uint32) {
        return 0;
    }

    function _zeroForOne(address tokenIn, address tokenOut) internal view returns (bool) {
        if (tokenIn == token0 && tokenOut == token1) return true;
        if (tokenIn == token1 && tokenOut == token0) return false;
        revert NotPairTokens(tokenIn, tokenOut);
    }

    function _amountOutDown(bool zeroForOne, uint256 amountIn) internal view returns (uint256) {
        if (amountIn == 0) revert ZeroAmountIn();
        (uint256 r0, uint256 r1,) = pair.getReserves();
        if (r0 == 0 || r1 == 0) revert EmptyReserves();
        return zeroForOne
            ? ReserveMath.constantProductOutDown(amountIn, r0, r1)
            : ReserveMath.constantProductOutDown(amountIn, r1, r0);
    }
}
