// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IWeightedPool} from "../interfaces/IWeightedPool.sol";
import {IWeightedPoolErrors} from "../pool/IWeightedPoolErrors.sol";

/// @title Read-only queries of a WeightedPool that the pool itself has no bytecode room for
/// @notice Stateless: deploy once and pass the pool. Every answer is computed from the pool's own views at the block
///         it is read, with the same rounding the pool's join uses, so the pool then takes exactly what was quoted.
///         Moved here from WeightedPool to free runtime bytecode under EIP-170 for the cheaper oracle write
///         (issue 13 §7): `pool.queryJoinGivenAmounts(max)` is now `lens.queryJoinGivenAmounts(pool, max)`.
contract WeightedPoolLens is IWeightedPoolErrors {
    /// @notice The largest proportional join of `pool` within `maxAmountsIn`: lpOut = min_i floor(max_i * supply /
    ///         B_i), and the amounts pool.joinPool(lpOut, maxAmountsIn, ...) would take for it now (pool.queryJoin:
    ///         each ceil(B_i * lpOut / supply) <= max_i, since lpOut <= max_i * supply / B_i).
    /// @dev Reverts PoolNotInitialized before the first join (that join takes its amounts exactly; nothing to size)
    ///      and LengthMismatch when maxAmountsIn does not have one entry per token.
    function queryJoinGivenAmounts(IWeightedPool pool, uint256[] calldata maxAmountsIn)
        external
        view
        returns (uint256 lpOut, uint256[] memory amountsIn)
    {
        uint256[] memory balances = pool.getBalances();
        if (maxAmountsIn.length != balances.length) revert LengthMismatch(balances.length, maxAmountsIn.length);
        uint256 supply = IERC20(address(pool)).totalSupply();
        if (supply == 0) revert PoolNotInitialized();
        lpOut = type(uint256).max;
        for (uint256 t; t < balances.length; ++t) {
            uint256 lp = Math.mulDiv(maxAmountsIn[t], supply, balances[t]);
            if (lp < lpOut) lpOut = lp;
        }
        amountsIn = pool.queryJoin(lpOut);
    }
}
