// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {Test} from "../utils/Test.sol";
import {HandlerLog} from "./HandlerLog.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {MockPriceRouter} from "../mocks/MockPriceRouter.sol";
import {MockVenue} from "../mocks/MockVenue.sol";
import {RebalancingVault} from "../../src/vault/RebalancingVault.sol";
import {IRebalancingVault} from "../../src/interfaces/IRebalancingVault.sol";

/// @notice Drives a vault through deposits, single-asset deposits, withdrawals, automated and hand-made rebalances,
///         price moves, venue fill quality, pause and oracle-outage windows, and time. Properties that must hold
///         across one action are counted in ghost variables (the invariant runner ignores handler reverts, so a failed
///         property must be recorded, not reverted); the invariant test asserts those counters stay zero.
/// @dev Every action kind counts its calls and successes, and the world is never left in a state where an action
///      is refused for a reason outside its own scope (pause and oracle outages are windows inside one action;
///      the persistent fill stays inside the slippage budget), so each kind has a definite expected outcome:
///      - deposit, depositSingle, withdraw, rebalance (the keeper's planned trade, after the market pushes the vault
///        off target when it is not already): must succeed, every call;
///      - pausedWindow, outageWindow, badFill: every flow the guard stops must be refused with the guard's own
///        error, and withdrawal must still work;
///      - rebalanceManual (any pair, any size): succeeds or is refused by a custom error (never a panic).
///      An outcome other than the expected one is counted in `unexpected`; `afterInvariant` checks the per-kind
///      counts, so a handler whose calls stop succeeding fails the run instead of passing vacuously.
contract VaultHandler is Test {
    RebalancingVault public immutable vault;
    MockPriceRouter public immutable router;
    MockVenue public immutable venue;
    MockERC20[] internal tokens;
    address[] public actors;

    /// @dev Persistent fill range: at 0.996 a leg loses < 0.4% to the fill plus less than one raw unit of the bought
    ///      asset (MockVenue rounds its fill once), which the planner keeps under 0.5% (its min-out units), so a
    ///      planned rebalance always fits the 1% budget. Fills below 1 - maxSlippage are exercised by badFill.
    uint256 internal constant GOOD_FILL_MIN = 0.996e18;
    uint256 internal constant GOOD_FILL_MAX = 1.002e18;

    // properties: must stay zero
    uint256 public dilutions; // a deposit or withdrawal lowered NAV per share beyond rounding
    uint256 public budgetBreaches; // a rebalance cost more than its slippage budget
    uint256 public driftNotLowered; // a rebalance went through without lowering drift
    uint256 public withdrawFailures; // a holder could not withdraw
    uint256 public unexpected; // an action's outcome was not the one its kind expects (see the contract's @dev)
    bytes32 public lastUnexpectedKind;
    bytes public lastUnexpectedReason;

    /// @notice Handler actions called in this run, of any kind (world actions and empty withdrawals included).
    uint256 public actions;

    // per action kind
    bytes32[] internal _kinds;
    mapping(bytes32 => uint256) public calls;
    mapping(bytes32 => uint256) public successes;
    mapping(bytes32 => uint256) public refusals; // rebalanceManual refused by a guard

    constructor(RebalancingVault vault_, MockPriceRouter router_, MockVenue venue_, MockERC20[] memory tokens_) {
        (vault, router, venue) = (vault_, router_, venue_);
        tokens = tokens_;
        actors.push(address(0xA1));
        actors.push(address(0xA2));
        actors.push(address(0xA3));
        for (uint256 a; a < actors.length; ++a) {
            for (uint256 i; i < tokens.length; ++i) {
                vm.prank(actors[a]);
                IERC20(address(tokens[i])).approve(address(vault), type(uint256).max);
            }
        }
        _kinds = [
            bytes32("deposit"),
            "depositSingle",
            "withdraw",
            "rebalance",
            "rebalanceManual",
            "pausedWindow",
            "outageWindow",
            "badFill"
        ];
    }

    modifier counted() {
        ++actions;
        _;
    }

    // ---------------------------------------------------------------- investor actions

    function deposit(uint256 actorSeed, uint256 valueSeed) external counted {
        address actor = _actor(actorSeed);
        uint256[] memory amounts = _fundBasket(actor, bound(valueSeed, 100e18, 1_000_000e18));
        (uint256 nav0, uint256 supply0, bool priced) = _snapshot();
        ++calls["deposit"];
        vm.prank(actor);
        try vault.deposit(amounts, 0, actor) {
            ++successes["deposit"];
            _checkNotDiluted(nav0, supply0, priced);
        } catch (bytes memory reason) {
            _unexpected("deposit", reason);
        }
    }

    function depositSingle(uint256 actorSeed, uint256 assetSeed, uint256 valueSeed) external counted {
        address actor = _actor(actorSeed);
        uint256 i = assetSeed % tokens.length;
        uint256 amount = _fundSingle(actor, i, bound(valueSeed, 10e18, 500_000e18));
        (uint256 nav0, uint256 supply0, bool priced) = _snapshot();
        ++calls["depositSingle"];
        vm.prank(actor);
        try vault.depositSingle(address(tokens[i]), amount, 0, actor) {
            ++successes["depositSingle"];
            _checkNotDiluted(nav0, supply0, priced);
        } catch (bytes memory reason) {
            _unexpected("depositSingle", reason);
        }
    }

    function withdraw(uint256 actorSeed, uint256 fractionSeed) external counted {
        address actor = _actor(actorSeed);
        uint256 shares = vault.balanceOf(actor) * bound(fractionSeed, 1, 1000) / 1000;
        if (shares == 0) return; // nothing to withdraw is not a call of this kind
        ++calls["withdraw"];
        if (_withdraw(actor, shares)) ++successes["withdraw"];
    }

    // ---------------------------------------------------------------- keeper actions

    /// @dev The automation path: the cooldown passes; if no rebalance is due, the market moves one asset's price x2 or
    ///      x0.5 (from any drift within the band this leaves the vault > 7% off an equal-weight target); then
    ///      checkUpkeep's plan is performed. With every guard's precondition met, it must go through.
    function rebalance(uint256 assetSeed, uint256 dirSeed) external counted {
        vm.warp(block.timestamp + vault.params().cooldown);
        ++calls["rebalance"];
        IRebalancingVault.Leg[] memory legs = _dueRebalance(assetSeed, dirSeed);
        if (legs.length == 0) return _unexpected("rebalance", "not due after a x2 price move");
        (bool ok, bytes memory reason) = _perform(legs, true);
        if (ok) ++successes["rebalance"];
        else _unexpected("rebalance", reason);
    }

    /// @dev A keeper's own (possibly bad) leg: any pair, any size. A guard may refuse it, with a custom error.
    function rebalanceManual(uint256 inSeed, uint256 outSeed, uint256 sizeSeed) external counted {
        vm.warp(block.timestamp + vault.params().cooldown);
        uint256 i = inSeed % tokens.length;
        uint256 j = outSeed % tokens.length;
        IRebalancingVault.Leg[] memory legs = new IRebalancingVault.Leg[](1);
        uint256 amountIn = vault.balances()[i] * bound(sizeSeed, 1, 1000) / 1000;
        legs[0] = IRebalancingVault.Leg(address(venue), address(tokens[i]), address(tokens[j]), amountIn);
        ++calls["rebalanceManual"];
        (bool ok, bytes memory reason) = _perform(legs, false);
        if (ok) {
            ++successes["rebalanceManual"];
        } else if (_isCustomError(reason)) {
            ++refusals["rebalanceManual"];
        } else {
            _unexpected("rebalanceManual", reason);
        }
    }

    // ---------------------------------------------------------------- guard windows

    /// @dev Paused: deposits and rebalances are refused with EnforcedPause, withdrawals still work.
    function pausedWindow(uint256 actorSeed, uint256 assetSeed, uint256 dirSeed) external counted {
        address actor = _actor(actorSeed);
        vm.warp(block.timestamp + vault.params().cooldown);
        IRebalancingVault.Leg[] memory legs = _dueRebalance(assetSeed, dirSeed);
        ++calls["pausedWindow"];
        vault.pause();
        bytes memory paused = abi.encodeWithSelector(Pausable.EnforcedPause.selector);
        (bool went, bytes memory reason) = _tryDeposit(actor);
        bool ok = _refused("pausedWindow", went, reason, paused);
        (went, reason) = _tryDepositSingle(actor, assetSeed % tokens.length);
        ok = _refused("pausedWindow", went, reason, paused) && ok;
        if (legs.length > 0) {
            (went, reason) = _tryRebalance(legs, true);
            ok = _refused("pausedWindow", went, reason, paused) && ok;
        }
        ok = _withdrawSome(actor) && ok;
        vault.unpause();
        if (ok) ++successes["pausedWindow"];
    }

    /// @dev One asset unpriced: single-asset deposits and rebalances fail closed with the router's error, withdrawals
    ///      still work.
    function outageWindow(uint256 actorSeed, uint256 assetSeed, uint256 dirSeed) external counted {
        address actor = _actor(actorSeed);
        vm.warp(block.timestamp + vault.params().cooldown);
        IRebalancingVault.Leg[] memory legs = _dueRebalance(assetSeed, dirSeed);
        address down = address(tokens[assetSeed % tokens.length]);
        ++calls["outageWindow"];
        router.setFailing(down, true);
        bytes memory unavailable = abi.encodeWithSelector(MockPriceRouter.MockPriceUnavailable.selector, down);
        (bool went, bytes memory reason) = _tryDepositSingle(actor, (assetSeed % tokens.length + 1) % tokens.length);
        bool ok = _refused("outageWindow", went, reason, unavailable);
        if (legs.length > 0) {
            (went, reason) = _tryRebalance(legs, true);
            ok = _refused("outageWindow", went, reason, unavailable) && ok;
        }
        ok = _withdrawSome(actor) && ok;
        router.setFailing(down, false);
        if (ok) ++successes["outageWindow"];
    }

    /// @dev A venue filling below the vault's on-chain min-out: the planned rebalance is refused (the venue enforces
    ///      the min-out the vault computed) and nothing moves.
    function badFill(uint256 fillSeed, uint256 assetSeed, uint256 dirSeed) external counted {
        vm.warp(block.timestamp + vault.params().cooldown);
        IRebalancingVault.Leg[] memory legs = _dueRebalance(assetSeed, dirSeed);
        ++calls["badFill"];
        if (legs.length == 0) return _unexpected("badFill", "not due after a x2 price move");
        uint256 fill = venue.fillFactor();
        venue.setFactors(bound(fillSeed, 0.9e18, 0.989e18), 1e18, 1e18);
        uint256[] memory before = vault.balances();
        (bool went, bytes memory reason) = _tryRebalance(legs, true);
        if (_refusedBy("badFill", went, reason, MockVenue.MockVenueSlippage.selector)) {
            if (keccak256(abi.encode(vault.balances())) == keccak256(abi.encode(before))) ++successes["badFill"];
            else _unexpected("badFill", "balances moved");
        }
        venue.setFactors(fill, 1e18, 1e18);
    }

    // ---------------------------------------------------------------- world

    function movePrice(uint256 assetSeed, uint256 bpsSeed) external counted {
        uint256 i = assetSeed % tokens.length;
        uint256 p = _price(i) * bound(bpsSeed, 8000, 12_500) / 10_000;
        if (p < _base(i) / 4 || p > _base(i) * 4) return; // keep prices within a sane range
        router.setPrice(address(tokens[i]), p);
    }

    function setFill(uint256 fillSeed) external counted {
        venue.setFactors(bound(fillSeed, GOOD_FILL_MIN, GOOD_FILL_MAX), 1e18, 1e18);
    }

    function warp(uint256 secondsSeed) external counted {
        vm.warp(block.timestamp + bound(secondsSeed, 1, 2 days));
    }

    // ---------------------------------------------------------------- counts

    function kinds() external view returns (bytes32[] memory) {
        return _kinds;
    }

    /// @notice One line: calls/successes per kind (and refusals of hand-made legs).
    function logCounts() external view {
        string memory line = "vault handler (calls/ok):";
        for (uint256 k; k < _kinds.length; ++k) {
            bytes32 kind = _kinds[k];
            line = string.concat(
                line, " ", HandlerLog.name(kind), " ", vm.toString(calls[kind]), "/", vm.toString(successes[kind])
            );
        }
        line = string.concat(line, ", manual refused ", vm.toString(refusals["rebalanceManual"]));
        HandlerLog.log(line);
    }

    // ---------------------------------------------------------------- helpers

    /// @dev Moves the market if needed so a rebalance is due, and returns checkUpkeep's plan (empty if none).
    function _dueRebalance(uint256 assetSeed, uint256 dirSeed) internal returns (IRebalancingVault.Leg[] memory) {
        (bool needed, bytes memory data) = vault.checkUpkeep("");
        if (!needed) {
            uint256 i = assetSeed % tokens.length;
            uint256 p = _price(i);
            bool up = dirSeed % 2 == 0;
            if (up && p * 2 > _base(i) * 4) up = false;
            if (!up && p / 2 < _base(i) / 4) up = true;
            router.setPrice(address(tokens[i]), up ? p * 2 : p / 2);
            (needed, data) = vault.checkUpkeep("");
        }
        if (!needed) return new IRebalancingVault.Leg[](0);
        return abi.decode(data, (IRebalancingVault.Leg[]));
    }

    /// @dev Performs `legs` and checks what a rebalance that goes through must satisfy: drift fell, NAV lost at most
    ///      the slippage budget of the value traded (at router prices, rounded up, plus per-asset rounding).
    function _perform(IRebalancingVault.Leg[] memory legs, bool viaUpkeep)
        internal
        returns (bool ok, bytes memory reason)
    {
        uint256 navBefore = vault.nav();
        (uint256 driftBefore,) = vault.drift();
        uint256 traded;
        for (uint256 k; k < legs.length; ++k) {
            uint256 i = _index(legs[k].tokenIn);
            uint256 unit = 10 ** tokens[i].decimals();
            traded += (legs[k].amountIn * _price(i) + unit - 1) / unit;
        }
        (ok, reason) = _tryRebalance(legs, viaUpkeep);
        if (!ok) return (ok, reason);
        uint256 budget = (traded * vault.params().maxSlippage + 1e18 - 1) / 1e18 + 2 * tokens.length;
        if (vault.nav() + budget < navBefore) ++budgetBreaches;
        (uint256 driftAfter,) = vault.drift();
        if (driftAfter >= driftBefore) ++driftNotLowered;
    }

    /// @dev viaUpkeep: the automation entry point (performUpkeep) rather than rebalance; same guards.
    function _tryRebalance(IRebalancingVault.Leg[] memory legs, bool viaUpkeep) internal returns (bool, bytes memory) {
        if (viaUpkeep) {
            try vault.performUpkeep(abi.encode(legs)) {
                return (true, "");
            } catch (bytes memory reason) {
                return (false, reason);
            }
        }
        try vault.rebalance(legs) {
            return (true, "");
        } catch (bytes memory reason) {
            return (false, reason);
        }
    }

    function _tryDeposit(address actor) internal returns (bool, bytes memory) {
        uint256[] memory amounts = _fundBasket(actor, 1_000e18);
        vm.prank(actor);
        try vault.deposit(amounts, 0, actor) {
            return (true, "");
        } catch (bytes memory reason) {
            return (false, reason);
        }
    }

    function _tryDepositSingle(address actor, uint256 i) internal returns (bool, bytes memory) {
        uint256 amount = _fundSingle(actor, i, 1_000e18);
        vm.prank(actor);
        try vault.depositSingle(address(tokens[i]), amount, 0, actor) {
            return (true, "");
        } catch (bytes memory reason) {
            return (false, reason);
        }
    }

    /// @dev Withdraws a tenth of the actor's shares (if any); true if that worked (or there was nothing to take).
    function _withdrawSome(address actor) internal returns (bool) {
        uint256 shares = vault.balanceOf(actor) / 10;
        return shares == 0 || _withdraw(actor, shares);
    }

    function _withdraw(address actor, uint256 shares) internal returns (bool) {
        (uint256 nav0, uint256 supply0, bool priced) = _snapshot();
        vm.prank(actor);
        try vault.withdraw(shares, new uint256[](0), actor) {
            _checkNotDiluted(nav0, supply0, priced);
            return true;
        } catch (bytes memory reason) {
            ++withdrawFailures;
            _unexpected("withdraw", reason);
            return false;
        }
    }

    /// @dev True if the attempt reverted with `selector` (any arguments); otherwise records the unexpected outcome.
    function _refusedBy(bytes32 kind, bool ok, bytes memory reason, bytes4 selector) internal returns (bool) {
        if (!ok && reason.length >= 4 && bytes4(reason) == selector) return true;
        _unexpected(kind, ok ? bytes("went through") : reason);
        return false;
    }

    /// @dev True if the attempt reverted with exactly `expected` (selector and arguments).
    function _refused(bytes32 kind, bool ok, bytes memory reason, bytes memory expected) internal returns (bool) {
        if (!ok && keccak256(reason) == keccak256(expected)) return true;
        _unexpected(kind, ok ? bytes("went through") : reason);
        return false;
    }

    function _unexpected(bytes32 kind, bytes memory reason) internal {
        ++unexpected;
        (lastUnexpectedKind, lastUnexpectedReason) = (kind, reason);
    }

    /// @dev A custom error: 4+ bytes and neither Error(string) nor Panic(uint256).
    function _isCustomError(bytes memory reason) internal pure returns (bool) {
        if (reason.length < 4) return false;
        bytes4 sel = bytes4(reason);
        return sel != 0x08c379a0 && sel != 0x4e487b71;
    }

    function _fundBasket(address actor, uint256 valueEach) internal returns (uint256[] memory amounts) {
        amounts = new uint256[](tokens.length);
        for (uint256 i; i < tokens.length; ++i) {
            amounts[i] = valueEach * 10 ** tokens[i].decimals() / _price(i);
            tokens[i].mint(actor, amounts[i]);
        }
    }

    function _fundSingle(address actor, uint256 i, uint256 value) internal returns (uint256 amount) {
        amount = value * 10 ** tokens[i].decimals() / _price(i);
        tokens[i].mint(actor, amount);
    }

    function _actor(uint256 seed) internal view returns (address) {
        return actors[seed % actors.length];
    }

    function _price(uint256 i) internal view returns (uint256) {
        return router.price(address(tokens[i]));
    }

    /// @dev The fixture's starting prices; every move stays within [base / 4, base * 4].
    function _base(uint256 i) internal pure returns (uint256) {
        return [uint256(2000e18), 1e18, 30_000e18, 1e18][i];
    }

    function _index(address token) internal view returns (uint256) {
        for (uint256 i; i < tokens.length; ++i) {
            if (address(tokens[i]) == token) return i;
        }
        revert("unknown token");
    }

    function _snapshot() internal view returns (uint256 nav, uint256 supply, bool priced) {
        supply = vault.totalSupply();
        try vault.nav() returns (uint256 n) {
            (nav, priced) = (n, true);
        } catch {}
    }

    /// @dev navAfter/supplyAfter >= navBefore/supplyBefore less one wei of floor rounding per asset and share.
    function _checkNotDiluted(uint256 nav0, uint256 supply0, bool priced) internal {
        if (!priced || supply0 == 0) return;
        (uint256 nav1,, bool priced1) = _snapshot();
        if (!priced1) return;
        uint256 supply1 = vault.totalSupply();
        uint256 tol = tokens.length + 1;
        if (nav1 * supply0 + tol * supply0 < nav0 * supply1) ++dilutions;
    }
}
