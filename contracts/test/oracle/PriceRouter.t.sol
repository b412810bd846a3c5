// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "../utils/Test.sol";
import {MockAggregator} from "../mocks/MockAggregator.sol";
import {ScriptedPriceSource} from "./ScriptedPriceSource.sol";
import {ChainlinkAdapter} from "../../src/oracle/ChainlinkAdapter.sol";
import {PriceRouter} from "../../src/oracle/PriceRouter.sol";
import {IPriceSource} from "../../src/interfaces/IPriceSource.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";

contract PriceRouterTest is Test {
    address internal constant ASSET = address(0xA55E7);
    address internal constant OTHER = address(0x07E7);
    address internal constant STRANGER = address(0xBAD);
    uint256 internal constant NOW = 1_700_000_000;
    uint256 internal constant DEV = 0.02e18;

    PriceRouter internal router;

    function setUp() public {
        vm.warp(NOW);
        router = new PriceRouter(address(this));
    }

    // ---- helpers ----

    function _scripted(uint256[] memory prices) internal returns (IPriceSource[] memory sources) {
        sources = new IPriceSource[](prices.length);
        for (uint256 i; i < prices.length; ++i) {
            sources[i] = new ScriptedPriceSource(ASSET, prices[i]);
        }
    }

    function _configure(uint256[] memory prices, uint8 quorum, uint256 dev) internal returns (IPriceSource[] memory s) {
        s = _scripted(prices);
        router.setSources(ASSET, s, quorum, dev);
    }

    function _break(IPriceSource source, ScriptedPriceSource.Mode mode) internal {
        ScriptedPriceSource(address(source)).setMode(mode);
    }

    function _list(uint256 a, uint256 b) internal pure returns (uint256[] memory l) {
        l = new uint256[](2);
        (l[0], l[1]) = (a, b);
    }

    function _list(uint256 a, uint256 b, uint256 c) internal pure returns (uint256[] memory l) {
        l = new uint256[](3);
        (l[0], l[1], l[2]) = (a, b, c);
    }

    function _list(uint256 a, uint256 b, uint256 c, uint256 d) internal pure returns (uint256[] memory l) {
        l = new uint256[](4);
        (l[0], l[1], l[2], l[3]) = (a, b, c, d);
    }

    function _list(uint256 a, uint256 b, uint256 c, uint256 d, uint256 e) internal pure returns (uint256[] memory l) {
        l = new uint256[](5);
        (l[0], l[1], l[2], l[3], l[4]) = (a, b, c, d, e);
    }

    function _chainlink(int256 answer) internal returns (MockAggregator feed, IPriceSource source) {
        feed = new MockAggregator(8);
        feed.setAnswer(answer);
        source = new ChainlinkAdapter(ASSET, feed, 1 hours, AggregatorV3Interface(address(0)), 0);
    }

    // ---- median ----

    /// @dev Two agreeing sources: the primary's price (the first feed), not their mean (see PriceRouterRules).
    function test_twoSources_primaryNotMean() public {
        _configure(_list(101e18, 100e18), 2, DEV);
        vm.assertEq(router.getPrice(ASSET), 101e18, "the first feed's price");
    }

    function test_twoSources_firstFeedIsPrimaryEvenWhenListedAfterATwap() public {
        IPriceSource[] memory s = _scripted(_list(100e18 + 2, 100e18 + 1));
        ScriptedPriceSource(address(s[0])).setIdentity(IPriceSource.Kind.TWAP, address(s[0]));
        router.setSources(ASSET, s, 2, DEV);
        vm.assertEq(router.getPrice(ASSET), 100e18 + 1, "the feed's price");
    }

    function test_median_threeSources() public {
        _configure(_list(101e18, 99e18, 100e18), 2, 0.05e18);
        vm.assertEq(router.getPrice(ASSET), 100e18, "middle of three");
    }

    function test_median_fourSources() public {
        _configure(_list(103e18, 100e18, 102e18, 101e18), 2, 0.05e18);
        vm.assertEq(router.getPrice(ASSET), 101.5e18, "mean of middle two");
    }

    function test_median_fiveSources() public {
        _configure(_list(104e18, 100e18, 103e18, 101e18, 102e18), 2, 0.05e18);
        vm.assertEq(router.getPrice(ASSET), 102e18, "middle of five");
    }

    function test_median_fiveSourcesOneUnhealthyIsEven() public {
        IPriceSource[] memory s = _configure(_list(104e18, 100e18, 103e18, 101e18, 102e18), 2, 0.05e18);
        _break(s[0], ScriptedPriceSource.Mode.RevertCustom); // drop 104
        vm.assertEq(router.getPrice(ASSET), 101.5e18, "median of 100..103");
    }

    function test_median_fourSourcesOneUnhealthyIsOdd() public {
        IPriceSource[] memory s = _configure(_list(103e18, 100e18, 102e18, 101e18), 2, 0.05e18);
        _break(s[1], ScriptedPriceSource.Mode.RevertEmpty); // drop 100
        vm.assertEq(router.getPrice(ASSET), 102e18, "median of 101..103");
    }

    function test_median_unhealthyOutlierDoesNotCountTowardsSpread() public {
        IPriceSource[] memory s = _configure(_list(100e18, 101e18, 500e18), 2, DEV);
        _break(s[2], ScriptedPriceSource.Mode.Panic);
        vm.assertEq(router.getPrice(ASSET), 100e18, "primary of the healthy two");
    }

    // ---- quorum ----

    function test_quorum_notMet() public {
        IPriceSource[] memory s = _configure(_list(100e18, 101e18, 102e18), 2, DEV);
        _break(s[0], ScriptedPriceSource.Mode.RevertCustom);
        _break(s[2], ScriptedPriceSource.Mode.ShortReturn);
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.QuorumNotMet.selector, ASSET, 1, 2));
        router.getPrice(ASSET);
    }

    function test_quorum_allSourcesRequired() public {
        IPriceSource[] memory s = _configure(_list(100e18, 101e18, 102e18), 3, DEV);
        vm.assertEq(router.getPrice(ASSET), 101e18, "all healthy");
        _break(s[1], ScriptedPriceSource.Mode.RevertString);
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.QuorumNotMet.selector, ASSET, 2, 3));
        router.getPrice(ASSET);
    }

    function test_quorum_noneHealthy() public {
        IPriceSource[] memory s = _configure(_list(100e18, 101e18), 1, DEV);
        _break(s[0], ScriptedPriceSource.Mode.RevertCustom);
        _break(s[1], ScriptedPriceSource.Mode.RevertCustom);
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.QuorumNotMet.selector, ASSET, 0, 1));
        router.getPrice(ASSET);
    }

    function test_quorum_oneSurvivorServedWhenQuorumIsOne() public {
        IPriceSource[] memory s = _configure(_list(100e18, 101e18), 1, DEV);
        _break(s[0], ScriptedPriceSource.Mode.RevertCustom);
        vm.assertEq(router.getPrice(ASSET), 101e18, "lone survivor");
    }

    // ---- disagreement ----

    function test_disagreement_exactlyAtBoundIsAccepted() public {
        _configure(_list(100e18, 102e18), 2, DEV); // (102 - 100) / 100 = 2%
        vm.assertEq(router.getPrice(ASSET), 100e18, "at the bound");
    }

    function test_disagreement_oneWeiOverBoundReverts() public {
        _configure(_list(100e18, 102e18 + 1), 2, DEV);
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.SourcesDisagree.selector, ASSET, 100e18, 102e18 + 1, DEV));
        router.getPrice(ASSET);
    }

    function test_disagreement_measuredOverAllHealthy() public {
        _configure(_list(100e18, 101e18, 103e18), 2, DEV); // median 101 is fine, but 100 vs 103 is 3%
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.SourcesDisagree.selector, ASSET, 100e18, 103e18, DEV));
        router.getPrice(ASSET);
    }

    // ---- garbage replies ----

    function test_garbage_zeroPriceIsUnhealthy() public {
        IPriceSource[] memory s = _configure(_list(100e18, 101e18, 102e18), 3, DEV);
        ScriptedPriceSource(address(s[0])).set(0, NOW);
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.QuorumNotMet.selector, ASSET, 2, 3));
        router.getPrice(ASSET);
        _assertReason(0, PriceRouter.SourceReturnedZeroPrice.selector);
    }

    function test_garbage_futureTimestampIsUnhealthy() public {
        IPriceSource[] memory s = _configure(_list(100e18, 101e18, 102e18), 3, DEV);
        ScriptedPriceSource(address(s[2])).set(102e18, NOW + 1);
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.QuorumNotMet.selector, ASSET, 2, 3));
        router.getPrice(ASSET);
        _assertReason(2, PriceRouter.SourceReturnedFutureTimestamp.selector);
    }

    function test_garbage_codeGoneIsMalformed() public {
        IPriceSource[] memory s = _configure(_list(100e18, 101e18, 102e18), 3, DEV);
        vm.etch(address(s[1]), "");
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.QuorumNotMet.selector, ASSET, 2, 3));
        router.getPrice(ASSET);
        _assertReason(1, PriceRouter.SourceReturnedMalformedData.selector);
    }

    function test_garbage_hugeReturnIsReadWithoutCopying() public {
        IPriceSource[] memory s = _configure(_list(100e18, 101e18, 102e18), 3, DEV);
        _break(s[0], ScriptedPriceSource.Mode.HugeReturn); // 50 kB reply starting with a valid (price, updatedAt)
        vm.assertEq(router.getPrice(ASSET), 101e18, "first 64 bytes are the answer");
    }

    function test_garbage_hugeRevertIsUnhealthy() public {
        IPriceSource[] memory s = _configure(_list(100e18, 101e18, 102e18), 2, DEV);
        _break(s[0], ScriptedPriceSource.Mode.HugeRevert);
        vm.assertEq(router.getPrice(ASSET), 101e18, "reverting source dropped: the first healthy of two");
        PriceRouter.SourceReading[] memory r = router.getPriceDetails(ASSET);
        vm.assertFalse(r[0].ok, "huge revert not ok");
    }

    // ---- details ----

    function test_details_reasonPerFailureKind() public {
        IPriceSource[] memory s = _configure(_list(100e18, 101e18, 102e18, 103e18, 104e18), 2, 0.05e18);
        _break(s[0], ScriptedPriceSource.Mode.RevertCustom);
        _break(s[1], ScriptedPriceSource.Mode.RevertEmpty);
        _break(s[2], ScriptedPriceSource.Mode.RevertString);
        _break(s[3], ScriptedPriceSource.Mode.Panic);
        _break(s[4], ScriptedPriceSource.Mode.ShortReturn);
        _assertReason(0, ScriptedPriceSource.ScriptedFailure.selector);
        _assertReason(1, bytes4(0));
        _assertReason(2, bytes4(keccak256("Error(string)")));
        _assertReason(3, bytes4(keccak256("Panic(uint256)")));
        _assertReason(4, PriceRouter.SourceReturnedMalformedData.selector);
    }

    function test_details_healthyReading() public {
        IPriceSource[] memory s = _configure(_list(100e18, 101e18), 2, DEV);
        ScriptedPriceSource(address(s[1])).set(101e18, NOW - 5);
        PriceRouter.SourceReading[] memory r = router.getPriceDetails(ASSET);
        vm.assertEq(r.length, 2, "one reading per source");
        vm.assertEq(address(r[1].source), address(s[1]), "source");
        vm.assertTrue(r[1].ok, "ok");
        vm.assertEq(r[1].price, 101e18, "price");
        vm.assertEq(r[1].updatedAt, NOW - 5, "updatedAt");
        vm.assertEq(bytes32(r[1].errorSelector), bytes32(0), "no reason");
    }

    function test_details_unknownAssetReverts() public {
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.UnknownAsset.selector, ASSET));
        router.getPriceDetails(ASSET);
    }

    function _assertReason(uint256 i, bytes4 expected) internal view {
        PriceRouter.SourceReading[] memory r = router.getPriceDetails(ASSET);
        vm.assertFalse(r[i].ok, "unhealthy");
        vm.assertEq(bytes32(r[i].errorSelector), bytes32(expected), "reason selector");
    }

    // ---- Chainlink feeds: fail closed ----

    function test_chainlink_staleAndNegativeFailOnQuorum() public {
        (MockAggregator f0, IPriceSource s0) = _chainlink(2000e8);
        (MockAggregator f1, IPriceSource s1) = _chainlink(2001e8);
        (, IPriceSource s2) = _chainlink(2002e8);
        router.setSources(ASSET, _three(s0, s1, s2), 2, DEV);
        vm.assertEq(router.getPrice(ASSET), 2001e18, "all fresh");

        f0.setRoundData(9, 2000e8, NOW - 2 hours, NOW - 2 hours, 9); // stale
        f1.setAnswer(-5); // negative
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.QuorumNotMet.selector, ASSET, 1, 2));
        router.getPrice(ASSET);

        PriceRouter.SourceReading[] memory r = router.getPriceDetails(ASSET);
        vm.assertEq(bytes32(r[0].errorSelector), bytes32(ChainlinkAdapter.StalePrice.selector), "stale named");
        vm.assertEq(bytes32(r[1].errorSelector), bytes32(ChainlinkAdapter.NonPositivePrice.selector), "negative named");
        vm.assertTrue(r[2].ok, "third healthy");
    }

    function test_chainlink_staleAndDisagreeingFailOnSpread() public {
        (MockAggregator f0, IPriceSource s0) = _chainlink(2000e8);
        (MockAggregator f1, IPriceSource s1) = _chainlink(2001e8);
        (, IPriceSource s2) = _chainlink(2002e8);
        router.setSources(ASSET, _three(s0, s1, s2), 2, DEV);

        f0.setRoundData(9, 2000e8, NOW - 2 hours, NOW - 2 hours, 9); // stale
        f1.setAnswer(2100e8); // 2002 vs 2100: 4.9%
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.SourcesDisagree.selector, ASSET, 2002e18, 2100e18, DEV));
        router.getPrice(ASSET);
    }

    function test_chainlink_afterHeartbeatAllStaleFailsClosed() public {
        (, IPriceSource s0) = _chainlink(2000e8);
        (, IPriceSource s1) = _chainlink(2001e8);
        (, IPriceSource s2) = _chainlink(2002e8);
        router.setSources(ASSET, _three(s0, s1, s2), 2, DEV);
        vm.warp(NOW + 1 hours + 1);
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.QuorumNotMet.selector, ASSET, 0, 2));
        router.getPrice(ASSET);
    }

    function _three(IPriceSource a, IPriceSource b, IPriceSource c) internal pure returns (IPriceSource[] memory l) {
        l = new IPriceSource[](3);
        (l[0], l[1], l[2]) = (a, b, c);
    }

    // ---- unknown / removed assets ----

    function test_getPrice_unknownAsset() public {
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.UnknownAsset.selector, OTHER));
        router.getPrice(OTHER);
    }

    function test_removeAsset() public {
        _configure(_list(100e18, 101e18), 2, DEV);
        vm.assertTrue(router.isSupported(ASSET), "supported");
        vm.expectEmit(address(router));
        emit PriceRouter.AssetRemoved(ASSET);
        router.removeAsset(ASSET);
        vm.assertFalse(router.isSupported(ASSET), "removed");
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.UnknownAsset.selector, ASSET));
        router.getPrice(ASSET);
    }

    function test_removeAsset_unknownReverts() public {
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.UnknownAsset.selector, ASSET));
        router.removeAsset(ASSET);
    }

    // ---- configuration ----

    function test_setSources_storesAndEmits() public {
        IPriceSource[] memory s = _scripted(_list(100e18, 101e18, 102e18));
        vm.expectEmit(address(router));
        emit PriceRouter.SourcesSet(ASSET, s, 2, DEV);
        router.setSources(ASSET, s, 2, DEV);
        (IPriceSource[] memory got, uint8 quorum, uint256 dev) = router.getConfig(ASSET);
        vm.assertEq(got.length, 3, "count");
        vm.assertEq(address(got[2]), address(s[2]), "source order kept");
        vm.assertEq(uint256(quorum), 2, "quorum");
        vm.assertEq(dev, DEV, "deviation");
    }

    function test_setSources_replacesPreviousConfig() public {
        _configure(_list(100e18, 101e18, 102e18), 3, DEV);
        IPriceSource[] memory s = _configure(_list(200e18, 201e18), 1, 0.5e18);
        (IPriceSource[] memory got, uint8 quorum, uint256 dev) = router.getConfig(ASSET);
        vm.assertEq(got.length, 2, "shrunk");
        vm.assertEq(address(got[0]), address(s[0]), "new source");
        vm.assertEq(uint256(quorum), 1, "quorum");
        vm.assertEq(dev, 0.5e18, "deviation");
        vm.assertEq(router.getPrice(ASSET), 200e18, "new primary");
    }

    /// @dev Every asset's entry lives in one data contract: replacing or removing one asset's entry must leave the
    ///      others exactly as they were, whatever their place in it.
    function test_setSources_entriesOfOtherAssetsSurviveReplaceAndRemove() public {
        address[] memory assets = new address[](3);
        (assets[0], assets[1], assets[2]) = (address(0xA1), address(0xA2), address(0xA3));
        IPriceSource[][] memory s = new IPriceSource[][](3);
        for (uint256 a; a < 3; ++a) {
            s[a] = new IPriceSource[](2 + a);
            for (uint256 i; i < s[a].length; ++i) {
                s[a][i] = new ScriptedPriceSource(assets[a], (a + 1) * 100e18 + i);
            }
            router.setSources(assets[a], s[a], 2, DEV);
        }
        IPriceSource[] memory shorter = new IPriceSource[](2);
        (shorter[0], shorter[1]) = (s[1][1], s[1][0]);
        router.setSources(assets[1], shorter, 1, 0.3e18); // the middle entry moves to the end, one source shorter
        router.removeAsset(assets[0]);

        vm.assertFalse(router.isSupported(assets[0]), "removed");
        (IPriceSource[] memory got, uint8 quorum, uint256 dev) = router.getConfig(assets[1]);
        vm.assertEq(got.length, 2, "replaced count");
        vm.assertEq(address(got[0]), address(s[1][1]), "replaced order");
        vm.assertEq(uint256(quorum), 1, "replaced quorum");
        vm.assertEq(dev, 0.3e18, "replaced deviation");
        vm.assertEq(router.getPrice(assets[1]), 200e18 + 1, "replaced primary");
        (got, quorum, dev) = router.getConfig(assets[2]);
        vm.assertEq(got.length, 4, "untouched count");
        vm.assertEq(address(got[3]), address(s[2][3]), "untouched last source");
        vm.assertEq(uint256(quorum), 2, "untouched quorum");
        vm.assertEq(dev, DEV, "untouched deviation");
        vm.assertEq(router.getPrice(assets[2]), 300e18 + 1, "untouched median of four");

        router.removeAsset(assets[1]);
        router.removeAsset(assets[2]);
        vm.assertFalse(router.isSupported(assets[2]), "all removed");
        router.setSources(assets[0], s[0], 2, DEV);
        vm.assertEq(router.getPrice(assets[0]), 100e18, "configurable again from empty");
    }

    /// @dev The configuration is one contract's code, bounded by EIP-170: the router refuses the asset past
    ///      MAX_ASSETS with its own error instead of failing to write it, and still replaces an existing one.
    function test_setSources_refusesAssetsPastTheLimit() public {
        uint256 max = router.MAX_ASSETS();
        IPriceSource[] memory s = new IPriceSource[](8);
        for (uint256 a = 1; a <= max + 1; ++a) {
            address asset = address(uint160(0x1000 + a));
            for (uint256 i; i < 8; ++i) {
                s[i] = new ScriptedPriceSource(asset, 100e18);
            }
            if (a > max) vm.expectRevert(abi.encodeWithSelector(PriceRouter.TooManyAssets.selector, asset, max));
            router.setSources(asset, s, 2, DEV);
        }
        address last = address(uint160(0x1000 + max));
        for (uint256 i; i < 8; ++i) {
            s[i] = new ScriptedPriceSource(last, 50e18);
        }
        router.setSources(last, s, 8, DEV);
        vm.assertEq(router.getPrice(last), 50e18, "the 64th asset, full size, replaced in place");
        vm.assertEq(router.getPrice(address(uint160(0x1001))), 100e18, "the first still priced");
    }

    function test_setSources_onlyOwner() public {
        IPriceSource[] memory s = _scripted(_list(100e18, 101e18));
        vm.prank(STRANGER);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, STRANGER));
        router.setSources(ASSET, s, 2, DEV);
    }

    function test_removeAsset_onlyOwner() public {
        _configure(_list(100e18, 101e18), 2, DEV);
        vm.prank(STRANGER);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, STRANGER));
        router.removeAsset(ASSET);
    }

    function test_ownership_isTwoStep() public {
        router.transferOwnership(STRANGER);
        vm.assertEq(router.owner(), address(this), "unchanged until accepted");
        vm.prank(STRANGER);
        router.acceptOwnership();
        vm.assertEq(router.owner(), STRANGER, "accepted");
    }

    function test_config_zeroAsset() public {
        IPriceSource[] memory s = _scripted(_list(100e18, 101e18));
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.ZeroAsset.selector));
        router.setSources(address(0), s, 2, DEV);
    }

    function test_config_tooFewSources() public {
        IPriceSource[] memory s = new IPriceSource[](1);
        s[0] = new ScriptedPriceSource(ASSET, 1e18);
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.SourceCountOutOfRange.selector, ASSET, 1, 2, 8));
        router.setSources(ASSET, s, 1, DEV);
    }

    function test_config_tooManySources() public {
        uint256[] memory p = new uint256[](9);
        for (uint256 i; i < 9; ++i) {
            p[i] = 1e18;
        }
        IPriceSource[] memory s = _scripted(p);
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.SourceCountOutOfRange.selector, ASSET, 9, 2, 8));
        router.setSources(ASSET, s, 2, DEV);
    }

    function test_config_quorumZero() public {
        IPriceSource[] memory s = _scripted(_list(100e18, 101e18));
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.QuorumOutOfRange.selector, ASSET, 0, 2));
        router.setSources(ASSET, s, 0, DEV);
    }

    function test_config_quorumAboveSourceCount() public {
        IPriceSource[] memory s = _scripted(_list(100e18, 101e18));
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.QuorumOutOfRange.selector, ASSET, 3, 2));
        router.setSources(ASSET, s, 3, DEV);
    }

    function test_config_deviationZero() public {
        IPriceSource[] memory s = _scripted(_list(100e18, 101e18));
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.DeviationOutOfRange.selector, ASSET, 0, 0.5e18));
        router.setSources(ASSET, s, 2, 0);
    }

    function test_config_deviationAboveMax() public {
        IPriceSource[] memory s = _scripted(_list(100e18, 101e18));
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.DeviationOutOfRange.selector, ASSET, 0.5e18 + 1, 0.5e18));
        router.setSources(ASSET, s, 2, 0.5e18 + 1);
    }

    function test_config_zeroSource() public {
        IPriceSource[] memory s = _scripted(_list(100e18, 101e18));
        s[1] = IPriceSource(address(0));
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.ZeroSource.selector, ASSET, 1));
        router.setSources(ASSET, s, 2, DEV);
    }

    function test_config_sourceWithoutCode() public {
        IPriceSource[] memory s = _scripted(_list(100e18, 101e18));
        s[0] = IPriceSource(STRANGER);
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.SourceHasNoCode.selector, ASSET, STRANGER));
        router.setSources(ASSET, s, 2, DEV);
    }

    function test_config_sourceForWrongAsset() public {
        IPriceSource[] memory s = _scripted(_list(100e18, 101e18));
        ScriptedPriceSource wrong = new ScriptedPriceSource(OTHER, 1e18);
        s[1] = wrong;
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.SourceForWrongAsset.selector, ASSET, address(wrong), OTHER));
        router.setSources(ASSET, s, 2, DEV);
    }

    function test_config_duplicateSource() public {
        IPriceSource[] memory s = _scripted(_list(100e18, 101e18, 102e18));
        s[2] = s[0];
        vm.expectRevert(abi.encodeWithSelector(PriceRouter.DuplicateSource.selector, ASSET, address(s[0])));
        router.setSources(ASSET, s, 2, DEV);
    }

    // ---- fuzz ----

    /// @dev With sources knocked out at random, the price (when there is one) is a median of the healthy prices:
    ///      inside [min, max] and with at most half of them strictly on either side.
    function testFuzz_medianOfHealthyPrices(uint256 seed, uint256 count, uint256 downMask) public {
        count = bound(count, 2, 8);
        uint256[] memory prices = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            prices[i] = bound(uint256(keccak256(abi.encode(seed, i))), 1e18, 1.5e18); // spread <= 50%
        }
        IPriceSource[] memory s = _configure(prices, 1, 0.5e18);
        uint256 healthy;
        uint256 lo = type(uint256).max;
        uint256 hi;
        for (uint256 i; i < count; ++i) {
            if ((downMask >> i) & 1 == 1) {
                _break(s[i], ScriptedPriceSource.Mode.RevertCustom);
                prices[i] = 0; // mark
                continue;
            }
            ++healthy;
            if (prices[i] < lo) lo = prices[i];
            if (prices[i] > hi) hi = prices[i];
        }
        if (healthy == 0) {
            vm.expectRevert(abi.encodeWithSelector(PriceRouter.QuorumNotMet.selector, ASSET, 0, 1));
            router.getPrice(ASSET);
            return;
        }
        uint256 m = router.getPrice(ASSET);
        vm.assertGe(m, lo, "median >= min healthy");
        vm.assertLe(m, hi, "median <= max healthy");
        (uint256 below, uint256 above) = _countAround(prices, m);
        vm.assertLe(below, healthy / 2, "at most half below");
        vm.assertLe(above, healthy / 2, "at most half above");
    }

    function _countAround(uint256[] memory prices, uint256 m) internal pure returns (uint256 below, uint256 above) {
        for (uint256 i; i < prices.length; ++i) {
            if (prices[i] == 0) continue;
            if (prices[i] < m) ++below;
            if (prices[i] > m) ++above;
        }
    }

    /// @dev Reverts with SourcesDisagree exactly when (max - min) / min > maxDeviation (exact integer comparison).
    function testFuzz_disagreementIffSpreadAboveBound(uint256 a, uint256 b, uint256 dev) public {
        a = bound(a, 1, 2 ** 96);
        b = bound(b, 1, 2 ** 96);
        dev = bound(dev, 1, 0.5e18);
        _configure(_list(a, b), 2, dev);
        (uint256 lo, uint256 hi) = a < b ? (a, b) : (b, a);
        if ((hi - lo) * 1e18 > dev * lo) {
            vm.expectRevert(abi.encodeWithSelector(PriceRouter.SourcesDisagree.selector, ASSET, lo, hi, dev));
            router.getPrice(ASSET);
        } else {
            vm.assertEq(router.getPrice(ASSET), a, "the primary of the two");
        }
    }
}
