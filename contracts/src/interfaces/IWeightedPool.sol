// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title Ballast weighted pool
/// @notice An N-token (2..8) pool whose invariant is V = prod(B_i ^ w_i). The pool holds its own tokens and is its own
///         LP token (ERC20). All prices are 18-decimal fixed point in whole-token units (decimals already applied).
interface IWeightedPool {
    /// @notice A swap. `recipient` is indexed so a wallet or keeper finds its own swaps by log filter; `tokenOut` is in
    ///         the data (three indexed fields at most). The field order differs from the first release on purpose, so
    ///         the event's topic differs too and an old decoder fails instead of misreading the fields.
    event Swap(
        address indexed sender,
        address indexed recipient,
        address indexed tokenIn,
        address tokenOut,
        uint256 amountIn,
        uint256 amountOut
    );
    event Join(address indexed sender, address indexed recipient, uint256[] amountsIn, uint256 lpOut);
    event Exit(address indexed sender, address indexed recipient, uint256[] amountsOut, uint256 lpIn);

    // ---- configuration views ----
    function getTokens() external view returns (IERC20[] memory);
    function getNormalizedWeights() external view returns (uint256[] memory);
    /// @notice Raw token balances the pool accounts for, in each token's own decimals.
    function getBalances() external view returns (uint256[] memory);
    /// @notice Swap fee, 18-decimal fraction (1e16 = 1%).
    function swapFee() external view returns (uint256);
    /// @notice V = prod(B_i ^ w_i) over balances scaled to 18 decimals, rounded down.
    function getInvariant() external view returns (uint256);
    /// @notice Price of one whole `base` token in whole `quote` tokens, 18 decimals, without the swap fee.
    function getSpotPrice(address base, address quote) external view returns (uint256);
    /// @notice As getSpotPrice, but the marginal price a trader pays for `base` in `quote`, fee included.
    function getSpotPriceWithFee(address base, address quote) external view returns (uint256);

    // ---- swaps ----
    function swapExactIn(
        address tokenIn,
        address tokenOut,
        uint256 amountIn,
        uint256 minAmountOut,
        address recipient,
        uint256 deadline
    ) external returns (uint256 amountOut);

    function swapExactOut(
        address tokenIn,
        address tokenOut,
        uint256 amountOut,
        uint256 maxAmountIn,
        address recipient,
        uint256 deadline
    ) external returns (uint256 amountIn);

    function querySwapExactIn(address tokenIn, address tokenOut, uint256 amountIn) external view returns (uint256);
    function querySwapExactOut(address tokenIn, address tokenOut, uint256 amountOut) external view returns (uint256);

    // ---- liquidity ----
    /// @notice Proportional join; the first join (total supply zero) takes `maxAmountsIn` exactly and sets the supply.
    function joinPool(uint256 lpOut, uint256[] calldata maxAmountsIn, address recipient, uint256 deadline)
        external
        returns (uint256[] memory amountsIn);
    function exitPool(uint256 lpIn, uint256[] calldata minAmountsOut, address recipient, uint256 deadline)
        external
        returns (uint256[] memory amountsOut);
    function joinSingle(address tokenIn, uint256 amountIn, uint256 minLpOut, address recipient, uint256 deadline)
        external
        returns (uint256 lpOut);
    function exitSingle(address tokenOut, uint256 lpIn, uint256 minAmountOut, address recipient, uint256 deadline)
        external
        returns (uint256 amountOut);

    function queryJoin(uint256 lpOut) external view returns (uint256[] memory amountsIn);
    function queryExit(uint256 lpIn) external view returns (uint256[] memory amountsOut);
    function queryJoinSingle(address tokenIn, uint256 amountIn) external view returns (uint256 lpOut);
    function queryExitSingle(address tokenOut, uint256 lpIn) external view returns (uint256 amountOut);
}
