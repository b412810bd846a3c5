// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IPriceRouter} from "../interfaces/IPriceRouter.sol";
import {IPriceSource} from "../interfaces/IPriceSource.sol";
import {Median} from "../libraries/Median.sol";
import {OracleMath} from "../libraries/OracleMath.sol";
import {IDirectFeedSource, IAggregatorBounds} from "./ChainlinkAdapter.sol";
import {IDirectTwapSource} from "./PoolTwapAdapter.sol";
import {IPoolOracle} from "../interfaces/IPoolOracle.sol";

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
///      so a source cannot make the router pay for a huge return or revert payload. Every read of a source (its
///      `latestPrice()`, a direct feed's `latestRoundData()` and bounds, a pool's `getTwap`/`getTwaps`/
///      `lastObservationTime`, a quote's price) gets at most SOURCE_READ_GAS: a source that turns hostile after it
///      was vetted (an upgraded pool or feed that burns what it is given) counts as unhealthy at a bounded cost, and
///      the quorum decides, instead of starving every price of the call. It still must be removed (timelock).
contract PriceRouter is IPriceRouter, Ownable2Step {
    /// @notice Most gas one read of a source may use; a read that needs more counts as unhealthy. Honest reads need a
    ///         few percent of it: a Chainlink proxy's latestRoundData ~15,000, a pool TWAP over a wrapped 1,000-slot
    ///         ring ~21,000 (8 tokens ~43,000: WeightedPoolTwapGasTest; the seeded search keeps the walk to a few
    ///         slots), and a grouped getTwaps reads each ring once for all its tokens. The bound is what a hostile
    ///         source can cost one call per read (a failed grouped read falls back to one read per member). A caller
    ///         that gives a read less (a keeper choosing a low gas limit) gets 63/64 of what is left, which starves
    ///         an honest read only when too little is left for the rest of the call to succeed.
    uint256 public constant SOURCE_READ_GAS = 1_000_000;
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
    ///         stay under EIP-170 (64 entries of 2 direct feeds and a direct TWAP each is 16,385 bytes; a configuration that would
    ///         not fit is refused with ConfigTooLarge).
    uint256 public constant MAX_ASSETS = 64;
    /// @notice Largest configuration data (EIP-170's code limit, less the STOP byte).
    uint256 public constant MAX_CONFIG_BYTES = 24_575;

    /// @dev The configuration of every asset lives in the code of one data contract (written by setSources and
    ///      removeAsset, never by pricing), not in storage: a vault prices all its assets, and a cold read of the
    ///      whole configuration (one slot for this pointer, one cold account for its code) costs ~4,700 gas where
    ///      two cold slots per asset cost 4,200 each. The code is a STOP byte (so a call to it does nothing), then
    ///      one entry per asset: a header word (asset in bits 0..159, count 160..167, quorum 168..175, maxDeviation
    ///      176..234, the entry's size in words 235..239, twapMask 240..247, directMask 248..255; bit i of twapMask is set when source i is a TWAP, read
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
    ///      bits 186..245 the factor 10^|decimals - 18| (at most 10^18 < 2^60), so a read makes no exponentiation,
    ///      and bit 250 (SHARED_FEED) set when another direct word of the configuration is the same feed word
    ///      (_markShared): getPrices keeps only those reads for the sources after it, the others it makes once anyway.
    /// @dev Direct TWAP sources: a TWAP source that declares `IDirectTwapSource.directTwap()` (a PoolTwapAdapter)
    ///      promises that its price is the adapter's rule over one pool, window and quote source, all immutables.
    ///      Its bit in directMask is set too (with its twapMask bit) and it takes two direct words: pool in bits
    ///      0..159, window 160..191, bit 192 set when the asset is the pool's token 0, quote mode in bits 193..194
    ///      (0 none, 1 a direct feed, 2 any other source); then the quote's direct feed word (mode 1), its address
    ///      (mode 2) or 0. `getPrice` then reads the pool (and the quote) itself (_readTwap): the adapter's account and
    ///      call frame, and the quote adapter's, are saved; `getPrices` also reads a pool's newest observation time and
    ///      a feed shared by several sources (the quote feed beside token 0's own) once for all its assets.
    /// @dev Grouped TWAPs: every write puts a group table first (an entry of asset 0 with no sources, _withGroups), and
    ///      getPrices reads the direct TWAPs of one (pool, window) with one `getTwaps` call (_groupedTwapOf).
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
        (uint256 directMask, uint256[] memory direct) = _directWords(asset, sources, twapMask);
        uint256 words = sources.length + 1 + direct.length; // at most 1 + 8 + 16 = 25
        (bytes memory blob, uint256 entries) = _without(_load(), asset, words);
        if (entries >= MAX_ASSETS) revert TooManyAssets(asset, MAX_ASSETS);
        // _validate bounded the source count by MAX_SOURCES and maxDeviation by MAX_DEVIATION (< 2^59); the entry's
        // size in words goes in bits 235..239, above maxDeviation's 59 bits
        _append(blob, _header(asset, sources.length, quorum, maxDeviation, words) | uint256(twapMask) << 240 | directMask << 248, sources, direct);
        _store(_withGroups(blob));
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
        (uint256 at,) = _find(blob, asset, 0);
        if (at == NOT_FOUND) revert UnknownAsset(asset);
        (blob,) = _without(blob, asset, 0);
        _store(_withGroups(blob));
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
        (uint256 at, uint256 header) = _find(blob, asset, 0);
        return _price(blob, asset, at, header, _newMemo(0, 0), new uint256[](MAX_SOURCES));
    }

    /// @inheritdoc IPriceRouter
    /// @notice `getPrice` of each asset in order, in one call: the configuration is loaded once, and a read that
    ///         several sources share (a pool's newest observation time, a feed that is both a source and the quote
    ///         of pool TWAPs) is made once. Each price, and the first failure's revert, are getPrice's.
    /// @dev Each asset's entry is looked for from the end of the previous asset's (wrapping around): a vault lists its
    ///      assets in the order it configured them, so each is found at once; any order finds the same (only) entry.
    function getPrices(address[] calldata assets) external view override returns (uint256[] memory prices) {
        bytes memory blob = _load();
        uint256 table = _groupTable(blob); // a table implies direct TWAPs: no walk then
        uint256[] memory memo = _newMemo(table != 0 || _hasDirectTwap(blob) ? MEMO_SLOTS : 0, table);
        uint256[] memory scratch = new uint256[](MAX_SOURCES); // every asset's healthy prices, in turn
        uint256 n = assets.length;
        prices = new uint256[](n);
        uint256 from;
        for (uint256 i; i < n; ++i) {
            address asset = assets[i];
            (uint256 at, uint256 header) = _find(blob, asset, from);
            prices[i] = _price(blob, asset, at, header, memo, scratch);
            from = at + _entryBytes(header); // found: _price reverts on NOT_FOUND
        }
    }

    /// @dev getPrice's verdict for `asset`, whose entry in the configuration `blob` is at `at` with header `header`
    ///      (_find), sharing reads through `memo`; `scratch` (MAX_SOURCES words) receives the healthy prices.
    ///      The generic rule sorts the healthy prices, bounds (last - first) / first and takes the median of three or
    ///      more; here the lowest and highest are kept while reading, equal to the sorted ends, so only three or
    ///      more healthy prices are sorted (for the median): testFuzz_verdictMatchesGenericRule holds the two equal.
    function _price(
        bytes memory blob,
        address asset,
        uint256 at,
        uint256 header,
        uint256[] memory memo,
        uint256[] memory scratch
    ) private view returns (uint256) {
        if (at == NOT_FOUND) revert UnknownAsset(asset);
        uint256 entry;
        assembly ("memory-safe") {
            entry := add(add(blob, 0x20), at) // the entry's header word in memory
        }
        (uint256 healthy, uint256 lo, uint256 hi, uint256 primary) = _healthyPrices(entry, header, memo, scratch);
        uint256 quorum = (header >> 168) & 0xff;
        if (healthy < quorum) revert QuorumNotMet(asset, healthy, quorum);
        // quorum >= 1: at least one healthy price, so lo <= hi are two of them
        uint256 maxDeviation = (header >> 176) & DEVIATION_MASK;
        if (_spreadUp(lo, hi) > maxDeviation) revert SourcesDisagree(asset, lo, hi, maxDeviation);
        if (healthy < 3) return primary;
        assembly ("memory-safe") {
            mstore(scratch, healthy) // the healthy prefix
        }
        Median.sortAscending(scratch);
        return Median.medianOfSortedDown(scratch);
    }

    /// @notice Every source's reading for `asset`, healthy or not, with the reason when not; never reverts for a
    ///         configured asset, so a keeper can explain a `getPrice` failure.
    /// @param asset A configured asset.
    function getPriceDetails(address asset) external view returns (SourceReading[] memory readings) {
        bytes memory blob = _load();
        (uint256 at, uint256 header) = _find(blob, asset, 0);
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
        (uint256 at, uint256 header) = _find(blob, asset, 0);
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
        (uint256 at,) = _find(_load(), asset, 0);
        return at != NOT_FOUND;
    }

    // ---- internals ----

    /// @dev OracleMath.relativeSpreadUp(lo, hi), exactly: plain arithmetic when (hi - lo) * WAD fits 256 bits (any
    ///      two prices below ~1e59), else the library's 512-bit mulDiv.
    function _spreadUp(uint256 lo, uint256 hi) private pure returns (uint256 spread) {
        unchecked {
            uint256 d = hi - lo; // sorted: hi >= lo
            if (d > type(uint256).max / OracleMath.WAD) return OracleMath.relativeSpreadUp(lo, hi);
            uint256 x = d * OracleMath.WAD;
            spread = x / lo; // lo > 0: only healthy (non-zero) prices are sorted
            if (x % lo != 0) ++spread;
        }
    }

    /// @dev The healthy sources of the entry whose header word `header` sits at memory `entry`: their count, their
    ///      prices in configuration order in `scratch` (its length is left alone), the lowest and highest of them
    ///      (type(uint256).max and 0 when none), and the primary's: the first healthy FEED, else the first healthy
    ///      source (0 when none is healthy). A direct source is read by the router itself (_readFeed, _readTwap);
    ///      its words follow the source words, in source order.
    function _healthyPrices(uint256 entry, uint256 header, uint256[] memory memo, uint256[] memory scratch)
        private
        view
        returns (uint256 healthy, uint256 lo, uint256 hi, uint256 primary)
    {
        uint256 w = (header >> 160) & 0xff; // index (after the header) of the next direct word: source words first
        lo = type(uint256).max;
        bool primaryIsFeed;
        // the count is <= MAX_SOURCES: scratch has room for every price
        for (uint256 i; i < (header >> 160) & 0xff; ++i) {
            bool ok;
            uint256 p;
            if ((header >> 248) & (1 << i) == 0) {
                (ok, p,,) = _read(IPriceSource(address(uint160(_entryWord(entry, i)))));
            } else if ((header >> 240) & (1 << i) == 0) {
                (ok, p,) = _readFeed(_entryWord(entry, w), memo);
                w += 1;
            } else {
                (ok, p) = _readTwap(address(uint160(header)), entry + ((w + 1) << 5), memo);
                w += 2;
            }
            if (!ok) continue;
            assembly ("memory-safe") {
                mstore(add(scratch, shl(5, add(healthy, 1))), p)
            }
            ++healthy;
            if (p < lo) lo = p;
            if (p > hi) hi = p;
            bool isFeed = (header >> 240) & (1 << i) == 0;
            if (primary == 0 || (isFeed && !primaryIsFeed)) (primary, primaryIsFeed) = (p, isFeed);
        }
    }

    /// @dev Word `i + 1` of the entry whose header word sits at memory `entry`.
    function _entryWord(uint256 entry, uint256 i) private pure returns (uint256 word) {
        assembly ("memory-safe") {
            word := mload(add(entry, shl(5, add(i, 1))))
        }
    }

    // ---- reads shared within one call ----

    /// @dev Entries getPrices' memo holds (key, ok, a, b); reads beyond them are simply not shared. getPrice alone
    ///      shares nothing across assets and keeps none (its sources rarely share a read, and a memo costs a few
    ///      hundred gas a source).
    uint256 private constant MEMO_ENTRIES = 12;
    /// @dev Slots of getPrices' memo, a power of two above MEMO_ENTRIES: an open-addressing table, so a probe always
    ///      ends on a match or an empty slot (key 0: no read has key 0, see below) after a step or two, where a scan
    ///      of the entries kept so far cost up to ~80 gas an entry.
    uint256 private constant MEMO_SLOTS = 16;
    /// @dev Marks a direct feed word that another direct word of the configuration repeats (see _configData).
    uint256 private constant SHARED_FEED = 1 << 250;
    /// @dev The factor's bits in a direct feed word, from bit 186 (10^18 < 2^60).
    uint256 private constant FACTOR_MASK = (1 << 60) - 1;
    /// @dev Tags a pool's key so it never equals a direct feed word (those leave bit 255 clear).
    uint256 private constant POOL_KEY = 1 << 255;

    /// @dev An empty memo of `slots` slots (0 or MEMO_SLOTS): word 0 counts the entries kept, word 1 is the memory
    ///      address of the configuration's group table (_withGroups; 0 when none), then 4 words a slot (key, ok, a, b),
    ///      zeroed (key 0: empty). Keys are feed words (a non-zero feed address), POOL_KEY or GROUP_KEY tagged: never
    ///      0. Within one static call no state changes, so a read made again would return what the memo holds:
    ///      sharing it changes no verdict.
    function _newMemo(uint256 slots, uint256 table) private pure returns (uint256[] memory memo) {
        assembly ("memory-safe") {
            memo := mload(0x40)
            mstore(memo, add(2, shl(2, slots)))
            mstore(add(memo, 0x20), 0) // none kept yet
            mstore(add(memo, 0x40), table)
            calldatacopy(add(memo, 0x60), calldatasize(), shl(7, slots)) // zeros: every slot empty
            mstore(0x40, add(memo, shl(5, add(3, shl(2, slots)))))
        }
    }

    /// @dev Memory address of `key`'s slot in `memo` (key, ok, a, b), 0 when absent: linear probing from the slot of
    ///      the key's low bits (a feed's or pool's address bits, a group's table index) to the key or an empty slot.
    function _recall(uint256[] memory memo, uint256 key) private pure returns (uint256 e) {
        assembly ("memory-safe") {
            let slots := shr(2, mload(memo))
            if slots {
                let mask := sub(slots, 1)
                let base := add(memo, 0x60) // after the length, count and table words
                for { let i := and(key, mask) } 1 { i := and(add(i, 1), mask) } {
                    let p := add(base, shl(7, i))
                    let k := mload(p)
                    if eq(k, key) {
                        e := p
                        break
                    }
                    if iszero(k) { break }
                }
            }
        }
    }

    /// @dev Keeps (key, ok, a, b) for a key _recall did not find, when `memo` holds fewer than MEMO_ENTRIES: in the
    ///      first empty slot of its probe (so at least MEMO_SLOTS - MEMO_ENTRIES slots stay empty).
    function _remember(uint256[] memory memo, uint256 key, bool ok, uint256 a, uint256 b) private pure {
        assembly ("memory-safe") {
            let count := mload(add(memo, 0x20))
            if and(iszero(iszero(shr(2, mload(memo)))), lt(count, MEMO_ENTRIES)) {
                let mask := sub(shr(2, mload(memo)), 1)
                let base := add(memo, 0x60)
                let p
                for { let i := and(key, mask) } 1 { i := and(add(i, 1), mask) } {
                    p := add(base, shl(7, i))
                    if iszero(mload(p)) { break }
                }
                mstore(p, key)
                mstore(add(p, 0x20), ok)
                mstore(add(p, 0x40), a)
                mstore(add(p, 0x60), b)
                mstore(add(memo, 0x20), add(count, 1))
            }
        }
    }

    function _recalled(uint256 e) private pure returns (bool ok, uint256 a, uint256 b) {
        assembly ("memory-safe") {
            ok := mload(add(e, 0x20))
            a := mload(add(e, 0x40))
            b := mload(add(e, 0x60))
        }
    }

    /// @dev _readDirect through the memo: a feed word that several direct words repeat (SHARED_FEED) read once per call.
    function _readFeed(uint256 word, uint256[] memory memo)
        private
        view
        returns (bool ok, uint256 price, uint256 updatedAt)
    {
        // getPrice's empty memo, or a feed word no other source or quote repeats: nothing to recall or keep
        if (memo.length == 2 || word & SHARED_FEED == 0) return _readDirect(word);
        uint256 e = _recall(memo, word);
        if (e != 0) return _recalled(e);
        (ok, price, updatedAt) = _readDirect(word);
        _remember(memo, word, ok, price, updatedAt);
    }

    /// @dev PoolTwapAdapter.latestPrice()'s rule, read by the router from the pool itself (see _configData), then the
    ///      router's own rule for any source (_read: non-zero, not in the future). Asset token 0: price 1 as of now.
    ///      Else the pool's TWAP of `asset` over the window (a failed, short or zero answer is unhealthy, as the
    ///      adapter's revert is) as of the pool's newest observation (a failed, short or non-uint32 answer likewise).
    ///      Then, with a quote, times the quote's price (rounded down; an overflow or a zero product is unhealthy)
    ///      and as fresh as the older of the two. A quote that is a direct feed is read by _readFeed; another is
    ///      called, and only a failed or short reply is unhealthy, as in the adapter (which does not judge the
    ///      quote's price or time beyond its product and the minimum).
    ///      `words` is the memory address of the source's two direct words (the TWAP word, then the quote word).
    function _readTwap(address asset, uint256 words, uint256[] memory memo)
        private
        view
        returns (bool ok, uint256 price)
    {
        uint256 word;
        assembly ("memory-safe") {
            word := mload(words)
        }
        uint256 updatedAt;
        if ((word >> 192) & 1 != 0) {
            (price, updatedAt) = (OracleMath.WAD, block.timestamp);
        } else {
            address pool = address(uint160(word));
            uint256 twap;
            (ok, twap) = _groupedTwapOf(pool, asset, word, memo);
            if (!ok || twap == 0) return (false, 0);
            (ok, updatedAt) = _observationTime(pool, memo);
            if (!ok) return (false, 0);
            price = twap;
        }
        uint256 mode = (word >> 193) & 3;
        if (mode != 0) {
            uint256 quote;
            assembly ("memory-safe") {
                quote := mload(add(words, 0x20))
            }
            uint256 quotePrice;
            uint256 quoteUpdatedAt;
            if (mode == 1) {
                (ok, quotePrice, quoteUpdatedAt) = _readFeed(quote, memo);
            } else {
                (ok, quotePrice, quoteUpdatedAt) =
                    _call2Words(address(uint160(quote)), abi.encodeCall(IPriceSource.latestPrice, ()));
            }
            if (!ok) return (false, 0);
            (ok, price) = _mulDownChecked(price, quotePrice);
            if (!ok) return (false, 0);
            if (quoteUpdatedAt < updatedAt) updatedAt = quoteUpdatedAt;
        }
        return (price != 0 && updatedAt <= block.timestamp, price);
    }

    /// @dev `pool.lastObservationTime()` through the memo; ok false when the call fails, is short or is not a uint32.
    function _observationTime(address pool, uint256[] memory memo) private view returns (bool ok, uint256 time) {
        uint256 key = POOL_KEY | uint256(uint160(pool));
        uint256 e = _recall(memo, key);
        if (e != 0) {
            (ok, time,) = _recalled(e);
            return (ok, time);
        }
        (ok, time) = _word(pool, IPoolOracle.lastObservationTime.selector);
        if (time >> 32 != 0) (ok, time) = (false, 0);
        _remember(memo, key, ok, time, 0);
    }

    /// @dev `pool.getTwap(asset, window)` (window < 2^32); ok false when the call fails or its reply is short.
    function _twapOf(address pool, address asset, uint256 window) private view returns (bool ok, uint256 twap) {
        bytes4 selector = IPoolOracle.getTwap.selector;
        uint256 size;
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, selector)
            mstore(add(ptr, 0x04), shr(96, shl(96, asset))) // a narrowed word may keep dirty high bits here
            mstore(add(ptr, 0x24), window)
            ok := staticcall(SOURCE_READ_GAS, pool, ptr, 0x44, ptr, 0x20)
            size := returndatasize()
            twap := mload(ptr)
        }
        if (!ok || size < 0x20) return (false, 0);
    }

    // ---- pool TWAPs read in groups (getPrices) ----

    /// @dev A direct TWAP word's group (see _withGroups): bits 200..207 the group's header word in the table (1 for the
    ///      table's first word; 0: not grouped), bits 208..215 the asset's position in the group's token list.
    uint256 private constant GROUP_SHIFT = 200;
    uint256 private constant POSITION_SHIFT = 208;
    uint256 private constant GROUP_BITS = 0xffff << 200;
    /// @dev Tags a group's memo key (bit 254; pool keys set bit 255, feed words neither).
    uint256 private constant GROUP_KEY = 1 << 254;
    /// @dev Most words the group table holds (its header's 8-bit count).
    uint256 private constant MAX_TABLE_WORDS = 255;

    /// @dev Memory address of the group table's header word in `blob` (its first entry, asset 0), 0 when none.
    function _groupTable(bytes memory blob) private pure returns (uint256 table) {
        if (blob.length == 0) return 0;
        assembly ("memory-safe") {
            if iszero(shl(96, mload(add(blob, 0x20)))) { table := add(blob, 0x20) }
        }
    }

    /// @dev `_twapOf(pool, asset, window)` for the direct TWAP `word`, bit for bit: when the word is in a group of the
    ///      table and this is getPrices (the memo carries the table), the group's `getTwaps` is called once per call
    ///      and kept in the memo, and the asset's price is its entry; when that call fails (any token's getTwap
    ///      reverts, e.g. a window one ring does not cover) or answers in another shape, each asset falls back to
    ///      its own getTwap, so a failing token makes only itself unhealthy, as read one by one. The pool's getTwaps
    ///      equals getTwap token by token (WeightedPool's tested property; only pools that answer getTwaps are
    ///      grouped, see _withGroups).
    function _groupedTwapOf(address pool, address asset, uint256 word, uint256[] memory memo)
        private
        view
        returns (bool ok, uint256 twap)
    {
        uint256 window = (word >> 160) & type(uint32).max;
        uint256 g = (word >> GROUP_SHIFT) & 0xff;
        uint256 table;
        assembly ("memory-safe") {
            table := mload(add(memo, 0x40))
        }
        if (g == 0 || table == 0) return _twapOf(pool, asset, window);
        uint256 key = GROUP_KEY | g;
        uint256 e = _recall(memo, key);
        uint256 prices;
        if (e != 0) {
            (ok, prices,) = _recalled(e);
        } else {
            (ok, prices) = _twapsOf(pool, table, g, window);
            _remember(memo, key, ok, prices, 0);
        }
        if (!ok) return _twapOf(pool, asset, window);
        assembly ("memory-safe") {
            twap := mload(add(prices, shl(5, add(1, and(shr(POSITION_SHIFT, word), 0xff)))))
        }
    }

    /// @dev `pool.getTwaps(tokens, window)` for the tokens of group `g` of the table at memory `table`; ok false unless
    ///      the call succeeds with exactly one ABI-encoded array of one price per token. `prices` is the memory address
    ///      of the array (its length word, then the prices).
    function _twapsOf(address pool, uint256 table, uint256 g, uint256 window)
        private
        view
        returns (bool ok, uint256 prices)
    {
        bytes4 selector = IPoolOracle.getTwaps.selector;
        assembly ("memory-safe") {
            let head := add(table, shl(5, g)) // the group's header word: pool | window << 160 | n << 192
            let n := shr(192, mload(head))
            let ptr := mload(0x40)
            mstore(ptr, selector)
            mstore(add(ptr, 0x04), 0x40) // the array's offset
            mstore(add(ptr, 0x24), window)
            mstore(add(ptr, 0x44), n)
            mcopy(add(ptr, 0x64), add(head, 0x20), shl(5, n))
            let size := add(0x40, shl(5, n))
            ok := staticcall(SOURCE_READ_GAS, pool, ptr, add(0x64, shl(5, n)), 0, 0)
            ok := and(ok, eq(returndatasize(), size))
            if ok {
                returndatacopy(ptr, 0, size)
                ok := and(eq(mload(ptr), 0x20), eq(mload(add(ptr, 0x20)), n))
                prices := add(ptr, 0x20)
                mstore(0x40, add(ptr, size))
            }
        }
    }

    /// @dev `blob` (entries only, no table) with the group table in front, built at every configuration write so
    ///      getPrices does no grouping work: each (pool, window) that two or more assets' direct TWAP sources read
    ///      (asset not the pool's token 0), on a pool that answers `getTwaps`, becomes a group: a header word (pool |
    ///      window << 160 | n << 192) and its n distinct assets, one word each, in configuration order. The table is
    ///      an entry of asset 0 with no sources (so the entry walk skips it, and _find never returns it); each member
    ///      TWAP word gets its group and position (GROUP_SHIFT, POSITION_SHIFT), written into `blob` in place. Groups
    ///      that would overflow the table's 255 words or the configuration's size are left ungrouped (read one by
    ///      one, as before).
    function _withGroups(bytes memory blob) private view returns (bytes memory out) {
        uint256 len = blob.length;
        (uint256[] memory feeds, uint256[] memory twaps, uint256[] memory twapOwner) = _directWordsOf(blob);
        _markShared(feeds);
        uint256[] memory words = new uint256[](twaps.length); // memory addresses of the TWAP words that call a pool
        uint256[] memory owner = new uint256[](twaps.length); // and the asset of each
        uint256 count;
        for (uint256 k; k < twaps.length; ++k) {
            uint256 a = twaps[k];
            uint256 w;
            assembly ("memory-safe") {
                w := mload(a)
            }
            w &= ~GROUP_BITS;
            assembly ("memory-safe") {
                mstore(a, w)
            }
            if ((w >> 192) & 1 == 0) (words[count], owner[count++]) = (a, twapOwner[k]);
        }
        uint256[] memory table = new uint256[](MAX_TABLE_WORDS);
        uint256[] memory pos = new uint256[](count);
        uint256 used; // table words kept
        for (uint256 i; i < count; ++i) {
            if (words[i] == 0) continue; // placed already
            uint256 key = _keyAt(words[i]); // pool | window << 160
            uint256 n;
            uint256 last = i;
            for (uint256 j = i; j < count; ++j) {
                if (words[j] == 0 || _keyAt(words[j]) != key) continue;
                uint256 k;
                while (k < n && table[used + 1 + k] != owner[j]) ++k;
                if (k == n) {
                    if (used + 2 + n > MAX_TABLE_WORDS) break; // full: later words of this key start another group
                    table[used + 1 + n++] = owner[j];
                }
                (pos[j], last) = (k, j);
            }
            bool keep = n >= 2 && ((used + 2 + n) << 5) + len <= MAX_CONFIG_BYTES
                && _answersTwaps(address(uint160(key)), key >> 160);
            for (uint256 j = i; j <= last; ++j) {
                uint256 a = words[j];
                if (a == 0 || _keyAt(a) != key) continue;
                if (keep) {
                    uint256 bits = (used + 1) << GROUP_SHIFT | pos[j] << POSITION_SHIFT;
                    assembly ("memory-safe") {
                        mstore(a, or(mload(a), bits))
                    }
                }
                words[j] = 0;
            }
            if (keep) {
                table[used] = key | n << 192;
                used += 1 + n;
            }
        }
        if (used == 0) return blob;
        out = new bytes(((used + 1) << 5) + len);
        assembly ("memory-safe") {
            let o := add(out, 0x20)
            mstore(o, shl(160, used)) // asset 0, `used` words, no sources
            mcopy(add(o, 0x20), add(table, 0x20), shl(5, used))
            mcopy(add(o, shl(5, add(used, 1))), add(blob, 0x20), len)
        }
    }

    /// @dev One walk of `blob`'s entries (no table): the memory addresses of its direct feed words (a direct feed
    ///      source's word, and a direct TWAP's quote word when the quote is a direct feed, quote mode 1), and of its
    ///      direct TWAP words with the asset of each, in configuration order. Every configuration write uses them
    ///      (_markShared, _withGroups).
    function _directWordsOf(bytes memory blob)
        private
        pure
        returns (uint256[] memory feeds, uint256[] memory twaps, uint256[] memory twapOwner)
    {
        uint256 len = blob.length;
        feeds = new uint256[](len >> 5);
        twaps = new uint256[](len >> 5);
        twapOwner = new uint256[](len >> 5);
        uint256 nf;
        uint256 nt;
        for (uint256 p; p < len;) {
            uint256 entry;
            uint256 h;
            assembly ("memory-safe") {
                entry := add(add(blob, 0x20), p)
                h := mload(entry)
            }
            uint256 n = (h >> 160) & 0xff;
            uint256 d = n + 1; // word index (in the entry) of the next direct word
            for (uint256 i; i < n; ++i) {
                if ((h >> 248) & (1 << i) == 0) continue;
                uint256 a = entry + (d << 5);
                if ((h >> 240) & (1 << i) == 0) {
                    feeds[nf++] = a;
                    ++d;
                    continue;
                }
                uint256 w;
                assembly ("memory-safe") {
                    w := mload(a)
                }
                if ((w >> 193) & 3 == 1) feeds[nf++] = a + 0x20;
                (twaps[nt], twapOwner[nt++]) = (a, uint160(h));
                d += 2;
            }
            p += _entryBytes(h);
        }
        assembly ("memory-safe") {
            mstore(feeds, nf) // shrink to what was found; the tails stay allocated, unused
            mstore(twaps, nt)
            mstore(twapOwner, nt)
        }
    }

    /// @dev Sets SHARED_FEED, in place, on exactly the direct feed words at the memory addresses `feeds` (see
    ///      _directWordsOf) that another of them repeats; the rest are cleared. Only a repeated word can be read twice
    ///      in one getPrices, so only those go through the memo (_readFeed).
    function _markShared(uint256[] memory feeds) private pure {
        uint256 count = feeds.length;
        for (uint256 i; i < count; ++i) {
            uint256 a = feeds[i];
            assembly ("memory-safe") {
                mstore(a, and(mload(a), not(SHARED_FEED)))
            }
        }
        for (uint256 i; i < count; ++i) {
            uint256 a = feeds[i];
            assembly ("memory-safe") {
                let w := and(mload(a), not(SHARED_FEED))
                for { let j := add(i, 1) } lt(j, count) { j := add(j, 1) } {
                    let b := mload(add(feeds, shl(5, add(j, 1))))
                    if eq(and(mload(b), not(SHARED_FEED)), w) {
                        mstore(a, or(mload(a), SHARED_FEED))
                        mstore(b, or(mload(b), SHARED_FEED))
                    }
                }
            }
        }
    }

    /// @dev pool | window << 160 of the TWAP word at memory address `a`.
    function _keyAt(uint256 a) private pure returns (uint256 key) {
        assembly ("memory-safe") {
            key := and(mload(a), 0xffffffffffffffffffffffffffffffffffffffffffffffff)
        }
    }

    /// @dev Gas for the probe below: an empty getTwaps costs a pool well under 1,000; a contract that burns what it is
    ///      given then cannot starve setSources.
    uint256 private constant PROBE_GAS = 30_000;

    /// @dev Whether `pool.getTwaps([], window)` answers an empty array (a pool that implements getTwaps; one that does
    ///      not is never grouped, so getPrices never pays for a call that cannot succeed).
    function _answersTwaps(address pool, uint256 window) private view returns (bool ok) {
        bytes4 selector = IPoolOracle.getTwaps.selector;
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, selector)
            mstore(add(ptr, 0x04), 0x40)
            mstore(add(ptr, 0x24), window)
            mstore(add(ptr, 0x44), 0)
            ok := staticcall(PROBE_GAS, pool, ptr, 0x64, ptr, 0x40)
            ok := and(and(ok, eq(returndatasize(), 0x40)), and(eq(mload(ptr), 0x20), iszero(mload(add(ptr, 0x20)))))
        }
    }

    /// @dev A view call returning two words (a source's latestPrice); ok false when it fails or is short.
    function _call2Words(address target, bytes memory data) private view returns (bool ok, uint256 a, uint256 b) {
        uint256 size;
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            ok := staticcall(SOURCE_READ_GAS, target, add(data, 0x20), mload(data), ptr, 0x40)
            size := returndatasize()
            a := mload(ptr)
            b := mload(add(ptr, 0x20))
        }
        if (!ok || size < 0x40) return (false, 0, 0);
    }

    /// @dev OracleMath.mulDown(a, b), or ok false where it would revert (a result that does not fit 256 bits).
    function _mulDownChecked(uint256 a, uint256 b) private pure returns (bool ok, uint256 product) {
        uint256 hi;
        assembly ("memory-safe") {
            let mm := mulmod(a, b, not(0))
            let lo := mul(a, b)
            hi := sub(sub(mm, lo), lt(mm, lo))
        }
        if (hi >= OracleMath.WAD) return (false, 0);
        unchecked {
            // mulDiv's own result: without a high word it is the plain quotient
            return (true, hi == 0 ? (a * b) / OracleMath.WAD : OracleMath.mulDown(a, b));
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

    /// @dev Byte offset of `asset`'s entry in `blob` and its header word; (NOT_FOUND, 0) when absent. The walk starts
    ///      at `from`, an entry's offset (or blob.length), and wraps around to the entries before it: an asset has at
    ///      most one entry (setSources replaces it), so any start finds the same one.
    function _find(bytes memory blob, address asset, uint256 from) private pure returns (uint256 at, uint256 header) {
        at = NOT_FOUND;
        if (asset == address(0)) return (at, 0); // asset 0 heads the group table (_withGroups), never an asset
        assembly ("memory-safe") {
            let base := add(blob, 0x20)
            let key := shr(96, shl(96, asset))
            let p := from
            let end := mload(blob)
            for {} 1 {} {
                if iszero(lt(p, end)) {
                    if iszero(from) { break } // walked the whole blob
                    end := from // then the entries before the start
                    from := 0
                    p := 0
                    continue
                }
                let h := mload(add(base, p))
                if eq(shr(96, shl(96, h)), key) {
                    at := p
                    header := h
                    break
                }
                let size := shl(5, and(shr(235, h), 31)) // _entryBytes
                if iszero(size) { size := shl(5, add(and(shr(160, h), 0xff), 1)) }
                p := add(p, size)
            }
        }
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
            // the group table (asset 0) is dropped too: the writer builds it again (_withGroups)
            if (address(uint160(h)) != asset && uint160(h) != 0) {
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
        return ((header >> 160) & 0xff, (header >> 168) & 0xff, (header >> 176) & DEVIATION_MASK, header >> 240);
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

    function _header(address asset, uint256 n, uint8 quorum, uint256 maxDeviation, uint256 words)
        private
        pure
        returns (uint256)
    {
        return uint256(uint160(asset)) | n << 160 | uint256(quorum) << 168 | maxDeviation << 176 | words << 235;
    }

    /// @dev maxDeviation's bits in a header (MAX_DEVIATION = 0.5e18 < 2^59); bits 235..239 hold the entry's size.
    uint256 private constant DEVIATION_MASK = (1 << 59) - 1;

    /// @dev Bytes of the entry whose header is `h`: the header, a word per source, a word per direct feed and two per
    ///      direct TWAP, recorded by setSources in bits 235..239 (so the entry walk of every read is a shift, not a
    ///      population count); the group table (asset 0, no sources, no size field) is its header and `count` words.
    function _entryBytes(uint256 h) private pure returns (uint256 size) {
        assembly ("memory-safe") {
            size := shl(5, and(shr(235, h), 31))
            if iszero(size) { size := shl(5, add(and(shr(160, h), 0xff), 1)) }
        }
    }

    /// @dev Whether any entry of `blob` has a direct TWAP source: only then can assets share reads (getPrices).
    function _hasDirectTwap(bytes memory blob) private pure returns (bool) {
        uint256 len = blob.length;
        for (uint256 p; p < len;) {
            uint256 h;
            assembly ("memory-safe") {
                h := mload(add(add(blob, 0x20), p))
            }
            if ((h >> 248) & (h >> 240) != 0) return true;
            p += _entryBytes(h);
        }
        return false;
    }

    /// @dev The direct sources among `sources` (bit i of `mask`) and their words, in order: a feed (twapMask bit
    ///      clear) is direct when _feedWord accepts its `directFeed()`, a TWAP when _twapWords accepts its
    ///      `directTwap()`. Any other source is read through `latestPrice()`.
    function _directWords(address asset, IPriceSource[] calldata sources, uint256 twapMask)
        private
        view
        returns (uint256 mask, uint256[] memory words)
    {
        uint256 n = sources.length;
        words = new uint256[](2 * n);
        uint256 count;
        for (uint256 i; i < n; ++i) {
            address source = address(sources[i]);
            if (twapMask & (1 << i) == 0) {
                (bool ok, uint256 word) = _feedWord(source);
                if (!ok) continue;
                words[count++] = word;
            } else {
                (bool ok, uint256 word, uint256 quote) = _twapWords(asset, source);
                if (!ok) continue;
                (words[count], words[count + 1]) = (word, quote);
                count += 2;
            }
            mask |= 1 << i;
        }
        assembly ("memory-safe") {
            mstore(words, count) // shrink to the direct words; the tail stays allocated, unused
        }
    }

    /// @dev A feed source's direct word: when its `directFeed()` answers with at least 128 bytes, a feed with code
    ///      and settings an adapter could have been deployed with (else ok false).
    function _feedWord(address source) private view returns (bool ok, uint256 word) {
        bytes memory ret;
        (ok, ret) = source.staticcall(abi.encodeCall(IDirectFeedSource.directFeed, ()));
        if (!ok || ret.length < 0x80) return (false, 0);
        (uint256 feed, uint256 heartbeat, uint256 decimals, uint256 checksBounds) =
            abi.decode(ret, (uint256, uint256, uint256, uint256));
        if (feed == 0 || feed >> 160 != 0 || address(uint160(feed)).code.length == 0) return (false, 0);
        if (heartbeat == 0 || heartbeat >= 1 << 24) return (false, 0);
        if (decimals > OracleMath.MAX_DECIMALS || checksBounds > 1) return (false, 0);
        uint256 above = decimals > OracleMath.WAD_DECIMALS ? 1 : 0;
        uint256 factor = 10 ** (above == 1 ? decimals - OracleMath.WAD_DECIMALS : OracleMath.WAD_DECIMALS - decimals);
        return (true, feed | heartbeat << 160 | checksBounds << 184 | above << 185 | factor << 186);
    }

    /// @dev A TWAP source's two direct words (see _configData): when its `directTwap()` answers with at least 128
    ///      bytes, a pool with code, a token 0, a window and a quote source that is none or has code (else ok false).
    ///      A quote that is itself a direct feed (_feedWord) is recorded as its feed word.
    function _twapWords(address asset, address source) private view returns (bool ok, uint256 word, uint256 quote) {
        bytes memory ret;
        (ok, ret) = source.staticcall(abi.encodeCall(IDirectTwapSource.directTwap, ()));
        if (!ok || ret.length < 0x80) return (false, 0, 0);
        (uint256 pool, uint256 token0, uint256 window, uint256 quoteSource) =
            abi.decode(ret, (uint256, uint256, uint256, uint256));
        if (pool == 0 || pool >> 160 != 0 || address(uint160(pool)).code.length == 0) return (false, 0, 0);
        if (token0 == 0 || token0 >> 160 != 0 || window == 0 || window >> 32 != 0) return (false, 0, 0);
        if (quoteSource >> 160 != 0) return (false, 0, 0);
        word = pool | window << 160 | (token0 == uint256(uint160(asset)) ? 1 << 192 : 0);
        if (quoteSource != 0) {
            if (address(uint160(quoteSource)).code.length == 0) return (false, 0, 0);
            (bool direct, uint256 feedWord) = _feedWord(address(uint160(quoteSource)));
            (word, quote) = direct ? (word | 1 << 193, feedWord) : (word | 2 << 193, quoteSource);
        }
        return (true, word, quote);
    }

    /// @dev ChainlinkAdapter.latestPrice()'s rule, read by the router from the feed itself (see _configData): healthy
    ///      only when the round is complete (updatedAt set, answeredInRound >= roundId), the answer positive, not in
    ///      the future, at most `heartbeat` old, off the aggregator's bounds when they are checked, and non-zero at
    ///      18 decimals. Anything the adapter would revert on reads as unhealthy here, as its revert does through
    ///      _read; at most 160 bytes are copied back.
    function _readDirect(uint256 word) private view returns (bool ok, uint256 price, uint256 updatedAt) {
        address feed = address(uint160(word));
        bool success;
        uint256 size;
        uint256 roundId;
        uint256 answer;
        uint256 answeredInRound;
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, 0xfeaf968c00000000000000000000000000000000000000000000000000000000) // latestRoundData()
            success := staticcall(SOURCE_READ_GAS, feed, ptr, 4, ptr, 0xa0)
            size := returndatasize()
            roundId := mload(ptr)
            answer := mload(add(ptr, 0x20))
            updatedAt := mload(add(ptr, 0x60))
            answeredInRound := mload(add(ptr, 0x80))
        }
        // the adapter's ABI decoding refuses a short reply and round ids that do not fit uint80
        if (!success || size < 0xa0 || roundId >> 80 != 0 || answeredInRound >> 80 != 0) return (false, 0, 0);
        if (updatedAt == 0 || answeredInRound < roundId) return (false, 0, 0);
        // casting to 'int256' is intended: the answer is an int256 word; <= 0 is refused
        // forge-lint: disable-next-line(unsafe-typecast)
        if (int256(answer) <= 0 || updatedAt > block.timestamp) return (false, 0, 0);
        if (block.timestamp - updatedAt > (word >> 160) & 0xffffff) return (false, 0, 0);
        // casting to 'int256' is intended: as above
        // forge-lint: disable-next-line(unsafe-typecast)
        if ((word >> 184) & 1 != 0 && _atBound(feed, int256(answer))) return (false, 0, 0);
        // OracleMath.fitsIn18 and normalizeDown with the factor recorded at configuration
        uint256 factor = (word >> 186) & FACTOR_MASK;
        if ((word >> 185) & 1 != 0) {
            price = answer / factor;
        } else {
            if (answer > type(uint256).max / factor) return (false, 0, 0);
            price = answer * factor;
        }
        return (price != 0, price, updatedAt);
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
            ok := staticcall(SOURCE_READ_GAS, target, ptr, 4, ptr, 0x20)
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
            success := staticcall(SOURCE_READ_GAS, source, ptr, 4, ptr, 0x40)
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
