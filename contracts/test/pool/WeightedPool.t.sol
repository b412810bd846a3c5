// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {PoolFixture} from "./PoolFixture.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {FeeOnTransferToken} from "../mocks/FeeOnTransferToken.sol";
import {ReentrantToken} from "../mocks/ReentrantToken.sol";
import {WeightedPool} from "../../src/pool/WeightedPool.sol";
import {WeightedPoolLens} from "../../src/lens/WeightedPoolLens.sol";
import {IWeightedPool} from "../../src/interfaces/IWeightedPool.sol";
import {IWeightedPoolErrors} from "../../src/pool/IWeightedPoolErrors.sol";
import {WeightedMath} from "../../src/libraries/WeightedMath.sol";
import {PoolBalances} from "../../src/libraries/PoolBalances.sol";
import {FixedPoint} from "../../src/libraries/FixedPoint.sol";

/// @notice Unit tests: every external function's happy path and each of its reverts, on a 50/50 pool of an
///         18-decimal and a 6-decimal token (1,000 A : 3,000,000 B, so 1 A = 3,000 B).
contract WeightedPoolTest is PoolFixture {
    using FixedPoint for uint256;

    WeightedPool internal pool;
    address internal a;
    address internal b;
    address internal constant ALICE = address(0xA11CE);

    uint256 internal constant A0 = 1_000e18;
    uint256 internal constant B0 = 3_000_000e6;

    function setUp() public {
        vm.warp(1_700_000_000);
        IERC20[] memory tokens = _tokens(_d2(18, 6));
        (a, b) = (_addr(tokens[0]), _addr(tokens[1]));
        pool = _pool(tokens, _equalWeights(2), FEE);
        _init(pool, _u2(A0, B0));
        _fund(pool, ALICE, _u2(1_000e18, 3_000_000e6));
        _fund(pool, address(this), _u2(1_000e18, 3_000_000e6));
    }

    // ------------------------------------------------------------------ configuration

    function test_views_afterCreation() public view {
        IERC20[] memory tokens = pool.getTokens();
        vm.assertEq(tokens.length, 2, "tokens");
        vm.assertEq(address(tokens[0]), a, "token 0");
        vm.assertEq(address(tokens[1]), b, "token 1");
        uint256[] memory w = pool.getNormalizedWeights();
        vm.assertEq(w[0] + w[1], 1e18, "weights sum");
        vm.assertEq(pool.swapFee(), FEE, "fee");
        vm.assertEq(pool.numTokens(), 2, "numTokens");
        uint256[] memory bal = pool.getBalances();
        vm.assertEq(bal[0], A0, "balance 0 raw");
        vm.assertEq(bal[1], B0, "balance 1 raw");
        vm.assertEq(pool.decimals(), 18, "lp decimals");
    }

    function test_firstJoin_mintsInvariantTimesN_andLocksMinimum() public view {
        // V = sqrt(1000e18 * 3e24) for 50/50 (balances scaled to 18 decimals)
        uint256 v = pool.getInvariant();
        uint256 expected = _sqrt(A0 * (B0 * 1e12));
        vm.assertApproxEqRel(v, expected, 1e3, "invariant");
        vm.assertEq(pool.totalSupply(), pool.balanceOf(address(this)) + pool.MINIMUM_SUPPLY(), "supply split");
        vm.assertEq(pool.balanceOf(DEAD), pool.MINIMUM_SUPPLY(), "locked");
        vm.assertApproxEqRel(pool.totalSupply(), 2 * expected, 1e3, "supply = 2V");
    }

    function test_firstJoin_revertsOnZeroAmount() public {
        WeightedPool p = _pool(_tokens(_d2(18, 18)), _equalWeights(2), FEE);
        _fund(p, address(this), _u2(1e18, 1e18));
        vm.expectRevert(IWeightedPoolErrors.ZeroAmount.selector);
        p.joinPool(0, _u2(1e18, 0), address(this), FAR);
    }

    function test_firstJoin_revertsWhenLiquidityTooLow() public {
        WeightedPool p = _pool(_tokens(_d2(18, 18)), _equalWeights(2), FEE);
        _fund(p, address(this), _u2(1e18, 1e18));
        // 2 * V = 2e5 (less the invariant's rounding) < 1e6
        try p.joinPool(0, _u2(1e5, 1e5), address(this), FAR) {
            revert("did not revert");
        } catch (bytes memory err) {
            vm.assertEq(bytes4(err), IWeightedPoolErrors.InitialLiquidityTooLow.selector, "error");
            vm.assertApproxEqAbs(_arg(err, 0), 2e5, 2, "supply");
            vm.assertEq(_arg(err, 1), 1e6, "minimum");
        }
    }

    function test_firstJoin_minLpOutEnforced() public {
        WeightedPool p = _pool(_tokens(_d2(18, 18)), _equalWeights(2), FEE);
        _fund(p, address(this), _u2(1e18, 1e18));
        try p.joinPool(2e18, _u2(1e18, 1e18), address(this), FAR) {
            revert("did not revert");
        } catch (bytes memory err) {
            vm.assertEq(bytes4(err), IWeightedPoolErrors.LpOutBelowMin.selector, "error");
            vm.assertApproxEqRel(_arg(err, 0), 2e18 - 1e6, 1e3, "lp out"); // 2V - MINIMUM, V rounded down
            vm.assertEq(_arg(err, 1), 2e18, "min");
        }
    }

    function test_uninitialized_revertsSwapsAndQueries() public {
        WeightedPool p = _pool(_tokens(_d2(18, 18)), _equalWeights(2), FEE);
        address t0 = address(p.getTokens()[0]);
        address t1 = address(p.getTokens()[1]);
        vm.expectRevert(IWeightedPoolErrors.PoolNotInitialized.selector);
        p.swapExactIn(t0, t1, 1, 0, address(this), FAR);
        vm.expectRevert(IWeightedPoolErrors.PoolNotInitialized.selector);
        p.querySwapExactIn(t0, t1, 1);
        vm.expectRevert(IWeightedPoolErrors.PoolNotInitialized.selector);
        p.getSpotPrice(t0, t1);
        vm.expectRevert(IWeightedPoolErrors.PoolNotInitialized.selector);
        p.exitPool(1, _u2(0, 0), address(this), FAR);
        vm.expectRevert(IWeightedPoolErrors.PoolNotInitialized.selector);
        p.getTwap(t1, 1);
        vm.assertEq(p.getInvariant(), 0, "no invariant yet");
        vm.assertEq(p.oldestObservationAge(), 0, "no history yet");
    }

    // ------------------------------------------------------------------ swaps

    function test_swapExactIn_matchesConstantProduct() public {
        uint256 amountIn = 10e18;
        uint256 net = amountIn - amountIn.mulUp(FEE);
        // 50/50: out = Bo * net / (Bi + net), in B's 18-decimal units, then down to 6 decimals
        uint256 expected = (B0 * 1e12 * net / (A0 + net)) / 1e12;
        uint256 quoted = pool.querySwapExactIn(a, b, amountIn);
        uint256 beforeB = IERC20(b).balanceOf(ALICE);
        vm.prank(ALICE);
        uint256 out = pool.swapExactIn(a, b, amountIn, expected, ALICE, FAR);
        vm.assertEq(out, expected, "out");
        vm.assertEq(out, quoted, "query");
        vm.assertEq(IERC20(b).balanceOf(ALICE) - beforeB, out, "received");
        uint256[] memory bal = pool.getBalances();
        vm.assertEq(bal[0], A0 + amountIn, "balance in");
        vm.assertEq(bal[1], B0 - out, "balance out");
    }

    function test_swapExactIn_emitsSwap() public {
        uint256 out = pool.querySwapExactIn(a, b, 1e18);
        vm.expectEmit(address(pool));
        emit IWeightedPool.Swap(ALICE, address(this), a, b, 1e18, out); // recipient is a topic: checked
        vm.prank(ALICE);
        pool.swapExactIn(a, b, 1e18, 0, address(this), FAR);
    }

    function test_swapExactIn_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IWeightedPoolErrors.Expired.selector, block.timestamp - 1, block.timestamp));
        pool.swapExactIn(a, b, 1e18, 0, address(this), block.timestamp - 1);
        vm.expectRevert(IWeightedPoolErrors.ZeroAmount.selector);
        pool.swapExactIn(a, b, 0, 0, address(this), FAR);
        vm.expectRevert(abi.encodeWithSelector(IWeightedPoolErrors.UnknownToken.selector, address(0x1234)));
        pool.swapExactIn(address(0x1234), b, 1e18, 0, address(this), FAR);
        vm.expectRevert(abi.encodeWithSelector(IWeightedPoolErrors.UnknownToken.selector, address(0)));
        pool.swapExactIn(a, address(0), 1e18, 0, address(this), FAR);
        vm.expectRevert(abi.encodeWithSelector(IWeightedPoolErrors.SameToken.selector, a));
        pool.swapExactIn(a, a, 1e18, 0, address(this), FAR);
        uint256 out = pool.querySwapExactIn(a, b, 1e18);
        vm.expectRevert(abi.encodeWithSelector(IWeightedPoolErrors.AmountOutBelowMin.selector, out, out + 1));
        pool.swapExactIn(a, b, 1e18, out + 1, address(this), FAR);
        vm.expectRevert(WeightedMath.MaxInRatio.selector);
        pool.swapExactIn(a, b, 302e18, 0, address(this), FAR); // net of 0.3% fee still above 30% of 1,000
        // 1 wei of A buys less than 1 unit of B (6 decimals)
        vm.expectRevert(IWeightedPoolErrors.ZeroAmount.selector);
        pool.swapExactIn(a, b, 1, 0, address(this), FAR);
    }

    function test_swapExactIn_atMaxInRatio() public {
        uint256 amountIn = 300e18 * 1e18 / (1e18 - FEE); // net just at 30%
        pool.swapExactIn(a, b, amountIn - 1e6, 0, address(this), FAR);
    }

    function test_swapExactOut_paysAtLeastExactPlusFee() public {
        uint256 amountOut = 30_000e6;
        // 50/50: in = Bi * Ao / (Bo - Ao), grossed up by the fee
        uint256 net = A0 * (amountOut * 1e12) / (B0 * 1e12 - amountOut * 1e12);
        uint256 quoted = pool.querySwapExactOut(a, b, amountOut);
        uint256 beforeA = IERC20(a).balanceOf(ALICE);
        vm.prank(ALICE);
        uint256 amountIn = pool.swapExactOut(a, b, amountOut, type(uint256).max, ALICE, FAR);
        vm.assertEq(amountIn, quoted, "query");
        vm.assertGe(amountIn, net.divUp(1e18 - FEE), "at least exact");
        vm.assertLe(amountIn, net.divUp(1e18 - FEE) + 2, "at most exact + rounding");
        vm.assertEq(beforeA - IERC20(a).balanceOf(ALICE), amountIn, "paid");
        vm.assertEq(pool.getBalances()[1], B0 - amountOut, "balance out");
    }

    function test_swapExactOut_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IWeightedPoolErrors.Expired.selector, 5, block.timestamp));
        pool.swapExactOut(a, b, 1e6, type(uint256).max, address(this), 5);
        vm.expectRevert(IWeightedPoolErrors.ZeroAmount.selector);
        pool.swapExactOut(a, b, 0, type(uint256).max, address(this), FAR);
        vm.expectRevert(abi.encodeWithSelector(IWeightedPoolErrors.SameToken.selector, b));
        pool.swapExactOut(b, b, 1e6, type(uint256).max, address(this), FAR);
        uint256 quoted = pool.querySwapExactOut(a, b, 1e6);
        vm.expectRevert(abi.encodeWithSelector(IWeightedPoolErrors.AmountInAboveMax.selector, quoted, quoted - 1));
        pool.swapExactOut(a, b, 1e6, quoted - 1, address(this), FAR);
        vm.expectRevert(WeightedMath.MaxOutRatio.selector);
        pool.swapExactOut(a, b, 900_001e6, type(uint256).max, address(this), FAR);
    }

    function test_swap_roundTripLosesAtLeastTheFee() public {
        uint256 amountIn = 5e18;
        uint256 out = pool.swapExactIn(a, b, amountIn, 0, address(this), FAR);
        uint256 back = pool.swapExactIn(b, a, out, 0, address(this), FAR);
        vm.assertLe(back, amountIn - amountIn.mulDown(FEE), "round trip kept more than in - fee");
    }

    function test_spotPrice() public view {
        // 1 A = 3,000 B in whole tokens
        vm.assertApproxEqRel(pool.getSpotPrice(a, b), 3_000e18, 1, "A in B");
        vm.assertApproxEqRel(pool.getSpotPrice(b, a), uint256(1e18) / 3_000, 1e3, "B in A");
        vm.assertApproxEqRel(pool.getSpotPriceWithFee(a, b), uint256(3_000e18).divUp(1e18 - FEE), 1, "with fee");
        vm.assertGt(pool.getSpotPriceWithFee(a, b), pool.getSpotPrice(a, b), "fee raises price");
    }

    function test_spotPrice_matchesMarginalSwap() public {
        // a tiny trade executes at the fee-inclusive spot price
        uint256 amountIn = 1e15; // 1e-3 A: price impact 1e-6, B's 6-decimal rounding 3e-7
        uint256 out = pool.querySwapExactIn(a, b, amountIn);
        uint256 execPrice = (out * 1e12) * 1e18 / amountIn; // B per A, 18 decimals
        vm.assertApproxEqRel(execPrice, pool.getSpotPrice(a, b).mulDown(1e18 - FEE), 2e12, "marginal price");
    }

    // ------------------------------------------------------------------ liquidity

    function test_joinPool_proportionalRoundsUp() public {
        uint256 supply = pool.totalSupply();
        uint256 lpOut = supply / 7;
        uint256[] memory q = pool.queryJoin(lpOut);
        vm.prank(ALICE);
        uint256[] memory amountsIn = pool.joinPool(lpOut, _fill(2, type(uint256).max), ALICE, FAR);
        vm.assertEq(amountsIn[0], q[0], "query 0");
        vm.assertEq(amountsIn[1], q[1], "query 1");
        vm.assertEq(amountsIn[0], (A0 * lpOut + supply - 1) / supply, "ceil 0");
        vm.assertEq(amountsIn[1], (B0 * lpOut + supply - 1) / supply, "ceil 1");
        vm.assertEq(pool.balanceOf(ALICE), lpOut, "minted");
        vm.assertEq(pool.getBalances()[0], A0 + amountsIn[0], "balance");
    }

    /// @dev The join-by-amounts query (WeightedPoolLens): the largest proportional join inside a budget, which joinPool then takes
    ///      exactly, and one LP more would overrun the budget of the binding token.
    function testFuzz_queryJoinGivenAmounts_isTheLargestJoinInsideTheBudget(uint256 maxA, uint256 maxB) public {
        uint256[] memory budget = _u2(bound(maxA, 1e6, 1_000e18), bound(maxB, 1e3, 3_000_000e6));
        (uint256 lpOut, uint256[] memory q) = new WeightedPoolLens().queryJoinGivenAmounts(pool, budget);
        vm.assume(lpOut > 0);
        _assertLargestInside(budget, lpOut, q);
        vm.prank(ALICE);
        uint256[] memory paid = pool.joinPool(lpOut, budget, ALICE, FAR);
        vm.assertEq(paid[0], q[0], "joinPool takes the queried amount 0");
        vm.assertEq(paid[1], q[1], "joinPool takes the queried amount 1");
        vm.assertEq(pool.balanceOf(ALICE), lpOut, "minted");
    }

    function _assertLargestInside(uint256[] memory budget, uint256 lpOut, uint256[] memory q) private view {
        vm.assertLe(q[0], budget[0], "inside budget 0");
        vm.assertLe(q[1], budget[1], "inside budget 1");
        uint256[] memory more = pool.queryJoin(lpOut + 1);
        vm.assertTrue(more[0] > budget[0] || more[1] > budget[1], "one LP more overruns the budget");
    }

    function test_queryJoinGivenAmounts_reverts() public {
        WeightedPoolLens lens = new WeightedPoolLens();
        vm.expectRevert(abi.encodeWithSelector(IWeightedPoolErrors.LengthMismatch.selector, 2, 1));
        lens.queryJoinGivenAmounts(pool, _fill(1, 1e18));
        WeightedPool fresh = _pool(_tokens(_d2(18, 18)), _equalWeights(2), FEE);
        vm.expectRevert(IWeightedPoolErrors.PoolNotInitialized.selector);
        lens.queryJoinGivenAmounts(fresh, _fill(2, 1e18));
    }

    function test_joinPool_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IWeightedPoolErrors.LengthMismatch.selector, 2, 3));
        pool.joinPool(1e18, _fill(3, type(uint256).max), address(this), FAR);
        vm.expectRevert(IWeightedPoolErrors.ZeroAmount.selector);
        pool.joinPool(0, _fill(2, type(uint256).max), address(this), FAR);
        uint256[] memory q = pool.queryJoin(1e18);
        vm.expectRevert(abi.encodeWithSelector(IWeightedPoolErrors.AmountInAboveMax.selector, q[1], q[1] - 1));
        pool.joinPool(1e18, _u2(q[0], q[1] - 1), address(this), FAR);
        vm.expectRevert(abi.encodeWithSelector(IWeightedPoolErrors.Expired.selector, 1, block.timestamp));
        pool.joinPool(1e18, _fill(2, type(uint256).max), address(this), 1);
    }

    function test_exitPool_proportionalRoundsDown() public {
        uint256 supply = pool.totalSupply();
        uint256 lpIn = pool.balanceOf(address(this)) / 3;
        uint256[] memory q = pool.queryExit(lpIn);
        uint256 beforeA = IERC20(a).balanceOf(ALICE);
        uint256[] memory out = pool.exitPool(lpIn, _u2(q[0], q[1]), ALICE, FAR);
        vm.assertEq(out[0], A0 * lpIn / supply, "floor 0");
        vm.assertEq(out[1], B0 * lpIn / supply, "floor 1");
        vm.assertEq(out[0], q[0], "query");
        vm.assertEq(IERC20(a).balanceOf(ALICE) - beforeA, out[0], "sent");
        vm.assertEq(pool.totalSupply(), supply - lpIn, "burnt");
    }

    function test_exitPool_everythingButTheLockedSupply() public {
        pool.exitPool(pool.balanceOf(address(this)), _u2(0, 0), address(this), FAR);
        vm.assertEq(pool.totalSupply(), pool.MINIMUM_SUPPLY(), "only locked supply left");
        uint256[] memory bal = pool.getBalances();
        vm.assertGt(bal[0], 0, "balance 0 never zero");
        vm.assertGt(bal[1], 0, "balance 1 never zero");
        // and the pool still works: join again
        pool.joinPool(1e18, _fill(2, type(uint256).max), address(this), FAR);
    }

    function test_exitPool_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IWeightedPoolErrors.LengthMismatch.selector, 2, 1));
        pool.exitPool(1e18, new uint256[](1), address(this), FAR);
        vm.expectRevert(IWeightedPoolErrors.ZeroAmount.selector);
        pool.exitPool(0, _u2(0, 0), address(this), FAR);
        uint256[] memory q = pool.queryExit(1e18);
        vm.expectRevert(abi.encodeWithSelector(IWeightedPoolErrors.AmountOutBelowMin.selector, q[0], q[0] + 1));
        pool.exitPool(1e18, _u2(q[0] + 1, 0), address(this), FAR);
        vm.prank(ALICE); // holds no LP
        vm.expectRevert();
        pool.exitPool(1e18, _u2(0, 0), ALICE, FAR);
    }

    function test_joinSingle_thenExitSingle_losesAtLeastTheFee() public {
        uint256 amountIn = 100e18;
        uint256 q = pool.queryJoinSingle(a, amountIn);
        vm.prank(ALICE);
        uint256 lpOut = pool.joinSingle(a, amountIn, q, ALICE, FAR);
        vm.assertEq(lpOut, q, "query join");
        vm.assertEq(pool.balanceOf(ALICE), lpOut, "minted");
        uint256 qe = pool.queryExitSingle(a, lpOut);
        vm.prank(ALICE);
        uint256 back = pool.exitSingle(a, lpOut, qe, ALICE, FAR);
        vm.assertEq(back, qe, "query exit");
        // fee applies to the non-proportional half (weight 50%)
        vm.assertLe(back, amountIn - amountIn.mulDown(0.5e18).mulDown(FEE), "kept more than in - fee");
    }

    function test_joinSingle_reverts() public {
        vm.expectRevert(IWeightedPoolErrors.ZeroAmount.selector);
        pool.joinSingle(a, 0, 0, address(this), FAR);
        vm.expectRevert(abi.encodeWithSelector(IWeightedPoolErrors.UnknownToken.selector, address(7)));
        pool.joinSingle(address(7), 1e18, 0, address(this), FAR);
        vm.expectRevert(WeightedMath.MaxInRatio.selector);
        pool.joinSingle(a, 301e18, 0, address(this), FAR);
        uint256 q = pool.queryJoinSingle(a, 1e18);
        vm.expectRevert(abi.encodeWithSelector(IWeightedPoolErrors.LpOutBelowMin.selector, q, q + 1));
        pool.joinSingle(a, 1e18, q + 1, address(this), FAR);
        vm.expectRevert(abi.encodeWithSelector(IWeightedPoolErrors.Expired.selector, 2, block.timestamp));
        pool.joinSingle(a, 1e18, 0, address(this), 2);
    }

    function test_exitSingle_reverts() public {
        vm.expectRevert(IWeightedPoolErrors.ZeroAmount.selector);
        pool.exitSingle(a, 0, 0, address(this), FAR);
        vm.expectRevert(abi.encodeWithSelector(IWeightedPoolErrors.UnknownToken.selector, address(7)));
        pool.exitSingle(address(7), 1e18, 0, address(this), FAR);
        uint256 supply = pool.totalSupply();
        vm.expectRevert(WeightedMath.MaxOutRatio.selector);
        pool.exitSingle(a, supply * 31 / 100, 0, address(this), FAR);
        uint256 q = pool.queryExitSingle(b, 1e18);
        vm.expectRevert(abi.encodeWithSelector(IWeightedPoolErrors.AmountOutBelowMin.selector, q, q + 1));
        pool.exitSingle(b, 1e18, q + 1, address(this), FAR);
        vm.expectRevert(abi.encodeWithSelector(IWeightedPoolErrors.Expired.selector, 3, block.timestamp));
        pool.exitSingle(a, 1e18, 0, address(this), 3);
    }

    // ------------------------------------------------------------------ token behaviour

    function test_feeOnTransferToken_isRefused() public {
        FeeOnTransferToken fot = new FeeOnTransferToken(100); // 1%
        IERC20[] memory tokens = new IERC20[](2);
        tokens[0] = IERC20(address(_token(18)));
        tokens[1] = IERC20(address(fot));
        WeightedPool p = _pool(tokens, _equalWeights(2), FEE);
        MockERC20(address(tokens[0])).mint(address(this), 1e21);
        fot.mint(address(this), 1e21);
        tokens[0].approve(address(p), type(uint256).max);
        fot.approve(address(p), type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IWeightedPoolErrors.TransferShortfall.selector, address(fot), 1e20, 99e18));
        p.joinPool(0, _u2(1e20, 1e20), address(this), FAR);
    }

    function test_donation_doesNotMaskFeeOnTransfer() public {
        // a surplus already in the pool does not hide the shortfall: the check is on the transfer's delta
        FeeOnTransferToken fot = new FeeOnTransferToken(100);
        IERC20[] memory tokens = new IERC20[](2);
        tokens[0] = IERC20(address(_token(18)));
        tokens[1] = IERC20(address(fot));
        WeightedPool p = _pool(tokens, _equalWeights(2), FEE);
        fot.mint(address(p), 1e21); // donation
        MockERC20(address(tokens[0])).mint(address(this), 1e21);
        fot.mint(address(this), 1e21);
        tokens[0].approve(address(p), type(uint256).max);
        fot.approve(address(p), type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IWeightedPoolErrors.TransferShortfall.selector, address(fot), 1e20, 99e18));
        p.joinPool(0, _u2(1e20, 1e20), address(this), FAR);
    }

    function test_reentrancy_isRefused() public {
        ReentrantToken re = new ReentrantToken();
        IERC20[] memory tokens = new IERC20[](2);
        tokens[0] = IERC20(address(_token(18)));
        tokens[1] = IERC20(address(re));
        WeightedPool p = _pool(tokens, _equalWeights(2), FEE);
        MockERC20(address(tokens[0])).mint(address(this), 1e22);
        re.mint(address(this), 1e22);
        tokens[0].approve(address(p), type(uint256).max);
        re.approve(address(p), type(uint256).max);
        p.joinPool(0, _u2(1e21, 1e21), address(this), FAR);
        re.arm(address(p), abi.encodeCall(p.swapExactIn, (address(tokens[0]), address(re), 1e18, 0, address(this), FAR)));
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        p.swapExactIn(address(re), address(tokens[0]), 1e18, 0, address(this), FAR);
    }

    function test_balanceOverflow_isRefused() public {
        WeightedPool p = _pool(_tokens(_d2(18, 18)), _equalWeights(2), FEE);
        uint256 max = PoolBalances.MAX_BALANCE;
        _fund(p, address(this), _u2(max + 1, max + 1));
        vm.expectRevert(abi.encodeWithSelector(PoolBalances.BalanceOverflow.selector, 0, max + 1));
        p.joinPool(0, _u2(max + 1, max + 1), address(this), FAR);
        p.joinPool(0, _u2(max, max / 2), address(this), FAR); // at the limit is fine
        IERC20[] memory tokens = p.getTokens();
        vm.expectRevert(abi.encodeWithSelector(PoolBalances.BalanceOverflow.selector, 0, max + 1e18));
        p.swapExactIn(address(tokens[0]), address(tokens[1]), 1e18, 0, address(this), FAR);
    }

    /// @dev The i-th static argument of ABI-encoded custom error data.
    function _arg(bytes memory err, uint256 i) internal pure returns (uint256 v) {
        assembly ("memory-safe") {
            v := mload(add(add(err, 0x24), mul(i, 0x20)))
        }
    }

    function _sqrt(uint256 x) internal pure returns (uint256 y) {
        if (x == 0) return 0;
        y = x;
        uint256 z = (x + 1) / 2;
        while (z < y) {
            y = z;
            z = (x / z + z) / 2;
        }
    }
}
