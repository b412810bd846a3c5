// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IUniswapV3Pool} from "@uniswap/v3-core/contracts/interfaces/IUniswapV3Pool.sol";
import {UniswapV3Fixture} from "./UniswapV3Fixture.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {UniswapV3Venue} from "../../src/venues/UniswapV3Venue.sol";
import {UniswapV3Math} from "../../src/libraries/UniswapV3Math.sol";
import {UniswapV3Oracle} from "../../src/libraries/UniswapV3Oracle.sol";

/// @notice UniswapV3Venue against the real V3 factory and pools: swaps both ways on 6/8/18-decimal pairs, min-out,
///         partial fills, quotes, spot and TWAP against hand-computed values, the observation-history rules.
contract UniswapV3VenueTest is UniswapV3Fixture {
    address internal constant BOB = address(0xB0B);

    IUniswapV3Pool internal wethUsdc; // 0.05%, token0 USDC (6), token1 WETH (18): tick ~ +200,000
    IUniswapV3Pool internal wbtcUsdc; // 0.3%, token0 USDC (6), token1 WBTC (8): tick ~ -57,000
    IUniswapV3Pool internal wbtcWeth; // 0.3%, token0 WETH (18), token1 WBTC (8): tick ~ -254,000
    UniswapV3Venue internal ethVenue;
    UniswapV3Venue internal btcVenue;
    UniswapV3Venue internal btcEthVenue;

    function setUp() public {
        _deployUniswapV3();
        wethUsdc = _newPool(weth, usdc, 500, ETH_USD);
        wbtcUsdc = _newPool(wbtc, usdc, 3000, BTC_USD);
        wbtcWeth = _newPool(wbtc, weth, 3000, BTC_ETH);
        _addLiquidity(wethUsdc, 5_000e18, 4, 20); // ~$10M a side full range, 4x that within +-200 ticks
        _addLiquidity(wbtcUsdc, 300e8, 4, 10);
        _addLiquidity(wbtcWeth, 300e8, 4, 10);
        wethUsdc.increaseObservationCardinalityNext(50);
        wbtcUsdc.increaseObservationCardinalityNext(50);
        ethVenue = new UniswapV3Venue(address(wethUsdc));
        btcVenue = new UniswapV3Venue(address(wbtcUsdc));
        btcEthVenue = new UniswapV3Venue(address(wbtcWeth));
        _advance(12);
    }

    // ------------------------------------------------------------------ swaps

    function test_fixture_tokenOrderAndTicks() public view {
        vm.assertTrue(address(usdc) < address(weth) && address(weth) < address(wbtc), "token order");
        vm.assertTrue(_tick(wethUsdc) > 190_000, "USDC/WETH tick positive");
        vm.assertTrue(_tick(wbtcUsdc) < -50_000, "USDC/WBTC tick negative");
        vm.assertTrue(_tick(wbtcWeth) < -250_000, "WETH/WBTC tick negative");
    }

    function test_swap_bothWays_6_8_18_decimals() public {
        _swapAndCheck(ethVenue, weth, usdc, 5e18, ETH_USD, 500); // 18 -> 6
        _swapAndCheck(ethVenue, usdc, weth, 10_000e6, 1e36 / ETH_USD, 500); // 6 -> 18
        _swapAndCheck(btcVenue, wbtc, usdc, 0.3e8, BTC_USD, 3000); // 8 -> 6
        _swapAndCheck(btcVenue, usdc, wbtc, 10_000e6, 1e36 / BTC_USD, 3000); // 6 -> 8
        _swapAndCheck(btcEthVenue, wbtc, weth, 0.3e8, BTC_ETH, 3000); // 8 -> 18
        _swapAndCheck(btcEthVenue, weth, wbtc, 5e18, 1e36 / BTC_ETH, 3000); // 18 -> 8
    }

    /// @dev Pushes `amountIn`, swaps to BOB, and checks: BOB got exactly the returned amount, the venue keeps nothing,
    ///      the pool got exactly `amountIn`, and the price paid is the spot (the initial price) less the fee and a
    ///      small impact (a ~$10k trade in a ~$10M pool: under 0.1%).
    function _swapAndCheck(
        UniswapV3Venue venue,
        MockERC20 tokenIn,
        MockERC20 tokenOut,
        uint256 amountIn,
        uint256 priceWad,
        uint256 feePips
    ) private {
        address pool = address(venue.pool());
        uint256 spot = venue.spotPrice(address(tokenIn), address(tokenOut));
        vm.assertApproxEqRel(spot, priceWad, 1e15, "spot near the initial price");
        uint256 bobBefore = tokenOut.balanceOf(BOB);
        uint256 poolInBefore = tokenIn.balanceOf(pool);
        tokenIn.mint(address(venue), amountIn); // the caller's push
        uint256 out = venue.swapExactIn(address(tokenIn), address(tokenOut), amountIn, 0, BOB);
        vm.assertEq(tokenOut.balanceOf(BOB) - bobBefore, out, "recipient paid what is returned");
        vm.assertEq(tokenIn.balanceOf(pool) - poolInBefore, amountIn, "pool took exactly amountIn");
        vm.assertEq(tokenIn.balanceOf(address(venue)), 0, "venue keeps no input");
        vm.assertEq(tokenOut.balanceOf(address(venue)), 0, "venue keeps no output");
        uint256 ideal = Math.mulDiv(amountIn * (1e6 - feePips), spot * 10 ** tokenOut.decimals(), 1e6 * 1e18) / 10
            ** tokenIn.decimals();
        vm.assertLe(out, ideal, "no better than spot less fee");
        vm.assertGe(out, ideal * 999 / 1000, "impact under 0.1%");
    }

    function test_swap_minOutReverts_exactlyAboveTheResult() public {
        uint256 q = ethVenue.quoteExactIn(address(weth), address(usdc), 10e18);
        weth.mint(address(ethVenue), 10e18);
        vm.expectRevert(abi.encodeWithSelector(UniswapV3Venue.InsufficientOutput.selector, q, q + 1));
        ethVenue.swapExactIn(address(weth), address(usdc), 10e18, q + 1, BOB);
        vm.assertEq(ethVenue.swapExactIn(address(weth), address(usdc), 10e18, q, BOB), q, "min-out met exactly");
    }

    /// @dev A pool whose liquidity is $20k in one narrow range: a $200k leg runs it out before the extreme price
    ///      limit, so the pool would take only part of the input. The venue refuses (never keeps a remainder), and the
    ///      quote refuses the same way.
    function test_swap_liquidityRunsOut_partialFillReverts() public {
        IUniswapV3Pool thin = _newPool(weth, usdc, 10000, ETH_USD); // 1% tier: spacing 200
        (, int24 tick,,,,,) = thin.slot0();
        int24 centre = _floorTo(tick, 200);
        lp.mint(thin, centre - 400, centre + 400, 1e14);
        UniswapV3Venue venue = new UniswapV3Venue(address(thin));
        uint256 amountIn = 100e18; // ~$200k
        uint256 spent = _spentBy(thin, amountIn);
        vm.assertLt(spent, amountIn, "the pool runs dry first");
        vm.expectRevert(abi.encodeWithSelector(UniswapV3Venue.PartialFill.selector, amountIn, spent));
        venue.quoteExactIn(address(weth), address(usdc), amountIn);
        weth.mint(address(venue), amountIn);
        vm.expectRevert(abi.encodeWithSelector(UniswapV3Venue.PartialFill.selector, amountIn, spent));
        venue.swapExactIn(address(weth), address(usdc), amountIn, 0, BOB);
    }

    /// @dev What the pool takes of `amountIn` (WETH in) before it runs out, seen through the plain swapper in a
    ///      reverted snapshot.
    function _spentBy(IUniswapV3Pool pool, uint256 amountIn) private returns (uint256 spent) {
        uint256 snap = vm.snapshotState();
        weth.mint(address(swapper), amountIn);
        swapper.swapExactIn(pool, address(weth) == pool.token0(), amountIn, BOB);
        spent = amountIn - weth.balanceOf(address(swapper));
        vm.revertToState(snap);
    }

    /// @dev A leg too large for a shallow pool ($100k of full-range depth): the price it gets is far below the
    ///      oracle's, so the vault's min-out (oracle price less 1%) makes it revert; nothing moves.
    function test_swap_shallowPool_minOutReverts() public {
        IUniswapV3Pool shallow = _newPool(weth, usdc, 3000, ETH_USD);
        _addLiquidity(shallow, 25e18, 0, 0); // ~$50k a side
        UniswapV3Venue venue = new UniswapV3Venue(address(shallow));
        uint256 amountIn = 25e18; // $50k
        uint256 minOut = amountIn * 2_000 * 99 / 100 / 1e12; // oracle value less 1%, in USDC
        uint256 q = venue.quoteExactIn(address(weth), address(usdc), amountIn);
        vm.assertLt(q, minOut * 60 / 100, "the shallow pool pays under 60% of the oracle value");
        weth.mint(address(venue), amountIn);
        vm.expectRevert(abi.encodeWithSelector(UniswapV3Venue.InsufficientOutput.selector, q, minOut));
        venue.swapExactIn(address(weth), address(usdc), amountIn, minOut, BOB);
    }

    /// @dev The extreme price limit lets a leg run through the concentrated range and on into the full-range
    ///      liquidity: it fills completely, ending beyond the range the price started in.
    function test_swap_extremePriceLimit_crossesRangesAndFillsCompletely() public {
        int24 before = _tick(wethUsdc);
        uint256 amountIn = 3_000e18; // ~$6M: beyond the +-200-tick concentrated range
        weth.mint(address(ethVenue), amountIn);
        uint256 out = ethVenue.swapExactIn(address(weth), address(usdc), amountIn, 0, BOB);
        vm.assertEq(weth.balanceOf(address(ethVenue)), 0, "whole input spent");
        vm.assertGt(out, 0, "paid");
        // WETH is token 1 here: selling it lowers token 0's price in token 1, i.e. the tick... rises
        vm.assertTrue(_tick(wethUsdc) > before + 400, "price moved past the concentrated range");
    }

    function testFuzz_quote_equalsSwap(uint256 amountIn, bool wethIn) public {
        (MockERC20 tin, MockERC20 tout) = wethIn ? (weth, usdc) : (usdc, weth);
        amountIn = wethIn ? bound(amountIn, 1e12, 2_000e18) : bound(amountIn, 1e3, 4_000_000e6);
        (uint160 sqrtBefore,,,,,,) = wethUsdc.slot0();
        uint256 q = ethVenue.quoteExactIn(address(tin), address(tout), amountIn);
        (uint160 sqrtAfterQuote,,,,,,) = wethUsdc.slot0();
        vm.assertEq(uint256(sqrtAfterQuote), uint256(sqrtBefore), "a quote moves nothing");
        tin.mint(address(ethVenue), amountIn);
        vm.assertEq(ethVenue.swapExactIn(address(tin), address(tout), amountIn, 0, BOB), q, "quote == swap");
    }

    function test_swap_refusesForeignPairAndBadAmounts() public {
        vm.expectRevert(abi.encodeWithSelector(UniswapV3Venue.PairNotInPool.selector, address(wbtc), address(usdc)));
        ethVenue.swapExactIn(address(wbtc), address(usdc), 1e8, 0, BOB);
        vm.expectRevert(abi.encodeWithSelector(UniswapV3Venue.PairNotInPool.selector, address(weth), address(weth)));
        ethVenue.quoteExactIn(address(weth), address(weth), 1e18);
        vm.expectRevert(UniswapV3Venue.ZeroAmount.selector);
        ethVenue.swapExactIn(address(weth), address(usdc), 0, 0, BOB);
        uint256 huge = uint256(type(int256).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(UniswapV3Venue.AmountTooLarge.selector, huge));
        ethVenue.swapExactIn(address(weth), address(usdc), huge, 0, BOB);
        vm.expectRevert(abi.encodeWithSelector(UniswapV3Venue.PairNotInPool.selector, address(wbtc), address(weth)));
        ethVenue.spotPrice(address(wbtc), address(weth));
    }

    /// @dev Pushed input cannot be drained by calling the callback: only the pool may, and it does so only inside
    ///      this venue's own swap.
    function test_callback_onlyFromPool() public {
        weth.mint(address(ethVenue), 1e18);
        vm.prank(BOB);
        vm.expectRevert(abi.encodeWithSelector(UniswapV3Venue.CallbackNotFromPool.selector, BOB));
        ethVenue.uniswapV3SwapCallback(0, 1e18, "");
        // another real pool (of the same factory) calling in is refused too
        vm.prank(address(wbtcWeth));
        vm.expectRevert(abi.encodeWithSelector(UniswapV3Venue.CallbackNotFromPool.selector, address(wbtcWeth)));
        ethVenue.uniswapV3SwapCallback(0, 1e18, "");
        vm.assertEq(weth.balanceOf(address(ethVenue)), 1e18, "nothing taken");
    }

    /// @dev Without the pushed input the pool's balance check fails: the venue never pays from elsewhere.
    function test_swap_withoutPush_reverts() public {
        vm.expectRevert();
        ethVenue.swapExactIn(address(weth), address(usdc), 1e18, 0, BOB);
    }

    // ------------------------------------------------------------------ spot

    /// @dev The venue's spot against a hand computation from slot0 (one exact 512-bit mulDiv of sqrtP^2, valid
    ///      here as sqrtP < 2^128), both directions, every pool; and against the initialisation prices.
    function test_spotPrice_matchesHandComputation() public view {
        _checkSpot(ethVenue, wethUsdc, weth, usdc, ETH_USD);
        _checkSpot(btcVenue, wbtcUsdc, wbtc, usdc, BTC_USD);
        _checkSpot(btcEthVenue, wbtcWeth, wbtc, weth, BTC_ETH);
    }

    function _checkSpot(UniswapV3Venue venue, IUniswapV3Pool pool, MockERC20 base, MockERC20 quote, uint256 px)
        private
        view
    {
        _checkInitialPrice(venue, base, quote, px);
        _checkSpotExact(venue, pool);
    }

    function _checkSpotExact(UniswapV3Venue venue, IUniswapV3Pool pool) private view {
        (uint160 sqrtP,,,,,,) = pool.slot0();
        vm.assertLt(uint256(sqrtP), 1 << 128, "hand formula domain");
        uint256 ratioX192 = uint256(sqrtP) * sqrtP;
        MockERC20 t0 = MockERC20(pool.token0());
        MockERC20 t1 = MockERC20(pool.token1());
        uint256 s0 = 10 ** t0.decimals();
        uint256 s1 = 10 ** t1.decimals();
        uint256 p0in1 = Math.mulDiv(ratioX192, 1e18 * s0, (1 << 192) * s1);
        uint256 p1in0 = Math.mulDiv(1 << 192, 1e18 * s1, ratioX192 * s0);
        uint256 v01 = venue.spotPrice(address(t0), address(t1));
        uint256 v10 = venue.spotPrice(address(t1), address(t0));
        vm.assertLe(v01, p0in1, "token0 in token1 rounds down");
        vm.assertLe(p0in1 - v01, 2, "token0 in token1 within 2 wei");
        vm.assertLe(v10, p1in0, "token1 in token0 rounds down");
        vm.assertLe(p1in0 - v10, 2 + (p1in0 >> 70), "token1 in token0 within 2 wei or 2^-70");
    }

    function _checkInitialPrice(UniswapV3Venue venue, MockERC20 base, MockERC20 quote, uint256 px) private view {
        vm.assertApproxEqRel(venue.spotPrice(address(base), address(quote)), px, 1e9, "the initial price");
        vm.assertApproxEqRel(venue.spotPrice(address(quote), address(base)), 1e36 / px, 1e9, "its inverse");
    }

    /// @dev No sqrt price a pool can hold overflows either direction, for the decimal extremes; where both directions
    ///      are well above rounding, they are each other's inverse.
    function testFuzz_spotMath_noOverflowAnySqrtPrice(uint256 seed, uint8 d0, uint8 d1) public pure {
        uint160 sqrtP = uint160(bound(seed, UniswapV3Math.MIN_SQRT_RATIO, UniswapV3Math.MAX_SQRT_RATIO - 1));
        uint256 s0 = 10 ** bound(d0, 0, 18);
        uint256 s1 = 10 ** bound(d1, 0, 18);
        uint256 p01 = UniswapV3Math.price0In1Down(sqrtP, s0, s1);
        uint256 p10 = UniswapV3Math.price1In0Down(sqrtP, s0, s1);
        if (p01 > 1e12 && p10 > 1e12) vm.assertApproxEqRel(Math.mulDiv(p01, p10, 1e18), 1e18, 1e7, "inverses");
    }

    function test_spotMath_extremes() public pure {
        uint256 lo = UniswapV3Math.price1In0Down(UniswapV3Math.MIN_SQRT_RATIO, 1, 1e18);
        uint256 hi = UniswapV3Math.price0In1Down(UniswapV3Math.MAX_SQRT_RATIO - 1, 1e18, 1);
        vm.assertGt(lo, 0, "largest inverse price computed");
        vm.assertGt(hi, 0, "largest price computed");
        vm.assertEq(UniswapV3Math.price0In1Down(UniswapV3Math.MIN_SQRT_RATIO, 1, 1e18), 0, "tiny price rounds to 0");
    }

    /// @dev The TickMath port against the real pool: initialised at sqrtRatioAtTick(t), the pool reports tick t.
    function test_sqrtRatioAtTick_matchesRealPool() public {
        int24[5] memory ticks = [int24(-887_200), -201_234, -1, 57_001, 887_200];
        MockERC20 a = new MockERC20("A", "A", 18);
        for (uint256 k; k < ticks.length; ++k) {
            MockERC20 b = new MockERC20("B", "B", 18);
            IUniswapV3Pool p = IUniswapV3Pool(factory.createPool(address(a), address(b), 3000));
            p.initialize(UniswapV3Math.sqrtRatioAtTick(ticks[k]));
            vm.assertEq(int256(_tick(p)), int256(ticks[k]), "tick round trip through the pool");
        }
    }

    // ------------------------------------------------------------------ TWAP

    /// @dev Three trades 100, 200 and 300 s apart after a quiet stretch; the TWAP over 700 s must be the price at
    ///      the hand-computed time-weighted tick (floored toward negative infinity), in both directions, on a pool with
    ///      positive ticks and one with negative ticks (where the floor differs from truncation).
    function test_twap_handComputedTickAverage() public {
        _checkTwap(ethVenue, wethUsdc, address(weth), 400e18);
        _checkTwap(btcVenue, wbtcUsdc, address(wbtc), 20e8);
    }

    function _checkTwap(UniswapV3Venue venue, IUniswapV3Pool pool, address sold, uint256 amount) private {
        int256 sum = _tradeThreeTimes(pool, sold, amount);
        int256 mean = sum / 700;
        if (sum < 0 && sum % 700 != 0) mean -= 1;
        if (sum < 0) vm.assertTrue(sum % 700 != 0, "the negative case exercises the floor");
        (address t0, address t1) = (pool.token0(), pool.token1());
        (uint256 s0, uint256 s1) = (10 ** MockERC20(t0).decimals(), 10 ** MockERC20(t1).decimals());
        uint160 sqrtMean = UniswapV3Math.sqrtRatioAtTick(int24(mean));
        vm.assertEq(venue.twapPrice(t0, t1, 700), UniswapV3Math.price0In1Down(sqrtMean, s0, s1), "twap 0 in 1");
        vm.assertEq(venue.twapPrice(t1, t0, 700), UniswapV3Math.price1In0Down(sqrtMean, s0, s1), "twap 1 in 0");
        // and not the truncated mean (one tick higher: ~1 bp) where the floor matters
        if (sum < 0) {
            uint160 sqrtTruncated = UniswapV3Math.sqrtRatioAtTick(int24(sum / 700));
            vm.assertLt(venue.twapPrice(t0, t1, 700), UniswapV3Math.price0In1Down(sqrtTruncated, s0, s1), "floored");
        }
    }

    /// @dev Returns the tick-seconds over the last 700 s, summed by hand from the ticks slot0 showed: the start tick
    ///      for the 100 s before the first trade, then each trade's tick for as long as it stood.
    function _tradeThreeTimes(IUniswapV3Pool pool, address sold, uint256 amount) private returns (int256 sum) {
        _advance(1_000);
        int256 t0 = _tick(pool);
        _trade(pool, sold, amount);
        int256 a = _tick(pool);
        _advance(100);
        _trade(pool, sold, amount);
        int256 b = _tick(pool);
        _advance(200);
        _trade(pool, pool.token0() == sold ? pool.token1() : pool.token0(), _valueIn(pool, sold, amount * 3 / 2));
        int256 c = _tick(pool);
        _advance(300);
        vm.assertTrue(a != b && b != c && c != t0, "every trade moved the tick");
        sum = t0 * 100 + a * 100 + b * 200 + c * 300;
    }

    /// @dev `amount` of `sold` in the pool's other token at the venue-independent spot (for the trade back).
    function _valueIn(IUniswapV3Pool pool, address sold, uint256 amount) private view returns (uint256) {
        (uint160 sqrtP,,,,,,) = pool.slot0();
        uint256 ratioX128 = Math.mulDiv(sqrtP, sqrtP, 1 << 64); // token1 raw per token0 raw, Q128
        return
            sold == pool.token0() ? Math.mulDiv(amount, ratioX128, 1 << 128) : Math.mulDiv(amount, 1 << 128, ratioX128);
    }

    /// @dev A pool with the default one-slot ring keeps only the time since its last write: a longer window is refused
    ///      by name, with what the ring does cover, and the venue guarantees nothing.
    function test_twap_cardinalityTooSmall_refusedClearly() public {
        _trade(wbtcWeth, address(weth), 1e18); // writes the only observation now
        _advance(100);
        // nothing is guaranteed, but never 0 (IVenue's "no TWAP of its own", which a vault accepts as spot-only)
        vm.assertEq(btcEthVenue.guaranteedWindow(), 1, "a one-slot ring: the 1-second floor");
        vm.expectRevert(
            abi.encodeWithSelector(UniswapV3Oracle.TwapWindowNotCovered.selector, address(wbtcWeth), 300, 100)
        );
        btcEthVenue.twapPrice(address(wbtc), address(weth), 300);
        vm.assertGt(btcEthVenue.twapPrice(address(wbtc), address(weth), 100), 0, "what is covered reads");
        vm.expectRevert(UniswapV3Oracle.ZeroWindow.selector);
        btcEthVenue.twapPrice(address(wbtc), address(weth), 0);
    }

    /// @dev The busiest pool possible on this chain (a trade every second, the one-observation-per-timestamp limit) with
    ///      a 10-slot ring: guaranteedWindow never decreases, is always readable, and once the ring wraps it is
    ///      exactly what the ring keeps (9 s): one second more is refused.
    function test_guaranteedWindow_holdsUnderTheBusiestTrading() public {
        wbtcWeth.increaseObservationCardinalityNext(10);
        vm.assertEq(btcEthVenue.minObservationSpacing(), 1, "chain 31337: one observation per second at most");
        uint32 last;
        for (uint256 k; k < 30; ++k) {
            vm.warp(block.timestamp + 1);
            vm.roll(block.number + 1);
            int24 tickBefore = _tick(wbtcWeth);
            _trade(wbtcWeth, k % 2 == 0 ? address(weth) : address(wbtc), k % 2 == 0 ? 30e18 : 1e8);
            vm.assertTrue(_tick(wbtcWeth) != tickBefore, "each trade moves the tick (V3 writes only then)");
            uint32 g = btcEthVenue.guaranteedWindow();
            vm.assertGe(g, last, "never decreases");
            if (g > 1) btcEthVenue.twapPrice(address(wbtc), address(weth), g); // readable (1 is the floor, see there)
            last = g;
        }
        vm.assertEq(last, 9, "(cardinality - 1) x 1 s");
        vm.expectRevert(abi.encodeWithSelector(UniswapV3Oracle.TwapWindowNotCovered.selector, address(wbtcWeth), 10, 9));
        btcEthVenue.twapPrice(address(wbtc), address(weth), 10);
    }

    /// @dev What BatchRebalancer's TWAP memo relies on (IVenue.twapPrice): a TWAP ending now reads the same before and
    ///      after tick-moving trades in the same block, on a full ring whose write wraps over the oldest observation,
    ///      for windows starting after the newest observation, on it, between older ones, and the guaranteed window:
    ///      the pool's first write of a block records the tick the block began with, which is what a read before it
    ///      extends the newest observation with.
    function test_twap_sameBlockTrade_doesNotMoveAWindowEndingNow() public {
        wbtcWeth.increaseObservationCardinalityNext(10);
        for (uint256 k; k < 15; ++k) {
            vm.warp(block.timestamp + 1);
            vm.roll(block.number + 1);
            _trade(wbtcWeth, k % 2 == 0 ? address(weth) : address(wbtc), k % 2 == 0 ? 30e18 : 1e8);
        }
        vm.warp(block.timestamp + 3);
        vm.roll(block.number + 1);
        (,, uint16 indexBefore, uint16 cardinality,,,) = wbtcWeth.slot0();
        vm.assertEq(cardinality, 10, "a full ring of 10");
        uint32[5] memory windows = [uint32(1), 3, 5, 8, btcEthVenue.guaranteedWindow()];
        uint256[5] memory before;
        for (uint256 w; w < 5; ++w) {
            before[w] = btcEthVenue.twapPrice(address(wbtc), address(weth), windows[w]);
        }
        for (uint256 t; t < 2; ++t) {
            int24 tick = _tick(wbtcWeth);
            _trade(wbtcWeth, address(weth), 60e18);
            vm.assertTrue(_tick(wbtcWeth) != tick, "the trade moved the tick");
            for (uint256 w; w < 5; ++w) {
                vm.assertEq(
                    btcEthVenue.twapPrice(address(wbtc), address(weth), windows[w]),
                    before[w],
                    string.concat("same block: unmoved over ", vm.toString(windows[w]), " s")
                );
            }
        }
        (,, uint16 indexAfter,,,,) = wbtcWeth.slot0();
        vm.assertEq(indexAfter, (indexBefore + 1) % cardinality, "the block's write took the oldest slot");
    }

    /// @dev On Ethereum mainnet every block has its own 12 s slot: the same ring guarantees 12x as much.
    function test_guaranteedWindow_mainnetSlots() public {
        vmx.chainId(1);
        UniswapV3Venue mainnetVenue = new UniswapV3Venue(address(wethUsdc));
        vm.assertEq(mainnetVenue.minObservationSpacing(), 12, "12 s slots");
        for (uint256 k; k < 60; ++k) {
            _advance(12);
            _trade(wethUsdc, k % 2 == 0 ? address(weth) : address(usdc), k % 2 == 0 ? 1e18 : 2_000e6);
        }
        vm.assertEq(mainnetVenue.guaranteedWindow(), 49 * 12, "(50 - 1) slots x 12 s");
        mainnetVenue.twapPrice(address(weth), address(usdc), 49 * 12);
    }
}
