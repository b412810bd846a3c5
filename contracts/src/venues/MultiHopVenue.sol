// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IVenue} from "../interfaces/IVenue.sol";
import {ReserveMath} from "../libraries/ReserveMath.sol";
import {VenuePayee} from "../libraries/VenuePayee.sol";

/// @title Two venues in a row: tokenIn -> mid on `first`, mid -> tokenOut on `second`
/// @notice For a pair with no pool deep enough of its own (A -> WETH -> B). The path has one direction: the reverse
///         (B -> WETH -> A) is another MultiHopVenue(second, first, mid). Both hops use the push model: the input
///         pushed here goes to `first`'s payee, and `first` pays the mid token straight to `second`'s payee; `second`
///         pays the recipient.
/// @dev The first hop runs with a min-out of 0. That is safe only because the whole path's min-out is checked on the
///      second hop (and again here): whatever the first hop lost to a sandwich or a shallow pool shows up as a
///      smaller final output, which `minAmountOut` bounds. The hops are trusted to pay what they report (they are
///      the caller's choice when it allows this venue); the vault measures what it received in any case.
///      Prices compose: the spot of the path is the product of the hop spots, and its TWAP the product of the hop
///      TWAPs (the product of two geometric means over one window is the geometric mean of the product).
contract MultiHopVenue is IVenue {
    using SafeERC20 for IERC20;

    IVenue public immutable first;
    IVenue public immutable second;
    address public immutable mid;
    /// @notice Where each hop's input goes (VenuePayee.read, read once here): the input to the first's, the first
    ///         hop's output to the second's, so a hop over a Ballast pool takes it as paid.
    address public immutable firstPayee;
    address public immutable secondPayee;

    error ZeroAddress();
    /// @notice A path must start and end off the mid token, at two different tokens.
    error InvalidPath(address tokenIn, address tokenOut);
    /// @notice The path would pay `amountOut`, below the caller's `minAmountOut`.
    error InsufficientOutput(uint256 amountOut, uint256 minAmountOut);

    constructor(address first_, address second_, address mid_) {
        if (first_ == address(0) || second_ == address(0) || mid_ == address(0)) revert ZeroAddress();
        (first, second, mid) = (IVenue(first_), IVenue(second_), mid_);
        (firstPayee, secondPayee) = (VenuePayee.read(first_), VenuePayee.read(second_));
    }

    /// @inheritdoc IVenue
    function swapExactIn(address tokenIn, address tokenOut, uint256 amountIn, uint256 minAmountOut, address recipient)
        external
        returns (uint256 amountOut)
    {
        _checkPath(tokenIn, tokenOut);
        IERC20(tokenIn).safeTransfer(firstPayee, amountIn);
        uint256 midAmount = first.swapExactIn(tokenIn, mid, amountIn, 0, secondPayee);
        amountOut = second.swapExactIn(mid, tokenOut, midAmount, minAmountOut, recipient);
        if (amountOut < minAmountOut) revert InsufficientOutput(amountOut, minAmountOut);
    }

    /// @inheritdoc IVenue
    /// @dev Chains the hops' quotes. Exact when the hops are two different pools (the second quote cannot see the
    ///      first hop's trade on the same pool).
    function quoteExactIn(address tokenIn, address tokenOut, uint256 amountIn) external returns (uint256) {
        _checkPath(tokenIn, tokenOut);
        return second.quoteExactIn(mid, tokenOut, first.quoteExactIn(tokenIn, mid, amountIn));
    }

    /// @inheritdoc IVenue
    /// @dev `base` is sold on `first`, `quote` bought on `second` (the path's direction).
    function spotPrice(address base, address quote) external view returns (uint256) {
        _checkPath(base, quote);
        return ReserveMath.mulDown(first.spotPrice(base, mid), second.spotPrice(mid, quote));
    }

    /// @inheritdoc IVenue
    /// @dev Reverts TwapUnsupported unless both hops keep a TWAP; `window` must be within both hops' guarantee as
    ///      for any venue (each hop enforces its own).
    function twapPrice(address base, address quote, uint32 window) external view returns (uint256) {
        if (first.guaranteedWindow() == 0 || second.guaranteedWindow() == 0) revert TwapUnsupported();
        _checkPath(base, quote);
        return ReserveMath.mulDown(first.twapPrice(base, mid, window), second.twapPrice(mid, quote, window));
    }

    /// @inheritdoc IVenue
    /// @dev This venue: it forwards what it holds.
    function payee() external view returns (address) {
        return address(this);
    }

    /// @inheritdoc IVenue
    /// @dev The smaller of the hops' guarantees: 0 (spot-only) when either hop keeps no TWAP.
    function guaranteedWindow() external view returns (uint32) {
        uint32 a = first.guaranteedWindow();
        uint32 b = second.guaranteedWindow();
        return a < b ? a : b;
    }

    function _checkPath(address tokenIn, address tokenOut) internal view {
        if (tokenIn == mid || tokenOut == mid || tokenIn == tokenOut) revert InvalidPath(tokenIn, tokenOut);
    }
}
