// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IVenue} from "../../src/interfaces/IVenue.sol";
import {IPriceRouter} from "../../src/interfaces/IPriceRouter.sol";
import {MockERC20} from "./MockERC20.sol";

/// @notice Infinitely deep venue for vault unit tests: fills at the router's fair cross price times `fillFactor`,
///         rounded down once in output units as a real venue's quote is (a fill loses the factor plus less than one
///         raw unit of the output), minting the output (tokens must be MockERC20). Spot and TWAP are the fair price
///         times their own factors, so each manipulation guard can be tripped alone. `honourMinOut = false` makes it
///         ignore the caller's minimum, to test that the vault checks what it actually received.
contract MockVenue is IVenue {
    error MockVenueSlippage(uint256 amountOut, uint256 minAmountOut);

    IPriceRouter public immutable router;
    uint256 public fillFactor = 1e18;
    uint256 public spotFactor = 1e18;
    uint256 public twapFactor = 1e18;
    bool public honourMinOut = true;
    /// @notice Fraction of the pushed amountIn kept (1e18 = all); the rest is handed back to the caller.
    uint256 public pullFactor = 1e18;
    /// @notice IVenue.guaranteedWindow: unbounded history unless a test shortens it.
    uint32 public guaranteedWindow = type(uint32).max;

    constructor(IPriceRouter router_) {
        router = router_;
    }

    function setFactors(uint256 fill, uint256 spot, uint256 twap) external {
        (fillFactor, spotFactor, twapFactor) = (fill, spot, twap);
    }

    function setHonourMinOut(bool honour) external {
        honourMinOut = honour;
    }

    function setPullFactor(uint256 f) external {
        pullFactor = f;
    }

    function setGuaranteedWindow(uint32 w) external {
        guaranteedWindow = w;
    }

    function swapExactIn(address tokenIn, address tokenOut, uint256 amountIn, uint256 minAmountOut, address recipient)
        external
        returns (uint256 amountOut)
    {
        uint256 kept = amountIn * pullFactor / 1e18;
        if (kept < amountIn) IERC20(tokenIn).transfer(msg.sender, amountIn - kept);
        // priced on the full amountIn (input handed back is the venue's gift, never the vault's loss)
        amountOut = _quote(tokenIn, tokenOut, amountIn);
        if (honourMinOut && amountOut < minAmountOut) revert MockVenueSlippage(amountOut, minAmountOut);
        MockERC20(tokenOut).mint(recipient, amountOut);
    }

    function quoteExactIn(address tokenIn, address tokenOut, uint256 amountIn) external view returns (uint256) {
        return _quote(tokenIn, tokenOut, amountIn);
    }

    /// @dev amountIn at the router's fair cross price times fillFactor, one rounding only: flooring the fair amount
    ///      first and the fill after lost up to two raw units, which on a coarse asset (0 decimals, ~250 units out)
    ///      pushed a 0.4%-short fill past the vault's 1% min-out (CI seed 0xba11a57, VaultInvariantReplayTest).
    function _quote(address tokenIn, address tokenOut, uint256 amountIn) private view returns (uint256) {
        return Math.mulDiv(
            amountIn * router.getPrice(tokenIn) * 10 ** MockERC20(tokenOut).decimals(),
            fillFactor,
            router.getPrice(tokenOut) * 10 ** MockERC20(tokenIn).decimals() * 1e18
        );
    }

    function spotPrice(address base, address quote) external view returns (uint256) {
        return _fair(base, quote) * spotFactor / 1e18;
    }

    function twapPrice(address base, address quote, uint32) external view returns (uint256) {
        if (guaranteedWindow == 0) revert TwapUnsupported();
        return _fair(base, quote) * twapFactor / 1e18;
    }

    function _fair(address base, address quote) private view returns (uint256) {
        return router.getPrice(base) * 1e18 / router.getPrice(quote);
    }

    function payee() external view returns (address) {
        return address(this);
    }
}
