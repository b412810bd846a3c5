// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IVenue} from "../../src/interfaces/IVenue.sol";
import {IPriceRouter} from "../../src/interfaces/IPriceRouter.sol";
import {MockERC20} from "./MockERC20.sol";

/// @notice Venue whose spot and TWAP of each ordered pair are set directly (any value, zero and 2^256-1 included) or
///         made to revert, so a differential test can put the vault's manipulation guard on exact boundaries. Fills
///         at the router's fair cross price, minting the output (tokens must be MockERC20).
contract SettableVenue is IVenue {
    error SettableVenuePriceUnset(address base, address quote);

    struct Quote {
        uint256 spot;
        uint256 twap;
        bool set;
    }

    IPriceRouter public immutable router;
    /// @notice IVenue.guaranteedWindow: prices are set, not accumulated, so any window is readable (max); 0 makes a
    ///         spot-only venue whose twapPrice reverts TwapUnsupported.
    uint32 public immutable guaranteedWindow;
    mapping(address => mapping(address => Quote)) internal _quotes;

    constructor(IPriceRouter router_, uint32 guaranteedWindow_) {
        router = router_;
        guaranteedWindow = guaranteedWindow_;
    }

    /// @notice Sets the spot and TWAP of `base` in `quote` (one direction only).
    function setPrices(address base, address quote, uint256 spot, uint256 twap) external {
        _quotes[base][quote] = Quote(spot, twap, true);
    }

    /// @notice Makes both prices of `base` in `quote` revert with SettableVenuePriceUnset.
    function unset(address base, address quote) external {
        delete _quotes[base][quote];
    }

    function swapExactIn(address tokenIn, address tokenOut, uint256 amountIn, uint256, address recipient)
        external
        returns (uint256 amountOut)
    {
        amountOut = quoteExactIn(tokenIn, tokenOut, amountIn);
        MockERC20(tokenOut).mint(recipient, amountOut);
    }

    /// @notice The router's fair cross price, no fee.
    function quoteExactIn(address tokenIn, address tokenOut, uint256 amountIn) public view returns (uint256) {
        return amountIn * router.getPrice(tokenIn) * 10 ** MockERC20(tokenOut).decimals()
            / (router.getPrice(tokenOut) * 10 ** MockERC20(tokenIn).decimals());
    }

    function spotPrice(address base, address quote) external view returns (uint256) {
        return _quote(base, quote).spot;
    }

    function twapPrice(address base, address quote, uint32) external view returns (uint256) {
        if (guaranteedWindow == 0) revert TwapUnsupported();
        return _quote(base, quote).twap;
    }

    function _quote(address base, address quote) private view returns (Quote memory q) {
        q = _quotes[base][quote];
        if (!q.set) revert SettableVenuePriceUnset(base, quote);
    }

    function payee() external view returns (address) {
        return address(this);
    }
}
