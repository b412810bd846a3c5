// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title Weighted pool errors
/// @notice Every way a WeightedPool refuses a call, besides those of its libraries: Oracle.OracleWindowNotCovered,
///         PoolBalances.BalanceOverflow, WeightedMath.MaxInRatio / MaxOutRatio (the 30% trade limits).
interface IWeightedPoolErrors {
    // ---- configuration (constructor) ----
    error TokenCountOutOfRange(uint256 count, uint256 min, uint256 max);
    error LengthMismatch(uint256 expected, uint256 actual);
    error ZeroAddressToken(uint256 index);
    error DuplicateToken(address token);
    error TokenDecimalsTooHigh(address token, uint8 decimals);
    error WeightBelowMinimum(uint256 index, uint256 weight, uint256 minimum);
    error WeightsDoNotSumToOne(uint256 sum);
    error SwapFeeOutOfRange(uint256 fee, uint256 min, uint256 max);

    // ---- calls ----
    error Expired(uint256 deadline, uint256 timestamp);
    error ZeroAmount();
    error UnknownToken(address token);
    error SameToken(address token);
    error PoolNotInitialized();
    error AmountOutBelowMin(uint256 amountOut, uint256 minAmountOut);
    error AmountInAboveMax(uint256 amountIn, uint256 maxAmountIn);
    error LpOutBelowMin(uint256 lpOut, uint256 minLpOut);
    error InitialLiquidityTooLow(uint256 lpSupply, uint256 minimum);
    /// @notice The pool received less than the amount transferred: fee-on-transfer tokens are not supported.
    error TransferShortfall(address token, uint256 expected, uint256 received);
    error ZeroWindow();
}
