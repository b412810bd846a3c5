// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Vm} from "../utils/Vm.sol";
import {ScriptedPriceSource} from "../oracle/ScriptedPriceSource.sol";
import {PriceRouter} from "../../src/oracle/PriceRouter.sol";
import {IPriceSource} from "../../src/interfaces/IPriceSource.sol";

/// @notice Drives a PriceRouter (as its owner) through random prices, source failures, clock moves and
///         reconfigurations over a pool of eight scripted sources.
contract PriceRouterHandler {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    uint256 internal constant POOL = 8;

    address public constant ASSET = address(0xA55E7);
    PriceRouter public immutable router;
    ScriptedPriceSource[POOL] internal _pool;

    uint256 public reconfigurations;

    constructor() {
        router = new PriceRouter(address(this));
        for (uint256 i; i < POOL; ++i) {
            _pool[i] = new ScriptedPriceSource(ASSET, 1e18 + i * 1e15);
        }
        reconfigure(0, 3, 2, 0.02e18);
    }

    function setPrice(uint256 i, uint256 price) external {
        _src(i).set(_bound(price, 0.8e18, 1.25e18), block.timestamp);
    }

    function setZeroPrice(uint256 i) external {
        _src(i).set(0, block.timestamp);
    }

    function setFutureTimestamp(uint256 i, uint256 ahead) external {
        ScriptedPriceSource s = _src(i);
        s.set(s.price(), block.timestamp + _bound(ahead, 1, 1 days));
    }

    function setMode(uint256 i, uint256 mode) external {
        _src(i).setMode(ScriptedPriceSource.Mode(_bound(mode, 0, uint256(type(ScriptedPriceSource.Mode).max))));
    }

    function heal(uint256 i) external {
        _src(i).setMode(ScriptedPriceSource.Mode.Ok);
    }

    function warp(uint256 dt) external {
        vm.warp(block.timestamp + _bound(dt, 1, 1 days));
    }

    function reconfigure(uint256 start, uint256 count, uint256 quorum, uint256 maxDeviation) public {
        count = _bound(count, 2, POOL);
        IPriceSource[] memory sources = new IPriceSource[](count);
        for (uint256 k; k < count; ++k) {
            sources[k] = _pool[(start % POOL + k) % POOL];
        }
        // casting to 'uint8' is safe because quorum is bounded by count <= 8
        // forge-lint: disable-next-line(unsafe-typecast)
        router.setSources(ASSET, sources, uint8(_bound(quorum, 1, count)), _bound(maxDeviation, 0.001e18, 0.5e18));
        ++reconfigurations;
    }

    function _src(uint256 i) internal view returns (ScriptedPriceSource) {
        return _pool[_bound(i, 0, POOL - 1)];
    }

    function _bound(uint256 x, uint256 lo, uint256 hi) internal pure returns (uint256) {
        return lo + x % (hi - lo + 1);
    }
}
