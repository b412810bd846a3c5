// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Test} from "../utils/Test.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {MockPriceRouter} from "../mocks/MockPriceRouter.sol";
import {MockVenue} from "../mocks/MockVenue.sol";
import {RebalancingVault} from "../../src/vault/RebalancingVault.sol";
import {IRebalancingVault} from "../../src/interfaces/IRebalancingVault.sol";

/// @notice Drives a vault through random deposits, single-asset deposits, withdrawals, automated rebalances, price
///         moves, venue fill quality, oracle outages, pauses and time. Properties that must hold across one action
///         are checked here and counted in ghost variables (the invariant runner ignores handler reverts, so a
///         failed property must be recorded, not reverted); the invariant test asserts the counters stay zero.
contract VaultHandler is Test {
    RebalancingVault public immutable vault;
    MockPriceRouter public immutable router;
    MockVenue public immutable venue;
    MockERC20[] internal tokens;
    address[] public actors;

    uint256 public dilutions; // a deposit or withdrawal lowered NAV per share beyond rounding
    uint256 public budgetBreaches; // a rebalance cost more than its slippage budget
    uint256 public withdrawFailures; // a holder could not withdraw
    uint256 public rebalances;
    uint256 public withdrawals;

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
    }

    // ---------------------------------------------------------------- investor actions

    function deposit(uint256 actorSeed, uint256 valueSeed) external {
        address actor = actors[actorSeed % actors.length];
        uint256 value = bound(valueSeed, 100e18, 1_000_000e18);
        uint256[] memory amounts = new uint256[](tokens.length);
        for (uint256 i; i < tokens.length; ++i) {
            amounts[i] = value * 10 ** tokens[i].decimals() / _price(i);
            tokens[i].mint(actor, amounts[i]);
        }
        (uint256 nav0, uint256 supply0, bool priced) = _snapshot();
        vm.prank(actor);
        try vault.deposit(amounts, 0, actor) {
            _checkNotDiluted(nav0, supply0, priced);
        } catch {}
    }

    function depositSingle(uint256 actorSeed, uint256 assetSeed, uint256 valueSeed) external {
        address actor = actors[actorSeed % actors.length];
        uint256 i = assetSeed % tokens.length;
        uint256 amount = bound(valueSeed, 10e18, 500_000e18) * 10 ** tokens[i].decimals() / _price(i);
        tokens[i].mint(actor, amount);
        (uint256 nav0, uint256 supply0, bool priced) = _snapshot();
        vm.prank(actor);
        try vault.depositSingle(address(tokens[i]), amount, 0, actor) {
            _checkNotDiluted(nav0, supply0, priced);
        } catch {}
    }

    function withdraw(uint256 actorSeed, uint256 fractionSeed) external {
        address actor = actors[actorSeed % actors.length];
        uint256 shares = vault.balanceOf(actor) * bound(fractionSeed, 1, 1000) / 1000;
        if (shares == 0) return;
        (uint256 nav0, uint256 supply0, bool priced) = _snapshot();
        vm.prank(actor);
        try vault.withdraw(shares, new uint256[](0), actor) {
            ++withdrawals;
            _checkNotDiluted(nav0, supply0, priced);
        } catch {
            ++withdrawFailures;
        }
    }

    // ---------------------------------------------------------------- keeper action

    /// @dev The automation path: wait out the cooldown, ask checkUpkeep, perform.
    function rebalance() external {
        vm.warp(block.timestamp + 1 hours);
        (bool needed, bytes memory data) = vault.checkUpkeep("");
        if (!needed) return;
        _perform(abi.decode(data, (IRebalancingVault.Leg[])));
    }

    /// @dev A keeper's own (possibly bad) leg: any pair, any size.
    function rebalanceManual(uint256 inSeed, uint256 outSeed, uint256 sizeSeed) external {
        vm.warp(block.timestamp + 1 hours);
        uint256 i = inSeed % tokens.length;
        uint256 j = outSeed % tokens.length;
        IRebalancingVault.Leg[] memory legs = new IRebalancingVault.Leg[](1);
        uint256 amountIn = vault.balances()[i] * bound(sizeSeed, 1, 1000) / 1000;
        legs[0] = IRebalancingVault.Leg(address(venue), address(tokens[i]), address(tokens[j]), amountIn);
        _perform(legs);
    }

    function _perform(IRebalancingVault.Leg[] memory legs) internal {
        uint256 navBefore;
        try vault.nav() returns (uint256 n) {
            navBefore = n;
        } catch {
            return;
        }
        uint256 traded;
        for (uint256 k; k < legs.length; ++k) {
            uint256 i = _index(legs[k].tokenIn);
            traded += (legs[k].amountIn * _price(i) + 10 ** tokens[i].decimals() - 1) / 10 ** tokens[i].decimals();
        }
        try vault.performUpkeep(abi.encode(legs)) {
            ++rebalances;
            uint256 budget = (traded * vault.params().maxSlippage + 1e18 - 1) / 1e18 + 2 * tokens.length;
            if (vault.nav() + budget < navBefore) ++budgetBreaches;
        } catch {}
    }

    // ---------------------------------------------------------------- world

    function movePrice(uint256 assetSeed, uint256 bpsSeed) external {
        uint256 i = assetSeed % tokens.length;
        uint256 p = router.price(address(tokens[i])) * bound(bpsSeed, 8000, 12_500) / 10_000;
        uint256 base = [uint256(2000e18), 1e18, 30_000e18, 1e18][i];
        if (p < base / 4 || p > base * 4) return; // keep prices within a sane range
        router.setPrice(address(tokens[i]), p);
    }

    function setFill(uint256 fillSeed) external {
        venue.setFactors(bound(fillSeed, 0.985e18, 1.002e18), 1e18, 1e18);
    }

    /// @dev Takes one asset's price offline, or brings every price back.
    function toggleOracle(uint256 assetSeed) external {
        bool anyDown;
        for (uint256 i; i < tokens.length; ++i) {
            if (router.failing(address(tokens[i]))) anyDown = true;
            router.setFailing(address(tokens[i]), false);
        }
        if (!anyDown) router.setFailing(address(tokens[assetSeed % tokens.length]), true);
    }

    function togglePause() external {
        if (vault.paused()) vault.unpause();
        else vault.pause();
    }

    function warp(uint256 secondsSeed) external {
        vm.warp(block.timestamp + bound(secondsSeed, 1, 2 days));
    }

    // ---------------------------------------------------------------- helpers

    function _price(uint256 i) internal view returns (uint256) {
        return router.price(address(tokens[i]));
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
        uint256 nav1 = vault.nav();
        uint256 supply1 = vault.totalSupply();
        uint256 tol = tokens.length + 1;
        if (nav1 * supply0 + tol * supply0 < nav0 * supply1) ++dilutions;
    }
}
