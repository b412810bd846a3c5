// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "../utils/Test.sol";
import {ScriptedPriceSource} from "./ScriptedPriceSource.sol";
import {PriceRouter} from "../../src/oracle/PriceRouter.sol";
import {IPriceSource} from "../../src/interfaces/IPriceSource.sol";
import {Median} from "../../src/libraries/Median.sol";
import {OracleMath} from "../../src/libraries/OracleMath.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @notice The router's verdict (price or revert data) equals the generic rule, computed here the way the router
///         once did: sort the healthy prices (Median.sortAscending), bound (last - first) / first by maxDeviation
///         (OracleMath.relativeSpreadUp), then the median (Median.medianOfSortedDown) of three or more, else the
///         primary (the first healthy feed, else the first healthy source). The router keeps the lowest and highest
///         while reading and sorts only for a median, and getPrices looks for each asset's entry from the previous
///         one's: both must change no price and no revert, for 1..8 healthy prices of 2..8 sources, any quorum,
///         bound, mix of feeds and TWAPs, and any order (and repeats) of assets.
contract PriceRouterVerdictTest is Test {
    uint256 internal constant NOW = 1_700_000_000;
    uint256 internal constant ASSETS = 4;

    /// @dev What the test configured for one asset, and which sources it left healthy.
    struct Case {
        address asset;
        uint256[] prices;
        bool[] healthy;
        uint256 twapMask;
        uint8 quorum;
        uint256 maxDeviation;
    }

    /// @dev Outcomes of the generic rule, counted by test_verdict_reachesEveryOutcome.
    enum Outcome {
        Primary,
        Median,
        QuorumNotMet,
        SourcesDisagree
    }

    PriceRouter internal router;

    function setUp() public {
        vm.warp(NOW);
        router = new PriceRouter(address(this));
    }

    function testFuzz_verdictMatchesGenericRule(uint256 seed) public {
        _check(seed);
    }

    /// @dev The fuzz test above reaches every branch of the rule (a served primary of one or two, a median of three or
    ///      more, too few healthy, too wide a spread), so it cannot pass by exercising one of them only.
    function test_verdict_reachesEveryOutcome() public {
        uint256[4] memory seen;
        for (uint256 s; s < 24; ++s) {
            Outcome[] memory outcomes = _check(uint256(keccak256(abi.encode("outcomes", s))));
            for (uint256 i; i < outcomes.length; ++i) {
                ++seen[uint256(outcomes[i])];
            }
        }
        vm.assertGt(seen[uint256(Outcome.Primary)], 0, "a primary of one or two served");
        vm.assertGt(seen[uint256(Outcome.Median)], 0, "a median of three or more served");
        vm.assertGt(seen[uint256(Outcome.QuorumNotMet)], 0, "quorum not met");
        vm.assertGt(seen[uint256(Outcome.SourcesDisagree)], 0, "sources disagree");
    }

    /// @dev Configures ASSETS assets from `seed` (on a fresh router), then compares getPrice of each and getPrices of a
    ///      random list of them with the generic rule; returns each asset's outcome.
    function _check(uint256 seed) internal returns (Outcome[] memory outcomes) {
        router = new PriceRouter(address(this));
        Case[] memory cases = new Case[](ASSETS);
        bytes[] memory errors = new bytes[](ASSETS);
        uint256[] memory expected = new uint256[](ASSETS);
        outcomes = new Outcome[](ASSETS);
        for (uint256 a; a < ASSETS; ++a) {
            cases[a] = _configure(seed, a);
            (outcomes[a], expected[a], errors[a]) = _generic(cases[a]);
        }
        for (uint256 a; a < ASSETS; ++a) {
            try router.getPrice(cases[a].asset) returns (uint256 price) {
                vm.assertEq(errors[a].length, 0, "getPrice served where the rule fails");
                vm.assertEq(price, expected[a], "getPrice: the rule's price");
            } catch (bytes memory err) {
                vm.assertEq(err, errors[a], "getPrice: the rule's revert");
            }
        }
        // getPrices over 1..8 assets in a random order, repeats allowed
        uint256 r = _rand(seed, 99, 0);
        address[] memory list = new address[](1 + r % 8);
        bytes memory firstError;
        uint256[] memory want = new uint256[](list.length);
        for (uint256 i; i < list.length; ++i) {
            uint256 a = (r >> (8 + 3 * i)) % ASSETS;
            list[i] = cases[a].asset;
            want[i] = expected[a];
            if (firstError.length == 0) firstError = errors[a];
        }
        try router.getPrices(list) returns (uint256[] memory prices) {
            vm.assertEq(firstError.length, 0, "getPrices served where the rule fails");
            vm.assertEq(prices.length, want.length, "getPrices: one price per asset");
            for (uint256 i; i < want.length; ++i) {
                vm.assertEq(prices[i], want[i], "getPrices: the rule's prices");
            }
        } catch (bytes memory err) {
            vm.assertEq(err, firstError, "getPrices: the first failing asset's revert");
        }
    }

    /// @dev Asset `a` of `seed`: 2..8 scripted sources (some TWAPs) around one base price of 1..2^230 wei, spread up to
    ///      60%, about one in four unhealthy (reverting, zero price or a future time), a valid random quorum and bound.
    function _configure(uint256 seed, uint256 a) internal returns (Case memory c) {
        c.asset = address(uint160(0xA55E7000 + a));
        uint256 n = 2 + _rand(seed, a, 0) % 7;
        c.twapMask = _rand(seed, a, 1) % 4 == 0 ? _rand(seed, a, 2) & ((1 << n) - 1) : 0;
        uint256 minQuorum = c.twapMask == 0 ? 1 : 2;
        // casting to 'uint8' is safe because the quorum is at most n <= 8
        // forge-lint: disable-next-line(unsafe-typecast)
        c.quorum = uint8(minQuorum + _rand(seed, a, 3) % (n + 1 - minQuorum));
        c.maxDeviation = _rand(seed, a, 4) % 2 == 0 ? 1 + _rand(seed, a, 5) % 0.5e18 : 0.05e18;
        // up to 2^230 wei, so that some spreads take the router's 512-bit path ((max - min) * 1e18 >= 2^256)
        uint256 base = 1 + _rand(seed, a, 6) % (1 << (1 + _rand(seed, a, 7) % 230));
        uint256 spread = _rand(seed, a, 8) % 4 == 0 ? 0.6e18 : _rand(seed, a, 9) % 0.08e18;
        c.prices = new uint256[](n);
        c.healthy = new bool[](n);
        IPriceSource[] memory sources = new IPriceSource[](n);
        for (uint256 i; i < n; ++i) {
            uint256 r = _rand(seed, a, 10 + i);
            c.prices[i] = base + (r >> 8) % (Math.mulDiv(base, spread, 1e18) + 1);
            ScriptedPriceSource s = new ScriptedPriceSource(c.asset, c.prices[i]);
            if ((c.twapMask >> i) & 1 == 1) s.setIdentity(IPriceSource.Kind.TWAP, address(s));
            sources[i] = s;
            c.healthy[i] = r % 4 != 0;
            if (c.healthy[i]) continue;
            if (r % 3 == 0) s.setMode(ScriptedPriceSource.Mode.RevertCustom);
            else if (r % 3 == 1) s.set(0, NOW);
            else s.set(c.prices[i], NOW + 1);
        }
        router.setSources(c.asset, sources, c.quorum, c.maxDeviation);
    }

    /// @dev The generic rule over `c`'s healthy prices: the verdict's outcome, its price (when served) or revert data.
    function _generic(Case memory c) internal pure returns (Outcome outcome, uint256 price, bytes memory err) {
        (uint256[] memory sorted, uint256 primary) = _healthy(c);
        uint256 healthy = sorted.length;
        if (healthy < c.quorum) {
            err = abi.encodeWithSelector(PriceRouter.QuorumNotMet.selector, c.asset, healthy, c.quorum);
            return (Outcome.QuorumNotMet, 0, err);
        }
        Median.sortAscending(sorted);
        (uint256 lo, uint256 hi) = (sorted[0], sorted[healthy - 1]);
        if (OracleMath.relativeSpreadUp(lo, hi) > c.maxDeviation) {
            err = abi.encodeWithSelector(PriceRouter.SourcesDisagree.selector, c.asset, lo, hi, c.maxDeviation);
            return (Outcome.SourcesDisagree, 0, err);
        }
        if (healthy < 3) return (Outcome.Primary, primary, "");
        return (Outcome.Median, Median.medianOfSortedDown(sorted), "");
    }

    /// @dev `c`'s healthy prices in configuration order, and the primary's: the first healthy feed, else the first
    ///      healthy source.
    function _healthy(Case memory c) internal pure returns (uint256[] memory prices, uint256 primary) {
        uint256 n = c.prices.length;
        prices = new uint256[](n);
        uint256 healthy;
        bool primaryIsFeed;
        for (uint256 i; i < n; ++i) {
            if (!c.healthy[i]) continue;
            prices[healthy++] = c.prices[i];
            bool isFeed = (c.twapMask >> i) & 1 == 0;
            if (primary == 0 || (isFeed && !primaryIsFeed)) (primary, primaryIsFeed) = (c.prices[i], isFeed);
        }
        assembly ("memory-safe") {
            mstore(prices, healthy)
        }
    }

    function _rand(uint256 seed, uint256 a, uint256 field) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode(seed, a, field)));
    }
}
