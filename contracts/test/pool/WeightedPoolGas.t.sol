// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {PoolFixture} from "./PoolFixture.sol";
import {WeightedPool} from "../../src/pool/WeightedPool.sol";

/// @notice Execution gas of the hot paths, recorded with snapshot cheatcodes (`forge snapshot`, snapshots/ files).
///         Everything is prepared in setUp so the measured call starts with cold storage like a fresh transaction:
///         the trader already approved the pool and holds both tokens, and the pool's and the trader's token balances
///         are nonzero before and after. The figures exclude the 21,000 base and calldata; they include the cold
///         access to the pool address (2,600), which a real transaction gets warm as its `to`.
contract WeightedPoolGasTest is PoolFixture {
    /// @dev Execution budget that keeps a whole 2-token swap transaction under 90,000 gas:
    ///      90,000 - 21,000 base - ~2,000 calldata + 2,600 (pool cold here, warm as tx.to).
    uint256 internal constant SWAP2_EXECUTION_BUDGET = 69_000;

    address internal constant TRADER = address(0xBEEF);
    uint256 internal constant T0 = 1_700_000_000;

    WeightedPool internal pool2;
    WeightedPool internal pool2Uneven;
    WeightedPool internal pool8;
    WeightedPool internal pool8Ring;
    WeightedPool internal pool2Ring;
    WeightedPool internal pool2RingOdd;
    address internal a2;
    address internal b2;
    address internal a;
    address internal b;
    address internal c;
    address internal d;
    address internal e8;
    address internal f8;

    function setUp() public {
        vm.warp(T0);
        IERC20[] memory two = _tokens(_d2(18, 6));
        (a, b) = (_addr(two[0]), _addr(two[1]));
        pool2 = _pool(two, _equalWeights(2), FEE);
        _init(pool2, _u2(1_000e18, 3_000_000e6));
        _trader(pool2, _u2(100e18, 300_000e6));

        IERC20[] memory uneven = _tokens(_d2(8, 18));
        (c, d) = (_addr(uneven[0]), _addr(uneven[1]));
        pool2Uneven = _pool(uneven, _u2(0.8e18, 0.2e18), FEE);
        _init(pool2Uneven, _u2(100e8, 1_000_000e18));
        _trader(pool2Uneven, _u2(10e8, 100_000e18));

        // two pools with a 16-slot ring, trading every 12 s (two observations per 30 s bucket, the third carried on in
        // place): after the swaps below, the measured write of pool2RingOdd shares its slot (2 observations per
        // slot) and that of pool2Ring moves to the next one
        IERC20[] memory ringTokens = _tokens(_d2(18, 6));
        (a2, b2) = (_addr(ringTokens[0]), _addr(ringTokens[1]));
        pool2Ring = _ringPool(ringTokens, 3);
        pool2RingOdd = _ringPool(ringTokens, 4);

        uint8[] memory dec8 = new uint8[](8);
        for (uint256 i; i < 8; ++i) {
            dec8[i] = uint8(i % 2 == 0 ? 18 : 6);
        }
        IERC20[] memory eight = _tokens(dec8);
        (e8, f8) = (_addr(eight[2]), _addr(eight[5]));
        pool8 = _pool(eight, _equalWeights(8), FEE);
        uint256[] memory amounts = new uint256[](8);
        for (uint256 i; i < 8; ++i) {
            amounts[i] = i % 2 == 0 ? 1_000_000e18 : 1_000_000e6;
        }
        _init(pool8, amounts);
        for (uint256 i; i < 8; ++i) {
            amounts[i] /= 10;
        }
        _trader(pool8, amounts);
        // the same pool with a 16-slot ring: its measured write appends to a fresh slot of each of the two group
        // rings it touches (the worst case of an 8-token swap, which a client's gas margin must cover)
        pool8Ring = _pool(eight, _equalWeights(8), FEE);
        for (uint256 i; i < 8; ++i) {
            amounts[i] *= 10;
        }
        _init(pool8Ring, amounts);
        pool8Ring.increaseObservationCardinality(16);
        for (uint256 i; i < 8; ++i) {
            amounts[i] /= 10;
        }
        _trader(pool8Ring, amounts);

        // one swap per pool now, so the observation of block T0+12 exists before the measured "warm" swaps
        vm.warp(block.timestamp + 12);
        vm.roll(block.number + 1);
        vm.startPrank(TRADER);
        pool2.swapExactIn(a, b, 1e18, 0, TRADER, FAR);
        pool2Uneven.swapExactIn(c, d, 1e6, 0, TRADER, FAR);
        pool8.swapExactIn(e8, f8, 1e18, 0, TRADER, FAR);
        pool8Ring.swapExactIn(e8, f8, 1e18, 0, TRADER, FAR);
        pool2Ring.swapExactIn(a2, b2, 1e18, 0, TRADER, FAR);
        pool2RingOdd.swapExactIn(a2, b2, 1e18, 0, TRADER, FAR);
        vm.stopPrank();
    }

    function _ringPool(IERC20[] memory tokens, uint256 blocks) private returns (WeightedPool p) {
        p = _pool(tokens, _equalWeights(2), FEE);
        _init(p, _u2(1_000e18, 3_000_000e6));
        _trader(p, _u2(100e18, 300_000e6));
        p.increaseObservationCardinality(16);
        for (uint256 k; k < blocks; ++k) {
            vm.warp(block.timestamp + 12);
            vm.prank(TRADER);
            p.swapExactIn(b2, a2, 1_000e6, 0, TRADER, FAR);
        }
    }

    function _trader(WeightedPool pool, uint256[] memory amounts) private {
        _fund(pool, TRADER, amounts);
    }

    function test_gas_swap2_exactIn_warm() public {
        vm.startPrank(TRADER);
        vm.startSnapshotGas("swap2_exactIn_warm");
        pool2.swapExactIn(a, b, 1e18, 0, TRADER, FAR);
        uint256 used = vm.stopSnapshotGas();
        vm.stopPrank();
        vm.assertLe(used, SWAP2_EXECUTION_BUDGET, "2-token swap over budget");
    }

    /// @dev First swap of a new block: it also writes the oracle observation (ring of one slot, the default).
    ///      Compare with swap2_exactIn_warm for the oracle's cost.
    function test_gas_swap2_exactIn_newBlock() public {
        _nextBlock();
        vm.startPrank(TRADER);
        vm.startSnapshotGas("swap2_exactIn_newBlock");
        pool2.swapExactIn(a, b, 1e18, 0, TRADER, FAR);
        uint256 used = vm.stopSnapshotGas();
        vm.stopPrank();
        vm.assertLe(used, SWAP2_EXECUTION_BUDGET, "2-token new-block swap over budget");
    }

    /// @dev As above with a grown ring (16 slots, prepared in setUp). Two observations share a slot: the write
    ///      lands in the slot it reads from (same cost as a ring of one) or in the next slot (one more cold slot).
    function test_gas_swap2_exactIn_newBlock_ring16() public {
        _nextBlock();
        vm.startPrank(TRADER);
        vm.startSnapshotGas("swap2_exactIn_newBlock_ring16_sameSlot");
        pool2RingOdd.swapExactIn(a2, b2, 1e18, 0, TRADER, FAR);
        uint256 used = vm.stopSnapshotGas();
        vm.stopPrank();
        vm.assertLe(used, SWAP2_EXECUTION_BUDGET, "2-token new-block swap over budget");
    }

    function test_gas_swap2_exactIn_newBlock_ring16_crossSlot() public {
        _nextBlock();
        vm.startPrank(TRADER);
        vm.startSnapshotGas("swap2_exactIn_newBlock_ring16_nextSlot");
        pool2Ring.swapExactIn(a2, b2, 1e18, 0, TRADER, FAR);
        uint256 used = vm.stopSnapshotGas();
        vm.stopPrank();
        vm.assertLe(used, SWAP2_EXECUTION_BUDGET, "2-token new-block swap over budget");
    }

    function test_gas_swap2_exactIn_warm_ring16() public {
        vm.startPrank(TRADER);
        vm.startSnapshotGas("swap2_exactIn_warm_ring16");
        pool2Ring.swapExactIn(a2, b2, 1e18, 0, TRADER, FAR);
        vm.stopSnapshotGas();
        vm.stopPrank();
    }

    function test_gas_swap2_exactOut_warm() public {
        vm.startPrank(TRADER);
        vm.startSnapshotGas("swap2_exactOut_warm");
        pool2.swapExactOut(a, b, 3_000e6, type(uint256).max, TRADER, FAR);
        vm.stopSnapshotGas();
        vm.stopPrank();
    }

    function test_gas_swap2_uneven_exactIn_warm() public {
        vm.startPrank(TRADER);
        vm.startSnapshotGas("swap2_80_20_exactIn_warm");
        uint256 used = pool2Uneven.swapExactIn(c, d, 1e6, 0, TRADER, FAR) > 0 ? vm.stopSnapshotGas() : 0;
        vm.stopPrank();
        vm.assertLe(used, SWAP2_EXECUTION_BUDGET + 5_000, "80/20 swap far over budget");
    }

    function test_gas_swap8_exactIn() public {
        vm.startPrank(TRADER);
        vm.startSnapshotGas("swap8_exactIn");
        pool8.swapExactIn(e8, f8, 1e18, 0, TRADER, FAR);
        vm.stopSnapshotGas();
        vm.stopPrank();
    }

    function test_gas_swap8_exactIn_newBlock() public {
        _nextBlock();
        vm.startPrank(TRADER);
        vm.startSnapshotGas("swap8_exactIn_newBlock");
        pool8.swapExactIn(e8, f8, 1e18, 0, TRADER, FAR);
        vm.stopSnapshotGas();
        vm.stopPrank();
    }

    /// @dev Worst case of the oracle write: both group rings append into a fresh (placeholder) slot, one more cold
    ///      slot each than a ring of one. Compare with swap8_exactIn for the write's cost (README, client section).
    function test_gas_swap8_exactIn_newBlock_ring16() public {
        _nextBlock();
        vm.startPrank(TRADER);
        vm.startSnapshotGas("swap8_exactIn_newBlock_ring16_nextSlot");
        pool8Ring.swapExactIn(e8, f8, 1e18, 0, TRADER, FAR);
        uint256 used = vm.stopSnapshotGas();
        vm.stopPrank();
        (uint256 index,,,) = pool8Ring.observationState();
        vm.assertEq(index, 0, "group 0 untouched by a 2 -> 5 swap");
        // the same-block 8-token swap (swap8_exactIn) stays under 66,000; the write must fit in the 25,000 that
        // `ballast pool swap` adds to a raw estimate (OracleGasMargin.MARGIN, README client section)
        vm.assertLe(used, 66_000 + 25_000, "8-token oracle write beyond the client gas margin");
    }

    function test_gas_joinExit2() public {
        uint256[] memory max = _fill(2, type(uint256).max);
        vm.startPrank(TRADER);
        vm.startSnapshotGas("join2_proportional");
        pool2.joinPool(1e18, max, TRADER, FAR);
        vm.stopSnapshotGas();
        vm.startSnapshotGas("exit2_proportional");
        pool2.exitPool(1e18, _fill(2, 0), TRADER, FAR);
        vm.stopSnapshotGas();
        vm.stopPrank();
    }

    function _nextBlock() private {
        vm.warp(block.timestamp + 12);
        vm.roll(block.number + 1);
    }
}
