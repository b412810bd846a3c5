// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {IPriceSource} from "../interfaces/IPriceSource.sol";
import {OracleMath} from "../libraries/OracleMath.sol";

/// @notice What a Chainlink proxy and its OCR aggregator expose beyond AggregatorV3Interface.
interface IAggregatorBounds {
    function aggregator() external view returns (address);
    function minAnswer() external view returns (int192);
    function maxAnswer() external view returns (int192);
}

/// @notice A source whose `latestPrice()` is exactly ChainlinkAdapter's rule over one feed (round complete, answer
///         positive, fresh within `heartbeat`, not on the aggregator's bounds when `checksBounds`, normalised to 18
///         decimals rounding down): PriceRouter then reads the feed itself with the same rule, which saves one cold
///         account and one call frame per source on every price.
interface IDirectFeedSource {
    /// @notice The feed and the rule's settings; reverts when `latestPrice()` applies anything more (for instance an
    ///         L2 sequencer check), so the router keeps calling the source.
    /// @return feed The feed `latestPrice()` reads (a Chainlink proxy).
    /// @return heartbeat Maximum answer age in seconds.
    /// @return decimals The feed's decimals.
    /// @return checksBounds Whether answers on the aggregator's min/max bounds are refused (read live, every time).
    function directFeed() external view returns (address feed, uint256 heartbeat, uint8 decimals, bool checksBounds);
}

/// @title Chainlink-style feed as a price source
/// @notice One adapter per asset feed; all settings are immutable (a new feed means a new adapter, set on the
///         router through the owning vault's timelock). Every reason to distrust the feed reverts with its own error, so the router's
///         `getPriceDetails` can tell a keeper why this source was left out.
/// @dev Comparing with block.timestamp is the point here (staleness, grace period): a validator's few seconds of
///      leeway are far below any heartbeat, so forge-lint's block-timestamp notes are expected.
/// @dev Prices are normalised to 18 decimals: exactly for feeds of <= 18 decimals, rounded down above 18.
///      The feed's decimals are read once at deployment: Chainlink keeps a pair's decimals across aggregator
///      upgrades, and re-reading them would cost a call into the (cold) aggregator on every price.
contract ChainlinkAdapter is IPriceSource, IDirectFeedSource {
    /// @notice Longest heartbeat accepted at deployment; Chainlink's slowest feeds update daily.
    uint256 public constant MAX_HEARTBEAT = 7 days;
    /// @notice Longest sequencer grace period accepted at deployment (Chainlink suggests one hour).
    uint256 public constant MAX_GRACE_PERIOD = 1 days;
    /// @notice Sequencer-uptime feed answers.
    int256 internal constant SEQUENCER_UP = 0;
    int256 internal constant SEQUENCER_DOWN = 1;

    /// @inheritdoc IPriceSource
    address public immutable override asset;
    /// @notice The wrapped price feed (normally a Chainlink proxy).
    AggregatorV3Interface public immutable feed;
    /// @notice Maximum age, in seconds, of an answer this adapter still serves.
    uint256 public immutable heartbeat;
    /// @notice L2 sequencer-uptime feed; address(0) means no sequencer check (L1).
    AggregatorV3Interface public immutable sequencerFeed;
    /// @notice Seconds after the sequencer comes back up during which prices are still refused.
    uint256 public immutable gracePeriod;
    /// @notice Decimals of the wrapped feed, read at deployment.
    uint8 public immutable feedDecimals;
    /// @notice Whether the feed exposed its aggregator's answer bounds at deployment (a Chainlink proxy's
    ///         `aggregator()` with `minAnswer()`/`maxAnswer()`); only then does every read check them.
    bool public immutable checksBounds;

    // ---- deployment errors ----
    error ZeroAsset();
    error ZeroFeed();
    error InvalidHeartbeat(uint256 heartbeat, uint256 maxHeartbeat);
    error InvalidGracePeriod(address sequencerFeed, uint256 gracePeriod, uint256 maxGracePeriod);
    error UnsupportedDecimals(address feed, uint8 decimals);

    // ---- price errors ----
    error SequencerDown(address sequencerFeed);
    error SequencerStatusInvalid(address sequencerFeed, int256 answer, uint256 startedAt);
    error SequencerGracePeriod(address sequencerFeed, uint256 upSince, uint256 gracePeriod);
    error RoundNotUpdated(address feed, uint80 roundId);
    error IncompleteRound(address feed, uint80 roundId, uint80 answeredInRound);
    error NonPositivePrice(address feed, int256 answer);
    error UpdatedInFuture(address feed, uint256 updatedAt, uint256 blockTimestamp);
    error StalePrice(address feed, uint256 updatedAt, uint256 heartbeat);
    error PriceOverflow(address feed, int256 answer, uint8 decimals);
    error PriceRoundsToZero(address feed, int256 answer, uint8 decimals);
    error AnswerAtBound(address feed, int256 answer, int256 minAnswer, int256 maxAnswer);
    /// @notice `directFeed()`: this adapter checks a sequencer, which the router's direct read does not.
    error NotDirect(address sequencerFeed);

    /// @param asset_ The asset the feed prices (in the router's numeraire, normally USD).
    /// @param feed_ The price feed.
    /// @param heartbeat_ Maximum answer age in seconds, 1..MAX_HEARTBEAT (set it to the feed's own heartbeat
    ///        plus a margin for block inclusion).
    /// @param sequencerFeed_ L2 sequencer-uptime feed, or address(0) on L1.
    /// @param gracePeriod_ Seconds to keep refusing prices after the sequencer is back; must be 0 without a
    ///        sequencer feed.
    constructor(
        address asset_,
        AggregatorV3Interface feed_,
        uint256 heartbeat_,
        AggregatorV3Interface sequencerFeed_,
        uint256 gracePeriod_
    ) {
        if (asset_ == address(0)) revert ZeroAsset();
        if (address(feed_) == address(0)) revert ZeroFeed();
        if (heartbeat_ == 0 || heartbeat_ > MAX_HEARTBEAT) revert InvalidHeartbeat(heartbeat_, MAX_HEARTBEAT);
        if (gracePeriod_ > MAX_GRACE_PERIOD || (address(sequencerFeed_) == address(0) && gracePeriod_ != 0)) {
            revert InvalidGracePeriod(address(sequencerFeed_), gracePeriod_, MAX_GRACE_PERIOD);
        }
        uint8 decimals_ = feed_.decimals();
        if (decimals_ > OracleMath.MAX_DECIMALS) revert UnsupportedDecimals(address(feed_), decimals_);

        asset = asset_;
        feed = feed_;
        heartbeat = heartbeat_;
        sequencerFeed = sequencerFeed_;
        gracePeriod = gracePeriod_;
        feedDecimals = decimals_;
        (checksBounds,,) = _bounds(feed_);
    }

    /// @inheritdoc IPriceSource
    function kind() external pure override returns (Kind) {
        return Kind.FEED;
    }

    /// @inheritdoc IPriceSource
    /// @dev The proxy, not the aggregator behind it: the proxy is what a second adapter over the same feed names.
    function underlying() external view override returns (address) {
        return address(feed);
    }

    /// @inheritdoc IDirectFeedSource
    /// @dev Everything `latestPrice()` applies is in ChainlinkFeedRule except the sequencer check: with a sequencer
    ///      feed this reverts and the router calls `latestPrice()`. All four values are immutables, so a router may
    ///      record them once.
    function directFeed() external view returns (address, uint256, uint8, bool) {
        if (address(sequencerFeed) != address(0)) revert NotDirect(address(sequencerFeed));
        return (address(feed), heartbeat, feedDecimals, checksBounds);
    }

    /// @notice The bounds of the aggregator behind the feed, read live (a proxy may be moved to a new aggregator);
    ///         ok is false when the feed does not expose them.
    function answerBounds() external view returns (bool ok, int256 minAnswer, int256 maxAnswer) {
        return _bounds(feed);
    }

    /// @inheritdoc IPriceSource
    /// @dev Checks the sequencer first: while it is down, the feed's own data cannot be judged fresh.
    function latestPrice() external view override returns (uint256 price, uint256 updatedAt) {
        if (address(sequencerFeed) != address(0)) _checkSequencer();
        (uint80 roundId, int256 answer,, uint256 updatedAt_, uint80 answeredInRound) = feed.latestRoundData();
        _checkRound(roundId, answer, updatedAt_, answeredInRound);
        if (checksBounds) _checkBounds(answer);
        return (_normalize(answer), updatedAt_);
    }

    /// @dev An OCR aggregator clamps its answer to [minAnswer, maxAnswer]: an answer on a bound is the clamp, not
    ///      the market (LUNA's feed reported its minimum while the market was far below it). Feeds whose
    ///      aggregator stops exposing the bounds after an upgrade are served without the check.
    function _checkBounds(int256 answer) private view {
        (bool ok, int256 lo, int256 hi) = _bounds(feed);
        if (ok && (answer <= lo || answer >= hi)) revert AnswerAtBound(address(feed), answer, lo, hi);
    }

    /// @dev Low-level calls so that a feed without `aggregator()` (or an aggregator without bounds) reads as "no
    ///      bounds" instead of reverting; at most 32 bytes are copied back from each.
    function _bounds(AggregatorV3Interface feed_) private view returns (bool ok, int256 lo, int256 hi) {
        (bool found, uint256 agg) = _word(address(feed_), IAggregatorBounds.aggregator.selector);
        if (!found || agg >> 160 != 0 || agg == 0) return (false, 0, 0);
        (bool hasMin, uint256 min_) = _word(address(uint160(agg)), IAggregatorBounds.minAnswer.selector);
        (bool hasMax, uint256 max_) = _word(address(uint160(agg)), IAggregatorBounds.maxAnswer.selector);
        if (!hasMin || !hasMax) return (false, 0, 0);
        // casting to 'int256' is intended: the bounds are int192 words, sign-extended by the ABI
        // forge-lint: disable-next-line(unsafe-typecast)
        return (true, int256(min_), int256(max_));
    }

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

    function _checkSequencer() private view {
        (, int256 status, uint256 startedAt,,) = sequencerFeed.latestRoundData();
        if (status == SEQUENCER_DOWN) revert SequencerDown(address(sequencerFeed));
        // startedAt == 0 is what an invalid round reports on some L2s: the status is then unknown, not "up".
        if (status != SEQUENCER_UP || startedAt == 0) {
            revert SequencerStatusInvalid(address(sequencerFeed), status, startedAt);
        }
        // A future startedAt also lands here: fail closed rather than underflow.
        if (block.timestamp <= startedAt + gracePeriod) {
            revert SequencerGracePeriod(address(sequencerFeed), startedAt, gracePeriod);
        }
    }

    function _checkRound(uint80 roundId, int256 answer, uint256 updatedAt_, uint80 answeredInRound) private view {
        if (updatedAt_ == 0) revert RoundNotUpdated(address(feed), roundId);
        if (answeredInRound < roundId) revert IncompleteRound(address(feed), roundId, answeredInRound);
        if (answer <= 0) revert NonPositivePrice(address(feed), answer);
        if (updatedAt_ > block.timestamp) revert UpdatedInFuture(address(feed), updatedAt_, block.timestamp);
        if (block.timestamp - updatedAt_ > heartbeat) revert StalePrice(address(feed), updatedAt_, heartbeat);
    }

    /// @dev `answer` is known positive here.
    function _normalize(int256 answer) private view returns (uint256 price) {
        // casting to 'uint256' is safe because _checkRound rejected answer <= 0
        // forge-lint: disable-next-line(unsafe-typecast)
        uint256 raw = uint256(answer);
        if (!OracleMath.fitsIn18(raw, feedDecimals)) revert PriceOverflow(address(feed), answer, feedDecimals);
        price = OracleMath.normalizeDown(raw, feedDecimals);
        if (price == 0) revert PriceRoundsToZero(address(feed), answer, feedDecimals);
    }
}
