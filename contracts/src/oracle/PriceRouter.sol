// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IPriceRouter} from "../interfaces/IPriceRouter.sol";
import {IPriceSource} from "../interfaces/IPriceSource.sol";
import {Median} from "../libraries/Median.sol";
import {OracleMath} from "../libraries/OracleMath.sol";

/// @title Median-of-sources price router
/// @notice Per asset: 2..8 price sources, a quorum of healthy sources, and a bound on how far the healthy ones may
///         disagree. `getPrice` fails closed: too few healthy sources or too wide a spread reverts with its own
///         error; otherwise it returns the median of the healthy prices. The owner (a timelock in production)
///         configures assets.
/// @dev A source is healthy when its `latestPrice()` returns at least 64 bytes, a non-zero price and an `updatedAt`
///      not in the future. It is called with a low-level staticcall that copies at most 64 bytes of return data,
///      so a source cannot make the router pay for a huge return or revert payload. Sources are vetted by the
///      owner; a source that burns all its gas can still starve the call (63/64 rule), which is why a
///      misbehaving source must be removed, not tolerated.
contract PriceRouter is IPriceRouter, Ownable2Step {
    /// @notice Bounds on the number of sources per asset.
    uint256 public constant MIN_SOURCES = 2;
    uint256 public constant MAX_SOURCES = 8;
    /// @notice Smallest quorum accepted. Deployments should use 2 or more (a quorum of 1 trusts a lone survivor).
    uint256 public constant MIN_QUORUM = 1;
    /// @notice Largest disagreement bound accepted: 50%, (max - min) / min, 18 decimals.
    uint256 public constant MAX_DEVIATION = 0.5e18;

    /// @notice One source's answer as seen by the router.
    /// @param source The source.
    /// @param ok Whether the source counted as healthy.
    /// @param price Its 18-decimal price (0 unless the call returned one).
    /// @param updatedAt Its reported update time (0 unless the call returned one).
    /// @param errorSelector Why it is unhealthy: the first 4 bytes of its revert data (0 for an empty revert), or
    ///        one of this contract's SourceReturned* selectors; 0 when ok.
    struct SourceReading {
        IPriceSource source;
        bool ok;
        uint256 price;
        uint256 updatedAt;
        bytes4 errorSelector;
    }

    /// @dev count, quorum and maxDeviation share one slot, and a fixed array has no length slot: a cold
    ///      `getPrice` reads 1 + count slots.
    struct AssetConfig {
        uint8 count;
        uint8 quorum;
        uint64 maxDeviation;
        IPriceSource[MAX_SOURCES] sources;
    }

    mapping(address asset => AssetConfig) private _configs;

    event SourcesSet(address indexed asset, IPriceSource[] sources, uint8 quorum, uint256 maxDeviation);
    event AssetRemoved(address indexed asset);

    // ---- price errors ----
    error UnknownAsset(address asset);
    error QuorumNotMet(address asset, uint256 healthy, uint256 quorum);
    error SourcesDisagree(address asset, uint256 min, uint256 max, uint256 maxDeviation);

    // ---- configuration errors ----
    error ZeroAsset();
    error SourceCountOutOfRange(address asset, uint256 count, uint256 minSources, uint256 maxSources);
    error QuorumOutOfRange(address asset, uint256 quorum, uint256 sourceCount);
    error DeviationOutOfRange(address asset, uint256 maxDeviation, uint256 maxAllowed);
    error ZeroSource(address asset, uint256 index);
    error SourceHasNoCode(address asset, address source);
    error SourceForWrongAsset(address asset, address source, address sourceAsset);
    error DuplicateSource(address asset, address source);

    // ---- reasons reported by getPriceDetails (never thrown: the router fails on the aggregate only) ----
    error SourceReturnedMalformedData(address source, uint256 returnSize);
    error SourceReturnedZeroPrice(address source);
    error SourceReturnedFutureTimestamp(address source, uint256 updatedAt);

    /// @param initialOwner The configuring authority (a timelock in production).
    constructor(address initialOwner) Ownable(initialOwner) {}

    // ---- configuration ----

    /// @notice Sets (or replaces) the sources, quorum and disagreement bound for `asset`.
    /// @param asset The asset.
    /// @param sources 2..8 distinct sources, each pricing `asset`.
    /// @param quorum Healthy sources needed, MIN_QUORUM..sources.length.
    /// @param maxDeviation Largest accepted (max - min) / min over healthy prices, 18 decimals, 1..MAX_DEVIATION.
    function setSources(address asset, IPriceSource[] calldata sources, uint8 quorum, uint256 maxDeviation)
        external
        onlyOwner
    {
        _validate(asset, sources, quorum, maxDeviation);
        AssetConfig storage cfg = _configs[asset];
        uint256 n = sources.length;
        // casting to 'uint8'/'uint64' is safe because _validate bounded n by MAX_SOURCES and maxDeviation by
        // MAX_DEVIATION (< 2^64)
        // forge-lint: disable-next-line(unsafe-typecast)
        (cfg.count, cfg.quorum, cfg.maxDeviation) = (uint8(n), quorum, uint64(maxDeviation));
        for (uint256 i; i < MAX_SOURCES; ++i) {
            // clear the tail too, so no stale source outlives a shorter configuration
            cfg.sources[i] = i < n ? sources[i] : IPriceSource(address(0));
        }
        emit SourcesSet(asset, sources, quorum, maxDeviation);
    }

    /// @notice Forgets `asset`; `getPrice(asset)` then reverts with UnknownAsset.
    /// @param asset A configured asset.
    function removeAsset(address asset) external onlyOwner {
        if (_configs[asset].count == 0) revert UnknownAsset(asset);
        delete _configs[asset];
        emit AssetRemoved(asset);
    }

    // ---- prices ----

    /// @inheritdoc IPriceRouter
    function getPrice(address asset) external view override returns (uint256 price) {
        AssetConfig storage cfg = _configs[asset];
        (uint256 n, uint256 quorum, uint256 maxDeviation) = (cfg.count, cfg.quorum, cfg.maxDeviation);
        if (n == 0) revert UnknownAsset(asset);

        uint256[] memory prices = _healthyPrices(cfg, n);
        if (prices.length < quorum) revert QuorumNotMet(asset, prices.length, quorum);

        Median.sortAscending(prices);
        (uint256 lo, uint256 hi) = (prices[0], prices[prices.length - 1]); // quorum >= 1: not empty
        if (OracleMath.relativeSpreadUp(lo, hi) > maxDeviation) revert SourcesDisagree(asset, lo, hi, maxDeviation);
        return Median.medianOfSortedDown(prices);
    }

    /// @notice Every source's reading for `asset`, healthy or not, with the reason when not; never reverts for a
    ///         configured asset, so a keeper can explain a `getPrice` failure.
    /// @param asset A configured asset.
    function getPriceDetails(address asset) external view returns (SourceReading[] memory readings) {
        AssetConfig storage cfg = _configs[asset];
        uint256 n = cfg.count;
        if (n == 0) revert UnknownAsset(asset);
        readings = new SourceReading[](n);
        for (uint256 i; i < n; ++i) {
            IPriceSource source = cfg.sources[i];
            (bool ok, uint256 p, uint256 t, bytes4 reason) = _read(source);
            readings[i] = SourceReading(source, ok, p, t, reason);
        }
    }

    /// @notice The configuration of `asset` (empty sources and zeros when unknown).
    function getConfig(address asset)
        external
        view
        returns (IPriceSource[] memory sources, uint8 quorum, uint256 maxDeviation)
    {
        AssetConfig storage cfg = _configs[asset];
        sources = new IPriceSource[](cfg.count);
        for (uint256 i; i < sources.length; ++i) {
            sources[i] = cfg.sources[i];
        }
        return (sources, cfg.quorum, cfg.maxDeviation);
    }

    /// @notice Whether `asset` has sources configured.
    function isSupported(address asset) external view returns (bool) {
        return _configs[asset].count != 0;
    }

    // ---- internals ----

    /// @dev The prices of the healthy sources among the first `n`, in configuration order.
    function _healthyPrices(AssetConfig storage cfg, uint256 n) private view returns (uint256[] memory prices) {
        prices = new uint256[](n);
        uint256 healthy;
        for (uint256 i; i < n; ++i) {
            (bool ok, uint256 p,,) = _read(cfg.sources[i]);
            if (ok) prices[healthy++] = p;
        }
        assembly ("memory-safe") {
            mstore(prices, healthy) // shrink to the healthy prefix; the tail stays allocated, unused
        }
    }

    /// @dev Calls `source.latestPrice()` copying at most 64 bytes back. `reason` is 0 when ok.
    function _read(IPriceSource source)
        private
        view
        returns (bool ok, uint256 price, uint256 updatedAt, bytes4 reason)
    {
        bytes4 selector = IPriceSource.latestPrice.selector;
        bool success;
        uint256 size;
        bytes32 word0;
        bytes32 word1;
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, selector)
            mstore(add(ptr, 0x20), 0) // so a short reply reads as zeros, not as our own calldata
            success := staticcall(gas(), source, ptr, 4, ptr, 0x40)
            size := returndatasize()
            word0 := mload(ptr)
            word1 := mload(add(ptr, 0x20))
        }
        // casting to 'bytes4' is intended: the revert selector is the first 4 bytes of the reply
        // forge-lint: disable-next-line(unsafe-typecast)
        if (!success) return (false, 0, 0, size < 4 ? bytes4(0) : bytes4(word0));
        if (size < 0x40) return (false, 0, 0, SourceReturnedMalformedData.selector);
        price = uint256(word0);
        updatedAt = uint256(word1);
        if (price == 0) return (false, price, updatedAt, SourceReturnedZeroPrice.selector);
        if (updatedAt > block.timestamp) return (false, price, updatedAt, SourceReturnedFutureTimestamp.selector);
        return (true, price, updatedAt, bytes4(0));
    }

    function _validate(address asset, IPriceSource[] calldata sources, uint8 quorum, uint256 maxDeviation)
        private
        view
    {
        if (asset == address(0)) revert ZeroAsset();
        uint256 n = sources.length;
        if (n < MIN_SOURCES || n > MAX_SOURCES) revert SourceCountOutOfRange(asset, n, MIN_SOURCES, MAX_SOURCES);
        if (quorum < MIN_QUORUM || quorum > n) revert QuorumOutOfRange(asset, quorum, n);
        if (maxDeviation == 0 || maxDeviation > MAX_DEVIATION) {
            revert DeviationOutOfRange(asset, maxDeviation, MAX_DEVIATION);
        }
        for (uint256 i; i < n; ++i) {
            address source = address(sources[i]);
            if (source == address(0)) revert ZeroSource(asset, i);
            if (source.code.length == 0) revert SourceHasNoCode(asset, source);
            for (uint256 j; j < i; ++j) {
                if (address(sources[j]) == source) revert DuplicateSource(asset, source);
            }
            address priced = sources[i].asset();
            if (priced != asset) revert SourceForWrongAsset(asset, source, priced);
        }
    }
}
