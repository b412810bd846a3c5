// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Vm} from "../utils/Vm.sol";
import {VaultFixture} from "./VaultFixture.sol";
import {VaultIntegrationFixture} from "./VaultIntegrationFixture.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {MockVenue} from "../mocks/MockVenue.sol";
import {IRebalancingVault} from "../../src/interfaces/IRebalancingVault.sol";
import {IWeightedPool} from "../../src/interfaces/IWeightedPool.sol";
import {WeightedPoolVenue} from "../../src/vault/WeightedPoolVenue.sol";

/// @notice A venue written before IVenue.payee: the old IVenue functions only (it does not inherit IVenue, which now
///         declares payee()). Prices are a MockVenue's (fair at the router's prices); a swap mints the fair output
///         to the recipient when `pays`, and otherwise does nothing (keeps whatever reached it).
contract LegacyVenue {
    MockVenue public immutable inner;
    bool public pays = true;

    constructor(MockVenue inner_) {
        inner = inner_;
    }

    function setPays(bool pays_) external {
        pays = pays_;
    }

    function swapExactIn(address tokenIn, address tokenOut, uint256 amountIn, uint256, address recipient)
        external
        returns (uint256 amountOut)
    {
        if (!pays) return 0;
        amountOut = inner.quoteExactIn(tokenIn, tokenOut, amountIn);
        MockERC20(tokenOut).mint(recipient, amountOut);
    }

    function quoteExactIn(address tokenIn, address tokenOut, uint256 amountIn) external view returns (uint256) {
        return inner.quoteExactIn(tokenIn, tokenOut, amountIn);
    }

    function spotPrice(address base, address quote) external view returns (uint256) {
        return inner.spotPrice(base, quote);
    }

    function twapPrice(address base, address quote, uint32 window) external view returns (uint256) {
        return inner.twapPrice(base, quote, window);
    }

    function guaranteedWindow() external view returns (uint32) {
        return inner.guaranteedWindow();
    }
}

/// @notice A LegacyVenue with a payee() that answers as `mode` says: a settable address, a revert, zero, the caller
///         (the vault reading it), 31 bytes, or an address word with a high bit set.
contract ModalPayeeVenue is LegacyVenue {
    enum Mode {
        ADDRESS,
        REVERT,
        ZERO,
        CALLER,
        SHORT,
        DIRTY
    }

    Mode public mode;
    address public payeeAddress;

    constructor(MockVenue inner_) LegacyVenue(inner_) {}

    function setPayee(Mode mode_, address payee_) external {
        (mode, payeeAddress) = (mode_, payee_);
    }

    function payee() external view returns (address) {
        Mode m = mode;
        if (m == Mode.REVERT) revert("no payee");
        if (m == Mode.ZERO) return address(0);
        if (m == Mode.CALLER) return msg.sender;
        address p = payeeAddress;
        if (m == Mode.SHORT) {
            assembly ("memory-safe") {
                mstore(0, p)
                return(0, 31)
            }
        }
        if (m == Mode.DIRTY) {
            assembly ("memory-safe") {
                mstore(0, or(shl(160, 1), p))
                return(0, 32)
            }
        }
        return p;
    }
}

/// @notice IVenue.payee against venues that answer it badly or not at all, and venues that name a payee which keeps
///         the input: the vault pushes a leg's input to the payee read once at setVenue, falls back to the venue
///         itself, and never counts input that produced no output.
contract VenuePayeeTest is VaultFixture {
    address internal constant SINK = address(0x5111C); // an address that keeps what it is sent and does nothing

    MockVenue internal inner;

    function setUp() public override {
        super.setUp();
        _seed();
        _movePrice(0, 5000); // asset 0 +50%: drift 8.3% > 5% band
        inner = new MockVenue(router);
    }

    function _assertBooksMatchHoldings() internal view {
        uint256[] memory books = vault.balances();
        for (uint256 i; i < books.length; ++i) {
            vm.assertEq(books[i], tokens[i].balanceOf(address(vault)), "vault accounting = its token balance");
        }
    }

    /// @dev A venue written before payee() (the staticcall fails: no such function, no fallback) is paid as it always
    ///      was: the event names the venue as payee and the leg's input lands at the venue. A vault that took the
    ///      failed read as address(0) would push the input to nowhere (the token refuses it and every rebalance
    ///      through the venue reverts).
    function test_legacyVenueWithoutPayee_isPaidItself() public {
        LegacyVenue legacy = new LegacyVenue(inner);
        (bool ok,) = address(legacy).staticcall(abi.encodeWithSignature("payee()"));
        vm.assertFalse(ok, "the legacy venue has no payee()");
        _allowExpecting(address(legacy), true, address(legacy));
        IRebalancingVault.Leg[] memory legs = _legVia(address(legacy), 50_000e18);
        uint256 held = tokens[0].balanceOf(address(vault));
        _rebalanceAs(KEEPER, legs);
        vm.assertEq(tokens[0].balanceOf(address(legacy)), legs[0].amountIn, "the input was pushed to the venue");
        vm.assertEq(tokens[0].balanceOf(address(vault)), held - legs[0].amountIn, "the vault paid amountIn");
        _assertBooksMatchHoldings();
    }

    /// @dev Every bad answer to payee() (a revert, zero, fewer than 32 bytes) records the venue itself.
    function test_badPayeeAnswers_recordTheVenue() public {
        ModalPayeeVenue.Mode[3] memory modes =
            [ModalPayeeVenue.Mode.REVERT, ModalPayeeVenue.Mode.ZERO, ModalPayeeVenue.Mode.SHORT];
        for (uint256 k; k < modes.length; ++k) {
            ModalPayeeVenue v = new ModalPayeeVenue(inner);
            v.setPayee(modes[k], SINK); // SHORT answers 31 bytes of SINK's word: never read as SINK (or as anything)
            _allowExpecting(address(v), true, address(v));
            vm.assertTrue(vault.isVenue(address(v)), "allowed");
        }
        // the last one trades: its input reaches the venue, nothing reaches SINK
        ModalPayeeVenue last = new ModalPayeeVenue(inner);
        last.setPayee(ModalPayeeVenue.Mode.SHORT, SINK);
        _allowExpecting(address(last), true, address(last));
        IRebalancingVault.Leg[] memory legs = _legVia(address(last), 50_000e18);
        _rebalanceAs(KEEPER, legs);
        vm.assertEq(tokens[0].balanceOf(address(last)), legs[0].amountIn, "the input was pushed to the venue");
        vm.assertEq(tokens[0].balanceOf(SINK), 0, "nothing to the short answer's address");
        _assertBooksMatchHoldings();
    }

    /// @dev The dangerous bad answer: a venue naming the vault itself. Pushed there, the input would never leave (a
    ///      self-transfer), the vault would measure nothing spent and book the venue's output as free. It records the
    ///      venue instead, which then receives amountIn and the vault's books fall by it.
    function test_payeeNamingTheVault_recordsTheVenue() public {
        ModalPayeeVenue v = new ModalPayeeVenue(inner);
        v.setPayee(ModalPayeeVenue.Mode.CALLER, address(0));
        vm.prank(address(vault));
        vm.assertEq(v.payee(), address(vault), "answers the vault when the vault asks");
        _allowExpecting(address(v), true, address(v));
        IRebalancingVault.Leg[] memory legs = _legVia(address(v), 50_000e18);
        uint256 held = tokens[0].balanceOf(address(vault));
        _rebalanceAs(KEEPER, legs);
        vm.assertEq(tokens[0].balanceOf(address(v)), legs[0].amountIn, "the venue received the input");
        vm.assertEq(vault.balances()[0], held - legs[0].amountIn, "the vault's books fell by amountIn");
        _assertBooksMatchHoldings();
    }

    /// @dev An address word with a high bit set is never truncated into an address the input would be pushed to
    ///      (SINK is its low 160 bits): like the other bad answers it falls back to the venue itself.
    function test_dirtyPayeeWord_fallsBackToTheVenue_notTruncated() public {
        ModalPayeeVenue v = new ModalPayeeVenue(inner);
        v.setPayee(ModalPayeeVenue.Mode.DIRTY, SINK);
        _allowExpecting(address(v), true, address(v));
        IRebalancingVault.Leg[] memory legs = _legVia(address(v), 50_000e18);
        _rebalanceAs(KEEPER, legs);
        vm.assertEq(tokens[0].balanceOf(SINK), 0, "nothing pushed to the truncated address");
        _assertBooksMatchHoldings();
    }

    /// @dev A venue that names a payee which keeps the input (an address that does nothing) and pays nothing itself:
    ///      the leg gets no output, the rebalance reverts with SlippageExceeded and the whole transfer is undone, so
    ///      the vault loses nothing and the payee keeps nothing.
    function test_payeeKeepingTheInput_revertsAndVaultLosesNothing() public {
        ModalPayeeVenue v = new ModalPayeeVenue(inner);
        v.setPayee(ModalPayeeVenue.Mode.ADDRESS, SINK);
        v.setPays(false);
        _allowExpecting(address(v), true, SINK);
        IRebalancingVault.Leg[] memory legs = _legVia(address(v), 50_000e18);
        uint256 fairOut = legs[0].amountIn * router.price(assetList[0]) / router.price(assetList[1]) / 1e12;
        uint256 minOut = (fairOut * 99 + 99) / 100;
        uint256[] memory booksBefore = vault.balances();
        uint256 navBefore = vault.nav();
        vm.expectRevert(abi.encodeWithSelector(IRebalancingVault.SlippageExceeded.selector, 0, 0, minOut));
        _rebalanceAs(KEEPER, legs);
        vm.assertEq(tokens[0].balanceOf(SINK), 0, "the payee kept nothing");
        vm.assertEq(vault.balances()[0], booksBefore[0], "books unchanged");
        vm.assertEq(vault.nav(), navBefore, "NAV unchanged");
        _assertBooksMatchHoldings();
    }

    /// @dev The payee is read once, at setVenue: a venue that later names another payee (an upgrade, a hostile owner)
    ///      is still paid at the recorded one. Re-allowing it (another timelock round) reads it again.
    function test_payeeChangedAfterAllowing_recordedPayeeIsPaid() public {
        address first = address(0xF1257);
        address second = address(0x5EC0D);
        ModalPayeeVenue v = new ModalPayeeVenue(inner);
        v.setPayee(ModalPayeeVenue.Mode.ADDRESS, first);
        _allowExpecting(address(v), true, first);
        v.setPayee(ModalPayeeVenue.Mode.ADDRESS, second);
        IRebalancingVault.Leg[] memory legs = _legVia(address(v), 50_000e18);
        _rebalanceAs(KEEPER, legs);
        vm.assertEq(tokens[0].balanceOf(first), legs[0].amountIn, "the recorded payee got the input");
        vm.assertEq(tokens[0].balanceOf(second), 0, "the new answer is not read by a rebalance");
        vm.assertEq(tokens[0].balanceOf(address(v)), 0, "nor the venue");
        _assertBooksMatchHoldings();

        _govern(abi.encodeCall(IRebalancingVault.setVenue, (address(v), false)));
        _allowExpecting(address(v), true, second);
    }

    /// @dev The packed slot keeps the kind and the payee apart: a payee whose low byte reads as a kind (an address
    ///      ending 0x01 / 0x02, behind a spot-only venue) neither changes the venue's kind nor loses its own low byte.
    function test_payeeLowByte_doesNotLeakIntoTheKind() public {
        address payee = address(0x1000000000000000000000000000000000000001);
        ModalPayeeVenue v = new ModalPayeeVenue(inner);
        v.setPayee(ModalPayeeVenue.Mode.ADDRESS, payee);
        inner.setGuaranteedWindow(0); // spot-only
        bytes memory call = abi.encodeCall(IRebalancingVault.setVenue, (address(v), true));
        vault.propose(address(vault), call);
        uint256 nonce = vault.proposalCount();
        vm.warp(block.timestamp + DELAY);
        vm.expectEmit(address(vault));
        emit IRebalancingVault.VenueSet(address(v), true, false, payee);
        vault.execute(address(vault), call, nonce);
        vm.assertFalse(vault.venueTwapChecked(address(v)), "still spot-only");
        IRebalancingVault.Leg[] memory legs = _legVia(address(v), 50_000e18);
        _rebalanceAs(KEEPER, legs);
        vm.assertEq(tokens[0].balanceOf(payee), legs[0].amountIn, "paid at the exact payee");
    }
}

/// @notice The real pool behind a WeightedPoolVenue: its payee is the pool, so a leg's input moves once, vault to
///         pool, and the venue never holds it.
contract VenuePayeeIntegrationTest is VaultIntegrationFixture {
    bytes32 internal constant TRANSFER = keccak256("Transfer(address,address,uint256)");

    function _assertBooksMatchHoldings() internal view {
        uint256[] memory books = vault.balances();
        for (uint256 i; i < books.length; ++i) {
            vm.assertEq(books[i], tokens[i].balanceOf(address(vault)), "vault accounting = its token balance");
        }
    }

    /// @dev The Transfer events of `token` in `logs`, as (from, to, amount).
    function _transfers(Vm.Log[] memory logs, address token)
        internal
        pure
        returns (address[] memory from, address[] memory to, uint256[] memory amount)
    {
        uint256 n;
        for (uint256 k; k < logs.length; ++k) {
            if (logs[k].emitter == token && logs[k].topics[0] == TRANSFER) ++n;
        }
        (from, to, amount) = (new address[](n), new address[](n), new uint256[](n));
        n = 0;
        for (uint256 k; k < logs.length; ++k) {
            if (logs[k].emitter != token || logs[k].topics[0] != TRANSFER) continue;
            from[n] = address(uint160(uint256(logs[k].topics[1])));
            to[n] = address(uint160(uint256(logs[k].topics[2])));
            amount[n] = abi.decode(logs[k].data, (uint256));
            ++n;
        }
    }

    /// @dev Allowing a WeightedPoolVenue records its pool as the payee (a second venue over the same pool, through
    ///      the timelock).
    function test_weightedPoolVenue_payeeIsItsPool() public {
        WeightedPoolVenue second = new WeightedPoolVenue(IWeightedPool(address(pool)));
        vm.assertEq(second.payee(), address(pool), "the venue names its pool");
        bytes memory call = abi.encodeCall(IRebalancingVault.setVenue, (address(second), true));
        vault.propose(address(vault), call);
        uint256 nonce = vault.proposalCount();
        _advance(DELAY);
        vm.expectEmit(address(vault));
        emit IRebalancingVault.VenueSet(address(second), true, true, address(pool));
        vault.execute(address(vault), call, nonce);
    }

    /// @dev The input moves once: exactly one Transfer of tokenIn in the rebalance, vault to pool, of amountIn (the
    ///      old path had two, vault to venue and venue to pool), and one of tokenOut, pool to vault. The venue holds
    ///      neither token, the pool accounts exactly what it holds, and the vault's books match its balances.
    function test_rebalance_inputMovesVaultToPoolOnce() public {
        _retarget();
        IRebalancingVault.Leg[] memory legs = _leg(1, 0, 50_000e18);
        uint256 amountIn = legs[0].amountIn;
        vm.recordLogs();
        vm.prank(KEEPER);
        vault.rebalance(legs);
        Vm.Log[] memory logs = vm.getRecordedLogs();

        (address[] memory from, address[] memory to, uint256[] memory amount) = _transfers(logs, assetList[1]);
        vm.assertEq(from.length, 1, "one transfer of tokenIn");
        vm.assertEq(from[0], address(vault), "from the vault");
        vm.assertEq(to[0], address(pool), "straight to the pool");
        vm.assertEq(amount[0], amountIn, "of amountIn");
        (from, to, amount) = _transfers(logs, assetList[0]);
        vm.assertEq(from.length, 1, "one transfer of tokenOut");
        vm.assertEq(from[0], address(pool), "from the pool");
        vm.assertEq(to[0], address(vault), "to the vault");

        vm.assertEq(tokens[1].balanceOf(address(venue)), 0, "the venue holds no input");
        vm.assertEq(tokens[0].balanceOf(address(venue)), 0, "the venue holds no output");
        uint256[] memory accounted = pool.getBalances();
        for (uint256 i; i < 4; ++i) {
            vm.assertEq(tokens[i].balanceOf(address(pool)), accounted[i], "the pool accounts what it holds");
        }
        _assertBooksMatchHoldings();
    }

    /// @dev A donation of tokenIn sitting in the pool when the vault trades changes nothing for the vault: it still
    ///      pays exactly amountIn (its push is on top of the donation, and the pool accounts exactly amountIn), and the
    ///      donation stays in the pool for the next swapper, unaccounted.
    function test_rebalance_withDonationInPool_vaultPaysExactlyAmountIn() public {
        _retarget();
        uint256 donation = _amountFor(1, 100_000e18); // more than the leg
        tokens[1].mint(address(pool), donation);
        IRebalancingVault.Leg[] memory legs = _leg(1, 0, 50_000e18);
        uint256 quoted = pool.querySwapExactIn(assetList[1], assetList[0], legs[0].amountIn);
        uint256 accountedIn = pool.getBalances()[1];
        uint256 held1 = tokens[1].balanceOf(address(vault));
        uint256 held0 = tokens[0].balanceOf(address(vault));
        vm.prank(KEEPER);
        vault.rebalance(legs);
        vm.assertEq(tokens[1].balanceOf(address(vault)), held1 - legs[0].amountIn, "paid exactly amountIn");
        vm.assertEq(tokens[0].balanceOf(address(vault)), held0 + quoted, "received the quoted output");
        vm.assertEq(pool.getBalances()[1], accountedIn + legs[0].amountIn, "pool accounts exactly amountIn");
        vm.assertEq(
            tokens[1].balanceOf(address(pool)) - pool.getBalances()[1], donation, "the donation is left, unaccounted"
        );
        vm.assertEq(tokens[1].balanceOf(address(venue)), 0, "the venue holds nothing");
        _assertBooksMatchHoldings();
    }
    /// @dev Limitation of the payee path (review finding, low): a pool holding even 1 wei less of tokenIn than it
    ///      accounts (a negative rebase, a balance wiped by the token's admin) takes a pushed input as a shortfall, pulls
    ///      amountIn from the venue (which holds nothing) and reverts, so every vault leg, batch residual and multi-hop
    ///      hop selling that token on the pool is refused until someone tops the pool up; pushed to the venue (the old
    ///      path) the leg still traded, the pool pulling it from there. The vault loses nothing. Fails on the old push
    ///      to the venue (the leg then trades).
    function test_rebalance_poolDeficitInTokenIn_refusesUntilToppedUp() public {
        _retarget();
        tokens[1].burn(address(pool), 1); // the pool now holds 1 wei less than it accounts
        IRebalancingVault.Leg[] memory legs = _leg(1, 0, 50_000e18);
        uint256 navBefore = vault.nav();
        vm.prank(KEEPER);
        (bool ok,) = address(vault).call(abi.encodeCall(IRebalancingVault.rebalance, (legs)));
        vm.assertFalse(ok, "refused while the pool is short of tokenIn");
        vm.assertEq(vault.nav(), navBefore, "the vault lost nothing");
        tokens[1].mint(address(pool), 1); // topped up
        vm.prank(KEEPER);
        vault.rebalance(legs);
        _assertBooksMatchHoldings();
    }
}
