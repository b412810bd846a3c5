// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {VaultIntegrationFixture} from "./VaultIntegrationFixture.sol";
import {IRebalancingVault} from "../../src/interfaces/IRebalancingVault.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IWeightedPool} from "../../src/interfaces/IWeightedPool.sol";
import {WeightedPool} from "../../src/pool/WeightedPool.sol";
import {WeightedPoolFactory} from "../../src/pool/WeightedPoolFactory.sol";
import {WeightedPoolVenue} from "../../src/vault/WeightedPoolVenue.sol";

/// @notice The vault against the real WeightedPool and PriceRouter: a keeper's rebalance and the automation path.
contract VaultIntegrationTest is VaultIntegrationFixture {
    /// @dev The attack the rule prevents: a ring of 64 slots guarantees 900 s, so dust swaps in every bucket would
    ///      leave less than the vault's 30-minute window and every rebalance through the venue would revert
    ///      (OracleWindowNotCovered). Such a venue is refused; grown to 2 x (1800 / 30 + 2) = 124 slots it is accepted.
    function test_venueWindow_realPoolRingSizedForTheWindow() public {
        IERC20[] memory t = new IERC20[](2);
        uint256[] memory w = new uint256[](2);
        uint256[] memory amounts = new uint256[](2);
        for (uint256 i; i < 2; ++i) {
            (t[i], w[i], amounts[i]) = (IERC20(assetList[i]), 5e17, _amountFor(i, 1_000_000e18));
            tokens[i].mint(address(this), amounts[i]);
        }
        WeightedPool small = WeightedPool(new WeightedPoolFactory().create("LP", "LP", t, w, FEE));
        t[0].approve(address(small), type(uint256).max);
        t[1].approve(address(small), type(uint256).max);
        small.joinPool(0, amounts, address(this), type(uint256).max);
        small.increaseObservationCardinality(64);
        WeightedPoolVenue smallVenue = new WeightedPoolVenue(IWeightedPool(address(small)));
        vm.assertEq(smallVenue.guaranteedWindow(), 900, "64 slots: 30 buckets of 30 s");

        bytes memory call = abi.encodeCall(IRebalancingVault.setVenue, (address(smallVenue), true));
        vm.expectRevert(
            abi.encodeWithSelector(IRebalancingVault.VenueWindowTooShort.selector, address(smallVenue), 900, 1800)
        );
        vault.propose(address(vault), call);

        small.increaseObservationCardinality(124);
        vm.assertEq(smallVenue.guaranteedWindow(), 1800, "124 slots");
        vault.propose(address(vault), call);
        uint256 nonce = vault.proposalCount();
        _advance(DELAY);
        vault.execute(address(vault), call, nonce);
        vm.assertTrue(vault.isVenue(address(smallVenue)), "allowed");
    }

    function test_rebalanceThroughRealPool() public {
        _retarget();
        (uint256 d,) = vault.drift();
        uint256 navBefore = vault.nav();
        IRebalancingVault.Leg[] memory legs = _leg(1, 0, 50_000e18);
        vm.prank(KEEPER);
        vault.rebalance(legs);
        (uint256 dAfter,) = vault.drift();
        vm.assertLt(dAfter, d, "drift fell");
        uint256 cost = navBefore - vault.nav();
        vm.assertGt(cost, 0, "a real pool charges a fee");
        vm.assertLe(cost, 50_000e18 / 100, "within the 1% budget");
        vm.assertEq(vault.balances()[0], tokens[0].balanceOf(address(vault)), "accounting = tokens");
    }

    /// @dev Slices of 5% of NAV: the pool's fee plus price impact of one slice stays inside the 1% budget (the
    ///      planner is venue-agnostic, so the cap is what bounds impact).
    function test_automationConvergesThroughRealPool() public {
        IRebalancingVault.Params memory p = params();
        p.maxTradeFraction = 5e16;
        _setParams(p);
        _retarget();
        uint256 navBefore = vault.nav();
        uint256 traded;
        for (uint256 s; s < 10; ++s) {
            (bool needed, bytes memory data) = vault.checkUpkeep("");
            if (!needed) break;
            IRebalancingVault.Leg[] memory legs = abi.decode(data, (IRebalancingVault.Leg[]));
            for (uint256 k; k < legs.length; ++k) {
                traded += legs[k].amountIn * router.getPrice(legs[k].tokenIn) / 10
                ** tokens[_idx(legs[k].tokenIn)].decimals();
            }
            vm.prank(KEEPER);
            vault.performUpkeep(data);
            _arbitrage(); // arbitrageurs pull the pool back to the oracle price between slices
            _advance(1 hours);
        }
        (uint256 d,) = vault.drift();
        vm.assertLe(d, 5e16, "inside the band");
        vm.assertLe(navBefore - vault.nav(), traded / 100, "total cost within budget");
        uint256 spot = pool.getSpotPrice(assetList[1], assetList[0]);
        vm.assertApproxEqRel(spot, prices[1] * 1e18 / prices[0], 2e15, "arbitrage kept the pool at the oracle");
    }

    function _idx(address token) internal view returns (uint256) {
        for (uint256 i; i < 4; ++i) {
            if (assetList[i] == token) return i;
        }
        revert("not an asset");
    }
}
