// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {PoolFixture} from "./PoolFixture.sol";
import {WeightedPool} from "../../src/pool/WeightedPool.sol";
import {IPoolOracle} from "../../src/interfaces/IPoolOracle.sol";
import {IWeightedPoolErrors} from "../../src/pool/IWeightedPoolErrors.sol";
import {Oracle} from "../../src/libraries/Oracle.sol";
import {LogExpMath} from "../../src/libraries/LogExpMath.sol";
import {VaultConfig} from "../../src/vault/VaultConfig.sol";
import {PoolTwapAdapter} from "../../src/oracle/PoolTwapAdapter.sol";
import {IPriceSource} from "../../src/interfaces/IPriceSource.sol";

/// @notice The pool's TWAP oracle: coverage, same-block manipulation resistance, time weighting, interpolation
///         between observations, ring growth and wrap-around, N-token pools. Expected values are geometric means of
///         the spot prices the pool quoted in each segment (recomputed here from getSpotPrice, not hard-coded).
contract WeightedPoolOracleTest is PoolFixture {
    WeightedPool internal pool;
    address internal a; // token 0, the quote token
    address internal b;
    uint256 internal constant T0 = 1_700_000_000;

    function setUp() public {
        vm.warp(T0);
        IERC20[] memory tokens = _tokens(_d2(18, 6));
        (a, b) = (_addr(tokens[0]), _addr(tokens[1]));
        pool = _pool(tokens, _equalWeights(2), FEE);
        _init(pool, _u2(1_000e18, 3_000_000e6));
        _fund(pool, address(this), _u2(10_000e18, 30_000_000e6));
    }

    // ------------------------------------------------------------------ coverage

    function test_constantPrice_twapEqualsSpot() public {
        vm.warp(T0 + 100);
        vm.assertEq(pool.oldestObservationAge(), 100, "age");
        uint256 spot = pool.getSpotPrice(b, a);
        // 2-token pools keep log prices at 1e-12 resolution: TWAPs match spot to ~1e-12 relative
        vm.assertApproxEqRel(pool.getTwap(b, 100), spot, 1e6, "twap b");
        vm.assertApproxEqRel(pool.getTwap(b, 1), spot, 1e6, "1 s window");
        vm.assertEq(pool.getTwap(a, 100), 1e18, "token 0 is the unit");
    }

    function test_windowBeyondHistory_reverts() public {
        vm.warp(T0 + 100);
        vm.expectRevert(abi.encodeWithSelector(Oracle.OracleWindowNotCovered.selector, uint32(101), uint32(100)));
        pool.getTwap(b, 101);
        vm.expectRevert(abi.encodeWithSelector(Oracle.OracleWindowNotCovered.selector, uint32(101), uint32(100)));
        pool.getTwap(a, 101); // token 0 is checked too
        vm.expectRevert(IWeightedPoolErrors.ZeroWindow.selector);
        pool.getTwap(b, 0);
        vm.expectRevert(abi.encodeWithSelector(IWeightedPoolErrors.UnknownToken.selector, address(this)));
        pool.getTwap(address(this), 10);
    }

    function test_ringOfOne_coversOnlySinceLastChange() public {
        vm.warp(T0 + 100);
        pool.swapExactIn(a, b, 1e18, 0, address(this), FAR);
        vm.warp(T0 + 130);
        vm.assertEq(pool.oldestObservationAge(), 30, "only since the last observation");
        pool.getTwap(b, 30);
        vm.expectRevert(abi.encodeWithSelector(Oracle.OracleWindowNotCovered.selector, uint32(31), uint32(30)));
        pool.getTwap(b, 31);
    }

    // ------------------------------------------------------------------ manipulation resistance

    function test_sameBlockSwap_doesNotMoveTwap() public {
        pool.increaseObservationCardinality(8);
        vm.warp(T0 + 600);
        uint256 twapBefore = pool.getTwap(b, 600);
        uint256 spotBefore = pool.getSpotPrice(b, a);
        pool.swapExactIn(a, b, 250e18, 0, address(this), FAR); // +25% A: B's price in A up ~1.56x
        vm.assertGt(pool.getSpotPrice(b, a), spotBefore * 3 / 2, "spot moved a lot");
        vm.assertEq(pool.getTwap(b, 600), twapBefore, "same block: twap unchanged");
        vm.assertEq(pool.getTwap(b, 1), twapBefore, "even a 1 s window");
        // and pushed back within the same block: the excursion never counts
        uint256 bBal = IERC20(b).balanceOf(address(this));
        pool.swapExactOut(b, a, 249e18, type(uint256).max, address(this), FAR);
        vm.assertLt(IERC20(b).balanceOf(address(this)), bBal, "paid back");
        vm.warp(T0 + 612);
        uint256 spotNow = pool.getSpotPrice(b, a);
        uint256 expected = _geo2(spotBefore, 600, spotNow, 12);
        vm.assertApproxEqRel(pool.getTwap(b, 612), expected, 1e6, "only the settled price counts");
    }

    function test_heldForKofN_movesByKOverNOfTheLogMove() public {
        pool.increaseObservationCardinality(4);
        uint32 n = 1_000;
        uint32 k = 250;
        vm.warp(T0 + n - k);
        uint256 p1 = pool.getSpotPrice(b, a);
        pool.swapExactIn(a, b, 200e18, 0, address(this), FAR);
        uint256 p2 = pool.getSpotPrice(b, a);
        vm.warp(T0 + n);
        uint256 twap = pool.getTwap(b, n);
        int256 lnMove = LogExpMath.lnWad(int256(twap)) - LogExpMath.lnWad(int256(p1));
        int256 fullMove = LogExpMath.lnWad(int256(p2)) - LogExpMath.lnWad(int256(p1));
        // k/N of the log move
        vm.assertApproxEqAbs(uint256(lnMove), uint256(fullMove) * k / n, 1e6, "k/N of ln move");
        vm.assertApproxEqRel(twap, _geo2(p1, n - k, p2, k), 1e6, "geometric mean");
    }

    function testFuzz_heldForKofN(uint256 amountIn, uint32 n, uint32 k, bool buyB) public {
        pool.increaseObservationCardinality(2);
        n = uint32(bound(n, 2, 30 days));
        k = uint32(bound(k, 1, n - 1));
        amountIn = bound(amountIn, 1e15, 290e18);
        vm.warp(T0 + n - k);
        uint256 p1 = pool.getSpotPrice(b, a);
        if (buyB) pool.swapExactIn(a, b, amountIn, 0, address(this), FAR);
        else pool.swapExactIn(b, a, amountIn * 3_000 / 1e12, 0, address(this), FAR);
        uint256 p2 = pool.getSpotPrice(b, a);
        vm.warp(T0 + n);
        vm.assertApproxEqRel(pool.getTwap(b, n), _geo2(p1, n - k, p2, k), 1e6, "geometric mean");
        vm.assertApproxEqRel(pool.getTwap(b, k), p2, 1e6, "window inside the last segment");
    }

    function test_multipleSwapsInOneBlock_writeOneObservation() public {
        pool.increaseObservationCardinality(4);
        vm.warp(T0 + 12);
        pool.swapExactIn(a, b, 1e18, 0, address(this), FAR);
        (uint256 index1, uint256 len1,, uint32 t1) = pool.observationState();
        pool.swapExactIn(b, a, 1_000e6, 0, address(this), FAR);
        pool.joinPool(1e18, _fill(2, type(uint256).max), address(this), FAR);
        (uint256 index2, uint256 len2,, uint32 t2) = pool.observationState();
        vm.assertEq(index2, index1, "same index");
        vm.assertEq(len2, len1, "same length");
        vm.assertEq(t2, t1, "same time");
        vm.warp(T0 + 24);
        pool.exitPool(1e18, _u2(0, 0), address(this), FAR);
        (uint256 index3, uint256 len3,, uint32 t3) = pool.observationState();
        vm.assertEq(index3, index1 + 1, "next index");
        vm.assertEq(len3, len1 + 1, "ring grew into a placeholder");
        vm.assertEq(t3, uint32(T0 + 24), "time");
    }

    // ------------------------------------------------------------------ interpolation and the ring

    function test_interpolatesAcrossManySegments() public {
        pool.increaseObservationCardinality(16);
        uint256[] memory prices = new uint256[](6);
        uint256[] memory durations = new uint256[](6);
        uint256 t = T0;
        for (uint256 i; i < 6; ++i) {
            prices[i] = pool.getSpotPrice(b, a);
            durations[i] = 7 + i * 13;
            t += durations[i];
            vm.warp(t);
            if (i % 2 == 0) pool.swapExactIn(a, b, 50e18 + i * 1e18, 0, address(this), FAR);
            else pool.swapExactIn(b, a, 120_000e6, 0, address(this), FAR);
        }
        // windows ending now and starting inside each segment (and on boundaries)
        uint256 total = t - T0;
        for (uint32 w = 1; w <= total; w += 9) {
            uint256 expected = _geoSegments(prices, durations, pool.getSpotPrice(b, a), 0, w);
            vm.assertApproxEqRel(pool.getTwap(b, w), expected, 1e6, string.concat("window ", vm.toString(w)));
        }
    }

    function test_ringWrapsAround() public {
        pool.increaseObservationCardinality(3);
        (,, uint256 capacity,) = pool.observationState();
        vm.assertEq(capacity, 3, "capacity");
        for (uint256 i = 1; i <= 5; ++i) {
            vm.warp(T0 + i * 100);
            pool.swapExactIn(a, b, 1e18, 0, address(this), FAR);
        }
        (uint256 index, uint256 len,,) = pool.observationState();
        vm.assertEq(len, 3, "full ring");
        vm.assertEq(index, 5 % 3, "index wrapped");
        vm.warp(T0 + 550);
        // observations at +300, +400, +500 remain
        vm.assertEq(pool.oldestObservationAge(), 250, "oldest");
        pool.getTwap(b, 250);
        vm.expectRevert(abi.encodeWithSelector(Oracle.OracleWindowNotCovered.selector, uint32(251), uint32(250)));
        pool.getTwap(b, 251);
    }

    function test_growWhileWrapped_keepsOrder() public {
        pool.increaseObservationCardinality(3);
        for (uint256 i = 1; i <= 4; ++i) {
            vm.warp(T0 + i * 100);
            pool.swapExactIn(a, b, 1e18, 0, address(this), FAR);
        }
        // slots [+300, +400, +200], newest index 1; grow to 6
        pool.increaseObservationCardinality(6);
        (uint256 index, uint256 len,,) = pool.observationState();
        vm.assertEq(len, 3, "grown slots are placeholders until written");
        vm.warp(T0 + 450);
        vm.assertEq(pool.oldestObservationAge(), 250, "oldest still +200");
        for (uint256 i = 5; i <= 8; ++i) {
            vm.warp(T0 + i * 100);
            pool.swapExactIn(a, b, 1e18, 0, address(this), FAR);
        }
        (uint256 index2, uint256 len2,,) = pool.observationState();
        // +500 overwrote the old oldest (slot 2), then +600..+800 filled slots 3..5
        vm.assertEq(len2, 6, "placeholders consumed in order");
        vm.assertEq(index2, index + 4, "index moved through the new slots");
        vm.warp(T0 + 850);
        vm.assertEq(pool.oldestObservationAge(), 550, "oldest is +300 (slot 0)");
    }

    function test_increaseObservationCardinality_eventAndNoop() public {
        vm.expectEmit(address(pool));
        emit IPoolOracle.ObservationCardinalityIncreased(1, 10);
        pool.increaseObservationCardinality(10);
        pool.increaseObservationCardinality(5); // no-op
        (,, uint256 capacity,) = pool.observationState();
        vm.assertEq(capacity, 10, "capacity kept");
    }

    function test_growBeforeFirstJoin() public {
        WeightedPool p = _pool(_tokens(_d2(18, 18)), _equalWeights(2), FEE);
        p.increaseObservationCardinality(3);
        _init(p, _u2(100e18, 100e18));
        address t0 = address(p.getTokens()[0]);
        address t1 = address(p.getTokens()[1]);
        _mintAndApprove(p, t0, address(this), 10e18);
        // one write per bucket (closer writes would share a bucket's two observations)
        for (uint256 i = 1; i <= 4; ++i) {
            vm.warp(T0 + i * Oracle.BUCKET);
            p.swapExactIn(t0, t1, 1e18, 0, address(this), FAR);
        }
        (uint256 index, uint256 len,,) = p.observationState();
        vm.assertEq(len, 3, "three");
        vm.assertEq(index, 1, "wrapped once");
        vm.assertEq(p.oldestObservationAge(), 2 * Oracle.BUCKET, "oldest at +2 buckets");
    }

    // ------------------------------------------------------------------ pairs and N tokens

    function test_twapPair_isRatioOfTwaps() public {
        pool.increaseObservationCardinality(4);
        vm.warp(T0 + 50);
        pool.swapExactIn(a, b, 100e18, 0, address(this), FAR);
        vm.warp(T0 + 80);
        uint256 tb = pool.getTwap(b, 80);
        vm.assertEq(pool.getTwapPair(b, a, 80), tb, "pair with token 0");
        vm.assertApproxEqRel(pool.getTwapPair(a, b, 80), 1e36 / tb, 1e6, "inverse");
    }

    function test_threeTokenPool_bothCumulativesOfOneWord() public {
        IERC20[] memory t = _tokens(_d3(18, 6, 8));
        WeightedPool p = _pool(t, _u3(0.5e18, 0.3e18, 0.2e18), FEE);
        uint256[] memory amounts = _u3(1_000e18, 600_000e6, 10e8);
        _init(p, amounts);
        _fund(p, address(this), amounts);
        p.increaseObservationCardinality(4);
        uint256 p1 = p.getSpotPrice(address(t[1]), address(t[0]));
        uint256 p2 = p.getSpotPrice(address(t[2]), address(t[0]));
        vm.warp(T0 + 300);
        p.swapExactIn(address(t[1]), address(t[2]), 100_000e6, 0, address(this), FAR);
        uint256 q1 = p.getSpotPrice(address(t[1]), address(t[0]));
        uint256 q2 = p.getSpotPrice(address(t[2]), address(t[0]));
        vm.assertLt(q1, p1, "token 1 cheaper");
        vm.assertGt(q2, p2, "token 2 dearer");
        vm.warp(T0 + 400);
        vm.assertApproxEqRel(p.getTwap(address(t[1]), 400), _geo2(p1, 300, q1, 100), 1e6, "token 1 (low half)");
        vm.assertApproxEqRel(p.getTwap(address(t[2]), 400), _geo2(p2, 300, q2, 100), 1e6, "token 2 (high half)");
        vm.assertApproxEqRel(p.getTwap(address(t[2]), 250), _geo2(p2, 150, q2, 100), 1e6, "interpolated start");
    }

    function test_eightTokenPool_allPrices() public {
        uint8[] memory d = new uint8[](8);
        for (uint256 i; i < 8; ++i) {
            d[i] = uint8(i % 3 == 0 ? 18 : i % 3 == 1 ? 6 : 8);
        }
        IERC20[] memory t = _tokens(d);
        WeightedPool p = _pool(t, _equalWeights(8), FEE);
        uint256[] memory amounts = new uint256[](8);
        for (uint256 i; i < 8; ++i) {
            amounts[i] = (1_000 + i * 100) * 10 ** d[i];
        }
        _init(p, amounts);
        _fund(p, address(this), amounts);
        p.increaseObservationCardinality(4);
        uint256[] memory before = new uint256[](8);
        for (uint256 i = 1; i < 8; ++i) {
            before[i] = p.getSpotPrice(address(t[i]), address(t[0]));
        }
        vm.warp(T0 + 300);
        // move prices of tokens 3 and 7 (7 lives in the observation's last word)
        p.swapExactIn(address(t[3]), address(t[7]), amounts[3] / 5, 0, address(this), FAR);
        vm.warp(T0 + 400);
        for (uint256 i = 1; i < 8; ++i) {
            uint256 spotNow = p.getSpotPrice(address(t[i]), address(t[0]));
            uint256 expected = _geo2(before[i], 300, spotNow, 100);
            vm.assertApproxEqRel(p.getTwap(address(t[i]), 400), expected, 1e6, string.concat("token ", vm.toString(i)));
        }
        uint256 pair = p.getTwapPair(address(t[7]), address(t[3]), 400);
        uint256 ratio = p.getTwap(address(t[7]), 400) * 1e18 / p.getTwap(address(t[3]), 400);
        vm.assertApproxEqRel(pair, ratio, 1e6, "pair of non-zero tokens");
    }

    /// @dev getTwaps(list, w)[i] == getTwap(list[i], w) bit for bit, or getTwaps reverts with the revert data of the
    ///      first getTwap in list order that reverts: 2, 3, 7 and 8 tokens, trades at random times moving random
    ///      tokens (busy, sparse, wrapped rings of random capacity), windows inside, at the edge of and beyond the
    ///      history, lists with token 0, repeats and (sometimes) a foreign token.
    function testFuzz_getTwapsMatchesGetTwap(uint256 seed, uint8 sizeCase, uint16 capacity, uint32 window) public {
        uint256 n = [uint256(2), 3, 7, 8][sizeCase % 4];
        (WeightedPool p, IERC20[] memory t, uint256 end) = _tradedPool(seed, n, uint16(bound(capacity, 1, 24)));
        window = uint32(bound(window, 0, end + 400 - T0));
        uint256 m = 1 + uint256(keccak256(abi.encode(seed, "m"))) % (n + 2);
        address[] memory list = new address[](m);
        for (uint256 j; j < m; ++j) {
            uint256 r = uint256(keccak256(abi.encode(seed, "pick", j)));
            list[j] = r % 17 == 0 ? address(0xF0E1) : address(t[r % n]);
        }
        _assertGetTwapsMatches(p, list, window);
    }

    /// @dev An n-token pool with a ring of `capacity` slots after up to 30 swaps of random tokens at random times.
    function _tradedPool(uint256 seed, uint256 n, uint16 capacity)
        private
        returns (WeightedPool p, IERC20[] memory t, uint256 end)
    {
        uint8[] memory d = new uint8[](n);
        uint256[] memory amounts = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            d[i] = uint8(i % 3 == 0 ? 18 : i % 3 == 1 ? 6 : 8);
            amounts[i] = (1_000 + i * 100) * 10 ** d[i];
        }
        t = _tokens(d);
        p = _pool(t, _equalWeights(n), FEE);
        _init(p, amounts);
        _fund(p, address(this), amounts);
        p.increaseObservationCardinality(capacity);
        end = T0;
        uint256 trades = uint256(keccak256(abi.encode(seed, "trades"))) % 30;
        for (uint256 j; j < trades; ++j) {
            uint256 r = uint256(keccak256(abi.encode(seed, j)));
            end += r % 3 == 0 ? 1 + r % 20 : 1 + r % 400;
            vm.warp(end);
            uint256 i = (r >> 8) % n;
            uint256 o = (i + 1 + (r >> 16) % (n - 1)) % n;
            p.swapExactIn(address(t[i]), address(t[o]), amounts[i] / (20 + (r >> 24) % 200), 0, address(this), FAR);
        }
        end += uint256(keccak256(abi.encode(seed, "end"))) % 300;
        vm.warp(end);
    }

    function _assertGetTwapsMatches(WeightedPool p, address[] memory list, uint32 window) private view {
        uint256 m = list.length;
        bytes memory firstFailure;
        uint256[] memory expected = new uint256[](m);
        for (uint256 j; j < m; ++j) {
            (bool ok, bytes memory ret) = address(p).staticcall(abi.encodeCall(IPoolOracle.getTwap, (list[j], window)));
            if (!ok) {
                firstFailure = ret;
                break;
            }
            expected[j] = abi.decode(ret, (uint256));
        }
        (bool okAll, bytes memory all) = address(p).staticcall(abi.encodeCall(IPoolOracle.getTwaps, (list, window)));
        if (firstFailure.length != 0) {
            vm.assertFalse(okAll, "getTwaps fails when a getTwap fails");
            vm.assertEq(all, firstFailure, "with the first failure's error");
            return;
        }
        vm.assertTrue(okAll, "getTwaps succeeds when every getTwap does");
        uint256[] memory prices = abi.decode(all, (uint256[]));
        vm.assertEq(prices.length, m, "one price a token");
        for (uint256 j; j < m; ++j) {
            vm.assertEq(prices[j], expected[j], "getTwaps[j] == getTwap(list[j]) bit for bit");
        }
    }

    // ------------------------------------------------------------------ buckets: history trade frequency cannot exhaust

    /// @dev The review's attack: one dust swap in every block. With 2 s blocks for ten 30-minute windows, a ring sized
    ///      by guaranteedWindow() (124 slots) must still answer every 30-minute TWAP, and answer it right: the
    ///      reference is the exact time-weighted mean of the spot prices the pool quoted, second by second. Real
    ///      price moves land every 150 s (at a bucket's first write, so the dust between them sets the only
    ///      intra-bucket range); the assertion allows the documented bound, BUCKET / window of the log-price range
    ///      inside one bucket, measured here (dust: ~1e-9), plus 1e-12.
    function test_dustSwapEveryBlock_tenWindows_twapAvailableAndExact() public {
        uint32 window = 30 minutes;
        uint16 capacity = uint16(2 * (window / Oracle.BUCKET + 2));
        pool.increaseObservationCardinality(capacity);
        vm.assertGe(pool.guaranteedWindow(), window, "sized for the window");
        uint256 start = T0 + Oracle.BUCKET - (T0 % Oracle.BUCKET); // a bucket boundary
        uint256 blocks = 10 * window / 2;
        int256[] memory lnAt = new int256[](blocks * 2 + 1); // ln spot in force during each second after start
        vm.warp(start);
        int256 maxDustStep;
        for (uint256 i; i < blocks; ++i) {
            uint256 t = start + 2 * i;
            vm.warp(t);
            int256 before = LogExpMath.lnWad(int256(pool.getSpotPrice(b, a)));
            if (i % 75 == 0) {
                // a real move each 150 s, alternating up and down
                if ((i / 75) % 2 == 0) pool.swapExactIn(a, b, 20e18, 0, address(this), FAR);
                else pool.swapExactIn(b, a, 60_000e6, 0, address(this), FAR);
            } else {
                if (i % 2 == 0) pool.swapExactIn(a, b, 1e9, 0, address(this), FAR); // dust
                else pool.swapExactIn(b, a, 3, 0, address(this), FAR);
                int256 step = LogExpMath.lnWad(int256(pool.getSpotPrice(b, a))) - before;
                if (step < 0) step = -step;
                if (step > maxDustStep) maxDustStep = step;
            }
            int256 ln = LogExpMath.lnWad(int256(pool.getSpotPrice(b, a)));
            lnAt[2 * i] = ln;
            lnAt[2 * i + 1] = ln;
            if (i > window / 2 && i % 97 == 0) {
                vm.warp(t + 1);
                _assertTwapMatches(lnAt, 2 * i + 1, window, maxDustStep);
            }
        }
        vm.warp(start + 2 * blocks);
        vm.assertGe(pool.oldestObservationAge(), window, "history still covers the window");
        _assertTwapMatches(lnAt, 2 * blocks, window, maxDustStep);
    }

    /// @dev The exact mean of ln spot over the `window` seconds before `end` seconds after the start, against the
    ///      pool's TWAP. In a bucket the price moves at most 15 dust steps (one per 2 s block).
    function _assertTwapMatches(int256[] memory lnAt, uint256 end, uint32 window, int256 maxDustStep) private view {
        int256 sum;
        for (uint256 s = end - window; s < end; ++s) {
            sum += lnAt[s];
        }
        int256 exact = sum / int256(uint256(window));
        int256 got = LogExpMath.lnWad(int256(pool.getTwap(b, window)));
        int256 bound = maxDustStep * 15 * int256(uint256(Oracle.BUCKET)) / int256(uint256(window)) + 1e6 + 1;
        int256 diff = got > exact ? got - exact : exact - got;
        vm.assertLe(diff, bound, string.concat("twap off at second ", vm.toString(end)));
    }

    /// @dev Writes in one bucket: the first and second append, later ones carry the second on in place.
    function test_bucket_keepsTwoObservationsPerBucket() public {
        pool.increaseObservationCardinality(8);
        uint256 start = T0 + Oracle.BUCKET - (T0 % Oracle.BUCKET);
        for (uint256 i; i < 5; ++i) {
            vm.warp(start + 1 + 4 * i); // all inside one bucket
            pool.swapExactIn(a, b, 1e18, 0, address(this), FAR);
        }
        (uint256 index, uint256 len,, uint32 t) = pool.observationState();
        vm.assertEq(len, 3, "init + first + second of the bucket");
        vm.assertEq(index, 2, "newest is the bucket's second");
        vm.assertEq(t, uint32(start + 17), "carried on to the last write");
        vm.warp(start + Oracle.BUCKET);
        pool.swapExactIn(a, b, 1e18, 0, address(this), FAR);
        (uint256 index2, uint256 len2,,) = pool.observationState();
        vm.assertEq(index2, 3, "next bucket appends");
        vm.assertEq(len2, 4, "length");
    }

    /// @dev Inside a bucket with three or more writes the reader interpolates between the bucket's first and the
    ///      carried-on second observation; outside that stretch the TWAP stays exact.
    function test_bucket_interpolationErrorBoundedInsideOneBucket() public {
        pool.increaseObservationCardinality(8);
        uint256 start = T0 - (T0 % Oracle.BUCKET) + 10 * Oracle.BUCKET;
        vm.warp(start);
        uint256 p0 = pool.getSpotPrice(b, a); // since T0
        pool.swapExactIn(a, b, 100e18, 0, address(this), FAR); // bucket's first write (T0's price held until now)
        uint256 p1 = pool.getSpotPrice(b, a);
        vm.warp(start + 10);
        pool.swapExactIn(b, a, 500_000e6, 0, address(this), FAR); // second
        uint256 p2 = pool.getSpotPrice(b, a);
        vm.warp(start + 20);
        pool.swapExactIn(a, b, 50e18, 0, address(this), FAR); // third: carried on in place
        uint256 p3 = pool.getSpotPrice(b, a);
        uint256 end = start + 20 + 600;
        vm.warp(end);
        // a window starting before the bucket: exact
        uint256 w = end - (start - 100);
        uint256 exact = _geoSegments(_u3(p0, p1, p2), _u3(100, 10, 10), p3, 600, w);
        vm.assertApproxEqRel(pool.getTwap(b, uint32(w)), exact, 1e6, "window starting before the bucket");
        // a window starting inside the bucket's interpolated stretch: within BUCKET / window of the range
        w = end - (start + 5);
        exact = _geoSegments(_u3(p0, p1, p2), _u3(100, 10, 10), p3, 600, w);
        uint256 got = pool.getTwap(b, uint32(w));
        int256 range = LogExpMath.lnWad(int256(p1)) - LogExpMath.lnWad(int256(p2));
        if (range < 0) range = -range;
        int256 diff = LogExpMath.lnWad(int256(got)) - LogExpMath.lnWad(int256(exact));
        if (diff < 0) diff = -diff;
        vm.assertLe(diff, range * int256(uint256(Oracle.BUCKET)) / int256(w) + 1e6, "bounded");
        vm.assertGt(uint256(diff), 0, "and really interpolated (not exact), or the test shows nothing");
    }

    /// @dev What BatchRebalancer's TWAP memo relies on (IVenue.twapPrice): a TWAP ending now, over any window a vault
    ///      may use (>= VaultConfig.MIN_TWAP_WINDOW, up to the ring's guarantee), reads the same before and after a
    ///      trade in the same block, in the two cases where a write rewrites history: the third write of a bucket
    ///      (carries the bucket's SECOND observation on in place) and a full ring's wrap (overwrites the oldest). A
    ///      window starting inside the current bucket does move (the reader interpolates across the carried-on
    ///      stretch), so the memo is exact only because every vault window reaches back past the current bucket:
    ///      MIN_TWAP_WINDOW >= BUCKET, pinned here. 2-token (COMPACT ring) and 3-token (group rings) pools.
    function test_sameBlockTrade_vaultWindowsUnmoved_thirdWriteOfABucket_andWrap() public {
        vm.assertGe(VaultConfig.MIN_TWAP_WINDOW, Oracle.BUCKET, "every vault window reaches past the current bucket");
        _checkSameBlockInvariance(pool, b, a, 300_000e6, 100e18);
        IERC20[] memory t = _tokens(_d3(18, 6, 8));
        WeightedPool p3 = _pool(t, _u3(0.5e18, 0.3e18, 0.2e18), FEE);
        _init(p3, _u3(1_000e18, 600_000e6, 10e8));
        _fund(p3, address(this), _u3(10_000e18, 6_000_000e6, 100e8));
        _checkSameBlockInvariance(p3, address(t[1]), address(t[0]), 60_000e6, 100e18);
    }

    function _checkSameBlockInvariance(WeightedPool p, address base, address quote, uint256 baseIn, uint256 quoteIn)
        internal
    {
        p.increaseObservationCardinality(24); // guarantees (12 - 2) buckets: 300 s
        uint32 guaranteed = p.guaranteedWindow();
        vm.assertEq(guaranteed, VaultConfig.MIN_TWAP_WINDOW, "the shortest vault window is guaranteed");
        // two writes per bucket, prices alternating, until the ring has wrapped
        uint256 start = block.timestamp - (block.timestamp % Oracle.BUCKET) + Oracle.BUCKET;
        for (uint256 k; k < 30; ++k) {
            vm.warp(start + 1);
            p.swapExactIn(base, quote, baseIn, 0, address(this), FAR);
            vm.warp(start + 13);
            p.swapExactIn(quote, base, quoteIn, 0, address(this), FAR);
            start += Oracle.BUCKET;
        }
        (, uint256 len, uint256 capacity,) = p.observationState();
        vm.assertEq(len, capacity, "the ring is full");
        // the current bucket holds its FIRST (+1) and SECOND (+13): the write at +25 carries the SECOND on in place
        vm.warp(start + 1);
        p.swapExactIn(base, quote, baseIn, 0, address(this), FAR);
        vm.warp(start + 13);
        p.swapExactIn(quote, base, quoteIn, 0, address(this), FAR);
        vm.warp(start + 25);
        uint256 inside = p.getTwapPair(base, quote, 20); // starts between the bucket's FIRST and SECOND
        _assertTradeLeavesTwap(p, base, quote, baseIn, guaranteed);
        vm.assertTrue(p.getTwapPair(base, quote, 20) != inside, "a sub-bucket window is not block-invariant");
        // a new bucket on the full ring: the write wraps over the oldest observation
        (uint256 index,,,) = p.observationState();
        vm.warp(start + Oracle.BUCKET + 1);
        _assertTradeLeavesTwap(p, base, quote, baseIn, guaranteed);
        (uint256 next,,,) = p.observationState();
        vm.assertEq(next, (index + 1) % capacity, "the write took the oldest slot");
    }

    /// @dev Trades `base` in for `quote` twice and back once in this block; the TWAPs of base in quote over the
    ///      shortest vault window and the guaranteed window stay what they were before.
    function _assertTradeLeavesTwap(WeightedPool p, address base, address quote, uint256 baseIn, uint32 guaranteed)
        internal
    {
        uint32 shortest = uint32(VaultConfig.MIN_TWAP_WINDOW);
        uint256 twapShort = p.getTwapPair(base, quote, shortest);
        uint256 twapLong = p.getTwapPair(base, quote, guaranteed);
        uint256 spot = p.getSpotPrice(base, quote);
        p.swapExactIn(base, quote, baseIn, 0, address(this), FAR);
        vm.assertTrue(p.getSpotPrice(base, quote) != spot, "the trade moved the spot");
        vm.assertEq(p.getTwapPair(base, quote, shortest), twapShort, "shortest vault window unmoved");
        vm.assertEq(p.getTwapPair(base, quote, guaranteed), twapLong, "guaranteed window unmoved");
        p.swapExactIn(base, quote, baseIn, 0, address(this), FAR);
        vm.assertEq(p.getTwapPair(base, quote, shortest), twapShort, "unmoved by a second trade");
        vm.assertEq(p.getTwapPair(base, quote, guaranteed), twapLong, "unmoved by a second trade");
    }

    function test_guaranteedWindow_followsCapacity() public {
        vm.assertEq(pool.guaranteedWindow(), 0, "one slot guarantees nothing");
        pool.increaseObservationCardinality(124);
        vm.assertEq(pool.guaranteedWindow(), 60 * Oracle.BUCKET, "62 buckets - 2");
    }

    /// @dev Review finding: the adapter said "now" for a TWAP whose pool nobody had traded for hours.
    function test_twapAdapter_updatedAtIsTheLastObservation() public {
        pool.increaseObservationCardinality(8);
        vm.warp(T0 + 100);
        pool.swapExactIn(a, b, 1e18, 0, address(this), FAR);
        PoolTwapAdapter adapter = new PoolTwapAdapter(pool, a, b, 5 minutes, IPriceSource(address(0)));
        vm.warp(T0 + 7_300);
        (uint256 price, uint256 updatedAt) = adapter.latestPrice();
        vm.assertEq(updatedAt, T0 + 100, "time of the last trade's observation, two hours ago");
        vm.assertEq(pool.lastObservationTime(), uint32(T0 + 100), "pool view");
        vm.assertEq(price, pool.getTwap(b, 5 minutes), "price");
    }

    // ------------------------------------------------------------------ helpers

    /// @dev exp of the time-weighted mean of ln p1 (d1 s) and ln p2 (d2 s).
    function _geo2(uint256 p1, uint256 d1, uint256 p2, uint256 d2) internal pure returns (uint256) {
        int256 s = LogExpMath.lnWad(int256(p1)) * int256(d1) + LogExpMath.lnWad(int256(p2)) * int256(d2);
        return uint256(LogExpMath.expWad(s / int256(d1 + d2)));
    }

    /// @dev Geometric mean over the last `w` seconds of a price path: prices[i] held durations[i] seconds, in order,
    ///      then `current` held `tail` seconds up to now.
    function _geoSegments(uint256[] memory prices, uint256[] memory durations, uint256 current, uint256 tail, uint256 w)
        internal
        pure
        returns (uint256)
    {
        int256 s;
        uint256 left = w;
        uint256 take = tail < left ? tail : left;
        s += LogExpMath.lnWad(int256(current)) * int256(take);
        left -= take;
        for (uint256 i = prices.length; i > 0 && left > 0; --i) {
            take = durations[i - 1] < left ? durations[i - 1] : left;
            s += LogExpMath.lnWad(int256(prices[i - 1])) * int256(take);
            left -= take;
        }
        return uint256(LogExpMath.expWad(s / int256(w)));
    }

    /// @dev The constant ln(s0 wk / (sk w0)) of a 3..8-token pool's TWAP is formed at construction (PoolState's
    ///      _lnConst immutables) instead of at every read. With the balances unchanged over the window, getTwap(k) must
    ///      equal, bit for bit, the read's formula with the constant formed on the fly: exp(((ln B0 - ln Bk) w +
    ///      lnRatioQ96(s0 wk, sk w0) 1e18 w / 2^96) / w), for random weights, decimals and balances of every token.
    function testFuzz_lnConstant_matchesOnTheFly(uint256 seed, uint8 count, uint32 window) public {
        uint256 n = 3 + count % 6;
        window = uint32(bound(window, 1, 7 days));
        (WeightedPool p, uint8[] memory dec, uint256[] memory weights, uint256[] memory amounts) = _randomPool(seed, n);
        vm.warp(block.timestamp + uint256(window) + 7);
        IERC20[] memory tokens = p.getTokens();
        for (uint256 k = 1; k < n; ++k) {
            uint256 expected = _twapOnTheFly(
                amounts[0], amounts[k], 10 ** (18 - dec[0]) * weights[k], 10 ** (18 - dec[k]) * weights[0], window
            );
            vm.assertEq(p.getTwap(address(tokens[k]), window), expected, "getTwap == formula with c on the fly");
        }
    }

    /// @dev An initialised pool of n tokens with random decimals (0..18), weights (>= 1e16) and balances.
    function _randomPool(uint256 seed, uint256 n)
        internal
        returns (WeightedPool p, uint8[] memory dec, uint256[] memory weights, uint256[] memory amounts)
    {
        dec = new uint8[](n);
        weights = new uint256[](n);
        amounts = new uint256[](n);
        uint256 left = 1e18;
        for (uint256 i; i < n; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            dec[i] = uint8(r % 19);
            weights[i] = i + 1 == n ? left : bound(r >> 8, 1e16, left - 1e16 * (n - i));
            left -= weights[i];
            amounts[i] = bound(r >> 80, 1e6, 1e30);
        }
        p = _pool(_tokens(dec), weights, FEE);
        _init(p, amounts);
    }

    /// @dev PoolState's read of a constant-balance window with its constant formed at the read, as before.
    function _twapOnTheFly(uint256 b0, uint256 bk, uint256 num, uint256 den, uint32 window)
        internal
        pure
        returns (uint256)
    {
        int256 w = int256(uint256(window));
        int256 c = LogExpMath.lnRatioQ96(num, den);
        int256 delta = LogExpMath.lnWadOracle(b0) * w - LogExpMath.lnWadOracle(bk) * w + (c * 1e18 * w) / LogExpMath.Q96;
        return uint256(LogExpMath.expWad(delta / w));
    }
}
