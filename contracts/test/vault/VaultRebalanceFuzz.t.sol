// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {VaultFixture} from "./VaultFixture.sol";
import {IRebalancingVault} from "../../src/interfaces/IRebalancingVault.sol";

/// @notice Fuzzed single- and multi-leg rebalances, one input domain per outcome so that every run asserts its own
///         branch: a legal leg goes through within its cost budget, and each guard refuses exactly the legs it is
///         for (fill below min-out, drift within the band, a leg that raises drift, a trade above the size cap).
/// @dev From the seeded vault ($250k of each of four assets, equal targets, 5% band, 1% slippage, 50% cap), asset 0's
///      price times m in [1.5, 3] makes it overweight: weight w0 = m / (3 + m) in [1/3, 1/2], drift d = w0 - 1/4 in
///      [8.3%, 25%]. Selling v of it with v / NAV in [d/4, d/2] leaves every deviation below d, and moves at least
///      two thirds of v toward target (the buyer is d/3 short), above the vault's 50% floor (TradeNotTowardTarget).
contract VaultRebalanceFuzzTest is VaultFixture {
    function setUp() public override {
        super.setUp();
        _seed();
        venue.setHonourMinOut(false); // the vault's own received-vs-min-out check is what is tested
    }

    /// @dev Asset 0 overweight by the factor above; returns the drift it causes.
    function _overweight0(uint256 move) internal returns (uint256 d) {
        router.setPrice(assetList[0], 2000e18 * bound(move, 15_000, 30_000) / 10_000);
        (d,) = vault.drift();
        vm.assertGt(d, defaultParams().band, "precondition: due");
    }

    /// @dev Sells asset 0 worth a fraction in [d/4, d/2] of NAV for asset j in 1..3.
    function _sell0(uint256 d, uint256 size, uint256 pair) internal view returns (IRebalancingVault.Leg[] memory) {
        uint256 value = vault.nav() * bound(size, d / 4, d / 2) / 1e18;
        return _leg(0, 1 + pair % 3, value * 1e18 / router.price(assetList[0]));
    }

    function _refusal(IRebalancingVault.Leg[] memory legs) internal returns (bytes memory reason) {
        uint256[] memory before = vault.balances();
        vm.prank(KEEPER);
        try vault.rebalance(legs) {
            revert("rebalance went through");
        } catch (bytes memory r) {
            reason = r;
        }
        vm.assertEq(keccak256(abi.encode(vault.balances())), keccak256(abi.encode(before)), "nothing moved");
    }

    function _args(bytes memory reason) internal pure returns (bytes memory a) {
        a = new bytes(reason.length - 4);
        for (uint256 i; i < a.length; ++i) {
            a[i] = reason[i + 4];
        }
    }

    /// @dev A legal leg at a fill no worse than 0.5% goes through: drift falls, NAV loses at most 1% of the value
    ///      traded (plus rounding), and the accounting matches the tokens held.
    function testFuzz_rebalanceLegalLeg_goesThroughWithinBudget(uint256 move, uint256 size, uint256 fill, uint256 pair)
        public
    {
        uint256 d = _overweight0(move);
        venue.setFactors(bound(fill, 0.995e18, 1.01e18), 1e18, 1e18);
        IRebalancingVault.Leg[] memory legs = _sell0(d, size, pair);
        uint256 navBefore = vault.nav();
        vm.prank(KEEPER);
        vault.rebalance(legs);
        (uint256 dAfter,) = vault.drift();
        vm.assertLt(dAfter, d, "drift fell");
        uint256 traded = _valueOf(0, legs[0].amountIn);
        vm.assertGe(vault.nav() + traded / 100 + 9, navBefore, "cost within budget");
        uint256 j = _indexOfToken(legs[0].tokenOut);
        vm.assertEq(vault.balances()[0], tokens[0].balanceOf(address(vault)), "accounting = tokens (sold)");
        vm.assertEq(vault.balances()[j], tokens[j].balanceOf(address(vault)), "accounting = tokens (bought)");
    }

    /// @dev The same legal leg filled below 1 - maxSlippage: SlippageExceeded, naming what came and what was due.
    function testFuzz_rebalanceRefused_fillBelowMinOut(uint256 move, uint256 size, uint256 fill, uint256 pair) public {
        uint256 d = _overweight0(move);
        venue.setFactors(bound(fill, 0.9e18, 0.989e18), 1e18, 1e18);
        bytes memory reason = _refusal(_sell0(d, size, pair));
        vm.assertEq(bytes32(bytes4(reason)), bytes32(IRebalancingVault.SlippageExceeded.selector), "slippage guard");
        (uint256 leg, uint256 received, uint256 minOut) = abi.decode(_args(reason), (uint256, uint256, uint256));
        vm.assertEq(leg, 0, "first leg");
        vm.assertLt(received, minOut, "received below the on-chain min-out");
    }

    /// @dev Prices within +-10% of the seed leave drift under the 5% band: any leg is refused with DriftWithinBand.
    function testFuzz_rebalanceRefused_withinBand(uint256 move, uint256 size, uint256 pair) public {
        router.setPrice(assetList[0], 2000e18 * bound(move, 9_000, 11_000) / 10_000);
        (uint256 d,) = vault.drift();
        uint256 i = pair % 4;
        uint256 j = (i + 1 + (pair / 4) % 3) % 4;
        uint256 amountIn = vault.balances()[i] * bound(size, 1, 1000) / 1000;
        bytes memory reason = _refusal(_leg(i, j, amountIn));
        vm.assertEq(
            reason, abi.encodeWithSelector(IRebalancingVault.DriftWithinBand.selector, d, defaultParams().band), "band"
        );
    }

    /// @dev Buying more of the overweight asset raises drift: DriftNotReduced with the higher drift after.
    function testFuzz_rebalanceRefused_wrongWay(uint256 move, uint256 size, uint256 fill, uint256 pair) public {
        uint256 d = _overweight0(move);
        venue.setFactors(bound(fill, 0.995e18, 1.01e18), 1e18, 1e18);
        uint256 j = 1 + pair % 3;
        uint256 amountIn = vault.balances()[j] * bound(size, 10, 1000) / 1000;
        bytes memory reason = _refusal(_leg(j, 0, amountIn));
        vm.assertEq(bytes32(bytes4(reason)), bytes32(IRebalancingVault.DriftNotReduced.selector), "drift guard");
        (uint256 before, uint256 afterwards) = abi.decode(_args(reason), (uint256, uint256));
        vm.assertEq(before, d, "drift before");
        vm.assertGt(afterwards, before, "drift after is higher");
    }

    /// @dev Three legs selling 90-100% of each underweight asset trade > 50% of NAV: TradeTooLarge, before any trade.
    function testFuzz_rebalanceRefused_tooLarge(uint256 move, uint256 size) public {
        router.setPrice(assetList[0], 2000e18 * bound(move, 15_000, 20_000) / 10_000); // the others hold >= 60% of NAV
        IRebalancingVault.Leg[] memory legs = new IRebalancingVault.Leg[](3);
        for (uint256 j = 1; j < 4; ++j) {
            uint256 amountIn = vault.balances()[j] * bound(size, 900, 1000) / 1000;
            legs[j - 1] = IRebalancingVault.Leg(address(venue), assetList[j], assetList[0], amountIn);
        }
        uint256 cap = vault.nav() * defaultParams().maxTradeFraction / 1e18;
        bytes memory reason = _refusal(legs);
        vm.assertEq(bytes32(bytes4(reason)), bytes32(IRebalancingVault.TradeTooLarge.selector), "size cap");
        (uint256 traded, uint256 capNamed) = abi.decode(_args(reason), (uint256, uint256));
        vm.assertEq(capNamed, cap, "cap = 50% of NAV");
        vm.assertGt(traded, cap, "traded above it");
    }

    function _indexOfToken(address t) internal view returns (uint256) {
        for (uint256 i; i < assetList.length; ++i) {
            if (assetList[i] == t) return i;
        }
        revert("not an asset");
    }
}
