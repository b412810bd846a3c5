// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {FixedPoint} from "../../src/libraries/FixedPoint.sol";
import {LogExpMath} from "../../src/libraries/LogExpMath.sol";
import {WeightedMath} from "../../src/libraries/WeightedMath.sol";

/// @notice External wrappers around the internal math libraries, so tests can expect reverts (which need a call
///         frame) and measure a call in isolation.
contract MathHarness {
    function mulDown(uint256 a, uint256 b) external pure returns (uint256) {
        return FixedPoint.mulDown(a, b);
    }

    function divDown(uint256 a, uint256 b) external pure returns (uint256) {
        return FixedPoint.divDown(a, b);
    }

    function divUp(uint256 a, uint256 b) external pure returns (uint256) {
        return FixedPoint.divUp(a, b);
    }

    function powDown(uint256 x, uint256 y) external pure returns (uint256) {
        return FixedPoint.powDown(x, y);
    }

    function lnWad(int256 x) external pure returns (int256) {
        return LogExpMath.lnWad(x);
    }

    function expWad(int256 x) external pure returns (int256) {
        return LogExpMath.expWad(x);
    }

    function pow(uint256 x, uint256 y) external pure returns (uint256) {
        return LogExpMath.pow(x, y);
    }

    function lnRatioQ96(uint256 a, uint256 b) external pure returns (int256) {
        return LogExpMath.lnRatioQ96(a, b);
    }

    function expm1Q96(int256 t) external pure returns (int256) {
        return LogExpMath.expm1Q96(t);
    }

    function calcOutGivenIn(uint256 bi, uint256 wi, uint256 bo, uint256 wo, uint256 ai)
        external
        pure
        returns (uint256)
    {
        return WeightedMath.calcOutGivenIn(bi, wi, bo, wo, ai);
    }

    function calcInGivenOut(uint256 bi, uint256 wi, uint256 bo, uint256 wo, uint256 ao)
        external
        pure
        returns (uint256)
    {
        return WeightedMath.calcInGivenOut(bi, wi, bo, wo, ao);
    }

    function calcInvariantDown(uint256[] memory balances, uint256[] memory weights) external pure returns (uint256) {
        return WeightedMath.calcInvariantDown(balances, weights);
    }

    function calcLpOutGivenExactTokenIn(uint256 b, uint256 w, uint256 a, uint256 s, uint256 fee)
        external
        pure
        returns (uint256)
    {
        return WeightedMath.calcLpOutGivenExactTokenIn(b, w, a, s, fee);
    }

    function calcTokenOutGivenExactLpIn(uint256 b, uint256 w, uint256 l, uint256 s, uint256 fee)
        external
        pure
        returns (uint256)
    {
        return WeightedMath.calcTokenOutGivenExactLpIn(b, w, l, s, fee);
    }

    function calcSpotPrice(uint256 bb, uint256 wb, uint256 bq, uint256 wq) external pure returns (uint256) {
        return WeightedMath.calcSpotPrice(bb, wb, bq, wq);
    }
}
