// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {IPriceSource} from "../interfaces/IPriceSource.sol";
import {OracleMath} from "../libraries/OracleMath.sol";

/// @title Chainlink-style feed as a price source
/// @notice One adapter per asset feed; all settings are immutable (a new feed means a new adapter, set through the
///         router's owner). Every reason to distrust the feed reverts with its own error, so the router's
///         `getPriceDetails` can tell a keeper why this source was left out.
/// @dev Comparing with block.timestamp is the point here (staleness, grace period): a validator's few seconds of
///      leeway are far below any heartbeat, so forge-lint's block-timestamp notes are expected.
/// @dev Prices are normalised to 18 decimals: exactly for feeds of <= 18 decimals, rounded down above 18.
///      The feed's decimals are read once at deployment: Chainlink keeps a pair's decimals across aggregator
///      upgrades, and re-reading them would cost a call into the (cold) aggregator on every price.
contract ChainlinkAdapter is IPriceSource {
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
    }

    /// @inheritdoc IPriceSource
    /// @dev Checks the sequencer first: while it is down, the feed's own data cannot be judged fresh.
    function latestPrice() external view override returns (uint256 price, uint256 updatedAt) {
        if (address(sequencerFeed) != address(0)) _checkSequencer();
        (uint80 roundId, int256 answer,, uint256 updatedAt_, uint80 answeredInRound) = feed.latestRoundData();
        _checkRound(roundId, answer, updatedAt_, answeredInRound);
        return (_normalize(answer), updatedAt_);
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
