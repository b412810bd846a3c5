// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IPoolOracle} from "../interfaces/IPoolOracle.sol";
import {IPriceSource} from "../interfaces/IPriceSource.sol";
import {OracleMath} from "../libraries/OracleMath.sol";

/// @notice A TWAP source whose price is exactly PoolTwapAdapter's rule over settings that never change, which a
///         router may then apply itself (PriceRouter records them at setSources and reads the pool directly).
interface IDirectTwapSource {
    /// @notice The pool, its token 0, the window and the quote source (address(0): none) this source prices with.
    function directTwap() external view returns (address pool, address token0, uint32 window, address quoteSource);
}

/// @title Pool TWAP as a price source
/// @notice Prices `asset` from a pool's time-weighted accumulators: the TWAP of `asset` in the pool's token 0,
///         optionally times a second source's price of token 0 in the numeraire (address(0) when token 0 already is
///         the numeraire, e.g. a USD stablecoin). All settings are immutable.
/// @dev The pool oracle's own errors (for instance a window longer than its history) propagate unchanged, so the
///      router's `getPriceDetails` reports the pool's selector.
contract PoolTwapAdapter is IPriceSource, IDirectTwapSource {
    /// @notice Shortest window accepted: a few blocks of TWAP are cheap to push around.
    uint32 public constant MIN_WINDOW = 5 minutes;
    /// @notice Longest window accepted: a longer one lags the market more than it protects.
    uint32 public constant MAX_WINDOW = 7 days;

    /// @inheritdoc IPriceSource
    address public immutable override asset;
    /// @notice The pool whose accumulators are read.
    IPoolOracle public immutable pool;
    /// @notice The pool's token 0, the unit its TWAPs are quoted in.
    address public immutable token0;
    /// @notice TWAP window in seconds.
    uint32 public immutable window;
    /// @notice Price of token 0 in the numeraire; address(0) = token 0 is the numeraire (price 1).
    IPriceSource public immutable quoteSource;

    error ZeroAsset();
    error ZeroPool();
    error ZeroToken0();
    error InvalidWindow(uint32 window, uint32 minWindow, uint32 maxWindow);
    error QuoteSourceWrongAsset(address quoteSource, address expected, address actual);
    error ZeroTwap(address pool, address asset, uint32 window);
    error PriceRoundsToZero(address pool, uint256 twap, uint256 quotePrice);

    /// @param pool_ The pool oracle.
    /// @param token0_ The pool's token 0. IPoolOracle does not expose it, so the deployer states it; the quote
    ///        source, if any, is checked to price exactly this token.
    /// @param asset_ The asset to price (a pool token, or token 0 itself).
    /// @param window_ TWAP window in seconds, MIN_WINDOW..MAX_WINDOW.
    /// @param quoteSource_ Price of token 0 in the numeraire, or address(0).
    constructor(IPoolOracle pool_, address token0_, address asset_, uint32 window_, IPriceSource quoteSource_) {
        if (address(pool_) == address(0)) revert ZeroPool();
        if (token0_ == address(0)) revert ZeroToken0();
        if (asset_ == address(0)) revert ZeroAsset();
        if (window_ < MIN_WINDOW || window_ > MAX_WINDOW) revert InvalidWindow(window_, MIN_WINDOW, MAX_WINDOW);
        if (address(quoteSource_) != address(0)) {
            address quoted = quoteSource_.asset();
            if (quoted != token0_) revert QuoteSourceWrongAsset(address(quoteSource_), token0_, quoted);
        }
        pool = pool_;
        token0 = token0_;
        asset = asset_;
        window = window_;
        quoteSource = quoteSource_;
    }

    /// @inheritdoc IPriceSource
    /// @dev `updatedAt` is the time of the pool's newest observation (the last block whose trades set the price the
    ///      TWAP extends to now), so a router's staleness rule applies to a pool nobody trades any more; or the quote
    ///      source's `updatedAt` if older: the product is only as fresh as its oldest factor. Pricing token 0 itself
    ///      reads no pool (its price in token 0 is 1 by definition) and is as fresh as now.
    function latestPrice() external view override returns (uint256 price, uint256 updatedAt) {
        if (asset == token0) {
            (price, updatedAt) = (OracleMath.WAD, block.timestamp);
        } else {
            (price, updatedAt) = (_twap(), pool.lastObservationTime());
        }
        if (address(quoteSource) == address(0)) return (price, updatedAt);

        (uint256 quotePrice, uint256 quoteUpdatedAt) = quoteSource.latestPrice();
        uint256 twap = price;
        price = OracleMath.mulDown(twap, quotePrice);
        if (price == 0) revert PriceRoundsToZero(address(pool), twap, quotePrice);
        if (quoteUpdatedAt < updatedAt) updatedAt = quoteUpdatedAt;
    }

    /// @inheritdoc IDirectTwapSource
    /// @dev All immutables: a router that records them applies latestPrice()'s rule without this account and frame.
    function directTwap() external view returns (address, address, uint32, address) {
        return (address(pool), token0, window, address(quoteSource));
    }

    function _twap() private view returns (uint256 twap) {
        twap = pool.getTwap(asset, window);
        if (twap == 0) revert ZeroTwap(address(pool), asset, window);
    }

    /// @inheritdoc IPriceSource
    /// @dev Always TWAP, even for token 0 (priced by the quote source alone): the router then demands a second
    ///      opinion, which is never wrong.
    function kind() external pure override returns (Kind) {
        return Kind.TWAP;
    }

    /// @inheritdoc IPriceSource
    /// @dev The pool, except for token 0, whose price is the quote source's alone (or the constant 1): then the quote
    ///      source's underlying, so a router refuses it beside an adapter over that same feed.
    function underlying() external view override returns (address) {
        if (asset != token0 || address(quoteSource) == address(0)) return address(pool);
        return quoteSource.underlying();
    }
}
