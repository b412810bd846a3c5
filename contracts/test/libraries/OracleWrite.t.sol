// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Test} from "../utils/Test.sol";
import {Oracle} from "../../src/libraries/Oracle.sol";
import {OracleBisect} from "./OracleBisect.sol";

/// @notice A COMPACT ring written by the current Oracle.writeCompact (one assembly block) or by OracleBisect's copy of
///         the Solidity version it replaced.
contract CompactWriter {
    bool public immutable current;
    uint256 public index;

    constructor(bool current_) {
        current = current_;
    }

    function initialize(uint32 time) external {
        if (current) Oracle.initialize(Oracle.COMPACT, time);
        else OracleBisect.initialize(OracleBisect.COMPACT, time);
    }

    function grow(uint256 from, uint256 to) external {
        if (current) Oracle.grow(Oracle.COMPACT, from, to);
        else OracleBisect.grow(OracleBisect.COMPACT, from, to);
    }

    function write(uint32 time, int256 lnPrice) external returns (uint256) {
        index = current ? Oracle.writeCompact(index, time, lnPrice) : OracleBisect.writeCompact(index, time, lnPrice);
        return index;
    }
}

/// @notice The assembly writeCompact must leave storage bit for bit as the Solidity version did and return the same
///         index: on fresh, grown, wrapped and grown-while-wrapped rings, rings of one slot, busy and idle
///         stretches (in-place carries, bucket changes, 2^32-second clock wraps) and logs of either sign up to the
///         oracle's extremes.
contract OracleWriteTest is Test {
    uint256 internal constant BASE = 0x52e33fa5eceb10ee9619cad554367a1bbff9f408ecf44fd30550f816d7488ce9;
    /// @dev |ln| of a wad price is below 100e18 for any price the pool can hold; the write accepts up to 2^47 pico.
    int256 internal constant MAX_LN = 140e18;

    function testFuzz_writeCompact_matchesSolidityVersion(uint256 seed) public {
        CompactWriter a = new CompactWriter(true);
        CompactWriter b = new CompactWriter(false);
        uint256 capacity = 1;
        uint256 t = 1_700_000_000 + seed % 1000;
        if (seed % 3 == 0) capacity = _grow(a, b, capacity, 2 + (seed >> 8) % 9);
        a.initialize(uint32(t));
        b.initialize(uint32(t));
        _assertSameSlots(a, b, capacity);
        uint256 r = seed;
        uint256 writes = 20 + (seed >> 16) % 80;
        for (uint256 i; i < writes; ++i) {
            r = uint256(keccak256(abi.encode(r, i)));
            uint256 kind = r % 16;
            // busy (several writes per bucket), bucket-sized, idle, and now and then a jump past 2^32 seconds
            uint256 gap = kind < 9 ? 1 + (r >> 8) % 14 : kind < 13 ? 25 + (r >> 8) % 40 : kind < 15 ? 600 + (r >> 8) % 90_000
                : (1 << 32) - 1 - (r >> 8) % 100;
            t += gap;
            int256 ln = int256((r >> 64) % uint256(2 * MAX_LN + 1)) - MAX_LN;
            if ((r >> 200) % 7 == 0) ln = (r >> 210) % 2 == 0 ? MAX_LN : -MAX_LN;
            uint256 ia = a.write(uint32(t), ln);
            uint256 ib = b.write(uint32(t), ln);
            vm.assertEq(ia, ib, "index");
            if ((r >> 150) % 19 == 0) capacity = _grow(a, b, capacity, capacity + 1 + (r >> 160) % 7);
            _assertSameSlots(a, b, capacity);
        }
        vm.assertTrue(vm.load(address(a), bytes32(BASE)) != 0, "the ring was written");
    }

    /// @dev A ring of one slot (the pool's default) is rewritten in place at every write: the case the first swap of
    ///      each block pays in a pool nobody grew.
    function test_writeCompact_ringOfOne_matches() public {
        CompactWriter a = new CompactWriter(true);
        CompactWriter b = new CompactWriter(false);
        a.initialize(1000);
        b.initialize(1000);
        int256[5] memory lns = [int256(3e17), -2e18, 0, 7e16, -1];
        uint32 t = 1000;
        for (uint256 i; i < 25; ++i) {
            t += uint32(5 + (i * 7) % 40);
            vm.assertEq(a.write(t, lns[i % 5]), uint256(0), "ring of one stays at index 0");
            vm.assertEq(b.write(t, lns[i % 5]), uint256(0), "ring of one stays at index 0");
            _assertSameSlots(a, b, 1);
        }
        vm.assertTrue(vm.load(address(a), bytes32(BASE)) != 0, "slot written");
    }

    function _grow(CompactWriter a, CompactWriter b, uint256 from, uint256 to) private returns (uint256) {
        a.grow(from, to);
        b.grow(from, to);
        return to;
    }

    function _assertSameSlots(CompactWriter a, CompactWriter b, uint256 capacity) private view {
        for (uint256 s; s <= capacity / 2; ++s) {
            bytes32 slot = bytes32(BASE + s);
            vm.assertEq(vm.load(address(a), slot), vm.load(address(b), slot), string.concat("slot ", vm.toString(s)));
        }
    }
}
