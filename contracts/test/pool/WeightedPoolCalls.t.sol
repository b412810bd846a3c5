// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {PoolFixture} from "./PoolFixture.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {WeightedPool} from "../../src/pool/WeightedPool.sol";
import {IWeightedPool} from "../../src/interfaces/IWeightedPool.sol";
import {IWeightedPoolErrors} from "../../src/pool/IWeightedPoolErrors.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

/// @notice A token whose balanceOf can be switched to revert with its own error or to return nothing.
contract BalanceOfSwitchToken is MockERC20 {
    error BalanceOfBroken(address account);

    uint8 public mode;

    constructor() MockERC20("Switch", "SW", 18) {}

    function setMode(uint8 mode_) external {
        mode = mode_;
    }

    function balanceOf(address account) public view override returns (uint256) {
        if (mode == 1) revert BalanceOfBroken(account);
        if (mode == 2) {
            assembly ("memory-safe") {
                return(0, 0)
            }
        }
        if (mode == 3) {
            // 4 bytes that read as an error selector of the caller's (WeightedPool's ZeroAmount()): must not pass
            // for the caller's own revert
            assembly ("memory-safe") {
                mstore(0, shl(224, 0x1f2a2005))
                return(0, 4)
            }
        }
        return super.balanceOf(account);
    }
}

/// @notice The pool's hand-written token calls (the balanceOf of the shortfall check, the Swap event, the transient
///         lock) behave as the compiler's did: a failing balanceOf's revert reaches the caller, a balanceOf that
///         returns fewer than 32 bytes is refused, the event carries the same fields, and the lock is released after
///         each call (two swaps in one transaction both go through).
contract WeightedPoolCallsTest is PoolFixture {
    BalanceOfSwitchToken internal sw;
    MockERC20 internal other;
    WeightedPool internal pool;

    function setUp() public {
        _deployFactory();
        sw = new BalanceOfSwitchToken();
        other = _token(18);
        IERC20[] memory tokens = new IERC20[](2);
        tokens[0] = IERC20(address(other));
        tokens[1] = IERC20(address(sw));
        pool = _pool(tokens, _equalWeights(2), FEE);
        other.mint(address(this), 1e24);
        sw.mint(address(this), 1e24);
        other.approve(address(pool), type(uint256).max);
        sw.approve(address(pool), type(uint256).max);
        pool.joinPool(0, _u2(1e21, 1e21), address(this), FAR);
    }

    function test_balanceOfRevert_isBubbled() public {
        sw.setMode(1);
        vm.expectRevert(abi.encodeWithSelector(BalanceOfSwitchToken.BalanceOfBroken.selector, address(pool)));
        pool.swapExactIn(address(sw), address(other), 1e18, 0, address(this), FAR);
    }

    function test_balanceOfShortReturn_isRefused() public {
        sw.setMode(2);
        vm.expectRevert(bytes(""));
        pool.swapExactIn(address(sw), address(other), 1e18, 0, address(this), FAR);
        sw.setMode(0);
        uint256 out = pool.swapExactIn(address(sw), address(other), 1e18, 0, address(this), FAR);
        vm.assertGt(out, 0, "the same swap goes through with a well-behaved balanceOf");
    }

    /// @dev A short answer that is not empty (here 4 bytes shaped as one of the pool's own errors) is refused with
    ///      empty revert data, as the compiler's call does, not passed on as if the pool had raised it.
    function test_balanceOfShortNonEmptyReturn_revertsEmpty() public {
        sw.setMode(3);
        (bool ok, bytes memory reason) = address(pool).call(
            abi.encodeCall(pool.swapExactIn, (address(sw), address(other), 1e18, 0, address(this), FAR))
        );
        vm.assertFalse(ok, "refused");
        vm.assertEq(reason, bytes(""), "empty, not the token's 4 bytes");
    }

    function test_swapEvent_fields() public {
        uint256 expected = pool.querySwapExactIn(address(other), address(sw), 2e18);
        vm.expectEmit(address(pool));
        emit IWeightedPool.Swap(address(this), address(0xBEEF), address(other), address(sw), 2e18, expected);
        pool.swapExactIn(address(other), address(sw), 2e18, 0, address(0xBEEF), FAR);
    }

    function test_lockReleased_betweenCallsOfOneTransaction() public {
        uint256 a = pool.swapExactIn(address(other), address(sw), 1e18, 0, address(this), FAR);
        uint256 b = pool.swapExactIn(address(sw), address(other), a, 0, address(this), FAR);
        // a forge test is one transaction: a lock left set by the first swap would revert the second
        vm.assertGt(b, 0, "second swap in the same transaction");
    }
}

/// @notice A MockERC20 that, once `feeBps` is set, burns that share of every transfer between two nonzero addresses
///         from the sender (the recipient gets less than was sent), as FeeOnTransferToken does. Its fee starts at
///         zero so a pool can be seeded with it (a join refuses a fee-on-transfer token).
contract SettableFeeToken is MockERC20 {
    uint256 public feeBps;

    constructor() MockERC20("Settable fee", "SFT", 18) {}

    function setFeeBps(uint256 feeBps_) external {
        feeBps = feeBps_;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (feeBps == 0 || from == address(0) || to == address(0)) return super._update(from, to, value);
        uint256 fee = (value * feeBps) / 10_000;
        super._update(from, address(0), fee);
        super._update(from, to, value - fee);
    }
}

/// @notice A swap's input already in the pool beyond its accounted balance counts as paid (the vault pushes a leg's
///         input straight to the pool, IVenue.payee); anything less is pulled in full from the caller, and joins always
///         pull. Throughout, the pool holds at least what it accounts, and accounts exactly what a swap names.
contract WeightedPoolPrepaidInputTest is PoolFixture {
    address internal constant PAYER = address(0xCAFE); // holds nothing and approves nothing unless a test says so
    address internal constant RECIPIENT = address(0xBEEF);

    MockERC20 internal a;
    SettableFeeToken internal f;
    WeightedPool internal pool;

    function setUp() public {
        a = _token(18);
        f = new SettableFeeToken();
        IERC20[] memory tokens = new IERC20[](2);
        tokens[0] = IERC20(address(a));
        tokens[1] = IERC20(address(f));
        pool = _pool(tokens, _equalWeights(2), FEE);
        _init(pool, _u2(1e22, 1e22));
    }

    // ------------------------------------------------------------------ helpers

    /// @dev The pool's real holdings minus what it accounts, per token; reverts (underflow) if it holds less.
    function _surplus() internal view returns (uint256[] memory s) {
        uint256[] memory accounted = pool.getBalances();
        s = new uint256[](2);
        s[0] = a.balanceOf(address(pool)) - accounted[0];
        s[1] = f.balanceOf(address(pool)) - accounted[1];
    }

    function _assertSolvent() internal view {
        uint256[] memory accounted = pool.getBalances();
        vm.assertGe(a.balanceOf(address(pool)), accounted[0], "pool holds at least its accounted token 0");
        vm.assertGe(f.balanceOf(address(pool)), accounted[1], "pool holds at least its accounted token 1");
    }

    /// @dev The accounted balances moved by exactly the swap's amounts: token 0 in, token 1 out.
    function _assertBooked(uint256[] memory before, uint256 amountIn, uint256 amountOut) internal view {
        uint256[] memory afterwards = pool.getBalances();
        vm.assertEq(afterwards[0], before[0] + amountIn, "accounted in rises by exactly amountIn");
        vm.assertEq(afterwards[1], before[1] - amountOut, "accounted out falls by amountOut");
    }

    /// @dev PAYER sends `amount` of `token` to the pool, as a vault pushes a leg's input to its venue's payee.
    function _prepay(MockERC20 token, uint256 amount) internal {
        token.mint(PAYER, amount);
        vm.prank(PAYER);
        token.transfer(address(pool), amount);
    }

    // ------------------------------------------------------------------ full prepayment

    /// @dev The vault's path: the input is in the pool before the call, and the caller holds and approves nothing.
    ///      The old pool always pulled (ERC20InsufficientAllowance here). The accounted balance must rise by
    ///      amountIn, not by whatever the pool happens to hold.
    function test_swapExactIn_prepaidInput_isNotPulled() public {
        uint256 amountIn = 5e18;
        uint256 quoted = pool.querySwapExactIn(address(a), address(f), amountIn);
        uint256[] memory before = pool.getBalances();
        _prepay(a, amountIn);
        vm.assertEq(a.allowance(PAYER, address(pool)), 0, "no allowance");
        vm.assertEq(a.balanceOf(PAYER), 0, "no balance left");
        vm.prank(PAYER);
        uint256 out = pool.swapExactIn(address(a), address(f), amountIn, quoted, RECIPIENT, FAR);
        vm.assertEq(out, quoted, "the quoted amount out");
        vm.assertEq(f.balanceOf(RECIPIENT), quoted, "recipient paid");
        _assertBooked(before, amountIn, out);
        uint256[] memory s = _surplus();
        vm.assertEq(s[0], 0, "the prepaid input is all accounted");
        vm.assertEq(s[1], 0, "no surplus of the output");
    }

    /// @dev swapExactOut's input is computed by the pool: a caller who prepaid it exactly is not pulled either.
    function test_swapExactOut_prepaidInput_isNotPulled() public {
        uint256 amountOut = 3e18;
        uint256 amountIn = pool.querySwapExactOut(address(a), address(f), amountOut);
        uint256[] memory before = pool.getBalances();
        _prepay(a, amountIn);
        vm.prank(PAYER);
        uint256 took = pool.swapExactOut(address(a), address(f), amountOut, amountIn, RECIPIENT, FAR);
        vm.assertEq(took, amountIn, "the quoted amount in");
        vm.assertEq(f.balanceOf(RECIPIENT), amountOut, "recipient paid exactly amountOut");
        _assertBooked(before, amountIn, amountOut);
        vm.assertEq(_surplus()[0], 0, "the prepaid input is all accounted");
        _assertSolvent();
    }

    /// @dev An exact-out caller who prepaid more than the pool asks: only amountIn is accounted; the excess stays an
    ///      unaccounted surplus (a bug crediting the whole holding to the LPs, or to the invariant, would show here).
    function test_swapExactOut_overpaid_accountsOnlyAmountIn() public {
        uint256 amountOut = 3e18;
        uint256 amountIn = pool.querySwapExactOut(address(a), address(f), amountOut);
        uint256[] memory before = pool.getBalances();
        _prepay(a, amountIn + 1e18);
        vm.prank(PAYER);
        pool.swapExactOut(address(a), address(f), amountOut, type(uint256).max, RECIPIENT, FAR);
        vm.assertEq(pool.getBalances()[0], before[0] + amountIn, "accounted in rises by exactly amountIn");
        vm.assertEq(_surplus()[0], 1e18, "the overpayment is left as surplus");
    }

    // ------------------------------------------------------------------ partial prepayment

    /// @dev Half the input sent ahead is not half paid: the pool pulls the full amountIn from the caller's allowance
    ///      and the half sent ahead stays in the pool, unaccounted. A pool that pulled only the difference would let
    ///      a payer's input be made up of someone else's donation without the accounting noticing the mix.
    function test_swapExactIn_partialPrepayment_pullsInFull() public {
        uint256 amountIn = 4e18;
        uint256[] memory before = pool.getBalances();
        _prepay(a, amountIn / 2);
        a.mint(PAYER, amountIn);
        vm.prank(PAYER);
        a.approve(address(pool), amountIn);
        vm.prank(PAYER);
        pool.swapExactIn(address(a), address(f), amountIn, 0, RECIPIENT, FAR);
        vm.assertEq(a.balanceOf(PAYER), 0, "the full amountIn was pulled");
        vm.assertEq(a.allowance(PAYER, address(pool)), 0, "from the allowance");
        vm.assertEq(pool.getBalances()[0], before[0] + amountIn, "accounted in rises by exactly amountIn");
        vm.assertEq(_surplus()[0], amountIn / 2, "the partial prepayment stays, unaccounted");
        _assertSolvent();
    }

    /// @dev The same for exact-out: one unit short of the computed amountIn is a pull of all of it.
    function test_swapExactOut_partialPrepayment_pullsInFull() public {
        uint256 amountOut = 3e18;
        uint256 amountIn = pool.querySwapExactOut(address(a), address(f), amountOut);
        _prepay(a, amountIn - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(pool), 0, amountIn)
        );
        vm.prank(PAYER);
        pool.swapExactOut(address(a), address(f), amountOut, amountIn, RECIPIENT, FAR);
        a.mint(PAYER, amountIn);
        vm.prank(PAYER);
        a.approve(address(pool), amountIn);
        vm.prank(PAYER);
        pool.swapExactOut(address(a), address(f), amountOut, amountIn, RECIPIENT, FAR);
        vm.assertEq(a.balanceOf(PAYER), 0, "the full amountIn was pulled");
        vm.assertEq(_surplus()[0], amountIn - 1, "the prepayment stays, unaccounted");
    }

    // ------------------------------------------------------------------ joins

    /// @dev A donation of every token never pays for a proportional join: a joiner with no allowance is refused
    ///      even though the pool holds far more than the join needs beyond its books, and an approved joiner pays in
    ///      full, the donation untouched.
    function test_joinPool_neverCountsADonationAsPaid() public {
        a.mint(address(pool), 1e21);
        f.mint(address(pool), 1e21);
        uint256 lpOut = 1e18;
        uint256[] memory need = pool.queryJoin(lpOut);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(pool), 0, need[0])
        );
        vm.prank(PAYER);
        pool.joinPool(lpOut, _u2(type(uint256).max, type(uint256).max), PAYER, FAR);

        _fund(pool, PAYER, need);
        vm.prank(PAYER);
        uint256[] memory took = pool.joinPool(lpOut, _u2(type(uint256).max, type(uint256).max), PAYER, FAR);
        vm.assertEq(took[0], need[0], "quoted amount 0");
        vm.assertEq(a.balanceOf(PAYER), 0, "token 0 pulled in full");
        vm.assertEq(f.balanceOf(PAYER), 0, "token 1 pulled in full");
        vm.assertEq(pool.balanceOf(PAYER), lpOut, "LP minted");
        uint256[] memory s = _surplus();
        vm.assertEq(s[0], 1e21, "donation 0 untouched");
        vm.assertEq(s[1], 1e21, "donation 1 untouched");
    }

    /// @dev The same for a single-token join (the one whose input looks most like a swap's).
    function test_joinSingle_neverCountsADonationAsPaid() public {
        a.mint(address(pool), 1e21);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(pool), 0, 1e20)
        );
        vm.prank(PAYER);
        pool.joinSingle(address(a), 1e20, 0, PAYER, FAR);

        _mintAndApprove(pool, address(a), PAYER, 1e20);
        uint256[] memory before = pool.getBalances();
        vm.prank(PAYER);
        pool.joinSingle(address(a), 1e20, 0, PAYER, FAR);
        vm.assertEq(a.balanceOf(PAYER), 0, "pulled in full");
        vm.assertEq(pool.getBalances()[0], before[0] + 1e20, "accounted rises by amountIn");
        vm.assertEq(_surplus()[0], 1e21, "donation untouched");
    }

    // ------------------------------------------------------------------ attacks

    /// @dev Documented semantics (as Uniswap V2's skim): tokens sent to the pool outside a call are the next swapper's
    ///      input. An attacker with nothing takes a donation as input up to its size and no further: asking one unit
    ///      more than the donation is a full pull, refused without an allowance; with one it pays all of amountIn and
    ///      the donation stays.
    function test_donation_takenAsInputOnlyUpToItsSize() public {
        address attacker = address(0xA77AC);
        uint256 donation = 2e18;
        a.mint(address(pool), donation);

        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(pool), 0, donation + 1)
        );
        vm.prank(attacker);
        pool.swapExactIn(address(a), address(f), donation + 1, 0, attacker, FAR);

        uint256 big = 10e18;
        _mintAndApprove(pool, address(a), attacker, big);
        uint256[] memory before = pool.getBalances();
        vm.prank(attacker);
        pool.swapExactIn(address(a), address(f), big, 0, attacker, FAR);
        vm.assertEq(a.balanceOf(attacker), 0, "the attacker paid all of amountIn");
        vm.assertEq(pool.getBalances()[0], before[0] + big, "accounted rises by amountIn");
        vm.assertEq(_surplus()[0], donation, "the donation is still there");

        // the donation itself, exactly: taken with no allowance (the caller holds nothing)
        vm.assertEq(a.allowance(RECIPIENT, address(pool)), 0, "no allowance");
        uint256 quoted = pool.querySwapExactIn(address(a), address(f), donation);
        vm.prank(RECIPIENT);
        uint256 out = pool.swapExactIn(address(a), address(f), donation, 0, RECIPIENT, FAR);
        vm.assertEq(out, quoted, "priced as any swap of that size");
        vm.assertEq(_surplus()[0], 0, "the donation is accounted now");
        _assertSolvent();
    }

    /// @dev The donation check is per token: a surplus of the output token pays nothing for the input.
    function test_surplusOfTheOtherToken_paysNothing() public {
        f.mint(address(pool), 1e21);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(pool), 0, 1e18)
        );
        vm.prank(PAYER);
        pool.swapExactIn(address(a), address(f), 1e18, 0, PAYER, FAR);
    }

    /// @dev A fee-on-transfer input sent ahead reaches the pool short (99%), so it is not taken as paid: the pool pulls
    ///      the full amountIn, refused without an allowance, and with one the pull arrives short too and is refused as
    ///      a shortfall. The pool's books never run ahead of its holdings.
    function test_feeOnTransferPrepayment_isPulledInFull() public {
        f.setFeeBps(100); // 1%
        uint256 amountIn = 1e20;
        f.mint(PAYER, amountIn);
        vm.prank(PAYER);
        f.transfer(address(pool), amountIn);
        vm.assertEq(_surplus()[1], amountIn * 99 / 100, "the pool received 99%");

        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(pool), 0, amountIn)
        );
        vm.prank(PAYER);
        pool.swapExactIn(address(f), address(a), amountIn, 0, PAYER, FAR);

        f.mint(PAYER, amountIn);
        vm.prank(PAYER);
        f.approve(address(pool), amountIn);
        vm.expectRevert(
            abi.encodeWithSelector(
                IWeightedPoolErrors.TransferShortfall.selector, address(f), amountIn, amountIn * 99 / 100
            )
        );
        vm.prank(PAYER);
        pool.swapExactIn(address(f), address(a), amountIn, 0, PAYER, FAR);
        _assertSolvent();
    }

    /// @dev Fuzzed: whatever was sent ahead (nothing, some, all or more of amountIn) and whoever calls, a swap that
    ///      goes through leaves the books up by exactly amountIn and the holdings at least the books; the caller paid
    ///      amountIn less the part of it the pool found already there.
    function testFuzz_swapExactIn_prepaid_booksAndHoldings(uint256 amountIn, uint256 prepaid) public {
        amountIn = bound(amountIn, 1e6, 2e21);
        prepaid = bound(prepaid, 0, 3e21);
        uint256[] memory before = pool.getBalances();
        if (prepaid != 0) _prepay(a, prepaid);
        bool covered = prepaid >= amountIn;
        if (!covered) _mintAndApprove(pool, address(a), PAYER, amountIn);
        vm.prank(PAYER);
        pool.swapExactIn(address(a), address(f), amountIn, 0, RECIPIENT, FAR);
        vm.assertEq(pool.getBalances()[0], before[0] + amountIn, "books up by amountIn");
        vm.assertEq(_surplus()[0], covered ? prepaid - amountIn : prepaid, "surplus: the prepayment less what it paid");
        vm.assertEq(a.balanceOf(PAYER), 0, "the payer paid in full either way");
        _assertSolvent();
    }
}
