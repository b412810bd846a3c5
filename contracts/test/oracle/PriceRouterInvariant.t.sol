// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "../utils/Test.sol";
import {PriceRouterHandler} from "../handlers/PriceRouterHandler.sol";
import {PriceRouter} from "../../src/oracle/PriceRouter.sol";
import {IPriceSource} from "../../src/interfaces/IPriceSource.sol";

/// @notice Whatever the sources do, `getPrice` agrees with `getPriceDetails`: it returns the median of three or more
///         healthy readings, the first (primary, every scripted source being a feed) of one or two, when there are
///         enough and they agree, and otherwise reverts with the one error that says why.
///         The handler never catches a revert, so a handler call that reverts is a handler bug and fails the run.
/// forge-config: default.invariant.fail-on-revert = true
/// forge-config: ci.invariant.fail-on-revert = true
contract PriceRouterInvariantTest is Test {
    PriceRouterHandler internal handler;
    PriceRouter internal router;
    address internal asset;

    function setUp() public {
        vm.warp(1_700_000_000);
        handler = new PriceRouterHandler();
        router = handler.router();
        asset = handler.ASSET();
        targetContract(address(handler));
        // every run starts on the served branch (forge checks the invariants once before the first call)
        vm.assertEq(router.getPrice(asset), 1.002e18, "median of the five healthy starting sources");
    }

    /// @dev Every action went through and each following getPrice ended in a price or one of the two named errors;
    ///      the outcome counts are logged (-vv).
    function afterInvariant() public view {
        handler.logCounts();
        vm.assertEq(handler.otherErrors(), 0, "getPrice failed with an unnamed error");
        vm.assertEq(
            handler.served() + handler.quorumNotMet() + handler.disagreed(),
            handler.probes(),
            "every outcome classified"
        );
    }

    /// @dev The handler reaches each outcome the invariant distinguishes: served, QuorumNotMet, SourcesDisagree.
    function test_handlerReachesEveryOutcome() public {
        // the handler starts with five sources at 1.000..1.004, quorum 3, 2.1% bound
        handler.heal(0); // served
        handler.setPrice(1, 0.8e18); // 0.8 against 1.000..1.004: beyond the bound
        handler.setMode(1, 1); // source 1 reverts: four healthy, agreeing: served
        handler.setZeroPrice(0); // three healthy: served
        handler.setZeroPrice(2); // two healthy of quorum 3
        vm.assertEq(handler.served(), 1 + 3, "served (the first after the constructor's configuration)");
        vm.assertEq(handler.disagreed(), 1, "disagree");
        vm.assertEq(handler.quorumNotMet(), 1, "quorum");
        afterInvariant();
    }

    function invariant_getPriceMatchesDetails() public view {
        (uint256[] memory healthy, uint256 lo, uint256 hi) = _healthyPrices();
        (, uint8 quorum, uint256 maxDeviation) = router.getConfig(asset);
        bytes memory expectedError;
        if (healthy.length < quorum) {
            expectedError = abi.encodeWithSelector(PriceRouter.QuorumNotMet.selector, asset, healthy.length, quorum);
        } else if ((hi - lo) * 1e18 > maxDeviation * lo) {
            expectedError = abi.encodeWithSelector(PriceRouter.SourcesDisagree.selector, asset, lo, hi, maxDeviation);
        }
        try router.getPrice(asset) returns (uint256 price) {
            vm.assertEq(expectedError.length, 0, "price served where it should have failed");
            uint256 expected = healthy.length < 3 ? healthy[0] : _median(healthy);
            vm.assertEq(price, expected, "median of 3+ healthy readings, primary of 1-2");
            vm.assertGe(price, lo, "price >= lowest healthy");
            vm.assertLe(price, hi, "price <= highest healthy");
        } catch (bytes memory err) {
            vm.assertEq(err, expectedError, "the failure names its reason");
        }
    }

    function invariant_configWithinBounds() public view {
        (IPriceSource[] memory sources, uint8 quorum, uint256 maxDeviation) = router.getConfig(asset);
        vm.assertGe(sources.length, router.MIN_SOURCES(), "enough sources");
        vm.assertLe(sources.length, router.MAX_SOURCES(), "not too many sources");
        vm.assertGe(quorum, router.MIN_QUORUM(), "quorum >= min");
        vm.assertLe(quorum, sources.length, "quorum <= sources");
        vm.assertGt(maxDeviation, 0, "deviation > 0");
        vm.assertLe(maxDeviation, router.MAX_DEVIATION(), "deviation <= max");
        for (uint256 i; i < sources.length; ++i) {
            vm.assertEq(sources[i].asset(), asset, "source prices the asset");
            for (uint256 j; j < i; ++j) {
                vm.assertTrue(address(sources[i]) != address(sources[j]), "distinct sources");
            }
        }
    }

    function _healthyPrices() internal view returns (uint256[] memory prices, uint256 lo, uint256 hi) {
        PriceRouter.SourceReading[] memory r = router.getPriceDetails(asset);
        prices = new uint256[](r.length);
        uint256 n;
        lo = type(uint256).max;
        for (uint256 i; i < r.length; ++i) {
            if (!r[i].ok) continue;
            uint256 p = r[i].price;
            prices[n++] = p;
            if (p < lo) lo = p;
            if (p > hi) hi = p;
        }
        assembly ("memory-safe") {
            mstore(prices, n)
        }
    }

    /// @dev Independent of the router's sort: the k-th smallest is the v with #(< v) <= k < #(<= v).
    function _median(uint256[] memory v) internal pure returns (uint256) {
        uint256 n = v.length;
        if (n % 2 == 1) return _kth(v, n / 2);
        return (_kth(v, n / 2 - 1) + _kth(v, n / 2)) / 2; // prices <= 1.25e18: no overflow
    }

    function _kth(uint256[] memory v, uint256 k) internal pure returns (uint256) {
        for (uint256 i; i < v.length; ++i) {
            (uint256 less, uint256 lessOrEqual) = (0, 0);
            for (uint256 j; j < v.length; ++j) {
                if (v[j] < v[i]) ++less;
                if (v[j] <= v[i]) ++lessOrEqual;
            }
            if (less <= k && k < lessOrEqual) return v[i];
        }
        revert("no k-th element");
    }
}
