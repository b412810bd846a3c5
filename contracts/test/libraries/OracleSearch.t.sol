// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "../utils/Test.sol";
import {Oracle} from "../../src/libraries/Oracle.sol";
import {OracleBisect} from "./OracleBisect.sol";

/// @notice One observation ring (COMPACT or group ring 0) in its own storage, written by Oracle, read both by the
///         current Oracle (seeded interpolation search) and by OracleBisect (the former whole-ring bisection).
contract OracleHarness {
    uint256 public immutable ring;
    uint256 public index;
    uint256 public capacity = 1;

    constructor(uint256 ring_) {
        ring = ring_;
    }

    function initialize(uint32 time) external {
        Oracle.initialize(ring, time);
    }

    function write(uint32 time, int256 lnA, int256 lnB) external {
        index = ring == Oracle.COMPACT ? Oracle.writeCompact(index, time, lnA) : Oracle.write(ring, index, time, lnA, lnB);
    }

    function grow(uint256 next) external {
        if (next <= capacity) return;
        Oracle.grow(ring, capacity, next);
        capacity = next;
    }

    function observeNew(uint32 secondsAgo, uint256 k, int256 lnNow) external view returns (int256) {
        return Oracle.observe(_ring(), secondsAgo, k, lnNow);
    }

    function observeOld(uint32 secondsAgo, uint256 k, int256 lnNow) external view returns (int256) {
        OracleBisect.Ring memory r = OracleBisect.Ring({
            ring: ring,
            index: index,
            len: OracleBisect.length(ring, capacity, index),
            time: uint32(block.timestamp)
        });
        return OracleBisect.observe(r, secondsAgo, k, lnNow);
    }

    function coveredNew(uint32 secondsAgo) external view returns (bool) {
        Oracle.requireCovered(_ring(), secondsAgo);
        return true;
    }

    function coveredOld(uint32 secondsAgo) external view returns (bool) {
        OracleBisect.Ring memory r = OracleBisect.Ring({
            ring: ring,
            index: index,
            len: OracleBisect.length(ring, capacity, index),
            time: uint32(block.timestamp)
        });
        OracleBisect.requireCovered(r, secondsAgo);
        return true;
    }

    function _ring() private view returns (Oracle.Ring memory) {
        uint256 capacitySlot;
        assembly ("memory-safe") {
            capacitySlot := capacity.slot
        }
        return Oracle.Ring({ring: ring, index: index, capacitySlot: capacitySlot, time: uint32(block.timestamp)});
    }
}

/// @notice The seeded search must return exactly what the whole-ring bisection returned (the bracketing pair of
///         observations is unique, so any correct search agrees bit for bit), and revert alike when the ring does
///         not reach back far enough: over dense, sparse, wrapped and grown-while-wrapped rings, both layouts.
contract OracleSearchTest is Test {
    uint256 internal constant T0 = 1_700_000_000;

    event log_named_uint(string key, uint256 val);

    function testFuzz_seededSearch_matchesBisection(uint256 seed, bool compact) public {
        OracleHarness h = new OracleHarness(compact ? Oracle.COMPACT : 0);
        uint256 t = T0 + (seed % 97);
        vm.warp(t);
        if (seed % 5 == 0) h.grow(2 + (seed >> 8) % 20); // grown before the first observation
        h.initialize(uint32(t));
        uint256 writes = 10 + (seed >> 16) % 140;
        uint256 r = seed;
        for (uint256 i; i < writes; ++i) {
            r = uint256(keccak256(abi.encode(r)));
            // mostly busy (several writes per 30 s bucket), sometimes idle for minutes or hours
            uint256 gap = r % 10 < 7 ? 1 + (r >> 8) % 15 : 30 + (r >> 8) % 7200;
            t += gap;
            vm.warp(t);
            int256 ln = int256((r >> 40) % 200e18) - 100e18;
            h.write(uint32(t), ln, -ln / 3);
            if ((r >> 100) % 23 == 0) h.grow(h.capacity() + 1 + (r >> 120) % 30); // also while wrapped
        }
        t += (r >> 140) % 100;
        vm.warp(t);
        uint256 span = t - (T0 + (seed % 97)) + 100;
        int256 lnNow = int256((r >> 160) % 1e18);
        for (uint256 j; j < 40; ++j) {
            r = uint256(keccak256(abi.encode(r, j)));
            uint32 ago = uint32(j < 4 ? r % 60 : r % span);
            _assertSame(h, ago, (r >> 200) % 2, lnNow);
        }
    }

    /// @dev A ring written every 12 s (two observations per bucket, every third write carried on in place), read at
    ///      every age across its whole span: every pair boundary, exact hits and misses.
    function test_seededSearch_denseRing_everyAge() public {
        OracleHarness h = new OracleHarness(Oracle.COMPACT);
        vm.warp(T0);
        h.grow(40);
        h.initialize(uint32(T0));
        for (uint256 i = 1; i <= 60; ++i) {
            vm.warp(T0 + 12 * i);
            h.write(uint32(T0 + 12 * i), int256(i) * 1e16, 0);
        }
        vm.warp(T0 + 12 * 60 + 5);
        for (uint32 ago; ago <= 12 * 60 + 6; ++ago) {
            _assertSame(h, ago, 0, 7e17);
        }
    }

    function _assertSame(OracleHarness h, uint32 ago, uint256 k, int256 lnNow) private view {
        (bool okNew, bytes memory outNew) = address(h).staticcall(abi.encodeCall(h.observeNew, (ago, k, lnNow)));
        (bool okOld, bytes memory outOld) = address(h).staticcall(abi.encodeCall(h.observeOld, (ago, k, lnNow)));
        vm.assertEq(okNew, okOld, string.concat("success differs at age ", vm.toString(ago)));
        vm.assertEq(outNew, outOld, string.concat("result differs at age ", vm.toString(ago)));
        (okNew, outNew) = address(h).staticcall(abi.encodeCall(h.coveredNew, (ago)));
        (okOld, outOld) = address(h).staticcall(abi.encodeCall(h.coveredOld, (ago)));
        vm.assertEq(okNew, okOld, "coverage differs");
        vm.assertEq(outNew, outOld, "coverage revert differs");
    }
}
