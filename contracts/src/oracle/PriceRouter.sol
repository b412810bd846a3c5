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

    /// @notice Most assets one router configures: the whole configuration is one data contract (below), which must
    ///         stay under EIP-170 (64 entries of at most 9 words is 18,433 bytes).
    uint256 public constant MAX_ASSETS = 64;

    /// @dev The configuration of every asset lives in the code of one data contract (written by setSources and
    ///      removeAsset, never by pricing), not in storage: a vault prices all its assets, and a cold read of the
    ///      whole configuration (one slot for this pointer, one cold account for its code) costs ~4,700 gas where
    ///      two cold slots per asset cost 4,200 each. The code is a STOP byte (so a call to it does nothing), then
    ///      one entry per asset: a header word (asset in bits 0..159, count 160..167, quorum 168..175, maxDeviation
    ///      176..239, twapMask 240..247; bit i of twapMask is set when source i is a TWAP, read once at
    ///      configuration so pricing makes no extra call), then `count` words, one source address each.
    address private _configData;

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
    error TooManyAssets(address asset, uint256 maxAssets);
    error ConfigWriteFailed();

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
        uint256 n = sources.length;
        (bytes memory blob, uint256 entries) = _without(_load(), asset, n + 1);
        if (entries >= MAX_ASSETS) revert TooManyAssets(asset, MAX_ASSETS);
        uint256 header = uint256(uint160(asset)) | n << 160 | uint256(quorum) << 168 | maxDeviation << 176
            | uint256(twapMask) << 240; // _validate bounded n by MAX_SOURCES and maxDeviation by MAX_DEVIATION (< 2^64)
        uint256 at = blob.length;
        assembly ("memory-safe") {
            let p := add(add(blob, 0x20), at)
            mstore(p, header)
            calldatacopy(add(p, 0x20), sources.offset, shl(5, n)) // each source is one ABI word, address-checked
            mstore(blob, add(at, shl(5, add(n, 1))))
        }
        _store(blob);
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
        bytes memory blob = _load();
        (uint256 at,) = _find(blob, asset);
        if (at == NOT_FOUND) revert UnknownAsset(asset);
        (blob,) = _without(blob, asset, 0);
        _store(blob);
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
        bytes memory blob = _load();
        (uint256 at, uint256 header) = _find(blob, asset);
        if (at == NOT_FOUND) revert UnknownAsset(asset);
        (uint256 n, uint256 quorum, uint256 maxDeviation, uint256 twapMask) = _settings(header);

        (uint256[] memory prices, uint256 primary) = _healthyPrices(blob, at, n, twapMask);
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
        bytes memory blob = _load();
        (uint256 at, uint256 header) = _find(blob, asset);
        if (at == NOT_FOUND) revert UnknownAsset(asset);
        (uint256 n,,,) = _settings(header);
        readings = new SourceReading[](n);
        for (uint256 i; i < n; ++i) {
            IPriceSource source = _sourceAt(blob, at, i);
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
        bytes memory blob = _load();
        (uint256 at, uint256 header) = _find(blob, asset);
        if (at == NOT_FOUND) return (sources, 0, 0);
        (uint256 n, uint256 q, uint256 d,) = _settings(header);
        sources = new IPriceSource[](n);
        for (uint256 i; i < n; ++i) {
            sources[i] = _sourceAt(blob, at, i);
        }
        // casting to 'uint8' is safe because the header's quorum field is 8 bits
        // forge-lint: disable-next-line(unsafe-typecast)
        return (sources, uint8(q), d);
    }

    /// @notice Whether `asset` has sources configured.
    function isSupported(address asset) external view returns (bool) {
        (uint256 at,) = _find(_load(), asset);
        return at != NOT_FOUND;
    }

    // ---- internals ----

    /// @dev The prices of the healthy sources among the first `n`, in configuration order, and the primary's: the
    ///      first healthy FEED, else the first healthy source (0 when none is healthy).
    function _healthyPrices(bytes memory blob, uint256 at, uint256 n, uint256 twapMask)
        private
        view
        returns (uint256[] memory prices, uint256 primary)
    {
        prices = new uint256[](n);
        uint256 healthy;
        bool primaryIsFeed;
        for (uint256 i; i < n; ++i) {
            (bool ok, uint256 p,,) = _read(_sourceAt(blob, at, i));
            if (!ok) continue;
            prices[healthy++] = p;
            bool isFeed = twapMask & (1 << i) == 0;
            if (primary == 0 || (isFeed && !primaryIsFeed)) (primary, primaryIsFeed) = (p, isFeed);
        }
        assembly ("memory-safe") {
            mstore(prices, healthy) // shrink to the healthy prefix; the tail stays allocated, unused
        }
    }

    /// @dev _find's answer for an asset that has no entry.
    uint256 private constant NOT_FOUND = type(uint256).max;

    /// @dev The configuration data contract's code without its STOP byte (empty when nothing is configured).
    function _load() private view returns (bytes memory blob) {
        address data = _configData;
        if (data == address(0)) return blob;
        assembly ("memory-safe") {
            let size := sub(extcodesize(data), 1)
            blob := mload(0x40)
            mstore(blob, size)
            extcodecopy(data, add(blob, 0x20), 1, size)
            mstore(0x40, add(add(blob, 0x20), size)) // size is whole words
        }
    }

    /// @dev Writes `blob` as the code of a new data contract (STOP, then blob) and points at it; empty: no contract.
    function _store(bytes memory blob) private {
        if (blob.length == 0) {
            _configData = address(0);
            return;
        }
        // PUSH2 size, DUP1, PUSH1 10, RETURNDATASIZE, CODECOPY, RETURNDATASIZE, RETURN: returns the code after its
        // 10 bytes of init code, which is STOP then blob (size = blob.length + 1 <= 18,433, so PUSH2 holds it)
        bytes memory init = abi.encodePacked(hex"61", uint16(blob.length + 1), hex"80600a3d393df300", blob);
        address data;
        assembly ("memory-safe") {
            data := create(0, add(init, 0x20), mload(init))
        }
        if (data == address(0)) revert ConfigWriteFailed();
        _configData = data;
    }

    /// @dev Byte offset of `asset`'s entry in `blob` and its header word; (NOT_FOUND, 0) when absent.
    function _find(bytes memory blob, address asset) private pure returns (uint256 at, uint256 header) {
        uint256 len = blob.length;
        for (uint256 p; p < len;) {
            uint256 h;
            assembly ("memory-safe") {
                h := mload(add(add(blob, 0x20), p))
            }
            if (address(uint160(h)) == asset) return (p, h);
            p += (((h >> 160) & 0xff) + 1) << 5;
        }
        return (NOT_FOUND, 0);
    }

    /// @dev Copy of `blob` without `asset`'s entry, with room for `extraWords` more words, and its entry count.
    function _without(bytes memory blob, address asset, uint256 extraWords)
        private
        pure
        returns (bytes memory out, uint256 entries)
    {
        out = new bytes(blob.length + (extraWords << 5));
        uint256 len = blob.length;
        uint256 kept;
        for (uint256 p; p < len;) {
            uint256 h;
            assembly ("memory-safe") {
                h := mload(add(add(blob, 0x20), p))
            }
            uint256 size = (((h >> 160) & 0xff) + 1) << 5;
            if (address(uint160(h)) != asset) {
                assembly ("memory-safe") {
                    mcopy(add(add(out, 0x20), kept), add(add(blob, 0x20), p), size)
                }
                kept += size;
                ++entries;
            }
            p += size;
        }
        assembly ("memory-safe") {
            mstore(out, kept) // shrink to what was kept; the caller appends into the tail still allocated
        }
    }

    function _settings(uint256 header)
        private
        pure
        returns (uint256 n, uint256 quorum, uint256 maxDeviation, uint256 twapMask)
    {
        return ((header >> 160) & 0xff, (header >> 168) & 0xff, (header >> 176) & type(uint64).max, header >> 240);
    }

    function _sourceAt(bytes memory blob, uint256 at, uint256 i) private pure returns (IPriceSource source) {
        assembly ("memory-safe") {
            source := mload(add(add(blob, 0x20), add(at, shl(5, add(i, 1)))))
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
