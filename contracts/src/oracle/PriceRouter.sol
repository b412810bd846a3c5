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
///         error; otherwise it returns the median of three or more healthy prices, or the primary's price of two.
///         The owner configures assets; a vault refuses deposits until it owns its router, so every change of
///         its prices goes through the vault's timelock.
/// @dev Configurations that defeat the median are refused: a manipulable on-chain TWAP never counts alone (quorum
///      >= 2 whenever a source is a TWAP) and two sources reading the same underlying data count as one opinion
///      twice (refused).
/// @dev A source is healthy when its `latestPrice()` returns at least 64 bytes, a non-zero price and an `updatedAt`
///      not in the future. It is called with a low-level staticcall that copies at most 64 bytes of return data,
///      so a source cannot make the router pay for a huge return or revert payload. Sources are vetted by the
///      owner; a source that burns all its gas can still starve the call (63/64 rule), which is why a
///      misbehaving source must be removed, not tolerated.
contract PriceRouter is IPriceRouter, Ownable2Step {
    /// @notice Bounds on the number of sources per asset.
    uint256 public constant MIN_SOURCES = 2;
    uint256 public constant MAX_SOURCES = 8;
    /// @notice Smallest quorum accepted when every source is a reported feed (a quorum of 1 trusts a lone survivor).
    uint256 public constant MIN_QUORUM = 1;
    /// @notice Smallest quorum accepted when a source is an on-chain TWAP: with a quorum of 1 a pushed TWAP prices
    ///         the asset alone, unbounded, the moment the feed beside it is a second stale.
    uint256 public constant MIN_QUORUM_WITH_TWAP = 2;
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

    /// @dev count, quorum, maxDeviation, twapMask and the first source share one slot (88 + 160 bits), and a fixed
    ///      array has no length slot: a cold `getPrice` reads count slots (one per source, the first with the
    ///      settings). Bit i of twapMask is set when source i is a TWAP (read once, at configuration, so pricing makes
    ///      no extra call).
    struct AssetConfig {
        uint8 count;
        uint8 quorum;
        uint64 maxDeviation;
        uint8 twapMask;
        IPriceSource source0;
        IPriceSource[MAX_SOURCES - 1] more;
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
    error DuplicateUnderlying(address asset, address underlying);
    error QuorumTooLowForTwap(address asset, uint256 quorum, uint256 minQuorum);

    // ---- reasons reported by getPriceDetails (never thrown: the router fails on the aggregate only) ----
    error SourceReturnedMalformedData(address source, uint256 returnSize);
    error SourceReturnedZeroPrice(address source);
    error SourceReturnedFutureTimestamp(address source, uint256 updatedAt);

    /// @param initialOwner The configuring authority: the deployer while it sets the first sources, then the vault the
    ///        router is offered to (it accepts through its timelock; see RebalancingVault).
    constructor(address initialOwner) Ownable(initialOwner) {}

    /// @inheritdoc IPriceRouter
    function owner() public view override(IPriceRouter, Ownable) returns (address) {
        return super.owner();
    }

    // ---- configuration ----

    /// @notice Sets (or replaces) the sources, quorum and disagreement bound for `asset`.
    /// @param asset The asset.
    /// @param sources 2..8 distinct sources, each pricing `asset`.
    ///        The primary (see getPrice) is the first healthy FEED in this order: list the most trusted feed first.
    /// @param quorum Healthy sources needed, MIN_QUORUM..sources.length, and at least MIN_QUORUM_WITH_TWAP when any
    ///        source is a TWAP.
    /// @param maxDeviation Largest accepted (max - min) / min over healthy prices, 18 decimals, 1..MAX_DEVIATION.
    function setSources(address asset, IPriceSource[] calldata sources, uint8 quorum, uint256 maxDeviation)
        external
        onlyOwner
    {
        uint8 twapMask = _validate(asset, sources, quorum, maxDeviation);
        AssetConfig storage cfg = _configs[asset];
        uint256 n = sources.length;
        // casting to 'uint8'/'uint64' is safe because _validate bounded n by MAX_SOURCES and maxDeviation by
        // MAX_DEVIATION (< 2^64)
        // forge-lint: disable-next-line(unsafe-typecast)
        (cfg.count, cfg.quorum, cfg.maxDeviation, cfg.twapMask) = (uint8(n), quorum, uint64(maxDeviation), twapMask);
        cfg.source0 = sources[0]; // n >= MIN_SOURCES
        for (uint256 i = 1; i < MAX_SOURCES; ++i) {
            // clear the tail too, so no stale source outlives a shorter configuration
            cfg.more[i - 1] = i < n ? sources[i] : IPriceSource(address(0));
        }
        emit SourcesSet(asset, sources, quorum, maxDeviation);
    }

    /// @notice Reverts with setSources' error when setSources(asset, sources, quorum, maxDeviation) would be refused:
    ///         a vault checks a proposed change with it, so a change that could never execute is refused at once.
    function validateSources(address asset, IPriceSource[] calldata sources, uint8 quorum, uint256 maxDeviation)
        external
        view
    {
        _validate(asset, sources, quorum, maxDeviation);
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
    /// @notice Which price: with three or more healthy sources, their median (one pushed source cannot move it
    ///         past an honest one). With exactly two, both must agree within maxDeviation and the price is the
    ///         primary's, the first healthy FEED in configuration order (else the first healthy source): the
    ///         midpoint would let a TWAP pushed by x (inside the bound) move the price by x/2 for free; this way a
    ///         push inside the bound moves nothing and one beyond it reverts. With one (quorum 1, feeds only), its
    ///         price.
    function getPrice(address asset) external view override returns (uint256 price) {
        AssetConfig storage cfg = _configs[asset];
        (uint256 n, uint256 quorum, uint256 maxDeviation, uint256 twapMask) =
            (cfg.count, cfg.quorum, cfg.maxDeviation, cfg.twapMask);
        if (n == 0) revert UnknownAsset(asset);

        (uint256[] memory prices, uint256 primary) = _healthyPrices(cfg, n, twapMask);
        if (prices.length < quorum) revert QuorumNotMet(asset, prices.length, quorum);

        Median.sortAscending(prices);
        (uint256 lo, uint256 hi) = (prices[0], prices[prices.length - 1]); // quorum >= 1: not empty
        if (OracleMath.relativeSpreadUp(lo, hi) > maxDeviation) revert SourcesDisagree(asset, lo, hi, maxDeviation);
        return prices.length < 3 ? primary : Median.medianOfSortedDown(prices);
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
            IPriceSource source = _sourceAt(cfg, i);
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
            sources[i] = _sourceAt(cfg, i);
        }
        return (sources, cfg.quorum, cfg.maxDeviation);
    }

    /// @notice Whether `asset` has sources configured.
    function isSupported(address asset) external view returns (bool) {
        return _configs[asset].count != 0;
    }

    // ---- internals ----

    /// @dev The prices of the healthy sources among the first `n`, in configuration order, and the primary's: the
    ///      first healthy FEED, else the first healthy source (0 when none is healthy).
    function _healthyPrices(AssetConfig storage cfg, uint256 n, uint256 twapMask)
        private
        view
        returns (uint256[] memory prices, uint256 primary)
    {
        prices = new uint256[](n);
        uint256 healthy;
        bool primaryIsFeed;
        for (uint256 i; i < n; ++i) {
            (bool ok, uint256 p,,) = _read(_sourceAt(cfg, i));
            if (!ok) continue;
            prices[healthy++] = p;
            bool isFeed = twapMask & (1 << i) == 0;
            if (primary == 0 || (isFeed && !primaryIsFeed)) (primary, primaryIsFeed) = (p, isFeed);
        }
        assembly ("memory-safe") {
            mstore(prices, healthy) // shrink to the healthy prefix; the tail stays allocated, unused
        }
    }

    function _sourceAt(AssetConfig storage cfg, uint256 i) private view returns (IPriceSource) {
        return i == 0 ? cfg.source0 : cfg.more[i - 1];
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

    /// @dev Returns the TWAP bit mask (bit i: source i is a TWAP).
    function _validate(address asset, IPriceSource[] calldata sources, uint8 quorum, uint256 maxDeviation)
        private
        view
        returns (uint8 twapMask)
    {
        if (asset == address(0)) revert ZeroAsset();
        uint256 n = sources.length;
        if (n < MIN_SOURCES || n > MAX_SOURCES) revert SourceCountOutOfRange(asset, n, MIN_SOURCES, MAX_SOURCES);
        if (quorum < MIN_QUORUM || quorum > n) revert QuorumOutOfRange(asset, quorum, n);
        if (maxDeviation == 0 || maxDeviation > MAX_DEVIATION) {
            revert DeviationOutOfRange(asset, maxDeviation, MAX_DEVIATION);
        }
        address[] memory underlyings = new address[](n);
        for (uint256 i; i < n; ++i) {
            address source = address(sources[i]);
            if (source == address(0)) revert ZeroSource(asset, i);
            if (source.code.length == 0) revert SourceHasNoCode(asset, source);
            for (uint256 j; j < i; ++j) {
                if (address(sources[j]) == source) revert DuplicateSource(asset, source);
            }
            address priced = sources[i].asset();
            if (priced != asset) revert SourceForWrongAsset(asset, source, priced);
            underlyings[i] = sources[i].underlying();
            for (uint256 j; j < i; ++j) {
                if (underlyings[j] == underlyings[i]) revert DuplicateUnderlying(asset, underlyings[i]);
            }
            // casting to 'uint8' is safe because i < MAX_SOURCES = 8
            // forge-lint: disable-next-line(unsafe-typecast)
            if (sources[i].kind() == IPriceSource.Kind.TWAP) twapMask |= uint8(1 << i);
        }
        if (twapMask != 0 && quorum < MIN_QUORUM_WITH_TWAP) {
            revert QuorumTooLowForTwap(asset, quorum, MIN_QUORUM_WITH_TWAP);
        }
    }
}
