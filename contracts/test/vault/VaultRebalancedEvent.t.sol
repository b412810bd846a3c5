// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Vm} from "../utils/Vm.sol";
import {VaultFixture} from "./VaultFixture.sol";
import {IRebalancingVault} from "../../src/interfaces/IRebalancingVault.sol";

/// @notice The Rebalanced log, written by hand (RebalancingVault._emitRebalanced), is exactly what the ABI encoder
///         writes for the event: the data decodes with abi.decode into every field, and re-encoding those fields
///         gives back the same bytes, for one leg and for three.
contract VaultRebalancedEventTest is VaultFixture {
    function setUp() public override {
        super.setUp();
        _seed();
        _movePrice(0, 5000); // asset 0 +50%: drift above the band
    }

    function test_oneLeg_decodesWithTheAbi() public {
        _checkLog(_leg(0, 1, 10e18));
    }

    function test_threeLegs_decodeWithTheAbi() public {
        IRebalancingVault.Leg[] memory legs = new IRebalancingVault.Leg[](3);
        for (uint256 j = 1; j < 4; ++j) {
            legs[j - 1] = IRebalancingVault.Leg(address(venue), assetList[0], assetList[j], 10e18 + j);
        }
        _checkLog(legs);
    }

    function _checkLog(IRebalancingVault.Leg[] memory legs) internal {
        uint256[] memory expectedPrices = new uint256[](4);
        for (uint256 i; i < 4; ++i) {
            expectedPrices[i] = router.price(assetList[i]);
        }
        (uint256 expectedDriftBefore,) = vault.drift();
        uint256 expectedNavBefore = vault.nav();
        uint256[] memory balBefore = vault.balances();
        vm.recordLogs();
        _rebalanceAs(KEEPER, legs);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        Vm.Log memory log;
        uint256 found;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter == address(vault) && logs[i].topics[0] == IRebalancingVault.Rebalanced.selector) {
                log = logs[i];
                ++found;
            }
        }
        vm.assertEq(found, 1, "one Rebalanced log");
        vm.assertEq(log.topics.length, 2, "keeper indexed");
        vm.assertEq(log.topics[1], bytes32(uint256(uint160(KEEPER))), "keeper");
        Fields memory f = _decode(log.data);
        vm.assertEq(f.legs.length, legs.length, "legs");
        for (uint256 k; k < legs.length; ++k) {
            vm.assertEq(f.legs[k].venue, legs[k].venue, "venue");
            vm.assertEq(f.legs[k].tokenIn, legs[k].tokenIn, "tokenIn");
            vm.assertEq(f.legs[k].tokenOut, legs[k].tokenOut, "tokenOut");
            vm.assertEq(f.legs[k].amountIn, legs[k].amountIn, "amountIn");
        }
        vm.assertEq(f.amountsOut.length, legs.length, "one amount out a leg");
        uint256[] memory balAfter = vault.balances();
        // every leg here buys a different asset, so each amount out is that asset's balance change
        for (uint256 k; k < legs.length; ++k) {
            uint256 j = _indexOf(legs[k].tokenOut);
            vm.assertEq(f.amountsOut[k], balAfter[j] - balBefore[j], "amount out = balance change");
        }
        vm.assertEq(f.prices.length, 4, "a price per asset");
        for (uint256 i; i < 4; ++i) {
            vm.assertEq(f.prices[i], expectedPrices[i], "price");
        }
        vm.assertEq(f.driftBefore, expectedDriftBefore, "driftBefore");
        (uint256 expectedDriftAfter,) = vault.drift();
        vm.assertEq(f.driftAfter, expectedDriftAfter, "driftAfter");
        vm.assertEq(f.navBefore, expectedNavBefore, "navBefore");
        vm.assertEq(f.navAfter, vault.nav(), "navAfter");
        bytes memory reencoded =
            abi.encode(f.legs, f.amountsOut, f.prices, f.driftBefore, f.driftAfter, f.navBefore, f.navAfter);
        vm.assertEq(log.data, reencoded, "the ABI encoder's bytes");
    }

    struct Fields {
        IRebalancingVault.Leg[] legs;
        uint256[] amountsOut;
        uint256[] prices;
        uint256 driftBefore;
        uint256 driftAfter;
        uint256 navBefore;
        uint256 navAfter;
    }

    function _decode(bytes memory data) internal pure returns (Fields memory f) {
        (f.legs, f.amountsOut, f.prices) = abi.decode(data, (IRebalancingVault.Leg[], uint256[], uint256[]));
        (,,, f.driftBefore, f.driftAfter, f.navBefore, f.navAfter) =
            abi.decode(data, (IRebalancingVault.Leg[], uint256[], uint256[], uint256, uint256, uint256, uint256));
    }

    function _indexOf(address token) internal view returns (uint256 i) {
        while (assetList[i] != token) ++i;
    }
}
