// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20, IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {
    AutomationCompatibleInterface
} from "@chainlink/contracts/src/v0.8/automation/interfaces/AutomationCompatibleInterface.sol";

import {IRebalancingVault} from "../interfaces/IRebalancingVault.sol";
import {IPriceRouter} from "../interfaces/IPriceRouter.sol";
import {IVenue} from "../interfaces/IVenue.sol";
import {VaultMath} from "./VaultMath.sol";
import {VaultConfig} from "./VaultConfig.sol";
import {RebalancePlanner} from "./RebalancePlanner.sol";
import {Drift} from "./Drift.sol";
import {DepositPricing} from "./DepositPricing.sol";
import {TradeGuards} from "./TradeGuards.sol";
import {TokenBalance} from "../libraries/TokenBalance.sol";
import {VenuePayee} from "../libraries/VenuePayee.sol";

/// @title Ballast rebalancing vault
/// @notice See IRebalancingVault. Share inflation: balances are accounted internally (donations are never counted, so
///         the share price cannot be pumped by transfers) and the first deposit locks DEAD_SHARES at 0xdEaD.
///         Withdrawals need neither prices nor an unpaused vault.
contract RebalancingVault is
    IRebalancingVault,
    AutomationCompatibleInterface,
    ERC20,
    Ownable2Step,
    Pausable,
    ReentrancyGuardTransient
{
    using SafeERC20 for IERC20;
    using VaultMath for uint256;

    uint256 public constant DEAD_SHARES = 1e6;
    address public constant DEAD = address(0xdEaD);
    uint256 public constant MAX_LEGS = 8;
    uint256 public constant GRACE_PERIOD = 14 days;

    IPriceRouter internal immutable _router;
    /// @notice Stateless helper the vault deploys for checkUpkeep (keeps the vault under the code-size limit).
    RebalancePlanner public immutable planner;

    // The asset list never changes: the hot paths read it from code (immutables), not from cold storage. The storage
    // copy serves the governance code and the `assets()` view.
    uint256 internal immutable _count;
    uint256 internal immutable _decimals; // 8 bits per asset, asset i in bits [8i, 8i + 8)
    address internal immutable _asset0;
    address internal immutable _asset1;
    address internal immutable _asset2;
    address internal immutable _asset3;
    address internal immutable _asset4;
    address internal immutable _asset5;
    address internal immutable _asset6;
    address internal immutable _asset7;

    address[] internal _assets;
    /// @dev Target weights, 64 bits each (a weight is at most 1e18 < 2^60), assets 0..3 in the low word and 4..7 in
    ///      the high one: pricing a rebalance's drift reads one slot for up to four assets instead of n + 1.
    uint256 internal _targetsLow;
    uint256 internal _targetsHigh;
    /// @dev Accounted balances, two per slot: asset i in word i / 2, low 128 bits for even i and high for odd. A
    ///      rebalance of four assets reads two cold slots instead of four, and a leg between assets 2k and 2k + 1
    ///      writes one. 128 bits are 3.4e38 raw units: 3.4e20 whole tokens of 18 decimals, far above any token's
    ///      supply in practice (the largest are ~1e33 raw units), and with prices below 1e27 a value stays below
    ///      2^256 (VaultMath). Every store checks the bound (BalanceTooLarge), so an amount that would not fit is
    ///      refused, never truncated.
    uint256[4] internal _balanceWords;
    uint256 internal constant MAX_BALANCE = 0xffffffffffffffffffffffffffffffff; // type(uint128).max

    /// @dev Params repacked into two slots (the interface's field order needs three), with the last rebalance's
    ///      timestamp in the second and the pause flag in the first: a rebalance reads its pause flag, guard parameters
    ///      and cooldown clock with two cold slot reads instead of five, and its clock write lands in a slot it has
    ///      already paid for. twapWindow is at most 1 day and cooldown at most 30 days < 2^24 s (VaultConfig);
    ///      timestamps fit 32 bits until 2106, as in the pool's oracle. The flag replaces Pausable's own slot, which
    ///      stays unused: Pausable still gives the errors, events and modifiers, reading the flag through paused().
    struct PackedParams {
        uint64 band;
        uint64 maxSlippage;
        uint64 maxTradeFraction;
        uint32 interval;
        uint24 cooldown;
        bool paused;
        uint64 maxSpotTwapDeviation;
        uint64 maxOracleVenueDeviation;
        uint64 singleAssetFee;
        uint24 twapWindow;
        DriftMode mode;
        uint32 lastRebalance;
    }

    PackedParams internal _params;
    address public guardian;
    uint256 public timelockDelay;
    uint256 public proposalCount;
    mapping(bytes32 => uint256) public pendingEta;
    mapping(address => bool) public isKeeper;
    /// @dev 0: not allowed; else VENUE_TWAP_CHECKED or VENUE_SPOT_ONLY (from its `guaranteedWindow()`) in the low
    ///      byte and its payee (IVenue.payee) above it, both fixed when the venue is allowed, so a rebalance reads
    ///      them in the same slot as the allow-list.
    mapping(address => uint256) internal _venueKind;
    uint256 internal constant VENUE_TWAP_CHECKED = 1;
    uint256 internal constant VENUE_SPOT_ONLY = 2;
    uint256 internal constant VENUE_KIND_MASK = 0xff;
    uint256 internal constant VENUE_PAYEE_SHIFT = 8;
    address[] internal _venues;
    /// @inheritdoc IRebalancingVault
    uint256 public depositCap;

    /// @dev Working set of one rebalance, kept in memory to stay clear of the stack limit. Scales are not kept: each
    ///      is a shift of one immutable (_scaleOf), cheaper than an array read.
    struct Ctx {
        uint256[] prices;
        uint256[] bal;
        uint256[] values; // each asset's value at the call's prices, for the balances before the legs
        int256[] gap; // value above (+) or below (-) target left for the legs to move (TradeGuards)
        uint256 targetsLow; // the target words (_targetsLow, _targetsHigh), each read once
        uint256 targetsHigh;
        uint256 touched; // bit i: asset i is in a leg (the others' values do not change)
        uint256 legAssets; // byte k: leg k's asset indices, in | out << 4 (found once, by _checkLegs)
        uint256 navBefore;
        uint256 driftBefore;
        uint256 traded;
        uint256 moved; // value moved toward target
    }

    modifier onlyKeeper() {
        if (!isKeeper[msg.sender]) revert NotKeeper(msg.sender);
        _;
    }

    modifier onlySelf() {
        if (msg.sender != address(this)) revert OnlySelf(msg.sender);
        _;
    }

    constructor(
        string memory name_,
        string memory symbol_,
        IPriceRouter router_,
        address[] memory assets_,
        uint256[] memory weights_,
        Params memory params_,
        address owner_,
        address guardian_,
        uint256 timelockDelay_
    ) ERC20(name_, symbol_) Ownable(owner_) {
        if (address(router_) == address(0) || guardian_ == address(0)) revert ZeroAddress();
        _router = router_;
        planner = new RebalancePlanner();
        uint256 n = assets_.length;
        _count = n;
        _decimals = _initAssets(assets_);
        address[8] memory a;
        for (uint256 i; i < n; ++i) {
            a[i] = assets_[i];
        }
        (_asset0, _asset1, _asset2, _asset3) = (a[0], a[1], a[2], a[3]);
        (_asset4, _asset5, _asset6, _asset7) = (a[4], a[5], a[6], a[7]);
        VaultConfig.validateWeights(weights_, assets_.length);
        VaultConfig.validateParams(params_);
        VaultConfig.validateDelay(timelockDelay_);
        _setTargets(weights_);
        _setParams(params_);
        timelockDelay = timelockDelay_;
        guardian = guardian_;
        emit TargetWeightsSet(weights_);
        emit ParamsSet(params_);
        emit TimelockDelaySet(timelockDelay_);
        emit GuardianSet(guardian_);
    }

    // ================================================================ investors

    /// @inheritdoc IRebalancingVault
    function deposit(uint256[] calldata amounts, uint256 minShares, address receiver)
        external
        nonReentrant
        whenNotPaused
        returns (uint256 shares, uint256[] memory amountsIn)
    {
        bool first = totalSupply() == 0;
        (shares, amountsIn) = previewDeposit(amounts);
        if (shares < minShares) revert SharesBelowMinimum(shares, minShares);
        uint256 n = amountsIn.length;
        uint256[] memory bal = _loadBalances();
        for (uint256 i; i < n; ++i) {
            bal[i] += amountsIn[i];
        }
        _storeBalances(bal);
        if (first) _mint(DEAD, DEAD_SHARES);
        _mint(receiver, shares);
        for (uint256 i; i < n; ++i) {
            if (amountsIn[i] > 0) _pull(i, amountsIn[i]);
        }
        emit Deposited(msg.sender, receiver, amountsIn, shares);
    }

    /// @inheritdoc IRebalancingVault
    function previewDeposit(uint256[] calldata amounts)
        public
        view
        returns (uint256 shares, uint256[] memory amountsIn)
    {
        uint256 n = _count;
        if (amounts.length != n) revert AmountsLengthMismatch(n, amounts.length);
        uint256 supply = totalSupply();
        if (supply == 0) {
            // first deposit: its router value in shares, DEAD_SHARES of it locked forever, so the share supply can
            // never again be small enough for rounding to be turned against a depositor. Nobody can deposit until
            // the vault owns its router: from then on only the timelock changes its prices.
            address routerOwner = _router.owner();
            if (routerOwner != address(this)) revert RouterNotOwned(address(_router), routerOwner);
            amountsIn = amounts;
            (uint256 value,) = VaultMath.valuesDown(amounts, _prices(), _scales());
            if (value <= DEAD_SHARES * 1000) revert InitialDepositTooSmall(value, DEAD_SHARES * 1000 + 1);
            shares = value - DEAD_SHARES;
        } else {
            uint256[] memory bal = _loadBalances();
            shares = VaultMath.proportionalSharesDown(amounts, bal, supply);
            amountsIn = new uint256[](n);
            for (uint256 i; i < n; ++i) {
                amountsIn[i] = bal[i].proRataUp(shares, supply);
            }
        }
        if (shares == 0) revert ZeroShares();
        _checkCap(supply == 0 ? shares + DEAD_SHARES : supply + shares);
    }

    /// @inheritdoc IRebalancingVault
    function depositSingle(address token, uint256 amount, uint256 minShares, address receiver)
        external
        nonReentrant
        whenNotPaused
        returns (uint256 shares)
    {
        uint256 feeValue;
        (shares, feeValue) = previewDepositSingle(token, amount);
        if (shares < minShares) revert SharesBelowMinimum(shares, minShares);
        uint256 k = _indexOf(token);
        uint256[] memory bal = _loadBalances();
        bal[k] += amount;
        _storeBalances(bal);
        _mint(receiver, shares);
        _pull(k, amount);
        emit DepositedSingle(msg.sender, receiver, token, amount, feeValue, shares);
    }

    /// @inheritdoc IRebalancingVault
    function previewDepositSingle(address token, uint256 amount)
        public
        view
        returns (uint256 shares, uint256 feeValue)
    {
        uint256 k = _indexOf(token);
        uint256 supply = totalSupply();
        uint256[] memory prices = _prices();
        (uint256 total, uint256[] memory values) = VaultMath.valuesDown(_loadBalances(), prices, _scales());
        if (supply == 0 || total == 0) revert EmptyVault();
        uint256 valueIn = amount.valueDown(prices[k], _scaleOf(k));
        Params memory p = _loadParams();
        feeValue = DepositPricing.singleFeeUp(
            valueIn, values[k], total, _targetOf(k), p.maxOracleVenueDeviation, p.singleAssetFee
        );
        shares = (valueIn - feeValue) * supply / total;
        if (shares == 0) revert ZeroShares();
        _checkCap(supply + shares);
    }

    /// @inheritdoc IRebalancingVault
    function withdraw(uint256 shares, uint256[] calldata minAmountsOut, address receiver)
        external
        nonReentrant
        returns (uint256[] memory amountsOut)
    {
        uint256 n = _count;
        if (minAmountsOut.length != 0 && minAmountsOut.length != n) {
            revert AmountsLengthMismatch(n, minAmountsOut.length);
        }
        amountsOut = previewWithdraw(shares);
        _burn(msg.sender, shares);
        uint256[] memory bal = _loadBalances();
        for (uint256 i; i < n; ++i) {
            uint256 out = amountsOut[i];
            if (minAmountsOut.length != 0 && out < minAmountsOut[i]) {
                revert AmountBelowMinimum(i, out, minAmountsOut[i]);
            }
            bal[i] -= out;
        }
        _storeBalances(bal);
        for (uint256 i; i < n; ++i) {
            // some tokens reject zero transfers; a withdrawal must never fail on dust
            if (amountsOut[i] > 0) IERC20(_assetAt(i)).safeTransfer(receiver, amountsOut[i]);
        }
        emit Withdrawn(msg.sender, receiver, shares, amountsOut);
    }

    /// @inheritdoc IRebalancingVault
    function previewWithdraw(uint256 shares) public view returns (uint256[] memory amountsOut) {
        if (shares == 0) revert ZeroShares();
        uint256 supply = totalSupply();
        uint256[] memory bal = _loadBalances();
        uint256 n = bal.length;
        amountsOut = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            amountsOut[i] = bal[i].proRataDown(shares, supply);
        }
    }

    // ================================================================ keepers

    /// @inheritdoc IRebalancingVault
    function rebalance(Leg[] memory legs) external nonReentrant whenNotPaused onlyKeeper {
        _rebalance(legs);
    }

    /// @notice Chainlink Automation entry point: runs `performData` (abi-encoded Leg[]) through the same guards.
    /// @dev The registry's forwarder must be made a keeper; performData is untrusted and fully re-checked.
    function performUpkeep(bytes calldata performData) external nonReentrant whenNotPaused onlyKeeper {
        _rebalance(abi.decode(performData, (Leg[])));
    }

    /// @notice Chainlink Automation check: whether a rebalance is due now and a plan for it (abi-encoded Leg[]), computed
    ///         on-chain by the vault's RebalancePlanner: every asset moves a common fraction of the way to target within
    ///         the per-call cap, through the first allowed venue.
    /// @dev Never reverts on oracle failure (reports no upkeep). The plan is not pre-checked against the manipulation
    ///      guards; performUpkeep does that.
    function checkUpkeep(bytes calldata) external view returns (bool upkeepNeeded, bytes memory performData) {
        return planner.plan(this);
    }

    function _rebalance(Leg[] memory legs) internal {
        Params memory p = _loadParams();
        uint256 last = lastRebalance();
        if (Drift.inCooldown(p, last)) revert CooldownActive(last + p.cooldown);
        Ctx memory c;
        c.prices = _prices();
        _valueBefore(c);
        Drift.checkDue(p, c.driftBefore, last);
        _checkLegs(legs, p, c);
        _params.lastRebalance = uint32(block.timestamp);
        uint256[] memory amountsOut = new uint256[](legs.length);
        for (uint256 k; k < legs.length; ++k) {
            amountsOut[k] = _executeLeg(k, legs[k], p, c);
        }
        (uint256 navAfter, uint256 driftAfter) = _navAndDriftAfter(c);
        if (driftAfter >= c.driftBefore) revert DriftNotReduced(c.driftBefore, driftAfter);
        TradeGuards.checkTowardTarget(c.moved, c.traded);
        // the budget follows the value moved toward target, not volume (TradeGuards); per-asset floor rounding may
        // shift each NAV by < 1 wei per asset
        uint256 budget = c.moved.mulUp(p.maxSlippage) + 2 * c.bal.length;
        uint256 floor = c.navBefore > budget ? c.navBefore - budget : 0;
        if (navAfter < floor) revert NavLossExceeded(c.navBefore, navAfter, floor);
        _storeBalances(c.bal);
        _emitRebalanced(legs, amountsOut, driftAfter, navAfter, c);
    }

    /// @dev emit Rebalanced(msg.sender, legs, amountsOut, c.prices, c.driftBefore, driftAfter, c.navBefore,
    ///      navAfter), its data written once at the free memory pointer in the ABI encoder's layout (seven head words;
    ///      legs as static 4-word tuples, addresses cleaned; amountsOut; prices) instead of through the encoder, which
    ///      copies each Leg through its pointer word by word with checks. VaultRebalancedEventTest decodes the log
    ///      with the ABI; the keeper's journal and `ballast status` decode every field.
    function _emitRebalanced(
        Leg[] memory legs,
        uint256[] memory amountsOut,
        uint256 driftAfter,
        uint256 navAfter,
        Ctx memory c
    ) private {
        uint256 m;
        uint256 amountsAt; // offset of amountsOut in the data: 7 head words, the legs' length, 4 words a leg
        {
            uint256 driftBefore = c.driftBefore;
            uint256 navBefore = c.navBefore;
            assembly ("memory-safe") {
                m := mload(0x40)
                amountsAt := add(0x100, shl(7, mload(legs)))
                mstore(m, 0xe0)
                mstore(add(m, 0x20), amountsAt)
                mstore(add(m, 0x40), add(amountsAt, add(0x20, shl(5, mload(amountsOut))))) // prices after amountsOut
                mstore(add(m, 0x60), driftBefore)
                mstore(add(m, 0x80), driftAfter)
                mstore(add(m, 0xa0), navBefore)
                mstore(add(m, 0xc0), navAfter)
            }
        }
        assembly ("memory-safe") {
            let legCount := mload(legs)
            mstore(add(m, 0xe0), legCount)
            let mask := shr(96, not(0))
            for { let k := 0 } lt(k, legCount) { k := add(k, 1) } {
                let leg := mload(add(legs, shl(5, add(k, 1))))
                let at := add(m, add(0x100, shl(7, k)))
                mstore(at, and(mload(leg), mask))
                mstore(add(at, 0x20), and(mload(add(leg, 0x20)), mask))
                mstore(add(at, 0x40), and(mload(add(leg, 0x40)), mask))
                mstore(add(at, 0x60), mload(add(leg, 0x60)))
            }
        }
        bytes32 topic = Rebalanced.selector;
        uint256[] memory prices = c.prices;
        assembly ("memory-safe") {
            let amountsSize := add(0x20, shl(5, mload(amountsOut)))
            mcopy(add(m, amountsAt), amountsOut, amountsSize)
            let pricesAt := add(amountsAt, amountsSize)
            let pricesSize := add(0x20, shl(5, mload(prices)))
            mcopy(add(m, pricesAt), prices, pricesSize)
            log2(m, add(pricesAt, pricesSize), topic, caller())
        }
    }

    /// @dev Structure, allow-list, wash, manipulation and size checks for every leg, all before the first trade, so
    ///      the venue prices checked are the ones the keeper found, not ones moved by the vault's own earlier legs.
    function _checkLegs(Leg[] memory legs, Params memory p, Ctx memory c) internal view {
        if (legs.length == 0) revert NoLegs();
        if (legs.length > MAX_LEGS) revert TooManyLegs(legs.length, MAX_LEGS);
        uint256 sold;
        uint256 bought;
        for (uint256 k; k < legs.length; ++k) {
            Leg memory leg = legs[k];
            uint256 kind = _venueKind[leg.venue];
            if (kind == 0) revert VenueNotAllowed(leg.venue);
            uint256 i = _indexOf(leg.tokenIn);
            uint256 j = _indexOf(leg.tokenOut);
            if (i == j || leg.amountIn == 0) revert InvalidLeg(k);
            c.legAssets |= (i | (j << 4)) << (k << 3);
            (sold, bought) = TradeGuards.markLeg(sold, bought, i, j, leg.tokenIn, leg.tokenOut);
            _checkVenuePrices(
                leg, p, VaultMath.crossPrice(c.prices[i], c.prices[j]), kind & VENUE_KIND_MASK == VENUE_TWAP_CHECKED
            );
            uint256 value = leg.amountIn.valueUp(c.prices[i], _scaleOf(i));
            c.traded += value;
            c.moved += TradeGuards.towardTargetDown(c.gap, i, j, value);
        }
        c.touched = sold | bought;
        uint256 cap = c.navBefore.mulDown(p.maxTradeFraction);
        if (c.traded > cap) revert TradeTooLarge(c.traded, cap);
    }

    /// @dev A spot-only venue (one keeping no TWAP, recorded when it was allowed) is held to the oracle alone: its spot
    ///      within maxOracleVenueDeviation, and the trade's min-out, as for every venue, from the oracle.
    function _checkVenuePrices(Leg memory leg, Params memory p, uint256 oraclePrice, bool twapChecked) internal view {
        uint256 spot = IVenue(leg.venue).spotPrice(leg.tokenIn, leg.tokenOut);
        uint256 twap;
        if (twapChecked) {
            twap = IVenue(leg.venue).twapPrice(leg.tokenIn, leg.tokenOut, p.twapWindow);
            if (spot.relDiffUp(twap) > p.maxSpotTwapDeviation) revert SpotTwapDeviation(leg.venue, spot, twap);
        }
        if (spot.relDiffUp(oraclePrice) > p.maxOracleVenueDeviation) {
            revert OracleSpotDeviation(leg.venue, oraclePrice, spot);
        }
        if (twapChecked && twap.relDiffUp(oraclePrice) > p.maxOracleVenueDeviation) {
            revert OracleTwapDeviation(leg.venue, oraclePrice, twap);
        }
    }

    /// @dev Trades one leg with an on-chain min-out and accounts what actually moved (the venue's return value is
    ///      not trusted). The input is pushed to the venue's payee (the venue, or the pool it trades on), never
    ///      approved (IVenue), so the venue cannot take more than amountIn.
    function _executeLeg(uint256 k, Leg memory leg, Params memory p, Ctx memory c) internal returns (uint256 received) {
        uint256 i = (c.legAssets >> (k << 3)) & 15;
        uint256 j = (c.legAssets >> ((k << 3) + 4)) & 15;
        if (leg.amountIn > c.bal[i]) revert InsufficientBalance(leg.tokenIn, leg.amountIn, c.bal[i]);
        uint256 minOut =
            VaultMath.minAmountOutUp(leg.amountIn, c.prices[i], _scaleOf(i), c.prices[j], _scaleOf(j), p.maxSlippage);
        uint256 inBefore = TokenBalance.ofSelf(leg.tokenIn);
        uint256 outBefore = TokenBalance.ofSelf(leg.tokenOut);
        IERC20(leg.tokenIn).safeTransfer(address(uint160(_venueKind[leg.venue] >> VENUE_PAYEE_SHIFT)), leg.amountIn);
        IVenue(leg.venue).swapExactIn(leg.tokenIn, leg.tokenOut, leg.amountIn, minOut, address(this));
        // a token that debits its sender more than the amount moved would leave the books above the holdings
        uint256 spent = inBefore - TokenBalance.ofSelf(leg.tokenIn);
        if (spent > leg.amountIn) revert OverspentInput(k, spent, leg.amountIn);
        received = TokenBalance.ofSelf(leg.tokenOut) - outBefore;
        if (received < minOut) revert SlippageExceeded(k, received, minOut);
        c.bal[i] -= spent; // a venue may hand back input it did not use
        c.bal[j] += received;
    }

    // ================================================================ governance

    /// @inheritdoc IRebalancingVault
    function propose(address target, bytes calldata call) external onlyOwner returns (bytes32 id) {
        // target, selector and bounds are checked now (and bounds again by the setter on execution), by the planner:
        // one copy of the rules, outside this contract's size limit
        planner.checkProposal(target, call, _assets.length);
        uint256 nonce = ++proposalCount;
        id = keccak256(abi.encode(target, call, nonce));
        uint256 eta = block.timestamp + timelockDelay;
        pendingEta[id] = eta;
        emit ChangeProposed(id, target, call, nonce, eta);
    }

    /// @inheritdoc IRebalancingVault
    function execute(address target, bytes calldata call, uint256 nonce) external onlyOwner {
        bytes32 id = keccak256(abi.encode(target, call, nonce));
        uint256 eta = pendingEta[id];
        if (eta == 0) revert ChangeNotPending(id);
        if (block.timestamp < eta) revert ChangeNotReady(id, eta);
        if (block.timestamp > eta + GRACE_PERIOD) revert ChangeExpired(id, eta + GRACE_PERIOD);
        delete pendingEta[id];
        (bool ok, bytes memory ret) = target.call(call);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(ret, 0x20), mload(ret))
            }
        }
        emit ChangeExecuted(id, target, call);
    }

    /// @inheritdoc IRebalancingVault
    function cancel(bytes32 id) external onlyOwner {
        if (pendingEta[id] == 0) revert ChangeNotPending(id);
        delete pendingEta[id];
        emit ChangeCancelled(id);
    }

    /// @notice Timelocked (call through propose/execute): replaces the guard parameters.
    function setParams(Params calldata p) external onlySelf {
        planner.checkChange(msg.data, _assets.length);
        _setParams(p);
        emit ParamsSet(p);
    }

    /// @notice Timelocked: replaces the target weights (same asset order, sum 1e18, none zero).
    function setTargetWeights(uint256[] calldata weights) external onlySelf {
        planner.checkChange(msg.data, _assets.length);
        _setTargets(weights);
        emit TargetWeightsSet(weights);
    }

    /// @notice Timelocked: adds a venue to, or removes it from, the allow-list. A venue keeping no TWAP of its own
    ///         (`guaranteedWindow() == 0`) is recorded as spot-only (see _checkVenuePrices); its payee (where a leg's
    ///         input is sent) is recorded too, read once here.
    function setVenue(address venue, bool allowed) external onlySelf {
        planner.checkChange(msg.data, _assets.length);
        if ((_venueKind[venue] != 0) == allowed) return;
        bool twapChecked;
        address payee;
        if (allowed) {
            twapChecked = IVenue(venue).guaranteedWindow() != 0;
            payee = VenuePayee.read(venue);
            _venueKind[venue] =
                (twapChecked ? VENUE_TWAP_CHECKED : VENUE_SPOT_ONLY) | uint256(uint160(payee)) << VENUE_PAYEE_SHIFT;
            _venues.push(venue);
        } else {
            delete _venueKind[venue];
            uint256 last = _venues.length - 1;
            for (uint256 i; i <= last; ++i) {
                if (_venues[i] == venue) {
                    _venues[i] = _venues[last];
                    break;
                }
            }
            _venues.pop();
        }
        emit VenueSet(venue, allowed, twapChecked, payee);
    }

    /// @notice Timelocked: changes the timelock delay itself.
    function setTimelockDelay(uint256 delay) external onlySelf {
        planner.checkChange(msg.data, _assets.length);
        timelockDelay = delay;
        emit TimelockDelaySet(delay);
    }

    /// @inheritdoc IRebalancingVault
    /// @dev No bounds to re-check at execution (any cap is valid), as for transferOwnership.
    function setDepositCap(uint256 cap) external onlySelf {
        depositCap = cap;
        emit DepositCapSet(cap);
    }

    /// @inheritdoc IRebalancingVault
    function setKeeper(address keeper, bool allowed) external {
        // adding someone who may trade waits the timelock; removing one only narrows who may, so it is immediate
        if (msg.sender != address(this)) {
            if (allowed) revert OnlySelf(msg.sender);
            _checkOwner();
        }
        if (keeper == address(0)) revert ZeroAddress();
        isKeeper[keeper] = allowed;
        emit KeeperSet(keeper, allowed);
    }

    /// @inheritdoc IRebalancingVault
    function setGuardian(address guardian_) external onlyOwner {
        if (guardian_ == address(0)) revert ZeroAddress();
        guardian = guardian_;
        emit GuardianSet(guardian_);
    }

    /// @notice Timelocked (through propose/execute): hands ownership to `newOwner` when executed. One step: the
    ///         delay is the check a two-step transfer would give (a mistyped owner is cancelled in the window).
    function transferOwnership(address newOwner) public override onlySelf {
        _transferOwnership(newOwner);
    }

    /// @inheritdoc IRebalancingVault
    function pause() external {
        if (msg.sender != guardian) revert NotGuardian(msg.sender);
        _pause();
    }

    /// @inheritdoc IRebalancingVault
    function unpause() external {
        if (msg.sender != guardian) revert NotGuardian(msg.sender);
        _unpause();
    }

    // ================================================================ views

    /// @inheritdoc IRebalancingVault
    function assets() external view returns (address[] memory) {
        return _assets;
    }

    /// @inheritdoc IRebalancingVault
    function targetWeights() external view returns (uint256[] memory) {
        return _targetWeights();
    }

    /// @inheritdoc IRebalancingVault
    function balances() external view returns (uint256[] memory) {
        return _loadBalances();
    }

    /// @inheritdoc IRebalancingVault
    function currentWeights() external view returns (uint256[] memory) {
        (uint256 total, uint256[] memory values) = VaultMath.valuesDown(_loadBalances(), _prices(), _scales());
        return VaultMath.weightsDown(values, total);
    }

    /// @inheritdoc IRebalancingVault
    function drift() external view returns (uint256 maxDeviation, int256[] memory deviations) {
        (uint256 total, uint256[] memory values) = VaultMath.valuesDown(_loadBalances(), _prices(), _scales());
        return VaultMath.deviations(values, total, _targetWeights());
    }

    /// @inheritdoc IRebalancingVault
    function nav() public view returns (uint256 total) {
        (total,) = VaultMath.valuesDown(_loadBalances(), _prices(), _scales());
    }

    /// @inheritdoc IRebalancingVault
    function sharePrice() external view returns (uint256) {
        uint256 supply = totalSupply();
        return supply == 0 ? 0 : nav().divDown(supply);
    }

    /// @inheritdoc IRebalancingVault
    function lastRebalance() public view returns (uint256) {
        return _params.lastRebalance;
    }

    /// @inheritdoc IRebalancingVault
    function params() external view returns (Params memory) {
        return _loadParams();
    }

    /// @inheritdoc IRebalancingVault
    function isVenue(address venue) external view returns (bool) {
        return _venueKind[venue] != 0;
    }

    /// @inheritdoc IRebalancingVault
    function venueTwapChecked(address venue) external view returns (bool) {
        return _venueKind[venue] & VENUE_KIND_MASK == VENUE_TWAP_CHECKED;
    }

    /// @inheritdoc IRebalancingVault
    function venues() external view returns (address[] memory) {
        return _venues;
    }

    /// @inheritdoc IRebalancingVault
    function priceRouter() external view returns (address) {
        return address(_router);
    }

    /// @dev The flag lives in the params' first slot (PackedParams), which every rebalance reads anyway.
    function paused() public view override(IRebalancingVault, Pausable) returns (bool) {
        return _params.paused;
    }

    function _pause() internal override whenNotPaused {
        _params.paused = true;
        emit Paused(msg.sender);
    }

    function _unpause() internal override whenPaused {
        _params.paused = false;
        emit Unpaused(msg.sender);
    }

    // ================================================================ internals

    /// @return decimals Every asset's decimals packed 8 bits each (asset i in bits [8i, 8i + 8)).
    function _initAssets(address[] memory assets_) internal returns (uint256 decimals) {
        uint256 n = assets_.length;
        if (n < VaultConfig.MIN_ASSETS || n > VaultConfig.MAX_ASSETS) revert InvalidAssetCount(n);
        for (uint256 i; i < n; ++i) {
            address a = assets_[i];
            if (a == address(0)) revert InvalidAsset(i, a);
            for (uint256 j; j < i; ++j) {
                if (assets_[j] == a) revert DuplicateAsset(a);
            }
            uint8 dec = IERC20Metadata(a).decimals();
            if (dec > VaultConfig.MAX_DECIMALS) revert UnsupportedDecimals(a, dec);
            decimals |= uint256(dec) << (8 * i);
            _assets.push(a);
        }
    }

    function _assetAt(uint256 i) internal view returns (address) {
        if (i < 4) {
            if (i < 2) return i == 0 ? _asset0 : _asset1;
            return i == 2 ? _asset2 : _asset3;
        }
        if (i < 6) return i == 4 ? _asset4 : _asset5;
        return i == 6 ? _asset6 : _asset7;
    }

    /// @dev 10 ** decimals of asset i: raw units per whole token. Unchecked: the constructor refuses decimals above
    ///      VaultConfig.MAX_DECIMALS, so the power cannot overflow (checked exponentiation cost ~460 gas a call).
    function _scaleOf(uint256 i) internal view returns (uint256) {
        unchecked {
            return 10 ** ((_decimals >> (8 * i)) & 0xff);
        }
    }

    function _scales() internal view returns (uint256[] memory scales) {
        uint256 n = _count;
        scales = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            scales[i] = _scaleOf(i);
        }
    }

    /// @dev Balances, values, NAV, drift and gaps before the legs: VaultMath.valuesDown, VaultMath.maxDeviation and
    ///      TradeGuards.gaps, the same figures and rounding, in the libraries' two packed passes (no arrays of scales
    ///      or targets; the target words read once, the high one only for more than four assets).
    function _valueBefore(Ctx memory c) internal view {
        uint256[] memory bal = _loadBalances();
        uint256 n = bal.length;
        uint256[] memory values = new uint256[](n);
        int256[] memory gap = new int256[](n);
        uint256 total = VaultMath.valuesDownPacked(bal, c.prices, _decimals, type(uint256).max, values);
        uint256 lo = _targetsLow;
        uint256 hi = n > 4 ? _targetsHigh : 0;
        c.driftBefore = TradeGuards.driftAndGapsDown(values, total, lo, hi, gap);
        c.bal = bal;
        c.values = values;
        c.gap = gap;
        c.targetsLow = lo;
        c.targetsHigh = hi;
        c.navBefore = total;
    }

    /// @dev NAV and drift after the legs: only the assets the legs touched are valued again (the others' balances, and
    ///      so their values rounded down, are those of navBefore), in the same rounding as VaultMath.valuesDown.
    function _navAndDriftAfter(Ctx memory c) internal view returns (uint256 total, uint256 d) {
        total = VaultMath.valuesDownPacked(c.bal, c.prices, _decimals, c.touched, c.values);
        d = TradeGuards.driftAndGapsDown(c.values, total, c.targetsLow, c.targetsHigh, new int256[](0));
    }

    /// @dev Router errors (stale, disagreeing, missing quorum) bubble up: every priced action fails closed. One
    ///      router call for all assets (getPrices: the same prices as getPrice each, reads they share made once).
    function _prices() internal view returns (uint256[] memory) {
        uint256 n = _count;
        address[] memory list = new address[](n);
        for (uint256 i; i < n; ++i) {
            list[i] = _assetAt(i);
        }
        return _router.getPrices(list);
    }

    function _setTargets(uint256[] memory weights) private {
        uint256 lo;
        uint256 hi;
        for (uint256 i; i < weights.length; ++i) {
            if (i < 4) lo |= weights[i] << (i << 6);
            else hi |= weights[i] << ((i & 3) << 6);
        }
        _targetsLow = lo;
        if (weights.length > 4) _targetsHigh = hi;
    }

    /// @dev Each word read once (the high one only for more than four assets).
    function _targetWeights() internal view returns (uint256[] memory weights) {
        uint256 n = _count;
        weights = new uint256[](n);
        uint256 word = _targetsLow;
        for (uint256 i; i < n; ++i) {
            if (i == 4) word = _targetsHigh;
            weights[i] = uint64(word >> ((i & 3) << 6));
        }
    }

    function _targetOf(uint256 i) internal view returns (uint256) {
        return uint64((i < 4 ? _targetsLow : _targetsHigh) >> ((i & 3) << 6));
    }

    /// @dev Pulls a deposit and refuses tokens that deliver less than sent (fee-on-transfer): every accounted unit
    ///      must be held. What counts is what this transfer delivered (balance after - before), never the vault's
    ///      whole balance against its accounting: tokens donated earlier would otherwise cover the shortfall.
    function _pull(uint256 i, uint256 amount) internal {
        address token = _assetAt(i);
        uint256 before = TokenBalance.ofSelf(token);
        IERC20(token).safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = TokenBalance.ofSelf(token) - before;
        if (received < amount) revert TransferShortfall(token, received, amount);
    }

    function _setParams(Params memory p) private {
        _params = PackedParams(
            p.band,
            p.maxSlippage,
            p.maxTradeFraction,
            p.interval,
            // casting to 'uint24' is safe: VaultConfig bounds cooldown by 30 days (< 2^24 s) before any call gets here
            // forge-lint: disable-next-line(unsafe-typecast)
            uint24(p.cooldown),
            _params.paused,
            p.maxSpotTwapDeviation,
            p.maxOracleVenueDeviation,
            p.singleAssetFee,
            // casting to 'uint24' is safe: VaultConfig bounds twapWindow by 1 day before any call gets here
            // forge-lint: disable-next-line(unsafe-typecast)
            uint24(p.twapWindow),
            p.mode,
            _params.lastRebalance
        );
    }

    /// @dev Each of PackedParams' two words read once (copying the storage struct field by field reads a slot per
    ///      field: ~1,100 gas of warm reads). Offsets follow PackedParams' declaration order, first field lowest;
    ///      test_setParams_keepsTheCooldownClock_andEveryField and VaultPackedStateTest check the round trip.
    function _loadParams() internal view returns (Params memory p) {
        uint256 w0;
        uint256 w1;
        assembly ("memory-safe") {
            w0 := sload(_params.slot)
            w1 := sload(add(_params.slot, 1))
        }
        p.band = uint64(w0);
        p.maxSlippage = uint64(w0 >> 64);
        p.maxTradeFraction = uint64(w0 >> 128);
        p.interval = uint32(w0 >> 192);
        p.cooldown = uint24(w0 >> 224); // the pause flag is at bit 248
        p.maxSpotTwapDeviation = uint64(w1);
        p.maxOracleVenueDeviation = uint64(w1 >> 64);
        p.singleAssetFee = uint64(w1 >> 128);
        p.twapWindow = uint24(w1 >> 192);
        p.mode = DriftMode(uint8(w1 >> 216)); // lastRebalance is at bit 224
    }

    /// @dev Assembly: the rebalance path reads every word once, without the checked indexing of high-level code.
    function _loadBalances() internal view returns (uint256[] memory bal) {
        uint256 n = _count;
        bal = new uint256[](n);
        assembly ("memory-safe") {
            let base := _balanceWords.slot
            for { let w := 0 } lt(shl(1, w), n) { w := add(w, 1) } {
                let word := sload(add(base, w))
                let at := add(bal, shl(6, w)) // element 2w sits at at + 0x20
                mstore(add(at, 0x20), and(word, MAX_BALANCE))
                if lt(add(shl(1, w), 1), n) { mstore(add(at, 0x40), shr(128, word)) }
            }
        }
    }

    /// @dev Writes every word, changed or not: an unchanged word costs 100 gas, about what comparing it would. A
    ///      balance above MAX_BALANCE is refused (BalanceTooLarge) before the call ends, so nothing truncated stays.
    function _storeBalances(uint256[] memory bal) internal {
        uint256 n = bal.length;
        uint256 tooLarge = n; // the first asset whose balance does not fit, n if none
        assembly ("memory-safe") {
            let base := _balanceWords.slot
            for { let w := 0 } lt(shl(1, w), n) { w := add(w, 1) } {
                let at := add(bal, shl(6, w))
                let lo := mload(add(at, 0x20))
                let hi := 0
                if lt(add(shl(1, w), 1), n) { hi := mload(add(at, 0x40)) }
                if and(eq(tooLarge, n), or(shr(128, lo), shr(128, hi))) {
                    tooLarge := add(shl(1, w), iszero(shr(128, lo)))
                }
                sstore(add(base, w), or(lo, shl(128, hi)))
            }
        }
        if (tooLarge < n) revert BalanceTooLarge(_assetAt(tooLarge), bal[tooLarge], MAX_BALANCE);
    }

    /// @dev The cap counts shares, not value: the check reads one slot and no price can move it. 0 = uncapped, so a
    ///      vault deployed without a cap behaves as before.
    function _checkCap(uint256 supplyAfter) internal view {
        uint256 cap = depositCap;
        if (cap != 0 && supplyAfter > cap) revert DepositCapExceeded(cap, supplyAfter);
    }

    /// @dev A scan of at most 8 immutables: cheaper than one cold mapping read.
    function _indexOf(address token) internal view returns (uint256) {
        uint256 n = _count;
        for (uint256 i; i < n; ++i) {
            if (_assetAt(i) == token) return i;
        }
        revert NotAnAsset(token);
    }
}
