// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IWeightedPool} from "../interfaces/IWeightedPool.sol";
import {FixedPoint} from "../libraries/FixedPoint.sol";
import {TokenBalance} from "../libraries/TokenBalance.sol";
import {WeightedMath} from "../libraries/WeightedMath.sol";
import {PoolState} from "./PoolState.sol";

/// @title Ballast weighted pool
/// @notice A Balancer-style pool of 2..8 tokens with invariant V = prod(B_i ^ w_i), its own ERC20 LP token, and a
///         TWAP oracle of each token's log price in token 0. Tokens, weights and the swap fee are fixed at creation.
/// @dev Design notes (see also PoolBalances and Oracle):
///      - Balances live in storage (not read from balanceOf), packed two per word; word 0 also holds the oracle's
///        last observation time and index (PoolState). A 2-token swap in a block that already has its observation
///        touches one pool slot; the block's first balance change also writes the oracle observation.
///      - Fee-on-transfer tokens are refused: each inbound transfer is measured by the pool's balanceOf delta and a
///        shortfall reverts (TransferShortfall). A swap's input already sent to the pool (its balance at least the
///        accounted balance after the swap) counts as paid: a vault pays the pool directly (IVenue.payee), and tokens
///        sent outside a call, like a positive rebase, are the next swapper's input. Rebasing tokens are not
///        supported: a negative rebase leaves the pool accounting for more than it holds, and it then refuses input
///        sent ahead until topped up.
///      - Every amount rounds in the pool's favour: scaled-to-raw conversions round out-amounts down and in-amounts
///        up; proportional joins round up, exits down.
contract WeightedPool is IWeightedPool, PoolState, ERC20 {
    using FixedPoint for uint256;
    using SafeERC20 for IERC20;

    /// @dev Swap fee bounds: 0.0001% and 10%. Not getters: the fee is fixed at creation, and a refused creation's
    ///      SwapFeeOutOfRange names both bounds (their getters' bytes went to _pull's paid-input check).
    uint256 internal constant MIN_SWAP_FEE = 1e12;
    uint256 internal constant MAX_SWAP_FEE = 1e17;
    /// @notice LP minted at the first join to LOCKED_SUPPLY_HOLDER and never burnable, so the supply (and every
    ///         balance) stays above zero for good.
    uint256 public constant MINIMUM_SUPPLY = 1e6;
    address public constant LOCKED_SUPPLY_HOLDER = address(0xdEaD);

    /// @notice A state-changing call re-entered the pool (the selector of OpenZeppelin's ReentrancyGuardTransient).
    error ReentrancyGuardReentrantCall();

    /// @dev Transient slot of the reentrancy lock (OpenZeppelin's ERC-7201 slot "openzeppelin.storage.ReentrancyGuard",
    ///      kept so tooling that knows it still finds it). Held in transient storage (EIP-1153): three warm
    ///      TLOAD/TSTOREs a call and no library frame.
    uint256 private constant LOCK_SLOT = 0x9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f00;

    uint256 private immutable _swapFee;

    modifier nonReentrant() {
        _lock();
        _;
        _unlock();
    }

    modifier beforeDeadline(uint256 deadline) {
        if (block.timestamp > deadline) revert Expired(deadline, block.timestamp);
        _;
    }

    /// @param tokens 2..8 distinct ERC20 tokens with at most 18 decimals; token 0 is the oracle's quote token.
    /// @param weights normalized weights, each >= 1%, summing to exactly 1e18.
    /// @param swapFee_ 18-decimal fraction between MIN_SWAP_FEE and MAX_SWAP_FEE.
    constructor(
        string memory name_,
        string memory symbol_,
        IERC20[] memory tokens,
        uint256[] memory weights,
        uint256 swapFee_
    ) ERC20(name_, symbol_) PoolState(tokens, weights) {
        if (swapFee_ < MIN_SWAP_FEE || swapFee_ > MAX_SWAP_FEE) {
            revert SwapFeeOutOfRange(swapFee_, MIN_SWAP_FEE, MAX_SWAP_FEE);
        }
        _swapFee = swapFee_;
    }

    // =================================================================================================== swaps

    /// @notice Sells exactly `amountIn` of `tokenIn` (pulled from the caller, who approved the pool, unless it was
    ///         sent to the pool before the call) for at least `minAmountOut` of `tokenOut`, sent to `recipient`.
    /// @dev Reverts with WeightedMath.MaxInRatio when the amount (net of fee) is above 30% of the balance in.
    /// @return amountOut raw units of tokenOut sent.
    function swapExactIn(
        address tokenIn,
        address tokenOut,
        uint256 amountIn,
        uint256 minAmountOut,
        address recipient,
        uint256 deadline
    ) external nonReentrant beforeDeadline(deadline) returns (uint256 amountOut) {
        if (amountIn == 0) revert ZeroAmount();
        uint256 balanceIn; // the pool's accounted tokenIn: before the swap, then after it
        {
            (uint256 i, uint256 o) = _pair(tokenIn, tokenOut);
            uint256 w0 = _sync();
            balanceIn = _balanceAt(w0, i);
            uint256 balanceOut = _balanceAt(w0, o);
            amountOut = _outGivenIn(i, o, balanceIn, balanceOut, amountIn);
            if (amountOut < minAmountOut) revert AmountOutBelowMin(amountOut, minAmountOut);
            if (amountOut == 0) revert ZeroAmount();
            balanceIn += amountIn;
            _word0 = _put(_put(w0, i, balanceIn), o, balanceOut - amountOut);
        }
        _pull(tokenIn, amountIn, balanceIn);
        IERC20(tokenOut).safeTransfer(recipient, amountOut);
        _emitSwap(recipient, tokenIn, tokenOut, amountIn, amountOut);
    }

    /// @notice Buys exactly `amountOut` of `tokenOut` for at most `maxAmountIn` of `tokenIn` (pulled from the caller
    ///         unless it was sent to the pool before the call).
    /// @dev Reverts with WeightedMath.MaxOutRatio when amountOut is above 30% of the balance out.
    /// @return amountIn raw units of tokenIn taken, fee included.
    function swapExactOut(
        address tokenIn,
        address tokenOut,
        uint256 amountOut,
        uint256 maxAmountIn,
        address recipient,
        uint256 deadline
    ) external nonReentrant beforeDeadline(deadline) returns (uint256 amountIn) {
        if (amountOut == 0) revert ZeroAmount();
        uint256 balanceIn; // the pool's accounted tokenIn: before the swap, then after it
        {
            (uint256 i, uint256 o) = _pair(tokenIn, tokenOut);
            uint256 w0 = _sync();
            balanceIn = _balanceAt(w0, i);
            uint256 balanceOut = _balanceAt(w0, o);
            amountIn = _inGivenOut(i, o, balanceIn, balanceOut, amountOut);
            if (amountIn > maxAmountIn) revert AmountInAboveMax(amountIn, maxAmountIn);
            balanceIn += amountIn;
            _word0 = _put(_put(w0, i, balanceIn), o, balanceOut - amountOut);
        }
        _pull(tokenIn, amountIn, balanceIn);
        IERC20(tokenOut).safeTransfer(recipient, amountOut);
        _emitSwap(recipient, tokenIn, tokenOut, amountIn, amountOut);
    }

    /// @notice What swapExactIn would pay out now.
    function querySwapExactIn(address tokenIn, address tokenOut, uint256 amountIn) external view returns (uint256) {
        (uint256 i, uint256 o) = _pair(tokenIn, tokenOut);
        uint256 w0 = _initializedWord0();
        return _outGivenIn(i, o, _balanceAt(w0, i), _balanceAt(w0, o), amountIn);
    }

    /// @notice What swapExactOut would take in now, fee included.
    function querySwapExactOut(address tokenIn, address tokenOut, uint256 amountOut) external view returns (uint256) {
        (uint256 i, uint256 o) = _pair(tokenIn, tokenOut);
        uint256 w0 = _initializedWord0();
        return _inGivenOut(i, o, _balanceAt(w0, i), _balanceAt(w0, o), amountOut);
    }

    // =============================================================================================== liquidity

    /// @notice Proportional join: mints exactly `lpOut` to `recipient` for each token's share of it (rounded up),
    ///         each at most `maxAmountsIn[i]`. The first join instead takes `maxAmountsIn` exactly, mints
    ///         invariant * numTokens LP (MINIMUM_SUPPLY of it locked for good) and treats `lpOut` as the minimum
    ///         the recipient must get.
    /// @return amountsIn raw amounts taken, in token order.
    function joinPool(uint256 lpOut, uint256[] calldata maxAmountsIn, address recipient, uint256 deadline)
        external
        nonReentrant
        beforeDeadline(deadline)
        returns (uint256[] memory amountsIn)
    {
        uint256 n = _numTokens;
        if (maxAmountsIn.length != n) revert LengthMismatch(n, maxAmountsIn.length);
        uint256 supply = totalSupply();
        if (supply == 0) return _initialize(lpOut, maxAmountsIn, recipient);
        if (lpOut == 0) revert ZeroAmount();
        uint256 w0 = _sync();
        uint256[] memory balances = _loadBalances(w0);
        amountsIn = _proportional(balances, lpOut, supply, Math.Rounding.Ceil);
        for (uint256 t; t < n; ++t) {
            if (amountsIn[t] > maxAmountsIn[t]) revert AmountInAboveMax(amountsIn[t], maxAmountsIn[t]);
            balances[t] += amountsIn[t];
        }
        _storeBalances(w0, balances);
        _mint(recipient, lpOut);
        for (uint256 t; t < n; ++t) {
            _pull(_tokenAt(t), amountsIn[t], type(uint256).max);
        }
        emit Join(msg.sender, recipient, amountsIn, lpOut);
    }

    /// @notice Proportional exit: burns `lpIn` from the caller and sends each token's share (rounded down), each at
    ///         least `minAmountsOut[i]`, to `recipient`.
    /// @return amountsOut raw amounts sent, in token order.
    function exitPool(uint256 lpIn, uint256[] calldata minAmountsOut, address recipient, uint256 deadline)
        external
        nonReentrant
        beforeDeadline(deadline)
        returns (uint256[] memory amountsOut)
    {
        uint256 n = _numTokens;
        if (minAmountsOut.length != n) revert LengthMismatch(n, minAmountsOut.length);
        if (lpIn == 0) revert ZeroAmount();
        uint256 w0 = _sync();
        uint256[] memory balances = _loadBalances(w0);
        amountsOut = _proportional(balances, lpIn, totalSupply(), Math.Rounding.Floor);
        for (uint256 t; t < n; ++t) {
            if (amountsOut[t] < minAmountsOut[t]) revert AmountOutBelowMin(amountsOut[t], minAmountsOut[t]);
            balances[t] -= amountsOut[t];
        }
        _burn(msg.sender, lpIn);
        _storeBalances(w0, balances);
        for (uint256 t; t < n; ++t) {
            if (amountsOut[t] != 0) IERC20(_tokenAt(t)).safeTransfer(recipient, amountsOut[t]);
        }
        emit Exit(msg.sender, recipient, amountsOut, lpIn);
    }

    /// @notice Single-token join: adds exactly `amountIn` of `tokenIn` and mints at least `minLpOut` to `recipient`;
    ///         the swap fee applies to the part of amountIn beyond its proportional share.
    /// @dev Reverts with WeightedMath.MaxInRatio above 30% of the token's balance.
    function joinSingle(address tokenIn, uint256 amountIn, uint256 minLpOut, address recipient, uint256 deadline)
        external
        nonReentrant
        beforeDeadline(deadline)
        returns (uint256 lpOut)
    {
        if (amountIn == 0) revert ZeroAmount();
        uint256 t = _indexOf(tokenIn);
        uint256 w0 = _sync();
        uint256 balance = _balanceAt(w0, t);
        lpOut = _lpOutGivenTokenIn(t, balance, amountIn);
        if (lpOut < minLpOut) revert LpOutBelowMin(lpOut, minLpOut);
        if (lpOut == 0) revert ZeroAmount();
        _word0 = _put(w0, t, balance + amountIn);
        _mint(recipient, lpOut);
        _pull(tokenIn, amountIn, type(uint256).max);
        emit Join(msg.sender, recipient, _single(t, amountIn), lpOut);
    }

    /// @notice Single-token exit: burns exactly `lpIn` from the caller and sends at least `minAmountOut` of
    ///         `tokenOut` to `recipient`; the swap fee applies to the non-proportional part.
    /// @dev Reverts with WeightedMath.MaxOutRatio above 30% of the token's balance (or of the LP supply).
    function exitSingle(address tokenOut, uint256 lpIn, uint256 minAmountOut, address recipient, uint256 deadline)
        external
        nonReentrant
        beforeDeadline(deadline)
        returns (uint256 amountOut)
    {
        if (lpIn == 0) revert ZeroAmount();
        uint256 t = _indexOf(tokenOut);
        uint256 w0 = _sync();
        uint256 balance = _balanceAt(w0, t);
        amountOut = _tokenOutGivenLpIn(t, balance, lpIn);
        if (amountOut < minAmountOut) revert AmountOutBelowMin(amountOut, minAmountOut);
        if (amountOut == 0) revert ZeroAmount();
        _burn(msg.sender, lpIn);
        _word0 = _put(w0, t, balance - amountOut);
        IERC20(tokenOut).safeTransfer(recipient, amountOut);
        emit Exit(msg.sender, recipient, _single(t, amountOut), lpIn);
    }

    /// @notice Raw amounts joinPool(lpOut) would take now (rounded up). Reverts before the first join.
    function queryJoin(uint256 lpOut) external view returns (uint256[] memory amountsIn) {
        amountsIn = _proportional(_loadBalances(_initializedWord0()), lpOut, totalSupply(), Math.Rounding.Ceil);
    }

    /// @notice Raw amounts exitPool(lpIn) would send now (rounded down).
    function queryExit(uint256 lpIn) external view returns (uint256[] memory amountsOut) {
        amountsOut = _proportional(_loadBalances(_initializedWord0()), lpIn, totalSupply(), Math.Rounding.Floor);
    }

    /// @notice LP joinSingle(tokenIn, amountIn) would mint now.
    function queryJoinSingle(address tokenIn, uint256 amountIn) external view returns (uint256) {
        uint256 t = _indexOf(tokenIn);
        return _lpOutGivenTokenIn(t, _balanceAt(_initializedWord0(), t), amountIn);
    }

    /// @notice Tokens exitSingle(tokenOut, lpIn) would send now.
    function queryExitSingle(address tokenOut, uint256 lpIn) external view returns (uint256) {
        uint256 t = _indexOf(tokenOut);
        return _tokenOutGivenLpIn(t, _balanceAt(_initializedWord0(), t), lpIn);
    }

    // =================================================================================================== views

    /// @notice The pool's tokens in index order; token 0 is the oracle's quote token.
    function getTokens() external view returns (IERC20[] memory) {
        return _tokens();
    }

    /// @notice Normalized weights (18 decimals, summing to 1e18), in token order.
    function getNormalizedWeights() external view returns (uint256[] memory) {
        return _weights();
    }

    /// @notice Raw balances the pool accounts for, in each token's own decimals.
    function getBalances() external view returns (uint256[] memory) {
        return _loadBalances(_word0);
    }

    /// @notice Swap fee, 18-decimal fraction.
    function swapFee() external view returns (uint256) {
        return _swapFee;
    }

    /// @notice prod(B_i ^ w_i) over 18-decimal balances, rounded down (0 before the first join).
    function getInvariant() external view returns (uint256) {
        return WeightedMath.calcInvariantDown(_scaledBalances(_word0), _weights());
    }

    /// @notice Price of one whole `base` in whole `quote` tokens, (Bq/wq)/(Bb/wb), 18 decimals, fee excluded.
    function getSpotPrice(address base, address quote) public view returns (uint256) {
        uint256 b = _indexOf(base);
        uint256 q = _indexOf(quote);
        uint256 w0 = _initializedWord0();
        return WeightedMath.calcSpotPrice(
            _balanceAt(w0, b) * _scaleAt(b), _weightAt(b), _balanceAt(w0, q) * _scaleAt(q), _weightAt(q)
        );
    }

    /// @notice The marginal price a buyer of `base` pays in `quote`: the spot price grossed up by the fee.
    function getSpotPriceWithFee(address base, address quote) external view returns (uint256) {
        return getSpotPrice(base, quote).divUp(_swapFee.complement());
    }

    // =============================================================================================== internals

    function _initialize(uint256 minLpOut, uint256[] calldata amounts, address recipient)
        private
        returns (uint256[] memory amountsIn)
    {
        uint256 n = amounts.length;
        amountsIn = amounts;
        uint256[] memory scaled = new uint256[](n);
        for (uint256 t; t < n; ++t) {
            if (amounts[t] == 0) revert ZeroAmount();
            scaled[t] = amounts[t] * _scaleAt(t);
        }
        uint256 supply = WeightedMath.calcInvariantDown(scaled, _weights()) * n;
        if (supply <= MINIMUM_SUPPLY) revert InitialLiquidityTooLow(supply, MINIMUM_SUPPLY);
        uint256 lpOut = supply - MINIMUM_SUPPLY;
        if (lpOut < minLpOut) revert LpOutBelowMin(lpOut, minLpOut);

        _initializeState(amountsIn);
        _mint(LOCKED_SUPPLY_HOLDER, MINIMUM_SUPPLY);
        _mint(recipient, lpOut);
        for (uint256 t; t < n; ++t) {
            _pull(_tokenAt(t), amountsIn[t], type(uint256).max);
        }
        emit Join(msg.sender, recipient, amountsIn, lpOut);
    }

    function _pair(address tokenIn, address tokenOut) private view returns (uint256 i, uint256 o) {
        i = _indexOf(tokenIn);
        o = _indexOf(tokenOut);
        if (i == o) revert SameToken(tokenIn);
    }

    function _outGivenIn(uint256 i, uint256 o, uint256 balanceIn, uint256 balanceOut, uint256 amountIn)
        private
        view
        returns (uint256)
    {
        uint256 scaleIn = _scaleAt(i);
        uint256 scaleOut = _scaleAt(o);
        uint256 scaledIn = amountIn * scaleIn;
        uint256 out = WeightedMath.calcOutGivenIn(
            balanceIn * scaleIn, _weightAt(i), balanceOut * scaleOut, _weightAt(o), scaledIn - scaledIn.mulUp(_swapFee)
        );
        return out / scaleOut;
    }

    function _inGivenOut(uint256 i, uint256 o, uint256 balanceIn, uint256 balanceOut, uint256 amountOut)
        private
        view
        returns (uint256)
    {
        uint256 scaleIn = _scaleAt(i);
        uint256 scaleOut = _scaleAt(o);
        uint256 net = WeightedMath.calcInGivenOut(
            balanceIn * scaleIn, _weightAt(i), balanceOut * scaleOut, _weightAt(o), amountOut * scaleOut
        );
        return Math.ceilDiv(net.divUp(_swapFee.complement()), scaleIn);
    }

    function _lpOutGivenTokenIn(uint256 t, uint256 balance, uint256 amountIn) private view returns (uint256) {
        uint256 scale = _scaleAt(t);
        return WeightedMath.calcLpOutGivenExactTokenIn(
            balance * scale, _weightAt(t), amountIn * scale, totalSupply(), _swapFee
        );
    }

    function _tokenOutGivenLpIn(uint256 t, uint256 balance, uint256 lpIn) private view returns (uint256) {
        uint256 scale = _scaleAt(t);
        return WeightedMath.calcTokenOutGivenExactLpIn(balance * scale, _weightAt(t), lpIn, totalSupply(), _swapFee)
            / scale;
    }

    function _proportional(uint256[] memory balances, uint256 lp, uint256 supply, Math.Rounding rounding)
        private
        pure
        returns (uint256[] memory amounts)
    {
        uint256 n = balances.length;
        amounts = new uint256[](n);
        for (uint256 t; t < n; ++t) {
            amounts[t] = Math.mulDiv(balances[t], lp, supply, rounding);
        }
    }

    /// @dev Takes in `amount` of `token`, after which the pool accounts `accountedAfter` of it. A swap's input already
    ///      in the pool (it holds at least accountedAfter: a caller such as a vault paid it in before calling, which
    ///      saves a venue the round trip of holding it) is taken as paid. Otherwise it is pulled from the caller and
    ///      any shortfall refused (fee-on-transfer tokens). Joins pass type(uint256).max: they always pull.
    ///      Holding at least the accounted balances is all the pool's solvency needs, so tokens sent to it outside a
    ///      call are the next swapper's input, as Uniswap V2 lets anyone skim them; they were never the LPs'.
    ///      The first balanceOf warms the token and the pool's balance slot, so a pull costs two cheap calls.
    function _pull(address token, uint256 amount, uint256 accountedAfter) private {
        uint256 before = TokenBalance.ofSelf(token);
        if (before >= accountedAfter) return;
        IERC20(token).safeTransferFrom(msg.sender, address(this), amount);
        uint256 afterwards = TokenBalance.ofSelf(token);
        if (afterwards < before + amount) {
            revert TransferShortfall(token, amount, afterwards > before ? afterwards - before : 0);
        }
    }

    /// @dev emit Swap(msg.sender, recipient, tokenIn, tokenOut, amountIn, amountOut), its data written once at the
    ///      free memory pointer instead of through the ABI encoder.
    function _emitSwap(address recipient, address tokenIn, address tokenOut, uint256 amountIn, uint256 amountOut)
        private
    {
        bytes32 topic = Swap.selector;
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, tokenOut)
            mstore(add(m, 0x20), amountIn)
            mstore(add(m, 0x40), amountOut)
            log4(m, 0x60, topic, caller(), recipient, tokenIn)
        }
    }

    function _lock() private {
        assembly ("memory-safe") {
            if tload(LOCK_SLOT) {
                mstore(0, 0x3ee5aeb5) // ReentrancyGuardReentrantCall()
                revert(0x1c, 0x04)
            }
            tstore(LOCK_SLOT, 1)
        }
    }

    function _unlock() private {
        assembly ("memory-safe") {
            tstore(LOCK_SLOT, 0)
        }
    }

    function _single(uint256 t, uint256 amount) private view returns (uint256[] memory amounts) {
        amounts = new uint256[](_numTokens);
        amounts[t] = amount;
    }
}
