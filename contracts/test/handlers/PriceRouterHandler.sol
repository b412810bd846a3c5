// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Vm} from "../utils/Vm.sol";
import {HandlerLog} from "./HandlerLog.sol";
import {ScriptedPriceSource} from "../oracle/ScriptedPriceSource.sol";
import {PriceRouter} from "../../src/oracle/PriceRouter.sol";
import {IPriceSource} from "../../src/interfaces/IPriceSource.sol";

/// @notice Drives a PriceRouter (as its owner) through random prices, source failures, clock moves and
///         reconfigurations over a pool of eight scripted sources. No action catches a revert (the invariant test
///         runs with fail-on-revert), so every counted call went through; after each one the handler asks the router
///         for the price and counts the outcome, so the log shows how often each branch of the invariant was checked.
contract PriceRouterHandler {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    uint256 internal constant POOL = 8;

    address public constant ASSET = address(0xA55E7);
    PriceRouter public immutable router;
    ScriptedPriceSource[POOL] internal _pool;

    uint256 public reconfigurations;
    mapping(bytes32 => uint256) public successes;
    // outcomes of getPrice after each action
    uint256 public probes;
    uint256 public served;
    uint256 public quorumNotMet;
    uint256 public disagreed;
    uint256 public otherErrors; // any other revert: must stay zero

    constructor() {
        router = new PriceRouter(address(this));
        for (uint256 i; i < POOL; ++i) {
            _pool[i] = new ScriptedPriceSource(ASSET, 1e18 + i * 1e15);
        }
        reconfigure(0, 3, 2, 0.02e18);
    }

    function setPrice(uint256 i, uint256 price) external {
        _src(i).set(_bound(price, 0.8e18, 1.25e18), block.timestamp);
        _done("setPrice");
    }

    function setZeroPrice(uint256 i) external {
        _src(i).set(0, block.timestamp);
        _done("setZeroPrice");
    }

    function setFutureTimestamp(uint256 i, uint256 ahead) external {
        ScriptedPriceSource s = _src(i);
        s.set(s.price(), block.timestamp + _bound(ahead, 1, 1 days));
        _done("setFutureTimestamp");
    }

    function setMode(uint256 i, uint256 mode) external {
        _src(i).setMode(ScriptedPriceSource.Mode(_bound(mode, 0, uint256(type(ScriptedPriceSource.Mode).max))));
        _done("setMode");
    }

    function heal(uint256 i) external {
        _src(i).setMode(ScriptedPriceSource.Mode.Ok);
        _done("heal");
    }

    function warp(uint256 dt) external {
        vm.warp(block.timestamp + _bound(dt, 1, 1 days));
        _done("warp");
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
        _done("reconfigure");
    }

    /// @notice One line: getPrice outcomes after the run's actions.
    function logCounts() external view {
        HandlerLog.log(
            string.concat(
                "router handler: ",
                vm.toString(probes),
                " actions, then getPrice served ",
                vm.toString(served),
                ", QuorumNotMet ",
                vm.toString(quorumNotMet),
                ", SourcesDisagree ",
                vm.toString(disagreed),
                ", other ",
                vm.toString(otherErrors)
            )
        );
    }

    function _done(bytes32 action) internal {
        ++successes[action];
        ++probes;
        try router.getPrice(ASSET) {
            ++served;
        } catch (bytes memory reason) {
            bytes4 sel = reason.length >= 4 ? bytes4(reason) : bytes4(0);
            if (sel == PriceRouter.QuorumNotMet.selector) ++quorumNotMet;
            else if (sel == PriceRouter.SourcesDisagree.selector) ++disagreed;
            else ++otherErrors;
        }
    }

    function _src(uint256 i) internal view returns (ScriptedPriceSource) {
        return _pool[_bound(i, 0, POOL - 1)];
    }

    function _bound(uint256 x, uint256 lo, uint256 hi) internal pure returns (uint256) {
        return lo + x % (hi - lo + 1);
    }
}
