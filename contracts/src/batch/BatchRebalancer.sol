// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IVenue} from "../interfaces/IVenue.sol";
import {IRebalancingVault} from "../interfaces/IRebalancingVault.sol";
import {IPriceRouter} from "../interfaces/IPriceRouter.sol";
import {BatchTransient} from "./BatchTransient.sol";
import {NettingMath} from "./NettingMath.sol";
import {StaticWord} from "../libraries/StaticWord.sol";
import {VenueMemo} from "./VenueMemo.sol";
import {VenuePayee} from "../libraries/VenuePayee.sol";

/// @title Many vaults' rebalances in one transaction, with opposite trades crossed at the oracle price
/// @notice Holds the keeper role on many vaults. `rebalanceBatch` calls each vault's own `rebalance` (so every guard
///         is the vault's, enforced by the vault), catches each vault's revert and reports it per vault; one vault's
///         failure never reverts the others.
///
///         It is also an IVenue over one real venue (`venue`, immutable): a vault that allows it may name it in a leg
///         ("crossing leg"). Outside a batch it refuses every swap. Inside one, a crossing leg's input is held and
///         the rest of the batch continues nested inside that swap call, so that every vault's crossing input is
///         pushed before any is paid; after the last vault the batch clears: per token pair, at the oracle price,
///         the smaller side is filled entirely from the larger side's input at the oracle price, only the residual
///         goes to `venue`, and the larger side shares the venue's output plus the smaller side's input.
///
///         Why a vault is never worse off than trading alone (the clearing refuses to net a pair otherwise, and
///         trades each leg alone on the venue instead):
///         - the crossing price is a router's oracle price, not a number the caller passes: one read per pair, from
///           the router of the vault whose leg leads the pair (its first fill; the operator's order picks which
///           listed vault that is). It only divides what netting saves between the two sides: the checks below hold
///           at any price, and a price that would break them declines the netting (each vault's own router still
///           sets its min-out, which the vault checks);
///         - every fill the netting pays at the oracle price (the smaller side) is quoted alone on the venue before
///           anything in the clearing trades (`aloneOut`), and a netted pair pays each such fill at least its quote;
///           the larger side gets at least what its whole input fetches from the venue in one swap, shared pro rata;
///         - each vault still checks its own min-out, drift, NAV budget and size cap on what it received, and its
///           spot/TWAP/oracle checks read the real venue's prices (spotPrice/twapPrice forward to `venue`).
///         Nothing stays behind: a clearing pays out exactly what was pushed plus what the venue paid.
contract BatchRebalancer is IVenue, Ownable2Step {
    using SafeERC20 for IERC20;

    /// @notice One vault's rebalance in a batch (the same legs the vault's `rebalance` takes).
    struct Order {
        address vault;
        IRebalancingVault.Leg[] legs;
    }

    /// @notice The venue that trades what netting leaves over, and whose prices vaults check.
    IVenue public immutable venue;
    /// @notice Where the batch sends what it trades on `venue` (its IVenue.payee, read once here; the venue itself
    ///         when it names none).
    address public immutable venuePayee;

    /// @notice Accounts (keeper signers) that may send batches, besides the owner.
    mapping(address => bool) public isOperator;

    uint256 private transient _orderCount;
    uint256 private transient _cursor;
    uint256 private transient _fillCount;
    uint256 private transient _succeeded;
    bool private transient _cleared;
    bool private transient _clearing;
    /// @dev Set once a vault failed: from then on crossing legs trade alone instead of nesting, so a vault failing
    ///      after the clearing (rolling back every vault nested inside it) costs one flat re-run of the rest, not a
    ///      nested one that could fail the same way (nested re-runs would double the work per failure).
    bool private transient _flat;
    /// @dev Batches started in this transaction: a memo belongs to the batch that wrote it.
    uint256 private transient _epoch;
    /// @dev Every leg of this batch's orders crosses (names this contract): until the clearing, or a vault failing,
    ///      nothing trades on `venue`, so its spot is what the batch found (spotPrice's memo).
    bool private transient _venueUntouched;

    event OperatorSet(address indexed operator, bool allowed);
    /// @notice One vault's outcome in a batch; `reason` is the vault's revert data when `ok` is false.
    event VaultResult(address indexed vault, bool ok, bytes reason);
    /// @notice One crossing leg settled: `amountOut` paid; `aloneOut` what it would have had without netting (for the
    ///         smaller side of a netted pair the venue's quote for it alone, for the larger side its share of that
    ///         side's input swapped at once; for a leg not netted its share of the one swap, `amountOut`); in a netted
    ///         pair `amountOut - aloneOut` is what netting saved this vault.
    event Filled(
        address indexed recipient,
        address indexed tokenIn,
        address indexed tokenOut,
        uint256 amountIn,
        uint256 amountOut,
        uint256 aloneOut
    );
    /// @notice A pair netted: `crossedIn` of the smaller side's `tokenIn` filled from `crossedOut` of the larger side's
    ///         input at the oracle price; `residualIn` of `tokenOut` went to the venue for `residualOut` of `tokenIn`.
    ///         `savedValue`: the fills' proceeds above their lone quotes, in the routers' numeraire (18 decimals).
    event Netted(
        address indexed tokenIn,
        address indexed tokenOut,
        uint256 crossedIn,
        uint256 crossedOut,
        uint256 residualIn,
        uint256 residualOut,
        uint256 savedValue
    );
    /// @notice A pair could not be netted without leaving a fill below its lone quote: each leg traded alone.
    event NettingDeclined(address indexed tokenIn, address indexed tokenOut, uint256 fills);
    event BatchExecuted(address indexed operator, uint256 vaults, uint256 succeeded, uint256 fills);

    error NotOperator(address caller);
    error NotInBatch(address caller);
    error BatchActive();
    error EmptyBatch();
    error DuplicateVault(address vault);
    error InputMissing(address token, uint256 amount, uint256 available);
    error ZeroVenue();

    constructor(IVenue venue_, address owner_) Ownable(owner_) {
        if (address(venue_) == address(0)) revert ZeroVenue();
        venue = venue_;
        venuePayee = VenuePayee.read(address(venue_));
    }

    /// @notice Lets `operator` send batches (or stops it). Immediate: an operator can only call vaults' own guarded
    ///         `rebalance`, and each vault grants this contract the keeper role through its own timelock.
    function setOperator(address operator, bool allowed) external onlyOwner {
        isOperator[operator] = allowed;
        emit OperatorSet(operator, allowed);
    }

    // ================================================================ batch

    /// @notice Rebalances every order's vault with its legs, each through the vault's own `rebalance` and guards. A
    ///         vault that reverts is reported (VaultResult with its revert data) and the others proceed.
    /// @return ok Per order, whether its vault rebalanced (a keeper reads it from eth_call to drop refused vaults
    ///         before it sends; the VaultResult events carry the reasons).
    function rebalanceBatch(Order[] calldata orders) external returns (bool[] memory ok) {
        if (!isOperator[msg.sender] && msg.sender != owner()) revert NotOperator(msg.sender);
        if (_orderCount != 0) revert BatchActive();
        uint256 n = orders.length;
        if (n == 0) revert EmptyBatch();
        uint256 epoch = _epoch + 1;
        _epoch = epoch;
        bool untouched = true;
        for (uint256 i; i < n; ++i) {
            address vault = orders[i].vault;
            // a vault listed twice would be marked not-live by its inner call while its outer call still runs
            if (!BatchTransient.list(vault)) revert DuplicateVault(vault);
            IRebalancingVault.Leg[] calldata legs = orders[i].legs;
            uint256 legsOffset;
            assembly ("memory-safe") {
                legsOffset := legs.offset
            }
            BatchTransient.storeOrder(i, vault, legsOffset, legs.length);
            untouched = VenueMemo.noteLegs(venue, vault, legs, epoch) && untouched;
        }
        _orderCount = n;
        _venueUntouched = untouched;
        _run(0);
        emit BatchExecuted(msg.sender, n, _succeeded, _fillCount);
        ok = new bool[](n);
        // a second batch in the same transaction starts clean
        for (uint256 i; i < n; ++i) {
            ok[i] = BatchTransient.isOk(i);
            BatchTransient.setOk(i, false);
            BatchTransient.unlist(orders[i].vault);
        }
        (_orderCount, _cursor, _fillCount, _succeeded, _cleared, _flat) = (0, 0, 0, 0, false, false);
        _venueUntouched = false;
    }

    /// @dev Runs orders from `from` on. A vault whose crossing leg continued the batch (nested, from inside its swap)
    ///      has run every later order: the loop then stops. A vault that reverted took its nested orders back with it:
    ///      the loop runs them again without it.
    function _run(uint256 from) private {
        uint256 n = _orderCount;
        for (uint256 j = from; j < n;) {
            _cursor = j + 1;
            (address vault, bytes memory call) = BatchTransient.loadOrder(j);
            BatchTransient.setLive(vault, true);
            (bool ok, bytes memory reason) = vault.call(call);
            BatchTransient.setLive(vault, false);
            BatchTransient.setOk(j, ok);
            emit VaultResult(vault, ok, reason);
            if (ok) {
                ++_succeeded;
                j = _cursor;
            } else {
                _flat = true;
                ++j;
            }
        }
        if (_fillCount != 0 && !_cleared) _clear();
    }

    // ================================================================ IVenue

    /// @inheritdoc IVenue
    /// @dev Only a vault whose rebalance this batch is running may call it. Before the clearing the input is held and
    ///      the batch continues; the clearing pays every held fill. A leg arriving after the clearing (a vault's
    ///      second crossing leg), or once a vault of the batch failed (see `_flat`), trades alone on `venue`.
    function swapExactIn(address tokenIn, address tokenOut, uint256 amountIn, uint256 minAmountOut, address recipient)
        external
        returns (uint256 amountOut)
    {
        if (!BatchTransient.isLive(msg.sender) || _clearing) revert NotInBatch(msg.sender);
        _claimInput(tokenIn, amountIn);
        if (_cleared || _flat) {
            BatchTransient.setHeld(tokenIn, BatchTransient.held(tokenIn) - amountIn);
            return _venueSwap(tokenIn, tokenOut, amountIn, minAmountOut, recipient);
        }
        uint256 k = _fillCount;
        BatchTransient.storeFill(k, recipient, tokenIn, tokenOut, amountIn, msg.sender, minAmountOut);
        _fillCount = k + 1;
        _run(_cursor);
        amountOut = BatchTransient.loadPaid(k);
    }

    /// @inheritdoc IVenue
    /// @dev The lone venue's quote: netting can only pay a fill more.
    function quoteExactIn(address tokenIn, address tokenOut, uint256 amountIn) external returns (uint256) {
        return venue.quoteExactIn(tokenIn, tokenOut, amountIn);
    }

    /// @inheritdoc IVenue
    /// @dev The real venue's: a vault's manipulation checks read the market its residual trades in. Memoized once two
    ///      crossing legs of a batch trade the same direction (VenueMemo.noteLegs), and only while nothing can have traded on
    ///      the venue since (every leg of the batch crosses, no vault failed, no clearing yet): then the memo is the
    ///      venue's answer itself, read once instead of once a vault (~3k gas each on a Ballast pool).
    function spotPrice(address base, address quote) external view returns (uint256) {
        if (_venueUntouched && !_cleared && !_flat) {
            (bool hit, uint256 price) = VenueMemo.spot(base, quote, _epoch);
            if (hit) return price;
        }
        _forwardToVenue();
    }

    /// @inheritdoc IVenue
    /// @dev The real venue's, memoized for the transaction once two crossing legs of a batch trade the same direction
    ///      (_noteLegs): each of a fleet's vaults checks the same pair's TWAP, ~9k gas a read on a Ballast pool.
    ///      Exact, not an approximation: a TWAP ending now does not move inside a block (IVenue.twapPrice), so
    ///      every vault of the batch, and any later batch of this transaction, would read the same value.
    function twapPrice(address base, address quote, uint32 window) external view returns (uint256) {
        (bool hit, uint256 price) = VenueMemo.twap(base, quote, window);
        if (hit) return price;
        _forwardToVenue();
    }

    /// @dev Sends this call's calldata as it is to `venue` (same IVenue function) and returns or reverts with its
    ///      answer as it is: every vault of a batch reads both prices (decoding and re-encoding cost ~260 gas a read).
    function _forwardToVenue() private view {
        address v = address(venue);
        assembly ("memory-safe") {
            let p := mload(0x40)
            calldatacopy(p, 0, calldatasize())
            let ok := staticcall(gas(), v, p, calldatasize(), 0, 0)
            returndatacopy(p, 0, returndatasize())
            if iszero(ok) { revert(p, returndatasize()) }
            return(p, returndatasize())
        }
    }

    /// @inheritdoc IVenue
    /// @dev This venue: it forwards what it holds.
    function payee() external view returns (address) {
        return address(this);
    }

    /// @inheritdoc IVenue
    function guaranteedWindow() external view returns (uint32) {
        return venue.guaranteedWindow();
    }

    // ================================================================ clearing

    /// @dev The push model: the caller transferred `amount` before calling. What the batch holds for fills is tracked,
    ///      so one vault's input can never stand in for another's.
    function _claimInput(address token, uint256 amount) private {
        uint256 held = BatchTransient.held(token);
        uint256 available = IERC20(token).balanceOf(address(this)) - held;
        if (available < amount) revert InputMissing(token, amount, available);
        BatchTransient.setHeld(token, held + amount);
    }

    function _clear() private {
        _clearing = true;
        uint256 n = _fillCount;
        BatchTransient.Fill[] memory f = BatchTransient.loadFills(n);
        (uint256[] memory lead, bool[] memory twoSided) = _pairs(f);
        uint256[] memory alone = new uint256[](n);
        bool[][] memory members = new bool[][](n);
        Pair[] memory plan = new Pair[](n);
        // every quote netting is held to, before any trade: "alone" is the venue as the batch found it
        for (uint256 k; k < n; ++k) {
            if (lead[k] != k + 1) continue;
            members[k] = _members(lead, k);
            if (twoSided[k]) plan[k] = _priceAndQuote(f, alone, members[k], k);
        }
        for (uint256 k; k < n; ++k) {
            if (lead[k] == k + 1) _settlePair(f, alone, members[k], plan[k], twoSided[k]);
        }
        // Every input held now is a fill's (a leg after the clearing or in a flat batch is claimed and sent on within
        // its own call), and every fill was paid out or sent back above: nothing of either pair's tokens stays held.
        for (uint256 k; k < n; ++k) {
            if (lead[k] == k + 1) {
                BatchTransient.setHeld(f[k].tokenIn, 0);
                BatchTransient.setHeld(f[k].tokenOut, 0);
            }
        }
        for (uint256 k; k < n; ++k) {
            BatchTransient.storePaid(k, f[k].paid);
            emit Filled(f[k].recipient, f[k].tokenIn, f[k].tokenOut, f[k].amountIn, f[k].paid, alone[k]);
        }
        _clearing = false;
        _cleared = true;
    }

    /// @dev One pair's netting: `small` is the token of the side filled in full at the oracle price, `big` the token of
    ///      the side that shares the rest.
    struct Pair {
        address big;
        address small;
        uint256 sBig;
        uint256 sSmall;
        uint256 haveBig; // big-side input
        uint256 crossedOut; // of it, paid to the small side
        uint256 crossedIn; // small-side input, all of it paid to the big side
        uint256 residualIn; // big-side input left for the venue
        uint256 residualOut;
        uint256 bigAlone; // what the big side's whole input would get on the venue
    }

    /// @dev The fills' pairs: `lead[m]` is 1 + the index of the first fill trading the same two tokens (either way), the
    ///      pair's leader; `twoSided[k]`, for a leader, whether its pair trades both ways (and so may net).
    function _pairs(BatchTransient.Fill[] memory f)
        private
        pure
        returns (uint256[] memory lead, bool[] memory twoSided)
    {
        uint256 n = f.length;
        lead = new uint256[](n);
        twoSided = new bool[](n);
        for (uint256 k; k < n; ++k) {
            if (lead[k] != 0) continue;
            lead[k] = k + 1;
            (address x, address y) = (f[k].tokenIn, f[k].tokenOut);
            bool both;
            // the later fills trading x/y either way join k's pair: one pass over the fills' words (a Fill is
            // recipient, tokenIn, tokenOut, ...), a sixth of indexed struct reads' gas at 40 fills
            assembly ("memory-safe") {
                let leads := add(lead, 0x20)
                let fills := add(f, 0x20)
                for { let m := add(k, 1) } lt(m, n) { m := add(m, 1) } {
                    let at := add(leads, shl(5, m))
                    if iszero(mload(at)) {
                        let g := mload(add(fills, shl(5, m)))
                        let a := mload(add(g, 0x20))
                        let b := mload(add(g, 0x40))
                        // same direction, else the opposite one (x == y is only ever the same direction)
                        switch and(eq(a, x), eq(b, y))
                        case 0 {
                            if and(eq(a, y), eq(b, x)) {
                                mstore(at, add(k, 1))
                                both := 1
                            }
                        }
                        default { mstore(at, add(k, 1)) }
                    }
                }
            }
            twoSided[k] = both;
        }
    }

    function _members(uint256[] memory lead, uint256 k) private pure returns (bool[] memory member) {
        uint256 n = lead.length;
        member = new bool[](n);
        assembly ("memory-safe") {
            let leads := add(lead, 0x20)
            let members := add(member, 0x20)
            for { let m := k } lt(m, n) { m := add(m, 1) } {
                mstore(add(members, shl(5, m)), eq(mload(add(leads, shl(5, m))), add(k, 1)))
            }
        }
    }

    /// @dev A two-sided pair's crossing prices, read once from the router of its leader's vault (the first fill of the
    ///      pair), and the lone venue quote of every fill on the side the netting would fill in full at them. One
    ///      router per pair, not one per vault: the crossing price only divides what netting saves between the two
    ///      sides. It can never leave a fill below its lone outcome: `_net` checks each small-side fill against its
    ///      quote and the big side against its input swapped at once, and declines the pair otherwise; and each
    ///      vault's own guards (min-out from its own router, NAV budget, drift) judge what it received. A router that
    ///      fails leaves the pair unpriced: it trades on the venue, each direction as one swap.
    function _priceAndQuote(BatchTransient.Fill[] memory f, uint256[] memory alone, bool[] memory member, uint256 k)
        private
        returns (Pair memory p)
    {
        (address x, address y) = (f[k].tokenIn, f[k].tokenOut);
        (uint256 px, uint256 py) = _prices(f[k].vault, x, y);
        if (px == 0 || py == 0) return p;
        uint256 n = f.length;
        for (uint256 m = k; m < n; ++m) {
            if (member[m]) (f[m].priceIn, f[m].priceOut) = f[m].tokenIn == x ? (px, py) : (py, px);
        }
        p = _orient(f, member, x, y);
        if (p.big == address(0)) return p;
        for (uint256 m = k; m < n; ++m) {
            if (member[m] && f[m].tokenIn == p.small) alone[m] = _quote(f[m].tokenIn, f[m].tokenOut, f[m].amountIn);
        }
    }

    /// @dev `vault`'s router prices of x and y; zeros when the vault or its router fails or answers malformed data (the
    ///      pair then does not net). Low-level, one word copied: nothing a listed contract returns can revert the
    ///      clearing (which would fail every vault of the batch in turn).
    function _prices(address vault, address x, address y) private view returns (uint256 px, uint256 py) {
        (bool ok, uint256 router) = StaticWord.read(vault, abi.encodeCall(IRebalancingVault.priceRouter, ()));
        if (!ok || router >> 160 != 0) return (0, 0);
        (, px) = StaticWord.read(address(uint160(router)), abi.encodeCall(IPriceRouter.getPrice, (x)));
        (, py) = StaticWord.read(address(uint160(router)), abi.encodeCall(IPriceRouter.getPrice, (y)));
    }

    /// @dev A leader's pair (`member`): every fill trading its two tokens either way. Netted when both directions are present,
    ///      priced, and netting leaves nobody worse off; otherwise each direction trades on the venue as one swap
    ///      shared pro rata (every vault sees the pool the batch found, and no vault's price depends on its place in
    ///      the batch).
    function _settlePair(
        BatchTransient.Fill[] memory f,
        uint256[] memory alone,
        bool[] memory member,
        Pair memory p,
        bool twoSided
    ) private {
        uint256 k;
        while (!member[k]) ++k; // the leader
        (address x, address y) = (f[k].tokenIn, f[k].tokenOut);
        if (p.big != address(0) && _net(f, alone, member, p)) return;
        if (twoSided) emit NettingDeclined(x, y, _count(member));
        _swapTogether(f, alone, member, x, y);
        if (twoSided) _swapTogether(f, alone, member, y, x);
    }

    function _count(bool[] memory member) private pure returns (uint256 c) {
        for (uint256 m; m < member.length; ++m) {
            if (member[m]) ++c;
        }
    }

    /// @dev The members selling `tokenIn` for `tokenOut` as one venue swap, paid pro rata to input. A fill whose share
    ///      would be below its vault's min-out gets its input back instead (its vault's own SlippageExceeded then
    ///      refuses it, rather than the venue reverting the clearing, which would fail the innermost vault of the
    ///      batch and not the one at fault), and the rest are quoted again without it.
    function _swapTogether(
        BatchTransient.Fill[] memory f,
        uint256[] memory alone,
        bool[] memory member,
        address tokenIn,
        address tokenOut
    ) private {
        uint256 n = f.length;
        bool[] memory side = new bool[](n);
        for (uint256 m; m < n; ++m) {
            side[m] = member[m] && f[m].tokenIn == tokenIn;
        }
        uint256 total;
        uint256 out;
        for (bool dropped = true; dropped;) {
            dropped = false;
            total = 0;
            for (uint256 m; m < n; ++m) {
                if (side[m]) total += f[m].amountIn;
            }
            if (total == 0) return;
            out = _quote(tokenIn, tokenOut, total);
            for (uint256 m; m < n; ++m) {
                if (side[m] && NettingMath.shareDown(out, f[m].amountIn, total) < f[m].minOut) {
                    side[m] = false;
                    dropped = true;
                    (f[m].paid, alone[m]) = (0, 0);
                    IERC20(tokenIn).safeTransfer(f[m].recipient, f[m].amountIn);
                }
            }
        }
        _venueSwap(tokenIn, tokenOut, total, out, address(this));
        _payProRata(f, side, out, total);
        for (uint256 m; m < n; ++m) {
            if (!side[m]) continue;
            alone[m] = f[m].paid; // nothing netted: its share of the one swap is what it had without netting
            IERC20(tokenOut).safeTransfer(f[m].recipient, f[m].paid);
        }
    }

    /// @dev `pot` shared among the fills marked in `side` in proportion to input (`total`); the last takes what
    ///      rounding left, so `pot` is paid out exactly.
    function _payProRata(BatchTransient.Fill[] memory f, bool[] memory side, uint256 pot, uint256 total) private pure {
        uint256 left = pot;
        uint256 last;
        for (uint256 m; m < f.length; ++m) {
            if (!side[m]) continue;
            f[m].paid = NettingMath.shareDown(pot, f[m].amountIn, total);
            left -= f[m].paid;
            last = m;
        }
        f[last].paid += left;
    }

    /// @dev Nets the members of one pair; false (nothing moved) unless every fill does at least as well as without
    ///      netting: each small-side fill at least its own lone quote (it is paid the oracle price), the big side at
    ///      least what its whole input would get from the venue in one swap (its share of that is then each big-side
    ///      fill's `alone`, in the Filled event).
    function _net(BatchTransient.Fill[] memory f, uint256[] memory alone, bool[] memory member, Pair memory p)
        private
        returns (bool)
    {
        if (p.residualIn != 0) {
            p.residualOut = _quote(p.big, p.small, p.residualIn);
            if (p.residualOut == 0) return false;
        }
        uint256 n = f.length;
        bool[] memory bigSide = new bool[](n);
        for (uint256 m; m < n; ++m) {
            if (!member[m]) continue;
            if (f[m].tokenIn == p.small) {
                // paid: its input at the oracle price (_orient)
                if (f[m].paid < alone[m]) return false;
                p.crossedIn += f[m].amountIn;
            } else {
                bigSide[m] = true;
            }
        }
        // of `small`, owed to the big side, against what the big side's input would fetch on the venue without netting
        uint256 pot = p.crossedIn + p.residualOut;
        p.bigAlone = _quote(p.big, p.small, p.haveBig);
        if (p.bigAlone > pot) return false;
        _payProRata(f, bigSide, pot, p.haveBig);
        for (uint256 m; m < n; ++m) {
            if (!bigSide[m]) continue;
            alone[m] = NettingMath.shareDown(p.bigAlone, f[m].amountIn, p.haveBig);
        }
        if (p.residualIn != 0) _venueSwap(p.big, p.small, p.residualIn, p.residualOut, address(this));
        uint256 saved;
        for (uint256 m; m < n; ++m) {
            if (!member[m]) continue;
            uint256 scaleOut = f[m].tokenOut == p.big ? p.sBig : p.sSmall;
            saved += NettingMath.valueDown(f[m].paid - alone[m], f[m].priceOut, scaleOut);
            IERC20(f[m].tokenOut).safeTransfer(f[m].recipient, f[m].paid);
        }
        emit Netted(p.small, p.big, p.crossedIn, p.crossedOut, p.residualIn, p.residualOut, saved);
        return true;
    }

    /// @dev Which side is filled in full: the one whose oracle-price demand the other side's input covers. `big` is
    ///      zero when neither (rounding only). Sets every member's `paid` to its input at the oracle price (rounded
    ///      down), what a small-side fill is paid; the big side's is replaced by its pro-rata share in `_net`.
    function _orient(BatchTransient.Fill[] memory f, bool[] memory member, address x, address y)
        private
        view
        returns (Pair memory p)
    {
        uint256 sx = 10 ** IERC20Metadata(x).decimals();
        uint256 sy = 10 ** IERC20Metadata(y).decimals();
        // needX: what the y sellers are owed in x at the oracle price; haveX: what the x sellers brought (and so on)
        uint256 needX;
        uint256 haveX;
        uint256 needY;
        uint256 haveY;
        for (uint256 m; m < f.length; ++m) {
            if (!member[m]) continue;
            BatchTransient.Fill memory g = f[m];
            bool sellsY = g.tokenIn == y;
            g.paid = sellsY
                ? NettingMath.convertDown(g.amountIn, g.priceIn, sy, g.priceOut, sx)
                : NettingMath.convertDown(g.amountIn, g.priceIn, sx, g.priceOut, sy);
            if (sellsY) {
                needX += g.paid;
                haveY += g.amountIn;
            } else {
                needY += g.paid;
                haveX += g.amountIn;
            }
        }
        if (needX <= haveX) {
            (p.big, p.small, p.sBig, p.sSmall) = (x, y, sx, sy);
            (p.crossedOut, p.haveBig, p.residualIn) = (needX, haveX, haveX - needX);
        } else if (needY <= haveY) {
            (p.big, p.small, p.sBig, p.sSmall) = (y, x, sy, sx);
            (p.crossedOut, p.haveBig, p.residualIn) = (needY, haveY, haveY - needY);
        }
    }

    /// @dev The venue's quote, zero when it fails or answers less than a word (the pair or leg then does not trade
    ///      on it): nothing the venue returns can revert the clearing. Low-level: one quote per small-side fill.
    function _quote(address tokenIn, address tokenOut, uint256 amountIn) private returns (uint256 out) {
        address v = address(venue);
        bytes4 selector = IVenue.quoteExactIn.selector;
        assembly ("memory-safe") {
            let p := mload(0x40)
            mstore(p, selector)
            mstore(add(p, 0x04), tokenIn)
            mstore(add(p, 0x24), tokenOut)
            mstore(add(p, 0x44), amountIn)
            let ok := call(gas(), v, 0, p, 0x64, 0x00, 0x20)
            out := mul(and(ok, gt(returndatasize(), 0x1f)), mload(0x00))
        }
    }

    /// @dev A leg on the venue, paid to `recipient` directly; the venue enforces `minOut` (a vault's own min-out when
    ///      the leg trades alone). Measures what arrived rather than trusting the venue's return value.
    function _venueSwap(address tokenIn, address tokenOut, uint256 amountIn, uint256 minOut, address recipient)
        private
        returns (uint256 received)
    {
        uint256 before = IERC20(tokenOut).balanceOf(recipient);
        IERC20(tokenIn).safeTransfer(venuePayee, amountIn);
        venue.swapExactIn(tokenIn, tokenOut, amountIn, minOut, recipient);
        received = IERC20(tokenOut).balanceOf(recipient) - before;
    }
}
