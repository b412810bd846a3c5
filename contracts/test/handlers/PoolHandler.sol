// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {Test} from "../utils/Test.sol";
import {HandlerLog} from "./HandlerLog.sol";
import {MockERC20} from "../mocks/MockERC20.sol";
import {WeightedPool} from "../../src/pool/WeightedPool.sol";
import {IWeightedPoolErrors} from "../../src/pool/IWeightedPoolErrors.sol";
import {WeightedMath} from "../../src/libraries/WeightedMath.sol";
import {FixedPoint} from "../../src/libraries/FixedPoint.sol";

/// @notice Drives a WeightedPool with random swaps, joins, exits, round trips and time jumps from a few actors,
///         checking after each action what must never happen. A breach is counted (forge's invariant runner ignores
///         handler reverts), and the invariant test asserts the counters are zero.
contract PoolHandler is Test {
    using FixedPoint for uint256;

    WeightedPool public immutable pool;
    uint256 public immutable n;
    address[3] internal actors = [address(0xA1), address(0xA2), address(0xA3)];
    IERC20[] internal tokens;
    uint256[] internal scales;
    uint256[] internal weights;

    uint256 public invariantDecreases; // a swap lowered prod(B^w)
    uint256 public lpValueDecreases; // a join, exit or swap lowered invariant / supply
    uint256 public roundTripGains; // a there-and-back kept more than amount - fee
    uint256 public totalSuccesses;
    mapping(bytes32 => uint256) public calls;
    mapping(bytes32 => uint256) public successes;
    /// @notice Calls refused because the amount in or out rounds to zero (ZeroAmount): the only expected refusal,
    ///         since every amount is bounded to what the pool accepts.
    mapping(bytes32 => uint256) public dustRefusals;
    uint256 public unexpectedFailures; // any other revert of an action
    bytes32 public lastFailedKind;
    bytes public lastFailure;
    bytes32[8] internal _kinds = [
        bytes32("swapExactIn"),
        "swapExactOut",
        "joinPool",
        "exitPool",
        "joinSingle",
        "exitSingle",
        "swapRoundTrip",
        "singleRoundTrip"
    ];

    constructor(WeightedPool pool_, uint8[] memory decimals) {
        pool = pool_;
        tokens = pool_.getTokens();
        weights = pool_.getNormalizedWeights();
        n = tokens.length;
        for (uint256 t; t < n; ++t) {
            scales.push(10 ** (18 - uint256(decimals[t])));
            for (uint256 k; k < actors.length; ++k) {
                MockERC20(address(tokens[t])).mint(actors[k], type(uint128).max);
                vm.prank(actors[k]);
                tokens[t].approve(address(pool_), type(uint256).max);
            }
        }
    }

    // ------------------------------------------------------------------ actions

    function swapExactIn(uint256 actorSeed, uint256 i, uint256 o, uint256 amount) external {
        (i, o) = _pair(i, o);
        amount = bound(amount, 1, pool.getBalances()[i] * 3 / 10);
        (uint256 vBefore, uint256 valueBefore) = _state();
        calls["swapExactIn"]++;
        vm.prank(_actor(actorSeed));
        try pool.swapExactIn(_t(i), _t(o), amount, 0, _actor(actorSeed), type(uint256).max) {
            _afterSwap(vBefore, valueBefore, "swapExactIn");
        } catch (bytes memory reason) {
            _failed("swapExactIn", reason);
        }
    }

    function swapExactOut(uint256 actorSeed, uint256 i, uint256 o, uint256 amountOut) external {
        (i, o) = _pair(i, o);
        amountOut = bound(amountOut, 1, pool.getBalances()[o] * 3 / 10);
        (uint256 vBefore, uint256 valueBefore) = _state();
        calls["swapExactOut"]++;
        vm.prank(_actor(actorSeed));
        try pool.swapExactOut(_t(i), _t(o), amountOut, type(uint256).max, _actor(actorSeed), type(uint256).max) {
            _afterSwap(vBefore, valueBefore, "swapExactOut");
        } catch (bytes memory reason) {
            _failed("swapExactOut", reason);
        }
    }

    function joinPool(uint256 actorSeed, uint256 lp) external {
        lp = bound(lp, 1, pool.totalSupply());
        (, uint256 valueBefore) = _state();
        calls["joinPool"]++;
        vm.prank(_actor(actorSeed));
        try pool.joinPool(lp, _max(), _actor(actorSeed), type(uint256).max) {
            _afterLiquidity(valueBefore, "joinPool");
        } catch (bytes memory reason) {
            _failed("joinPool", reason);
        }
    }

    function exitPool(uint256 actorSeed, uint256 lp) external {
        address actor = _actor(actorSeed);
        uint256 held = pool.balanceOf(actor);
        if (held == 0) return;
        lp = bound(lp, 1, held);
        (, uint256 valueBefore) = _state();
        calls["exitPool"]++;
        vm.prank(actor);
        try pool.exitPool(lp, new uint256[](n), actor, type(uint256).max) {
            _afterLiquidity(valueBefore, "exitPool");
        } catch (bytes memory reason) {
            _failed("exitPool", reason);
        }
    }

    function joinSingle(uint256 actorSeed, uint256 t, uint256 amount) external {
        t = t % n;
        amount = bound(amount, 1, pool.getBalances()[t] * 3 / 10);
        (, uint256 valueBefore) = _state();
        calls["joinSingle"]++;
        vm.prank(_actor(actorSeed));
        try pool.joinSingle(_t(t), amount, 0, _actor(actorSeed), type(uint256).max) {
            _afterLiquidity(valueBefore, "joinSingle");
        } catch (bytes memory reason) {
            _failed("joinSingle", reason);
        }
    }

    function exitSingle(uint256 actorSeed, uint256 t, uint256 lp) external {
        address actor = _actor(actorSeed);
        uint256 held = pool.balanceOf(actor);
        if (held == 0) return;
        t = t % n;
        // at most 5% of supply: the lightest token (20%) then pays out < 23% of its balance, under MAX_OUT_RATIO
        uint256 cap = pool.totalSupply() / 20;
        lp = bound(lp, 1, held < cap ? held : cap);
        (, uint256 valueBefore) = _state();
        calls["exitSingle"]++;
        vm.prank(actor);
        try pool.exitSingle(_t(t), lp, 0, actor, type(uint256).max) {
            _afterLiquidity(valueBefore, "exitSingle");
        } catch (bytes memory reason) {
            _failed("exitSingle", reason);
        }
    }

    /// @dev Swap i -> o, then everything received back o -> i: the actor ends with less than amount - fee.
    function swapRoundTrip(uint256 actorSeed, uint256 i, uint256 o, uint256 amount) external {
        (i, o) = _pair(i, o);
        address actor = _actor(actorSeed);
        // at most 10% of the balance in: with the 50/20 weights the way back then brings < 27% of the balance, under
        // MAX_IN_RATIO, so the pool must accept both legs
        amount = bound(amount, 1, pool.getBalances()[i] / 10);
        calls["swapRoundTrip"]++;
        vm.startPrank(actor);
        try pool.swapExactIn(_t(i), _t(o), amount, 0, actor, type(uint256).max) returns (uint256 out) {
            try pool.swapExactIn(_t(o), _t(i), out, 0, actor, type(uint256).max) returns (uint256 back) {
                _success("swapRoundTrip");
                if (back > amount - amount.mulDown(pool.swapFee())) roundTripGains++;
            } catch (bytes memory reason) {
                _failed("swapRoundTrip", reason);
            }
        } catch (bytes memory reason) {
            _failed("swapRoundTrip", reason);
        }
        vm.stopPrank();
    }

    /// @dev joinSingle then exitSingle of the LP received, same token.
    function singleRoundTrip(uint256 actorSeed, uint256 t, uint256 amount) external {
        t = t % n;
        address actor = _actor(actorSeed);
        amount = bound(amount, 1, pool.getBalances()[t] / 5);
        calls["singleRoundTrip"]++;
        vm.startPrank(actor);
        try pool.joinSingle(_t(t), amount, 0, actor, type(uint256).max) returns (uint256 lp) {
            try pool.exitSingle(_t(t), lp, 0, actor, type(uint256).max) returns (uint256 back) {
                _success("singleRoundTrip");
                uint256 fee = amount.mulDown(weights[t].complement()).mulDown(pool.swapFee());
                if (back > amount - fee) roundTripGains++;
            } catch (bytes memory reason) {
                _failed("singleRoundTrip", reason);
            }
        } catch (bytes memory reason) {
            _failed("singleRoundTrip", reason);
        }
        vm.stopPrank();
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 1 days));
        vm.roll(block.number + 1);
    }

    // ------------------------------------------------------------------ counts

    function kinds() external view returns (bytes32[8] memory) {
        return _kinds;
    }

    /// @notice One line: calls/successes per action kind, and the dust refusals.
    function logCounts() external view {
        string memory line = "pool handler (calls/ok):";
        uint256 dust;
        for (uint256 k; k < _kinds.length; ++k) {
            line = string.concat(
                line,
                " ",
                HandlerLog.name(_kinds[k]),
                " ",
                vm.toString(calls[_kinds[k]]),
                "/",
                vm.toString(successes[_kinds[k]])
            );
            dust += dustRefusals[_kinds[k]];
        }
        line = string.concat(line, ", dust refused ", vm.toString(dust));
        HandlerLog.log(line);
    }

    // ------------------------------------------------------------------ checks

    function _failed(bytes32 name, bytes memory reason) private {
        if (reason.length == 4 && bytes4(reason) == IWeightedPoolErrors.ZeroAmount.selector) {
            dustRefusals[name]++;
        } else {
            unexpectedFailures++;
            (lastFailedKind, lastFailure) = (name, reason);
        }
    }

    function _success(bytes32 name) private {
        successes[name]++;
        totalSuccesses++;
    }

    function _afterSwap(uint256 vBefore, uint256 valueBefore, bytes32 name) private {
        _success(name);
        (uint256 vUp, uint256 valueUp) = _stateUp();
        if (vUp < vBefore) invariantDecreases++;
        if (valueUp < valueBefore) lpValueDecreases++;
    }

    function _afterLiquidity(uint256 valueBefore, bytes32 name) private {
        _success(name);
        (, uint256 valueUp) = _stateUp();
        if (valueUp < valueBefore) lpValueDecreases++;
    }

    /// @dev Invariant rounded down and LP value (V / supply, 36 decimals) from it: the "before" side.
    function _state() private view returns (uint256 v, uint256 value) {
        v = WeightedMath.calcInvariantDown(_scaled(), weights);
        value = Math.mulDiv(v, 1e36, pool.totalSupply());
    }

    /// @dev The same rounded up: the "after" side, so approximation error never reads as a decrease.
    function _stateUp() private view returns (uint256 v, uint256 value) {
        v = WeightedMath.calcInvariantUp(_scaled(), weights);
        value = Math.mulDiv(v, 1e36, pool.totalSupply(), Math.Rounding.Ceil);
    }

    function _scaled() private view returns (uint256[] memory b) {
        b = pool.getBalances();
        for (uint256 t; t < n; ++t) {
            b[t] *= scales[t];
        }
    }

    function _pair(uint256 i, uint256 o) private view returns (uint256, uint256) {
        i = i % n;
        o = (i + 1 + o % (n - 1)) % n;
        return (i, o);
    }

    function _actor(uint256 seed) private view returns (address) {
        return actors[seed % actors.length];
    }

    function _t(uint256 t) private view returns (address) {
        return address(tokens[t]);
    }

    function _max() private view returns (uint256[] memory m) {
        m = new uint256[](n);
        for (uint256 t; t < n; ++t) {
            m[t] = type(uint256).max;
        }
    }
}
