// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {PoolFixture} from "./PoolFixture.sol";
import {WeightedPool} from "../../src/pool/WeightedPool.sol";

/// @notice Execution gas of a TWAP read (what each PoolTwapAdapter and the venue pay in a guarded rebalance), with
///         the ring's storage cold as in a fresh transaction (everything is written in setUp). Three rings of 1,000
///         slots: "full" = a 2-token pool traded every 12 s until the ring wrapped (two observations per 30 s
///         bucket, the busy case); "sparse" = one trade every 10 minutes, 200 observations, not wrapped; "full8" =
///         an 8-token pool traded every 12 s on tokens 0 and 7 (both rings of the read wrapped). Run with -vv to
///         print the figures. Before the seeded search (whole-ring bisection, length and capacity read on every
///         read): full 47,519, sparse 33,201, full8 98,786; after: 21,520, 23,497, 43,648, of which ~17,900 is the
///         read without any search (getTwap over 3 s here: the cold pool, word 0 and newest slot, ln and exp). The
///         budgets fail the test if a change brings the whole-ring search back.
contract WeightedPoolTwapGasTest is PoolFixture {
    event log_named_uint(string key, uint256 val);

    uint256 internal constant T0 = 1_700_000_000;
    uint32 internal constant WINDOW = 30 minutes;
    uint16 internal constant CAPACITY = 1000;

    WeightedPool internal full;
    WeightedPool internal sparse;
    WeightedPool internal full8;
    address internal a;
    address internal b;
    address internal x8;
    address internal y8;

    function setUp() public {
        vm.warp(T0);
        IERC20[] memory two = _tokens(_d2(18, 6));
        (a, b) = (_addr(two[0]), _addr(two[1]));
        full = _ringPool(two);
        sparse = _ringPool(two);

        uint8[] memory dec8 = new uint8[](8);
        uint256[] memory amounts = new uint256[](8);
        for (uint256 i; i < 8; ++i) {
            dec8[i] = 18;
            amounts[i] = 1_000_000e18;
        }
        IERC20[] memory eight = _tokens(dec8);
        (x8, y8) = (_addr(eight[0]), _addr(eight[7]));
        full8 = _pool(eight, _equalWeights(8), FEE);
        _init(full8, amounts);
        _fund(full8, address(this), amounts);
        full8.increaseObservationCardinality(CAPACITY);

        uint256 t = T0;
        for (uint256 i; i < 1500; ++i) {
            t += 12;
            vm.warp(t);
            bool up = i % 2 == 0;
            full.swapExactIn(up ? a : b, up ? b : a, up ? 1e18 : 3_000e6, 0, address(this), FAR);
            full8.swapExactIn(up ? x8 : y8, up ? y8 : x8, 1_000e18, 0, address(this), FAR);
            if (i % 50 == 0) sparse.swapExactIn(up ? a : b, up ? b : a, up ? 1e18 : 3_000e6, 0, address(this), FAR);
        }
        (, uint256 len,,) = full.observationState();
        vm.assertEq(len, CAPACITY, "full ring wrapped");
        vm.warp(t + 5);
    }

    function _ringPool(IERC20[] memory tokens) private returns (WeightedPool p) {
        p = _pool(tokens, _equalWeights(2), FEE);
        _init(p, _u2(1_000e18, 3_000_000e6));
        _fund(p, address(this), _u2(10_000e18, 30_000_000e6));
        p.increaseObservationCardinality(CAPACITY);
    }

    function test_gas_twapRead_fullRing() public {
        _measure(full, b, "twap_read_full_ring", 24_000);
    }

    function test_gas_twapRead_sparseRing() public {
        _measure(sparse, b, "twap_read_sparse_ring", 26_000);
    }

    function test_gas_twapRead_fullRing8() public {
        _measure(full8, y8, "twap_read_full_ring_8_tokens", 48_000);
    }

    function _measure(WeightedPool pool, address token, string memory name, uint256 budget) private {
        vm.startSnapshotGas(name);
        uint256 twap = pool.getTwap(token, WINDOW);
        uint256 used = vm.stopSnapshotGas();
        emit log_named_uint(name, used);
        vm.assertGt(twap, 0, "a price");
        vm.assertLe(used, budget, string.concat(name, " over budget"));
    }
}
