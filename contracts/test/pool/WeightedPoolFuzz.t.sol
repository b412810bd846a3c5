// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {PoolFixture} from "./PoolFixture.sol";
import {WeightedPool} from "../../src/pool/WeightedPool.sol";
import {WeightedMath} from "../../src/libraries/WeightedMath.sol";
import {FixedPoint} from "../../src/libraries/FixedPoint.sol";

/// @notice Fuzz tests over decimals (0..18), weights, balances and amounts: execution equals the query, the
///         invariant never decreases through a swap, the value of one LP token never decreases through joins and
///         exits, and round trips lose at least the fee.
contract WeightedPoolFuzzTest is PoolFixture {
    using FixedPoint for uint256;

    struct Setup {
        WeightedPool pool;
        IERC20[] tokens;
        uint8[] decimals;
        uint256[] weights;
    }

    function setUp() public {
        vm.warp(1_700_000_000);
        _deployFactory();
    }

    // ------------------------------------------------------------------ swaps

    function testFuzz_swapExactIn_invariantNeverDecreases(
        uint8 d0,
        uint8 d1,
        uint256 w0,
        uint256 bal0,
        uint256 bal1,
        uint256 amount,
        uint256 fee
    ) public {
        Setup memory s = _setup2(d0, d1, w0, bal0, bal1, fee);
        uint256[] memory bal = s.pool.getBalances();
        amount = bound(amount, 1, bal[0] * 29 / 100);
        uint256 quoted = s.pool.querySwapExactIn(_addr(s.tokens[0]), _addr(s.tokens[1]), amount);
        vm.assume(quoted > 0);
        (uint256 vBefore,) = _invariants(s);
        _mintAndApprove(s.pool, _addr(s.tokens[0]), address(this), amount);
        uint256 out = s.pool.swapExactIn(_addr(s.tokens[0]), _addr(s.tokens[1]), amount, quoted, address(this), FAR);
        vm.assertEq(out, quoted, "query");
        vm.assertLt(out, bal[1], "never drains");
        (, uint256 vAfterUp) = _invariants(s);
        vm.assertGe(vAfterUp, vBefore, "invariant decreased");
    }

    function testFuzz_swapExactOut_invariantNeverDecreases(
        uint8 d0,
        uint8 d1,
        uint256 w0,
        uint256 bal0,
        uint256 bal1,
        uint256 amountOut,
        uint256 fee
    ) public {
        Setup memory s = _setup2(d0, d1, w0, bal0, bal1, fee);
        uint256[] memory bal = s.pool.getBalances();
        amountOut = bound(amountOut, 1, bal[1] * 29 / 100);
        uint256 quoted = s.pool.querySwapExactOut(_addr(s.tokens[0]), _addr(s.tokens[1]), amountOut);
        vm.assume(quoted <= bal[0] * 29 / 100); // within MaxInRatio, else the swap is refused anyway
        (uint256 vBefore,) = _invariants(s);
        _mintAndApprove(s.pool, _addr(s.tokens[0]), address(this), quoted);
        uint256 amountIn =
            s.pool.swapExactOut(_addr(s.tokens[0]), _addr(s.tokens[1]), amountOut, quoted, address(this), FAR);
        vm.assertEq(amountIn, quoted, "query");
        vm.assertGt(amountIn, 0, "never free");
        (, uint256 vAfterUp) = _invariants(s);
        vm.assertGe(vAfterUp, vBefore, "invariant decreased");
    }

    function testFuzz_swapRoundTrip_losesAtLeastTheFee(
        uint8 d0,
        uint8 d1,
        uint256 w0,
        uint256 bal0,
        uint256 bal1,
        uint256 amount,
        uint256 fee
    ) public {
        Setup memory s = _setup2(d0, d1, w0, bal0, bal1, fee);
        (address t0, address t1) = (_addr(s.tokens[0]), _addr(s.tokens[1]));
        amount = bound(amount, 1, s.pool.getBalances()[0] / 5);
        uint256 out = s.pool.querySwapExactIn(t0, t1, amount);
        vm.assume(out > 0 && out <= s.pool.getBalances()[1] / 5);
        _mintAndApprove(s.pool, t0, address(this), amount);
        s.pool.swapExactIn(t0, t1, amount, 0, address(this), FAR);
        uint256 back = s.pool.querySwapExactIn(t1, t0, out);
        if (back > 0) s.pool.swapExactIn(t1, t0, out, 0, address(this), FAR);
        vm.assertLe(back, amount - amount.mulDown(s.pool.swapFee()), "round trip kept more than in - fee");
    }

    // ------------------------------------------------------------------ liquidity

    function testFuzz_proportionalJoinExit_lpValueNeverDecreases(
        uint8 d0,
        uint8 d1,
        uint256 w0,
        uint256 bal0,
        uint256 bal1,
        uint256 lp,
        uint256 fee
    ) public {
        Setup memory s = _setup2(d0, d1, w0, bal0, bal1, fee);
        uint256 supply = s.pool.totalSupply();
        lp = bound(lp, 1, supply * 3);
        (uint256 vDown,) = _invariants(s);
        uint256 valueBefore = Math.mulDiv(vDown, 1e36, supply);

        uint256[] memory q = s.pool.queryJoin(lp);
        _mintAndApprove(s.pool, _addr(s.tokens[0]), address(this), q[0]);
        _mintAndApprove(s.pool, _addr(s.tokens[1]), address(this), q[1]);
        uint256[] memory paid = s.pool.joinPool(lp, q, address(this), FAR);
        (, uint256 vUp) = _invariants(s);
        vm.assertGe(Math.mulDiv(vUp, 1e36, s.pool.totalSupply()), valueBefore, "join diluted LP value");

        (vDown,) = _invariants(s);
        valueBefore = Math.mulDiv(vDown, 1e36, s.pool.totalSupply());
        uint256[] memory got = s.pool.exitPool(lp, _u2(0, 0), address(this), FAR);
        (, vUp) = _invariants(s);
        vm.assertGe(Math.mulDiv(vUp, 1e36, s.pool.totalSupply()), valueBefore, "exit diluted LP value");
        vm.assertLe(got[0], paid[0], "exit paid more than join took (0)");
        vm.assertLe(got[1], paid[1], "exit paid more than join took (1)");
    }

    function testFuzz_singleJoinExit_losesAtLeastTheFee(
        uint8 d0,
        uint8 d1,
        uint256 w0,
        uint256 bal0,
        uint256 bal1,
        uint256 amount,
        uint256 fee
    ) public {
        Setup memory s = _setup2(d0, d1, w0, bal0, bal1, fee);
        address t1 = _addr(s.tokens[1]);
        amount = bound(amount, 1, s.pool.getBalances()[1] / 5);
        uint256 lp = s.pool.queryJoinSingle(t1, amount);
        vm.assume(lp > 0);
        (uint256 vDown,) = _invariants(s);
        uint256 valueBefore = Math.mulDiv(vDown, 1e36, s.pool.totalSupply());
        _mintAndApprove(s.pool, t1, address(this), amount);
        s.pool.joinSingle(t1, amount, lp, address(this), FAR);
        (, uint256 vUp) = _invariants(s);
        vm.assertGe(Math.mulDiv(vUp, 1e36, s.pool.totalSupply()), valueBefore, "single join diluted LP value");

        (vDown,) = _invariants(s);
        valueBefore = Math.mulDiv(vDown, 1e36, s.pool.totalSupply());
        uint256 back = s.pool.queryExitSingle(t1, lp);
        if (back > 0) s.pool.exitSingle(t1, lp, back, address(this), FAR);
        (, vUp) = _invariants(s);
        vm.assertGe(Math.mulDiv(vUp, 1e36, s.pool.totalSupply()), valueBefore, "single exit diluted LP value");
        uint256 feeOnNonProportional = amount.mulDown(s.weights[1].complement()).mulDown(s.pool.swapFee());
        vm.assertLe(back, amount - feeOnNonProportional, "round trip kept more than in - fee");
    }

    // ------------------------------------------------------------------ N tokens

    function testFuzz_nTokens_swapAnyPair(uint256 seed, uint8 n, uint256 amount) public {
        n = uint8(bound(n, 2, 8));
        Setup memory s = _setupN(seed, n);
        uint256 i = seed % n;
        uint256 o = (i + 1 + (seed >> 8) % (n - 1)) % n;
        uint256[] memory bal = s.pool.getBalances();
        amount = bound(amount, 1, bal[i] * 29 / 100);
        uint256 quoted = s.pool.querySwapExactIn(_addr(s.tokens[i]), _addr(s.tokens[o]), amount);
        vm.assume(quoted > 0);
        (uint256 vBefore,) = _invariants(s);
        _mintAndApprove(s.pool, _addr(s.tokens[i]), address(this), amount);
        vm.warp(block.timestamp + 1 + seed % 1000); // also exercises the multi-word oracle write
        uint256 out = s.pool.swapExactIn(_addr(s.tokens[i]), _addr(s.tokens[o]), amount, 0, address(this), FAR);
        vm.assertEq(out, quoted, "query");
        (, uint256 vAfterUp) = _invariants(s);
        vm.assertGe(vAfterUp, vBefore, "invariant decreased");
        uint256[] memory after_ = s.pool.getBalances();
        for (uint256 t; t < n; ++t) {
            vm.assertGe(s.tokens[t].balanceOf(address(s.pool)), after_[t], "pool holds what it accounts");
        }
    }

    // ------------------------------------------------------------------ set-up helpers

    function _setup2(uint8 d0, uint8 d1, uint256 w0, uint256 bal0, uint256 bal1, uint256 fee)
        internal
        returns (Setup memory s)
    {
        s.decimals = _d2(uint8(bound(d0, 0, 18)), uint8(bound(d1, 0, 18)));
        w0 = bound(w0, 0.01e18, 0.99e18);
        s.weights = _u2(w0, 1e18 - w0);
        s.tokens = _tokens(s.decimals);
        s.pool = _pool(s.tokens, s.weights, bound(fee, 1e12, 1e17));
        // 1 .. 1e12 whole tokens each, at least 1e6 raw units so amounts have room
        uint256[] memory amounts = _u2(_balance(bal0, s.decimals[0]), _balance(bal1, s.decimals[1]));
        _init(s.pool, amounts);
    }

    function _setupN(uint256 seed, uint256 n) internal returns (Setup memory s) {
        s.decimals = new uint8[](n);
        s.weights = new uint256[](n);
        uint256[] memory amounts = new uint256[](n);
        uint256[] memory raw = new uint256[](n);
        uint256 sumRaw;
        for (uint256 t; t < n; ++t) {
            uint256 r = uint256(keccak256(abi.encode(seed, t)));
            s.decimals[t] = uint8(r % 19);
            raw[t] = 1 + (r >> 8) % 100;
            sumRaw += raw[t];
            amounts[t] = _balance(r >> 16, s.decimals[t]);
        }
        uint256 spare = 1e18 - n * 1e16;
        uint256 sum;
        for (uint256 t; t < n; ++t) {
            s.weights[t] = 1e16 + spare * raw[t] / sumRaw;
            sum += s.weights[t];
        }
        s.weights[0] += 1e18 - sum;
        s.tokens = _tokens(s.decimals);
        s.pool = _pool(s.tokens, s.weights, FEE);
        _init(s.pool, amounts);
    }

    function _balance(uint256 x, uint8 decimals) internal pure returns (uint256) {
        uint256 unit = 10 ** uint256(decimals);
        uint256 lo = unit < 1e6 ? 1e6 : unit;
        return bound(x, lo, 1e12 * unit);
    }

    /// @dev (rounded-down, rounded-up) invariant of the pool's current balances.
    function _invariants(Setup memory s) internal view returns (uint256 down, uint256 up) {
        uint256[] memory bal = s.pool.getBalances();
        for (uint256 t; t < bal.length; ++t) {
            bal[t] *= 10 ** (18 - uint256(s.decimals[t]));
        }
        down = WeightedMath.calcInvariantDown(bal, s.weights);
        up = WeightedMath.calcInvariantUp(bal, s.weights);
    }
}
