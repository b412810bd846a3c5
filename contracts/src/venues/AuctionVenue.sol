// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20, IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IAuctionVenue} from "../interfaces/IAuctionVenue.sol";
import {IVenue} from "../interfaces/IVenue.sol";
import {IRebalancingVault} from "../interfaces/IRebalancingVault.sol";
import {IPriceRouter} from "../interfaces/IPriceRouter.sol";
import {VaultMath} from "../vault/VaultMath.sol";
import {TradeGuards} from "../vault/TradeGuards.sol";
import {AuctionMath} from "./AuctionMath.sol";

/// @title Dutch-auction fallback venue of one rebalancing vault
/// @notice See IAuctionVenue. The auction lives outside the vault (the vault is at its code-size limit) and reaches it
///         only as what the vault already knows: a keeper calling `rebalance` with one leg through an allow-listed
///         venue. So every vault guard applies to every fill, and the auction adds its own: it sells only what is
///         above target for what is below, never past either target, at its curve's price.
/// @dev Fill path: bid -> vault.rebalance([this, tokenIn, tokenOut, amountIn]) -> the vault pushes `amountIn` of tokenIn
///      here and calls swapExactIn -> this pulls the bidder's payment into the vault and hands the bidder tokenIn.
///      swapExactIn refuses every call but that one (the bid in flight is kept in transient storage), so the auction is
///      no free venue for anyone else and its price never applies outside an auction.
contract AuctionVenue is IAuctionVenue, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using VaultMath for uint256;

    /// @notice A bid must take at least this share of the largest fill the pair allows now (the smaller of the two
    ///         assets' distances to target and the vault's per-call cap). Every fill starts the vault's cooldown, so
    ///         without a floor a dust fill each cooldown would stall the auction (and a resumed keeper) for the price of
    ///         gas; with it, each fill closes a tenth of the gap at least.
    uint256 public constant MIN_FILL_FRACTION = 0.1e18;

    IRebalancingVault public immutable vault;
    IPriceRouter internal immutable _router;
    uint32 public immutable livenessWindow;
    uint32 public immutable auctionDuration;
    /// @dev Keeper health is measured from no earlier than deployment: a vault that never rebalanced has no dead keeper
    ///      before the auction exists.
    uint64 internal immutable _deployedAt;

    /// @dev The vault's asset list never changes; cached with each asset's raw units per whole token.
    address[] internal _assets;
    uint256[] internal _scales;
    /// @dev Router prices the current or last auction opened at, in asset order.
    uint256[] internal _openPrices;

    uint64 public startedAt;
    /// @dev Timestamp of this auction's last fill: a vault.lastRebalance() equal to it is the auction's, not a keeper's.
    uint64 internal _lastFillAt;
    /// @dev The latest keeper activity seen: a keeper's rebalance (read from the vault) or a keeper's open().
    uint64 internal _keeperSeenAt;
    bool internal _openedByKeeper;

    /// @dev The bid in flight (transient: gone when the transaction ends): who pays, how much, for which leg.
    address transient _bidder;
    uint256 transient _payment;
    bytes32 transient _bidLeg;

    constructor(address vault_, uint32 livenessWindow_, uint32 auctionDuration_) {
        if (vault_ == address(0)) revert ZeroAddress();
        if (livenessWindow_ == 0 || auctionDuration_ == 0) revert ZeroDuration();
        vault = IRebalancingVault(vault_);
        _router = IPriceRouter(IRebalancingVault(vault_).priceRouter());
        livenessWindow = livenessWindow_;
        auctionDuration = auctionDuration_;
        _deployedAt = uint64(block.timestamp);
        address[] memory a = IRebalancingVault(vault_).assets();
        for (uint256 i; i < a.length; ++i) {
            _assets.push(a[i]);
            _scales.push(10 ** IERC20Metadata(a[i]).decimals());
            _openPrices.push(0);
        }
    }

    // ================================================================ auction

    /// @inheritdoc IAuctionVenue
    function open() external nonReentrant {
        if (isLive()) revert AuctionLive(uint256(startedAt) + auctionDuration);
        bool byKeeper = vault.isKeeper(msg.sender);
        if (!byKeeper) {
            uint256 earliest = opensAt();
            if (block.timestamp < earliest) revert KeeperHealthy(earliest);
        }
        IRebalancingVault.Params memory p = vault.params();
        (uint256[] memory prices, uint256 total, uint256[] memory values) = _valuation();
        (uint256 d,) = VaultMath.deviations(values, total, vault.targetWeights());
        if (d <= p.band) revert DriftInBand(d, p.band);
        _openPrices = prices;
        startedAt = uint64(block.timestamp);
        _openedByKeeper = byKeeper;
        if (byKeeper) _keeperSeenAt = uint64(block.timestamp);
        emit AuctionOpened(msg.sender, byKeeper, d, prices);
    }

    /// @inheritdoc IAuctionVenue
    function close() external nonReentrant {
        if (!vault.isKeeper(msg.sender)) revert NotKeeper(msg.sender);
        if (!isLive()) revert AuctionNotLive();
        startedAt = uint64(block.timestamp) - auctionDuration;
        // a keeper that closes is alive: nobody else may reopen for a liveness window (else a griefer's dust fills,
        // each restarting the vault's cooldown, could keep a resumed keeper from ever trading)
        _keeperSeenAt = uint64(block.timestamp);
        emit AuctionClosed(msg.sender);
    }

    /// @inheritdoc IAuctionVenue
    function bid(address tokenIn, address tokenOut, uint256 amountIn, uint256 maxPayment)
        external
        nonReentrant
        returns (uint256 payment)
    {
        if (!isLive()) revert AuctionNotLive();
        if (amountIn == 0) revert ZeroAmount();
        uint256 keeperAt = _noteKeeper();
        if (!_openedByKeeper && keeperAt >= startedAt) revert KeeperResumed(keeperAt);
        uint256 i = _indexOf(tokenIn);
        uint256 j = _indexOf(tokenOut);
        _checkTowardTarget(i, j, amountIn);
        payment = _paymentUp(i, j, amountIn);
        if (payment > maxPayment) revert PaymentAboveMax(payment, maxPayment);

        _bidder = msg.sender;
        _payment = payment;
        _bidLeg = keccak256(abi.encode(tokenIn, tokenOut, amountIn));
        IRebalancingVault.Leg[] memory legs = new IRebalancingVault.Leg[](1);
        legs[0] = IRebalancingVault.Leg(address(this), tokenIn, tokenOut, amountIn);
        vault.rebalance(legs);
        _bidder = address(0);
        _payment = 0;
        _bidLeg = 0;

        _lastFillAt = uint64(block.timestamp);
        emit AuctionFilled(msg.sender, tokenIn, tokenOut, amountIn, payment);
    }

    // ================================================================ venue

    /// @inheritdoc IVenue
    /// @dev Only the vault, only inside this auction's own bid, only for the leg that bid sent. The vault has pushed
    ///      `amountIn` here; it goes to the bidder, whose payment goes to `recipient` (the vault).
    function swapExactIn(address tokenIn, address tokenOut, uint256 amountIn, uint256 minAmountOut, address recipient)
        external
        returns (uint256 amountOut)
    {
        address bidder = _bidder;
        if (msg.sender != address(vault) || bidder == address(0)) revert NotInBid(msg.sender);
        if (keccak256(abi.encode(tokenIn, tokenOut, amountIn)) != _bidLeg) revert NotInBid(msg.sender);
        amountOut = _payment;
        if (amountOut < minAmountOut) revert BelowMinOut(amountOut, minAmountOut);
        IERC20(tokenOut).safeTransferFrom(bidder, recipient, amountOut);
        IERC20(tokenIn).safeTransfer(bidder, amountIn);
    }

    /// @inheritdoc IVenue
    /// @dev What a bid of that size pays now (the auction's own checks aside); reverts when no auction is live.
    function quoteExactIn(address tokenIn, address tokenOut, uint256 amountIn) external view returns (uint256) {
        if (!isLive()) revert AuctionNotLive();
        return _paymentUp(_indexOf(tokenIn), _indexOf(tokenOut), amountIn);
    }

    /// @inheritdoc IVenue
    /// @dev The price at which the vault sells `base` for `quote` now: opening cross price less the discount.
    function spotPrice(address base, address quote) external view returns (uint256) {
        if (!isLive()) revert AuctionNotLive();
        return AuctionMath.priceUp(_openPrices[_indexOf(base)], _openPrices[_indexOf(quote)], discount());
    }

    /// @inheritdoc IVenue
    /// @dev This venue: it forwards what it holds.
    function payee() external view returns (address) {
        return address(this);
    }

    /// @inheritdoc IVenue
    function twapPrice(address, address, uint32) external pure returns (uint256) {
        revert TwapUnsupported();
    }

    /// @inheritdoc IVenue
    /// @dev Spot-only: the vault checks the auction's price against its oracle, never a TWAP.
    function guaranteedWindow() external pure returns (uint32) {
        return 0;
    }

    // ================================================================ views

    /// @inheritdoc IAuctionVenue
    function isLive() public view returns (bool) {
        uint256 s = startedAt;
        return s != 0 && block.timestamp < s + auctionDuration;
    }

    /// @inheritdoc IAuctionVenue
    function discount() public view returns (uint256) {
        if (!isLive()) return 0;
        IRebalancingVault.Params memory p = vault.params();
        return AuctionMath.discountDown(
            AuctionMath.maxDiscount(p.maxSlippage, p.maxOracleVenueDeviation),
            block.timestamp - startedAt,
            auctionDuration
        );
    }

    /// @inheritdoc IAuctionVenue
    function opensAt() public view returns (uint256) {
        uint256 seen = _keeperSeenAt;
        uint256 last = vault.lastRebalance();
        if (last != _lastFillAt && last > seen) seen = last;
        if (_deployedAt > seen) seen = _deployedAt;
        return seen + livenessWindow;
    }

    /// @inheritdoc IAuctionVenue
    function openingPrice(address asset) external view returns (uint256) {
        return _openPrices[_indexOf(asset)];
    }

    // ================================================================ internals

    /// @dev Records a keeper rebalance the vault made since the auction last looked; returns the latest keeper activity.
    function _noteKeeper() internal returns (uint256 seen) {
        seen = _keeperSeenAt;
        uint256 last = vault.lastRebalance();
        if (last != _lastFillAt && last > seen) {
            seen = last;
            _keeperSeenAt = uint64(last);
        }
    }

    /// @dev Router prices now and the vault's per-asset values at them, computed as the vault does (VaultMath).
    function _valuation() internal view returns (uint256[] memory prices, uint256 total, uint256[] memory values) {
        uint256 n = _assets.length;
        prices = new uint256[](n);
        for (uint256 k; k < n; ++k) {
            prices[k] = _router.getPrice(_assets[k]);
        }
        (total, values) = VaultMath.valuesDown(vault.balances(), prices, _scales);
    }

    /// @dev The bid sells asset i, which must be above target, for asset j, which must be below, worth no more than
    ///      either's distance to target at router prices now: the same gaps the vault's TradeGuards compute, so a fill
    ///      moves all its value toward target and never past it. And worth at least MIN_FILL_FRACTION of the largest
    ///      fill allowed (the vault's per-call cap included).
    function _checkTowardTarget(uint256 i, uint256 j, uint256 amountIn) internal view {
        (uint256[] memory prices, uint256 total, uint256[] memory values) = _valuation();
        int256[] memory gap = TradeGuards.gaps(values, total, vault.targetWeights());
        if (i == j || gap[i] <= 0 || gap[j] >= 0) revert NotTowardTarget(_assets[i], _assets[j]);
        uint256 value = amountIn.valueUp(prices[i], _scales[i]);
        if (value > uint256(gap[i])) revert Overshoot(_assets[i], value, uint256(gap[i]));
        if (value > uint256(-gap[j])) revert Overshoot(_assets[j], value, uint256(-gap[j]));
        uint256 largest = total.mulDown(vault.params().maxTradeFraction);
        if (uint256(gap[i]) < largest) largest = uint256(gap[i]);
        if (uint256(-gap[j]) < largest) largest = uint256(-gap[j]);
        uint256 minimum = largest.mulDown(MIN_FILL_FRACTION);
        if (value < minimum) revert FillTooSmall(value, minimum);
    }

    function _paymentUp(uint256 i, uint256 j, uint256 amountIn) internal view returns (uint256) {
        return AuctionMath.paymentUp(amountIn, _openPrices[i], _scales[i], _openPrices[j], _scales[j], discount());
    }

    function _indexOf(address token) internal view returns (uint256) {
        uint256 n = _assets.length;
        for (uint256 k; k < n; ++k) {
            if (_assets[k] == token) return k;
        }
        revert NotAnAsset(token);
    }
}
