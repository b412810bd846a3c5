// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IUniswapV3Pool} from "@uniswap/v3-core/contracts/interfaces/IUniswapV3Pool.sol";
import {IUniswapV3SwapCallback} from "@uniswap/v3-core/contracts/interfaces/callback/IUniswapV3SwapCallback.sol";
import {IVenue} from "../interfaces/IVenue.sol";
import {UniswapV3Math} from "../libraries/UniswapV3Math.sol";
import {UniswapV3Oracle} from "../libraries/UniswapV3Oracle.sol";

/// @title IVenue over one Uniswap V3 pool
/// @notice Swaps directly on the pool (no periphery router: measured cheaper, see README "Venues"), paying the pool in
///         the swap callback from the input the caller pushed here earlier in the same transaction. Spot from the
///         pool's `slot0`, TWAP from its own `observe`. Holds no tokens between transactions and no allowances, keeps
///         no state, so anyone may use it; one venue per pool, tokens read from the pool.
/// @dev Price limit: the swap runs with the extreme limit (MIN_SQRT_RATIO + 1 or MAX_SQRT_RATIO - 1) and min-out is
///      checked on the amount actually received. A limit derived from min-out cannot be exact: min-out bounds the
///      trade's AVERAGE price, the limit bounds the MARGINAL price at which the pool stops, and the marginal price of
///      a trade ends worse than its average. A limit at the min average price would stop trades that meet min-out,
///      and a stopped V3 swap is a partial fill (it keeps the rest of the input here), which this push-model venue must
///      refuse anyway. So a partial fill (the pool running out of liquidity before the extreme price) reverts
///      PartialFill, and min-out is enforced exactly on the result.
contract UniswapV3Venue is IVenue, IUniswapV3SwapCallback {
    using SafeERC20 for IERC20;

    /// @notice The pool all swaps and prices go through.
    IUniswapV3Pool public immutable pool;
    /// @notice The pool's tokens (token0 < token1 by address, as the pool orders them).
    address public immutable token0;
    address public immutable token1;
    /// @notice 10^decimals of each token, for 18-decimal whole-token prices.
    uint256 internal immutable scale0;
    uint256 internal immutable scale1;
    /// @notice Shortest spacing of two pool observations on this chain (UniswapV3Oracle.minObservationSpacing).
    uint32 public immutable minObservationSpacing;

    /// @dev Callback data marking a quote: the callback reverts with the result instead of paying.
    bytes1 private constant QUOTE = 0x01;

    error ZeroPool();
    error DecimalsTooLarge(address token, uint8 decimals);
    /// @notice `tokenIn`/`tokenOut` are not this pool's two tokens (in either order).
    error PairNotInPool(address tokenIn, address tokenOut);
    error ZeroAmount();
    error AmountTooLarge(uint256 amountIn);
    /// @notice The pool ran out of liquidity before taking the whole input: it took only `spent` of `amountIn`.
    error PartialFill(uint256 amountIn, uint256 spent);
    /// @notice The swap paid `amountOut`, below the caller's `minAmountOut`.
    error InsufficientOutput(uint256 amountOut, uint256 minAmountOut);
    /// @notice The swap callback was called by someone other than the pool.
    error CallbackNotFromPool(address caller);
    /// @dev Carries a simulated swap's result out of the reverted swap (quoteExactIn); never escapes this contract.
    error QuoteResult(uint256 amountOut, uint256 spent);

    /// @param pool_ A Uniswap V3 pool (initialised; allow-list the venue only over a pool whose factory you trust).
    constructor(address pool_) {
        if (pool_ == address(0)) revert ZeroPool();
        pool = IUniswapV3Pool(pool_);
        (token0, token1) = (pool.token0(), pool.token1());
        scale0 = _scale(token0);
        scale1 = _scale(token1);
        minObservationSpacing = UniswapV3Oracle.minObservationSpacing();
    }

    function _scale(address token) private view returns (uint256) {
        uint8 d = IERC20Metadata(token).decimals();
        if (d > UniswapV3Math.MAX_DECIMALS) revert DecimalsTooLarge(token, d);
        return 10 ** d;
    }

    // ------------------------------------------------------------------ trading

    /// @inheritdoc IVenue
    /// @dev The pool pays `recipient` directly and takes the input in the callback from this contract's balance (the
    ///      caller's push). Reverts PartialFill unless exactly `amountIn` was spent, InsufficientOutput below min-out.
    function swapExactIn(address tokenIn, address tokenOut, uint256 amountIn, uint256 minAmountOut, address recipient)
        external
        returns (uint256 amountOut)
    {
        bool zeroForOne = _direction(tokenIn, tokenOut, amountIn);
        uint256 spent;
        (amountOut, spent) = _swap(zeroForOne, amountIn, recipient, "");
        if (spent != amountIn) revert PartialFill(amountIn, spent);
        if (amountOut < minAmountOut) revert InsufficientOutput(amountOut, minAmountOut);
    }

    /// @inheritdoc IVenue
    /// @dev Revert-simulation, as QuoterV2: the real swap runs and the callback reverts with its result before paying,
    ///      so the pool undoes it. Exact (same code path as the swap), whatever ticks it crosses. Reverts PartialFill
    ///      where swapExactIn would.
    function quoteExactIn(address tokenIn, address tokenOut, uint256 amountIn) external returns (uint256 amountOut) {
        bool zeroForOne = _direction(tokenIn, tokenOut, amountIn);
        try this.simulate(zeroForOne, amountIn) {}
        catch (bytes memory reason) {
            if (reason.length != 68 || bytes4(reason) != QuoteResult.selector) _bubble(reason);
            uint256 spent;
            assembly ("memory-safe") {
                amountOut := mload(add(reason, 0x24))
                spent := mload(add(reason, 0x44))
            }
            if (spent != amountIn) revert PartialFill(amountIn, spent);
        }
    }

    /// @notice The swap quoteExactIn simulates; it always reverts (QuoteResult on success). Public only so the revert
    ///         can be caught; it moves nothing.
    function simulate(bool zeroForOne, uint256 amountIn) external {
        _swap(zeroForOne, amountIn, address(this), abi.encodePacked(QUOTE));
    }

    function _swap(bool zeroForOne, uint256 amountIn, address recipient, bytes memory data)
        private
        returns (uint256 amountOut, uint256 spent)
    {
        (int256 amount0, int256 amount1) = pool.swap(
            recipient,
            zeroForOne,
            int256(amountIn),
            zeroForOne ? UniswapV3Math.MIN_SQRT_RATIO + 1 : UniswapV3Math.MAX_SQRT_RATIO - 1,
            data
        );
        // the pool's deltas: positive = paid into the pool, negative = paid out
        (spent, amountOut) = zeroForOne ? (uint256(amount0), uint256(-amount1)) : (uint256(amount1), uint256(-amount0));
    }

    /// @notice Pays the pool what the swap owes it, from the input the caller pushed here.
    /// @dev Only the pool may call (it calls back only the contract that called its `swap`, and only this venue's own
    ///      swaps reach here). The real pool never asks more than the exact-input amount specified.
    function uniswapV3SwapCallback(int256 amount0Delta, int256 amount1Delta, bytes calldata data) external {
        if (msg.sender != address(pool)) revert CallbackNotFromPool(msg.sender);
        if (data.length != 0) {
            (uint256 out, uint256 spent) = amount0Delta > 0
                ? (uint256(-amount1Delta), uint256(amount0Delta))
                : (uint256(-amount0Delta), uint256(amount1Delta));
            revert QuoteResult(out, spent);
        }
        if (amount0Delta > 0) IERC20(token0).safeTransfer(msg.sender, uint256(amount0Delta));
        else IERC20(token1).safeTransfer(msg.sender, uint256(amount1Delta));
    }

    function _direction(address tokenIn, address tokenOut, uint256 amountIn) private view returns (bool zeroForOne) {
        if (amountIn == 0) revert ZeroAmount();
        if (amountIn > uint256(type(int256).max)) revert AmountTooLarge(amountIn);
        if (tokenIn == token0 && tokenOut == token1) return true;
        if (tokenIn == token1 && tokenOut == token0) return false;
        revert PairNotInPool(tokenIn, tokenOut);
    }

    function _bubble(bytes memory reason) private pure {
        assembly ("memory-safe") {
            revert(add(reason, 0x20), mload(reason))
        }
    }

    // ------------------------------------------------------------------ prices

    /// @inheritdoc IVenue
    /// @dev From `slot0.sqrtPriceX96`: the marginal price, which excludes the fee (V3 charges it on the input apart
    ///      from the price). Rounded down; no overflow for any sqrt price the pool can hold.
    function spotPrice(address base, address quote) external view returns (uint256) {
        (uint160 sqrtPriceX96,,,,,,) = pool.slot0();
        return _price(base, quote, sqrtPriceX96);
    }

    /// @inheritdoc IVenue
    /// @dev The price at the geometric-mean tick of the pool's own observations over `window` (OracleLibrary.consult,
    ///      rounded toward negative infinity). Reverts UniswapV3Oracle.TwapWindowNotCovered when the ring does not reach
    ///      that far back; a window within guaranteedWindow() always does.
    function twapPrice(address base, address quote, uint32 window) external view returns (uint256) {
        int24 tick = UniswapV3Oracle.meanTick(pool, window);
        return _price(base, quote, UniswapV3Math.sqrtRatioAtTick(tick));
    }

    /// @inheritdoc IVenue
    /// @dev This venue: it forwards what it holds.
    function payee() external view returns (address) {
        return address(this);
    }

    /// @inheritdoc IVenue
    /// @dev min(oldest observation's age, (cardinality - 1) * minObservationSpacing): what the ring keeps even if the
    ///      pool trades in every block from now on (UniswapV3Oracle.guaranteedWindowOf). Raise it with the pool's
    ///      `increaseObservationCardinalityNext` (anyone may pay for it); it never decreases. Never 0: in IVenue 0 means
    ///      "keeps no TWAP of its own", which a vault would accept as a spot-only venue, while a V3 pool does keep one;
    ///      a ring guaranteeing less than a second reports 1, which every vault window exceeds, so the vault refuses the
    ///      venue (VenueWindowTooShort) until the ring is grown. A read past the ring fails closed either way.
    function guaranteedWindow() external view returns (uint32) {
        uint32 g = UniswapV3Oracle.guaranteedWindowOf(pool, minObservationSpacing);
        return g == 0 ? 1 : g;
    }

    function _price(address base, address quote, uint160 sqrtPriceX96) private view returns (uint256) {
        if (base == token0 && quote == token1) return UniswapV3Math.price0In1Down(sqrtPriceX96, scale0, scale1);
        if (base == token1 && quote == token0) return UniswapV3Math.price1In0Down(sqrtPriceX96, scale0, scale1);
        revert PairNotInPool(base, quote);
    }
}
