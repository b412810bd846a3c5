// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title Ballast rebalancing vault
/// @notice Holds 2..8 ERC20 assets at target weights and issues ERC20 shares. Keepers rebalance through allow-listed
///         venues, but only inside on-chain guards (trigger, cooldown, spot-vs-TWAP-vs-oracle, on-chain min-out,
///         drift must fall, no asset both sold and bought in a call, NAV budget on the value moved toward target,
///         per-call size cap). All weights and fractions are 18-decimal (1e18 = 100%);
///         NAV and prices are 18-decimal in the price router's numeraire, per whole token.
interface IRebalancingVault {
    /// @notice When a rebalance is due. BAND: max |weight - target| > band. CALENDAR: `interval` seconds since the
    ///         last rebalance. BAND_OR_CALENDAR: either. BAND_AND_CALENDAR: both.
    enum DriftMode {
        BAND,
        CALENDAR,
        BAND_OR_CALENDAR,
        BAND_AND_CALENDAR
    }

    /// @notice One trade: sell exactly `amountIn` of `tokenIn` for `tokenOut` on `venue`. The minimum out is computed
    ///         by the vault from router prices; the keeper does not pass it.
    struct Leg {
        address venue;
        address tokenIn;
        address tokenOut;
        uint256 amountIn;
    }

    /// @notice Guard parameters; changed only through the timelock (see propose/execute).
    struct Params {
        uint64 band; // max |weight - target| that is tolerated before a BAND rebalance is due
        DriftMode mode;
        uint32 interval; // calendar interval, seconds
        uint32 cooldown; // minimum seconds between two rebalances, whatever the mode
        uint64 maxSlippage; // per leg: min-out = router value * (1 - maxSlippage); also the NAV-loss budget
        uint64 maxTradeFraction; // max value sold per rebalance call, fraction of NAV
        uint32 twapWindow; // seconds of venue TWAP the spot price is compared with
        uint64 maxSpotTwapDeviation; // |spot - twap| / twap
        uint64 maxOracleVenueDeviation; // |oracle - spot| / oracle and |oracle - twap| / oracle
        uint64 singleAssetFee; // surcharge on the value of a single-asset deposit that lands above target
    }

    // ---------------------------------------------------------------- events
    event Deposited(address indexed caller, address indexed receiver, uint256[] amountsIn, uint256 shares);
    event DepositedSingle(
        address indexed caller,
        address indexed receiver,
        address indexed token,
        uint256 amountIn,
        uint256 feeValue,
        uint256 shares
    );
    event Withdrawn(address indexed caller, address indexed receiver, uint256 shares, uint256[] amountsOut);
    /// @notice The execution log of one rebalance: what was traded, at which router prices, and what it cost.
    event Rebalanced(
        address indexed keeper,
        Leg[] legs,
        uint256[] amountsOut,
        uint256[] prices,
        uint256 driftBefore,
        uint256 driftAfter,
        uint256 navBefore,
        uint256 navAfter
    );
    /// @notice A queued change: `call` (selector and arguments, in full) will be sent to `target` (the vault or its
    ///         price router) no earlier than `eta`. Depositors watch this event and may withdraw before then.
    event ChangeProposed(bytes32 indexed id, address indexed target, bytes call, uint256 nonce, uint256 eta);
    event ChangeExecuted(bytes32 indexed id, address indexed target, bytes call);
    event ChangeCancelled(bytes32 indexed id);
    event ParamsSet(Params params);
    event TargetWeightsSet(uint256[] weights);
    /// @param twapChecked Whether rebalances through `venue` compare its spot with its own TWAP; false for a venue
    ///        that keeps none (`IVenue.guaranteedWindow() == 0`), whose spot is then checked against the oracle only.
    /// @param payee Where a leg's input is sent (`IVenue.payee()`, or the venue itself); zero on removal.
    event VenueSet(address indexed venue, bool allowed, bool twapChecked, address payee);
    event TimelockDelaySet(uint256 delay);
    event KeeperSet(address indexed keeper, bool allowed);
    event GuardianSet(address indexed guardian);
    /// @notice The cap on the vault's total share supply after a deposit; 0 = uncapped.
    event DepositCapSet(uint256 cap);

    // ---------------------------------------------------------------- errors
    // configuration
    error InvalidAssetCount(uint256 count);
    error InvalidAsset(uint256 index, address asset);
    error DuplicateAsset(address asset);
    error UnsupportedDecimals(address asset, uint8 decimals);
    error WeightsLengthMismatch(uint256 expected, uint256 actual);
    error ZeroWeight(uint256 index);
    error WeightsDoNotSumToOne(uint256 sum);
    error ParamOutOfBounds(string name, uint256 value, uint256 min, uint256 max);
    error TimelockDelayOutOfBounds(uint256 delay, uint256 min, uint256 max);
    error UnknownChange(bytes4 selector);
    error UnknownTarget(address target);
    error RouterNotOwned(address router, address owner);
    error ChangeNotPending(bytes32 id);
    error ChangeNotReady(bytes32 id, uint256 eta);
    error ChangeExpired(bytes32 id, uint256 deadline);
    error OnlySelf(address caller);
    error ZeroAddress();
    // access
    error NotKeeper(address caller);
    error NotGuardian(address caller);
    // deposits and withdrawals
    error AmountsLengthMismatch(uint256 expected, uint256 actual);
    error ZeroShares();
    error InitialDepositTooSmall(uint256 value, uint256 minimum);
    error SharesBelowMinimum(uint256 shares, uint256 minShares);
    error AmountBelowMinimum(uint256 index, uint256 amount, uint256 minAmount);
    error NotAnAsset(address token);
    error EmptyVault();
    /// @notice A deposit's transfer delivered `received` of `token` instead of `expected` (fee-on-transfer).
    error TransferShortfall(address token, uint256 received, uint256 expected);
    /// @notice The deposit would take the share supply to `supplyAfter`, above the timelocked `cap`.
    error DepositCapExceeded(uint256 cap, uint256 supplyAfter);
    /// @notice The vault's accounted balance of `asset` would become `balance`, above `max` (2^128 - 1 raw units, the
    ///         width it is stored in); the deposit or rebalance that would get it there is refused.
    error BalanceTooLarge(address asset, uint256 balance, uint256 max);
    // rebalance guards
    error NoLegs();
    error TooManyLegs(uint256 count, uint256 max);
    error VenueNotAllowed(address venue);
    /// @notice `venue` guarantees `guaranteedWindow` seconds of TWAP history, less than the `twapWindow` the vault
    ///         reads: every rebalance through it could revert once its history is shortened by trading.
    error VenueWindowTooShort(address venue, uint32 guaranteedWindow, uint32 twapWindow);
    error InvalidLeg(uint256 index);
    error InsufficientBalance(address token, uint256 amount, uint256 balance);
    error CooldownActive(uint256 nextAllowedAt);
    error DriftWithinBand(uint256 drift, uint256 band);
    error CalendarNotDue(uint256 dueAt);
    error RebalanceNotDue(uint256 drift, uint256 band, uint256 dueAt);
    error SpotTwapDeviation(address venue, uint256 spot, uint256 twap);
    error OracleSpotDeviation(address venue, uint256 oraclePrice, uint256 spot);
    error OracleTwapDeviation(address venue, uint256 oraclePrice, uint256 twap);
    error TradeTooLarge(uint256 value, uint256 cap);
    error SlippageExceeded(uint256 leg, uint256 amountOut, uint256 minAmountOut);
    error OverspentInput(uint256 leg, uint256 spent, uint256 amountIn);
    error DriftNotReduced(uint256 driftBefore, uint256 driftAfter);
    error NavLossExceeded(uint256 navBefore, uint256 navAfter, uint256 floor);
    /// @notice One call would both sell and buy `asset` (a wash: value going round at the holders' cost).
    error AssetBoughtAndSold(address asset);
    /// @notice Less than half the value traded moved an asset toward its target (see TradeGuards).
    error TradeNotTowardTarget(uint256 movedTowardTarget, uint256 traded);

    // ---------------------------------------------------------------- investor
    /// @notice Proportional deposit: shares = min_i(amounts[i] * supply / balance[i]) rounded down; only the amounts
    ///         those shares need (rounded up) are pulled. The first deposit takes `amounts` as given and mints their
    ///         router value in shares, less dead shares locked forever; it needs the vault to own its price router
    ///         (`RouterNotOwned` otherwise), so that no price source can change without the timelock.
    function deposit(uint256[] calldata amounts, uint256 minShares, address receiver)
        external
        returns (uint256 shares, uint256[] memory amountsIn);

    /// @notice Deposit one asset valued at router prices. Fee (kept by the holders): 2e/(1-e) on the part of its value
    ///         not in the vault's current proportion of that asset, e = `maxOracleVenueDeviation` (so that a deposit
    ///         and withdrawal never profits from a router error up to e), plus `singleAssetFee` on the part of its
    ///         value that lands above the asset's target weight. See DepositPricing.
    function depositSingle(address token, uint256 amount, uint256 minShares, address receiver)
        external
        returns (uint256 shares);

    /// @notice Burns `shares` of the caller and pays its pro-rata share of every asset, rounded down. Works while
    ///         paused and without prices.
    function withdraw(uint256 shares, uint256[] calldata minAmountsOut, address receiver)
        external
        returns (uint256[] memory amountsOut);

    /// @notice What `deposit(amounts, ...)` would mint and pull now (reverts as deposit would on bad input).
    function previewDeposit(uint256[] calldata amounts)
        external
        view
        returns (uint256 shares, uint256[] memory amountsIn);

    /// @notice What `depositSingle(token, amount, ...)` would mint now, and the fee value it would charge.
    function previewDepositSingle(address token, uint256 amount)
        external
        view
        returns (uint256 shares, uint256 feeValue);

    /// @notice What `withdraw(shares, ...)` would pay now, per asset.
    function previewWithdraw(uint256 shares) external view returns (uint256[] memory amountsOut);

    // ---------------------------------------------------------------- keeper
    /// @notice Trade `legs` if every guard passes; reverts with the first guard that fails.
    function rebalance(Leg[] memory legs) external;

    // ---------------------------------------------------------------- owner / guardian
    /// @notice Queues `call` to `target`, executable after the timelock delay, within the grace period. On the vault:
    ///         setParams / setTargetWeights / setVenue / setTimelockDelay / setDepositCap / setKeeper /
    ///         transferOwnership (bounds checked now and again at execution). On the vault's price router: setSources
    ///         (checked now with the router's validateSources) and acceptOwnership.
    ///         id = keccak256(abi.encode(target, call, nonce)).
    function propose(address target, bytes calldata call) external returns (bytes32 id);
    /// @notice Runs a proposed call once its delay has passed (and before GRACE_PERIOD more has).
    function execute(address target, bytes calldata call, uint256 nonce) external;
    /// @notice Drops a pending proposal.
    function cancel(bytes32 id) external;
    /// @notice Timelocked setters: callable only by the vault itself, from execute().
    function setParams(Params calldata p) external;
    function setTargetWeights(uint256[] calldata weights) external;
    function setVenue(address venue, bool allowed) external;
    function setTimelockDelay(uint256 delay) external;
    /// @notice Timelocked: caps the total share supply any deposit may leave (dead shares included); 0 = uncapped.
    ///         In shares, not value: no oracle reading can move it, and it costs one slot read per deposit. The first
    ///         deposit mints one share per numeraire unit, so a cap of 100_000e18 admits about 100,000 numeraire units
    ///         at launch. A cap below the supply blocks deposits only; withdrawals never check it.
    function setDepositCap(uint256 cap) external;
    /// @notice Adding a keeper (an automation forwarder is added the same way) is timelocked: only the vault itself,
    ///         from execute(), may add one. Removing one is immediate for the owner: it only narrows who may trade.
    function setKeeper(address keeper, bool allowed) external;
    /// @notice Owner: replaces the guardian.
    function setGuardian(address guardian) external;
    /// @notice Guardian: stops deposits and rebalances (the manual override). Withdrawals continue.
    function pause() external;
    /// @notice Guardian: resumes deposits and rebalances.
    function unpause() external;

    // ---------------------------------------------------------------- views (cheap, for batched reads)
    /// @notice The vault's assets, in the order every array argument and result uses.
    function assets() external view returns (address[] memory);
    /// @notice Target weights, 18 decimals, summing to 1e18.
    function targetWeights() external view returns (uint256[] memory);
    /// @notice Balances the vault accounts for, in each asset's own decimals (token balances are never lower).
    function balances() external view returns (uint256[] memory);
    /// @notice Value weights at router prices, rounded down (reverts when a price is unavailable).
    function currentWeights() external view returns (uint256[] memory);
    /// @notice Max |weight - target| and each asset's signed (weight - target).
    function drift() external view returns (uint256 maxDeviation, int256[] memory deviations);
    /// @notice Net asset value at router prices, 18 decimals, each asset's value rounded down.
    function nav() external view returns (uint256);
    /// @notice NAV per whole share (18 decimals), rounded down; 0 before the first deposit.
    function sharePrice() external view returns (uint256);
    /// @notice Timestamp of the last successful rebalance, 0 if none.
    function lastRebalance() external view returns (uint256);
    /// @notice The guard parameters in force.
    function params() external view returns (Params memory);
    /// @notice Whether the guardian has paused deposits and rebalances (withdrawals never pause).
    function paused() external view returns (bool);
    /// @notice Whether `account` may call rebalance / performUpkeep.
    function isKeeper(address account) external view returns (bool);
    /// @notice Whether `venue` is allow-listed.
    function isVenue(address venue) external view returns (bool);
    /// @notice Whether rebalances through the allow-listed `venue` check its spot against its own TWAP (false: the
    ///         venue keeps no TWAP, so its spot is checked against the oracle alone; also false when not allowed).
    function venueTwapChecked(address venue) external view returns (bool);
    /// @notice The allow-listed venues; checkUpkeep plans through the first one that is not the vault's own auction.
    function venues() external view returns (address[] memory);
    /// @notice The address that may pause and unpause.
    function guardian() external view returns (address);
    /// @notice The IPriceRouter every valuation uses.
    function priceRouter() external view returns (address);
    /// @notice Seconds between propose() and the earliest execute().
    function timelockDelay() external view returns (uint256);
    /// @notice Nonce of the latest proposal (execute() takes the call and its nonce).
    function proposalCount() external view returns (uint256);
    /// @notice Earliest execution time of a pending change, 0 if none.
    function pendingEta(bytes32 id) external view returns (uint256);
    /// @notice The cap on the share supply after a deposit (`DepositCapExceeded` above it); 0 = uncapped.
    function depositCap() external view returns (uint256);
}
