// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IUniswapV3Pool} from "@uniswap/v3-core/contracts/interfaces/IUniswapV3Pool.sol";
import {IPriceSource} from "../interfaces/IPriceSource.sol";
import {UniswapV3Math} from "../libraries/UniswapV3Math.sol";
import {UniswapV3Oracle} from "../libraries/UniswapV3Oracle.sol";

/// @title Uniswap V3 TWAP as a price source
/// @notice Prices `asset` (one of the pool's two tokens) from the pool's own `observe`: the geometric-mean price of
///         `asset` in the pool's other token over `window` seconds, optionally times a second source's price of that
///         other token in the numeraire (address(0) when the other token already is the numeraire, e.g. USDC). Lets a
///         vault put a deep V3 TWAP beside Chainlink in its router median, independent of the venue it trades on.
///         All settings are immutable.
/// @dev A TWAP can be pushed by trading against the pool for the window: use a deep pool and a window the pool's
///      observation ring covers (`UniswapV3Venue.guaranteedWindow` over the same pool says what it guarantees).
contract UniswapV3TwapSource is IPriceSource {
    /// @notice Shortest window accepted: a few blocks of TWAP are cheap to push around.
    uint32 public constant MIN_WINDOW = 5 minutes;
    /// @notice Longest window accepted: a longer one lags the market more than it protects.
    uint32 public constant MAX_WINDOW = 7 days;

    /// @inheritdoc IPriceSource
    address public immutable override asset;
    /// @notice The pool whose observations are read.
    IUniswapV3Pool public immutable pool;
    /// @notice The pool's other token, the unit the TWAP is quoted in before the quote source.
    address public immutable quoteToken;
    /// @notice TWAP window in seconds.
    uint32 public immutable window;
    /// @notice Price of `quoteToken` in the numeraire; address(0) = `quoteToken` is the numeraire (price 1).
    IPriceSource public immutable quoteSource;
    /// @dev Whether `asset` is the pool's token 0 (its price in token 1 is the pool's native direction).
    bool internal immutable assetIsToken0;
    uint256 internal immutable scale0;
    uint256 internal immutable scale1;

    error ZeroPool();
    error AssetNotInPool(address pool, address asset);
    error InvalidWindow(uint32 window, uint32 minWindow, uint32 maxWindow);
    error DecimalsTooLarge(address token, uint8 decimals);
    error QuoteSourceWrongAsset(address quoteSource, address expected, address actual);
    error ZeroTwap(address pool, address asset, uint32 window);
    error PriceRoundsToZero(address pool, uint256 twap, uint256 quotePrice);

    /// @param pool_ The Uniswap V3 pool.
    /// @param asset_ The asset to price: the pool's token 0 or token 1.
    /// @param window_ TWAP window in seconds, MIN_WINDOW..MAX_WINDOW.
    /// @param quoteSource_ Price of the pool's other token in the numeraire, or address(0) when it is the numeraire.
    constructor(address pool_, address asset_, uint32 window_, address quoteSource_) {
        if (pool_ == address(0)) revert ZeroPool();
        if (window_ < MIN_WINDOW || window_ > MAX_WINDOW) revert InvalidWindow(window_, MIN_WINDOW, MAX_WINDOW);
        IUniswapV3Pool p = IUniswapV3Pool(pool_);
        (address t0, address t1) = (p.token0(), p.token1());
        if (asset_ != t0 && asset_ != t1) revert AssetNotInPool(pool_, asset_);
        address other = asset_ == t0 ? t1 : t0;
        if (quoteSource_ != address(0)) {
            address quoted = IPriceSource(quoteSource_).asset();
            if (quoted != other) revert QuoteSourceWrongAsset(quoteSource_, other, quoted);
        }
        pool = p;
        asset = asset_;
        quoteToken = other;
        window = window_;
        quoteSource = IPriceSource(quoteSource_);
        assetIsToken0 = asset_ == t0;
        scale0 = _scale(t0);
        scale1 = _scale(t1);
    }

    function _scale(address token) private view returns (uint256) {
        uint8 d = IERC20Metadata(token).decimals();
        if (d > UniswapV3Math.MAX_DECIMALS) revert DecimalsTooLarge(token, d);
        return 10 ** d;
    }

    /// @inheritdoc IPriceSource
    /// @dev `observe` extrapolates the accumulators to this block, so the TWAP is as of now: `updatedAt` is
    ///      block.timestamp, or the quote source's `updatedAt` if older (the product is only as fresh as its oldest
    ///      factor). Reverts UniswapV3Oracle.TwapWindowNotCovered when the pool's history is shorter than the window.
    function latestPrice() external view override returns (uint256 price, uint256 updatedAt) {
        uint256 twap = twapInQuoteToken();
        if (twap == 0) revert ZeroTwap(address(pool), asset, window);
        (price, updatedAt) = (twap, block.timestamp);
        if (address(quoteSource) == address(0)) return (price, updatedAt);

        (uint256 quotePrice, uint256 quoteUpdatedAt) = quoteSource.latestPrice();
        price = Math.mulDiv(twap, quotePrice, 1e18);
        if (price == 0) revert PriceRoundsToZero(address(pool), twap, quotePrice);
        if (quoteUpdatedAt < updatedAt) updatedAt = quoteUpdatedAt;
    }

    /// @notice The TWAP of `asset` in whole `quoteToken` per whole `asset`, 18 decimals, rounded down.
    function twapInQuoteToken() public view returns (uint256) {
        uint160 sqrtPriceX96 = UniswapV3Math.sqrtRatioAtTick(UniswapV3Oracle.meanTick(pool, window));
        return assetIsToken0
            ? UniswapV3Math.price0In1Down(sqrtPriceX96, scale0, scale1)
            : UniswapV3Math.price1In0Down(sqrtPriceX96, scale0, scale1);
    }

    /// @inheritdoc IPriceSource
    function kind() external pure override returns (Kind) {
        return Kind.TWAP;
    }

    /// @inheritdoc IPriceSource
    /// @dev The pool: two sources over one pool are one opinion counted twice, and the router refuses them.
    function underlying() external view override returns (address) {
        return address(pool);
    }
}
