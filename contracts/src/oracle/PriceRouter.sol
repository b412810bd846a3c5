// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IPriceRouter} from "../interfaces/IPriceRouter.sol";
import {IPriceSource} from "../interfaces/IPriceSource.sol";
import {Median} from "../libraries/Median.sol";
import {OracleMath} from "../libraries/OracleMath.sol";
import {IDirectFeedSource, IAggregatorBounds} from "./ChainlinkAdapter.sol";

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
    ///         stay under EIP-170 (64 entries of 2 feeds and a TWAP each is 12,289 bytes; a configuration that would
    ///         not fit is refused with ConfigTooLarge).
    uint256 public constant MAX_ASSETS = 64;
    /// @notice Largest configuration data (EIP-170's code limit, less the STOP byte).
    uint256 public constant MAX_CONFIG_BYTES = 24_575;

    /// @dev The configuration of every asset lives in the code of one data contract (written by setSources and
    ///      removeAsset, never by pricing), not in storage: a vault prices all its assets, and a cold read of the
    ///      whole configuration (one slot for this pointer, one cold account for its code) costs ~4,700 gas where
    ///      two cold slots per asset cost 4,200 each. The code is a STOP byte (so a call to it does nothing), then
    ///      one entry per asset: a header word (asset in bits 0..159, count 160..167, quorum 168..175, maxDeviation
    ///      176..239, twapMask 240..247, directMask 248..255; bit i of twapMask is set when source i is a TWAP, read
    ///      once at configuration so pricing makes no extra call), then `count` words, one source address each, then
    ///      one word per bit of directMask, in source order: the feed behind a direct source (below).
    /// @dev Direct sources: a source that declares `IDirectFeedSource.directFeed()` (a ChainlinkAdapter without a
    ///      sequencer feed) promises that its price is the adapter's rule over one feed, with settings that never
    ///      change (immutables). The router records feed, heartbeat, decimals and the bounds flag once, at
    ///      setSources, and `getPrice` reads the feed itself with the same rule (_readDirect): one cold account and
    ///      one call frame less per source. The trust is the one already placed in the source's `latestPrice()`,
    ///      and the source was vetted through the vault's timelock. `getPriceDetails` still calls every source, so
    ///      a keeper sees the adapter's own reason when a feed is refused. Direct word: feed in bits 0..159,
    ///      heartbeat 160..183, checksBounds bit 184, bit 185 set when the feed has more than 18 decimals, and
    ///      from bit 186 the factor 10^|decimals - 18| (at most 10^18 < 2^60), so a read makes no exponentiation.
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
    error ConfigTooLarge(uint256 size, uint256 maxSize);

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
        (uint256 directMask, uint256[] memory direct) = _directFeeds(sources);
        (bytes memory blob, uint256 entries) = _without(_load(), asset, sources.length + 1 + direct.length);
        if (entries >= MAX_ASSETS) revert TooManyAssets(asset, MAX_ASSETS);
        // _validate bounded the source count by MAX_SOURCES and maxDeviation by MAX_DEVIATION (< 2^64)
        uint256 header = uint256(uint160(asset)) | sources.length << 160 | uint256(quorum) << 168
            | maxDeviation << 176 | uint256(twapMask) << 240 | directMask << 248;
        _append(blob, header, sources, direct);
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

        (uint256[] memory prices, uint256 primary) = _healthyPrices(blob, at, n, twapMask, header >> 248);
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
    ///      A direct source's feed is read by the router itself (_readDirect); its word follows the source words.
    function _healthyPrices(bytes memory blob, uint256 at, uint256 n, uint256 twapMask, uint256 directMask)
        private
        view
        returns (uint256[] memory prices, uint256 primary)
    {
        prices = new uint256[](n);
        uint256 healthy;
        uint256 direct; // direct words read so far
        bool primaryIsFeed;
        for (uint256 i; i < n; ++i) {
            bool ok;
            uint256 p;
            if (directMask & (1 << i) != 0) {
                (ok, p) = _readDirect(_wordAt(blob, at, n + direct));
                ++direct;
            } else {
                (ok, p,,) = _read(_sourceAt(blob, at, i));
            }
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
        if (blob.length > MAX_CONFIG_BYTES) revert ConfigTooLarge(blob.length, MAX_CONFIG_BYTES);
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
            p += _entryBytes(h);
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
            uint256 size = _entryBytes(h);
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
        return IPriceSource(address(uint160(_wordAt(blob, at, i))));
    }

    /// @dev Appends an entry (header, source words, direct words) into the room _without left at the end of `blob`.
    function _append(bytes memory blob, uint256 header, IPriceSource[] calldata sources, uint256[] memory direct)
        private
        pure
    {
        assembly ("memory-safe") {
            let at := mload(blob)
            let p := add(add(blob, 0x20), at)
            mstore(p, header)
            calldatacopy(add(p, 0x20), sources.offset, shl(5, sources.length)) // one ABI word each, address-checked
            let words := add(add(sources.length, 1), mload(direct))
            mcopy(add(p, shl(5, add(sources.length, 1))), add(direct, 0x20), shl(5, mload(direct)))
            mstore(blob, add(at, shl(5, words)))
        }
    }

    /// @dev Word `i + 1` of the entry at `at` (word 0 is the header).
    function _wordAt(bytes memory blob, uint256 at, uint256 i) private pure returns (uint256 word) {
        assembly ("memory-safe") {
            word := mload(add(add(blob, 0x20), add(at, shl(5, add(i, 1)))))
        }
    }

    /// @dev Bytes of the entry whose header is `h`: the header, a word per source and a word per direct source.
    function _entryBytes(uint256 h) private pure returns (uint256) {
        uint256 m = h >> 248; // directMask: its population count is the number of direct words
        m = m - ((m >> 1) & 0x55);
        m = (m & 0x33) + ((m >> 2) & 0x33);
        m = (m + (m >> 4)) & 0x0f;
        return (((h >> 160) & 0xff) + 1 + m) << 5;
    }

    /// @dev The direct sources among `sources` (bit i of `mask`) and their words, in order. A source is direct when
    ///      its `directFeed()` answers with at least 128 bytes, a feed with code and settings an adapter could have
    ///      been deployed with; any other answer (a revert, no such function) leaves it read through `latestPrice()`.
    function _directFeeds(IPriceSource[] calldata sources)
        private
        view
        returns (uint256 mask, uint256[] memory words)
    {
        uint256 n = sources.length;
        words = new uint256[](n);
        uint256 count;
        for (uint256 i; i < n; ++i) {
            (bool ok, bytes memory ret) =
                address(sources[i]).staticcall(abi.encodeCall(IDirectFeedSource.directFeed, ()));
            if (!ok || ret.length < 0x80) continue;
            (uint256 feed, uint256 heartbeat, uint256 decimals, uint256 checksBounds) =
                abi.decode(ret, (uint256, uint256, uint256, uint256));
            if (feed == 0 || feed >> 160 != 0 || address(uint160(feed)).code.length == 0) continue;
            if (heartbeat == 0 || heartbeat >= 1 << 24) continue;
            if (decimals > OracleMath.MAX_DECIMALS || checksBounds > 1) continue;
            mask |= 1 << i;
            uint256 above = decimals > OracleMath.WAD_DECIMALS ? 1 : 0;
            uint256 factor = 10 ** (above == 1 ? decimals - OracleMath.WAD_DECIMALS : OracleMath.WAD_DECIMALS - decimals);
            words[count++] = feed | heartbeat << 160 | checksBounds << 184 | above << 185 | factor << 186;
        }
        assembly ("memory-safe") {
            mstore(words, count) // shrink to the direct ones; the tail stays allocated, unused
        }
    }

    /// @dev ChainlinkAdapter.latestPrice()'s rule, read by the router from the feed itself (see _configData): healthy
    ///      only when the round is complete (updatedAt set, answeredInRound >= roundId), the answer positive, not in
    ///      the future, at most `heartbeat` old, off the aggregator's bounds when they are checked, and non-zero at
    ///      18 decimals. Anything the adapter would revert on reads as unhealthy here, as its revert does through
    ///      _read; at most 160 bytes are copied back.
    function _readDirect(uint256 word) private view returns (bool ok, uint256 price) {
        address feed = address(uint160(word));
        bool success;
        uint256 size;
        uint256 roundId;
        uint256 answer;
        uint256 updatedAt;
        uint256 answeredInRound;
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, 0xfeaf968c00000000000000000000000000000000000000000000000000000000) // latestRoundData()
            success := staticcall(gas(), feed, ptr, 4, ptr, 0xa0)
            size := returndatasize()
            roundId := mload(ptr)
            answer := mload(add(ptr, 0x20))
            updatedAt := mload(add(ptr, 0x60))
            answeredInRound := mload(add(ptr, 0x80))
        }
        // the adapter's ABI decoding refuses a short reply and round ids that do not fit uint80
        if (!success || size < 0xa0 || roundId >> 80 != 0 || answeredInRound >> 80 != 0) return (false, 0);
        if (updatedAt == 0 || answeredInRound < roundId) return (false, 0);
        // casting to 'int256' is intended: the answer is an int256 word; <= 0 is refused
        // forge-lint: disable-next-line(unsafe-typecast)
        if (int256(answer) <= 0 || updatedAt > block.timestamp) return (false, 0);
        if (block.timestamp - updatedAt > (word >> 160) & 0xffffff) return (false, 0);
        // casting to 'int256' is intended: as above
        // forge-lint: disable-next-line(unsafe-typecast)
        if ((word >> 184) & 1 != 0 && _atBound(feed, int256(answer))) return (false, 0);
        // OracleMath.fitsIn18 and normalizeDown with the factor recorded at configuration
        uint256 factor = word >> 186;
        if ((word >> 185) & 1 != 0) {
            price = answer / factor;
        } else {
            if (answer > type(uint256).max / factor) return (false, 0);
            price = answer * factor;
        }
        return (price != 0, price);
    }

    /// @dev ChainlinkAdapter._checkBounds: the bounds of the aggregator behind `feed`, read live; an answer on or
    ///      past one is the clamp, not the market. A feed that no longer exposes them is served without the check.
    function _atBound(address feed, int256 answer) private view returns (bool) {
        (bool found, uint256 agg) = _word(feed, IAggregatorBounds.aggregator.selector);
        if (!found || agg >> 160 != 0 || agg == 0) return false;
        (bool hasMin, uint256 lo) = _word(address(uint160(agg)), IAggregatorBounds.minAnswer.selector);
        (bool hasMax, uint256 hi) = _word(address(uint160(agg)), IAggregatorBounds.maxAnswer.selector);
        if (!hasMin || !hasMax) return false;
        // casting to 'int256' is intended: the bounds are int192 words, sign-extended by the ABI
        // forge-lint: disable-next-line(unsafe-typecast)
        return answer <= int256(lo) || answer >= int256(hi);
    }

    /// @dev ChainlinkAdapter._word: a 32-byte view answer, ok false when the call fails, is short or has no code.
    function _word(address target, bytes4 selector) private view returns (bool ok, uint256 value) {
        if (target.code.length == 0) return (false, 0);
        uint256 size;
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, selector)
            ok := staticcall(gas(), target, ptr, 4, ptr, 0x20)
            size := returndatasize()
            value := mload(ptr)
        }
        if (size < 0x20) ok = false;
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
